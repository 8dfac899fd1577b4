"""The provenance rules: real dates, in order (a figure not after its page, a page not before the
report, a reprint not before its original), one URL one source, real language codes. Each is
broken on a copy of the frozen fixture package and caught at its row and field; correct variants pass."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest
from conftest import ARTICLE, EVIDENCE, SOURCES, PackageCopy

import foreign_fighters as ff
from foreign_fighters.rules import all_rules, provenance

RFERL = "rferl-2017-10-24"  # the fixture's source that nothing copies and no figure dates
RFERL_URL = "https://rferl.org/a/soufan-report-iraq-syria-russian-fighters/28813611.html"
RUSSIA_RFERL = {"origin": "Russia", "measure": "departed", "source": RFERL}  # published 2017-10-24
RUSSIA_ARTICLE = {"origin": "Russia", "measure": "departed", "source": ARTICLE}  # published 2017-10
PROVENANCE = ("date-real", "as-of-not-after-published", "not-before-report", "copy-not-older", "url-one-source",
              "language-iso639")  # fmt: skip


def found(report, rule: str) -> list[tuple[str | None, int | None, str | None]]:
    return [(i.path, i.line, i.field) for i in report.issues if i.rule == rule]


def messages(report, rule: str) -> list[str]:
    return [i.message for i in report.issues if i.rule == rule]


def provenance_issues(report) -> list[tuple[str, str | None, int | None, str | None]]:
    return [(i.rule, i.path, i.line, i.field) for i in report.issues if i.rule in PROVENANCE]


def test_the_fixture_keeps_every_provenance_rule(pkg: PackageCopy):
    assert provenance_issues(ff.validate(pkg.folder)) == []


def test_the_rules_are_errors_of_the_provenance_family():
    rules = all_rules()
    assert [r for r in rules if r in PROVENANCE] == list(PROVENANCE)
    assert all(rules[name].severity == "error" for name in PROVENANCE)


# ---- date-real ---------------------------------------------------------------------------------------------------------------
@pytest.mark.breaks("date-real")
@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("2017-13", "there is no month 13"),
        ("2017-00-10", "there is no month 0"),
        ("2017-02-30", "February 2017 has 28 days"),
        ("2017-02-29", "February 2017 has 28 days"),  # 2017 is a common year
        ("2100-02-29", "February 2100 has 28 days"),  # a century is a leap year only every 400 years
        ("2017-04-31", "April 2017 has 30 days"),
        ("2017-10-00", "October 2017 has 31 days"),
        ("0000", "there is no year 0"),
    ],
)
def test_a_published_date_that_is_no_day_of_the_calendar(pkg: PackageCopy, value: str, says: str):
    line = pkg.set(SOURCES, RFERL, "published", value)
    report = ff.validate(pkg.folder)
    assert found(report, "date-real") == [(SOURCES, line, "published")]
    assert [i.rule for i in report.errors] == ["date-real"]  # the order rules leave an unreal date alone
    assert says in messages(report, "date-real")[0]


@pytest.mark.breaks("date-real")
def test_an_as_of_that_is_no_day_of_the_calendar(pkg: PackageCopy):
    line = pkg.set_where(EVIDENCE, RUSSIA_RFERL, "as_of", "2017-02-30")
    report = ff.validate(pkg.folder)
    assert found(report, "date-real") == [(EVIDENCE, line, "as_of")]
    assert [i.rule for i in report.errors] == ["date-real"]
    assert messages(report, "date-real") == ["as_of '2017-02-30' is not a real date: February 2017 has 28 days"]


@pytest.mark.breaks("date-real")
@pytest.mark.parametrize("precision", ["day", "month", "year"])
def test_a_date_in_the_future(pkg: PackageCopy, precision: str):
    today = datetime.date.today()
    value = {
        "day": (today + datetime.timedelta(days=1)).isoformat(),
        "month": f"{today.year + (today.month == 12)}-{today.month % 12 + 1:02d}",
        "year": str(today.year + 1),
    }[precision]
    line = pkg.set(SOURCES, RFERL, "published", value)
    report = ff.validate(pkg.folder)
    assert found(report, "date-real") == [(SOURCES, line, "published")]
    assert messages(report, "date-real") == [f"published {value!r} is after today, {today.isoformat()}"]


@pytest.mark.breaks("date-real")
def test_an_as_of_in_the_future(pkg: PackageCopy):
    value = str(datetime.date.today().year + 1)
    line = pkg.set_where(EVIDENCE, RUSSIA_RFERL, "as_of", value)
    report = ff.validate(pkg.folder)
    assert found(report, "date-real") == [(EVIDENCE, line, "as_of")]


@pytest.mark.parametrize("value", ["2017", "2017-10", "2017-10-31", "2020-02-29", "today", "this month", "this year"])
def test_real_published_dates_pass(pkg: PackageCopy, value: str):
    today = datetime.date.today()
    value = {"today": today.isoformat(), "this month": today.strftime("%Y-%m"), "this year": str(today.year)}.get(
        value, value
    )
    pkg.set(SOURCES, "tt-2019-02", "published", value)
    assert provenance_issues(ff.validate(pkg.folder)) == []


@pytest.mark.parametrize("value", ["2016-02-29", "2000-02-29", "2017", "2017-10", "2017-01-31"])
def test_real_as_of_dates_pass(pkg: PackageCopy, value: str):
    pkg.set_where(EVIDENCE, RUSSIA_ARTICLE, "as_of", value)
    assert provenance_issues(ff.validate(pkg.folder)) == []


def test_a_misshapen_date_is_the_pattern_s_alone(pkg: PackageCopy):
    line = pkg.set(SOURCES, RFERL, "published", "24 October 2017")
    report = ff.validate(pkg.folder)
    assert provenance_issues(report) == []
    assert (SOURCES, line, "published") in [(i.path, i.line, i.field) for i in report.errors]


# ---- as-of-not-after-published ---------------------------------------------------------------------------------------------
@pytest.mark.breaks("as-of-not-after-published")
@pytest.mark.parametrize(
    ("where", "as_of", "published"),
    [(RUSSIA_RFERL, "2017-10-25", "2017-10-24"), (RUSSIA_RFERL, "2017-11", "2017-10-24"),
     (RUSSIA_ARTICLE, "2017-11-01", "2017-10"), (RUSSIA_ARTICLE, "2018", "2017-10")],
)  # fmt: skip
def test_a_figure_dated_after_its_page(pkg: PackageCopy, where: dict[str, str], as_of: str, published: str):
    line = pkg.set_where(EVIDENCE, where, "as_of", as_of)
    report = ff.validate(pkg.folder)
    assert found(report, "as-of-not-after-published") == [(EVIDENCE, line, "as_of")]
    assert [i.rule for i in report.errors] == ["as-of-not-after-published"]
    assert messages(report, "as-of-not-after-published") == [
        f"as_of {as_of} is after {where['source']!r}'s published date, {published}"
    ]


@pytest.mark.parametrize(
    ("where", "as_of"),
    [(RUSSIA_RFERL, "2017-10-24"), (RUSSIA_RFERL, "2017-10"), (RUSSIA_RFERL, "2017"), (RUSSIA_RFERL, "2016-02-29"),
     (RUSSIA_ARTICLE, "2017-10-31"), (RUSSIA_ARTICLE, "2017-10"), (RUSSIA_ARTICLE, "2017-09-30")],
)  # fmt: skip
def test_a_figure_dated_on_or_before_its_page_passes(pkg: PackageCopy, where: dict[str, str], as_of: str):
    pkg.set_where(EVIDENCE, where, "as_of", as_of)
    assert provenance_issues(ff.validate(pkg.folder)) == []


# ---- not-before-report -----------------------------------------------------------------------------------------------------
@pytest.mark.breaks("not-before-report")
@pytest.mark.parametrize(
    ("published", "notes"),
    [
        ("2017-10-23", ""),
        ("2017-09", ""),
        ("2016", ""),
        ("2017-10-23", "Date not shown."),  # says nothing of this date
        ("2017-10-23", "Reprints an agency item (2017-10-23)."),  # gives the date, but not as the page's
        ("2017-10-23", "Dated 2017-10-22 on the page."),  # another date
    ],
)
def test_a_page_dated_before_the_report_without_a_reason(pkg: PackageCopy, published: str, notes: str):
    pkg.set(SOURCES, RFERL, "notes", notes, refresh=False)
    line = pkg.set(SOURCES, RFERL, "published", published)
    report = ff.validate(pkg.folder)
    assert found(report, "not-before-report") == [(SOURCES, line, "published")]
    assert [i.rule for i in report.errors] == ["not-before-report"]
    assert f"before the report's release, {provenance.REPORT_RELEASED}" in messages(report, "not-before-report")[0]


@pytest.mark.parametrize(
    ("published", "notes"),
    [
        ("2017-10-24", ""),
        ("2017-10", ""),  # the report's month: not before it at this precision
        ("2017", ""),
        ("2017-10-23", "Dated 2017-10-23 on the page, a day before the report's release: an embargoed preview."),
        ("2017-09", "The page's date, 2017-09, is that of the archive it sits in; the item is later."),
        ("2017-10-23", "Site timestamp 2017-10-23, US Eastern time, of a story filed after the release."),
    ],
)
def test_a_page_dated_at_or_after_the_report_or_with_a_reason_passes(pkg: PackageCopy, published: str, notes: str):
    pkg.set(SOURCES, RFERL, "notes", notes, refresh=False)
    pkg.set(SOURCES, RFERL, "published", published)
    assert provenance_issues(ff.validate(pkg.folder)) == []


# ---- copy-not-older ----------------------------------------------------------------------------------------------------------
@pytest.mark.breaks("copy-not-older")
def test_a_reprint_older_than_its_original(pkg: PackageCopy):
    """Breitbart (2017-10-24) rewrites NBC News; NBC News dated a day later makes the copy older."""
    pkg.set(SOURCES, "nbcnews-2017-10-24", "published", "2017-10-25")
    report = ff.validate(pkg.folder)
    line = next(n for n, row in enumerate(pkg.rows(SOURCES), start=1) if row[0] == "breitbart-2017-10-24")
    assert found(report, "copy-not-older") == [(SOURCES, line, "published")]
    assert [i.rule for i in report.errors] == ["copy-not-older"]
    assert messages(report, "copy-not-older") == [
        "published 2017-10-24 is before 2017-10-25, when 'nbcnews-2017-10-24', which it copies, was published"
    ]


@pytest.mark.breaks("copy-not-older")
def test_a_reprint_older_than_its_original_at_month_precision(pkg: PackageCopy):
    """SBY News (2017-10) reposts True Pundit: True Pundit in November makes it older."""
    pkg.set(SOURCES, "truepundit-2017-10", "published", "2017-11")
    report = ff.validate(pkg.folder)
    line = next(n for n, row in enumerate(pkg.rows(SOURCES), start=1) if row[0] == "sbynews-2017-10")
    assert found(report, "copy-not-older") == [(SOURCES, line, "published")]


@pytest.mark.parametrize("original", ["2017-10-24", "2017-10", "2017", "2017-10-20"])
def test_a_reprint_on_or_after_its_original_passes(pkg: PackageCopy, original: str):
    # 2017-10-20 is before the report: its notes say why, so only copy order is in question here
    pkg.set(SOURCES, "nbcnews-2017-10-24", "notes", f"Dated {original} on the page.", refresh=False)
    pkg.set(SOURCES, "nbcnews-2017-10-24", "published", original)
    assert provenance_issues(ff.validate(pkg.folder)) == []


# ---- url-one-source ------------------------------------------------------------------------------------------------------------
def add_source(pkg: PackageCopy, url: str, copy_of: str = "") -> int:
    rows = pkg.rows(SOURCES)
    rows.append(["mirror-2017-10-24", "Mirror", "", url, "2017-10-24", "en", copy_of, "false", ""])
    pkg.write_rows(SOURCES, rows)
    return len(rows)


@pytest.mark.breaks("url-one-source")
@pytest.mark.parametrize(
    "url",
    [
        RFERL_URL,
        RFERL_URL + "/",  # a trailing slash
        RFERL_URL.replace("rferl.org", "RFERL.org"),  # the host's case
        RFERL_URL.replace("https:", "http:"),
        RFERL_URL.replace("rferl.org", "rferl.org:443"),  # the default port
        RFERL_URL + "#comments",
    ],
)
def test_one_url_in_two_rows(pkg: PackageCopy, url: str):
    rferl = next(n for n, row in enumerate(pkg.rows(SOURCES), start=1) if row[0] == RFERL)
    line = add_source(pkg, url)
    report = ff.validate(pkg.folder)
    assert found(report, "url-one-source") == [(SOURCES, rferl, "url"), (SOURCES, line, "url")]
    assert [i.rule for i in report.errors] == ["url-one-source", "url-one-source"]
    assert "'rferl-2017-10-24', 'mirror-2017-10-24'" in messages(report, "url-one-source")[0]


@pytest.mark.breaks("url-one-source")
def test_one_url_in_two_rows_even_when_one_copies_the_other(pkg: PackageCopy):
    line = add_source(pkg, RFERL_URL, copy_of=RFERL)
    assert (SOURCES, line, "url") in found(ff.validate(pkg.folder), "url-one-source")


@pytest.mark.parametrize(
    "url",
    [
        RFERL_URL.replace("28813611", "28813612"),
        RFERL_URL + "?page=2",
        RFERL_URL.replace("rferl.org", "rferl.org:8443"),
        RFERL_URL.replace("rferl.org", "www.rferl.org"),  # another host, perhaps another page
        RFERL_URL.replace("/a/", "/A/"),  # a path's case counts
    ],
)
def test_urls_of_other_pages_pass(pkg: PackageCopy, url: str):
    add_source(pkg, url)
    assert provenance_issues(ff.validate(pkg.folder)) == []


def test_same_page_normalises_as_documented():
    same = provenance.same_page
    assert same("HTTPS://Example.ORG:443/a/b/?q=1#top") == same("http://example.org/a/b?q=1")
    assert same("http://example.org:80") == same("https://example.org/")
    assert same("http://example.org/%d8%aa") == same("http://example.org/%D8%AA")
    assert same("http://example.org:8080/") != same("http://example.org/")
    assert same("http://example.org:99999/") == "http://example.org:99999/"  # not splittable: left alone
    assert same("http://[::1]:80/x") == "http://[::1]/x"


# ---- language-iso639 -------------------------------------------------------------------------------------------------------
@pytest.mark.breaks("language-iso639")
@pytest.mark.parametrize(("language", "hint"), [("xx", ""), ("english", " (English is 'en')"), ("qq", "")])
def test_a_language_that_is_no_iso_639_code(pkg: PackageCopy, language: str, hint: str):
    line = pkg.set(SOURCES, "lalibre-2017-10", "language", language)
    report = ff.validate(pkg.folder)
    assert found(report, "language-iso639") == [(SOURCES, line, "language")]
    assert messages(report, "language-iso639") == [f"language {language!r} is not an ISO 639 code{hint}"]


@pytest.mark.parametrize("language", ["fr", "fra", "fre", "FR", "fr-BE"])
def test_iso_639_codes_pass_the_rule(pkg: PackageCopy, language: str):
    """The rule asks only that the code is real; lower-case two letters is the pattern's to ask."""
    pkg.set(SOURCES, "lalibre-2017-10", "language", language)
    assert found(ff.validate(pkg.folder), "language-iso639") == []


# ---- the helpers the rules share -----------------------------------------------------------------------------------------------
def test_before_compares_at_the_precision_both_have():
    earlier = pd.Series(["2017", "2017-10", "2017-10-23", "2017-09-30", None, "2016-02-29"], dtype="string")
    later = pd.Series(["2017-10-24", "2017-10-24", "2017-10", "2017-10", "2017", "2016"], dtype="string")
    assert provenance.before(earlier, later).tolist() == [False, False, False, True, False, False]
    assert provenance.before(later, earlier).tolist() == [False, False, False, False, False, False]


def test_real_knows_the_calendar():
    dates = pd.Series(["2016-02-29", "2017-02-29", "2000-02-29", "1900-02-29", "2017-13", "2017", None, "17-10"])
    assert provenance.real(dates).tolist() == [True, False, True, False, False, True, False, False]
