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


@pytest.mark.variants
@pytest.mark.parametrize("value", ["2017", "2017-10", "2017-10-31", "2020-02-29", "today", "this month", "this year"])
def test_real_published_dates_pass(pkg: PackageCopy, value: str):
    today = datetime.date.today()
    value = {"today": today.isoformat(), "this month": today.strftime("%Y-%m"), "this year": str(today.year)}.get(
        value, value
    )
    pkg.set(SOURCES, "tt-2019-02", "published", value)
    assert provenance_issues(ff.validate(pkg.folder)) == []


@pytest.mark.variants
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
        f"as_of {as_of} is after the published date of {where['source']!r} ({published})"
    ]


@pytest.mark.variants
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
        ("2017-10-23", "Cites an agency item (2017-10-23)."),  # gives the date, but no reason for it
        ("2017-10-23", "Dated 2017-10-22 on the page."),  # another date
        ("2017-10-23", "Dates are hard. Published 2017-10-23."),  # "date" alone is no reason
        ("2017-10-23", "2017-10-23 is wrong; no date shown"),  # takes the date back
        ("2017-10-23", "Site timestamp 2017-10-23, not shown in the excerpt."),  # a reason, then taken back
        ("2017-10-23", "Dated October 2017 on the page."),  # the month, not the day published gives
        ("2017-10-23", "Dated 23 October 2016 on the page."),  # another year in words
        ("2017-09", "Dated 2017-09-30 on the page."),  # a day, not the month published gives
        ("2017-09", "Dated 30 September 2017 on the page."),
        ("2016", "Dated 2016-05 by the archive."),  # a month, not the year
        ("2016", "Dated May 2016 by the archive."),  # a month in words, not the year
        ("2016", "Dated Oct. 5, 2016 on the page."),
    ],
)
def test_a_page_dated_before_the_report_without_a_reason(pkg: PackageCopy, published: str, notes: str):
    pkg.set(SOURCES, RFERL, "notes", notes, refresh=False)
    line = pkg.set(SOURCES, RFERL, "published", published)
    report = ff.validate(pkg.folder)
    assert found(report, "not-before-report") == [(SOURCES, line, "published")]
    assert [i.rule for i in report.errors] == ["not-before-report"]
    assert f"before the report's release, {provenance.REPORT_RELEASED}" in messages(report, "not-before-report")[0]


@pytest.mark.variants
@pytest.mark.parametrize(
    ("published", "notes"),
    [
        ("2017-10-24", ""),
        ("2017-10", ""),  # the report's month: not before it at this precision
        ("2017", ""),
        ("2017-10-23", "Dated 2017-10-23 on the page, a day before the report's release: an embargoed preview."),
        ("2017-09", "The page's date, 2017-09, is that of the archive it sits in; the item is later."),
        ("2017-10-23", "Site timestamp 2017-10-23, US Eastern time, of a story filed after the release."),
        ("2017-10-23", "The page is dated 23 October 2017, a day before the release: an embargoed preview."),
        ("2017-10-23", "Embargoed preview of October 23, 2017; the report came out the next day."),
        ("2017-10-23", "Date as printed: 23rd Oct. 2017 (US time zone)."),
        ("2017-10-23", "Reprints the agency item; the agency's timestamp, 2017-10-23, is kept."),
        ("2017-09", "Updated page: first dated Sept 2017, the report added later."),
        ("2017-09", "Inferred from the archive folder (Sep 2017)."),
        ("2016", "Dated 2016 in the site's footer, a template never updated."),
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


@pytest.mark.variants
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


@pytest.mark.breaks("url-one-source")
@pytest.mark.parametrize(
    "url",
    [
        RFERL_URL.replace("rferl.org", "www.rferl.org"),  # a leading www.
        RFERL_URL.replace("/a/", "/a//"),  # a // run
        RFERL_URL.replace("/a/", "/a/./"),  # a . segment
        RFERL_URL.replace("/a/", "/a/b/../"),  # a .. segment
        RFERL_URL.replace("/a/", "/%61/"),  # an escape of a plain letter
        RFERL_URL + "?utm_source=rss&utm_medium=feed",  # tracking parameters only
        RFERL_URL.replace("28813611.html", "index.html").replace("/soufan", "/28813611/soufan"),
    ],
)
def test_one_page_under_another_spelling_of_the_fixture_s_url(pkg: PackageCopy, url: str):
    if "index.html" in url:  # the folder and its index page: give the fixture's row the folder's URL
        pkg.set(SOURCES, RFERL, "url", url.removesuffix("index.html"))
    rferl = next(n for n, row in enumerate(pkg.rows(SOURCES), start=1) if row[0] == RFERL)
    line = add_source(pkg, url)
    report = ff.validate(pkg.folder)
    assert found(report, "url-one-source") == [(SOURCES, rferl, "url"), (SOURCES, line, "url")]
    assert [i.rule for i in report.errors] == ["url-one-source", "url-one-source"]


def add_sources(pkg: PackageCopy, *urls: str) -> list[int]:
    """New rows for the given URLs, dated and worded so that only their URLs are in question."""
    rows = pkg.rows(SOURCES)
    for n, url in enumerate(urls):
        rows.append([f"mirror-{n}-2017-10-24", f"Mirror {n}", "", url, "2017-10-24", "en", "", "false", ""])
    pkg.write_rows(SOURCES, rows)
    return list(range(len(rows) - len(urls) + 1, len(rows) + 1))


@pytest.mark.breaks("url-one-source")
@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.com/egypt", "https://www.example.com/egypt"),
        ("https://bücher.de/egypt", "https://xn--bcher-kva.de/egypt"),
        ("https://BÜCHER.de/egypt", "https://www.xn--bcher-kva.de/egypt"),
        ("https://example.com/%D8%AA", "https://example.com/ت"),
        ("https://example.com/%d8%aa", "https://example.com/ت"),
        ("https://example.com/a//b", "https://example.com/a/b"),
        ("https://example.com/a/./b", "https://example.com/a/b"),
        ("https://example.com/a/c/../b", "https://example.com/a/b"),
        ("https://example.com/x?b=1&c=2", "https://example.com/x?c=2&b=1"),
        ("https://example.com/x?b=1&utm_source=rss&utm_medium=feed", "https://example.com/x?b=1"),
        ("https://example.com/x?UTM_Campaign=y", "https://example.com/x"),
        ("https://example.com/a/index.html", "https://example.com/a/"),
        ("https://example.com/a/index.htm", "https://example.com/a"),
        ("https://example.com/index.php?id=7", "https://example.com/?id=7"),
    ],
)
def test_one_page_under_two_spellings(pkg: PackageCopy, one: str, other: str):
    lines = add_sources(pkg, one, other)
    report = ff.validate(pkg.folder)
    assert found(report, "url-one-source") == [(SOURCES, line, "url") for line in lines]
    assert [i.rule for i in report.errors] == ["url-one-source", "url-one-source"]
    assert "'mirror-0-2017-10-24', 'mirror-1-2017-10-24'" in messages(report, "url-one-source")[0]


@pytest.mark.variants
@pytest.mark.parametrize(
    "url",
    [
        RFERL_URL.replace("28813611", "28813612"),
        RFERL_URL + "?page=2",
        RFERL_URL.replace("rferl.org", "rferl.org:8443"),
        RFERL_URL.replace("rferl.org", "en.rferl.org"),  # another host, perhaps another page
        RFERL_URL.replace("/a/", "/A/"),  # a path's case counts
        RFERL_URL.replace("/a/", "/a%2F"),  # an escaped slash is no segment's end
        RFERL_URL.replace("28813611.html", "index.html"),  # the index of another folder
        RFERL_URL + "?utm_source=rss&id=2",  # the query otherwise counts
    ],
)
def test_urls_of_other_pages_pass(pkg: PackageCopy, url: str):
    add_source(pkg, url)
    assert provenance_issues(ff.validate(pkg.folder)) == []


@pytest.mark.variants
@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.com/x?id=1", "https://example.com/x?id=2"),
        ("https://example.com/x?b=1", "https://example.com/x?b=1&c=2"),
        ("https://example.com/x?b=1&b=2", "https://example.com/x?b=1"),
        ("https://bücher.de/egypt", "https://bucher.de/egypt"),
        ("https://www.com/egypt", "https://com/egypt"),  # www. is the name itself, not a prefix of one
        ("https://example.com/a/index.html/b", "https://example.com/a/b"),
        ("https://example.com/a/main.html", "https://example.com/a"),
    ],
)
def test_other_pages_in_realistic_spellings_pass(pkg: PackageCopy, one: str, other: str):
    add_sources(pkg, one, other)
    assert provenance_issues(ff.validate(pkg.folder)) == []


def test_same_page_normalises_as_documented():
    same = provenance.same_page
    assert same("HTTPS://Example.ORG:443/a/b/?q=1#top") == same("http://example.org/a/b?q=1")
    assert same("http://example.org:80") == same("https://example.org/")
    assert same("http://example.org/%d8%aa") == same("http://example.org/%D8%AA")
    assert same("http://example.org:8080/") != same("http://example.org/")
    assert same("http://example.org:99999/") == "http://example.org:99999/"  # not splittable: left alone
    assert same("http://[::1]:80/x") == "http://[::1]/x"
    assert (
        same("https://www.bücher.de/a//./b/../c/index.php?z=1&utm_term=t&a=%20#x")
        == "http://xn--bcher-kva.de/a/c?a=+&z=1"
    )
    assert same("http://example.org/a%2Fb") != same("http://example.org/a/b")
    assert same("http://a..b/x") == "http://a..b/x"  # no IDNA form (an empty label): the host as written


# ---- language-iso639 -------------------------------------------------------------------------------------------------------
@pytest.mark.breaks("language-iso639")
@pytest.mark.parametrize(("language", "hint"), [("xx", ""), ("qq", ""), ("english", " (English is 'en')")])
def test_a_language_that_is_no_iso_639_1_code(pkg: PackageCopy, language: str, hint: str):
    line = pkg.set(SOURCES, "lalibre-2017-10", "language", language)
    report = ff.validate(pkg.folder)
    assert found(report, "language-iso639") == [(SOURCES, line, "language")]
    assert messages(report, "language-iso639") == [f"language {language!r} is not an ISO 639-1 code{hint}"]


@pytest.mark.breaks("language-iso639")
@pytest.mark.parametrize(
    ("language", "hint"),
    [("fra", " (French is 'fr')"), ("fre", " (French is 'fr')"), ("FR", " (French is 'fr')"),
     ("pt-BR", " (Portuguese is 'pt')"), ("yue", " (Yue Chinese has no ISO 639-1 code)")],
)  # fmt: skip
def test_a_code_the_package_does_not_take_is_refused_with_the_code_it_stands_for(
    pkg: PackageCopy, language: str, hint: str
):
    """ISO 639-2/-3 codes and BCP 47 tags are real, but the package takes two letters: the pattern
    refuses their form, and the rule says which two letters were meant."""
    line = pkg.set(SOURCES, "lalibre-2017-10", "language", language)
    report = ff.validate(pkg.folder)
    assert found(report, "language-iso639") == [(SOURCES, line, "language")]
    assert messages(report, "language-iso639") == [f"language {language!r} is not an ISO 639-1 code{hint}"]
    assert (SOURCES, line, "language") in [
        (i.path, i.line, i.field) for i in report.errors if i.rule != "language-iso639"
    ]


@pytest.mark.variants
@pytest.mark.parametrize("language", ["fr", "en", "ar", "zh", "ka", "kk", "he", "bs"])
def test_iso_639_1_codes_pass(pkg: PackageCopy, language: str):
    pkg.set(SOURCES, "lalibre-2017-10", "language", language)
    assert provenance_issues(ff.validate(pkg.folder)) == []


def test_the_iso_639_1_codes_are_pycountry_s(monkeypatch: pytest.MonkeyPatch):
    """Read from pycountry's file, or, where its layout has changed, from its objects: the same codes."""
    import pycountry

    expected = frozenset(code for language in pycountry.languages if (code := getattr(language, "alpha_2", "")))
    provenance.language_codes.cache_clear()
    try:
        assert provenance.language_codes() == expected
        provenance.language_codes.cache_clear()
        monkeypatch.setattr(pycountry, "DATABASE_DIR", "/no/such/folder", raising=False)
        assert provenance.language_codes() == expected
    finally:
        provenance.language_codes.cache_clear()


# ---- the helpers the rules share -----------------------------------------------------------------------------------------------
def test_before_compares_at_the_precision_both_have():
    earlier = pd.Series(["2017", "2017-10", "2017-10-23", "2017-09-30", None, "2016-02-29"], dtype="string")
    later = pd.Series(["2017-10-24", "2017-10-24", "2017-10", "2017-10", "2017", "2016"], dtype="string")
    assert provenance.before(earlier, later).tolist() == [False, False, False, True, False, False]
    assert provenance.before(later, earlier).tolist() == [False, False, False, False, False, False]


def test_real_knows_the_calendar():
    dates = pd.Series(["2016-02-29", "2017-02-29", "2000-02-29", "1900-02-29", "2017-13", "2017", None, "17-10"])
    assert provenance.real(dates).tolist() == [True, False, True, False, False, True, False, False]
