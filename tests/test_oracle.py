"""frictionless as a differential oracle: the field rules (types, constraints, header, row shapes,
keys) are checked once, by our reader and ``keys``; on the same corrupted packages frictionless
must reach the same verdict, cell by cell. Where ours is stricter by design (numbers in canonical
form), the difference is listed and must occur."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from conftest import EVIDENCE, HEADLINE, ORIGINS, SOURCES, PackageCopy

import foreign_fighters as ff
from foreign_fighters.package import csv_dialect
from foreign_fighters.rules import all_rules

frictionless = pytest.importorskip("frictionless")

ROW_RULES = {"blank-row", "missing-cell", "extra-cell"}  # frictionless names a cell; the row is the place
Place = tuple[str, str, int | None, str | None]  # rule, path, line, field


def theirs(folder: Path) -> set[Place]:
    """frictionless's field-rule findings on the package, as places; the hashes are ours to check."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.pop("$schema", None)
    for res in descriptor["resources"]:
        delimiter, quote = csv_dialect(res)
        res.pop("hash", None), res.pop("bytes", None), res.pop("$schema", None)
        res["dialect"] = {"delimiter": delimiter, "quoteChar": quote, "header": True}
    paths = {res["name"]: res["path"] for res in descriptor["resources"]}
    key = {res["name"]: ",".join(res["schema"]["primaryKey"]) for res in descriptor["resources"]}
    with frictionless.system.use_context(trusted=False):
        report = frictionless.Package(descriptor, basepath=str(folder)).validate()
    assert not report.errors, [e.message for e in report.errors]  # the package itself opened
    found: set[Place] = set()
    keys = set()
    for task in report.tasks:
        for e in task.errors:
            rule = e.type
            line = 1 if rule.endswith("-label") else e.row_number
            field = getattr(e, "field_name", None) or getattr(e, "label", None)
            if rule == "foreign-key":
                field = ",".join(e.field_names)
            if rule == "primary-key":
                field = key[task.name]
                keys.add((paths[task.name], line))
            found.add((rule, paths[task.name], line, None if rule in ROW_RULES else field))
    # A repeated primary key is also a unique-error there, and a blank row an empty key: here
    # each is one error a row.
    blank = {(p[1], p[2]) for p in found if p[0] == "blank-row"}
    return {
        p
        for p in found
        if not (p[0] == "unique-error" and (p[1], p[2]) in keys)
        and not (p[0] == "primary-key" and (p[1], p[2]) in blank)
    }


def ours(folder: Path) -> set[Place]:
    fields = {name for name, r in all_rules().items() if r.kind == "field"} - {"rules-applicable"}
    return {(i.rule, i.path, i.line, i.field) for i in ff.validate(folder).issues if i.rule in fields}


def _row(pkg: PackageCopy, path: str, index: int, change: Any) -> None:
    rows = pkg.rows(path)
    rows[index] = change(rows[index])
    pkg.write_rows(path, rows)


CORRUPTIONS = {
    "thousands separator": lambda p: p.set(ORIGINS, "France", "departed", "1,910"),
    "a word for a number": lambda p: p.set(ORIGINS, "France", "departed", "many"),
    "a decimal integer": lambda p: p.set(ORIGINS, "France", "departed", "1910.5"),
    "above the maximum": lambda p: p.set(ORIGINS, "European Union", "returned_percent", "101"),
    "outside the enum": lambda p: p.set(HEADLINE, "returnees", "unit", "people"),
    "a category outside the enum": lambda p: p.set(ORIGINS, "France", "origin_type", "nation"),
    "off the pattern": lambda p: p.set(ORIGINS, "France", "iso3", "fra"),
    "a required cell left empty": lambda p: p.set(SOURCES, "truepundit-2017-10", "outlet", ""),
    "not a boolean": lambda p: p.set(SOURCES, "truepundit-2017-10", "preferred", "yes"),
    "a parent that is not a row": lambda p: p.set(ORIGINS, "France", "part_of", "Europe"),
    "a source that is not a row": lambda p: p.set(EVIDENCE, "France", "source", "nowhere-2017"),
    "a row pasted twice": lambda p: p.write_rows(ORIGINS, [*p.rows(ORIGINS), p.rows(ORIGINS)[3]]),
    "a row cut short": lambda p: _row(p, ORIGINS, 4, lambda row: row[:-2]),
    "a row with a cell too many": lambda p: _row(p, SOURCES, 2, lambda row: [*row, "x"]),
    "a blank row": lambda p: _row(p, HEADLINE, 2, lambda row: []),
    "a column renamed": lambda p: _row(p, HEADLINE, 0, lambda row: ["measure", "amount", *row[2:]]),
}


@pytest.mark.parametrize("change", CORRUPTIONS.values(), ids=CORRUPTIONS)
def test_frictionless_reaches_the_same_verdict_cell_by_cell(pkg: PackageCopy, change: Any) -> None:
    change(pkg)
    mine, frictionless_found = ours(pkg.folder), theirs(pkg.folder)
    assert mine, "the corruption breaks a field rule"
    assert mine == frictionless_found


# Ours is stricter: numbers are canonical (no sign, separator, leading zero, exponent, spaces).
STRICTER = ["-5", "+5", "05", " 5", "5 "]


@pytest.mark.parametrize("value", STRICTER)
def test_where_ours_is_stricter_frictionless_accepts_and_ours_refuses(pkg: PackageCopy, value: str) -> None:
    line = pkg.set(ORIGINS, "France", "departed", value)
    mine = ours(pkg.folder)
    assert ("type-error", ORIGINS, line, "departed") in mine
    assert ("type-error", ORIGINS, line, "departed") not in theirs(pkg.folder)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_random_cells_reach_the_same_verdict(pkg: PackageCopy, seed: int) -> None:
    """Cells set at random to values each field type refuses or accepts; the verdicts agree."""
    rng = random.Random(seed)
    values = ["", "x", "1", "0", "1.5", "101", "true", "Europe", "ZZZ", "country", "persons", "2017-10", "9" * 25]
    for path in rng.sample([ORIGINS, EVIDENCE, SOURCES, HEADLINE], 2):
        rows = pkg.rows(path)
        for _ in range(4):
            row, column = rng.randrange(1, len(rows)), rng.randrange(len(rows[0]))
            rows[row][column] = rng.choice(values)
        pkg.write_rows(path, rows)
    mine, frictionless_found = ours(pkg.folder), theirs(pkg.folder)
    # Integers past 64 bits: frictionless reads any size; ours refuses them (the stricter canonical form).
    big = {p for p in mine if p[0] == "type-error"} - frictionless_found
    assert all(p[3] is not None for p in big)
    assert mine - big == frictionless_found
