"""Edges the other tests leave open: the equal case of returned-le-departed, a declared quote
character on the CSV fast path, a word for thousand that does not qualify the number before it,
and summable() through more than one level of part_of."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from conftest import EVIDENCE, FIXTURE, ORIGINS, PackageCopy, line_where

import foreign_fighters as ff
from foreign_fighters import reader
from foreign_fighters.package import Contents, csv_dialect, open_package
from foreign_fighters.rules import figures
from foreign_fighters.rules.wording import agrees, digits_in


def found(report, rule: str) -> list[tuple[str | None, int | None, str | None]]:
    return [(i.path, i.line, i.field) for i in report.issues if i.rule == rule]


def cell(folder, path: str, origin: str, field: str) -> str:
    with open(folder / path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[next(i for i, row in enumerate(rows) if row[0] == origin)][rows[0].index(field)]


# ---- returned-le-departed: equal is allowed, one more is not -------------------------------------
def test_returned_equal_to_departed_keeps_the_rule(pkg: PackageCopy):
    origin = "Russia"  # no part_of, no percentage: only this rule compares the two figures
    departed = cell(pkg.folder, ORIGINS, origin, "departed")
    quote = f"{origin} – {int(departed):,} left – {int(departed):,} returned"
    pkg.set_figure(origin, "returned", departed, quote)
    report = ff.validate(pkg.folder)
    assert found(report, "returned-le-departed") == []
    # Russia's returns now count in full: only the headline total they outgrow says so.
    assert {i.rule for i in report.errors} <= {"totals-cover-rows"}, [
        (i.rule, i.line, i.message) for i in report.errors
    ]


def test_returned_one_more_than_departed_breaks_the_rule_on_its_line(pkg: PackageCopy):
    origin = "Russia"
    departed = int(cell(pkg.folder, ORIGINS, origin, "departed"))
    quote = f"{origin} – {departed:,} left – {departed + 1:,} returned"
    line = pkg.set_figure(origin, "returned", str(departed + 1), quote)
    report = ff.validate(pkg.folder)
    assert found(report, "returned-le-departed") == [(ORIGINS, line, "returned")]
    [issue] = [i for i in report.errors if i.rule == "returned-le-departed"]
    assert f"returned {departed + 1} exceeds departed {departed}" in issue.message


def test_returned_le_departed_check_on_a_frame():
    df = pd.DataFrame(
        {"returned": pd.array([5, 6, 0, None], dtype="Int64"), "departed": pd.array([5, 5, 0, 3], dtype="Int64")}
    )
    verdict = figures.returned_le_departed.check(df, {})
    assert verdict.ok.tolist() == [True, False, True, True]


# ---- a declared quote character on the fast path -------------------------------------------------
QUOTE = "'"
GERMANY = '"Deutschland" in the report'  # the default quote character is only text here
# How fighters-by-origin is written with ' as its quote character: the notes set on some rows, and
# which cells are quoted. A reader that takes " for the quote character either fails on a file
# (and the exact reader takes over) or reads it without an error but wrong: each file here is
# read wrong some way.
QUOTED = {
    "delimiter-inside": (
        csv.QUOTE_MINIMAL,
        {
            "Britain": "England, Scotland, Wales and Northern Ireland",  # a delimiter inside the quotes
            "Jordan": '"the Kingdom", as the report says',
            "France": "l'Hexagone, outre-mer compris",  # the quote character, doubled inside quotes
            "Germany": GERMANY,
        },
    ),
    # As many cells either way: with " for the quote character, no error, only the wrong text.
    "nothing-quoted": (csv.QUOTE_MINIMAL, {"Germany": GERMANY}),
    "every-cell-quoted": (csv.QUOTE_ALL, {"Germany": GERMANY, "France": "l'Hexagone"}),
}


def with_quote_char(pkg: PackageCopy, quoting: int, notes: dict[str, str]) -> None:
    """fighters-by-origin written with ' as its quote character, declared in its dialect."""
    rows = pkg.rows(ORIGINS)
    column = rows[0].index("notes")
    for row in rows[1:]:
        if row[0] in notes:
            row[column] = notes[row[0]]
    out = io.StringIO()
    csv.writer(out, quotechar=QUOTE, quoting=quoting, lineterminator="\n").writerows(rows)
    text = out.getvalue()
    assert "\r" not in text  # one record a line: the kind of file the fast path reads
    assert GERMANY in text and (quoting == csv.QUOTE_MINIMAL) == text.startswith("origin,")
    (pkg.folder / ORIGINS).write_text(text, encoding="utf-8", newline="")

    def declare(d: dict) -> None:
        next(r for r in d["resources"] if r["name"] == "fighters-by-origin")["dialect"] = {"quoteChar": QUOTE}

    pkg.edit_descriptor(declare)
    pkg.refresh()


@pytest.mark.parametrize(("quoting", "notes"), QUOTED.values(), ids=list(QUOTED))
def test_a_declared_quote_char_is_read_by_load_and_validate(pkg: PackageCopy, quoting, notes):
    expected = ff.load(source=FIXTURE)
    with_quote_char(pkg, quoting, notes)
    frame = ff.load(source=pkg.folder)
    got = dict(zip(frame["origin"], frame["notes"], strict=True))
    assert {k: got[k] for k in notes} == notes
    pd.testing.assert_frame_equal(frame.drop(columns="notes"), expected.drop(columns="notes"))
    assert frame.loc[~frame["origin"].isin(list(notes)), "notes"].isna().all()
    report = ff.validate(pkg.folder)  # frictionless reads the same dialect: nothing to report
    assert report.valid and report.issues == [], [(i.rule, i.line, i.message) for i in report.issues]


@pytest.mark.parametrize(("quoting", "notes"), QUOTED.values(), ids=list(QUOTED))
def test_the_reader_reads_a_declared_quote_char_as_the_csv_module_does(pkg: PackageCopy, quoting, notes):
    with_quote_char(pkg, quoting, notes)
    res = open_package(pkg.folder).resource("fighters-by-origin")
    data = (pkg.folder / ORIGINS).read_bytes()
    table = reader.read(Contents.of(res, ORIGINS, data))
    assert table.problems == []
    with open(pkg.folder / ORIGINS, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, quotechar=QUOTE))
    assert table.header == rows[0]
    assert table.cells.astype(object).values.tolist() == rows[1:]
    assert [table.line(r) for r in table.cells.index] == list(range(2, len(rows) + 1))
    # Whichever path reads it, the fast one (if it takes the file) gives the same cells.
    fast = reader._read_fast(data.decode("utf-8"), csv_dialect(res))
    if fast is not None:
        header, cells, _, counts = fast
        assert header == rows[0] and cells.values.tolist() == rows[1:]
        assert counts == [len(r) for r in rows[1:]]


# ---- a word for thousand qualifies only the number just before it --------------------------------
@pytest.mark.parametrize(
    ("quote", "language"),
    [
        ("5 sur mille", "fr"),
        ("5 von tausend", "de"),
        ("5 de cada mil", "es"),
        ("5 a thousand", "en"),
        ("5 out of every thousand", "en"),
        ("5 of a thousand", "en"),
    ],
)
def test_a_thousand_word_after_other_words_does_not_multiply(quote, language):
    assert digits_in(quote, language) == {5}
    assert agrees(quote, 5, language, False)
    assert not agrees(quote, 5000, language, False)


@pytest.mark.parametrize(
    ("quote", "language"),
    [("5 mille", "fr"), ("5 tausend", "de"), ("5 mil", "es"), ("5 thousand", "en"), ("5\u00a0mille", "fr")],
)
def test_a_thousand_word_right_after_the_number_multiplies(quote, language):
    assert 5000 in digits_in(quote, language)
    assert agrees(quote, 5000, language, False)


@pytest.mark.parametrize(("words", "agreeing"), [("5 sur mille", False), ("5 mille", True)])
def test_quote_agrees_reads_a_thousand_word_only_next_to_the_number(pkg: PackageCopy, words, agreeing):
    """Through the rule: a French source's quote, its value 5000."""
    where = {"origin": "France", "measure": "departed", "source": "lalibre-2017-10"}
    pkg.set_where(EVIDENCE, where, "quote", f"la France ({words})", refresh=False)
    line = pkg.set_where(EVIDENCE, where, "value", "5000")
    assert line == line_where(EVIDENCE, where)
    report = ff.validate(pkg.folder)
    flagged = [x for x in found(report, "quote-agrees") if x[1] == line]
    assert flagged == ([] if agreeing else [(EVIDENCE, line, "value")])


# ---- summable through every level of part_of -----------------------------------------------------
def three_levels(region: int | None, sub_region: int | None, country: int | None) -> pd.DataFrame:
    """A country in a sub-region in a region, and an origin outside them, with one measure."""
    return pd.DataFrame(
        {
            "origin": ["Region", "Sub-region", "Country", "Elsewhere"],
            "origin_type": ["region", "region", "country", "country"],
            "part_of": [None, "Region", "Sub-region", None],
            "departed": pd.array([region, sub_region, country, 10], dtype="Int64"),
        }
    )


def test_a_country_counted_two_levels_up_is_not_summable():
    frame = three_levels(region=100, sub_region=None, country=40)
    summable = ff.summable(frame, "departed")
    assert "Country" not in set(summable["origin"])  # the region's 100 already counts it
    assert set(summable["origin"]) == {"Region", "Elsewhere"}
    assert summable["departed"].sum() == 110


def test_a_country_whose_ancestors_lack_the_figure_is_summable():
    frame = three_levels(region=None, sub_region=None, country=40)
    summable = ff.summable(frame, "departed")
    assert set(summable["origin"]) == {"Region", "Sub-region", "Country", "Elsewhere"}
    assert summable["departed"].sum() == 50


def test_a_country_counted_one_level_up_is_not_summable():
    frame = three_levels(region=None, sub_region=60, country=40)
    assert set(ff.summable(frame, "departed")["origin"]) == {"Region", "Sub-region", "Elsewhere"}


def test_without_a_measure_only_the_top_level_is_summable():
    frame = three_levels(region=100, sub_region=None, country=40)
    assert set(ff.summable(frame)["origin"]) == {"Region", "Elsewhere"}
