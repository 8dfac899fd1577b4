"""The contract: what the rules rely on in datapackage.json is code, so the data under review cannot
switch a rule off. Each edit below, re-hashed as a careful contributor would, is an error that names
what differs, and nothing else is read; a column of someone's own stays free."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import HEADLINE, ORIGINS, ROOT, PackageCopy

import foreign_fighters as ff
from foreign_fighters import contract

ORIG, EVID, SRC, HEAD = 0, 1, 2, 3  # the fixture's resources, in order


def field(d: dict, r: int, name: str) -> dict:
    return next(f for f in d["resources"][r]["schema"]["fields"] if f["name"] == name)


def constraints(d: dict, r: int, name: str) -> dict:
    return field(d, r, name).setdefault("constraints", {})


EDITS = {
    "resource renamed": (lambda d: d["resources"][ORIG].update(name="fighters"), "'fighters-by-origin' is missing"),
    "resource removed": (lambda d: d["resources"].pop(HEAD), "'headline-figures' is missing"),
    "resource duplicated": (lambda d: d["resources"].append(dict(d["resources"][HEAD])), "appears 2 times"),
    "schema in a file": (lambda d: d["resources"][ORIG].update(schema="schema.json"), "inline"),
    "schema at a URL": (lambda d: d["resources"][ORIG].update(schema="http://127.0.0.1:9/s.json"), "inline"),
    "headline schema deleted": (lambda d: d["resources"][HEAD].pop("schema"), "inline"),
    "foreign key dropped": (lambda d: d["resources"][ORIG]["schema"].pop("foreignKeys"), "foreign key ['part_of']"),
    "foreign key pointed elsewhere": (
        lambda d: d["resources"][ORIG]["schema"].update(
            foreignKeys=[{"fields": ["part_of"], "reference": {"fields": ["iso3"]}}]
        ),
        "foreign key ['part_of']",
    ),
    "primary key changed": (lambda d: d["resources"][ORIG]["schema"].update(primaryKey=["iso3"]), "primaryKey must be"),
    "primary key dropped": (lambda d: d["resources"][HEAD]["schema"].pop("primaryKey"), "primaryKey must be"),
    "bareNumber false": (lambda d: field(d, ORIG, "departed").update(bareNumber=False), "'bareNumber'"),
    "groupChar": (lambda d: field(d, ORIG, "departed").update(groupChar=","), "'groupChar'"),
    "decimalChar": (lambda d: field(d, HEAD, "value").update(decimalChar=","), "'decimalChar'"),
    "count retyped": (lambda d: field(d, ORIG, "departed").update(type="number"), "must be of type integer"),
    "value retyped": (lambda d: field(d, HEAD, "value").update(type="string"), "must be of type number"),
    "minimum lowered": (lambda d: constraints(d, ORIG, "returned").update(minimum=-1), "minimum 0 or more"),
    "minimum removed": (lambda d: constraints(d, ORIG, "departed").pop("minimum"), "minimum 0 or more"),
    "maximum raised": (lambda d: constraints(d, ORIG, "returned_percent").update(maximum=1000), "maximum 100 or less"),
    "maximum removed": (lambda d: constraints(d, ORIG, "returned_percent").pop("maximum"), "maximum 100 or less"),
    "required dropped": (
        lambda d: constraints(d, ORIG, "origin_type").pop("required"),
        "'origin_type' must be required",
    ),
    "quote no longer required": (lambda d: constraints(d, EVID, "quote").pop("required"), "'quote' must be required"),
    "preferred typed as text": (lambda d: field(d, SRC, "preferred").update(type="string"), "must be of type boolean"),
    "source id pattern dropped": (lambda d: constraints(d, SRC, "source").pop("pattern"), "pattern"),
    "evidence key loosened": (
        lambda d: d["resources"][EVID]["schema"].update(primaryKey=["origin", "measure"]),
        "primaryKey must be ['origin', 'measure', 'source']",
    ),
    "evidence foreign key to sources dropped": (
        lambda d: d["resources"][EVID]["schema"]["foreignKeys"].pop(1),
        "foreign key ['source'] -> sources.['source'] is missing",
    ),
    "evidence resource removed": (lambda d: d["resources"].pop(EVID), "'figures-by-source' is missing"),
    "unique dropped": (lambda d: constraints(d, HEAD, "measure").pop("unique"), "'measure' must be unique"),
    "enum widened": (lambda d: constraints(d, ORIG, "origin_type")["enum"].append("state"), "enum within"),
    "enum removed": (lambda d: constraints(d, HEAD, "unit").pop("enum"), "enum within"),
    "enum emptied": (lambda d: constraints(d, ORIG, "departed_qualifier").update(enum=[]), "enum within"),
    "pattern loosened": (lambda d: constraints(d, ORIG, "iso3").update(pattern="^.*$"), "pattern"),
    "catastrophic pattern on a free field": (
        lambda d: constraints(d, ORIG, "notes").update(pattern="^(a|aa)+$"),
        "a pattern the contract does not give it",
    ),
    "missing values widened": (
        lambda d: d["resources"][ORIG]["schema"].update(missingValues=["", "NA"]),
        "missingValues",
    ),
    "field a rule reads removed": (lambda d: d["resources"][HEAD]["schema"]["fields"].pop(1), "'value' is missing"),
    "field name a formula": (
        lambda d: field(d, ORIG, "notes").update(name='=HYPERLINK("http://x")'),
        "field name '=HYPERLINK",
    ),
    "field of an unread type": (lambda d: field(d, ORIG, "notes").update(type="date"), "type 'date'"),
    "field with a format": (lambda d: field(d, ORIG, "notes").update(format="email"), "format 'email'"),
    "constraint not checked here": (lambda d: constraints(d, ORIG, "notes").update(jsonSchema={}), "'jsonSchema'"),
    "path moved": (
        lambda d: d["resources"][ORIG].update(path="data/other.csv"),
        "should be 'data/fighters-by-origin.csv'",
    ),
    "not CSV": (lambda d: d["resources"][ORIG].update(format="xlsx"), "CSV in UTF-8"),
    "not UTF-8": (lambda d: d["resources"][HEAD].update(encoding="latin-1"), "CSV in UTF-8"),
    "resource property of its own": (lambda d: d["resources"][ORIG].update(sql="DROP TABLE"), "'sql'"),
    "resource name a path": (
        lambda d: d["resources"].append({**d["resources"][HEAD], "name": "../../x"}),
        "resource name '../../x'",
    ),
}


@pytest.mark.breaks("contract")
@pytest.mark.parametrize(("edit", "words"), EDITS.values(), ids=list(EDITS))
def test_a_descriptor_that_departs_from_the_contract_is_refused(pkg: PackageCopy, edit, words):
    if "path moved" in words or "data/fighters-by-origin.csv'" in words:
        shutil.copy(pkg.folder / ORIGINS, pkg.folder / "data" / "other.csv")
    pkg.edit_descriptor(edit)
    pkg.refresh()
    report = ff.validate(pkg.folder)
    assert not report.valid
    rules = {i.rule for i in report.errors}
    assert "contract" in rules and rules <= {"contract", "descriptor-schema"}, rules
    messages = " | ".join(i.message for i in report.errors if i.rule == "contract")
    assert words in messages, messages


def test_jordan_with_more_returns_than_departures_is_caught_whatever_the_resource_is_called(pkg: PackageCopy):
    pkg.set(ORIGINS, "Jordan", "returned", "3500")
    pkg.edit_descriptor(lambda d: d["resources"][ORIG].update(name="fighters"))
    pkg.refresh()
    assert not ff.validate(pkg.folder).valid


@pytest.mark.breaks("extra-resource")
def test_a_resource_of_ones_own_is_a_warning_and_its_field_rules_still_run(pkg: PackageCopy):
    (pkg.folder / "data" / "mine.csv").write_text("a,b\n1,x\n2,y\n", encoding="utf-8")
    mine = {
        "name": "mine", "type": "table", "path": "data/mine.csv", "format": "csv", "encoding": "utf-8",
        "schema": {"fields": [{"name": "a", "type": "integer", "description": "A."},
                              {"name": "b", "type": "string", "description": "B."}], "primaryKey": ["a"]},
    }  # fmt: skip
    pkg.edit_descriptor(lambda d: d["resources"].append(mine))
    pkg.refresh()
    report = ff.validate(pkg.folder)
    assert report.valid and [(i.rule, i.severity) for i in report.issues] == [("extra-resource", "warning")]
    (pkg.folder / "data" / "mine.csv").write_text("a,b\n1,x\n1,y\n", encoding="utf-8")
    pkg.refresh()
    assert [i.rule for i in ff.validate(pkg.folder).errors] == ["primary-key"]


def test_a_column_no_rule_reads_is_free(pkg: PackageCopy):
    rows = pkg.rows(HEADLINE)
    pkg.write_rows(HEADLINE, [[*r, "checked" if i else "checked_by"] for i, r in enumerate(rows)], refresh=False)
    new = {"name": "checked_by", "type": "string", "description": "Who checked the figure."}
    pkg.edit_descriptor(lambda d: d["resources"][HEAD]["schema"]["fields"].append(new))
    pkg.refresh()
    assert ff.validate(pkg.folder).issues == []
    assert list(ff.load("headline-figures", source=pkg.folder).columns)[-1] == "checked_by"


def test_the_contract_holds_every_field_the_rules_read():
    from foreign_fighters.rules import all_rules

    tables = contract.tables(all_rules().values())

    for r in all_rules().values():
        for target in r.targets if r.kind == "rows" else ():
            for key, kind in r.reads.items():
                other, _, name = key.rpartition(":")
                assert tables[other or target].fields[name].type == kind, (r.name, key)


def test_the_real_package_keeps_the_contract():
    descriptor = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    from foreign_fighters.rules import all_rules

    assert list(contract.problems(descriptor, all_rules().values())) == []
