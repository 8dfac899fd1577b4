"""``validate()``: the descriptor, the field rules (frictionless) and the relational rules (pandera)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pandas as pd
from pandera.engines import pandas_engine

from .package import Package, csv_dialect, materialize, open_package
from .report import Issue, Report
from .rules import fields, relational, text
from .rules.catalog import RULES
from .rules.descriptor import check_descriptor
from .schema import lenient_dtype, table_schema
from .tables import NotUtf8, Table, decode, read_table


def validate(source: str | os.PathLike[str] | None = None) -> Report:
    """Check a data package: by default the copy installed with this package.

    Returns a Report (``.valid``, ``.errors``, ``.warnings``); raises ``SourceError`` if the
    input cannot be read at all.
    """
    package = open_package(source)
    if package.base is None:  # a zip or a URL: frictionless reads files, so lay them out first
        with tempfile.TemporaryDirectory(prefix="foreign-fighters-") as tmp:
            report = validate(materialize(package, Path(tmp)))
        report.source = package.label
        return report
    report = Report(package.label, str(package.base))
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.timings[stage] = now - clock
        clock = now

    report.issues += check_descriptor(package)
    lap("descriptor")
    job = fields.start(package)  # a large package's field rules run in a worker meanwhile
    tables = read_tables(package, report)
    lap("read CSVs")
    issues = [i for t in tables.values() for i in check_text(t)]
    lap("text rules (pandera)")
    issues += check_relations(tables)
    lap("relational rules (pandera)")
    report.issues += fields.check_fields(package, tables, job)
    lap("field rules (frictionless, waited for)" if job else "field rules (frictionless)")
    report.issues += issues
    return report


def read_tables(package: Package, report: Report) -> dict[str, Table]:
    tables = {}
    for res in package.descriptor["resources"]:
        if not isinstance(res, dict):
            continue
        path = package.path_of(res)  # refuses unsafe paths before anything reads them
        data = package.read_bytes(res)
        schema = table_schema(res)
        if schema is None or not isinstance(res.get("name"), str):
            continue  # descriptor-schema reports it
        try:
            tables[res["name"]] = read_table(decode(data), res["name"], schema, path, csv_dialect(res))
        except NotUtf8 as exc:
            report.issues.append(Issue("encoding-utf-8", str(exc), resource=res["name"], path=path, line=exc.line))
    return tables


def _issues(table: Table, found: list[tuple[str, int, list[str]]], describe) -> list[Issue]:
    out = []
    for rule, row, columns in found:
        field, message = describe(rule, row, columns)
        severity = RULES[rule].severity if rule in RULES else "error"
        out.append(Issue(rule, message, severity, table.resource, table.path, table.line(row), field))
    return out


def check_text(table: Table) -> list[Issue]:
    df = table.frame

    def describe(rule: str, row: int, columns: list[str]) -> tuple[str, str]:
        field = columns[0]
        value = str(df.at[row, field])
        return field, f"{value[:40]!r} " + text.MESSAGES[rule].format(prefix=value[:1])

    return _issues(table, relational.failing(text.HYGIENE, df), describe)


def check_relations(tables: dict[str, Table]) -> list[Issue]:
    issues = []
    models = relational.models()
    usable = {}
    for name, table in tables.items():
        if name not in models or not table.header_matches:
            continue  # not ours, or frictionless reports the header
        expected = models[name].to_schema().columns
        actual = {f["name"]: pandas_engine.Engine.dtype(lenient_dtype(f)) for f in table.schema["fields"]}
        if list(actual) != list(expected) or any(actual[c] != expected[c].dtype for c in expected):
            wanted = ", ".join(f"{c} ({col.dtype})" for c, col in expected.items())
            message = f"the schema's fields are not the ones the rules check: {wanted}; rules not run"
            issues.append(Issue("rules-applicable", message, "error", name, table.path, 1))
            continue
        usable[name] = table
    for name, table in usable.items():
        issues += _issues(table, relational.failing(models[name], table.frame), _describer(table.frame))
    if "fighters-by-origin" in usable and "headline-figures" in usable:
        origins, head = usable["fighters-by-origin"].frame, usable["headline-figures"].frame
        found = relational.failing(relational.totals_schema(origins), head)
        issues += _issues(usable["headline-figures"], found, _describer(head, origins))
    return issues


def _describer(df: pd.DataFrame, origins: pd.DataFrame | None = None):
    explain = relational.Explainer(df, origins)
    return lambda rule, row, columns: explain(rule, df.loc[row])
