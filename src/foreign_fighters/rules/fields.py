"""Field rules (types, required, unique, enums, ranges, patterns, keys, hash and bytes), checked
by frictionless against the schema in ``datapackage.json``."""

from __future__ import annotations

from typing import Any

from ..package import DESCRIPTOR, Package
from ..report import Issue
from ..tables import Table

V2_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
STALE_HINT = "; if you edited the file on purpose, run 'make hashes'"


def check_fields(package: Package, tables: dict[str, Table]) -> list[Issue]:
    import frictionless

    # Pin the official v2 profile: frictionless would try to download any other "$schema" URL.
    descriptor = dict(package.descriptor, **{"$schema": V2_PROFILE})
    try:
        with frictionless.system.use_context(trusted=False):
            report = frictionless.Package(descriptor, basepath=str(package.base)).validate()
    except frictionless.FrictionlessException as exc:
        return [Issue("frictionless", str(exc.error.message if hasattr(exc, "error") else exc), path=DESCRIPTOR)]
    issues = [Issue(f"frictionless-{e.type}", e.message, path=DESCRIPTOR) for e in report.errors]
    for task in report.tasks:
        table = tables.get(task.name)
        path = table.path if table else task.place
        for error in task.errors:
            issues.append(_issue(error, task.name, path, table))
    return issues


def _issue(error: Any, resource: str, path: str, table: Table | None) -> Issue:
    row = getattr(error, "row_number", None)
    line = table.line(row) if table and row else None
    field = getattr(error, "field_name", None) or getattr(error, "label", None)
    if field is None and getattr(error, "field_names", None):
        field = ",".join(error.field_names)
    if error.type in ("incorrect-label", "blank-label", "duplicate-label", "missing-label", "extra-label"):
        line = 1
    message = error.note or error.message
    cell = getattr(error, "cell", None)
    if error.type in ("type-error", "constraint-error") and cell is not None:
        message = f"{cell!r}: {message}"
    elif error.type in ("hash-count", "byte-count"):
        message = f"{error.title}: {message}{STALE_HINT}"
    elif error.type in ("foreign-key", "primary-key", "unique-error"):
        message = error.message.split(": ", 1)[-1] if error.type != "unique-error" else message
    return Issue(error.type, message, resource=resource, path=path, line=line, field=field)
