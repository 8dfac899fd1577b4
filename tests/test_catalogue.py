"""A catalogue of realistic contributor mistakes, each caught at the right line and field with the
right rule named; and realistic valid edits, each accepted."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EVIDENCE, HEADLINE, ORIGINS, SOURCES, PackageCopy, line_where

import foreign_fighters as ff
from foreign_fighters.rules import all_rules

Edit = Callable[[PackageCopy], None]
# CSV lines: fighters-by-origin has United States on 2, European Union 3, Central Asia 4, Britain 5,
# Jordan 6, France 7, Morocco 8, Russia 9, Tajikistan 10, Tunisia 11, Uyghurs 12, Uzbekistan 13,
# Germany 14, North Africa 15; figures-by-source's lines are looked up with line_where; headline-figures has foreign_fighters on 2 ... women_and_children_affiliated on 7.


@dataclass(frozen=True)
class Mistake:
    name: str
    edit: Edit
    rule: str
    path: str
    line: int | None
    field: str | None


def cell(path: str, key: str, field: str, value: str, refresh: bool = True) -> Edit:
    return lambda pkg: pkg.set(path, key, field, value, refresh)


def evidence(where: dict[str, str], field: str, value: str) -> Edit:
    return lambda pkg: pkg.set_where(EVIDENCE, where, field, value)


ARTICLE = "fightingfortrump-2017-10"
MOROCCO = {"origin": "Morocco", "measure": "departed", "source": ARTICLE}
JORDAN_AR = {"origin": "Jordan", "measure": "departed", "source": "royanews-2017-10"}


def cells(*edits: Edit) -> Edit:
    def run(pkg: PackageCopy) -> None:
        for edit in edits:
            edit(pkg)

    return run


def rows(path: str, change: Callable[[list[list[str]]], list[list[str]]]) -> Edit:
    return lambda pkg: pkg.write_rows(path, change(pkg.rows(path)))


def raw(path: str, change: Callable[[bytes], bytes], refresh: bool = True) -> Edit:
    def run(pkg: PackageCopy) -> None:
        target = pkg.folder / path
        target.write_bytes(change(target.read_bytes()))
        if refresh:
            pkg.refresh()

    return run


def _swap_columns(table: list[list[str]]) -> list[list[str]]:
    """The two columns' values swapped under an unchanged header, as a bad paste leaves them."""
    header = table[0]
    i, j = header.index("departed"), header.index("returned")
    return [header] + [[*r[:i], r[j], *r[i + 1 : j], r[i], *r[j + 1 :]] for r in table[1:]]


MISTAKES = [
    # typing the figures
    Mistake(
        "thousands separator in a count",
        cell(ORIGINS, "Jordan", "departed", "3,000"),
        "type-error",
        ORIGINS,
        6,
        "departed",
    ),
    Mistake(
        "decimal point in a count", cell(ORIGINS, "Britain", "departed", "850.0"), "type-error", ORIGINS, 5, "departed"
    ),
    Mistake(
        "percent sign in a percentage",
        cell(ORIGINS, "European Union", "returned_percent", "25%"),
        "type-error",
        ORIGINS,
        3,
        "returned_percent",
    ),
    Mistake(
        "N/A for an unknown count", cell(ORIGINS, "Russia", "returned", "N/A"), "type-error", ORIGINS, 9, "returned"
    ),
    Mistake(
        "empty required cell", cell(ORIGINS, "Russia", "origin_type", ""), "constraint-error", ORIGINS, 9, "origin_type"
    ),
    Mistake("negative count", cell(ORIGINS, "Jordan", "returned", "-1"), "type-error", ORIGINS, 6, "returned"),
    Mistake(
        "percentage above 100",
        cell(ORIGINS, "Central Asia", "returned_percent", "110"),
        "constraint-error",
        ORIGINS,
        4,
        "returned_percent",
    ),
    # typos against the evidence
    Mistake(
        "transposed digits in departed",
        cell(ORIGINS, "Morocco", "departed", "1632"),
        "evidence-backs-figure",
        ORIGINS,
        8,
        "departed",
    ),
    Mistake(
        "dropped digit in returned",
        cell(ORIGINS, "Russia", "returned", "40"),
        "preferred-source-wins",
        ORIGINS,
        9,
        "returned",
    ),
    Mistake(
        "'none' typed as a number",
        cell(ORIGINS, "Uyghurs", "returned", "10"),
        "evidence-backs-figure",
        ORIGINS,
        12,
        "returned",
    ),
    Mistake(
        "a qualifier the evidence does not give",
        cell(ORIGINS, "Germany", "departed_qualifier", "about"),
        "evidence-backs-figure",
        ORIGINS,
        14,
        "departed",
    ),
    Mistake(
        "transposed digits in a source's value",
        evidence(MOROCCO, "value", "1632"),
        "quote-agrees",
        EVIDENCE,
        line_where(EVIDENCE, MOROCCO),
        "value",
    ),
    Mistake(
        "a value read past the Arabic-Indic digits",
        evidence(JORDAN_AR, "value", "300"),
        "quote-agrees",
        EVIDENCE,
        line_where(EVIDENCE, JORDAN_AR),
        "value",
    ),
    Mistake(
        "an English quote given a translation",
        evidence(MOROCCO, "quote_en", "Morocco: 1,623 left, 198 returned"),
        "quote-en-present",
        EVIDENCE,
        line_where(EVIDENCE, MOROCCO),
        "quote_en",
    ),
    Mistake(
        "a translation left out",
        evidence(JORDAN_AR, "quote_en", ""),
        "quote-en-present",
        EVIDENCE,
        line_where(EVIDENCE, JORDAN_AR),
        "quote_en",
    ),
    Mistake(
        "an origin with no figure anywhere",
        rows(ORIGINS, lambda t: [*t, ["Belgium", "country", "BEL", "European Union", "", "", "", "", "", ""]]),
        "has-a-figure",
        ORIGINS,
        16,
        "departed",
    ),
    Mistake(
        "the article no longer preferred",
        cell(SOURCES, ARTICLE, "preferred", "false"),
        "one-preferred-source",
        SOURCES,
        None,
        "preferred",
    ),
    Mistake(
        "a second preferred source",
        cell(SOURCES, "rferl-2017-10-24", "preferred", "true"),
        "one-preferred-source",
        SOURCES,
        None,
        "preferred",
    ),
    Mistake(
        "evidence for an origin not in the table",
        evidence(MOROCCO, "origin", "Marocco"),
        "foreign-key",
        EVIDENCE,
        line_where(EVIDENCE, MOROCCO),
        "origin",
    ),
    Mistake(
        "a copy of a source not in the table",
        cell(SOURCES, "sbynews-2017-10", "copy_of", "truepundit"),
        "foreign-key",
        SOURCES,
        line_where(SOURCES, {"source": "sbynews-2017-10"}),
        "copy_of",
    ),
    Mistake(
        "a copy of a copy of itself",
        cell(SOURCES, "nbcnews-2017-10-24", "copy_of", "sbynews-2017-10"),
        "copy-of-ends",
        SOURCES,
        line_where(SOURCES, {"source": "nbcnews-2017-10-24"}),
        "copy_of",
    ),
    Mistake(
        "a member left out of its region",
        cell(ORIGINS, "France", "part_of", ""),
        "part-of-membership",
        ORIGINS,
        7,
        "part_of",
    ),
    Mistake(
        "wrong percentage",
        cell(ORIGINS, "Central Asia", "returned_percent", "12"),
        "evidence-backs-figure",
        ORIGINS,
        4,
        "returned_percent",
    ),
    Mistake(
        "headline typo",
        cell(HEADLINE, "foreign_fighters", "value", "41000"),
        "headline-text-agrees",
        HEADLINE,
        2,
        "value",
    ),
    Mistake(
        "headline entered in thousands",
        cell(HEADLINE, "returnees", "value", "5.6"),
        "headline-text-agrees",
        HEADLINE,
        4,
        "value",
    ),
    Mistake(
        "share entered as a fraction",
        cell(HEADLINE, "returnee_share", "value", "0.15"),
        "share-agrees",
        HEADLINE,
        6,
        "value",
    ),
    # percentages and counts
    Mistake(
        "percentage copied into returned",
        cell(ORIGINS, "European Union", "returned", "25"),
        "percent-resolves-to-count",
        ORIGINS,
        3,
        "returned",
    ),
    Mistake(
        "rounded half to even",
        cell(ORIGINS, "European Union", "returned", "1249"),
        "percent-resolves-to-count",
        ORIGINS,
        3,
        "returned",
    ),
    Mistake(
        "departed and returned swapped in a row",
        cells(cell(ORIGINS, "Jordan", "departed", "250"), cell(ORIGINS, "Jordan", "returned", "3000")),
        "returned-le-departed",
        ORIGINS,
        6,
        "returned",
    ),
    Mistake(
        "departed and returned columns swapped",
        rows(ORIGINS, _swap_columns),
        "returned-le-departed",
        ORIGINS,
        2,
        "returned",
    ),
    Mistake(
        "returned above departed",
        cell(ORIGINS, "Britain", "returned", "900"),
        "returned-le-departed",
        ORIGINS,
        5,
        "returned",
    ),
    # codes and categories
    Mistake(
        "ISO alpha-2 instead of alpha-3", cell(ORIGINS, "Britain", "iso3", "GB"), "constraint-error", ORIGINS, 5, "iso3"
    ),
    Mistake("lower-case ISO code", cell(ORIGINS, "Jordan", "iso3", "jor"), "constraint-error", ORIGINS, 6, "iso3"),
    Mistake("made-up ISO code", cell(ORIGINS, "Britain", "iso3", "UKK"), "iso3-matches-type", ORIGINS, 5, "iso3"),
    Mistake("country without its code", cell(ORIGINS, "Jordan", "iso3", ""), "iso3-matches-type", ORIGINS, 6, "iso3"),
    Mistake(
        "a people given a country code",
        cell(ORIGINS, "Uyghurs", "iso3", "CHN"),
        "iso3-matches-type",
        ORIGINS,
        12,
        "iso3",
    ),
    Mistake(
        "capitalised category",
        cell(ORIGINS, "Jordan", "origin_type", "Country"),
        "constraint-error",
        ORIGINS,
        6,
        "origin_type",
    ),
    Mistake(
        "qualifier in words",
        cell(ORIGINS, "United States", "departed_qualifier", "at least"),
        "constraint-error",
        ORIGINS,
        2,
        "departed_qualifier",
    ),
    Mistake(
        "unit in the singular", cell(HEADLINE, "returnees", "unit", "person"), "constraint-error", HEADLINE, 4, "unit"
    ),
    Mistake(
        "measure in title case",
        cell(HEADLINE, "returnees", "measure", "Returnees"),
        "constraint-error",
        HEADLINE,
        4,
        "measure",
    ),
    # hierarchy
    Mistake(
        "typo in the parent's name",
        cell(ORIGINS, "France", "part_of", "European union"),
        "foreign-key",
        ORIGINS,
        7,
        "part_of",
    ),
    Mistake(
        "part of a country", cell(ORIGINS, "Tunisia", "part_of", "France"), "part-of-is-region", ORIGINS, 11, "part_of"
    ),
    Mistake(
        "parts above their region",
        cell(ORIGINS, "Britain", "departed", "4000"),
        "children-within-parent",
        ORIGINS,
        3,
        "departed",
    ),
    Mistake(
        "regions inside each other",
        cells(
            cell(ORIGINS, "European Union", "part_of", "Central Asia"),
            cell(ORIGINS, "Central Asia", "part_of", "European Union"),
        ),
        "part-of-is-region",
        ORIGINS,
        3,
        "part_of",
    ),
    # rows and files
    Mistake("row pasted twice", rows(ORIGINS, lambda t: [*t, t[6]]), "primary-key", ORIGINS, 16, "origin"),
    Mistake(
        "edited without refreshing hashes",
        cell(ORIGINS, "Russia", "returned", "401", refresh=False),  # same size, other bytes
        "hash-count",
        ORIGINS,
        None,
        None,
    ),
    Mistake(
        "saved with Windows line endings",
        raw(ORIGINS, lambda b: b.replace(b"\n", b"\r\n"), refresh=False),
        "byte-count",
        ORIGINS,
        None,
        None,
    ),
    Mistake(
        "saved as Excel 'CSV UTF-8' (BOM)",
        raw(HEADLINE, lambda b: b"\xef\xbb\xbf" + b),
        "encoding-utf-8",
        HEADLINE,
        1,
        None,
    ),
    Mistake(
        "saved as Latin-1",
        raw(ORIGINS, lambda b: b.decode().replace("Tajikistan", "Tadschikistän").encode("latin-1", "replace")),
        "encoding-utf-8",
        ORIGINS,
        10,
        None,
    ),
    Mistake(
        "saved with semicolons",
        raw(HEADLINE, lambda b: b.replace(b",", b";")),
        "incorrect-label",
        HEADLINE,
        1,
        "measure",
    ),
    Mistake("column deleted", rows(ORIGINS, lambda t: [r[:-1] for r in t]), "missing-label", ORIGINS, 1, "notes"),
    Mistake(
        "column added",
        rows(ORIGINS, lambda t: [[*t[0], "checked_by"]] + [[*r, "x"] for r in t[1:]]),
        "extra-label",
        ORIGINS,
        1,
        "checked_by",
    ),
    Mistake("trailing blank row", raw(HEADLINE, lambda b: b + b",,,,,\n"), "blank-row", HEADLINE, 8, None),
    # text hygiene
    Mistake(
        "formula in a note",
        cell(ORIGINS, "France", "notes", '=HYPERLINK("http://example.org")'),
        "no-formula-prefix",
        ORIGINS,
        7,
        "notes",
    ),
    Mistake(
        "at-sign formula in a description",
        cell(HEADLINE, "returnees", "description", "@SUM(A1:A9)"),
        "no-formula-prefix",
        HEADLINE,
        4,
        "description",
    ),
    Mistake(
        "note starting with a dash",
        cell(ORIGINS, "France", "notes", "- see NBC"),
        "no-formula-prefix",
        ORIGINS,
        7,
        "notes",
    ),
    Mistake(
        "trailing space in a note",
        cell(ORIGINS, "France", "notes", "see NBC "),
        "no-surrounding-whitespace",
        ORIGINS,
        7,
        "notes",
    ),
    Mistake(
        "leading space in an origin",
        cell(ORIGINS, "France", "origin", " France"),
        "constraint-error",
        ORIGINS,
        7,
        "origin",
    ),
    # facts against references
    Mistake("another country's code", cell(ORIGINS, "France", "iso3", "DEU"), "iso3-names-origin", ORIGINS, 7, "iso3"),
    Mistake("a code given twice", cell(ORIGINS, "Russia", "iso3", "TUN"), "iso3-unique", ORIGINS, 9, "iso3"),
    Mistake(
        "a country outside its region",
        cell(ORIGINS, "Morocco", "part_of", "European Union"),
        "part-of-membership",
        ORIGINS,
        8,
        "part_of",
    ),
    Mistake(
        "a country in the wrong region",
        cell(ORIGINS, "France", "part_of", "Central Asia"),
        "part-of-membership",
        ORIGINS,
        7,
        "part_of",
    ),
    Mistake(
        "an origin repeated but for case",
        rows(ORIGINS, lambda t: [*t, ["france", *t[6][1:]]]),
        "origin-name-clean",
        ORIGINS,
        16,
        "origin",
    ),
    Mistake(
        "a Cyrillic look-alike letter",
        cell(ORIGINS, "France", "origin", "Fr\u0430nce"),
        "origin-name-clean",
        ORIGINS,
        7,
        "origin",
    ),
    Mistake(
        "a zero-width space in a name",
        cell(ORIGINS, "France", "origin", "Fra\u200bnce"),
        "origin-name-clean",
        ORIGINS,
        7,
        "origin",
    ),
    Mistake(
        "another figure's quote pasted",
        evidence(MOROCCO, "quote", "Jordan – 3,000 left – 250 returned"),
        "quote-agrees",
        EVIDENCE,
        line_where(EVIDENCE, MOROCCO),
        "value",
    ),
    Mistake(
        "a headline figure taken from beside its noun",
        cells(
            cell(HEADLINE, "origin_countries", "value", "40000"),
            cell(HEADLINE, "origin_countries", "qualifier", ""),
        ),
        "headline-text-agrees",
        HEADLINE,
        3,
        "value",
    ),
    Mistake(
        "a headline unit changed",
        cell(HEADLINE, "returnees", "unit", "countries"),
        "headline-measures",
        HEADLINE,
        None,
        "unit",
    ),
    Mistake(
        "a headline row deleted",
        rows(HEADLINE, lambda t: t[:-1]),
        "headline-measures",
        HEADLINE,
        None,
        "measure",
    ),
    Mistake("a table reduced to its header", rows(ORIGINS, lambda t: t[:1]), "table-not-empty", ORIGINS, None, None),
    Mistake(
        "another origin's line pasted, with this figure",
        evidence(MOROCCO, "quote", "Jordan – 1,623 left – 198 returned"),
        "quote-names-origin",
        EVIDENCE,
        line_where(EVIDENCE, MOROCCO),
        "quote",
    ),
    Mistake(
        "missing quote",
        evidence(MOROCCO, "quote", ""),
        "constraint-error",
        EVIDENCE,
        line_where(EVIDENCE, MOROCCO),
        "quote",
    ),
]


def test_catalogue_is_large_enough():
    assert len(MISTAKES) >= 30
    assert len({m.name for m in MISTAKES}) == len(MISTAKES)


@pytest.mark.parametrize("mistake", [pytest.param(m, marks=pytest.mark.breaks(m.rule), id=m.name) for m in MISTAKES])
def test_mistake_is_caught(pkg: PackageCopy, mistake: Mistake):
    mistake.edit(pkg)
    report = ff.validate(pkg.folder)
    assert not report.valid
    hits = [i for i in report.errors if i.rule == mistake.rule]
    assert hits, [(i.rule, i.line, i.field) for i in report.errors]
    places = [(i.path, i.line, i.field) for i in hits]
    if mistake.line is not None:
        assert (mistake.path, mistake.line, mistake.field) in places
    else:
        assert all(p == mistake.path for p, _, _ in places)
        assert mistake.field is None or any(f == mistake.field for _, _, f in places), places


def _shuffled(table: list[list[str]]) -> list[list[str]]:
    body = table[1:]
    random.Random(7).shuffle(body)
    return [table[0], *body]


def _quoted(pkg: PackageCopy) -> None:
    for path in (ORIGINS, EVIDENCE, SOURCES, HEADLINE):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(pkg.rows(path))
        (pkg.folder / path).write_text(out.getvalue(), encoding="utf-8")
    pkg.refresh()


def _semicolon_dialect(pkg: PackageCopy) -> None:
    for path in (ORIGINS, EVIDENCE, SOURCES, HEADLINE):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n", delimiter=";").writerows(pkg.rows(path))
        (pkg.folder / path).write_text(out.getvalue(), encoding="utf-8")
    pkg.edit_descriptor(lambda d: [r.update(dialect={"delimiter": ";"}) for r in d["resources"]])
    pkg.refresh()


VALID_EDITS = {
    "rows reordered": cells(rows(ORIGINS, _shuffled), rows(HEADLINE, _shuffled)),
    "consistent origin added with its evidence": lambda pkg: pkg.add_belgium(),
    "a source added, with a figure it gives": cells(
        rows(
            SOURCES,
            lambda t: [
                *t,
                [
                    "example-2017-10-25",
                    "Example News",
                    "",
                    "https://example.org/a",
                    "2017-10-25",
                    "en",
                    "",
                    "false",
                    "",
                ],
            ],
        ),
        rows(
            EVIDENCE,
            lambda t: [*t, ["Jordan", "departed", "3000", "", "example-2017-10-25", "Jordan: 3,000 left.", "", "", ""]],
        ),
    ),
    "note corrected": cell(ORIGINS, "Jordan", "notes", "Checked against NBC News, 24 Oct 2017."),
    "note cleared": cell(ORIGINS, "Jordan", "notes", ""),
    "a figure corrected with its evidence": cells(
        cell(ORIGINS, "Germany", "returned", "310"),
        # the German source's quote, in German
        evidence({"origin": "Germany", "measure": "returned", "source": "tt-2019-02"}, "value", "310"),
        evidence(
            {"origin": "Germany", "measure": "returned", "source": "tt-2019-02"},
            "quote",
            "Deutschland: 915 IS-Kämpfer, 310 Rückkehrer.",
        ),
        evidence(
            {"origin": "Germany", "measure": "returned", "source": "tt-2019-02"},
            "quote_en",
            "Germany: 915 IS fighters, 310 returnees.",
        ),
    ),
    "every cell quoted": _quoted,
    "declared semicolon dialect": _semicolon_dialect,
    "negative number in a note": cell(ORIGINS, "France", "notes", "-5"),
    "metadata edited": lambda pkg: pkg.edit_descriptor(
        lambda d: d.update(keywords=[*d["keywords"], "returnees by country"])
    ),
}


@pytest.mark.parametrize("edit", VALID_EDITS.values(), ids=list(VALID_EDITS))
def test_valid_edit_is_accepted(pkg: PackageCopy, edit: Edit):
    edit(pkg)
    report = ff.validate(pkg.folder)
    assert report.issues == [], report.issues
    assert len(ff.load(source=pkg.folder)) >= 12


def test_descriptor_edits_keep_json_valid(pkg: PackageCopy):
    VALID_EDITS["metadata edited"](pkg)
    json.loads((pkg.folder / "datapackage.json").read_text("utf-8"))


def _rules_broken_by_tests() -> set[str]:
    """The rules some test breaks: the mistakes above, and tests marked ``breaks(rule, ...)``."""
    import importlib

    named = {m.rule for m in MISTAKES}
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        module = importlib.import_module(path.stem)
        for obj in vars(module).values():
            named |= {r for mark in getattr(obj, "pytestmark", []) if mark.name == "breaks" for r in mark.args}
    return named


def test_every_defined_rule_has_a_test_that_breaks_it():
    assert sorted(set(all_rules()) - _rules_broken_by_tests()) == []


def test_a_breaks_marker_names_only_defined_rules():
    assert sorted(_rules_broken_by_tests() - set(all_rules())) == []
