"""CITATION.cff is valid against the official Citation File Format 1.2.0 JSON Schema (vendored)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import yaml
from conftest import ROOT
from jsonschema import Draft7Validator, FormatChecker

SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "cff-1.2.0-schema.json").read_text("utf-8"))
# The schema declares draft-07; the FormatChecker also checks its "date" format, not only the pattern.
VALIDATOR = Draft7Validator(SCHEMA, format_checker=FormatChecker())


def dates_as_strings(value: Any) -> Any:
    """YAML reads an unquoted 2026-11-27 as a date; the schema's $comment asks for strings."""
    if isinstance(value, dict):
        return {key: dates_as_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [dates_as_strings(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def citation() -> dict[str, Any]:
    return dates_as_strings(yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8")))


def errors(document: dict[str, Any]) -> list[str]:
    found = VALIDATOR.iter_errors(document)
    return sorted(f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}" for error in found)


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    found = errors(citation())
    assert not found, "CITATION.cff fails the CFF 1.2.0 schema:\n" + "\n".join(found)


def test_the_schema_check_can_fail() -> None:
    # A check that passes everything proves nothing: two plausible mistakes must each be caught, by
    # name, so an error CITATION.cff already has cannot stand in for them.
    no_authors = citation()  # a fresh copy on every call
    del no_authors["preferred-citation"]["authors"]  # a reference needs authors, title and type
    wrong_licence = citation()
    wrong_licence["license"] = "odc-pddl"  # the Frictionless/CKAN name, not the SPDX identifier
    assert "preferred-citation: 'authors' is a required property" in errors(no_authors)
    assert any(error.startswith("license: 'odc-pddl' is not valid") for error in errors(wrong_licence))
