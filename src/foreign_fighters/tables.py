"""CSV bytes to a frame the rules can check, keeping each row's physical line in the file.

Validation must go on past bad cells, so unlike ``load()`` nothing here fails on a value: a cell
that is not of its field's type becomes NA (frictionless reports it) and the rules skip it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .schema import field_names, lenient_dtype, missing_values


@dataclass
class Table:
    resource: str
    path: str
    header: list[str]
    frame: pd.DataFrame  # lenient dtypes; index is the frictionless row number (header = 1)
    lines: dict[int, int] | None  # row number -> CSV line it starts on; None: the same number
    schema: dict[str, Any]

    @property
    def primary_key(self) -> list[str]:
        key = self.schema.get("primaryKey", [])
        return [key] if isinstance(key, str) else list(key)

    @property
    def header_matches(self) -> bool:
        return self.header == list(self.frame.columns)

    def line(self, row_number: int | None) -> int | None:
        if row_number is None:
            return None
        return int(row_number) if self.lines is None else self.lines.get(int(row_number))


class NotUtf8(ValueError):
    def __init__(self, line: int, byte: int, problem: str = "") -> None:
        super().__init__(problem or f"not UTF-8: invalid byte at offset {byte}")
        self.line, self.byte = line, byte


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        # pandas would read the mark into the first column's name; spreadsheets add it silently.
        raise NotUtf8(1, 0, "starts with a byte order mark (as Excel's 'CSV UTF-8' writes): save it without one")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotUtf8(data.count(b"\n", 0, exc.start) + 1, exc.start) from None


def read_table(
    text: str, resource: str, schema: dict[str, Any], path: str, dialect: tuple[str, str] = (",", '"')
) -> Table:
    names = field_names(schema)
    header, rows, lines = _read_fast(text, dialect) or _read_exact(text, dialect)
    width = len(names)
    cells = rows.reindex(columns=range(width), fill_value="").fillna("")
    cells.columns = names
    cells = cells.astype("string")
    blank = (cells == "").all(axis=1) if len(cells) else pd.Series(dtype=bool)
    raw = cells[~blank]  # blank rows: frictionless reports them
    return Table(resource, path, header, coerce(raw, schema), lines, schema)


def _read_fast(text: str, dialect: tuple[str, str]) -> tuple[list[str], pd.DataFrame, None] | None:
    """pandas' C parser, when every record sits on one line (so record n is on line n); else None."""
    if "\r" in text:
        return None  # a CR could end a record without ending a line as counted here
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=dialect[0],
            quotechar=dialect[1],
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None  # ragged rows, an empty file: the exact reader says what there is
    if len(frame) != text.count("\n") + (not text.endswith("\n")):
        return None
    header = [str(c) for c in frame.iloc[0]] if len(frame) else []
    rows = frame.iloc[1:]
    rows.index = pd.RangeIndex(2, len(frame) + 1)
    return header, rows, None


def _read_exact(text: str, dialect: tuple[str, str]) -> tuple[list[str], pd.DataFrame, dict[int, int]]:
    """The csv module, tracking the line each record starts on (a cell may hold line breaks)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect[0], quotechar=dialect[1])
    header: list[str] = []
    rows: list[list[str]] = []
    lines: dict[int, int] = {}
    start = 1
    limit = csv.field_size_limit()
    # A long cell is data to check, not an error; with the limit lifted, the default (non-strict)
    # dialect reads any text, so there is no CSV syntax error to catch.
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        for record in reader:
            if not lines:  # the first record is the header
                header = record
                lines[1] = 1
            else:
                lines[len(rows) + 2] = start
                rows.append(record)
            start = reader.line_num + 1
    finally:
        csv.field_size_limit(limit)
    width = max(map(len, rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]  # ragged rows: frictionless reports them
    frame = pd.DataFrame(rows, index=pd.RangeIndex(2, len(rows) + 2), dtype=object)
    return header, frame, lines


def coerce(raw: pd.DataFrame, schema: dict[str, Any]) -> pd.DataFrame:
    missing = missing_values(schema)
    out = {}
    for f in schema["fields"]:
        col = raw[f["name"]].mask(raw[f["name"]].isin(missing))
        dtype = lenient_dtype(f)
        if dtype == "Int64":
            num = pd.to_numeric(col, errors="coerce")
            col = num.where(num.notna() & (num % 1 == 0) & (num.abs() < 2**63)).astype("Float64").astype("Int64")
        elif dtype == "Float64":
            col = pd.to_numeric(col, errors="coerce").astype("Float64")
        elif dtype == "boolean":
            col = col.map({"true": True, "false": False}).astype("boolean")
        out[f["name"]] = col.astype(dtype) if dtype == "string" else col
    return pd.DataFrame(out, index=raw.index)
