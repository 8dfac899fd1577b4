"""Rules on ``datapackage.json`` itself."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import metadata, resources
from typing import Any

import jsonschema

from ..package import DESCRIPTOR, Package
from ..report import Issue

DISTRIBUTION = "foreign-fighters"
# semver.org's own pattern
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)


@cache
def profile() -> dict[str, Any]:
    text = resources.files("foreign_fighters").joinpath("profiles/datapackage-2.0.json").read_text("utf-8")
    return json.loads(text)


def check_descriptor(package: Package) -> list[Issue]:
    d = package.descriptor
    issues: list[Issue] = []

    def add(rule: str, message: str) -> None:
        issues.append(Issue(rule, message, path=DESCRIPTOR))

    validator = jsonschema.Draft7Validator(profile())
    try:
        errors = sorted(validator.iter_errors(d), key=lambda e: list(map(str, e.absolute_path)))
    except RecursionError:
        errors = []
        add("descriptor-schema", "nested too deeply to check")
    for err in errors:
        where = "/".join(map(str, err.absolute_path)) or "(top level)"
        add("descriptor-schema", f"{where}: {err.message[:300]}")

    version = d.get("version")
    if not isinstance(version, str) or not SEMVER.match(version):
        add("version-semver", f"version {version!r} is not MAJOR.MINOR.PATCH")
    elif package.bundled:
        try:
            installed = metadata.version(DISTRIBUTION)
        except metadata.PackageNotFoundError:
            installed = None
        if installed is not None and installed != version:
            add(
                "version-matches-package",
                f"version {version} differs from the installed Python package's {installed}; reinstall it",
            )

    if not d.get("licenses"):
        add("licenses-present", "no licenses: name the data's licence")
    if not d.get("sources"):
        add("sources-present", "no sources: name where the figures come from")

    for res in d["resources"]:
        if not isinstance(res, dict):
            continue
        name = res.get("name")
        if not str(res.get("hash", "")).startswith("sha256:") or not isinstance(res.get("bytes"), int):
            add("integrity-declared", f"resource {name!r} needs a 'sha256:' hash and bytes; run 'make hashes'")
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        for field in fields if isinstance(fields, list) else []:
            if isinstance(field, dict) and not str(field.get("description", "")).strip():
                add("field-described", f"resource {name!r} field {field.get('name')!r} has no description")
    return issues
