"""The Excel workbook: an About sheet, one sheet per resource and a data dictionary sheet.

Every text cell is stored as text, and every column is as wide as its longest text (up to a cap,
beyond which the column wraps), so the workbook reads well when it is opened.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, cast

import pandas as pd

import foreign_fighters as ff

from .publication import apa, citation_file, publication, report
from .safe import md_unescape

ABOUT = "About"
DICTIONARY = "data dictionary"
SHEET_CHARS = 31  # Excel's longest sheet name
MAX_WIDTH = 60  # characters; a column with longer text is this wide and wraps
PADDING = 2  # characters beside the longest text, so it does not touch the next column
FIXED_DATE = datetime(2000, 1, 1)  # the zip's entries' date (release.FIXED_TIME): never the build's


def records(frame: pd.DataFrame, schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Plain JSON values, typed by the schema: integer fields as integers, empty cells as null."""
    integers = {f["name"] for f in schema["fields"] if f.get("type", "string") == "integer"}
    rows = cast(list[dict[str, Any]], frame.astype(object).where(frame.notna(), None).to_dict("records"))
    return [{k: int(v) if k in integers and v is not None else v for k, v in row.items()} for row in rows]


def _text_cell(cell: Any, value: Any) -> None:
    """Write ``value``; text is always text, so '=SUM(...)' shows as typed and never runs."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value[:1] in "=+-@\t\r":
            cell.quotePrefix = True


def _append(sheet: Any, row: list[Any]) -> None:
    """Append ``row`` cell by cell, so that each value goes through _text_cell."""
    sheet.append([None] * len(row))
    for col, value in enumerate(row, start=1):
        _text_cell(sheet.cell(sheet.max_row, col), value)


def _plain(markdown: str) -> str:
    """A citation line without its Markdown emphasis and escapes: a spreadsheet shows them as they are."""
    return md_unescape(re.sub(r"(?<!\\)\*((?:[^*\\]|\\.)+)\*", r"\1", markdown))


def about_rows(dp: dict[str, Any], root: Path) -> list[tuple[str, str]]:
    """What the workbook is, whence it comes and how to cite it, from the files that say so."""
    cff, pub = citation_file(root), publication(root)
    rep = report(cff)
    licence: dict[str, Any] = next(iter(dp.get("licenses") or []), {})
    data_citation, report_citation = (_plain(line) for line in apa(cff, pub))
    rows = [
        ("title", dp.get("title", "")),
        ("version", dp["version"]),
        ("description", dp.get("description", "")),
        ("source report", f"{rep['title']}, {rep['institution']['name']}, {rep['year']}"),
        ("source report URL", rep["url"]),
        ("licence", licence.get("title") or licence.get("name") or ""),
        ("licence URL", pub.license_url),
        ("homepage", pub.homepage),
        ("repository", pub.repository),
        ("DOI", pub.doi_url),
        ("cite the data as", data_citation),
        ("cite the report as", report_citation),
    ]
    sheets = sheet_names(dp)
    rows += [(f"sheet {sheets[r['name']]}", r.get("title", "")) for r in dp["resources"]]
    rows.append((f"sheet {DICTIONARY}", "every field of every sheet: its type, constraints and meaning"))
    return [(label, value) for label, value in rows if value]  # no DOI row until there is a DOI


def sheet_names(dp: dict[str, Any]) -> dict[str, str]:
    """Each resource's sheet: its name, cut to Excel's 31 characters and made unique, as Excel compares
    sheet names (ignoring case, so that a resource "about" does not clash with the About sheet)."""
    taken = {ABOUT.casefold(), DICTIONARY.casefold()}
    sheets = {}
    for res in dp["resources"]:
        name, count = str(res["name"]), 1
        title = name[:SHEET_CHARS]
        while title.casefold() in taken:
            count += 1
            title = f"{name[: SHEET_CHARS - len(str(count)) - 1]}~{count}"
        taken.add(title.casefold())
        sheets[name] = title
    return sheets


def _shown(value: Any) -> str:
    """The text a spreadsheet shows for ``value``: 1910.0 shows as 1910."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _longest_line(value: Any) -> int:
    return max((len(line) for line in _shown(value).splitlines()), default=0)


def fit_columns(sheet: Any) -> None:
    """Each column as wide as its longest text, capped at MAX_WIDTH; longer text wraps."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(sheet.iter_cols(), start=1):
        longest = max((_longest_line(cell.value) for cell in column), default=0)
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + PADDING, MAX_WIDTH)
        if longest + PADDING > MAX_WIDTH:
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _bold(cells: Iterable[Any]) -> None:
    from openpyxl.styles import Font

    for cell in cells:
        cell.font = Font(bold=True)


def _about_sheet(book: Any, dp: dict[str, Any], root: Path) -> None:
    sheet = book.create_sheet(ABOUT)
    for row in about_rows(dp, root):
        _append(sheet, list(row))
    _bold(sheet["A"])


def _resource_sheet(book: Any, res: dict[str, Any], root: Path, title: str) -> None:
    sheet = book.create_sheet(title)
    frame = ff.load(res["name"], source=root)
    _append(sheet, [str(c) for c in frame.columns])  # a header is text too, never a formula
    for record in records(frame, res["schema"]):
        _append(sheet, list(record.values()))
    _bold(sheet[1])
    sheet.freeze_panes = "A2"


def _dictionary_sheet(book: Any, dp: dict[str, Any]) -> None:
    sheet = book.create_sheet(DICTIONARY)
    _append(sheet, ["resource", "field", "type", "required", "constraints", "description"])
    for res in dp["resources"]:
        for f in res["schema"]["fields"]:
            c = dict(f.get("constraints", {}))
            required = "yes" if c.pop("required", False) else ""
            constraints = json.dumps(c, ensure_ascii=False) if c else ""
            row = [res["name"], f["name"], f.get("type", "string"), required, constraints, f.get("description", "")]
            _append(sheet, row)
    _bold(sheet[1])
    sheet.freeze_panes = "A2"


def build_workbook(out: Path, dp: dict[str, Any], root: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None  # a new workbook has one sheet, active
    book.remove(first)
    _about_sheet(book, dp, root)
    sheets = sheet_names(dp)
    for res in dp["resources"]:
        _resource_sheet(book, res, root, sheets[res["name"]])
    _dictionary_sheet(book, dp)
    for sheet in book.worksheets:
        fit_columns(sheet)
    # The descriptor's date, never the build's. `created` is optional in Data Package v2; without it
    # (or with a date Python cannot read) a fixed one stands in.
    try:
        stamp = datetime.fromisoformat(str(dp["created"]).replace("Z", "+00:00")).replace(tzinfo=None)
    except (KeyError, ValueError):
        stamp = FIXED_DATE
    book.properties.created = book.properties.modified = stamp
    book.properties.title = str(dp.get("title", ""))
    target = out / f"foreign-fighters-{dp['version']}.xlsx"
    book.save(target)
    return target
