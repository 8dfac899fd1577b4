"""Metadata for the portals: CKAN, Zenodo and schema.org JSON-LD, each generated from the descriptor,
CITATION.cff and the one place that says where the package lives (publication.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from publication import LICENSE_URL

__all__ = ["LICENSE_URL", "ckan_dataset", "schema_org", "zenodo"]


def ckan_dataset(dp: dict[str, Any]) -> dict[str, Any]:
    from frictionless_ckan_mapper import frictionless_to_ckan

    dataset = frictionless_to_ckan.package(json.loads(json.dumps(dp)))
    # CKAN names licences by its own ids; its list calls ODC-PDDL-1.0 "odc-pddl".
    dataset.update(license_id="odc-pddl", version=dp["version"])
    for resource, res in zip(dataset["resources"], dp["resources"], strict=True):
        resource["url"] = f"{res['name']}.csv"  # the file beside this metadata in the release
        resource["format"] = "CSV"
    return dataset


def zenodo(dp: dict[str, Any], cff: dict[str, Any]) -> dict[str, Any]:
    report = next(r for r in cff["references"] if r["type"] == "report")
    return {
        "upload_type": "dataset",
        "title": cff["title"],
        "version": dp["version"],
        "publication_date": str(cff["date-released"]),
        "description": dp["description"],
        "creators": [{"name": a["name"]} for a in cff["authors"]],
        "keywords": dp["keywords"],
        "license": "odc-pddl",
        "related_identifiers": [
            {"identifier": report["url"], "relation": "isDerivedFrom", "resource_type": "publication-report"}
        ],
        "notes": f"Please also cite the original report: {report['authors'][0]['family-names']}, "
        f"{report['authors'][0]['given-names']} ({report['year']}). {report['title']}. {report['institution']['name']}.",
    }


def schema_org(dp: dict[str, Any], cff: dict[str, Any], sums: dict[str, str], sizes: dict[str, int]) -> dict[str, Any]:
    formats = {".csv": "text/csv", ".json": "application/json", ".zip": "application/zip",
               ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip
    report = next(r for r in cff["references"] if r["type"] == "report")
    return {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": dp["title"],
        "description": dp["description"],
        "version": dp["version"],
        "dateCreated": dp["created"],
        "datePublished": str(cff["date-released"]),
        "keywords": dp["keywords"],
        "license": LICENSE_URL,
        "isAccessibleForFree": True,
        "creator": [{"@type": "Organization", "name": a["name"]} for a in cff["authors"]],
        "citation": f"{report['authors'][0]['family-names']}, {report['authors'][0]['given-names']} ({report['year']}). "
        f"{report['title']}. {report['institution']['name']}.",
        "isBasedOn": [s["path"] for s in dp["sources"]],
        "variableMeasured": [f["name"] for res in dp["resources"] for f in res["schema"]["fields"]],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "contentUrl": name,
                "encodingFormat": formats[Path(name).suffix],
                "contentSize": f"{sizes[name]} B",
                "sha256": sums[name],
            }
            for name in sorted(sums)
            if Path(name).suffix in formats
        ],
    }
