"""The Excel workbook: one sheet per resource and a data dictionary sheet, every text cell stored as text."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

import foreign_fighters as ff


def records(frame: pd.DataFrame, schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Plain JSON values, typed by the schema: integer fields as integers, empty cells as null."""
    integers = {f["name"] for f in schema["fields"] if f["type"] == "integer"}
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{k: int(v) if k in integers and v is not None else v for k, v in row.items()} for row in rows]


def _text_cell(cell: Any, value: Any) -> None:
    """Write ``value``; text is always text, so '=SUM(...)' shows as typed and never runs."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value[:1] in "=+-@\t\r":
            cell.quotePrefix = True


def build_workbook(out: Path, dp: dict[str, Any], root: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for res in dp["resources"]:
        sheet = book.create_sheet(res["name"][:31])
        frame = ff.load(res["name"], source=root)
        sheet.append([None] * len(frame.columns))
        for col, value in enumerate(frame.columns, start=1):  # a header is text too, never a formula
            _text_cell(sheet.cell(1, col), str(value))
        for record in records(frame, res["schema"]):
            sheet.append([None] * len(record))
            for col, value in enumerate(record.values(), start=1):
                _text_cell(sheet.cell(sheet.max_row, col), value)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    sheet = book.create_sheet("data dictionary")
    sheet.append(["resource", "field", "type", "required", "constraints", "description"])
    for res in dp["resources"]:
        for f in res["schema"]["fields"]:
            c = dict(f.get("constraints", {}))
            required = "yes" if c.pop("required", False) else ""
            row = [
                res["name"],
                f["name"],
                f["type"],
                required,
                json.dumps(c, ensure_ascii=False) if c else "",
                f["description"],
            ]
            sheet.append([None] * len(row))
            for col, value in enumerate(row, start=1):
                _text_cell(sheet.cell(sheet.max_row, col), value)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    stamp = datetime.fromisoformat(dp["created"].replace("Z", "+00:00")).replace(tzinfo=None)
    book.properties.created = book.properties.modified = stamp
    book.properties.title = dp["title"]
    target = out / f"foreign-fighters-{dp['version']}.xlsx"
    book.save(target)
    return target
