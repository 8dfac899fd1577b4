"""Field rules: types, required, enums, ranges, patterns, the header, row shapes, keys, hash and
size. The reader checks cells, the header and rows (so ``load()`` refuses exactly what is reported
here); frictionless checks the keys and, as a second opinion, the cells again.

frictionless reads every row in pure Python. Where more than one CPU is free it runs in a worker
process, started before anything else, while the other rules run in this one. This module imports
neither pandas nor frictionless at import time, so the worker starts light.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any, cast

from ..package import Package, csv_dialect
from . import Rule, define

V2_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
REHASH = "make hashes"  # what records an edited CSV's new sha256 and bytes in datapackage.json
EVERY_CSV = "every CSV"
_ERROR_FIELDS = (
    "type", "title", "note", "message", "row_number", "field_name", "label", "cell",
    "field_names", "field_cells", "reference_field_names",
)  # fmt: skip


def _quoted(error: dict[str, Any]) -> list[str]:
    return re.findall(r'"([^"]*)"', error.get("note") or "")


def _key_message(error: dict[str, Any]) -> str:
    line = error.get("other_line")  # the CSV line of the row it duplicates, where known
    return f"duplicates the row on line {line}" if line else error["message"]


def _foreign_key_message(error: dict[str, Any]) -> str:
    cells = ", ".join(map(repr, error.get("field_cells") or []))
    target = ", ".join(error.get("reference_field_names") or []) or "the referenced field"
    return f"{cells} is not a value of {target} (foreign key)"


def _field(
    name: str, summary: str, message: Callable[[dict[str, Any]], str] | None = None, applies_to: str = EVERY_CSV
) -> Rule:
    return define(
        Rule(name, applies_to, summary, "field", message=message or (lambda e: e.get("note") or e["message"]))
    )


_field("encoding-utf-8", "the file is UTF-8, with no byte order mark.")
_field("hash-count", "the file's sha256 is the `hash` datapackage.json declares.")
_field("byte-count", "the file's size is the `bytes` datapackage.json declares.")
_field("incorrect-label", "each header cell is the schema's field name at that position.")
_field("missing-label", "the header has every field of the schema.")
_field("extra-label", "the header has no column the schema does not describe.")
_field("blank-row", "no row is blank.")
_field("missing-cell", "no row has fewer cells than the header.")
_field("extra-cell", "no row has more cells than the header.")
_field(
    "type-error",
    "each cell is of its field's type; integers and numbers in canonical form (ASCII digits, no sign, "
    "separator, leading zero or exponent; integers within 64 bits).",
    lambda e: f"{e['cell']!r} is not of type {_quoted(e)[0].split('/')[0]}" if _quoted(e) else e["message"],
)
_field(
    "constraint-error",
    "each cell keeps its field's constraints: required, enum, minimum, maximum, pattern, length.",
    lambda e: (
        f"{e['cell']!r} breaks the constraint {_quoted(e)[0]}: {_quoted(e)[1]}"
        if len(_quoted(e)) == 2
        else e["message"]
    ),
)
_field("primary-key", "no two rows share a primary key.", _key_message)
_field("unique-error", "no two rows share a value in a `unique` field.", _key_message)
_field("foreign-key", "each foreign key names a row that exists.", _foreign_key_message)
_field(
    "rules-applicable",
    "the schema has each field a rule below reads, with the type it needs: a rule that cannot run is an error, never a skip.",
)
_field("field-rules", "any other rule frictionless checks on the package (its error type is named).",
       lambda e: f"{e['type']}: {e.get('note') or e['message']}")  # fmt: skip
_field(
    "field-rules-run",
    "frictionless could open the package and check its field rules (it fails on a descriptor it cannot read).",
    lambda e: f"frictionless could not check the package: {e['message']}",
    applies_to="datapackage.json",
)


# ---- frictionless, in a worker where it can run beside the rest -----------------------------------
def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# Below this many bytes of data a worker started for the package alone costs more than it saves
# (measured: about 0.3 s to start one, against 3 s of frictionless per 100,000 rows, about 10 MB).
PARALLEL_BYTES = 1_000_000


def is_large(package: Package) -> bool:
    sizes = [r.get("bytes") for r in package.resources]
    return sum(s for s in sizes if isinstance(s, int) and not isinstance(s, bool) and s > 0) >= PARALLEL_BYTES


def _warm() -> None:
    import frictionless  # noqa: F401  (the import is most of frictionless' start-up)


def start_worker() -> ProcessPoolExecutor | None:
    """A worker process already importing frictionless, where a second CPU is free; else None."""
    if cpus() < 2 or os.environ.get("FOREIGN_FIGHTERS_NO_WORKER"):
        return None
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
        pool.submit(_warm)
        return pool
    except (OSError, NotImplementedError, RuntimeError):  # no processes here: run in-process
        return None


def frictionless_descriptor(package: Package, readable: set[str] | None = None) -> dict[str, Any]:
    """The descriptor frictionless checks: the official v2 profile pinned (it would fetch any other
    "$schema"), the declared dialect made explicit (it would sniff one), and no hash or bytes
    (the reader checked them on the very bytes frictionless reads); only the resources read."""
    descriptor = dict(package.descriptor, **{"$schema": V2_PROFILE})
    resources = []
    for res in package.descriptor["resources"]:
        if isinstance(res, dict):
            delimiter, quote = csv_dialect(res)
            # No "$schema" below the package either: frictionless would fetch it. The contract keeps
            # the schema inline; a local package makes no network request.
            res = {k: v for k, v in res.items() if k not in ("hash", "bytes", "$schema")}
            if isinstance(res.get("schema"), dict):
                res["schema"] = {k: v for k, v in res["schema"].items() if k != "$schema"}
            res["dialect"] = {"delimiter": delimiter, "quoteChar": quote, "header": True}
        resources.append(res)
    if readable is not None:  # a file that could not be read is reported already: not again as missing
        kept = [r for r in resources if not isinstance(r, dict) or r.get("path") in readable]
        gone = {r.get("name") for r in resources if isinstance(r, dict)} - {r.get("name") for r in kept if isinstance(r, dict)}  # fmt: skip
        resources = [_without_keys_to(r, gone) if gone else r for r in kept]
    descriptor["resources"] = resources
    return descriptor


def _without_keys_to(res: Any, gone: set[Any]) -> Any:
    """The resource without its foreign keys to resources left out (nor would they say more)."""
    schema = res.get("schema") if isinstance(res, dict) else None
    if not isinstance(schema, dict) or not isinstance(schema.get("foreignKeys"), list):
        return res
    keys = [
        fk
        for fk in schema["foreignKeys"]
        if not (
            isinstance(fk, dict) and isinstance(fk.get("reference"), dict) and fk["reference"].get("resource") in gone
        )
    ]
    return dict(res, schema=dict(schema, foreignKeys=keys))


def run_frictionless(descriptor: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
    """frictionless's findings as plain data (picklable, for the worker), over a private copy of
    exactly the bytes the reader checked: {"failed": message} or {"package": [...], resource: [...]}."""
    import frictionless

    def plain(error: Any) -> dict[str, Any]:
        return {k: getattr(error, k, None) for k in _ERROR_FIELDS}

    with tempfile.TemporaryDirectory(prefix="foreign-fighters-") as tmp:
        for name, data in files.items():
            target = Path(tmp, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        try:
            with frictionless.system.use_context(trusted=False):
                report = frictionless.Package(descriptor, basepath=tmp).validate()
        except Exception as exc:  # a descriptor frictionless cannot even open: the field rules did not run
            failed = isinstance(exc, frictionless.FrictionlessException)
            return {
                "failed": cast(frictionless.FrictionlessException, exc).error.message
                if failed
                else f"{type(exc).__name__}: {exc}"
            }
    found: dict[str, Any] = {"package": [plain(e) for e in report.errors]}
    for task in report.tasks:
        found[task.name] = [plain(e) for e in task.errors]
    return found


def submit(
    pool: ProcessPoolExecutor | None, descriptor: dict[str, Any], files: dict[str, bytes]
) -> Future[dict[str, Any]] | None:
    if pool is None:
        return None
    try:
        job = pool.submit(run_frictionless, descriptor, files)
    except RuntimeError:  # the pool broke
        return None
    pool.shutdown(wait=False)  # the job still runs; the worker exits when it is done
    return job


def result(job: Future[dict[str, Any]] | None, descriptor: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
    try:
        if job is not None:
            return job.result()
    except Exception:  # the worker died (killed, out of memory): do the work here instead
        pass
    return run_frictionless(descriptor, files)


def rule_for(error_type: str) -> str:
    from . import RULES

    return error_type if error_type in RULES and RULES[error_type].kind == "field" else "field-rules"
