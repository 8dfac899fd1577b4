"""Metadata for the portals: CKAN, HDX, Zenodo and schema.org JSON-LD, each generated from the descriptor,
CITATION.cff and the one place that says where the package lives (publication.py)."""

from __future__ import annotations

import calendar
import json
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from .publication import Publication, report
from .safe import link, md_text

__all__ = [
    "PORTAL_LICENSES",
    "ckan_dataset",
    "countries",
    "data_files",
    "hdx_dataset",
    "schema_org",
    "zenodo",
]


def ckan_dataset(dp: dict[str, Any], pub: Publication) -> dict[str, Any]:
    """A dataset that CKAN's package_create takes as it is (tests/test_portals_ckan_hdx.py runs CKAN's schema)."""
    from frictionless_ckan_mapper import frictionless_to_ckan

    dataset: dict[str, Any] = frictionless_to_ckan.package(json.loads(json.dumps(dp)))
    # CKAN refuses a dataset
    # without an organisation unless the portal allows unowned ones, which is not its default.
    dataset.update(
        license_id=portal_license(pub, "ckan"), version=dp["version"], url=pub.homepage, owner_org=pub.ckan_owner_org
    )
    # The mapper copies the licence's path as it is; a portal shows it as a link, so only a safe one.
    if pub.license_url:
        dataset["license_url"] = pub.license_url
    else:
        dataset.pop("license_url", None)
    # CKAN renders a dataset's and a resource's description (`notes`, `description`) as Markdown.
    if "notes" in dataset:
        dataset["notes"] = md_text(dataset["notes"])
    for resource, res in zip(dataset["resources"], dp["resources"], strict=True):
        if "description" in resource:
            resource["description"] = md_text(resource["description"])
        # Absolute: a portal keeps the metadata apart from the release, where a relative URL leads nowhere.
        resource["url"] = pub.download(f"{res['name']}.csv")
        resource["format"] = "CSV"
    return dataset


# Each portal's own id for the licence datapackage.json gives. CKAN's list calls ODC-PDDL-1.0
# "odc-pddl"; HDX's (hdx-ckan) "hdx-pddl"; Zenodo names licences by SPDX id (its legacy reader
# lower-cases it and finds "pddl-1.0"; the zenodraft schema knows only the SPDX spelling).
PORTAL_LICENSES = {
    "ODC-PDDL-1.0": {"ckan": "odc-pddl", "hdx": "hdx-pddl", "zenodo": "PDDL-1.0"},
    "ODC-BY-1.0": {"ckan": "odc-by", "hdx": "hdx-odc-by", "zenodo": "ODC-By-1.0"},
    "ODbL-1.0": {"ckan": "odc-odbl", "hdx": "hdx-odc-odbl", "zenodo": "ODbL-1.0"},
    "CC-BY-4.0": {"ckan": "cc-by", "hdx": "cc-by", "zenodo": "CC-BY-4.0"},
    "CC-BY-SA-4.0": {"ckan": "cc-by-sa", "hdx": "cc-by-sa", "zenodo": "CC-BY-SA-4.0"},
}
# A licence none of them names: each portal's own "other" (CKAN's "License not specified", HDX's
# "Other"), and Zenodo, which reads SPDX ids, the name as datapackage.json gives it. The licence's
# title and address still travel in the descriptor inside the zip; a portal's curator picks the id.
OTHER_LICENSE = {"ckan": "notspecified", "hdx": "hdx-other"}


def portal_license(pub: Publication, portal: str) -> str:
    """The portal's id for the data's licence; for a licence no id is known for, the portal's "other"."""
    known = PORTAL_LICENSES.get(pub.license_name, {})
    return known.get(portal) or OTHER_LICENSE.get(portal) or pub.license_name or "other"


# When the people counted left (schema.org temporalCoverage, an ISO 8601 interval): the report counts
# departures since the start of the conflict in Syria, in March 2011, up to October 2017, the month
# its figures are dated (a later revision says "as of 31 October 2017"). The one place that says it.
TEMPORAL_COVERAGE = "2011-03/2017-10"

MEDIA_TYPES = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".zip": "application/zip",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _report_citation(rep: dict[str, Any]) -> str:
    person = rep["authors"][0]
    return (
        f"{person['family-names']}, {person['given-names']} ({rep['year']}). {rep['title']}. "
        f"{rep['institution']['name']}."
    )


def _zenodo_creator(author: dict[str, Any]) -> dict[str, str]:
    # Zenodo reads .zenodo.json with its legacy deposit schema (zenodo-rdm,
    # site/zenodo_rdm/legacy/deserializers/metadata.py, PersonSchema): every creator there is of type
    # "personal", its `name` split by nameparser into given and family names; the legacy format has no
    # field that marks an organisation (zenodo/zenodo#1956, open), and the GitHub integration's
    # fallback, the repository owner, is a person too. So the organisation goes as `name` alone, as
    # CITATION.cff gives it: no comma (the legacy "Family, Given" form) and neither ORCID nor
    # affiliation (a person's). Marking it an organisation is then one edit of the archived record.
    return {"name": author["name"]}


def zenodo(dp: dict[str, Any], cff: dict[str, Any], pub: Publication) -> dict[str, Any]:
    """The deposit metadata Zenodo's GitHub integration reads from .zenodo.json (legacy format)."""
    rep = report(cff)
    related = [
        {"identifier": rep["url"], "relation": "isDerivedFrom", "resource_type": "publication-report", "scheme": "url"}
    ]
    if pub.doi:
        # The concept DOI names every version; Zenodo mints this version's own DOI when it archives the
        # release, so the concept DOI is related, never `doi` (that would claim it for this version).
        # zenodraft's relations have no isVersionOf: isPartOf (of the set of versions) is the nearest.
        related.append({"identifier": pub.doi, "relation": "isPartOf", "resource_type": "dataset", "scheme": "doi"})
    return {
        "upload_type": "dataset",
        "title": cff["title"],
        "version": dp["version"],
        "publication_date": str(cff["date-released"]),
        # Zenodo reads the description and the notes as HTML; the descriptor's are plain text.
        "description": escape(dp["description"], quote=False),
        "creators": [_zenodo_creator(a) for a in cff["authors"]],
        "keywords": list(dp.get("keywords", [])),
        "access_right": "open",
        "license": portal_license(pub, "zenodo"),
        "language": "eng",
        "related_identifiers": related,
        "notes": escape(f"Please also cite the original report: {_report_citation(rep)}", quote=False),
    }


def countries(origins: pd.DataFrame) -> list[dict[str, str]]:
    """The countries among fighters-by-origin's origins, as schema.org places (regions and groups are no place)."""
    rows = origins[origins["origin_type"] == "country"]
    return [
        {"@type": "Country", "name": str(r["origin"]), "identifier": str(r["iso3"])} for r in rows.to_dict("records")
    ]


def data_files(dp: dict[str, Any]) -> list[str]:
    """The release's files that hold the data: the zip, each table as CSV and JSON, the workbook."""
    tables = [f"{r['name']}{suffix}" for r in dp["resources"] for suffix in (".csv", ".json")]
    return sorted([f"foreign-fighters-{dp['version']}.zip", f"foreign-fighters-{dp['version']}.xlsx", *tables])


def _organisation(name: str, url: str) -> dict[str, str]:
    return {"@type": "Organization", "name": name, "url": url}


def _catalogues(dp: dict[str, Any], pub: Publication) -> list[dict[str, str]]:
    found = [{"@type": "DataCatalog", "name": f"{_name(dp)} releases", "url": f"{pub.repository}/releases"}]
    if pub.doi:
        found.append({"@type": "DataCatalog", "name": "Zenodo", "url": "https://zenodo.org/"})
    return found


def _report(rep: dict[str, Any]) -> dict[str, Any]:
    person = rep["authors"][0]
    return {
        "@type": "Report",
        "name": rep["title"],
        "author": {"@type": "Person", "givenName": person["given-names"], "familyName": person["family-names"]},
        "publisher": {"@type": "Organization", "name": rep["institution"]["name"]},
        "datePublished": f"{rep['year']}-{int(rep['month']):02d}",
        "url": rep["url"],
    }


def schema_org(
    dp: dict[str, Any],
    cff: dict[str, Any],
    pub: Publication,
    sums: dict[str, str],
    sizes: dict[str, int],
    places: list[dict[str, str]],
) -> dict[str, Any]:
    """A schema.org Dataset with Google Dataset Search's required and recommended properties; a link
    from the descriptor only when it is a safe one (publish/safe.py), an optional property only when given."""
    creators = [_organisation(a["name"], pub.homepage) for a in cff["authors"]]
    optional = {"dateCreated", "license"}
    doc = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": dp["title"],
        "description": dp["description"],
        "url": pub.homepage,
        # The DOI once there is one. Until then the landing page: like the concept DOI it names the
        # dataset across versions, where a release's URL would change with each version.
        "identifier": pub.doi_url or pub.homepage,
        "sameAs": pub.repository,
        "version": dp["version"],
        "dateCreated": dp.get("created"),
        "datePublished": str(cff["date-released"]),
        "keywords": list(dp.get("keywords", [])),
        "license": pub.license_url,
        "isAccessibleForFree": True,
        "creator": creators,
        "publisher": creators[0],
        "includedInDataCatalog": _catalogues(dp, pub),
        "citation": _report(report(cff)),
        "isBasedOn": [url for url in (link(s.get("path")) for s in dp.get("sources", [])) if url],
        "spatialCoverage": places,
        "temporalCoverage": TEMPORAL_COVERAGE,
        "variableMeasured": [f["name"] for res in dp["resources"] for f in res["schema"]["fields"]],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "contentUrl": pub.download(name),
                "encodingFormat": MEDIA_TYPES[Path(name).suffix],
                "contentSize": f"{sizes[name]} B",
                "sha256": sums[name],
            }
            for name in data_files(dp)
        ],
    }
    return {key: value for key, value in doc.items() if value or key not in optional}


# ---- HDX (the Humanitarian Data Exchange) ------------------------------------------------------
# HDX's vocabulary, the only values here not read from the package.
HDX_NEVER = "-1"  # data_update_frequency "Never": the figures are the report's of 2017, no new ones will come
HDX_METHODOLOGY = "Other"  # not a Census, Sample Survey, Direct Observational Data or Registry: a compilation
HDX_LINK = "api"  # url_type and resource_type of a resource linked where it lives, not uploaded to HDX


def hdx_period(interval: str) -> str:
    """HDX's dataset_date for an ISO 8601 interval of months: from the first day of the first month to
    the last moment of the last one."""
    start, end = interval.split("/")
    year, month = (int(part) for part in end.split("-"))
    last_day = calendar.monthrange(year, month)[1]
    return f"[{start}-01T00:00:00 TO {end}-{last_day:02d}T23:59:59]"


def _maintainer(dp: dict[str, Any], cff: dict[str, Any]) -> str:
    """The contributor whose role is maintainer; else the first contributor, else CITATION.cff's first author
    (contributors and their roles are optional in Data Package v2)."""
    people = [c for c in dp.get("contributors", []) if isinstance(c, dict) and c.get("title")]
    chosen = next((c for c in people if "maintainer" in c.get("roles", [])), people[0] if people else None)
    return str(chosen["title"]) if chosen else str(cff["authors"][0]["name"])


def _name(dp: dict[str, Any]) -> str:
    """The package's name: optional in Data Package v2, and then the Python package's."""
    return str(dp.get("name") or "foreign-fighters")


def _hdx_resource(res: dict[str, Any], pub: Publication) -> dict[str, str]:
    return {
        "name": f"{res['name']}.csv",
        "description": md_text(res.get("description") or res.get("title") or res["name"]),
        "format": "CSV",
        "url": pub.download(f"{res['name']}.csv"),
        "url_type": HDX_LINK,
        "resource_type": HDX_LINK,
    }


def hdx_dataset(
    dp: dict[str, Any], cff: dict[str, Any], pub: Publication, places: list[dict[str, str]]
) -> dict[str, Any]:
    """A dataset for HDX with every field that hdx-python-api's check_required_fields asks for
    (tests/test_portals_ckan_hdx.py runs it); `places` are the data's countries, as countries() gives them."""
    return {
        "name": _name(dp),
        "title": dp["title"],
        "notes": md_text(dp["description"]),  # HDX, a CKAN portal, renders it as Markdown
        "private": False,
        "owner_org": pub.ckan_owner_org,  # HDX is a CKAN portal: the same organisation setting
        "maintainer": _maintainer(dp, cff),
        "dataset_source": report(cff)["institution"]["name"],
        "dataset_date": hdx_period(TEMPORAL_COVERAGE),
        "data_update_frequency": HDX_NEVER,
        # HDX's location groups are lower-case ISO 3166-1 alpha-3 codes.
        "groups": [{"name": code} for code in sorted({p["identifier"].lower() for p in places})],
        "license_id": portal_license(pub, "hdx"),
        "methodology": HDX_METHODOLOGY,
        "methodology_other": "Compiled from the report's figures as publications give them. Sources: "
        + md_text("; ".join(str(s.get("title") or s.get("path")) for s in dp.get("sources", []))),
        "tags": [{"name": keyword} for keyword in dp.get("keywords", [])],
        "url": pub.homepage,
        "version": dp["version"],
        "resources": [_hdx_resource(res, pub) for res in dp["resources"]],
    }
