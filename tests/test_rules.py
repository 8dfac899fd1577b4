"""Each rule, broken on a copy of the frozen fixture package, is caught at the right row and field;
valid edits pass."""

from __future__ import annotations

import csv
import io
import random
import shutil

import pandas as pd
import pytest
from conftest import ARTICLE, EVIDENCE, HEADLINE, ORIGINS, SOURCES, PackageCopy

import foreign_fighters as ff
from foreign_fighters import rules as rules_module
from foreign_fighters.rules import all_rules, figures, reference


def found(report, rule: str) -> list[tuple[str | None, int | None, str | None]]:
    return [(i.path, i.line, i.field) for i in report.issues if i.rule == rule]


def test_real_data_is_valid_with_no_warnings():
    report = ff.validate()
    assert report.issues == []
    assert report.valid


def test_fixture_is_valid_with_no_warnings(pkg: PackageCopy):
    assert ff.validate(pkg.folder).issues == []


def test_parts_above_their_region(pkg: PackageCopy):
    line = pkg.set_figure("Britain", "departed", "4000", "Britain – 4,000 left – 425 returned")
    report = ff.validate(pkg.folder)
    eu_line = line - 2  # European Union is two rows above Britain
    assert found(report, "children-within-parent") == [(ORIGINS, eu_line, "departed")]
    assert [i.rule for i in report.errors] == ["children-within-parent"]
    assert "Britain, France" in report.errors[0].message


def test_returned_parts_above_their_region(pkg: PackageCopy):
    pkg.set_figure("Tajikistan", "returned", "600", "Tajikistan – 1,300 left – 600 returned")
    report = ff.validate(pkg.folder)
    assert found(report, "children-within-parent") == [(ORIGINS, 4, "returned")]


def test_part_of_cycle(pkg: PackageCopy):
    pkg.set(ORIGINS, "European Union", "part_of", "Central Asia")
    pkg.set(ORIGINS, "Central Asia", "part_of", "European Union")
    report = ff.validate(pkg.folder)
    assert [(line, f) for _, line, f in found(report, "part-of-is-region")] == [(3, "part_of"), (4, "part_of")]
    assert all("its own ancestor" in i.message for i in report.errors if i.rule == "part-of-is-region")


def test_swapped_columns(pkg: PackageCopy):
    pkg.set(ORIGINS, "Jordan", "departed", "250")
    line = pkg.set(ORIGINS, "Jordan", "returned", "3000")
    report = ff.validate(pkg.folder)
    assert (ORIGINS, line, "returned") in found(report, "returned-le-departed")
    assert (ORIGINS, line, "departed") in found(report, "preferred-source-wins")


def test_share_disagrees_with_totals(pkg: PackageCopy):
    text = "So far, at least 5,600 residents from 33 countries are known to have returned – about 25 percent of the ones who left."
    pkg.set(HEADLINE, "returnee_share", "quote", text)
    line = pkg.set(HEADLINE, "returnee_share", "value", "25")
    report = ff.validate(pkg.folder)
    assert [i.rule for i in report.errors] == ["share-agrees"]
    assert found(report, "share-agrees") == [(HEADLINE, line, "value")]
    assert "14.0" in report.errors[0].message


def test_share_without_about_needs_closer_agreement(pkg: PackageCopy):
    line = pkg.set(HEADLINE, "returnee_share", "qualifier", "")
    assert found(ff.validate(pkg.folder), "share-agrees") == [(HEADLINE, line, "value")]


@pytest.mark.breaks("totals-cover-rows")
def test_totals_below_rows_is_an_error(pkg: PackageCopy):
    text = "So far, at least 5,600 residents from 7 countries are known to have returned."
    pkg.set(HEADLINE, "returnee_countries", "quote", text)
    line = pkg.set(HEADLINE, "returnee_countries", "value", "7")
    report = ff.validate(pkg.folder)
    assert not report.valid and report.warnings == []
    assert [(i.rule, i.severity, i.line, i.field) for i in report.errors] == [
        ("totals-cover-rows", "error", line, "value")
    ]
    assert report.exit_code(strict=False) == 1
    df = ff.load(source=pkg.folder)
    with_returnees = ((df["origin_type"] == "country") & (df["returned"] > 0)).sum()
    assert f"number {with_returnees}" in report.errors[0].message


def test_stale_hash_after_edit_without_refresh(pkg: PackageCopy):
    pkg.set(ORIGINS, "Russia", "notes", "edited", refresh=False)
    rules = {i.rule for i in ff.validate(pkg.folder).errors}
    assert "byte-count" in rules  # a same-size edit is hash-count's: the catalogue has one


def test_not_utf8(pkg: PackageCopy):
    path = pkg.folder / ORIGINS
    path.write_bytes(path.read_bytes().replace(b"France,country", "Fr\xe4nce,country".encode("latin-1")))
    pkg.refresh()
    report = ff.validate(pkg.folder)
    assert (ORIGINS, 7, None) in found(report, "encoding-utf-8")


def test_renamed_header(pkg: PackageCopy):
    rows = pkg.rows(ORIGINS)
    rows[0][4] = "left"
    pkg.write_rows(ORIGINS, rows)
    report = ff.validate(pkg.folder)
    assert found(report, "incorrect-label") == [(ORIGINS, 1, "departed")]
    assert "left" in report.errors[0].message


def test_duplicate_origin(pkg: PackageCopy):
    rows = pkg.rows(ORIGINS)
    pkg.write_rows(ORIGINS, [*rows, rows[5]])
    assert [line for _, line, _ in found(ff.validate(pkg.folder), "primary-key")] == [len(rows) + 1]


def test_field_renamed_in_schema_and_csv_breaks_the_contract(pkg: PackageCopy):
    rows = pkg.rows(ORIGINS)
    rows[0][4] = "left"
    pkg.write_rows(ORIGINS, rows, refresh=False)
    pkg.edit_descriptor(lambda d: d["resources"][0]["schema"]["fields"][4].update(name="left"))
    pkg.refresh()
    report = ff.validate(pkg.folder)
    assert [i.rule for i in report.errors] == ["contract"]  # and nothing else runs on it
    assert "field 'departed' is missing" in report.errors[0].message


@pytest.mark.breaks("rules-applicable")
def test_a_rule_that_cannot_run_is_an_error_not_a_skip(pkg: PackageCopy):
    """The contract keeps this from happening through the descriptor; the check behind it stands."""
    from foreign_fighters import reader
    from foreign_fighters.package import Contents, open_package
    from foreign_fighters.validation import run_rules

    package = open_package(pkg.folder)
    res = package.resource("fighters-by-origin")
    res["schema"]["fields"][4]["name"] = "left"
    data = (pkg.folder / ORIGINS).read_bytes().replace(b",departed,", b",left,", 1)
    table = reader.read(Contents.of(res, ORIGINS, data))
    frame, _ = reader.typed(table, nullable=True)
    issues = run_rules({"fighters-by-origin": (table, frame)}, all_rules(), reference.of_package(package)[0])
    (issue,) = [i for i in issues if i.rule == "rules-applicable"]
    assert (
        issue.severity == "error"
        and "returned-le-departed needs fighters-by-origin.departed (integer)" in issue.message
    )


# ---- valid edits stay valid --------------------------------------------------------------------
def test_reordered_rows_stay_valid(pkg: PackageCopy):
    for path in (ORIGINS, HEADLINE):
        rows = pkg.rows(path)
        body = rows[1:]
        random.Random(7).shuffle(body)
        pkg.write_rows(path, [rows[0], *body])
    assert ff.validate(pkg.folder).issues == []


def test_new_consistent_row_stays_valid(pkg: PackageCopy):
    pkg.add_belgium()
    assert ff.validate(pkg.folder).issues == []


def test_percentage_rounds_half_up(pkg: PackageCopy):
    pkg.set_figure("Central Asia", "departed", "5005", "Central Asia – 5,005 left – 10 percent returned")
    line = pkg.set(ORIGINS, "Central Asia", "returned", "501")  # 500.5 rounds up
    assert ff.validate(pkg.folder).issues == []
    pkg.set(ORIGINS, "Central Asia", "returned", "500")  # half-to-even would give this
    assert found(ff.validate(pkg.folder), "percent-resolves-to-count") == [(ORIGINS, line, "returned")]


def test_negative_number_in_text_is_not_a_formula(pkg: PackageCopy):
    pkg.set(ORIGINS, "France", "notes", "-5")
    assert ff.validate(pkg.folder).issues == []


# ---- units ------------------------------------------------------------------------------------
def test_resolved_count_is_exact_half_up():
    departed = pd.Series([25, 5000, 1, 3, 129], dtype="Int64")
    percent = pd.Series([50, 25, 50, 50, 33.3], dtype="Float64")
    assert figures.resolved_count(departed, percent).tolist() == [13, 1250, 1, 2, 43]


@pytest.mark.parametrize(
    ("quote", "value", "language", "percent", "agrees"),
    [
        ("Jordan – 3,000 left – 250 returned", 3000, "en", False, True),
        ("Jordan – 3,000 left – 250 returned", 300, "en", False, False),
        ("Uyghurs – 1,200 left – none returned", 0, "en", False, True),
        ("la Jordanie (3.000), la Tunisie (2.962)", 2962, "fr", False, True),
        ("1 910 Français", 1910, "fr", False, True),
        ("1\u00a0910 Français", 1910, "fr", False, True),
        ("Россия – 3 417 человек", 3417, "ru", False, True),
        ("760 z 3,2 tys. z Arabii Saudyjskiej", 3200, "pl", False, True),
        ("760 z 3,2 tys. z Arabii Saudyjskiej", 32, "pl", False, False),
        ("قرابة ٣٠٠٠ أردني", 3000, "ar", False, True),
        ("قرابة ٣٠٠٠ أردني", 300, "ar", False, False),
        ("بواقع 3 الاف مقاتل", 3000, "ar", False, True),
        ("only seven have been confirmed to have returned", 7, "en", False, True),
        ("ongeveer vijftig zijn teruggekeerd", 50, "nl", False, True),
        ("a quarter are alleged to have returned home", 25, "en", True, True),
        ("a quarter are alleged to have returned home", 25, "en", False, False),
        ("la moitié sont rentrés", 50, "fr", True, True),
        ("3,417 fighters", 3, "en", False, False),
        # never a part of a longer word or number
        ("seventeen people", 7, "en", False, False),
        ("seventy people", 7, "en", False, False),
        ("an zweiter Stelle", 2, "de", False, False),
        ("le centre Soufan", 100, "fr", False, False),
        ("la Tunisie (2.962)", 2, "fr", False, False),
        ("1 910 Français", 910, "fr", False, False),
        ("1 910 Français", 1, "fr", False, False),
        ("5 millones", 5000, "es", False, False),
        ("on behalf of the report", 50, "en", True, False),
        ("أربعة", 25, "ar", True, False),
        ("Nonetheless, they returned", 0, "en", False, False),
        ("thousandths", 5000, "en", False, False),
        ("twenty nine returned", 29, "en", False, True),
        ("po blisko tysiącu osób", 1000, "pl", False, True),
        ("850 kişinin yarısının da ülkelerine döndükleri", 50, "tr", True, True),  # noqa: RUF001
        ("约1万名", 10000, "zh", False, True),  # 万: ten thousand
        ("1,500 fighters", 1500, "xx", False, True),  # a language with no rules of its own: commas
        ("1,500 fighters", 1.5, "xx", False, False),
    ],
)
def test_a_quote_agrees_with_its_value_as_its_language_writes_numbers(quote, value, language, percent, agrees):
    from foreign_fighters.rules.wording import agrees as agrees_

    assert agrees_(quote, value, language, percent) is agrees


def test_a_rule_that_raises_is_an_error_not_a_pass(pkg: PackageCopy, monkeypatch):
    """A check that raises on one odd row must not leave every row of its table unchecked."""
    from foreign_fighters.rules import evidence

    def boom(*args):
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(evidence, "agrees", boom)
    report = ff.validate(pkg.folder)
    assert not report.valid
    crashed = [i for i in report.errors if i.rule == "rules-applicable"]
    # quote-agrees checks both tables: one error, on the first it raised on
    assert len(crashed) == 1 and crashed[0].path in {EVIDENCE, HEADLINE}
    assert all("quote-agrees could not run" in i.message and "OverflowError" in i.message for i in crashed)


@pytest.mark.parametrize(
    ("text", "value", "qualifiers"),
    [
        ("at least 129 Americans have left", 129, {"at_least"}),
        ("more than 4,200 people from Central Asia", 4200, {"more_than"}),
        ("An estimated 280 Dutch jihadists", 280, {"about"}),
        ("Of the 850 people known to have travelled", 850, {"at_least"}),
        ("Jordan – 3,000 left", 3000, {None}),
        ("nothing here", 5, set()),
    ],
)
def test_the_words_before_a_figure_give_its_qualifier(text, value, qualifiers):
    from foreign_fighters.rules.wording import qualifier_near

    assert qualifier_near(text, value, "en") == qualifiers


@pytest.mark.breaks("qualifier-agrees")
def test_a_qualifier_the_words_do_not_give_is_an_error(pkg: PackageCopy):
    line = pkg.set_where(
        EVIDENCE, {"origin": "Morocco", "measure": "departed", "source": ARTICLE}, "qualifier", "about"
    )
    pkg.set(ORIGINS, "Morocco", "departed_qualifier", "about")
    report = ff.validate(pkg.folder)
    assert not report.valid
    assert [(i.rule, i.path, i.line, i.field) for i in report.errors] == [
        ("qualifier-agrees", EVIDENCE, line, "qualifier")
    ]
    assert "say empty" in report.errors[0].message


@pytest.mark.breaks("best-attested")
def test_a_figure_fewer_independent_sources_give_is_an_error(pkg: PackageCopy):
    """Germany's 915 comes from one source; two independent ones giving 920 outweigh it."""
    rows = pkg.rows(SOURCES)
    new = [["a-2017-10", "A", "", "https://a.example/x", "2017-10", "en", "", "false", ""],
           ["b-2017-10", "B", "", "https://b.example/x", "2017-10", "en", "", "false", ""],
           ["c-2017-10", "C", "", "https://c.example/x", "2017-10", "en", "a-2017-10", "false", ""]]  # fmt: skip
    pkg.write_rows(SOURCES, [*rows, *new], refresh=False)
    quote = "Germany: 920 left."
    evidence = [["Germany", "departed", "920", "", s, quote, "", "", ""] for s in ("a-2017-10", "c-2017-10")]
    pkg.write_rows(EVIDENCE, [*pkg.rows(EVIDENCE), *evidence])
    report = ff.validate(pkg.folder)
    assert report.valid and report.warnings == []  # a copy does not count twice: 1 against 1
    pkg.write_rows(EVIDENCE, [*pkg.rows(EVIDENCE), ["Germany", "departed", "920", "", "b-2017-10", quote, "", "", ""]])
    report = ff.validate(pkg.folder)
    assert [(i.rule, i.line, i.field) for i in report.errors] == [("best-attested", 14, "departed")]
    assert "920 by 2" in report.errors[0].message


@pytest.mark.breaks("preferred-source-wins")
def test_the_article_wins_over_more_sources(pkg: PackageCopy):
    line = pkg.set(ORIGINS, "Tunisia", "departed", "2962")  # lalibre and others give 2,962
    report = ff.validate(pkg.folder)
    assert ("preferred-source-wins", line, "departed") in [(i.rule, i.line, i.field) for i in report.errors]


def test_summable_by_measure_counts_parts_whose_region_lacks_the_figure(pkg: PackageCopy):
    df = ff.load(source=pkg.folder)
    departed = ff.summable(df, "departed")
    assert {"Morocco", "Tunisia"} <= set(departed["origin"])  # North Africa gives no departed figure
    assert "North Africa" in set(departed["origin"]) and "Britain" not in set(departed["origin"])
    returned = ff.summable(df, "returned")
    assert "Morocco" not in set(returned["origin"])  # North Africa's returned already counts them
    assert set(ff.summable(df)["origin"]) == set(df.loc[df["part_of"].isna(), "origin"])


def test_an_undefined_rule_is_an_error_not_a_default():
    from foreign_fighters.validation import rated

    with pytest.raises(KeyError, match="no rule named"):
        rated([ff.Issue("no-such-rule", "message")])
    (issue,) = rated([ff.Issue("qualifier-agrees-in-translation", "message")])
    assert issue.severity == all_rules()["qualifier-agrees-in-translation"].severity == "warning"


def test_blank_row_is_reported_once(pkg: PackageCopy):
    path = pkg.folder / HEADLINE
    path.write_bytes(path.read_bytes() + b"\n")
    pkg.refresh()
    report = ff.validate(pkg.folder)
    assert [(i.rule, i.line) for i in report.errors] == [("blank-row", 8)]


@pytest.mark.breaks("unique-error")
def test_a_unique_field_repeated(pkg: PackageCopy):
    pkg.edit_descriptor(lambda d: d["resources"][0]["schema"]["fields"][9].update(constraints={"unique": True}))
    pkg.set(ORIGINS, "Britain", "notes", "checked")
    line = pkg.set(ORIGINS, "France", "notes", "checked")
    report = ff.validate(pkg.folder)
    assert found(report, "unique-error") == [(ORIGINS, line, "notes")]
    assert "duplicates the row on line 5" in report.errors[0].message


@pytest.mark.breaks("missing-cell", "extra-cell")
def test_rows_with_too_few_or_too_many_cells(pkg: PackageCopy):
    rows = pkg.rows(ORIGINS)
    rows[5] = rows[5][:-1]
    rows[6] = [*rows[6], "x"]
    pkg.write_rows(ORIGINS, rows)
    report = ff.validate(pkg.folder)
    assert found(report, "missing-cell") == [(ORIGINS, 6, None)] and found(report, "extra-cell") == [(ORIGINS, 7, None)]
    with pytest.raises(ff.SourceError, match=r"line 6.*too few cells"):
        ff.load(source=pkg.folder)


@pytest.mark.breaks("primary-key")
def test_a_primary_key_left_empty(pkg: PackageCopy):
    line = pkg.set(SOURCES, ARTICLE, "source", "")
    assert ("primary-key", line, "source") in {(i.rule, i.line, i.field) for i in ff.validate(pkg.folder).errors}


@pytest.mark.breaks("primary-key")
def test_a_key_of_two_fields_repeated(pkg: PackageCopy):
    rows = pkg.rows(EVIDENCE)
    pkg.write_rows(EVIDENCE, [*rows, rows[3]])
    (issue,) = [i for i in ff.validate(pkg.folder).errors if i.rule == "primary-key"]
    assert (issue.path, issue.line, issue.field) == (EVIDENCE, len(rows) + 1, "origin,measure,source")
    assert issue.message == "duplicates the row on line 4"


@pytest.mark.breaks("foreign-key")
def test_a_foreign_key_to_a_row_that_does_not_exist(pkg: PackageCopy):
    line = pkg.set(ORIGINS, "France", "part_of", "Atlantis")
    issue = next(i for i in ff.validate(pkg.folder).errors if i.rule == "foreign-key")
    assert (issue.path, issue.line, issue.field) == (ORIGINS, line, "part_of")
    assert issue.message == "'Atlantis' is not a value of origin (foreign key)"


def test_a_percentage_with_no_departed_cannot_back_a_returned_count(pkg: PackageCopy):
    line = pkg.set(ORIGINS, "European Union", "departed", "")
    report = ff.validate(pkg.folder)
    assert (ORIGINS, line, "returned") in found(report, "percent-resolves-to-count")
    assert (ORIGINS, line, "returned") in found(report, "evidence-backs-figure")  # no row gives 1250


def test_a_region_without_a_figure_passes_its_parts_up(pkg: PackageCopy):
    """North Africa gives no departed figure: inside a larger region, its parts count there."""
    rows = pkg.rows(ORIGINS)
    africa = ["Africa", "region", "", "", "1000", "", "", "", "", ""]
    pkg.write_rows(ORIGINS, [*rows, africa])
    pkg.set(ORIGINS, "North Africa", "part_of", "Africa")
    report = ff.validate(pkg.folder)
    (issue,) = [i for i in report.errors if i.rule == "children-within-parent"]
    assert (issue.line, issue.field) == (len(rows) + 1, "departed")
    assert "4549 departed" in issue.message  # Tunisia 2,926 + Morocco 1,623


@pytest.mark.parametrize(
    ("origin", "texts", "named"),
    [
        ("Britain", ("at least 850 Britons left",), True),
        ("Britain", ("approximately 425 returnees", "Britain has more ISIS fanatics"), True),  # the headline
        ("Britain", ("approximately 425 returnees", None), False),
        ("France", ("271 returned to Francesco's town",), False),
        ("Tajikistan", ("147 Tajikistanis returned",), True),
    ],
)
def test_a_quote_names_its_origin_or_an_alias(origin, texts, named):
    from foreign_fighters.rules.evidence import names_origin

    assert names_origin(origin, *texts) is named


def test_a_code_given_to_many_rows_names_three_and_counts_the_rest():
    df = pd.DataFrame({"iso3": ["AAA"] * 5 + ["BBB"], "origin": ["A", "B", "C", "D", "E", "F"]})
    verdict = figures.iso3_unique.check(df, {})
    assert verdict.ok.tolist() == [False] * 5 + [True]
    assert verdict.explain(df.iloc[0]) == ("iso3", "iso3 'AAA' is given to A and B and C and 2 more rows")
    two = df.iloc[[0, 1, 5]]
    assert figures.iso3_unique.check(two, {}).explain(two.iloc[0])[1] == "iso3 'AAA' is given to A and B"


def test_all_rules_come_family_by_family_in_the_families_order():
    rules_module._ORDERED.clear()  # computed afresh here, not left over from an earlier test
    families = ["fields" if r.kind == "field" else r.check.__module__.rsplit(".", 1)[1] for r in all_rules().values()]
    assert list(dict.fromkeys(families)) == list(rules_module.FAMILIES)  # every family, once, in order


# ---- origins declared in data: data/reference/origin-names.csv ---------------------------------
REFERENCE = "data/reference/origin-names.csv"
KOSOVO_SOURCE = ["example-2017-10-25", "Example News", "", "https://example.org/a", "2017-10-25", "en", "", "false", ""]
KOSOVO_LINE = ["Kosovo", "XKX", "true", "Kosovar; Kosovars", "user-assigned code (not in ISO 3166-1)"]


def reference_rows(pkg: PackageCopy) -> list[list[str]]:
    """The copy's reference lines; the fixture has none of its own, so the installed one's first,
    less any line for Kosovo: a contributor may have added it to the real data already."""
    from foreign_fighters.package import bundled_root

    if not (pkg.folder / REFERENCE).is_file():
        (pkg.folder / REFERENCE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(bundled_root() / REFERENCE, pkg.folder / REFERENCE)
        rows = [r for r in pkg.rows(REFERENCE) if KOSOVO_LINE[0] not in r and KOSOVO_LINE[1] not in r]
        pkg.write_rows(REFERENCE, rows, refresh=False)
    return pkg.rows(REFERENCE)


def add_kosovo(pkg: PackageCopy, reference_line: bool = True, quote: str = "Kosovo: 300 left, 110 returned.") -> int:
    """Kosovo (XKX) added the data way: its row, a source, the quote, and its reference line.
    Returns its line in fighters-by-origin."""
    rows = pkg.rows(ORIGINS)
    header = rows[0]
    row = dict.fromkeys(header, "") | {"origin": "Kosovo", "origin_type": "country", "iso3": "XKX"}
    row |= {"departed": "300", "returned": "110"}
    pkg.write_rows(ORIGINS, [*rows, [row[f] for f in header]], refresh=False)
    pkg.write_rows(SOURCES, [*pkg.rows(SOURCES), KOSOVO_SOURCE], refresh=False)
    evidence = [["Kosovo", m, v, "", KOSOVO_SOURCE[0], quote, "", "", ""] for m, v in (("departed", "300"), ("returned", "110"))]  # fmt: skip
    pkg.write_rows(EVIDENCE, [*pkg.rows(EVIDENCE), *evidence], refresh=False)
    lines = reference_rows(pkg)  # the copy's own, whether or not the line is added
    if reference_line:
        pkg.write_rows(REFERENCE, [*lines, KOSOVO_LINE], refresh=False)
    pkg.refresh()
    return len(rows) + 1


def test_an_origin_outside_iso_3166_is_added_in_data_alone(pkg: PackageCopy):
    add_kosovo(pkg)
    report = ff.validate(pkg.folder)
    assert report.issues == [], report.issues
    assert "Kosovo" in set(ff.load(source=pkg.folder)["origin"])


@pytest.mark.breaks("iso3-matches-type", "iso3-names-origin")
def test_an_origin_outside_iso_3166_without_its_reference_line(pkg: PackageCopy):
    line = add_kosovo(pkg, reference_line=False)
    report = ff.validate(pkg.folder)
    assert [(i.rule, i.path, i.line, i.field, i.message) for i in report.errors] == [
        (
            "iso3-matches-type", ORIGINS, line, "iso3",
            f"'XKX' is not an ISO 3166-1 alpha-3 code, nor a user-assigned code declared in {REFERENCE}",
        ),
        (
            "iso3-names-origin", ORIGINS, line, "origin",
            f"no ISO 3166-1 country is named 'Kosovo': use its ISO name, or list the sources' name with its code in {REFERENCE}",
        ),
    ]  # fmt: skip


def test_an_alias_in_the_reference_lets_a_quote_name_its_origin(pkg: PackageCopy):
    add_kosovo(pkg, quote="Kosovars: 300 left, 110 returned.")  # the reference line's alias
    assert ff.validate(pkg.folder).issues == []
    pkg.write_rows(REFERENCE, [r for r in reference_rows(pkg) if r[0] != "Kosovo"] + [[*KOSOVO_LINE[:3], "", ""]])
    assert [(p, f) for p, _, f in found(ff.validate(pkg.folder), "quote-names-origin")] == [(EVIDENCE, "quote")] * 2


@pytest.mark.parametrize(
    ("line", "rule", "field", "message"),
    [
        (["Kosovo", "XK", "true", "", ""], "iso3-matches-type", "iso3", "iso3 'XK' is not three capital letters"),
        (
            ["Kosovo", "XKX", "", "", ""],
            "iso3-matches-type",
            "iso3",
            "'XKX' is not an ISO 3166-1 alpha-3 code; a code outside it (such as XKX) needs user_assigned true",
        ),
        (
            ["Kosovo", "XKX", "yes", "", ""],
            "iso3-matches-type",
            "user_assigned",
            "user_assigned is 'yes': it is true or empty",
        ),
        (
            ["Serbia", "SRB", "true", "", ""],
            "iso3-matches-type",
            "user_assigned",
            "SRB is an ISO 3166-1 code, not a user-assigned one: leave user_assigned empty",
        ),
        (["Spain", "DEU", "", "", ""], "iso3-names-origin", "iso3", "ISO 3166-1 gives 'Spain' the code ESP, not DEU"),
        (["Britain", "GBR", "", "", ""], "iso3-names-origin", "name", "'Britain' is listed already, on line 2"),
        (["Kosovo", "XKX"], "iso3-names-origin", None, "2 cells where the header has 5"),
    ],
)
def test_a_wrong_reference_line_is_named_by_file_line_and_field(pkg: PackageCopy, line, rule, field, message):
    rows = reference_rows(pkg)
    pkg.write_rows(REFERENCE, [*rows, line])
    report = ff.validate(pkg.folder)
    assert [(i.rule, i.path, i.line, i.field, i.message) for i in report.errors] == [
        (rule, REFERENCE, len(rows) + 1, field, message)
    ]


def test_a_reference_without_its_header_is_one_error(pkg: PackageCopy):
    rows = reference_rows(pkg)
    pkg.write_rows(REFERENCE, [["origin", *rows[0][1:]], *rows[1:]])
    report = ff.validate(pkg.folder)
    assert [(i.path, i.line) for i in report.errors if "the header must be" in i.message] == [(REFERENCE, 1)]


def test_a_package_without_a_reference_uses_the_installed_one(pkg: PackageCopy):
    from foreign_fighters.package import bundled_root

    assert not (pkg.folder / REFERENCE).exists()  # the frozen fixture has none
    line = add_kosovo(pkg)
    (pkg.folder / REFERENCE).unlink()  # Kosovo's line goes with it
    # Only Kosovo's line can be named (the fixture's Britain, which only the reference knows, is
    # not), and not even it where the installed copy already declares Kosovo.
    installed = (bundled_root() / REFERENCE).read_text("utf-8")
    declared = any(row[:2] == KOSOVO_LINE[:2] for row in csv.reader(io.StringIO(installed)))
    expected = set() if declared else {("iso3-matches-type", line), ("iso3-names-origin", line)}
    assert {(i.rule, i.line) for i in ff.validate(pkg.folder).errors} == expected


def test_the_reference_is_data_beside_the_resources_not_one_of_them():
    """Not a resource: no hash to refresh, and the contract and the hash refresh leave it alone."""
    from foreign_fighters.package import bundled_root
    from foreign_fighters.rules import reference
    from publish import hashes

    paths = [r["path"] for r in hashes.refreshed(bundled_root())[0]["resources"]]
    assert REFERENCE not in paths and (bundled_root() / REFERENCE).is_file()
    names, problems = reference.bundled()
    assert problems == () and names.codes["Britain"] == "GBR" and "Britons" in names.aliases["Britain"]


# ---- a CSV edited after its hash was recorded ---------------------------------------------------
STALE = "the file changed after its hash was recorded: run `make hashes`"


@pytest.mark.breaks("byte-count")
def test_an_edit_without_make_hashes_is_one_error_that_says_so(pkg: PackageCopy):
    pkg.set(ORIGINS, "Russia", "notes", "Checked again.", refresh=False)
    report = ff.validate(pkg.folder)
    assert [(i.rule, i.path, i.line) for i in report.issues] == [("byte-count", ORIGINS, None)]
    message = report.errors[0].message
    assert message.startswith("its bytes and sha256 differ from datapackage.json (bytes mismatch: expected ")
    assert message.endswith(STALE)
    pkg.refresh()  # what `make hashes` does
    assert ff.validate(pkg.folder).issues == []


@pytest.mark.breaks("hash-count")
def test_the_rules_still_check_an_edit_made_without_make_hashes(pkg: PackageCopy):
    """A same-size figure edit: one hash error, and the data rules' own findings on the edited rows
    (the figure has no quote yet), nothing that follows from the stale hash."""
    line = pkg.set(ORIGINS, "Russia", "returned", "401", refresh=False)
    report = ff.validate(pkg.folder)
    assert report.errors[0].rule == "hash-count"
    assert report.errors[0].message == f"its sha256 differs from datapackage.json (sha256 mismatch): {STALE}"
    assert {(i.rule, i.line) for i in report.errors[1:]} == {
        ("evidence-backs-figure", line),
        ("preferred-source-wins", line),
    }


def test_a_file_far_larger_than_it_declares_is_one_error_and_no_more(pkg: PackageCopy):
    from foreign_fighters.validation import SLACK

    declared = (pkg.folder / ORIGINS).stat().st_size
    pkg.set(ORIGINS, "Russia", "notes", "x" * (SLACK + 1), refresh=False)
    report = ff.validate(pkg.folder)
    assert [(i.rule, i.path, i.message) for i in report.issues] == [
        (
            "byte-count",
            ORIGINS,
            f"its bytes differ from datapackage.json (bytes mismatch: expected {declared}, actual more): {STALE}",
        )
    ]


@pytest.mark.breaks("text-nfc")
def test_a_cell_in_decomposed_form_is_an_error(pkg: PackageCopy):
    line = pkg.set(ORIGINS, "France", "notes", "Co\u0302te d'Ivoire is not in this table.")
    issues = [i for i in ff.validate(pkg.folder).errors if i.rule == "text-nfc"]
    assert [(i.path, i.line, i.field) for i in issues] == [(ORIGINS, line, "notes")]
    assert "C\u00f4te d" in issues[0].message.split("compose it, as ")[1]  # the composed form to write


def test_a_cell_in_composed_form_passes(pkg: PackageCopy):
    pkg.set(ORIGINS, "France", "notes", "C\u00f4te d'Ivoire is not in this table.")
    assert not [i for i in ff.validate(pkg.folder).issues if i.rule == "text-nfc"]
