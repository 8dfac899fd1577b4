"""Every rule this project adds to frictionless's field checks: name, severity and meaning.

The README's rules section is rendered from this table (scripts/render_readme.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..report import Severity

# "about" in the source is read as rounded to the nearest 5 percent (the source does not say how
# it rounds), so "about 15" covers 12.5 to 17.5. An unqualified percentage is read as rounded to a
# whole number.
SHARE_TOLERANCE = {"about": 2.5, None: 0.5}


@dataclass(frozen=True)
class Rule:
    name: str
    applies_to: str
    summary: str
    severity: Severity = "error"


RULES = {
    r.name: r
    for r in [
        Rule(
            "descriptor-schema",
            "datapackage.json",
            "valid against the official Data Package v2 JSON Schema (vendored).",
        ),
        Rule("version-semver", "datapackage.json", "`version` is a semantic version (MAJOR.MINOR.PATCH)."),
        Rule(
            "version-matches-package",
            "datapackage.json",
            "the installed package's `version` equals the Python package's version.",
        ),
        Rule("field-described", "datapackage.json", "every field has a `description`."),
        Rule("licenses-present", "datapackage.json", "`licenses` names at least one licence."),
        Rule("sources-present", "datapackage.json", "`sources` names at least one source."),
        Rule(
            "field-rules-run",
            "datapackage.json",
            "frictionless could open the package and check its field rules (it fails on a descriptor it cannot read).",
        ),
        Rule("integrity-declared", "datapackage.json", "every resource declares a `sha256:` `hash` and its `bytes`."),
        Rule(
            "rules-applicable",
            "both tables",
            "the schema's fields are the ones the relational rules below check (a renamed field needs the rules changed too).",
        ),
        Rule("encoding-utf-8", "every CSV", "the file is UTF-8."),
        Rule(
            "no-formula-prefix",
            "every CSV",
            "no text cell starts with `=`, `+`, `-`, `@`, tab or carriage return unless it is a number (spreadsheet formula injection).",
        ),
        Rule("no-surrounding-whitespace", "every CSV", "no text cell has leading or trailing whitespace."),
        Rule("returned-le-departed", "fighters-by-origin", "`returned` <= `departed`."),
        Rule(
            "percent-resolves-to-count",
            "fighters-by-origin",
            "where `returned_percent` is set, `returned` = `departed` x `returned_percent` / 100, rounded half up.",
        ),
        Rule(
            "iso3-matches-type",
            "fighters-by-origin",
            "`iso3` is set for exactly the `country` rows, and is an assigned ISO 3166-1 alpha-3 code.",
        ),
        Rule(
            "part-of-is-region", "fighters-by-origin", "`part_of` names a `region` row, and no row is its own ancestor."
        ),
        Rule(
            "children-within-parent",
            "fighters-by-origin",
            "for each region, the `departed` of its parts sum to no more than its `departed`, and likewise `returned`.",
        ),
        Rule(
            "source-text-agrees",
            "both tables",
            'the row\'s figures appear in its `source_text` (thousands separators allowed, "none" means 0; a number before "left" is `departed`, before "returned" is `returned`; a percentage row\'s text carries the percentage).',
        ),
        Rule(
            "share-agrees",
            "headline-figures",
            '`returnee_share` is within its tolerance of 100 x `returnees` / `foreign_fighters`: 2.5 points when the source says "about" ("about" read as rounded to the nearest 5 percent, as the source does not say: 15 stands for 12.5 to 17.5; today\'s figures give 14.0), 0.5 otherwise.',
        ),
        Rule(
            "totals-cover-rows",
            "both tables",
            "the summable rows' `departed` and `returned` sum to no more than `foreign_fighters` and `returnees`, and the countries with returnees number no more than `returnee_countries`. A warning: the totals are lower bounds.",
            "warning",
        ),
    ]
}
