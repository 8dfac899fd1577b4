"""load(): typed frames from the schema, bytes verified first, light imports, clear errors."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pandas as pd
import pytest
from conftest import FIXTURE, ORIGINS, ROOT, PackageCopy

import foreign_fighters as ff
from foreign_fighters.dtypes import dtype

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
RESOURCES = [r["name"] for r in DESCRIPTOR["resources"]]


def resource(name: str, root=ROOT) -> dict:
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    return next(r for r in descriptor["resources"] if r["name"] == name)


def csv_rows(name: str, root=ROOT) -> list[dict[str, str]]:
    """The CSV as the csv module reads it: an independent reading to compare load() with."""
    with open(root / resource(name, root)["path"], encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", RESOURCES)
def test_shapes_and_dtypes_come_from_the_schema(name):
    df = ff.load(name)
    fields = resource(name)["schema"]["fields"]
    assert df.shape == (len(csv_rows(name)), len(fields))
    assert list(df.columns) == [f["name"] for f in fields]
    for field in fields:
        assert df[field["name"]].dtype == dtype(field), field["name"]


def test_dtypes_are_what_the_design_says():
    df = ff.load(source=FIXTURE)
    assert df["departed"].dtype == "Int64" and df["returned"].dtype == "Int64"  # may be empty
    assert df["returned_percent"].dtype == "Float64"
    assert df["origin"].dtype == "string" and df["notes"].dtype == "string"
    assert list(df["origin_type"].cat.categories) == ["country", "region", "group"]
    assert df["iso3"].isna().sum() == (df["origin_type"] != "country").sum()  # regions and groups have no code
    assert ff.load("headline-figures", source=FIXTURE)["value"].dtype == "Float64"
    evidence = ff.load("figures-by-source", source=FIXTURE)
    assert evidence["value"].dtype == "Float64" and list(evidence["measure"].cat.categories) == [
        "departed",
        "returned",
        "returned_percent",
    ]
    assert ff.load("sources", source=FIXTURE)["preferred"].dtype == "boolean"


@pytest.mark.parametrize("name", RESOURCES)
def test_values_match_the_csv_cell_for_cell(name):
    rows = csv_rows(name)
    df = ff.load(name)
    for f in resource(name)["schema"]["fields"]:
        got = ["" if pd.isna(v) else str(v) for v in df[f["name"]].astype(object)]
        want = [r[f["name"]] for r in rows]
        if f["type"] == "boolean":
            got = [g.lower() for g in got]
        if f["type"] == "number":  # 25 and 25.0 are the same number
            got, want = [g and float(g) for g in got], [w and float(w) for w in want]
        assert got == want, f["name"]


def test_summable_rows_exclude_parts():
    df = ff.load(source=FIXTURE)
    top = ff.summable(df)
    assert top["part_of"].isna().all()
    assert set(df["origin"]) - set(top["origin"]) == set(df.loc[df["part_of"].notna(), "origin"])
    assert top["departed"].sum() < df["departed"].sum()
    with open(FIXTURE / ORIGINS, encoding="utf-8", newline="") as f:
        assert len(top) == sum(1 for row in csv.DictReader(f) if not row["part_of"])


def test_integrity_error_names_file_expected_and_actual(pkg: PackageCopy):
    pkg.set(ORIGINS, "Jordan", "notes", "edited", refresh=False)
    with pytest.raises(ff.IntegrityError) as info:
        ff.load(source=pkg.folder)
    message = str(info.value)
    assert ORIGINS in message and "expected" in message and "actual" in message


def test_same_size_different_bytes_is_caught_by_the_hash(pkg: PackageCopy):
    path = pkg.folder / ORIGINS
    path.write_bytes(path.read_bytes().replace(b"3000", b"3001"))
    with pytest.raises(ff.IntegrityError, match="sha256 mismatch"):
        ff.load(source=pkg.folder)


def test_load_from_folder_and_descriptor_path(pkg: PackageCopy):
    expected = ff.load(source=FIXTURE)
    pd.testing.assert_frame_equal(ff.load(source=pkg.folder), expected)
    pd.testing.assert_frame_equal(ff.load(source=str(pkg.folder / "datapackage.json")), expected)


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda d: d / "missing", "no such file or folder"),
        (lambda d: d, "folder has no datapackage.json"),
        (lambda d: d / "x\x00y", "NUL"),
        (lambda d: (d / "datapackage.json").write_text("{not json") and d, "not valid JSON"),
        (lambda d: (d / "datapackage.json").write_text("[1]") and d, "must be a JSON object"),
        (lambda d: (d / "datapackage.json").write_text('{"resources": []}') and d, "non-empty 'resources'"),
        (lambda d: "file:///etc/passwd", "only http and https"),
    ],
    ids=["missing", "no-descriptor", "nul", "broken-json", "not-object", "no-resources", "url"],
)
def test_unreadable_sources(tmp_path, make, match):
    with pytest.raises(ff.SourceError, match=match):
        ff.load(source=make(tmp_path))


@pytest.mark.parametrize(
    "path", ["../outside.csv", "/etc/passwd", "data/../../x.csv", "~/x.csv", "C:/x.csv", "http://h/x.csv"]
)
def test_paths_escaping_the_package_are_refused(pkg: PackageCopy, path):
    descriptor = json.loads((pkg.folder / "datapackage.json").read_text())
    descriptor["resources"][0]["path"] = path
    (pkg.folder / "datapackage.json").write_text(json.dumps(descriptor))
    with pytest.raises(ff.SourceError, match="unsafe"):
        ff.load(source=pkg.folder)


def test_symlink_out_of_the_package_is_refused(pkg: PackageCopy, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "x.csv"
    outside.write_bytes((pkg.folder / ORIGINS).read_bytes())
    (pkg.folder / ORIGINS).unlink()
    (pkg.folder / ORIGINS).symlink_to(outside)
    with pytest.raises(ff.SourceError, match="outside the package"):
        ff.load(source=pkg.folder)


def test_unknown_resource():
    with pytest.raises(KeyError, match="headline-figures"):
        ff.load("nope")


def test_invalid_enum_is_an_error_not_a_silent_na(pkg: PackageCopy):
    pkg.set(ORIGINS, "Jordan", "origin_type", "state")
    with pytest.raises(ff.SourceError, match="'state'"):
        ff.load(source=pkg.folder)


def test_load_imports_neither_pandera_nor_frictionless():
    code = (
        "import sys, foreign_fighters as ff; ff.load(); ff.load('headline-figures'); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandera', 'frictionless', 'jsonschema', 'pycountry'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_load_docstring_lists_every_resource_of_the_bundled_package():
    from foreign_fighters.package import bundled_root

    bundled = json.loads((bundled_root() / "datapackage.json").read_text("utf-8"))
    listed = re.findall(r'^\s*- ``"([^"]+)"``', ff.load.__doc__, re.M)
    assert listed == [r["name"] for r in bundled["resources"]]


def test_corroboration_keeps_the_dtypes_of_the_tables_it_comes_from():
    origins, evidence = ff.load(), ff.load("figures-by-source")
    c = ff.corroboration()
    assert list(c.columns) == ["origin", "measure", "value", "percent", "sources", "independent", "other_values"]
    assert c["origin"].dtype == origins["origin"].dtype
    assert c["measure"].dtype == evidence["measure"].dtype
    assert c["value"].dtype == origins["departed"].dtype == origins["returned"].dtype
    assert c["percent"].dtype == origins["returned_percent"].dtype
    # and the values are the table's own, each in its column
    held = origins.set_index("origin")
    for r in c.to_dict("records"):
        cell = held.at[r["origin"], r["measure"]]
        shown = r["percent"] if r["measure"] == "returned_percent" else r["value"]
        assert (pd.isna(shown) and pd.isna(cell)) or shown == cell, r
        assert pd.isna(r["percent"] if r["measure"] != "returned_percent" else r["value"]), r
