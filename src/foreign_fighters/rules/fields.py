"""Field rules (types, required, unique, enums, ranges, patterns, keys, hash and bytes), checked
by frictionless against the schema in ``datapackage.json``."""

from __future__ import annotations

import re
from typing import Any

from ..package import DESCRIPTOR, Package, csv_dialect
from ..report import Issue
from ..tables import Table

V2_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
STALE_HINT = "; if you edited the file on purpose, run 'make hashes'"


def check_fields(package: Package, tables: dict[str, Table]) -> list[Issue]:
    import frictionless

    # Pin the official v2 profile: frictionless would try to download any other "$schema" URL.
    descriptor = dict(package.descriptor, **{"$schema": V2_PROFILE})
    # Read the CSVs exactly as this package does: with the declared dialect, never a sniffed one
    # (frictionless would otherwise accept a semicolon-separated file that load() cannot read).
    descriptor["resources"] = [
        dict(r, dialect={"delimiter": d, "quoteChar": q, "header": True}) if isinstance(r, dict) else r
        for r, (d, q) in zip(
            package.descriptor["resources"], map(_dialect, package.descriptor["resources"]), strict=True
        )
    ]
    try:
        with frictionless.system.use_context(trusted=False):
            report = frictionless.Package(descriptor, basepath=str(package.base)).validate()
    except Exception as exc:  # a descriptor frictionless cannot even open: the field rules did not run
        message = (
            exc.error.message if isinstance(exc, frictionless.FrictionlessException) else f"{type(exc).__name__}: {exc}"
        )
        return [Issue("field-rules-run", f"frictionless could not check the package: {message}", path=DESCRIPTOR)]
    issues = [Issue(f"frictionless-{e.type}", e.message, path=DESCRIPTOR) for e in report.errors]
    for task in report.tasks:
        table = tables.get(task.name)
        path = table.path if table else task.place
        found = [_issue(error, task.name, path, table) for error in task.errors]
        # One message a row: a duplicated key is also a unique-error, a blank row also a key error.
        keyed = {i.line for i in found if i.rule == "primary-key"}
        blank = {i.line for i in found if i.rule == "blank-row"}
        issues += [
            i
            for i in found
            if not (i.rule == "unique-error" and i.line in keyed) and not (i.rule == "primary-key" and i.line in blank)
        ]
    return issues


def _dialect(res: Any) -> tuple[str, str]:
    return csv_dialect(res) if isinstance(res, dict) else (",", '"')


def _line_of(table: Table | None, row: Any) -> int | None:
    return table.line(int(row)) if table and row else None


def _issue(error: Any, resource: str, path: str, table: Table | None) -> Issue:
    line = _line_of(table, getattr(error, "row_number", None))
    field = getattr(error, "field_name", None) or getattr(error, "label", None)
    if field is None and getattr(error, "field_names", None):
        field = ",".join(error.field_names)
    if error.type.endswith("-label"):
        line = 1
    message = error.note or error.message
    cell = getattr(error, "cell", None)
    quoted = re.findall(r'"([^"]*)"', error.note or "")
    if error.type == "type-error" and quoted:
        message = f"{cell!r} is not of type {quoted[0].split('/')[0]}"
    elif error.type == "constraint-error" and len(quoted) == 2:
        message = f"{cell!r} breaks the constraint {quoted[0]}: {quoted[1]}"
    elif error.type in ("hash-count", "byte-count") and len(quoted) == 2:
        what = "sha256" if error.type == "hash-count" else "size in bytes"
        message = f"the file's {what} is {quoted[1]}, datapackage.json says {quoted[0]}{STALE_HINT}"
    elif error.type == "foreign-key":
        cells = ", ".join(map(repr, getattr(error, "field_cells", [])))
        target = ", ".join(getattr(error, "reference_field_names", [])) or "the referenced field"
        message = f"{cells} is not a value of {target} (foreign key)"
    elif error.type in ("primary-key", "unique-error"):
        other = re.search(r"position (\d+)", error.note or "")
        first = _line_of(table, other.group(1)) if other else None
        message = f"duplicates the row on line {first}" if first else message
        if error.type == "primary-key" and table is not None:
            field = field or ",".join(table.primary_key)
    elif error.type in ("missing-cell", "extra-cell", "blank-row"):
        message = {"missing-cell": "the row has too few cells", "extra-cell": "the row has too many cells"}.get(
            error.type, "the row is blank"
        )
    return Issue(error.type, message, resource=resource, path=path, line=line, field=field)
