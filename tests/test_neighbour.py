"""value-is-the-origins-in-a-list: a quote that lists places with their numbers gives each place its
own; a row that takes its neighbour's number from the same list is an error, and where the quote's
words do not settle which place a number goes with, the rule says nothing."""

from __future__ import annotations

import pytest
from conftest import EVIDENCE, SOURCES, PackageCopy

import foreign_fighters as ff

RULE = "value-is-the-origins-in-a-list"


def found(report, rule: str) -> list[tuple[str | None, int | None, str | None]]:
    return [(i.path, i.line, i.field) for i in report.issues if i.rule == rule]


def message(report) -> str:
    """The message of the rule's one issue."""
    [issue] = [i for i in report.issues if i.rule == RULE]
    return issue.message


def put(pkg: PackageCopy, source: str, origin: str, measure: str, value: str, quote: str, quote_en: str = "") -> int:
    """The row of ``source`` for the origin's measure, given this quote and value; its CSV line."""
    where = {"origin": origin, "measure": measure, "source": source}
    pkg.set_where(EVIDENCE, where, "quote", quote, refresh=False)
    pkg.set_where(EVIDENCE, where, "quote_en", quote_en, refresh=False)
    return pkg.set_where(EVIDENCE, where, "value", value)


def add_source(pkg: PackageCopy, source: str, language: str) -> None:
    rows = pkg.rows(SOURCES)
    rows.append([source, "An outlet", "", f"https://{language}.example/{source}", "2017-10", language, "", "false", ""])
    pkg.write_rows(SOURCES, rows, refresh=False)


def add_row(pkg: PackageCopy, origin: str, measure: str, value: str, source: str, quote: str, quote_en: str) -> int:
    """A new figures-by-source row; its CSV line."""
    rows = pkg.rows(EVIDENCE)
    rows.append([origin, measure, value, "", source, quote, quote_en, "", ""])
    pkg.write_rows(EVIDENCE, rows)
    return len(rows)


# (source, origin, measure, the quote, its English, the origin's number in it, a neighbour's, whose)
LISTS = {
    "parenthesised": (
        "rferl-2017-10-24", "Russia", "returned",
        "Of those who came home, Russia (400), Saudi Arabia (760) and Jordan (250) count the most.", "",
        "400", "760", "Saudi Arabia",
    ),
    "number-from-place": (
        "rferl-2017-10-24", "Russia", "returned",
        "Of the returnees, 400 went back to Russia and 760 to Saudi Arabia.", "",
        "400", "760", "Saudi Arabia",
    ),
    "german": (
        "tt-2019-02", "Russia", "returned",
        "Zurückgekehrt sind 400 Kämpfer nach Russland, 760 nach Saudi-Arabien und 250 nach Jordanien.",
        "400 fighters have returned to Russia, 760 to Saudi Arabia and 250 to Jordan.",
        "400", "250", "Jordan",
    ),
    "french": (
        "lalibre-2017-10", "Tunisia", "departed",
        "Viennent ensuite la Jordanie (3.000), la Tunisie (2.926) et la France (1.910).",
        "Next come Jordan (3,000), Tunisia (2,926) and France (1,910).",
        "2926", "1910", "France",
    ),
    # a dash after a number ends its item: Russia's is 3,417, not the 3,244 before the dash
    "dashes": (
        "rferl-2017-10-24", "Russia", "departed",
        "Top origins: Saudi Arabia 3,244 – Russia about 3,417 – Jordan 3,000 – Tunisia 2,926.", "",
        "3417", "3244", "Saudi Arabia",
    ),
}  # fmt: skip


@pytest.mark.breaks(RULE)
@pytest.mark.parametrize("case", LISTS)
def test_a_value_the_list_gives_a_neighbour_is_an_error(pkg: PackageCopy, case: str):
    source, origin, measure, quote, quote_en, _, neighbours, whose = LISTS[case]
    line = put(pkg, source, origin, measure, neighbours, quote, quote_en)
    report = ff.validate(pkg.folder)
    assert found(report, RULE) == [(EVIDENCE, line, "value")]
    assert f"is {whose}'s in the quote; {origin}'s is" in message(report)


@pytest.mark.breaks(RULE)
def test_the_message_names_both_numbers(pkg: PackageCopy):
    put(pkg, "rferl-2017-10-24", "Russia", "departed", "3244",
        "Russia (3,417), Saudi Arabia (3,244), Jordan (3,000)")  # fmt: skip
    assert message(ff.validate(pkg.folder)) == "value 3,244 is Saudi Arabia's in the quote; Russia's is 3,417"


@pytest.mark.breaks(RULE)
def test_a_row_in_arabic_taking_its_neighbours_number_is_an_error(pkg: PackageCopy):
    add_source(pkg, "ar-2017-10", "ar")
    quote = "أما عن رقم العائدين، فقد شهدت روسيا عودة 400 مقاتل ، والأردن 250 ، وتونس 800 ، وفرنسا 271."
    quote_en = "Russia saw 400 fighters return, Jordan 250, Tunisia 800, France 271."
    line = add_row(pkg, "Jordan", "returned", "800", "ar-2017-10", quote, quote_en)
    report = ff.validate(pkg.folder)
    assert found(report, RULE) == [(EVIDENCE, line, "value")]
    assert "is Tunisia's in the quote; Jordan's is 250" in message(report)


@pytest.mark.parametrize("case", LISTS)
def test_the_value_the_list_gives_the_origin_passes(pkg: PackageCopy, case: str):
    source, origin, measure, quote, quote_en, own, _, _ = LISTS[case]
    put(pkg, source, origin, measure, own, quote, quote_en)
    assert ff.validate(pkg.folder).issues == []


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        # one place named: nothing to take a number from
        ("Russia – 3,417 left – 400 returned", "400"),
        ("Of the 3,417 Russians who joined, 400 have come back.", "400"),
        # the row's origin has no number of its own in the list
        ("Returnees: Saudi Arabia (760), Jordan (250); Russia has seen many come back too, 400 of them.", "400"),
        # a headline's run of names and numbers with nothing between them: whose is 400?
        ("Jordan 250 Russia 400 Saudi Arabia 760 Tunisia", "400"),
        ("Jordan 250 Russia 400 Saudi Arabia 760 Tunisia", "250"),
        # "each", "Syria and Iraq": two places in a row share, or are not given, the next number
        ("Saudi Arabia and Russia 400 each, Jordan 250 and Tunisia 800", "400"),
        ("400 from Russia went to Syria and Iraq, 760 from Saudi Arabia, 250 from Jordan", "760"),
        # a number between two names, the item's own order not settled by one other item
        ("After Jordan, 400 came back to Russia", "400"),
        # the same number given twice: once to the origin, once alone
        ("Saudi Arabia (760), Russia (400) and 760 more elsewhere", "760"),
    ],
)
def test_silent_where_the_words_do_not_settle_it(pkg: PackageCopy, quote: str, value: str):
    put(pkg, "rferl-2017-10-24", "Russia", "returned", value, quote)
    assert found(ff.validate(pkg.folder), RULE) == []


@pytest.mark.parametrize(
    "quote",
    [
        # a number before the list belongs to no item: the total
        "Of 1,400 returnees, Russia 400, Saudi Arabia 760, Jordan 250.",
        # the place is first or last in every item, whatever its words
        "They include 400 of the 3,417 fighters from Russia; 760 of the 3,244 from Saudi Arabia.",
        "After Tunisia, 400 came back to Russia, 760 to Saudi Arabia.",
        # "US" in capitals is a place, "us" is not
        "The report told us that Russia (400) and Saudi Arabia (760) top the list.",
    ],
)
def test_realistic_correct_lists_pass(pkg: PackageCopy, quote: str):
    put(pkg, "rferl-2017-10-24", "Russia", "returned", "400", quote)
    assert found(ff.validate(pkg.folder), RULE) == []


@pytest.mark.breaks(RULE)
def test_a_country_that_is_no_origin_owns_its_number(pkg: PackageCopy):
    """A destination given a number in the list ("Iraq (5,000)") owns it: another origin's row may not take it."""
    line = put(pkg, "rferl-2017-10-24", "Russia", "returned", "5000",
               "Russia (400), Iraq (5,000) and Saudi Arabia (760)")  # fmt: skip
    report = ff.validate(pkg.folder)
    assert found(report, RULE) == [(EVIDENCE, line, "value")]
    assert "is Iraq's in the quote; Russia's is 400" in message(report)


@pytest.mark.parametrize(
    ("text", "cased", "language", "places"),
    [
        ("saudi arabia (760), jordan", None, "en", [(0, 12, "Saudi Arabia"), (20, 26, "Jordan")]),
        ("saudi-arabia 760", None, "en", [(0, 12, "Saudi Arabia")]),
        ("saudi, arabia (760)", None, "en", []),  # a name's words are parted by spaces and hyphens only
        ("والأردن 250", None, "ar", [(0, 7, "Jordan")]),  # "and Jordan": the letters written on its front
        ("ترالأردن", None, "ar", []),  # letters that are no prefix make it another word
        ("us and uk", "us and UK", "en", [(7, 9, "United Kingdom")]),
        ("us and uk", "us and uk", "en", []),  # a short alias in capitals counts only so
    ],
)
def test_places_found_from_the_words(text: str, cased: str | None, language: str, places: list):
    from foreign_fighters.rules import evidence

    named = evidence.Named([("Saudi Arabia", ()), ("Jordan", ()), ("United Kingdom", ("UK",))])
    assert evidence._places(text, cased or text, language, named) == places
