"""Rules on ``datapackage.json`` itself."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any, cast

from . import all_rules, rule

# semver.org's own pattern
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
HERE = "datapackage.json"


@cache
def profile() -> dict[str, Any]:
    text = resources.files("foreign_fighters").joinpath("profiles/datapackage-2.0.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(text))


@rule("descriptor-schema", HERE, "valid against the official Data Package v2 JSON Schema (vendored).", "descriptor")
def descriptor_schema(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    import jsonschema

    validator = jsonschema.Draft7Validator(profile())
    try:
        errors = sorted(validator.iter_errors(descriptor), key=lambda e: list(map(str, e.absolute_path)))
    except RecursionError:
        yield "nested too deeply to check"
        return
    for err in errors:
        where = "/".join(map(str, err.absolute_path)) or "(top level)"
        yield f"{where}: {err.message[:300]}"


@rule("version-semver", HERE, "`version` is a semantic version (MAJOR.MINOR.PATCH).", "descriptor")
def version_semver(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    version = descriptor.get("version")
    if not isinstance(version, str) or not SEMVER.match(version):
        yield f"version {str(version)[:40]!r} is not MAJOR.MINOR.PATCH"


@rule(
    "version-matches-package", HERE,
    "the installed package's `version` equals the Python package's version.", "descriptor",
)  # fmt: skip
def version_matches_package(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    version = descriptor.get("version")
    if not bundled:
        return  # another package's version is its own business
    from ..package import python_version  # a checkout's own descriptor, or the wheel's metadata

    installed = python_version()
    if installed == "0+unknown":
        return
    if installed != version:
        yield f"version {version} differs from the installed Python package's {installed}; reinstall it"


@rule("licenses-present", HERE, "`licenses` names at least one licence.", "descriptor")
def licenses_present(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    if not descriptor.get("licenses"):
        yield "no licenses: name the data's licence"


@rule("sources-present", HERE, "`sources` names at least one source.", "descriptor")
def sources_present(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    if not descriptor.get("sources"):
        yield "no sources: name where the figures come from"


@rule(
    "package-described", HERE,
    "the package has a non-empty `title` and `description`: the README, the landing page, the workbook and "
    "the portal metadata are built from them.",
    "descriptor",
)  # fmt: skip
def package_described(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    for key in ("title", "description"):
        value = descriptor.get(key)
        if not isinstance(value, str):
            yield f"no {key}: say in words what the package holds" if value is None else f"{key} is not text"
        elif not value.strip():
            yield f"{key} is empty: say in words what the package holds"


@rule("integrity-declared", HERE, "every resource declares a `sha256:` `hash` and its `bytes`.", "descriptor")
def integrity_declared(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    for res in _resources(descriptor):
        size = res.get("bytes")
        if not str(res.get("hash", "")).startswith("sha256:") or not isinstance(size, int) or isinstance(size, bool):
            yield f"resource {str(res.get('name'))[:60]!r} needs a 'sha256:' hash and bytes; run 'make hashes'"


@rule("field-described", HERE, "every field has a `description`.", "descriptor")
def field_described(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    for res in _resources(descriptor):
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        for f in fields if isinstance(fields, list) else []:
            if isinstance(f, dict) and not str(f.get("description", "")).strip():
                yield f"resource {str(res.get('name'))[:60]!r} field {str(f.get('name'))[:60]!r} has no description"


def _resources(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in descriptor["resources"] if isinstance(r, dict)]


@rule(
    "contract", HERE,
    "the resources, fields, types, constraints, keys and syntax the rules rely on are as `contract.py` says "
    "(inline schemas, canonical numbers, no weakened constraint or key, no pattern of the data's own); "
    "nothing else is read until they are.",
    "descriptor",
)  # fmt: skip
def contract(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    from ..contract import problems

    found = problems(descriptor, all_rules().values())
    yield from (message for rule_name, message in found if rule_name == "contract")


@rule(
    "extra-resource", HERE, "a resource the rules do not read is reported (its field rules are still checked).",
    "descriptor", severity="warning",
)  # fmt: skip
def extra_resource(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    from ..contract import problems

    found = problems(descriptor, all_rules().values())
    yield from (message for rule_name, message in found if rule_name == "extra-resource")


# Where the descriptor holds an address the release outputs link to (resource paths are checked,
# and refused, before anything is read).
LINKS = ("homepage", "licenses", "sources", "contributors", "image")


def _addresses(node: Any, where: str) -> Iterator[tuple[str, str]]:
    """(where, value) of each `path` or `homepage` below ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            place = f"{where}.{key}" if where else str(key)
            if key in ("path", "homepage", "image") and isinstance(value, str):
                yield place, value
            else:
                yield from _addresses(value, place)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _addresses(value, f"{where}[{i}]")


@rule(
    "descriptor-links-safe", HERE,
    "each address in `homepage`, `image`, `licenses`, `sources` and `contributors` is an http(s) address or a "
    "path inside the package: no `javascript:`, `data:` or `file:`, no `..` (the release outputs link to them).",
    "descriptor",
)  # fmt: skip
def descriptor_links_safe(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    from ..links import link

    for key in LINKS:
        if key not in descriptor:
            continue
        node = {key: descriptor[key]}
        for place, value in _addresses(node, ""):
            if link(value) is None:
                yield f"{place} {value[:80]!r} is neither an http(s) address nor a path inside the package"


def _strings(node: Any, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) of every key and string value below ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            place = f"{where}.{key}" if where else str(key)
            yield place, str(key)
            if isinstance(value, str):
                yield place, value
            else:
                yield from _strings(value, place)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from (
                _strings(value, f"{where}[{i}]") if not isinstance(value, str) else iter([(f"{where}[{i}]", value)])
            )


@rule(
    "descriptor-text-clean", HERE,
    "no key or text in `datapackage.json` holds a control, bidirectional or invisible character "
    "(`no-hidden-characters`' set; line breaks only in a `description`): its text reaches the README, the "
    "landing page and the terminal.",
    "descriptor",
)  # fmt: skip
def descriptor_text_clean(descriptor: dict[str, Any], bundled: bool) -> Iterator[str]:
    from .safety import hidden_at, named, quoted

    for place, text in _strings(descriptor, ""):
        found = hidden_at(text, multiline=place.endswith("description"))
        if found:
            at = found[0]
            yield f"{place}: {named(text[at])} at position {at + 1} of {quoted(text[:60])}"
