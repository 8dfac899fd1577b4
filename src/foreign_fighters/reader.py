"""The one CSV reader: a resource's bytes -> text cells with their CSV lines -> a typed frame.

``load()``, ``validate()``, ``diff`` and the scripts all read through here, so they never disagree
about a cell: what ``validate`` reports as a problem, ``load()`` refuses, with the same words.
Numbers must be canonical (ASCII digits, no sign, separator or leading zero, within int64):
anything else is a type error here, whatever a more lenient parser would make of it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from .dtypes import FALSE_VALUES, TRUE_VALUES, dtype, field_names, missing_values, primary_key, table_schema
from .errors import SourceError

if TYPE_CHECKING:
    from .package import Contents

INTEGER = r"0|[1-9][0-9]*"
NUMBER = r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
INT64_MAX = 2**63 - 1
# Reports each cell of a field where a mask is True: flag(mask, rule, field name, the reason in words).
Flag = Callable[[pd.Series, str, str, str], None]
_SYNTAX = {
    "integer": "an integer: ASCII digits only, no sign, separator, leading zero or spaces",
    "number": "a number: ASCII digits with an optional '.' decimal part, no sign, separator or exponent",
    "boolean": "a boolean",
}


@dataclass(frozen=True)
class Problem:
    """A cell, a row or the header that breaks a field rule."""

    rule: str  # type-error, constraint-error, incorrect-label, missing-cell, extra-cell, blank-row, encoding-utf-8
    message: str
    line: int | None
    field: str | None = None


@dataclass
class Table:
    resource: str
    path: str
    schema: dict[str, Any]
    header: list[str]
    cells: pd.DataFrame  # text, one column per schema field; index: row number (header = 1)
    lines: dict[int, int] | None  # row number -> CSV line it starts on; None: the same number
    problems: list[Problem] = field(default_factory=list)  # what the reading itself found

    @property
    def primary_key(self) -> list[str]:
        return primary_key(self.schema)

    def line(self, row: int | None) -> int | None:
        if row is None:
            return None
        return int(row) if self.lines is None else self.lines.get(int(row))


def read(contents: Contents) -> Table:
    """Parse a resource's bytes with its declared dialect; SourceError if its schema is unusable."""
    res, path, data = contents.res, contents.path, contents.data
    schema = table_schema(res)
    if schema is None:
        raise SourceError(f"{path}: resource {res.get('name')!r} has no usable table schema")
    name = str(res.get("name"))
    try:
        text = _decode(data)
    except _NotUtf8 as exc:
        empty = pd.DataFrame({f: pd.Series(dtype="string") for f in field_names(schema)})
        return Table(name, path, schema, [], empty, None, [Problem("encoding-utf-8", str(exc), exc.line)])
    header, rows, lines, row_counts = _read_fast(text, contents.dialect) or _read_exact(text, contents.dialect)
    table = Table(name, path, schema, header, pd.DataFrame(), lines)
    names = field_names(schema)
    if header != names:
        table.problems += _header_problems(header, names)
    counts = pd.Series(row_counts, index=rows.index, dtype="int64")
    blank = (rows.fillna("") == "").all(axis=1) if len(rows) else pd.Series(dtype=bool)
    cells = rows.reindex(columns=range(len(names)), fill_value="").fillna("").astype("string")
    cells.columns = names
    for row in cells.index[blank]:
        table.problems.append(Problem("blank-row", "the row is blank", table.line(row)))
    for row, n in counts[~blank & (counts != len(names))].items():
        rule, what = ("missing-cell", "few") if n < len(names) else ("extra-cell", "many")
        table.problems.append(
            Problem(
                rule, f"the row has too {what} cells ({n}; the schema has {len(names)})", table.line(cast(int, row))
            )
        )
    table.cells = cells[~blank]
    return table


def typed(table: Table, nullable: bool = False) -> tuple[pd.DataFrame, list[Problem]]:
    """The table's columns typed by the schema, and each cell that breaks its field's type or
    constraints. A bad cell is NA in the frame. ``nullable``: every column may hold NA (validation
    goes on past bad cells); otherwise the dtypes are ``load()``'s."""
    cells = table.cells
    missing = missing_values(table.schema)
    out: dict[str, pd.Series] = {}
    problems: list[Problem] = []

    def flag(mask: pd.Series, rule: str, name: str, reason: str) -> None:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():  # the common case: nothing to report, nothing to index
            return
        for row, value in cells.loc[mask, name].items():
            shown = value if len(value) <= 60 else value[:57] + "..."
            problems.append(Problem(rule, f"{shown!r} {reason}", table.line(cast(int, row)), name))

    for f in table.schema["fields"]:
        name, kind = f["name"], f.get("type", "string")
        c = f.get("constraints", {})
        raw = cells[name]
        empty = raw.isin(missing)
        if c.get("required"):
            flag(empty, "constraint-error", name, "is empty, but the field is required")
        text = raw.mask(empty)
        if kind in ("integer", "number"):
            ok = text.str.fullmatch(INTEGER if kind == "integer" else NUMBER).fillna(False).astype(bool)
            flag(text.notna() & ~ok, "type-error", name, f"is not {_SYNTAX[kind]}")
            if kind == "integer":
                # Canonical digits compare by length, then as text: no int() of thousands of digits.
                length = text.str.len().fillna(0)
                too_big = ok & ((length > 19) | ((length == 19) & (text > str(INT64_MAX)).fillna(False))).astype(bool)
                flag(too_big, "type-error", name, "is too large: integers must fit in 64 bits")
                ok &= ~too_big
                series = text.where(ok).astype("Int64")
            else:
                # Past about 1.8e308 a float is infinite: no number, however written, is that.
                point = text.where(ok).str.find(".")
                whole = point.where(point >= 0, text.str.len()).fillna(0)
                too_big = ok & (whole > 308).astype(bool)
                flag(too_big, "type-error", name, "is too large: numbers must be below 1e308")
                ok &= ~too_big
                series = text.where(ok).astype("Float64")
            _range(f, series, flag, name)
            enum = c.get("enum")
            if enum is not None:
                allowed = [v for v in enum if isinstance(v, int | float) and not isinstance(v, bool)]
                flag(series.notna() & ~series.isin(allowed), "constraint-error", name, f"is not one of {enum}")
        elif kind == "boolean":
            trues, falses = f.get("trueValues", TRUE_VALUES), f.get("falseValues", FALSE_VALUES)
            series = pd.Series(pd.NA, index=text.index, dtype="boolean")
            series[text.isin(trues).fillna(False).astype(bool)] = True
            series[text.isin(falses).fillna(False).astype(bool)] = False
            words = ", ".join(trues + falses)
            flag(text.notna() & series.isna(), "type-error", name, f"is not {_SYNTAX['boolean']} ({words})")
        else:
            series = text.astype("string")
            _text_constraints(c, series, flag, name)
        want = dtype(f, nullable)
        if isinstance(want, pd.CategoricalDtype):
            flag(
                series.notna() & ~series.isin(want.categories),
                "constraint-error",
                name,
                f"is not one of {list(want.categories)}",
            )
            series = series.where(series.isin(want.categories)).astype(want)
        elif want == "int64" and series.isna().any():
            want = "Int64"  # only reached with problems already reported
        out[name] = series.astype(want)
    frame = pd.DataFrame(out, index=cells.index)
    return frame, sorted(problems, key=lambda p: (p.line or 0, p.field or ""))


def _range(f: dict[str, Any], series: pd.Series, flag: Flag, name: str) -> None:
    c = f.get("constraints", {})
    for key, op, words in (("minimum", "lt", "below the minimum"), ("maximum", "gt", "above the maximum")):
        bound = c.get(key)
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            flag(getattr(series, op)(bound), "constraint-error", name, f"is {words} {bound:g}")


def _text_constraints(c: dict[str, Any], series: pd.Series, flag: Flag, name: str) -> None:
    pattern = c.get("pattern")
    if isinstance(pattern, str):
        try:
            regex = re.compile(pattern)
        except re.error:
            regex = None  # the descriptor rules report the pattern itself
        if regex is not None:
            matches = series.map(lambda s: s is pd.NA or bool(regex.fullmatch(s)), na_action=None)
            flag(~matches.astype(bool), "constraint-error", name, f"does not match the pattern {pattern}")
    for key, op, words in (("minLength", "lt", "shorter than"), ("maxLength", "gt", "longer than")):
        bound = c.get(key)
        if isinstance(bound, int) and not isinstance(bound, bool):
            flag(getattr(series.str.len(), op)(bound), "constraint-error", name, f"is {words} {bound} characters")
    enum = c.get("enum")
    if enum is not None and not all(isinstance(v, str) for v in enum):
        flag(series.notna() & ~series.isin([str(v) for v in enum]), "constraint-error", name, f"is not one of {enum}")


def refuse(table: Table, problems: list[Problem]) -> None:
    """For ``load()``: SourceError naming the first problem's file, line, field and rule."""
    if problems:
        p = problems[0]
        where = ", ".join(x for x in (f"line {p.line}" if p.line else "", f"field {p.field!r}" if p.field else "") if x)
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise SourceError(f"{table.path}: {where}: {p.message} [{p.rule}]{more}; run 'foreign-fighters validate'")


def _header_problems(header: list[str], names: list[str]) -> list[Problem]:
    out = []
    for i, name in enumerate(names):
        if i >= len(header):
            out.append(Problem("missing-label", f"the header has no column {name!r}", 1, name))
        elif header[i] != name:
            out.append(
                Problem("incorrect-label", f"column {i + 1} is {header[i]!r}, the schema says {name!r}", 1, name)
            )
    out += [
        Problem("extra-label", f"column {i + 1} ({h!r}) is not in the schema", 1, h)
        for i, h in enumerate(header[len(names) :], len(names))
    ]
    return out


class _NotUtf8(ValueError):
    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        # pandas would read the mark into the first column's name; spreadsheets add it silently.
        raise _NotUtf8(1, "starts with a byte order mark (as Excel's 'CSV UTF-8' writes): save it without one")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _NotUtf8(data.count(b"\n", 0, exc.start) + 1, f"not UTF-8: invalid byte at offset {exc.start}") from None


def _read_fast(text: str, dialect: tuple[str, str]) -> tuple[list[str], pd.DataFrame, None, list[int]] | None:
    """pandas' C parser, when every record sits on one line (so record n is on line n); else None."""
    if "\r" in text or "\x00" in text:
        return None  # a CR could end a record without ending a line as counted here
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=dialect[0], quotechar=dialect[1], header=None, dtype=str,
            keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
        )  # fmt: skip
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None  # ragged rows, an empty file: the exact reader says what there is
    if len(frame) != text.count("\n") + (not text.endswith("\n")):
        return None
    delimiter, quote = dialect
    records = text.split("\n")[1 : len(frame)]
    # pandas pads a short row with empty cells: count each record's cells to tell them apart
    # (the csv module only for records with a quote character, where a delimiter may be text).
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # a long cell is data to check, not an error
    try:
        counts = [
            len(next(csv.reader([r], delimiter=delimiter, quotechar=quote), []))
            if quote in r
            else (r.count(delimiter) + 1 if r else 0)
            for r in records
        ]
    finally:
        csv.field_size_limit(limit)
    header = [str(c) for c in frame.iloc[0]] if len(frame) else []
    rows = frame.iloc[1:]
    rows.index = pd.RangeIndex(2, len(frame) + 1)
    rows.columns = pd.RangeIndex(rows.shape[1])  # what pandas makes of range(rows.shape[1])
    return header, rows, None, counts


def _read_exact(text: str, dialect: tuple[str, str]) -> tuple[list[str], pd.DataFrame, dict[int, int], list[int]]:
    """The csv module, tracking the line each record starts on (a cell may hold line breaks)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect[0], quotechar=dialect[1])
    rows: list[list[str]] = []
    lines: dict[int, int] = {}  # record (2 is the first after the header) -> the line it starts on
    limit = csv.field_size_limit()
    # A long cell is data to check, not an error; with the limit lifted, the default (non-strict)
    # dialect reads any text, so there is no CSV syntax error to catch.
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        header = next(reader, [])
        ended = reader.line_num  # the line the last record read ends on
        for record in reader:
            lines[len(rows) + 2] = ended + 1
            rows.append(record)
            ended = reader.line_num
    finally:
        csv.field_size_limit(limit)
    width = max(map(len, rows), default=0)
    padded = [r + [""] * (width - len(r)) for r in rows]
    frame = pd.DataFrame(padded, index=pd.RangeIndex(2, len(rows) + 2), columns=range(width), dtype=object)
    return header, frame, lines, [len(r) for r in rows]
