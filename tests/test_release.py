"""make dist: every artifact built and checked; the chart current."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import ROOT
from openpyxl import Workbook, load_workbook

import foreign_fighters as ff
from publish import chart as render_chart
from publish import release as build_release
from publish import workbook
from publish.publication import publication

VERSION = ff.__version__


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "publish.release", "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def test_chart_is_current():
    assert (ROOT / "docs" / "chart.svg").read_text("utf-8") == render_chart.chart_svg(ff.load())
    assert "](docs/chart.svg)" in (ROOT / "README.md").read_text("utf-8")


@pytest.mark.slow
def test_every_artifact_is_there_and_summed(dist: Path):
    resources = [r["name"] for r in json.loads((ROOT / "datapackage.json").read_text("utf-8"))["resources"]]
    expected = {
        f"foreign_fighters-{VERSION}-py3-none-any.whl", f"foreign_fighters-{VERSION}.tar.gz", f"foreign-fighters-{VERSION}.zip",
        *(f"{r}.csv" for r in resources), *(f"{r}.json" for r in resources),
        f"foreign-fighters-{VERSION}.xlsx", "ckan-dataset.json", "hdx-dataset.json", "zenodo.json", f"foreign-fighters-{VERSION}.bib",
        "schema-org.jsonld",
    }  # fmt: skip
    sums = dict(line.split("  ", 1)[::-1] for line in (dist / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == expected
    for name, digest in sums.items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest


@pytest.mark.slow
def test_zip_is_a_valid_package_that_frictionless_and_load_open(dist: Path):
    archive = dist / f"foreign-fighters-{VERSION}.zip"
    exe = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    done = subprocess.run([exe, "validate", str(archive)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    for resource in json.loads((ROOT / "datapackage.json").read_text("utf-8"))["resources"]:
        assert ff.load(resource["name"], source=archive).equals(ff.load(resource["name"]))
    assert ff.validate(archive).issues == []


@pytest.mark.slow
def test_json_and_workbook_hold_the_csv_values(dist: Path):
    records = json.loads((dist / "fighters-by-origin.json").read_text("utf-8"))
    df = ff.load()
    assert [r["origin"] for r in records] == df["origin"].tolist()
    assert [r["departed"] for r in records] == [None if pd.isna(v) else v for v in df["departed"]]
    assert isinstance(records[0]["departed"], int)
    assert [r["iso3"] for r in records] == [None if pd.isna(v) else v for v in df["iso3"]]  # empty as null
    book = load_workbook(dist / f"foreign-fighters-{VERSION}.xlsx")
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    assert book.sheetnames == [workbook.ABOUT] + [r["name"] for r in dp["resources"]] + ["data dictionary"]
    rows = list(book["fighters-by-origin"].iter_rows(values_only=True))
    assert list(rows[0]) == list(df.columns) and len(rows) == 1 + len(df)
    assert [r[list(df.columns).index("departed")] for r in rows[1:]] == [
        None if pd.isna(v) else v for v in df["departed"]
    ]
    dictionary = list(book["data dictionary"].iter_rows(values_only=True))
    assert len(dictionary) == 1 + sum(len(r["schema"]["fields"]) for r in dp["resources"])


@pytest.mark.slow
def test_workbook_about_sheet_says_what_the_data_is_from_the_descriptor(dist: Path):
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    book = load_workbook(dist / f"foreign-fighters-{VERSION}.xlsx")
    sheet = book.worksheets[0]
    assert sheet.title == workbook.ABOUT
    about = dict(sheet.iter_rows(values_only=True))
    assert about["title"] == dp["title"] and about["version"] == dp["version"] == VERSION
    assert about["licence URL"] == dp["licenses"][0]["path"] and about["homepage"] == dp["homepage"]
    assert about["source report URL"] in {s["path"] for s in dp["sources"]}
    cite = about["cite the data as"]
    assert f"(Version {VERSION})" in cite and "*" not in cite  # APA, without the Markdown emphasis
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if isinstance(c.value, str))


@pytest.mark.slow
def test_workbook_columns_are_as_wide_as_their_text_up_to_the_cap(dist: Path):
    book = load_workbook(dist / f"foreign-fighters-{VERSION}.xlsx")
    capped = 0
    for sheet in book.worksheets:
        for column in sheet.iter_cols():
            longest = max(len(line) for c in column if c.value is not None for line in str(c.value).splitlines())
            width = sheet.column_dimensions[column[0].column_letter].width
            assert width == min(longest + workbook.PADDING, workbook.MAX_WIDTH), (sheet.title, column[0].value)
            if longest + workbook.PADDING > workbook.MAX_WIDTH:
                capped += 1
                assert all(c.alignment.wrap_text for c in column), (sheet.title, column[0].value)
    assert capped  # the descriptions and quotes are longer than the cap: some column wraps


def test_fit_columns_caps_long_text_and_wraps_it():
    sheet = Workbook().active
    sheet.append(["short", "x" * 500, None])
    sheet.append(["a\nmuch longer line", "y", 12345.0])  # shown as 12345
    workbook.fit_columns(sheet)
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    assert widths == {
        "A": len("much longer line") + workbook.PADDING,
        "B": workbook.MAX_WIDTH,
        "C": 5 + workbook.PADDING,
    }
    assert sheet["B1"].alignment.wrap_text and sheet["B2"].alignment.wrap_text and not sheet["A1"].alignment.wrap_text


def test_formula_like_text_is_stored_as_text(tmp_path: Path):
    book = Workbook()
    cell = book.active["A1"]
    workbook._text_cell(cell, '=HYPERLINK("http://example.org")')
    book.save(tmp_path / "x.xlsx")
    back = load_workbook(tmp_path / "x.xlsx").active["A1"]
    assert back.data_type == "s" and back.value == '=HYPERLINK("http://example.org")'


@pytest.mark.slow
def test_metadata_agrees_with_descriptor_and_citation(dist: Path):
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    ckan = json.loads((dist / "ckan-dataset.json").read_text("utf-8"))
    zen = json.loads((dist / "zenodo.json").read_text("utf-8"))
    org = json.loads((dist / "schema-org.jsonld").read_text("utf-8"))
    assert ckan["name"] == dp["name"] and ckan["title"] == dp["title"] and ckan["license_id"] == "odc-pddl"
    assert [t["name"] for t in ckan["tags"]] == dp["keywords"]
    pub = publication(ROOT)
    hdx = json.loads((dist / "hdx-dataset.json").read_text("utf-8"))
    for portal in (ckan, hdx):  # absolute: the metadata lives on the portal, apart from the release
        assert [r["url"] for r in portal["resources"]] == [pub.download(f"{r['name']}.csv") for r in dp["resources"]]
    assert zen["version"] == org["version"] == ckan["version"] == hdx["version"] == str(cff["version"]) == VERSION
    assert zen["title"] == cff["title"] and zen["creators"] == [{"name": a["name"]} for a in cff["authors"]]
    assert org["@type"] == "Dataset" and org["license"].startswith("https://opendatacommons.org/licenses/pddl")
    assert {d["name"] for d in org["distribution"]} >= {"fighters-by-origin.csv", f"foreign-fighters-{VERSION}.zip"}


@pytest.mark.slow
def test_the_checks_catch_a_tampered_artifact(dist: Path, tmp_path: Path):
    copy = tmp_path / "dist"
    shutil.copytree(dist, copy)
    (copy / "headline-figures.json").write_text("[]")
    dp, cff = build_release.descriptor(), build_release.citation()
    problems = build_release.check(copy, dp, cff)
    assert any("headline-figures.json differs" in p for p in problems)
    assert any("SHA256SUMS: headline-figures.json" in p for p in problems)
    zen = json.loads((copy / "zenodo.json").read_text("utf-8"))
    (copy / "zenodo.json").write_text(json.dumps(zen | {"version": "0.0.0", "license": "odc-pddl"}), "utf-8")
    problems = build_release.check(copy, dp, cff)
    assert any(
        "disagree on the version" in p and f"datapackage.json {VERSION}" in p and "zenodo.json 0.0.0" in p
        for p in problems
    )
    assert any("disagree on the licence" in p for p in problems)
    assert any(".zenodo.json differs from the release's zenodo.json" in p for p in problems)
    assert build_release.check(dist, dp, cff) == []


@pytest.mark.parametrize("name", ["../../x", "a/b", "x\ny", "=HYPERLINK(1)", ""])
def test_artifact_names_from_the_data_never_lead_outside_dist(tmp_path: Path, name: str):
    with pytest.raises(SystemExit, match="not safe"):
        build_release.artifact(tmp_path, name, ".csv")
    assert build_release.artifact(tmp_path, "fighters-by-origin", ".csv").parent == tmp_path
