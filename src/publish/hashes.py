"""Refresh every resource's sha256 hash and bytes in datapackage.json after editing a CSV.

    python -m publish.hashes [PACKAGE_FOLDER] [--check]

--check changes nothing and exits 1 if any hash or size is stale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from foreign_fighters import limits
from foreign_fighters.package import SourceError, open_package


def refreshed(folder: Path) -> tuple[dict[str, Any], list[str]]:
    package = open_package(folder)
    descriptor = json.loads(json.dumps(package.descriptor))  # a copy to edit
    changes = []
    for res in descriptor["resources"]:
        data = package.source.read(package.path_of(res), limits.MAX_BYTES)  # all of it, whatever it declares
        want = {"hash": "sha256:" + hashlib.sha256(data).hexdigest(), "bytes": len(data)}
        for key, value in want.items():
            if res.get(key) != value:
                changes.append(f"{res['name']}: {key} {res.get(key)} -> {value}")
                res[key] = value
    return descriptor, changes


def write_json(path: Path, doc: dict[str, Any]) -> None:
    # Write beside the target, then swap: an interrupted run leaves the old file whole.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".datapackage-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=".", type=Path)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    try:
        descriptor, changes = refreshed(args.folder)
    except SourceError as exc:
        print(f"hashes: error: {exc}", file=sys.stderr)
        return 2
    for change in changes:
        print(change)
    if args.check:
        return 1 if changes else 0
    if changes:
        write_json(args.folder / "datapackage.json", descriptor)
    else:
        print("hashes and sizes are current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
