"""Build every release artifact into dist/, from datapackage.json and data/, then check each one.

    python scripts/build_release.py [--out dist] [--skip-python]

Artifacts: the wheel and sdist; foreign-fighters-VERSION.zip (the data package, flat, as
frictionless and data portals open it); each table as CSV, JSON and one Excel workbook with a data
dictionary sheet; portal metadata generated from the descriptor (CKAN dataset, Zenodo, schema.org
JSON-LD); and SHA256SUMS over all of them. Exits 1 if any check fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

import foreign_fighters as ff
from foreign_fighters.contract import RESOURCE_NAME

ROOT = Path(__file__).resolve().parents[1]
ZIP_FILES = ["datapackage.json", "README.md", "LICENSE", "CHANGELOG.md", "CITATION.cff"]
FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entries carry no build time: the same inputs give the same bytes
LICENSE_URL = "https://opendatacommons.org/licenses/pddl/1-0/"


def descriptor() -> dict[str, Any]:
    return json.loads((ROOT / "datapackage.json").read_text("utf-8"))


def citation() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))


# ---- data ---------------------------------------------------------------------------------------
def build_zip(out: Path, dp: dict[str, Any]) -> Path:
    target = out / f"foreign-fighters-{dp['version']}.zip"
    names = ZIP_FILES + [r["path"] for r in dp["resources"]]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(names):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, (ROOT / name).read_bytes())
    return target


def _records(frame: pd.DataFrame, schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Plain JSON values, typed by the schema: integer fields as integers, empty cells as null."""
    integers = {f["name"] for f in schema["fields"] if f["type"] == "integer"}
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{k: int(v) if k in integers and v is not None else v for k, v in row.items()} for row in rows]


def artifact(out: Path, name: str, suffix: str) -> Path:
    """``out/NAME.SUFFIX`` for a resource's name, refused unless the name is plain words (the
    contract's pattern): a name from the data never leads outside ``out``."""
    if not RESOURCE_NAME.match(name):
        raise SystemExit(f"build_release: resource name {name!r} is not safe for a file name")
    return out / f"{name}{suffix}"


def build_tables(out: Path, dp: dict[str, Any]) -> list[Path]:
    made = []
    for res in dp["resources"]:
        name = res["name"]
        csv_path, json_path = artifact(out, name, ".csv"), artifact(out, name, ".json")
        shutil.copyfile(ROOT / res["path"], csv_path)
        frame = ff.load(name, source=ROOT)
        json_path.write_text(
            json.dumps(_records(frame, res["schema"]), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        made += [csv_path, json_path]
    return made


def _text_cell(cell: Any, value: Any) -> None:
    """Write ``value``; text is always text, so '=SUM(...)' shows as typed and never runs."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value[:1] in "=+-@\t\r":
            cell.quotePrefix = True


def build_workbook(out: Path, dp: dict[str, Any]) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for res in dp["resources"]:
        sheet = book.create_sheet(res["name"][:31])
        frame = ff.load(res["name"], source=ROOT)
        sheet.append([None] * len(frame.columns))
        for col, value in enumerate(frame.columns, start=1):  # a header is text too, never a formula
            _text_cell(sheet.cell(1, col), str(value))
        for record in _records(frame, res["schema"]):
            sheet.append([None] * len(record))
            for col, value in enumerate(record.values(), start=1):
                _text_cell(sheet.cell(sheet.max_row, col), value)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    sheet = book.create_sheet("data dictionary")
    sheet.append(["resource", "field", "type", "required", "constraints", "description"])
    for res in dp["resources"]:
        for f in res["schema"]["fields"]:
            c = dict(f.get("constraints", {}))
            required = "yes" if c.pop("required", False) else ""
            row = [
                res["name"],
                f["name"],
                f["type"],
                required,
                json.dumps(c, ensure_ascii=False) if c else "",
                f["description"],
            ]
            sheet.append([None] * len(row))
            for col, value in enumerate(row, start=1):
                _text_cell(sheet.cell(sheet.max_row, col), value)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    stamp = datetime.fromisoformat(dp["created"].replace("Z", "+00:00")).replace(tzinfo=None)
    book.properties.created = book.properties.modified = stamp
    book.properties.title = dp["title"]
    target = out / f"foreign-fighters-{dp['version']}.xlsx"
    book.save(target)
    return target


# ---- portal metadata ------------------------------------------------------------------------------
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


def write_json(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- checks ---------------------------------------------------------------------------------------
def check(out: Path, dp: dict[str, Any], cff: dict[str, Any]) -> list[str]:
    """What is wrong with the built artifacts; empty when all is well."""
    from openpyxl import load_workbook

    problems = []
    version = dp["version"]
    archive = out / f"foreign-fighters-{version}.zip"
    report = ff.validate(archive)
    if not report.valid:
        problems.append(f"{archive.name}: {len(report.errors)} validation errors")
    book = load_workbook(out / f"foreign-fighters-{version}.xlsx")
    for res in dp["resources"]:
        name = res["name"]
        expected = ff.load(name, source=ROOT)
        if not ff.load(name, source=archive).equals(expected):
            problems.append(f"{archive.name}: {name} differs from data/")
        if (out / f"{name}.csv").read_bytes() != (ROOT / res["path"]).read_bytes():
            problems.append(f"{name}.csv differs from {res['path']}")
        records = _records(expected, res["schema"])
        if json.loads((out / f"{name}.json").read_text("utf-8")) != records:
            problems.append(f"{name}.json differs from {res['path']}")
        values = [list(r) for r in book[name[:31]].iter_rows(values_only=True)]
        wanted = [list(expected.columns)] + [list(r.values()) for r in records]
        if values != wanted:
            problems.append(f"the workbook's {name} sheet differs from {res['path']}")
    ckan = json.loads((out / "ckan-dataset.json").read_text("utf-8"))
    zen = json.loads((out / ".zenodo.json").read_text("utf-8"))
    org = json.loads((out / "schema-org.jsonld").read_text("utf-8"))
    versions = {
        "datapackage.json": version,
        "CITATION.cff": str(cff["version"]),
        "ckan-dataset.json": ckan["version"],
        ".zenodo.json": zen["version"],
        "schema-org.jsonld": org["version"],
    }
    if len(set(versions.values())) != 1:
        held = ", ".join(f"{name} {v}" for name, v in versions.items())
        problems.append(f"the files disagree on the version: {held}")
    if not (ckan["license_id"] == zen["license"] == "odc-pddl" and org["license"] == LICENSE_URL):
        problems.append("the metadata files disagree on the licence")
    if not (zen["title"] == cff["title"] and "Barrett" in zen["notes"] and "Barrett" in org["citation"]):
        problems.append("the metadata files disagree with CITATION.cff")
    listed = dict(line.split("  ", 1)[::-1] for line in (out / "SHA256SUMS").read_text().splitlines())
    for name, digest in listed.items():
        if sha256(out / name) != digest:
            problems.append(f"SHA256SUMS: {name} does not match")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--skip-python", action="store_true", help="leave out the wheel and sdist")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    dp, cff = descriptor(), citation()
    report = ff.validate(ROOT)
    if not report.valid:
        print("build_release: the package in this checkout is not valid; run 'make validate'", file=sys.stderr)
        return 1
    made = []
    if not args.skip_python:
        subprocess.run(
            [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
            check=True,
            capture_output=True,
        )
        made += [
            out / f"foreign_fighters-{dp['version']}-py3-none-any.whl",
            out / f"foreign_fighters-{dp['version']}.tar.gz",
        ]
    made += [build_zip(out, dp), *build_tables(out, dp), build_workbook(out, dp)]
    made += [write_json(out / "ckan-dataset.json", ckan_dataset(dp)), write_json(out / ".zenodo.json", zenodo(dp, cff))]
    artifacts = sorted(made)
    sums = {p.name: sha256(p) for p in artifacts}
    sizes = {p.name: p.stat().st_size for p in artifacts}
    org = write_json(out / "schema-org.jsonld", schema_org(dp, cff, sums, sizes))
    sums[org.name] = sha256(org)
    (out / "SHA256SUMS").write_text("".join(f"{sums[n]}  {n}\n" for n in sorted(sums)), encoding="utf-8")
    problems = check(out, dp, cff)
    for name in sorted(sums):
        print(f"{(out / name).stat().st_size:>9}  {name}")
    for problem in problems:
        print(f"build_release: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
