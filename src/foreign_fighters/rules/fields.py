"""Field rules (types, required, unique, enums, ranges, patterns, keys, hash and bytes), checked
by frictionless against the schema in ``datapackage.json``.

frictionless reads every row in pure Python: on a large package it is most of the time, so there it
runs in a worker process while the other rules run in this one. This module imports neither pandas
nor frictionless at import time, so the worker starts light.
"""

from __future__ import annotations

import re
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import TYPE_CHECKING, Any

from ..package import DESCRIPTOR, Package, csv_dialect
from ..report import Issue

if TYPE_CHECKING:
    from ..tables import Table

V2_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
STALE_HINT = "; if you edited the file on purpose, run 'make hashes'"
# Below this many bytes of data, starting a worker costs more than it saves (measured: about 0.3 s
# to start one, against 3 s of frictionless per 100,000 rows, about 10 MB).
PARALLEL_BYTES = 1_000_000
_ERROR_FIELDS = (
    "type", "title", "note", "message", "row_number", "field_name", "label", "cell",
    "field_names", "field_cells", "reference_field_names",
)  # fmt: skip

Found = tuple[str, list[dict[str, Any]], dict[str, tuple[str, list[dict[str, Any]]]]]


def frictionless_descriptor(package: Package) -> dict[str, Any]:
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
    return descriptor


def run_frictionless(descriptor: dict[str, Any], basepath: str) -> Found:
    """frictionless's findings as plain data (picklable, for the worker):
    ("ok", package errors, {resource: (place, errors)}) or ("failed", [{"message": ...}], {})."""
    import frictionless

    def plain(error: Any) -> dict[str, Any]:
        return {k: getattr(error, k, None) for k in _ERROR_FIELDS}

    try:
        with frictionless.system.use_context(trusted=False):
            report = frictionless.Package(descriptor, basepath=basepath).validate()
    except Exception as exc:  # a descriptor frictionless cannot even open: the field rules did not run
        message = (
            exc.error.message if isinstance(exc, frictionless.FrictionlessException) else f"{type(exc).__name__}: {exc}"
        )
        return "failed", [{"message": message}], {}
    tasks = {task.name: (task.place, [plain(e) for e in task.errors]) for task in report.tasks}
    return "ok", [plain(e) for e in report.errors], tasks


def start(package: Package) -> Future[Found] | None:
    """frictionless started in a worker process for a large package; None to run it in-process."""
    size = sum(
        r.get("bytes", 0)
        for r in package.descriptor["resources"]
        if isinstance(r, dict) and isinstance(r.get("bytes"), int)
    )
    if size < PARALLEL_BYTES or package.base is None:
        return None
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
        job = pool.submit(run_frictionless, frictionless_descriptor(package), str(package.base))
        pool.shutdown(wait=False)  # the job still runs; the worker exits when it is done
        return job
    except (OSError, NotImplementedError, RuntimeError):  # no processes here: run in-process
        return None


def check_fields(package: Package, tables: dict[str, Table], job: Future[Found] | None = None) -> list[Issue]:
    try:
        found = job.result() if job is not None else None
    except Exception:  # the worker died (killed, out of memory): do the work here instead
        found = None
    if found is None:
        found = run_frictionless(frictionless_descriptor(package), str(package.base))
    status, package_errors, tasks = found
    if status == "failed":
        return [
            Issue(
                "field-rules-run",
                f"frictionless could not check the package: {package_errors[0]['message']}",
                path=DESCRIPTOR,
            )
        ]
    issues = [Issue(f"frictionless-{e['type']}", e["message"], path=DESCRIPTOR) for e in package_errors]
    for name, (place, errors) in tasks.items():
        table = tables.get(name)
        path = table.path if table else place
        found_issues = [_issue(error, name, path, table) for error in errors]
        # One message a row: a duplicated key is also a unique-error, a blank row also a key error.
        keyed = {i.line for i in found_issues if i.rule == "primary-key"}
        blank = {i.line for i in found_issues if i.rule == "blank-row"}
        issues += [
            i
            for i in found_issues
            if not (i.rule == "unique-error" and i.line in keyed) and not (i.rule == "primary-key" and i.line in blank)
        ]
    return issues


def _dialect(res: Any) -> tuple[str, str]:
    return csv_dialect(res) if isinstance(res, dict) else (",", '"')


def _line_of(table: Table | None, row: Any) -> int | None:
    return table.line(int(row)) if table and row else None


def _issue(error: dict[str, Any], resource: str, path: str, table: Table | None) -> Issue:
    kind, note, cell = error["type"], error["note"] or "", error["cell"]
    line = 1 if kind.endswith("-label") else _line_of(table, error["row_number"])
    field = error["field_name"] or error["label"] or (",".join(error["field_names"]) if error["field_names"] else None)
    message = note or error["message"]
    quoted = re.findall(r'"([^"]*)"', note)
    if kind == "type-error" and quoted:
        message = f"{cell!r} is not of type {quoted[0].split('/')[0]}"
    elif kind == "constraint-error" and len(quoted) == 2:
        message = f"{cell!r} breaks the constraint {quoted[0]}: {quoted[1]}"
    elif kind in ("hash-count", "byte-count") and len(quoted) == 2:
        what = "sha256" if kind == "hash-count" else "size in bytes"
        message = f"the file's {what} is {quoted[1]}, datapackage.json says {quoted[0]}{STALE_HINT}"
    elif kind == "foreign-key":
        cells = ", ".join(map(repr, error["field_cells"] or []))
        target = ", ".join(error["reference_field_names"] or []) or "the referenced field"
        message = f"{cells} is not a value of {target} (foreign key)"
    elif kind in ("primary-key", "unique-error"):
        other = re.search(r"position (\d+)", note)
        first = _line_of(table, other.group(1)) if other else None
        message = f"duplicates the row on line {first}" if first else message
        if kind == "primary-key" and table is not None:
            field = field or ",".join(table.primary_key)
    elif kind in ("missing-cell", "extra-cell", "blank-row"):
        message = {"missing-cell": "the row has too few cells", "extra-cell": "the row has too many cells"}.get(
            kind, "the row is blank"
        )
    return Issue(kind, message, resource=resource, path=path, line=line, field=field)
