"""Build every release artifact into dist/, from datapackage.json and data/, then check each one.

    python -m publish.release [--out dist] [--skip-python] [--root CHECKOUT]

Artifacts: the wheel and sdist; foreign-fighters-VERSION.zip (the data package, flat, as
frictionless and data portals open it); each table as CSV, JSON and one Excel workbook with a data
dictionary sheet; portal metadata generated from the descriptor (CKAN and HDX datasets, Zenodo as
zenodo.json, schema.org JSON-LD); the citation as BibTeX (foreign-fighters-VERSION.bib); and
SHA256SUMS over all of them. Exits 1 if any check fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, cast

import yaml

import foreign_fighters as ff
from foreign_fighters.contract import RESOURCE_NAME

from .portals import ckan_dataset, countries, hdx_dataset, portal_license, schema_org, zenodo
from .publication import bibtex, publication
from .publication import report as cited_report
from .workbook import build_workbook, records, sheet_names

ROOT = Path(__file__).resolve().parents[2]
ZIP_FILES = ["datapackage.json", "README.md", "LICENSE", "CHANGELOG.md", "CITATION.cff"]
FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entries carry no build time: the same inputs give the same bytes


def descriptor(root: Path = ROOT) -> dict[str, Any]:
    return cast(dict[str, Any], json.loads((root / "datapackage.json").read_text("utf-8")))


def citation(root: Path = ROOT) -> dict[str, Any]:
    return cast(dict[str, Any], yaml.safe_load((root / "CITATION.cff").read_text("utf-8")))


# ---- data ---------------------------------------------------------------------------------------
def directories(names: list[str]) -> list[str]:
    """Every folder the files are in, as zip directory entries ("data/"): readers that unpack the zip
    entry by entry, as the JavaScript datapackage reader does, create a folder only from its entry."""
    found = {"/".join(parts[:i]) + "/" for parts in (n.split("/") for n in names) for i in range(1, len(parts))}
    return sorted(found)


def build_zip(out: Path, dp: dict[str, Any], root: Path = ROOT) -> Path:
    target = out / f"foreign-fighters-{dp['version']}.zip"
    names = ZIP_FILES + [r["path"] for r in dp["resources"]]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for folder in directories(names):  # each before the files in it
            info = zipfile.ZipInfo(folder, FIXED_TIME)
            info.external_attr = (0o40755 << 16) | 0x10  # a directory, for Unix and for MS-DOS readers
            zf.writestr(info, b"")
        for name in sorted(names):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, (root / name).read_bytes())
    return target


def artifact(out: Path, name: str, suffix: str) -> Path:
    """``out/NAME.SUFFIX`` for a resource's name, refused unless the name is plain words (the
    contract's pattern): a name from the data never leads outside ``out``."""
    if not RESOURCE_NAME.match(name):
        raise SystemExit(f"release: resource name {name!r} is not safe for a file name")
    return out / f"{name}{suffix}"


def build_tables(out: Path, dp: dict[str, Any], root: Path = ROOT) -> list[Path]:
    made = []
    for res in dp["resources"]:
        name = res["name"]
        csv_path, json_path = artifact(out, name, ".csv"), artifact(out, name, ".json")
        shutil.copyfile(root / res["path"], csv_path)
        frame = ff.load(name, source=root)
        json_path.write_text(
            json.dumps(records(frame, res["schema"]), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        made += [csv_path, json_path]
    return made


def write_json(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def bib_version(text: str) -> str:
    """The dataset entry's version in a .bib file ("" when there is none)."""
    found = re.search(r"^\s*version = \{([^}]*)\},$", text, re.M)
    return found.group(1) if found else ""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- checks ---------------------------------------------------------------------------------------
def check(out: Path, dp: dict[str, Any], cff: dict[str, Any], root: Path = ROOT) -> list[str]:
    """What is wrong with the built artifacts; empty when all is well."""
    from openpyxl import load_workbook

    problems = []
    version = dp["version"]
    archive = out / f"foreign-fighters-{version}.zip"
    report = ff.validate(archive)
    if not report.valid:
        problems.append(f"{archive.name}: {len(report.errors)} validation errors")
    book = load_workbook(out / f"foreign-fighters-{version}.xlsx")
    sheets = sheet_names(dp)
    for res in dp["resources"]:
        name = res["name"]
        expected = ff.load(name, source=root)
        if not ff.load(name, source=archive).equals(expected):
            problems.append(f"{archive.name}: {name} differs from data/")
        if (out / f"{name}.csv").read_bytes() != (root / res["path"]).read_bytes():
            problems.append(f"{name}.csv differs from {res['path']}")
        rows = records(expected, res["schema"])
        if json.loads((out / f"{name}.json").read_text("utf-8")) != rows:
            problems.append(f"{name}.json differs from {res['path']}")
        values = [list(r) for r in book[sheets[name]].iter_rows(values_only=True)]
        wanted = [list(expected.columns)] + [list(r.values()) for r in rows]
        if values != wanted:
            problems.append(f"the workbook's {name} sheet differs from {res['path']}")
    ckan = json.loads((out / "ckan-dataset.json").read_text("utf-8"))
    zen = json.loads((out / "zenodo.json").read_text("utf-8"))
    org = json.loads((out / "schema-org.jsonld").read_text("utf-8"))
    bib = f"foreign-fighters-{version}.bib"
    versions = {
        "datapackage.json": version,
        "CITATION.cff": str(cff["version"]),
        "ckan-dataset.json": ckan["version"],
        "zenodo.json": zen["version"],
        ".zenodo.json (the repository's)": json.loads((root / ".zenodo.json").read_text("utf-8"))["version"],
        "schema-org.jsonld": org["version"],
        bib: bib_version((out / bib).read_text("utf-8")),
    }
    if len(set(versions.values())) != 1:
        held = ", ".join(f"{name} {v}" for name, v in versions.items())
        problems.append(f"the files disagree on the version: {held}")
    if json.loads((root / ".zenodo.json").read_text("utf-8")) != zen:
        problems.append(".zenodo.json differs from the release's zenodo.json: run 'make docs'")
    pub = publication(root)
    for level, entry in (("CITATION.cff", cff), ("CITATION.cff preferred-citation", cff["preferred-citation"])):
        if str(entry.get("doi", "")) != pub.doi:  # the DOI travels with the zip's CITATION.cff too
            problems.append(f"{level} has doi {entry.get('doi', '')!r}, pyproject.toml {pub.doi!r}")
    ids = {portal: portal_license(pub, portal) for portal in ("ckan", "zenodo")}
    if not (
        ckan["license_id"] == ids["ckan"]
        and zen["license"] == ids["zenodo"]
        and org.get("license", "") == pub.license_url
    ):
        problems.append("the metadata files disagree on the licence")
    author = cited_report(cff)["authors"][0]["family-names"]
    if not (
        zen["title"] == cff["title"] and author in zen["notes"] and org["citation"]["author"]["familyName"] == author
    ):
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
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to release (default: this one)")
    args = parser.parse_args()
    out: Path = args.out
    root: Path = args.root
    out.mkdir(parents=True, exist_ok=True)
    dp, cff = descriptor(root), citation(root)
    report = ff.validate(root)
    if not report.valid:
        print("release: the package in this checkout is not valid; run 'make validate'", file=sys.stderr)
        return 1
    made = []
    if not args.skip_python:
        subprocess.run(
            [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(root)],
            check=True,
            capture_output=True,
        )
        made += [
            out / f"foreign_fighters-{dp['version']}-py3-none-any.whl",
            out / f"foreign_fighters-{dp['version']}.tar.gz",
        ]
    made += [build_zip(out, dp, root), *build_tables(out, dp, root), build_workbook(out, dp, root)]
    pub = publication(root)
    places = countries(ff.load(source=root))
    made += [write_json(out / "ckan-dataset.json", ckan_dataset(dp, pub))]
    made += [write_json(out / "hdx-dataset.json", hdx_dataset(dp, cff, pub, places))]
    # GitHub renames a release asset whose name starts with a dot: Zenodo's .zenodo.json ships as zenodo.json.
    made += [write_json(out / "zenodo.json", zenodo(dp, cff, pub))]
    made += [write_text(out / f"foreign-fighters-{dp['version']}.bib", bibtex(cff, pub))]
    artifacts = sorted(made)
    sums = {p.name: sha256(p) for p in artifacts}
    sizes = {p.name: p.stat().st_size for p in artifacts}
    org = write_json(out / "schema-org.jsonld", schema_org(dp, cff, pub, sums, sizes, places))
    sums[org.name] = sha256(org)
    (out / "SHA256SUMS").write_text("".join(f"{sums[n]}  {n}\n" for n in sorted(sums)), encoding="utf-8")
    problems = check(out, dp, cff, root)
    for name in sorted(sums):
        print(f"{(out / name).stat().st_size:>9}  {name}")
    for problem in problems:
        print(f"release: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
