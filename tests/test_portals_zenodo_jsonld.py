"""Portals take the package as it is, and people can cite it: .zenodo.json against the zenodraft
schema and Zenodo's legacy deposit rules, schema-org.jsonld expanded as JSON-LD and held to Google
Dataset Search's properties, the release's BibTeX parsed, and the zip opened by the JavaScript
datapackage reader. Every expectation is read from the package, never written here."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jsonschema
import pytest
from conftest import ROOT
from pybtex.database import parse_string
from pyld import jsonld

import foreign_fighters as ff
from publish import portals, publication
from publish import readme as render_readme
from publish import release as build_release

SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "zenodraft-metadata-schema.json").read_text("utf-8"))
JS = ROOT / "tests" / "js" / "datapackage"
NODE, NPM = shutil.which("node"), shutil.which("npm")
REQUIRED = os.environ.get("FOREIGN_FIGHTERS_REQUIRE_NODE") == "1"  # CI sets it: no silent skip there
A_DOI = "10.5281/zenodo.1234567"  # any well-formed DOI, for the case pyproject.toml gives one
SCHEMA_ORG = "http://schema.org/"  # what schema.org's context maps its terms to


def descriptor() -> dict[str, Any]:
    return json.loads((ROOT / "datapackage.json").read_text("utf-8"))


def cff() -> dict[str, Any]:
    return publication.citation_file(ROOT)


def pub(doi: str = "") -> publication.Publication:
    return dataclasses.replace(publication.publication(ROOT), doi=doi)


# ---- Zenodo -------------------------------------------------------------------------------------


def zenodraft_errors(doc: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_zenodo_json_at_the_root_is_what_the_package_makes_of_itself():
    root = json.loads((ROOT / ".zenodo.json").read_text("utf-8"))
    assert root == portals.zenodo(descriptor(), cff(), publication.publication(ROOT))
    assert root["version"] == descriptor()["version"] == str(cff()["version"])


@pytest.mark.parametrize("doi", ["", A_DOI])
def test_zenodo_metadata_passes_the_zenodraft_schema(doi: str):
    assert zenodraft_errors(portals.zenodo(descriptor(), cff(), pub(doi))) == []


@pytest.mark.parametrize(
    ("field", "wrong"),
    [("license", "odc-pddl"), ("publication_date", "27 November 2026"), ("upload_type", "data")],
)
def test_the_zenodraft_schema_refuses_what_zenodo_would(field: str, wrong: str):
    doc = portals.zenodo(descriptor(), cff(), pub()) | {field: wrong}
    assert any(e.startswith(f"{field}:") for e in zenodraft_errors(doc))


@pytest.mark.parametrize("doi", ["", A_DOI])
def test_zenodo_metadata_follows_zenodos_legacy_deposit_rules(doi: str):
    """What Zenodo's legacy deposit API asks (developers.zenodo.org, "Deposit metadata") and what its
    reader of .zenodo.json does (zenodo-rdm, site/zenodo_rdm/legacy/deserializers/metadata.py)."""
    doc = portals.zenodo(descriptor(), cff(), pub(doi))
    required = {"upload_type", "publication_date", "title", "creators", "description", "access_right"}
    assert required <= doc.keys() and all(doc[k] for k in required)
    assert doc["access_right"] == "open" and doc["license"]  # open access needs a licence
    # Licences: the reader lower-cases the id and looks it up in its legacy-to-RDM map, where the
    # Open Data Commons PDDL is "pddl-1.0".
    assert doc["license"].lower() == "pddl-1.0"
    assert re.fullmatch(r"[a-z]{3}", doc["language"])  # ISO 639-2, as the reader keeps it
    # Creators: every one is read as a person, its `name` as "Family, Given". The organisation goes as
    # CITATION.cff names it, with no comma to split it at and nothing that only a person has.
    assert doc["creators"] == [{"name": a["name"]} for a in cff()["authors"]]
    assert all("," not in c["name"] for c in doc["creators"])
    # Related identifiers: the scheme is detected from the identifier itself.
    report = publication.report(cff())
    related = {r["identifier"]: r for r in doc["related_identifiers"]}
    assert related[report["url"]]["relation"] == "isDerivedFrom"
    assert related[report["url"]]["resource_type"] == "publication-report"
    for r in doc["related_identifiers"]:
        assert (r["scheme"] == "url") == r["identifier"].startswith("https://")
        assert (r["scheme"] == "doi") == bool(re.fullmatch(r"10\.\d{4,9}/\S+", r["identifier"]))
    # A `doi` would be registered as this version's own: the concept DOI is only ever related.
    assert "doi" not in doc
    assert (doi in related) == bool(doi)
    if doi:
        assert related[doi]["scheme"] == "doi" and related[doi]["resource_type"] == "dataset"


def test_render_readme_check_fails_on_a_stale_zenodo_json_and_the_render_fixes_it(tmp_path: Path, monkeypatch, capsys):
    for name in ("datapackage.json", "README.md", "CITATION.cff", "pyproject.toml", ".zenodo.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")  # the docs/ pages' generated sections too
    monkeypatch.setattr(render_readme, "ROOT", tmp_path)
    monkeypatch.setattr(render_readme, "README", tmp_path / "README.md")
    stale = json.loads((tmp_path / ".zenodo.json").read_text("utf-8")) | {"version": "0.0.1"}
    (tmp_path / ".zenodo.json").write_text(json.dumps(stale), "utf-8")

    def run(*args: str) -> int:
        monkeypatch.setattr(sys, "argv", ["render_readme.py", *args])
        return render_readme.main()

    assert run("--check") == 1 and ".zenodo.json is stale" in capsys.readouterr().err
    assert run() == 0 and run("--check") == 0
    assert (tmp_path / ".zenodo.json").read_bytes() == (ROOT / ".zenodo.json").read_bytes()


@pytest.mark.slow
def test_the_release_ships_the_root_zenodo_json_without_its_dot(dist: Path):
    assert not (dist / ".zenodo.json").exists()
    assert json.loads((dist / "zenodo.json").read_text("utf-8")) == json.loads(
        (ROOT / ".zenodo.json").read_text("utf-8")
    )


# ---- schema.org JSON-LD ---------------------------------------------------------------------------

# Google Dataset Search (developers.google.com/search/docs/appearance/structured-data/dataset).
GOOGLE_REQUIRED = {"name", "description"}
GOOGLE_RECOMMENDED = {
    "alternateName", "creator", "citation", "funder", "hasPart", "isAccessibleForFree", "isBasedOn",
    "identifier", "keywords", "license", "measurementTechnique", "sameAs", "spatialCoverage",
    "temporalCoverage", "variableMeasured", "version", "url", "includedInDataCatalog", "distribution",
}  # fmt: skip
NOT_FOR_THIS_DATASET = {
    "alternateName": "it has one name",
    "funder": "nobody funds it",
    "hasPart": "it is one dataset, not a collection of datasets",
    "measurementTechnique": "nothing was measured: the figures are the report's, as the press gave them",
}
# The schema.org properties each type used here has (its own and inherited ones), as schema.org
# defines them: a property misspelt, or put on a type that does not have it, is not among them.
PROPERTIES = {
    "Dataset": {
        "name", "description", "url", "identifier", "sameAs", "version", "dateCreated", "datePublished",
        "keywords", "license", "isAccessibleForFree", "creator", "publisher", "includedInDataCatalog",
        "citation", "isBasedOn", "spatialCoverage", "temporalCoverage", "variableMeasured", "distribution",
    },
    "DataDownload": {"name", "contentUrl", "encodingFormat", "contentSize", "sha256"},
    "DataCatalog": {"name", "url"},
    "Organization": {"name", "url"},
    "Person": {"name", "givenName", "familyName"},
    "Country": {"name", "identifier"},
    "Report": {"name", "author", "publisher", "datePublished", "url"},
}  # fmt: skip


def offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """schema.org's context, without the network: like the one schema.org serves, it maps every
    term to http://schema.org/. Any other document is refused."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise jsonld.JsonLdError(f"no document for {url}", "loading document failed")
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA_ORG}}}


def release_files(dp: dict[str, Any]) -> list[str]:
    """The test's own list of a release's files: the data, then metadata and the Python package."""
    version = dp["version"]
    data = [f"{r['name']}{s}" for r in dp["resources"] for s in (".csv", ".json")]
    data += [f"foreign-fighters-{version}.zip", f"foreign-fighters-{version}.xlsx"]
    other = ["ckan-dataset.json", "hdx-dataset.json", "zenodo.json", f"foreign-fighters-{version}.bib"]
    return data + other + [f"foreign_fighters-{version}-py3-none-any.whl", f"foreign_fighters-{version}.tar.gz"]


def schema_org_doc(doi: str = "") -> dict[str, Any]:
    dp = descriptor()
    names = release_files(dp)
    return portals.schema_org(
        dp, cff(), pub(doi), {n: "0" * 64 for n in names}, dict.fromkeys(names, 1), portals.countries(ff.load())
    )


def nodes(doc: Any) -> list[dict[str, Any]]:
    """Every JSON object in ``doc``, the document itself first."""
    if isinstance(doc, list):
        return [n for item in doc for n in nodes(item)]
    if isinstance(doc, dict):
        return [doc, *(n for value in doc.values() for n in nodes(value))]
    return []


def expanded_terms(doc: Any) -> set[str]:
    """Every property IRI and type IRI in an expanded JSON-LD document."""
    found: set[str] = set()
    for node in nodes(doc):
        found |= {k for k in node if not k.startswith("@")}
        found |= set(node.get("@type", []))
    return found


@pytest.mark.parametrize("doi", ["", A_DOI])
def test_json_ld_expands_with_every_term_a_schema_org_iri(doi: str):
    doc = schema_org_doc(doi)
    expanded = jsonld.expand(doc, {"documentLoader": offline_loader})
    keys = {k for n in nodes(doc) for k in n if not k.startswith("@")}
    types = {n["@type"] for n in nodes(doc) if "@type" in n}
    assert expanded_terms(expanded) == {SCHEMA_ORG + t for t in keys | types}  # none dropped, none added
    for node in nodes(doc):
        if "@type" in node:
            assert set(node) - {"@context", "@type"} <= PROPERTIES[node["@type"]], node["@type"]


def test_json_ld_expansion_drops_a_term_schema_org_does_not_map():
    """The check above sees a dropped key: a term that expands to no IRI is left out of the expansion."""
    doc = schema_org_doc() | {"@context": {"name": SCHEMA_ORG + "name"}}
    assert jsonld.expand(doc, {"documentLoader": offline_loader})[0].keys() == {"@type", SCHEMA_ORG + "name"}


def test_json_ld_has_google_dataset_searchs_required_and_recommended_properties():
    doc = schema_org_doc()
    assert all(doc[k] for k in GOOGLE_REQUIRED)
    assert GOOGLE_RECOMMENDED - NOT_FOR_THIS_DATASET.keys() <= {k for k, v in doc.items() if v not in ("", [], None)}
    assert NOT_FOR_THIS_DATASET.keys() <= GOOGLE_RECOMMENDED and not NOT_FOR_THIS_DATASET.keys() & doc.keys()
    assert 50 <= len(doc["description"]) <= 5000  # Google's bounds for a description


@pytest.mark.parametrize("doi", ["", A_DOI])
def test_json_ld_says_where_the_dataset_lives_and_who_made_it(doi: str):
    doc, p, citation = schema_org_doc(doi), pub(doi), cff()
    assert (doc["url"], doc["sameAs"]) == (p.homepage, p.repository)
    assert doc["identifier"] == (f"https://doi.org/{doi}" if doi else p.homepage)
    creators = [{"@type": "Organization", "name": a["name"], "url": p.homepage} for a in citation["authors"]]
    assert doc["creator"] == creators and doc["publisher"] in creators
    catalogues = {c["url"] for c in doc["includedInDataCatalog"]}
    assert f"{p.repository}/releases" in catalogues and ("https://zenodo.org/" in catalogues) == bool(doi)
    report = publication.report(citation)
    assert doc["citation"]["@type"] == "Report" and doc["citation"]["url"] == report["url"]
    assert doc["citation"]["author"]["familyName"] == report["authors"][0]["family-names"]
    assert doc["citation"]["datePublished"].startswith(str(report["year"]))


def test_json_ld_covers_the_countries_in_the_data_and_the_reports_period():
    doc, origins = schema_org_doc(), ff.load()
    countries = origins[origins["origin_type"] == "country"]
    assert [(p["@type"], p["name"], p["identifier"]) for p in doc["spatialCoverage"]] == [
        ("Country", o, i) for o, i in zip(countries["origin"], countries["iso3"], strict=True)
    ]
    start, end = doc["temporalCoverage"].split("/")
    assert doc["temporalCoverage"] == portals.TEMPORAL_COVERAGE
    assert re.fullmatch(r"\d{4}-\d{2}", start) and re.fullmatch(r"\d{4}-\d{2}", end) and start < end
    assert end[:4] == str(publication.report(cff())["year"])  # the report's figures are as of its date


def test_json_ld_distribution_lists_only_the_data_files():
    dp = descriptor()
    data = set(release_files(dp)[: 2 * len(dp["resources"]) + 2])
    assert {d["name"] for d in schema_org_doc()["distribution"]} == data
    assert all(d["contentUrl"] == pub().download(d["name"]) for d in schema_org_doc()["distribution"])


@pytest.mark.slow
def test_json_ld_distribution_is_the_data_files_each_at_its_absolute_release_url(dist: Path):
    doc, dp, p = json.loads((dist / "schema-org.jsonld").read_text("utf-8")), descriptor(), pub()
    tables = {f"{r['name']}{s}" for r in dp["resources"] for s in (".csv", ".json")}
    data = tables | {f"foreign-fighters-{dp['version']}.zip", f"foreign-fighters-{dp['version']}.xlsx"}
    sums = dict(line.split("  ", 1)[::-1] for line in (dist / "SHA256SUMS").read_text().splitlines())
    assert {d["name"] for d in doc["distribution"]} == data  # no metadata, no Python package
    for d in doc["distribution"]:
        url = urlparse(d["contentUrl"])
        assert url.scheme == "https" and url.netloc and d["contentUrl"] == p.download(d["name"])
        assert d["sha256"] == sums[d["name"]] and d["contentSize"] == f"{(dist / d['name']).stat().st_size} B"


# ---- BibTeX ----------------------------------------------------------------------------------------


def dataset_entry(text: str):
    (key,) = [k for k in parse_string(text, "bibtex").entries if k.startswith("foreign_fighters")]
    return parse_string(text, "bibtex").entries[key]


@pytest.mark.parametrize("doi", ["", A_DOI])
def test_bibtex_parses_with_the_organisation_as_one_author(doi: str):
    text, citation, p = publication.bibtex(cff(), pub(doi)), cff(), pub(doi)
    assert len(parse_string(text, "bibtex").entries) == 2  # the dataset and the report
    entry = dataset_entry(text)
    (author,) = entry.persons["author"]  # one author, not split into names
    assert str(author) == "{" + citation["authors"][0]["name"] + "}" and not author.first_names
    assert entry.fields["version"] == str(citation["version"])
    assert entry.fields["year"] == str(citation["preferred-citation"]["date-released"])[:4]
    assert entry.fields["url"] == p.homepage
    # While there is no DOI, none is shown: no field, no placeholder.
    assert ("doi" in entry.fields) == bool(doi) and ("doi" in text.lower()) == bool(doi)
    if doi:
        assert entry.fields["doi"] == doi


def test_bibtex_check_sees_an_organisation_split_into_names():
    text = publication.bibtex(cff(), pub())
    broken = text.replace("{{" + cff()["authors"][0]["name"] + "}}", "{" + cff()["authors"][0]["name"] + "}")
    (author,) = dataset_entry(broken).persons["author"]
    assert author.first_names  # unbraced, the name is read as a person's: the test above would fail


@pytest.mark.slow
def test_the_release_ships_the_bibtex(dist: Path):
    bib = dist / f"foreign-fighters-{descriptor()['version']}.bib"
    assert bib.read_text("utf-8") == publication.bibtex(cff(), publication.publication(ROOT))
    assert build_release.bib_version(bib.read_text("utf-8")) == descriptor()["version"]


# ---- the zip --------------------------------------------------------------------------------------


def test_zip_has_its_folders_as_entries_and_the_same_bytes_each_time(tmp_path: Path):
    dp = descriptor()
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    archive = build_release.build_zip(first, dp)
    assert archive.read_bytes() == build_release.build_zip(second, dp).read_bytes()
    names = [i.filename for i in zipfile.ZipFile(archive).infolist()]
    folders = {str(Path(r["path"]).parent) + "/" for r in dp["resources"]}
    for folder in folders:
        assert zipfile.ZipFile(archive).getinfo(folder).is_dir()
        assert names.index(folder) < min(names.index(r["path"]) for r in dp["resources"])
    assert ff.validate(archive).issues == []


def csv_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.reader(f)) - 1  # less the header


def npm_ci() -> float:
    """Install the reader as package-lock.json pins it; the seconds it took."""
    started = time.monotonic()
    cmd = [NPM, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"]
    done = subprocess.run(cmd, cwd=JS, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


@pytest.mark.slow
@pytest.mark.skipif(
    not (NODE and NPM) and not REQUIRED,
    reason="node and npm are not installed (apt-get install nodejs npm); FOREIGN_FIGHTERS_REQUIRE_NODE=1 makes this a failure",
)
def test_zip_opens_in_the_javascript_datapackage_reader(dist: Path):
    assert NODE and NPM, "FOREIGN_FIGHTERS_REQUIRE_NODE=1 but node or npm is not installed"
    print(f"npm ci: {npm_ci():.1f} s")
    archive = dist / f"foreign-fighters-{descriptor()['version']}.zip"
    done = subprocess.run([NODE, "read.js", str(archive)], cwd=JS, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    expected = {r["name"]: csv_rows(ROOT / r["path"]) for r in descriptor()["resources"]}
    assert json.loads(done.stdout) == expected
