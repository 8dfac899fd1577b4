"""``validate()``: orchestration only. The descriptor rules; each resource read once (bytes
verified, cells typed and checked: the field rules); the keys across the tables; then the rows,
cells and table rules, each computed once as a pandera check on its table."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from typing import Any, TypedDict

from . import keys
from .errors import IntegrityError, SourceError
from .package import Contents, Package, integrity_problems, open_package
from .report import Issue, Report
from .rules import Rule, all_rules, reference
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
    input cannot be read at all. ``worker`` is accepted as before and has no effect: every rule
    runs in this process.
    """
    report = _validate(open_package(source))
    report.issues = rated(report.issues)
    return report


def rated(issues: list[Issue]) -> list[Issue]:
    """Each issue with its rule's severity; an issue of an undefined rule is a bug: KeyError."""
    rules = all_rules()
    for i in issues:
        if i.rule not in rules:
            raise KeyError(f"no rule named {i.rule!r}")
    return [replace(i, severity=rules[i.rule].severity) for i in issues]


def _validate(package: Package) -> Report:
    report = Report(package.label, where={DESCRIPTOR_PATH: package.source.where("datapackage.json")})
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.timings[stage] = now - clock
        clock = now

    files = fetch_all(package, report)  # a missing file or an unsafe path: SourceError, before any rule
    rules = all_rules()
    descriptor_found = start_descriptor_rules(package)
    lap("descriptor rules")
    contract_found = descriptor_found["contract"]
    if isinstance(contract_found, list) and contract_found:  # the rules cannot be trusted to run on this descriptor
        report.issues += descriptor_issues(descriptor_found)
        return report
    tables = read_all(package, files, report)
    report.issues += key_issues(tables)
    lap("read and type the CSVs, keys")
    names, problems, own = reference.of_package(package)
    report.issues += reference_issues(package, report, problems, own)
    # A table that could not be read (missing, not UTF-8, no schema) has its own error: the rules
    # that read it are left out, not run on nothing.
    unread = {str(res.get("name")) for res in package.resources} - set(tables)
    with reference.using(names):
        report.issues += run_rules(tables, rules, names, unread)
    lap("rows, cells and table rules (pandera)")
    report.issues += descriptor_issues(descriptor_found)
    return report


def start_descriptor_rules(package: Package) -> dict[str, Any]:
    """Each descriptor rule's messages, or what it raised."""
    args = (package.descriptor, package.bundled)
    found: dict[str, Any] = {}
    for r in all_rules().values():
        if r.kind == "descriptor":
            assert r.check is not None  # a descriptor rule is defined with its check
            try:
                found[r.name] = list(r.check(*args))
            except Exception as exc:  # contained: reported by descriptor_issues, the other rules still run
                found[r.name] = exc
    return found


def descriptor_issues(found: dict[str, Any]) -> list[Issue]:
    """Each descriptor rule's messages as issues; a rule that raised is one error that says so."""
    issues: list[Issue] = []
    for name, messages in found.items():
        if isinstance(messages, BaseException):
            issues.append(could_not_run(name, messages, path=DESCRIPTOR_PATH))
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
    from . import reader

    tables: dict[str, Any] = {}
    for res in package.resources:
        name, path = res.get("name"), package.path_of(res)
        if not isinstance(name, str) or path not in files:
            continue  # descriptor-schema or byte-count reports it
        try:
            table = reader.read(Contents.of(res, path, files[path]))
            frame, problems = reader.typed(table, nullable=True)
        except SourceError:
            continue  # no usable schema: descriptor-schema reports it
        except Exception as exc:  # contained like any rule: the field rules of this file did not run
            report.issues.append(could_not_run("the field rules", exc, resource=name, path=path))
            continue
        for p in [*table.problems, *problems]:
            report.issues.append(Issue(p.rule, p.message, resource=name, path=path, line=p.line, field=p.field))
        if not any(p.rule == "encoding-utf-8" for p in table.problems):  # else no cell was read
            tables[name] = (table, frame)
    return tables


def key_issues(tables: dict[str, Any]) -> list[Issue]:
    """Primary, unique and foreign keys across the tables whose header can be trusted; a key
    rule that raises is one error, as for every kind of rule."""
    trusted = {name: t for name, t in tables.items() if t[0].header == list(t[1].columns)}
    issues = []
    for rule, check in keys.CHECKS.items():
        try:
            found = list(check(trusted))
        except Exception as exc:
            issues.append(could_not_run(rule, exc, path=DESCRIPTOR_PATH))
            continue
        issues += [
            Issue(p.rule, p.message, resource=name, path=tables[name][0].path, line=p.line, field=p.field)
            for name, p in found
        ]
    return issues


def reference_issues(package: Package, report: Report, problems: list[reference.Problem], own: bool) -> list[Issue]:
    """What is wrong with the origins' names and codes the rules read (data/reference/origin-names.csv):
    the package's own file, or else the installed one."""
    if own:
        report.where[reference.PATH] = package.source.where(reference.PATH)
        return [Issue(p.rule, p.message, path=reference.PATH, line=p.line, field=p.field) for p in problems]
    return [Issue(p.rule, f"the installed {reference.PATH}: {p.message}", path=DESCRIPTOR_PATH) for p in problems]


def run_rules(
    tables: dict[str, Any],
    rules: dict[str, Rule],
    names: reference.Reference,
    unread: frozenset[str] | set[str] = frozenset(),
) -> list[Issue]:
    """The rows, cells and table rules of each table, as one pandera schema of their registered
    checks (``schemas.rule_schema``). A rule that needs a table whose file could not be read is
    left out in silence: that file's error says why."""
    from . import schemas

    frames = schemas.Tables({name: frame for name, (_, frame) in tables.items()})
    issues: list[Issue] = []
    crashed: set[str] = set()  # the rules that raised: each is one error, on the first table it raised on
    for name, (table, frame) in tables.items():
        if table.header != list(frame.columns):
            continue  # the header's own problems are reported; the columns cannot be trusted
        applicable, unmet = [], []
        for r in rules.values():
            if r.name in crashed or not schemas.applies(r, name):
                continue
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
        with schemas.findings() as found:
            broken = failing(schemas.rule_schema(name, applicable, frames, names), frame)
        issues += _issues(table, frame, applicable, found, broken, crashed)
    # pandera keeps each schema (and so its checks' statistics) in a global registry until the
    # frame it validated is freed: let go of the frames, or they live until shutdown.
    frames.clear()
    return issues


def _issues(
    table: Any, frame: Any, rules: list[Rule], found: dict[str, Any], broken: list[tuple[str, int, str | None]],
    crashed: set[str],
) -> list[Issue]:  # fmt: skip
    """Each rule's finding on one table, worded from the computation that found it."""
    where = {"resource": table.resource, "path": table.path}
    issues = []
    for r in rules:
        finding = found.get(r.name)
        if isinstance(finding, Exception):
            crashed.add(r.name)
            issues.append(could_not_run(r.name, finding, **where))
        elif r.kind == "table" and finding:
            issues += [Issue(r.name, message, field=f, **where) for f, message in finding]
    kinds = {r.name: r.kind for r in rules}
    for rule_name, row, column in broken:
        cell = [column] if kinds[rule_name] == "cells" else []  # a row rule names its own field
        try:
            field, message = found[rule_name].explain(frame.loc[row], *cell)
        except Exception as exc:  # the row still fails; only the words are missing
            field, message = (cell or [None])[0], f"the row breaks {rule_name} ({type(exc).__name__} explaining why)"
        issues.append(Issue(rule_name, message, line=table.line(row), field=field, **where))
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
        cases = cases[cases["index"].notna() & cases["check"].isin([c.error for c in schema.checks])]
        found: dict[tuple[int, str, str | None], None] = {}
        for rule, row, case in cases[["check", "index", "failure_case"]].itertuples(index=False):
            # A check that returns a frame reports each failing row as {column: value}.
            for c in list(case) if isinstance(case, dict) else [None]:
                found.setdefault((int(row), str(rule), c if isinstance(c, str) else None))
        return [(rule, row, column) for (row, rule, column) in sorted(found, key=lambda k: (k[0], k[1], k[2] or ""))]
    return []
