"""Release a new version: bump `version` in datapackage.json and in every file that repeats it.

    python -m publish.bump major|minor|patch [--date YYYY-MM-DD]

- datapackage.json `version` (the one source: the Python package reads it at build time);
- CITATION.cff `version` and `date-released`;
- CHANGELOG.md: the entries under `## [Unreleased]` move under `## [NEW] - DATE`, and the link
  references at the bottom follow (Keep a Changelog 1.1.0);
- .zenodo.json (Zenodo's deposit metadata) and the README's generated sections (publish/readme.py).

Refuses (exit 1, nothing written) when `## [Unreleased]` holds no entry: say what changed first.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
import sys
from pathlib import Path

from . import readme as render_readme
from .hashes import write_json
from .publication import publication

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("major", "minor", "patch")
UNRELEASED = re.compile(r"^## \[Unreleased\][^\n]*\n", re.M)


def bumped(version: str, part: str) -> str:
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", version)
    if not m:
        raise ValueError(f"datapackage.json version {version!r} is not MAJOR.MINOR.PATCH")
    major, minor, patch = map(int, m.groups())
    return {
        "major": f"{major + 1}.0.0",
        "minor": f"{major}.{minor + 1}.0",
        "patch": f"{major}.{minor}.{patch + 1}",
    }[part]


def changelog(text: str, old: str, new: str, date: str) -> str:
    """The changelog with the Unreleased entries released as ``new``."""
    head = UNRELEASED.search(text)
    if not head:
        raise ValueError("CHANGELOG.md has no '## [Unreleased]' section")
    nxt = re.compile(r"^## \[|^\[[^\]]+\]: ", re.M).search(text, head.end())
    end = nxt.start() if nxt else len(text)
    entries = text[head.end() : end].strip()
    if not re.search(r"^\s*[-*] ", entries, re.M):
        raise ValueError("CHANGELOG.md's [Unreleased] section has no entry: write what changed there first")
    body = text[: head.end()] + f"\n## [{new}] - {date}\n\n{entries}\n\n" + text[end:].lstrip("\n")
    links = [line for line in body.splitlines() if re.match(r"^\[[^\]]+\]: ", line)]
    body = "\n".join(line for line in body.splitlines() if line not in links).rstrip() + "\n"
    versions = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", body, re.M)
    refs = [f"[Unreleased]: ../../compare/v{new}...HEAD"]
    for version, previous in zip(versions, [*versions[1:], None], strict=True):
        refs.append(
            f"[{version}]: ../../compare/v{previous}...v{version}"
            if previous
            else f"[{version}]: ../../releases/tag/v{version}"
        )
    return body + "\n" + "\n".join(refs) + "\n"


def citation(text: str, new: str, date: str) -> str:
    """The top level's and preferred-citation's (two spaces in) version and date; not the references'."""
    for key, value in (("version", new), ("date-released", f'"{date}"')):
        text, n = re.subn(rf"^((?:  )?){key}:.*$", rf"\g<1>{key}: {value}", text, flags=re.M)
        if n != 2:
            raise ValueError(f"CITATION.cff has {n} '{key}:' lines, not 2 (the dataset's and preferred-citation's)")
    return text


def bump(root: Path, part: str, date: str) -> tuple[str, str]:
    descriptor_path = root / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    old = descriptor["version"]
    new = bumped(old, part)
    # Everything is computed before anything is written: a refusal leaves every file as it was.
    log = changelog((root / "CHANGELOG.md").read_text("utf-8"), old, new, date)
    cff = citation((root / "CITATION.cff").read_text("utf-8"), new, date)
    descriptor["version"] = new
    readme = (root / "README.md").read_text("utf-8")
    render_readme.render(readme, descriptor, root)  # refuses here, before any write, if a section cannot be made
    pub = dataclasses.replace(publication(root), version=new)
    zenodo = render_readme.zenodo_json(descriptor, cff, pub)
    write_json(descriptor_path, descriptor)
    (root / "CHANGELOG.md").write_text(log, encoding="utf-8")
    (root / "CITATION.cff").write_text(cff, encoding="utf-8")
    (root / render_readme.ZENODO).write_text(zenodo, encoding="utf-8")
    # The README's citation is rendered from the files just written, CITATION.cff's new version with them.
    (root / "README.md").write_text(render_readme.render(readme, descriptor, root), encoding="utf-8")
    return old, new


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=PARTS)
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="the release date (default: today)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    try:
        old, new = bump(args.root, args.part, args.date)
    except (ValueError, KeyError, OSError) as exc:
        print(f"bump: error: {exc}; nothing was changed", file=sys.stderr)
        return 1
    print(f"version {old} -> {new}: datapackage.json, CITATION.cff, CHANGELOG.md, .zenodo.json, README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
