"""CKAN and HDX take the release's portal metadata as it is: their own code says so.

The slow tests run scripts/check_portals.py in .venv-portals (`make portals`): CKAN's
default_create_package_schema() through its navl validation, and hdx-python-api's required-field
checks. Without that venv they skip, except where FOREIGN_FIGHTERS_REQUIRE_PORTALS=1 (CI) makes
them fail. The others hold the metadata to the package, the data and publication.py.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import foreign_fighters as ff
from publish.portals import TEMPORAL_COVERAGE, ckan_dataset, countries, hdx_dataset, hdx_period
from publish.publication import citation_file, publication, report

PORTALS_PYTHON = ROOT / ".venv-portals" / "bin" / "python"
REQUIRED = os.environ.get("FOREIGN_FIGHTERS_REQUIRE_PORTALS") == "1"  # CI sets it: no silent skip there
Dataset = dict[str, Any]


def descriptor() -> Dataset:
    return json.loads((ROOT / "datapackage.json").read_text("utf-8"))


def built_hdx() -> Dataset:
    return hdx_dataset(descriptor(), citation_file(ROOT), publication(ROOT), countries(ff.load(source=ROOT)))


# What the builders say, held to the package ---------------------------------------------------
def test_ckan_dataset_says_where_the_package_lives():
    dp, pub = descriptor(), publication(ROOT)
    ckan = ckan_dataset(dp, pub)
    assert ckan["owner_org"] == pub.ckan_owner_org and ckan["owner_org"]
    assert ckan["url"] == pub.homepage and ckan["version"] == dp["version"] and ckan["license_id"] == "odc-pddl"
    assert [r["url"] for r in ckan["resources"]] == [pub.download(f"{r['name']}.csv") for r in dp["resources"]]
    assert all(r["url"].startswith("https://") for r in ckan["resources"])  # a portal has no release beside it


def test_hdx_groups_are_the_countries_in_the_data():
    iso3 = ff.load("fighters-by-origin", source=ROOT)["iso3"].dropna()
    assert len(iso3) > 1
    assert [g["name"] for g in built_hdx()["groups"]] == sorted({code.lower() for code in iso3})


def test_hdx_dataset_is_read_from_the_package():
    dp, cff, pub = descriptor(), citation_file(ROOT), publication(ROOT)
    hdx = built_hdx()
    assert (hdx["name"], hdx["title"], hdx["notes"]) == (dp["name"], dp["title"], dp["description"])
    assert hdx["owner_org"] == pub.ckan_owner_org and hdx["url"] == pub.homepage
    assert hdx["dataset_source"] == report(cff)["institution"]["name"]
    assert hdx["maintainer"] in {c["title"] for c in dp["contributors"] if "maintainer" in c["roles"]}
    assert hdx["dataset_date"] == hdx_period(TEMPORAL_COVERAGE) and hdx["version"] == dp["version"]
    assert hdx["private"] is False and hdx["data_update_frequency"] == "-1"  # HDX's "Never"
    assert [t["name"] for t in hdx["tags"]] == dp["keywords"]
    assert all(s["title"] in hdx["methodology_other"] for s in dp["sources"])
    assert [r["url"] for r in hdx["resources"]] == [pub.download(f"{r['name']}.csv") for r in dp["resources"]]
    assert [r["description"] for r in hdx["resources"]] == [r["description"] for r in dp["resources"]]
    assert all(r["url_type"] == r["resource_type"] == "api" for r in hdx["resources"])  # links, not uploads


@pytest.mark.parametrize(
    ("interval", "period"),
    [
        ("2011-03/2017-10", "[2011-03-01T00:00:00 TO 2017-10-31T23:59:59]"),
        ("2016-02/2016-02", "[2016-02-01T00:00:00 TO 2016-02-29T23:59:59]"),  # a leap year's February
        ("2015-01/2017-02", "[2015-01-01T00:00:00 TO 2017-02-28T23:59:59]"),
    ],
)
def test_hdx_period_runs_from_the_first_day_to_the_last_moment(interval: str, period: str):
    assert hdx_period(interval) == period


# What the portals' own code says ----------------------------------------------------------------
@pytest.fixture(scope="module")
def portals_python() -> Path:
    if not PORTALS_PYTHON.exists():
        reason = "needs .venv-portals with CKAN and hdx-python-api: make portals"
        if REQUIRED:
            pytest.fail(f"{reason}, and FOREIGN_FIGHTERS_REQUIRE_PORTALS=1")
        pytest.skip(reason)
    return PORTALS_PYTHON


def portal_check(python: Path, portal: str, dataset: Dataset, where: Path) -> tuple[int, Dataset]:
    """scripts/check_portals.py's verdict on the dataset: its exit code and what it printed."""
    path = where / f"{portal}-checked.json"
    path.write_text(json.dumps(dataset), encoding="utf-8")
    done = subprocess.run(
        [str(python), str(ROOT / "scripts" / "check_portals.py"), portal, str(path)], capture_output=True, text=True
    )
    assert done.returncode in (0, 1), done.stderr  # 2 or a traceback: the check itself broke
    return done.returncode, json.loads(done.stdout)


@pytest.mark.slow
def test_ckan_schema_accepts_ckan_dataset_json(portals_python: Path, dist: Path, tmp_path: Path):
    shipped = json.loads((dist / "ckan-dataset.json").read_text("utf-8"))
    code, verdict = portal_check(portals_python, "ckan", shipped, tmp_path)
    assert verdict["errors"] == {} and code == 0, verdict["errors"]
    kept = verdict["dataset"]  # what CKAN would store: nothing that matters dropped on the way
    for field in ("name", "title", "owner_org", "url", "version", "license_id"):
        assert kept[field] == shipped[field], field
    assert [r["url"] for r in kept["resources"]] == [r["url"] for r in shipped["resources"]]


def _drop(field: str) -> Callable[[Dataset], None]:
    return lambda d: d.pop(field)


def _set(field: str, value: Any) -> Callable[[Dataset], None]:
    return lambda d: d.update({field: value})


def _first_resource(field: str, value: Any) -> Callable[[Dataset], None]:
    return lambda d: d["resources"][0].update({field: value})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("break_it", "field"),
    [
        (_drop("owner_org"), "owner_org"),  # CKAN's default: no dataset without an organisation
        (_set("name", "Foreign Fighters"), "name"),
        (_set("version", "v" * 101), "version"),
        (_first_resource("size", "large"), "resources"),
    ],
    ids=["no owner_org", "name not a CKAN name", "version too long", "resource size not a number"],
)
def test_ckan_schema_refuses_broken_metadata(
    portals_python: Path, dist: Path, tmp_path: Path, break_it: Callable[[Dataset], None], field: str
):
    broken = json.loads((dist / "ckan-dataset.json").read_text("utf-8"))
    break_it(broken)
    code, verdict = portal_check(portals_python, "ckan", broken, tmp_path)
    assert code == 1 and list(verdict["errors"]) == [field]


@pytest.mark.slow
def test_hdx_python_api_accepts_hdx_dataset_json(portals_python: Path, dist: Path, tmp_path: Path):
    shipped = json.loads((dist / "hdx-dataset.json").read_text("utf-8"))
    assert shipped == built_hdx()
    code, verdict = portal_check(portals_python, "hdx", shipped, tmp_path)
    assert verdict["errors"] == {} and code == 0, verdict["errors"]
    assert [r["url"] for r in verdict["dataset"]["resources"]] == [r["url"] for r in shipped["resources"]]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("break_it", "error"),
    [
        (_drop("groups"), "Field groups is missing in dataset"),
        (_set("methodology", ""), "Field methodology is empty in dataset"),
        (_first_resource("url_type", ""), "Field url_type is empty in resource"),
        (_set("data_update_frequency", "now and then"), "update frequencies"),
        (_set("groups", [{"name": "xxx"}]), "xxx"),
    ],
    ids=["no groups", "no methodology", "resource without url_type", "unknown frequency", "unknown country"],
)
def test_hdx_python_api_refuses_broken_metadata(
    portals_python: Path, dist: Path, tmp_path: Path, break_it: Callable[[Dataset], None], error: str
):
    broken = json.loads((dist / "hdx-dataset.json").read_text("utf-8"))
    break_it(broken)
    code, verdict = portal_check(portals_python, "hdx", broken, tmp_path)
    assert code == 1 and error in " ".join(verdict["errors"].values())
