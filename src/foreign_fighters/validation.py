"""``validate()``: orchestration only. The descriptor rules, then each resource read once (bytes
verified, cells typed: the field rules), then the text and relational rules through pandera, with
frictionless checking the keys beside them."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from typing import Any, TypedDict

from .errors import IntegrityError, SourceError
from .package import Package, integrity_problems, open_package
from .report import Issue, Report
from .rules import Rule, all_rules, reference, run_isolated
from .rules import fields as field_rules

DESCRIPTOR_PATH = "datapackage.json"


class _Where(TypedDict):
    """Where a resource's issue is: the keyword arguments of an Issue."""

    resource: str
    path: str


def validate(source: str | os.PathLike[str] | None = None, *, worker: bool | None = None) -> Report:
    """Check a data package against every rule: a package folder, a ``datapackage.json`` path, a
    ``.zip`` of a package, or the http(s) URL of a descriptor or a zip; by default the copy
    installed with this package.

    Returns a Report (``.valid``, ``.errors``, ``.warnings``); raises ``SourceError`` if the
    input cannot be read at all.

    ``worker``: run frictionless in a worker process beside the other rules (where a second CPU
    is free). True pays off for a one-off run, such as the command line's, since the two
    processes import their libraries at once; by default (None) only for a large package.
    """
    # First thing: frictionless imports there while pandas and pandera import here.
    pool = field_rules.start_worker() if worker else None
    try:
        package = open_package(source)
        if worker is None and field_rules.is_large(package):
            pool = field_rules.start_worker()
        return _validate(package, pool)
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _validate(package: Package, pool: Any) -> Report:
    report = Report(package.label, where={DESCRIPTOR_PATH: package.source.where("datapackage.json")})
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.timings[stage] = now - clock
        clock = now

    files = fetch_all(package, report)  # a missing file or an unsafe path: SourceError, before any rule
    rules = all_rules()
    descriptor_found = start_descriptor_rules(package, pool)
    lap("descriptor rules")
    contract_found = descriptor_found["contract"]
    if isinstance(contract_found, list) and contract_found:  # the rules cannot be trusted to run on this descriptor
        report.issues += descriptor_issues(descriptor_found)
        return report
    tables = read_all(package, files, report)
    descriptor = field_rules.frictionless_descriptor(package, set(files))
    job = field_rules.submit(pool, descriptor, files)
    lap("read and type the CSVs")
    names, problems, own = reference.of_package(package)
    report.issues += reference_issues(package, report, problems, own)
    unread = {str(res.get("name")) for res in package.resources if package.path_of(res) not in files}
    with reference.using(names):
        report.issues += run_rules(tables, rules, unread)
    lap("text and relational rules (pandera)")
    report.issues += descriptor_issues(descriptor_found)
    found = field_rules.result(job, descriptor, files)
    report.issues += frictionless_issues(found, tables, report.issues)
    lap("field rules (frictionless" + (", waited for)" if job else ")"))
    return report


def start_descriptor_rules(package: Package, pool: Any = None) -> dict[str, Any]:
    """Each descriptor rule's messages, or a future of them for a rule run in the worker."""
    args = (package.descriptor, package.bundled)
    found: dict[str, Any] = {}
    for r in all_rules().values():
        if r.kind == "descriptor":
            assert r.check is not None  # a descriptor rule is defined with its check
            isolated = r.isolated and pool is not None
            if isolated:
                found[r.name] = pool.submit(run_isolated, r.name, *args)
                continue
            try:
                found[r.name] = list(r.check(*args))
            except Exception as exc:  # contained: reported by descriptor_issues, the other rules still run
                found[r.name] = exc
    return found


def descriptor_issues(found: dict[str, Any]) -> list[Issue]:
    """Each descriptor rule's messages as issues; a rule that raised is one error that says so."""
    issues: list[Issue] = []
    for name, messages in found.items():
        if isinstance(messages, BaseException):  # raised in this process
            issues.append(could_not_run(name, messages, path=DESCRIPTOR_PATH))
            continue
        try:
            messages = messages if isinstance(messages, list) else messages.result()
        except Exception as exc:  # raised in the worker
            issues.append(could_not_run(name, exc, path=DESCRIPTOR_PATH))
            continue
        issues += [Issue(name, message, path=DESCRIPTOR_PATH) for message in messages]
    return issues


def could_not_run(name: str, exc: BaseException, **where: Any) -> Issue:
    """The one error for a rule that raised instead of checking: every kind of rule alike."""
    return Issue("rules-applicable", f"{name} could not run: {type(exc).__name__}: {str(exc)[:200]}", **where)


# An edited CSV grows by a few rows: read up to this much past its declared size, so that the data
# rules check what it holds in the same run. Past that it is not read at all.
SLACK = 64 * 1024


def stale_message(problems: dict[str, str]) -> str:
    """One message for a file whose bytes or hash differ from what the descriptor records."""
    what = " and ".join(
        "bytes" if rule == "byte-count" else problem.partition(" ")[0] for rule, problem in sorted(problems.items())
    )
    details = "; ".join(
        problem if rule == "byte-count" else problem.partition(":")[0] for rule, problem in sorted(problems.items())
    )
    verb = "differs" if what.isalnum() and what != "bytes" else "differ"  # "sha256 differs", "bytes differ"
    return (
        f"its {what} {verb} from {DESCRIPTOR_PATH} ({details}): the file changed after its hash was recorded: "
        f"run `{field_rules.REHASH}`"
    )


def fetch_all(package: Package, report: Report) -> dict[str, bytes]:
    """Each resource's bytes, read once and never far past what it declares; checked against its
    declared size and hash. A file that differs is one error, and its rows are still checked."""
    files: dict[str, bytes] = {}
    for res in package.resources:
        path = package.path_of(res)  # an unsafe path is refused before anything is read
        report.where[path] = package.source.where(path)
        where: _Where = {"resource": str(res.get("name")), "path": path}
        try:
            data = package.read(res, slack=SLACK)
        except IntegrityError as exc:  # far larger than it declares: not read past that
            report.issues.append(Issue("byte-count", stale_message({"byte-count": str(exc).split(": ", 1)[1].split(";")[0]}), **where))  # fmt: skip
            continue
        files[path] = data
        problems = integrity_problems(data, res)
        unknown = {rule: p for rule, p in problems.items() if p.startswith("unknown hash algorithm")}
        for rule, problem in unknown.items():  # a descriptor's mistake, not an edit
            report.issues.append(Issue(rule, problem, **where))
        stale = {rule: p for rule, p in problems.items() if rule not in unknown}
        if stale:
            rule = "byte-count" if "byte-count" in stale else "hash-count"
            report.issues.append(Issue(rule, stale_message(stale), **where))
    return files


def read_all(package: Package, files: dict[str, bytes], report: Report) -> dict[str, Any]:
    """Each resource's cells, typed, with what the reading found: {name: (table, frame)}."""
    from . import reader  # pandas: imported once the worker, if any, has started

    tables: dict[str, Any] = {}
    for res in package.resources:
        name, path = res.get("name"), package.path_of(res)
        if not isinstance(name, str) or path not in files:
            continue  # descriptor-schema or byte-count reports it
        try:
            table = reader.read(files[path], res, path)
        except SourceError:
            continue  # no usable schema: descriptor-schema reports it
        frame, problems = reader.typed(table, nullable=True)
        for p in [*table.problems, *problems]:
            report.issues.append(Issue(p.rule, p.message, resource=name, path=path, line=p.line, field=p.field))
        tables[name] = (table, frame)
    return tables


def reference_issues(package: Package, report: Report, problems: list[reference.Problem], own: bool) -> list[Issue]:
    """What is wrong with the origins' names and codes the rules read (data/reference/origin-names.csv):
    the package's own file, or else the installed one."""
    if own:
        report.where[reference.PATH] = package.source.where(reference.PATH)
        return [Issue(p.rule, p.message, path=reference.PATH, line=p.line, field=p.field) for p in problems]
    return [Issue(p.rule, f"the installed {reference.PATH}: {p.message}", path=DESCRIPTOR_PATH) for p in problems]


def run_rules(
    tables: dict[str, Any], rules: dict[str, Rule], unread: frozenset[str] | set[str] = frozenset()
) -> list[Issue]:
    """The text and relational rules, each through a pandera check on its table. A rule that
    needs a table whose file could not be read is left out in silence: that file's error says why."""
    frames = {name: frame for name, (_, frame) in tables.items()}
    issues: list[Issue] = []
    crashed: set[str] = set()  # the rules that raised: each is one error, on the first table it raised on
    for name, (table, frame) in tables.items():
        if table.header != list(frame.columns):
            continue  # the header's own problems are reported; the columns cannot be trusted
        applicable, unmet = [], []
        for r in rules.values():
            if r.kind == "table" and (name in r.targets or r.applies_to == "every CSV"):
                if r.name in crashed:
                    continue
                assert r.check is not None  # a table rule is defined with its check
                where = {"resource": name, "path": table.path}
                try:
                    found = list(r.check(frame, frames))
                except Exception as exc:  # contained, as for every kind of rule
                    crashed.add(r.name)
                    issues.append(could_not_run(r.name, exc, **where))
                    continue
                issues += [Issue(r.name, message, field=f, **where) for f, message in found]
            elif r.kind == "cells" or (r.kind == "rows" and name in r.targets):
                missing = _unmet(r, name, tables)
                if missing and _needs_any(r, unread):
                    continue
                if missing:
                    unmet.append(f"{r.name} needs {missing}")
                else:
                    applicable.append(r)
        if unmet:
            message = "rules that cannot run: " + "; ".join(unmet)
            issues.append(Issue("rules-applicable", message, resource=name, path=table.path, line=1))
        issues += _check_table(table, frame, frames, [r for r in applicable if r.name not in crashed], crashed)
    # pandera keeps each schema (and so its checks' closures) in a global registry until the
    # frame it validated is freed: let go of the frames, or they live until shutdown.
    frames.clear()
    return issues


def _check_table(
    table: Any, frame: Any, frames: dict[str, Any], rules: list[Rule], crashed: set[str] | None = None
) -> list[Issue]:
    import pandera.pandas as pa

    from .dtypes import dtype

    verdicts: dict[str, Any] = {}
    raised: dict[str, Exception] = {}

    def check(r: Rule) -> Callable[[Any], Any]:
        def run(df: Any) -> Any:
            try:
                assert r.check is not None  # a rows or cells rule is defined with its check
                verdicts[r.name] = r.check(df, frames)
            except Exception as exc:  # a rule that cannot run must say so, not pass every row
                raised[r.name] = exc
                return True
            return verdicts[r.name].ok

        return run

    columns = {f["name"]: pa.Column(dtype(f, nullable=True), nullable=True) for f in table.schema["fields"]}
    schema = pa.DataFrameSchema(columns, checks=[pa.Check(check(r), name=r.name) for r in rules])
    issues = []
    kinds = {r.name: r.kind for r in rules}
    for rule_name, row, column in failing(schema, frame):
        cell = [column] if kinds[rule_name] == "cells" else []  # a row rule names its own field
        try:
            field, message = verdicts[rule_name].explain(frame.loc[row], *cell)
        except Exception as exc:  # the row still fails; only the words are missing
            field, message = (cell or [None])[0], f"the row breaks {rule_name} ({type(exc).__name__} explaining why)"
        where = {"resource": table.resource, "path": table.path, "line": table.line(row), "field": field}
        issues.append(Issue(rule_name, message, **where))
    for name, error in raised.items():
        if crashed is not None:
            crashed.add(name)
        issues.append(could_not_run(name, error, resource=table.resource, path=table.path))
    verdicts.clear()
    return issues


def _needs_any(r: Rule, resources: frozenset[str] | set[str]) -> bool:
    return any(key.rpartition(":")[0] in resources for key in r.reads)


def _unmet(r: Rule, resource: str, tables: dict[str, Any]) -> str:
    """What a rule needs that the tables lack, in words; empty if nothing."""
    out = []
    for key, kind in r.reads.items():
        other, _, field = key.rpartition(":")
        table = tables.get(other or resource)
        fields = {f["name"]: f.get("type", "string") for f in table[0].schema["fields"]} if table else {}
        if fields.get(field) != kind:
            out.append(f"{other or resource}.{field} ({kind})")
    return ", ".join(out)


def failing(schema: Any, df: Any) -> list[tuple[str, int, str | None]]:
    """(rule, row, column) for each broken row (and cell) and rule, once, in row order."""
    import pandera.pandas as pa

    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        cases = cases[cases["index"].notna() & cases["check"].isin([c.name for c in schema.checks])]
        found: dict[tuple[int, str, str | None], None] = {}
        for rule, row, case in cases[["check", "index", "failure_case"]].itertuples(index=False):
            # A check that returns a frame reports each failing row as {column: value}.
            for c in list(case) if isinstance(case, dict) else [None]:
                found.setdefault((int(row), str(rule), c if isinstance(c, str) else None))
        return [(rule, row, column) for (row, rule, column) in sorted(found, key=lambda k: (k[0], k[1], k[2] or ""))]
    return []


def frictionless_issues(found: dict[str, Any], tables: dict[str, Any], known: list[Issue]) -> list[Issue]:
    """frictionless's findings that the reader did not already report at the same place."""
    crashed: set[str] = set()  # the field rules whose words raised: each is one error
    issues: list[Issue] = []

    def add(rule: str, error: dict[str, Any], **where: Any) -> None:
        """The field rule's words for a frictionless error; a rule whose words raise is contained."""
        if rule in crashed:
            return
        words = all_rules()[rule].message
        assert words is not None  # rule_for names a field rule, each defined with its message
        try:
            message = words(error)
        except Exception as exc:
            crashed.add(rule)
            issues.append(could_not_run(rule, exc, **where))
            return
        issues.append(Issue(rule, message, **where))

    if "failed" in found:
        add("field-rules-run", {"message": found["failed"]}, path=DESCRIPTOR_PATH)
        return issues
    known = [i for i in known if all_rules()[i.rule].kind == "field"]  # what the reader found
    seen = {(i.path, i.line, i.field) for i in known} | {(i.path, i.line, None) for i in known}
    rows_seen = {(i.path, i.line) for i in known if i.rule in ("blank-row", "missing-cell", "extra-cell")}
    for error in found.pop("package", []):
        add(field_rules.rule_for(error["type"]), error, path=DESCRIPTOR_PATH)
    for name, errors in found.items():
        table = tables.get(name, (None,))[0]
        for error in errors:
            rule = field_rules.rule_for(error["type"])
            if rule in ("hash-count", "byte-count"):
                continue  # checked on the bytes themselves
            row = error.get("row_number")
            line = 1 if error["type"].endswith("-label") else (table.line(row) if table and row else None)
            field = error.get("field_name") or error.get("label") or ",".join(error.get("field_names") or []) or None
            path = table.path if table else None
            if (
                (path, line, field) in seen
                or (path, line) in rows_seen
                or (rule.endswith("-label") and (path, 1, None) in seen)
            ):
                continue
            if rule == "unique-error" and any(
                i.rule == "primary-key" and (i.path, i.line) == (path, line) for i in issues
            ):
                continue  # one message a row: a duplicated key is also a unique-error
            if rule == "primary-key" and table is not None:
                field = field or ",".join(table.primary_key)
            other = re.search(r"position (\d+)", error.get("note") or "")
            if other and table:
                error = dict(error, other_line=table.line(int(other.group(1))))
            add(rule, error, resource=name, path=path, line=line, field=field)
    return issues
