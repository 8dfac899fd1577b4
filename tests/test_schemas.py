"""ff.schema(): a resource as a pandera DataFrameSchema, its fields as pandera's own converter
reads them, and the package's rules as checks that name the rule and the row."""

from __future__ import annotations

import importlib.util
import json
import warnings

import pandas as pd
import pandera.pandas as pa
import pytest
from conftest import FIXTURE, ROOT, PackageCopy
from pandera.errors import SchemaErrors, SchemaWarning
from pandera.io.pandas_io import from_frictionless_schema

import foreign_fighters as ff
from foreign_fighters.rules import all_rules

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
RESOURCES = [r["name"] for r in DESCRIPTOR["resources"]]
FIXTURE_RESOURCES = [r["name"] for r in json.loads((FIXTURE / "datapackage.json").read_text("utf-8"))["resources"]]

# Where ff.schema() deliberately differs from pandera's from_frictionless_schema, and why: every
# other difference fails the test.
DTYPES_ALLOWED = {  # (ours, pandera's): load()'s dtypes, which the schema checks
    ("Int64", "int64"): "an integer field whose cells may be empty is pandas' nullable Int64",
    ("Float64", "float64"): "a number field is pandas' nullable Float64, as load() gives it",
    ("boolean", "bool"): "a boolean field is pandas' nullable boolean, as load() gives it",
}
FRAME_ALLOWED = {  # attribute: (ours, pandera's)
    "coerce": (False, True),  # the schema checks the dtypes load() gives; it does not cast an edited frame
    "ordered": (True, False),  # the columns in the fields' order, as load() gives them
}


def pattern_of(field: dict) -> str | None:
    return field.get("constraints", {}).get("pattern")


def stats(column: pa.Column) -> dict[str, dict]:
    return {c.name: c.statistics for c in column.checks}


@pytest.mark.parametrize("name", RESOURCES)
def test_every_resource_validates_as_loaded(name):
    df = ff.load(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error", SchemaWarning)  # the bundled data breaks no rule, not even a warning
        pd.testing.assert_frame_equal(ff.schema(name).validate(df, lazy=True), df)


@pytest.mark.parametrize("res", DESCRIPTOR["resources"], ids=RESOURCES)
def test_fields_as_pandera_reads_them_but_for_the_listed_differences(res):
    ours, theirs = ff.schema(res["name"]), from_frictionless_schema(res["schema"])
    assert list(ours.columns) == list(theirs.columns) == [f["name"] for f in res["schema"]["fields"]]
    for field in res["schema"]["fields"]:
        mine, pandera_s = ours.columns[field["name"]], theirs.columns[field["name"]]
        assert (mine.nullable, mine.unique, mine.required) == (pandera_s.nullable, pandera_s.unique, pandera_s.required)
        dtypes = (str(mine.dtype), str(pandera_s.dtype))
        assert dtypes[0] == dtypes[1] or dtypes in DTYPES_ALLOWED, (field["name"], dtypes)
        if dtypes == ("category", "category"):  # ours has the enum's categories; pandera's none
            assert list(mine.dtype.type.categories) == field["constraints"]["enum"]
        mine_stats, their_stats = stats(mine), stats(pandera_s)
        pattern = pattern_of(field)
        if pattern is not None:  # Table Schema patterns match the whole value: ours anchors it as a group
            assert mine_stats.pop("str_matches") == {"pattern": f"^(?:{pattern})$"}
            assert their_stats.pop("str_matches") == {"pattern": f"^{pattern}$"}
        assert mine_stats == their_stats, field["name"]
    assert ours.unique == theirs.unique and ours.strict == theirs.strict is True
    for attribute, (mine_value, their_value) in FRAME_ALLOWED.items():
        assert (getattr(ours, attribute), getattr(theirs, attribute)) == (mine_value, their_value)
    assert theirs.checks == [] and {c.error for c in ours.checks} <= set(all_rules())


def test_the_allowed_differences_all_occur():
    """An allowed difference that no longer occurs is dropped from the list, not kept as slack."""
    seen = {
        (str(ff.schema(r["name"]).columns[n].dtype), str(from_frictionless_schema(r["schema"]).columns[n].dtype))
        for r in DESCRIPTOR["resources"]
        for n in [f["name"] for f in r["schema"]["fields"]]
    }
    assert set(DTYPES_ALLOWED) <= seen


def applicable(name: str) -> dict[str, str]:
    """The rows and cells rules of a resource, with their severity."""
    return {
        r.name: r.severity
        for r in all_rules().values()
        if r.kind in ("rows", "cells") and (name in r.targets or r.applies_to == "every CSV")
    }


@pytest.mark.parametrize("name", FIXTURE_RESOURCES)
def test_every_rows_and_cells_rule_is_a_check_named_after_it(name):
    checks = {c.error: c for c in ff.schema(name, source=FIXTURE).checks}
    rules = applicable(name)
    assert rules and set(rules) <= set(checks)
    for rule, severity in rules.items():
        assert checks[rule].raise_warning is (severity == "warning")


def origins() -> pd.DataFrame:
    return ff.load("fighters-by-origin", source=FIXTURE)


def failures(schema: pa.DataFrameSchema, df: pd.DataFrame) -> pd.DataFrame:
    with pytest.raises(SchemaErrors) as raised:
        schema.validate(df, lazy=True)
    return raised.value.failure_cases


def test_a_broken_row_is_named_with_its_rule():
    df = origins()
    row = df.index[df["departed"].notna() & df["returned"].notna()][0]
    df.loc[row, "returned"] = df.loc[row, "departed"] + 1
    cases = failures(ff.schema("fighters-by-origin", source=FIXTURE), df)
    assert set(cases.loc[cases["check"] == "returned-le-departed", "index"]) == {row}


def test_a_broken_cell_is_named_with_its_rule_and_row():
    df = origins()
    row = 3
    df.loc[row, "notes"] = " padded"  # free text that no other rule reads
    cases = failures(ff.schema("fighters-by-origin", source=FIXTURE), df)
    assert set(cases.loc[cases["check"] == "no-surrounding-whitespace", "index"]) == {row}


def test_a_value_outside_the_enum_is_named_with_its_column_and_row():
    df = origins()
    df["origin_type"] = df["origin_type"].cat.add_categories(["planet"])
    df.loc[2, "origin_type"] = "planet"
    cases = failures(ff.schema("fighters-by-origin", source=FIXTURE), df)
    enum = cases[cases["check"].astype(str).str.startswith("isin")]
    assert list(zip(enum["column"], enum["index"], enum["failure_case"], strict=True)) == [("origin_type", 2, "planet")]


def test_a_warning_warns_and_does_not_raise(pkg: PackageCopy):
    pkg.add_translation_warning()
    df = ff.load("figures-by-source", source=pkg.folder)
    with pytest.warns(SchemaWarning, match="qualifier-agrees-in-translation"):
        pd.testing.assert_frame_equal(ff.schema("figures-by-source", source=pkg.folder).validate(df, lazy=True), df)
    schema = ff.schema("figures-by-source", source=FIXTURE)  # the fixture's own quotes: no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error", SchemaWarning)
        schema.validate(ff.load("figures-by-source", source=FIXTURE), lazy=True)


def test_an_unknown_resource_is_the_key_error_load_gives():
    with pytest.raises(KeyError) as loading:
        ff.load("fighters_by_orign")
    with pytest.raises(KeyError) as building:
        ff.schema("fighters_by_orign")
    assert str(building.value) == str(loading.value) and "did you mean 'fighters-by-origin'" in str(building.value)


def test_without_the_validate_extra_the_error_names_it(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pandera" else real(name, *a))
    with pytest.raises(ImportError, match=r"schema\(\) needs pandera.*'validate' extra"):
        ff.schema()


def test_schema_is_the_function_after_load():
    ff.load()  # imports the package's submodules: none of them is named schema
    from foreign_fighters import schema

    assert schema is ff.schema and callable(schema) and "pandera" in (schema.__doc__ or "")


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("sources", "copy_of", "nowhere-2017"),
        ("figures-by-source", "source", "nobody-2017"),
        ("fighters-by-origin", "part_of", "Eurasia"),
    ],
)
def test_a_foreign_key_to_no_row_is_named_with_its_row(name, field, value):
    df = ff.load(name, source=FIXTURE)
    row = df.index[-1]
    df.loc[row, field] = value  # a text column: any value fits
    cases = failures(ff.schema(name, source=FIXTURE), df)
    assert set(cases.loc[cases["check"] == "foreign-key", "index"]) == {row}


@pytest.mark.parametrize("name", FIXTURE_RESOURCES)
def test_each_foreign_key_is_a_check_and_the_fixture_keeps_them(name):
    described = next(
        r for r in json.loads((FIXTURE / "datapackage.json").read_text("utf-8"))["resources"] if r["name"] == name
    )
    schema = ff.schema(name, source=FIXTURE)
    assert sum(c.error == "foreign-key" for c in schema.checks) == len(described["schema"].get("foreignKeys", []))
    schema.validate(ff.load(name, source=FIXTURE), lazy=True)
