"""Where the package lives is said once (datapackage.json's homepage, pyproject's [tool.foreign-fighters]);
every file that repeats it agrees."""

from __future__ import annotations

import json
import tomllib

import pytest
from conftest import ROOT

from publish import publication


@pytest.fixture(scope="module")
def pub() -> publication.Publication:
    return publication.publication(ROOT)


def test_citation_file_repeats_the_urls_and_the_doi(pub: publication.Publication):
    cff = publication.citation_file(ROOT)
    for level in (cff, cff["preferred-citation"]):
        assert (level["url"], level["repository-code"]) == (pub.homepage, pub.repository)
        assert level.get("doi", "") == pub.doi  # absent until the DOI is set, then the same everywhere
        assert str(level["version"]) == pub.version


def test_pyproject_urls_are_the_same_places(pub: publication.Publication):
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["urls"]
    assert urls["Homepage"] == pub.homepage and urls["Source"] == pub.repository
    assert urls["Changelog"].startswith(pub.repository + "/")


def test_downloads_are_absolute_and_per_version(pub: publication.Publication):
    assert pub.homepage.startswith("https://") and pub.repository.startswith("https://")
    url = pub.download("x.csv")
    assert url.startswith(pub.repository + "/") and f"v{pub.version}/" in url and url.endswith("/x.csv")


def test_the_doi_reaches_the_citations_once_set(pub: publication.Publication):
    cff = publication.citation_file(ROOT)
    with_doi = publication.Publication(**{**pub.__dict__, "doi": "10.5281/zenodo.1234567"})
    assert "doi = {10.5281/zenodo.1234567}" in publication.bibtex(cff, with_doi)
    assert publication.apa(cff, with_doi)[0].endswith("https://doi.org/10.5281/zenodo.1234567")
    without = publication.Publication(**{**pub.__dict__, "doi": ""})
    assert "\n  doi =" not in publication.bibtex(cff, without)
    assert publication.apa(cff, without)[0].endswith(pub.homepage)


def test_one_title_everywhere(pub: publication.Publication):
    cff = publication.citation_file(ROOT)
    title = json.loads((ROOT / "datapackage.json").read_text("utf-8"))["title"]
    assert cff["title"] == cff["preferred-citation"]["title"] == title
