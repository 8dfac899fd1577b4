"""A quote must say what its row says, in the quote's own language; the report's totals bound the
table. Each rule broken on a copy of the fixture package is caught at its row and field, and
correct rows, in the languages the sources write, pass."""

# The quotes are in their own scripts: a Cyrillic or a Turkish dotless letter is the language's own.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest
from conftest import ARTICLE, EVIDENCE, HEADLINE, ORIGINS, SOURCES, PackageCopy

import foreign_fighters as ff
from foreign_fighters.rules import get
from foreign_fighters.rules.wording import QUALIFIED_LANGUAGES, percent_mentions, qualifier_near

QUOTE_RULES = (
    "qualifier-agrees",
    "qualifier-agrees-in-translation",
    "headline-qualifier-agrees",
    "totals-cover-rows",
    "percent-matches-measure",
)


def found(report, rule: str) -> list[tuple[str | None, int | None, str | None]]:
    return [(i.path, i.line, i.field) for i in report.issues if i.rule == rule]


def issues_of(report, *rules: str) -> list[tuple[str, str | None, int | None, str | None]]:
    return [(i.rule, i.path, i.line, i.field) for i in report.issues if i.rule in rules]


def test_the_fixture_keeps_every_quote_rule(pkg: PackageCopy):
    assert issues_of(ff.validate(pkg.folder), *QUOTE_RULES) == []


# ---- qualifier-agrees: the quote's own words, in its language ------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "language", "qualifiers"),
    [
        ("au moins 30% des quelque 5.000 ressortissants", 30, "fr", {"at_least"}),
        ("au moins 30% des quelque 5.000 ressortissants", 5000, "fr", {"about"}),
        ("l'organisation compterait plus de 1.500 combattants", 1500, "fr", {"more_than"}),
        ("un nombre se situant autour de 170 recrues", 170, "fr", {"about"}),
        ("Demnach stammten mehr als 5.000 Foreign Fighters aus der EU.", 5000, "de", {"more_than"}),
        ("Davon waren knapp 30 Prozent bereits wieder zurückgekehrt.", 30, "de", {"about"}),
        ("Alrededor de 1200 combatientes han regresado a Europa", 1200, "es", {"about"}),
        ("Túnez y Marruecos tienen la cifra más alta con 800 y casi 200", 200, "es", {"about"}),
        ("Túnez y Marruecos tienen la cifra más alta con 800 y casi 200", 800, "es", {None}),
        ("Z ponad 800 Brytyjczyków", 800, "pl", {"more_than"}),
        ("400 spośród ok. 3,5 tys. bojowników z Rosji", 3500, "pl", {"about"}),
        ("в Сирию и Ирак отправились более 4,2 тысячи человек", 4200, "ru", {"more_than"}),
        ("рост числа боевиков выросло с 2400 до 3417", 3417, "ru", {None}),  # "до" here is "to", not "up to"
        ("примерно по 500 – из Казахстана", 500, "ru", {"about"}),
        ("Yaklaşık 900 kişinin döndüğü Türkiye", 900, "tr", {"about"}),
        ("900'den fazla kişi döndü", 900, "tr", {"more_than"}),
        ("ابقه تتحدث عن وجود قرابة 3000 أردني", 3000, "ar", {"about"}),
        ("ويقدر إجمالى عددهم بـ 800 فردا", 800, "ar", {"about"}),
        ("في عدد مقاتلي داعش بواقع 3417 مقاتلا تقريبا", 3417, "ar", {"about"}),
        ("Od 850 ljudi za koje se zna da su putovali", 850, "bs", {"at_least"}),
        ("van België vertrokken bijna 500 Syriëstrijders", 500, "nl", {"about"}),
        ("more than 165 Belgians", 165, "en", {"more_than"}),
    ],
)
def test_the_quotes_own_words_give_its_qualifier(text, value, language, qualifiers):
    assert language in QUALIFIED_LANGUAGES
    assert qualifier_near(text, value, language) == qualifiers


@pytest.mark.breaks("qualifier-agrees")
@pytest.mark.parametrize(
    ("where", "qualifier", "says"),
    [
        # "Z ponad 800": more than, recorded as about
        ({"origin": "Britain", "measure": "departed", "source": "interia-2017-10"}, "about", "say more_than"),
        # "mehr als 5.000": the qualifier dropped
        ({"origin": "European Union", "measure": "departed", "source": "tt-2019-02"}, "", "say more_than"),
        # "el Reino Unido con mayores retornados, 400": a qualifier invented
        ({"origin": "Britain", "measure": "returned", "source": "hispantv-2018-02-24"}, "about", "say empty"),
        # "au moins 30%": at least, recorded as more than
        ({"origin": "European Union", "measure": "returned_percent", "source": "lalibre-2017-10"}, "more_than",
         "say at_least"),
    ],
)  # fmt: skip
def test_a_qualifier_the_quotes_words_contradict_is_an_error(pkg: PackageCopy, where, qualifier, says):
    line = pkg.set_where(EVIDENCE, where, "qualifier", qualifier)
    report = ff.validate(pkg.folder)
    assert not report.valid
    assert found(report, "qualifier-agrees") == [(EVIDENCE, line, "qualifier")]
    error = next(i for i in report.errors if i.rule == "qualifier-agrees")
    assert error.severity == "error" and says in error.message


@pytest.mark.breaks("qualifier-agrees")
def test_more_than_in_english_recorded_as_about_is_an_error(pkg: PackageCopy):
    where = {"origin": "United States", "measure": "departed", "source": ARTICLE}
    line = pkg.set_where(EVIDENCE, where, "quote", "more than 129 Americans have left the country to join ISIS")
    report = ff.validate(pkg.folder)
    assert found(report, "qualifier-agrees") == [(EVIDENCE, line, "qualifier")]  # recorded at_least
    pkg.set_where(EVIDENCE, where, "qualifier", "more_than")
    pkg.set(ORIGINS, "United States", "departed_qualifier", "more_than")
    assert issues_of(ff.validate(pkg.folder), *QUOTE_RULES) == []


@pytest.mark.breaks("qualifier-agrees")
def test_the_translation_does_not_settle_the_qualifier(pkg: PackageCopy):
    """quote_en saying "about" does not make "ponad" (more than) an about."""
    where = {"origin": "Britain", "measure": "departed", "source": "interia-2017-10"}
    pkg.set_where(EVIDENCE, where, "quote_en", "Of about 800 Britons who joined IS, about 400 have returned.")
    line = pkg.set_where(EVIDENCE, where, "qualifier", "about")
    assert found(ff.validate(pkg.folder), "qualifier-agrees") == [(EVIDENCE, line, "qualifier")]


def test_correct_qualifiers_in_other_words_pass(pkg: PackageCopy):
    where = {"origin": "Russia", "measure": "departed", "source": "interia-2017-10"}
    pkg.set_where(EVIDENCE, where, "quote", "Z Rosji wyjechało około 3,5 tys. bojowników.")
    where = {"origin": "European Union", "measure": "departed", "source": "lalibre-2017-10"}
    pkg.set_where(EVIDENCE, where, "quote", "Environ 5.000 ressortissants de l'Union européenne sont partis.")
    where = {"origin": "Jordan", "measure": "departed", "source": "royanews-2017-10"}
    pkg.set_where(EVIDENCE, where, "quote", "وانضم نحو 3000 أردني إلى التنظيم.")
    assert issues_of(ff.validate(pkg.folder), *QUOTE_RULES) == []


@pytest.mark.breaks("qualifier-agrees-in-translation")
def test_a_language_whose_words_are_not_known_is_read_through_quote_en_and_warns(pkg: PackageCopy):
    pkg.set(SOURCES, "hispantv-2018-02-24", "language", "ka")  # a language with no qualifier words listed
    where = {"origin": "Britain", "measure": "returned", "source": "hispantv-2018-02-24"}
    line = pkg.set_where(EVIDENCE, where, "qualifier", "more_than")
    report = ff.validate(pkg.folder)
    assert "ka" not in QUALIFIED_LANGUAGES
    assert found(report, "qualifier-agrees") == []
    assert [(i.rule, i.severity, i.line, i.field) for i in report.warnings] == [
        ("qualifier-agrees-in-translation", "warning", line, "qualifier")
    ]
    assert "in quote_en say empty (no qualifying words are known for 'ka')" in report.warnings[0].message


def test_the_rules_summaries_name_the_languages():
    summary = get("qualifier-agrees").summary
    assert all(f"`{language}`" in summary for language in ("en", "fr", "ru", "ar", "tr"))
    assert get("qualifier-agrees").severity == "error"
    assert get("qualifier-agrees-in-translation").severity == "warning"


# ---- the headline: totals bound the table, qualifiers agree with the quote --------------------------


@pytest.mark.breaks("totals-cover-rows")
def test_a_total_below_the_rows_is_an_error(pkg: PackageCopy):
    text = "So far, at least 5,600 residents from 7 countries are known to have returned."
    pkg.set(HEADLINE, "returnee_countries", "quote", text)
    line = pkg.set(HEADLINE, "returnee_countries", "value", "7")
    report = ff.validate(pkg.folder)
    assert not report.valid
    assert [(i.rule, i.severity, i.line, i.field) for i in report.errors] == [
        ("totals-cover-rows", "error", line, "value")
    ]
    df = ff.load(source=pkg.folder)
    with_returnees = ((df["origin_type"] == "country") & (df["returned"] > 0)).sum()
    assert f"number {with_returnees}" in report.errors[0].message


def test_a_total_above_the_rows_passes(pkg: PackageCopy):
    text = "Over 50,000 fighters from more than 110 countries have traveled to Iraq and Syria."
    pkg.set(HEADLINE, "foreign_fighters", "quote", text)
    pkg.set(HEADLINE, "foreign_fighters", "value", "50000")
    assert issues_of(ff.validate(pkg.folder), *QUOTE_RULES) == []


@pytest.mark.breaks("headline-qualifier-agrees")
@pytest.mark.parametrize(
    ("measure", "qualifier", "says"),
    [("foreign_fighters", "about", "say more_than"), ("returnees", "", "say at_least"),
     ("returnee_countries", "at_least", "say empty")],
)  # fmt: skip
def test_a_headline_qualifier_its_quote_contradicts_is_an_error(pkg: PackageCopy, measure, qualifier, says):
    line = pkg.set(HEADLINE, measure, "qualifier", qualifier)
    report = ff.validate(pkg.folder)
    assert found(report, "headline-qualifier-agrees") == [(HEADLINE, line, "qualifier")]
    error = next(i for i in report.errors if i.rule == "headline-qualifier-agrees")
    assert says in error.message


def test_a_headline_qualifier_its_quote_gives_passes(pkg: PackageCopy):
    pkg.set(HEADLINE, "foreign_fighters", "quote", "About 40,000 fighters from more than 110 countries went.")
    pkg.set(HEADLINE, "foreign_fighters", "qualifier", "about")
    assert issues_of(ff.validate(pkg.folder), *QUOTE_RULES) == []


# ---- percent-matches-measure --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "language", "mentions"),
    [
        ("European Union – 5,000 left – 25 percent returned", 25, "en", (True,)),
        ("European Union – 5,000 left – 25 percent returned", 5000, "en", (False,)),
        ("au moins 30% des quelque 5.000 ressortissants", 30, "fr", (True,)),
        ("trente, soit 30 pour cent", 30, "fr", (True,)),
        ("Davon waren knapp 30 Prozent bereits zurückgekehrt.", 30, "de", (True,)),
        ("около 30 процентов вернулись", 30, "ru", (True,)),
        ("el 30 por ciento ha regresado", 30, "es", (True,)),
        ("savaşçıların yüzde 30'u döndü", 30, "tr", (True,)),
        ("savaşçıların %30'u döndü", 30, "tr", (True,)),
        ("لا يقل عن 30 % من قرابة 5 آلاف", 30, "ar", (True,)),
        ("30 combattants et 30% des autres", 30, "fr", (False, True)),
    ],
)
def test_a_percentage_is_read_in_the_quotes_language(text, value, language, mentions):
    assert percent_mentions(text, value, language) == mentions


@pytest.mark.breaks("percent-matches-measure")
def test_a_count_recorded_as_a_percentage_is_an_error(pkg: PackageCopy):
    where = {"origin": "United States", "measure": "returned", "source": "breitbart-2017-10-24"}
    pkg.set_where(EVIDENCE, where, "quote", "Only 7 of the 129 who went to join ISIS from the United States are back.")
    line = pkg.set_where(EVIDENCE, where, "measure", "returned_percent")
    report = ff.validate(pkg.folder)
    assert found(report, "percent-matches-measure") == [(EVIDENCE, line, "value")]
    assert "as a count, not a percentage" in next(
        i.message for i in report.errors if i.rule == "percent-matches-measure"
    )


@pytest.mark.breaks("percent-matches-measure")
def test_a_percentage_recorded_as_a_count_is_an_error(pkg: PackageCopy):
    where = {"origin": "European Union", "measure": "returned_percent", "source": "tt-2019-02"}
    line = pkg.set_where(EVIDENCE, where, "measure", "returned")  # "knapp 30 Prozent"
    report = ff.validate(pkg.folder)
    assert found(report, "percent-matches-measure") == [(EVIDENCE, line, "value")]
    assert "30 percent, not a count" in next(i.message for i in report.errors if i.rule == "percent-matches-measure")


@pytest.mark.breaks("percent-matches-measure")
def test_an_evidence_percentage_above_100_is_an_error(pkg: PackageCopy):
    where = {"origin": "European Union", "measure": "returned_percent", "source": "breitbart-2017-10-24"}
    pkg.set_where(EVIDENCE, where, "quote", "It also estimates that around 130 percent of them have returned home.")
    line = pkg.set_where(EVIDENCE, where, "value", "130")
    report = ff.validate(pkg.folder)
    assert found(report, "percent-matches-measure") == [(EVIDENCE, line, "value")]
    assert "between 0 and 100" in next(i.message for i in report.errors if i.rule == "percent-matches-measure")


def test_a_percentage_in_words_or_a_fraction_is_not_judged_by_its_sign(pkg: PackageCopy):
    where = {"origin": "Britain", "measure": "returned_percent", "source": "nbcnews-2017-10-24"}
    pkg.set_where(EVIDENCE, where, "quote", "In the United Kingdom, 50 per cent are believed to have come back.")
    assert issues_of(ff.validate(pkg.folder), *QUOTE_RULES) == []


# ---- quote-en-agrees: the translation says what the original says ---------------------------------


@pytest.mark.breaks("quote-en-agrees")
def test_a_translation_with_another_number_is_an_error(pkg: PackageCopy):
    where = {"origin": "Germany", "measure": "departed", "source": "tt-2019-02"}
    text = "With 951 people, Germany is in second place according to TSC (2017); 300 people are said to have returned."
    line = pkg.set_where(EVIDENCE, where, "quote_en", text)  # the quote: "mit 915 Personen"
    report = ff.validate(pkg.folder)
    assert found(report, "quote-en-agrees") == [(EVIDENCE, line, "quote_en")]
    assert "does not give 915" in next(i.message for i in report.errors if i.rule == "quote-en-agrees")


@pytest.mark.breaks("quote-en-agrees")
def test_a_translation_naming_another_country_is_an_error(pkg: PackageCopy):
    where = {"origin": "Britain", "measure": "departed", "source": "interia-2017-10"}
    text = "Of more than 800 Belgians who joined IS, fewer than expected have returned, i.e. about 400."
    line = pkg.set_where(EVIDENCE, where, "quote_en", text)
    # the quote names Britain as CLDR writes it in Polish, whatever aliases the reference lists
    pkg.set_where(EVIDENCE, where, "quote", "Z ponad 800 bojowników z Wielkiej Brytanii powróciło około 400.")
    report = ff.validate(pkg.folder)
    assert found(report, "quote-en-agrees") == [(EVIDENCE, line, "quote_en")]
    assert "does not name 'Britain'" in next(i.message for i in report.errors if i.rule == "quote-en-agrees")


@pytest.mark.parametrize(
    ("origin", "text", "language"),
    [
        ("Russia", "z Rosji", "pl"),
        ("Russia", "граждан России", "ru"),
        ("Saudi Arabia", "из Саудовской Аравии", "ru"),
        ("Saudi Arabia", "z Arabii Saudyjskiej", "pl"),
        ("Jordan", "la Jordanie (3.000)", "fr"),
        ("Germany", "Deutschland liegt", "de"),
        ("European Union", "de l'Union européenne", "fr"),
        ("Tunisia", "وتونس (2962)", "ar"),
    ],
)
def test_an_origin_is_named_as_its_language_writes_it(origin, text, language):
    from foreign_fighters.rules.evidence import names_origin_in

    assert names_origin_in(origin, text, language) is True
    assert names_origin_in("Morocco", text, language) is False


# ---- numbers in words (text2num) and Turkish thousands --------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "language"),
    [
        ("about fifteen hundred fighters", 1500, "en"),
        ("Nearly a thousand people each returned to Tunisia", 1000, "en"),
        ("environ mille cinq cents combattants", 1500, "fr"),
        ("trois mille quatre cent dix-sept djihadistes", 3417, "fr"),
        ("casi mil doscientos combatientes", 1200, "es"),
        ("rund dreitausend Kämpfer", 3000, "de"),
        ("Rusya'dan 3 bin 417 kişi katıldı", 3417, "tr"),
        ("Rusya'dan 3 bin kişi katıldı", 3000, "tr"),
    ],
)
def test_numbers_in_words_are_read(text, value, language):
    from foreign_fighters.rules.wording import agrees

    assert agrees(text, value, language, False)
    assert not agrees(text, value + 1, language, False)


def test_a_qualifier_and_a_percentage_in_words_are_read():
    assert qualifier_near("environ mille cinq cents combattants", 1500, "fr") == {"about"}
    assert qualifier_near("more than fifteen hundred fighters", 1500, "en") == {"more_than"}
    assert percent_mentions("quinze pour cent des combattants", 15, "fr") == (True,)
    assert percent_mentions("quince combatientes", 15, "es") == (False,)


def test_a_correct_quote_in_words_passes(pkg: PackageCopy):
    where = {"origin": "Russia", "measure": "departed", "source": "lalibre-2017-10"}
    text = "Le centre Soufan indique que trois mille quatre cent dix-sept djihadistes sont venus de Russie."
    pkg.set_where(EVIDENCE, where, "quote", text)
    assert issues_of(ff.validate(pkg.folder), *QUOTE_RULES, "quote-agrees", "quote-en-agrees") == []


# ---- departed-is-not-a-return -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "language", "mentions"),
    [
        ("Russia – 3,417 left – 400 returned", 400, "en", (True,)),
        ("Russia – 3,417 left – 400 returned", 3417, "en", (False,)),
        ("Saudi-Arabien mit 3.244 IS-Kämpfern und 760 Rückkehrern", 760, "de", (True,)),
        ("Saudi-Arabien mit 3.244 IS-Kämpfern und 760 Rückkehrern", 3244, "de", (False,)),
        ("Del total de 3400 rusos que se unieron, 400 ya han vuelto a Rusia.", 400, "es", (True,)),
        ("Del total de 3400 rusos que se unieron, 400 ya han vuelto a Rusia.", 3400, "es", (False,)),
        ("فقد عاد 400 شخص إلى روسيا", 400, "ar", (True,)),
        ("Türkiye’ye dönen yaklaşık 900 kişi de var", 900, "tr", (True,)),
        ("Of the 129 who left, only 7 have returned.", 129, "en", (False,)),
        ("وعاد 400 مقاتل إلى روسيا", 400, "ar", (True,)),
        ("وتليها السعودية بـ3244 وعاد منهم 760.", 3244, "ar", (False,)),  # "and returned" begins another clause
        ("وتليها السعودية بـ3244 وعاد منهم 760.", 760, "ar", (True,)),
        ("400 sind nach Russland zurückgekehrt.", 400, "de", (True,)),
        ("400 Kämpfer kehrten nach Russland zurück.", 400, "de", (True,)),
        ("3.417 Kämpfer sind nach Syrien gereist, 400 zurückgekehrt.", 3417, "de", (False,)),
        ("3.417 Kämpfer sind bisher nicht zurückgekehrt.", 3417, "de", (False,)),
        ("3.417 Kämpfer kamen aus Russland.", 3417, "de", (False,)),
        ("400 are now back in Russia", 400, "en", (True,)),
        ("Moscow has welcomed back 400 of them", 400, "en", (True,)),
        ("400 repatriated", 400, "en", (True,)),
        ("400 fighters go home", 400, "en", (True,)),
        ("3,417 Russians left to join ISIS", 3417, "en", (False,)),
    ],
)
def test_a_return_is_read_in_the_quotes_language(text, value, language, mentions):
    from foreign_fighters.rules.wording import return_mentions

    assert return_mentions(text, value, language) == mentions


@pytest.mark.breaks("departed-is-not-a-return")
def test_a_return_recorded_as_a_departure_is_an_error(pkg: PackageCopy):
    where = {
        "origin": "Russia",
        "measure": "returned",
        "source": "tt-2019-02",
    }  # "Nur 400 davon sind ... zurückgegangen"
    pkg.set_where(EVIDENCE, where, "quote", "Aus Russland sind 400 Kämpfer zurückgekehrt.")
    pkg.set_where(EVIDENCE, where, "quote_en", "400 fighters have returned to Russia.")
    line = pkg.set_where(EVIDENCE, where, "measure", "departed")
    report = ff.validate(pkg.folder)
    assert found(report, "departed-is-not-a-return") == [(EVIDENCE, line, "measure")]


def test_a_departure_beside_a_return_passes(pkg: PackageCopy):
    where = {"origin": "Russia", "measure": "departed", "source": "tt-2019-02"}
    text = "Aus Russland kamen 3.417 Kämpfer, von denen 400 zurückgekehrt sind."
    pkg.set_where(EVIDENCE, where, "quote", text)
    assert issues_of(ff.validate(pkg.folder), "departed-is-not-a-return") == []


# ---- what a hostile review found: a hundred in "pour cent", spaced digits, "10pc", returns, "over" --


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dix pour cent des combattants russes sont rentrés.", "fr"),
        ("Diez por ciento de los combatientes rusos han vuelto.", "es"),
        ("Dieci per cento dei combattenti russi sono rientrati.", "it"),
        ("Dez por cento dos combatentes russos regressaram.", "pt"),
    ],
)
def test_pour_cent_in_words_is_a_percentage_not_a_hundred(text, language):
    from foreign_fighters.rules.wording import agrees

    assert agrees(text, 10, language, True)
    assert not agrees(text, 100, language, False)
    assert percent_mentions(text, 10, language) == (True,)


@pytest.mark.breaks("quote-agrees")
def test_a_hundred_read_into_pour_cent_is_an_error(pkg: PackageCopy):
    where = {"origin": "European Union", "measure": "returned_percent", "source": "lalibre-2017-10"}
    pkg.set_where(EVIDENCE, where, "quote", "Dix pour cent des ressortissants de l'Union européenne sont rentrés.")
    pkg.set_where(EVIDENCE, where, "quote_en", "Ten percent of the European Union nationals have returned.")
    pkg.set_where(EVIDENCE, where, "qualifier", "")
    line = pkg.set_where(EVIDENCE, where, "value", "100")
    report = ff.validate(pkg.folder)
    assert found(report, "quote-agrees") == [(EVIDENCE, line, "value")]
    assert found(report, "quote-en-agrees") == []  # the quote gives no 100 for quote_en to lack


def test_ten_pour_cent_recorded_as_ten_percent_passes(pkg: PackageCopy):
    where = {"origin": "European Union", "measure": "returned_percent", "source": "lalibre-2017-10"}
    pkg.set_where(EVIDENCE, where, "quote", "Dix pour cent des ressortissants de l'Union européenne sont rentrés.")
    pkg.set_where(EVIDENCE, where, "quote_en", "Ten percent of the European Union nationals have returned.")
    pkg.set_where(EVIDENCE, where, "qualifier", "")
    pkg.set_where(EVIDENCE, where, "value", "10")
    report = ff.validate(pkg.folder)
    assert issues_of(report, *QUOTE_RULES, "quote-agrees", "quote-en-agrees") == []


@pytest.mark.parametrize(
    ("text", "language", "numbers"),
    [
        ("In 2017 129 Americans had left the United States.", "en", {2017, 129}),
        ("By October 2017 3,417 Russians had left.", "en", {2017, 3417}),
        ("1 910 Americans", "en", {1, 910}),  # a space separates no thousands in English
        ("Im Jahr 2017 915 Deutsche", "de", {2017, 915}),
        ("1 910 Français", "fr", {1910}),  # where it does, three digits after it continue the number
        ("Россия – 3 417 человек", "ru", {3417}),
    ],
)
def test_a_space_separates_thousands_only_where_the_language_writes_it_so(text, language, numbers):
    from foreign_fighters.rules.wording import digits_in

    assert digits_in(text, language) == numbers


@pytest.mark.breaks("quote-agrees")
def test_two_numbers_a_space_apart_in_english_are_not_one(pkg: PackageCopy):
    where = {"origin": "United States", "measure": "departed", "source": ARTICLE}
    pkg.set_where(EVIDENCE, where, "quote", "In 2017 129 Americans had left the United States to join ISIS.")
    line = pkg.set_where(EVIDENCE, where, "value", "2017129")
    assert found(ff.validate(pkg.folder), "quote-agrees") == [(EVIDENCE, line, "value")]


@pytest.mark.parametrize(
    "quote",
    ["In 2017 129 Americans had left the United States to join ISIS.", "By October 2017 129 Americans had left."],
)
def test_a_number_after_a_year_in_english_is_read(pkg: PackageCopy, quote):
    where = {"origin": "United States", "measure": "departed", "source": ARTICLE}
    pkg.set_where(EVIDENCE, where, "quote", quote)
    pkg.set_where(EVIDENCE, where, "qualifier", "")
    pkg.set(ORIGINS, "United States", "departed_qualifier", "")
    assert issues_of(ff.validate(pkg.folder), *QUOTE_RULES, "quote-agrees") == []


@pytest.mark.parametrize(
    ("text", "mentions"),
    [("Russia: 10pc have returned.", (True,)), ("Russia: 10-percent have returned.", (True,)),
     ("Russia: 10 pc have returned.", (True,)), ("10 PCs were seized", (False,)), ("a 10-year sentence", (False,))],
)  # fmt: skip
def test_pc_and_a_hyphenated_percent_are_read_in_english(text, mentions):
    assert percent_mentions(text, 10, "en") == mentions


@pytest.mark.breaks("percent-matches-measure")
@pytest.mark.parametrize("quote", ["United States: 10pc have returned.", "United States: 10-percent have returned."])
def test_a_percentage_in_pc_recorded_as_a_count_is_an_error(pkg: PackageCopy, quote):
    where = {"origin": "United States", "measure": "departed", "source": ARTICLE}
    pkg.set_where(EVIDENCE, where, "quote", quote)
    line = pkg.set_where(EVIDENCE, where, "value", "10")
    report = ff.validate(pkg.folder)
    assert found(report, "percent-matches-measure") == [(EVIDENCE, line, "value")]
    assert "10 percent, not a count" in next(i.message for i in report.errors if i.rule == "percent-matches-measure")


def test_a_percentage_in_pc_recorded_as_a_percentage_passes(pkg: PackageCopy):
    where = {"origin": "Central Asia", "measure": "returned_percent", "source": ARTICLE}
    pkg.set_where(EVIDENCE, where, "quote", "Central Asia: 10pc of those who left have returned.")
    assert issues_of(ff.validate(pkg.folder), *QUOTE_RULES, "quote-agrees") == []


@pytest.mark.breaks("departed-is-not-a-return")
@pytest.mark.parametrize(
    ("where", "quote"),
    [
        ({"origin": "Jordan", "measure": "returned", "source": "royanews-2017-10"}, "وعاد 250 مقاتل إلى الأردن."),
        ({"origin": "Russia", "measure": "returned", "source": "tt-2019-02"}, "400 sind nach Russland zurückgekehrt."),
        ({"origin": "Russia", "measure": "returned", "source": "tt-2019-02"}, "400 Kämpfer kehrten nach Russland zurück."),
        ({"origin": "Russia", "measure": "returned", "source": "rferl-2017-10-24"}, "400 are now back in Russia."),
        ({"origin": "Russia", "measure": "returned", "source": "rferl-2017-10-24"}, "Russia welcomed back 400 fighters."),
        ({"origin": "Russia", "measure": "returned", "source": "rferl-2017-10-24"}, "400 Russian fighters repatriated."),
        ({"origin": "Russia", "measure": "returned", "source": "rferl-2017-10-24"}, "400 Russian fighters go home."),
    ],
)  # fmt: skip
def test_more_returns_recorded_as_departures_are_errors(pkg: PackageCopy, where, quote):
    pkg.set_where(EVIDENCE, where, "quote", quote)
    line = pkg.set_where(EVIDENCE, where, "measure", "departed")
    assert found(ff.validate(pkg.folder), "departed-is-not-a-return") == [(EVIDENCE, line, "measure")]


@pytest.mark.parametrize(
    ("where", "quote"),
    [
        ({"origin": "Jordan", "measure": "departed", "source": "royanews-2017-10"}, "وتليها الأردن بـ3000 وعاد منهم 250."),
        ({"origin": "Russia", "measure": "departed", "source": "tt-2019-02"},
         "3.417 Kämpfer reisten aus Russland aus, 400 kehrten zurück."),
        ({"origin": "Russia", "measure": "departed", "source": "tt-2019-02"}, "3.417 Kämpfer sind nicht zurückgekehrt."),
        ({"origin": "Russia", "measure": "departed", "source": "rferl-2017-10-24"},
         "Of 3,417 Russians who left, 400 are now back in Russia."),
    ],
)  # fmt: skip
def test_a_departure_near_the_new_return_words_passes(pkg: PackageCopy, where, quote):
    pkg.set_where(EVIDENCE, where, "quote", quote)
    assert issues_of(ff.validate(pkg.folder), "departed-is-not-a-return") == []


@pytest.mark.parametrize(
    ("text", "value", "language", "qualifiers"),
    [
        ("Concern over 3,417 Russian fighters grows.", 3417, "en", {None}),
        ("The debate over 400 returnees", 400, "en", {None}),
        ("Der Bericht über 3.417 Kämpfer", 3417, "de", {None}),
        ("Sorge über 400 Rückkehrer", 400, "de", {None}),
        ("Over 40,000 fighters", 40000, "en", {"more_than"}),
        ("with over 5,000 fighters", 5000, "en", {"more_than"}),
        ("ISIS recruited over 400 Tajiks", 400, "en", {"more_than"}),
        ("the countries of Central Asia (over five thousand)", 5000, "en", {"more_than"}),
        ("Concern over more than 3,417 fighters", 3417, "en", {"more_than"}),
        ("Aus Deutschland sind über 900 Personen ausgereist.", 900, "de", {"more_than"}),
        ("mit über 900 Kämpfern", 900, "de", {"more_than"}),
        # a particle: "handed over 400" or "handed more than 400", the words do not settle it
        ("Turkey handed over 400 fighters to Russia", 400, "en", {"more_than", None}),
    ],
)
def test_over_after_a_word_that_takes_it_as_a_preposition_is_no_qualifier(text, value, language, qualifiers):
    assert qualifier_near(text, value, language) == qualifiers


# Quotes where "over" / "über" follows a word that takes it as a preposition: no qualifier.
OVER_AS_A_PREPOSITION = [
    ({"origin": "United States", "measure": "departed", "source": ARTICLE},
     "Concern over 129 American fighters who left the United States grows."),
    ({"origin": "Germany", "measure": "departed", "source": "tt-2019-02"},
     "Der Bericht über 915 Kämpfer aus Deutschland."),
]  # fmt: skip


@pytest.mark.breaks("qualifier-agrees")
@pytest.mark.parametrize(("where", "quote"), OVER_AS_A_PREPOSITION)
def test_over_as_a_preposition_recorded_as_more_than_is_an_error(pkg: PackageCopy, where, quote):
    pkg.set_where(EVIDENCE, where, "quote", quote)
    line = pkg.set_where(EVIDENCE, where, "qualifier", "more_than")
    report = ff.validate(pkg.folder)
    assert found(report, "qualifier-agrees") == [(EVIDENCE, line, "qualifier")]
    assert "say empty" in next(i.message for i in report.errors if i.rule == "qualifier-agrees")


@pytest.mark.parametrize(("where", "quote"), OVER_AS_A_PREPOSITION)
def test_over_as_a_preposition_with_no_qualifier_passes(pkg: PackageCopy, where, quote):
    pkg.set_where(EVIDENCE, where, "quote", quote)
    pkg.set_where(EVIDENCE, where, "qualifier", "")
    if where["source"] == ARTICLE:
        pkg.set(ORIGINS, "United States", "departed_qualifier", "")
    assert issues_of(ff.validate(pkg.folder), *QUOTE_RULES) == []


@pytest.mark.parametrize("qualifier", ["", "more_than"])
def test_over_as_a_particle_passes_either_reading(pkg: PackageCopy, qualifier):
    where = {"origin": "Russia", "measure": "returned", "source": "rferl-2017-10-24"}
    pkg.set_where(EVIDENCE, where, "quote", "Turkey has handed over 400 Russian fighters to Moscow.")
    pkg.set_where(EVIDENCE, where, "qualifier", qualifier)
    assert issues_of(ff.validate(pkg.folder), *QUOTE_RULES) == []


@pytest.mark.breaks("qualifier-agrees")
def test_over_as_a_particle_is_no_about(pkg: PackageCopy):
    where = {"origin": "Russia", "measure": "returned", "source": "rferl-2017-10-24"}
    pkg.set_where(EVIDENCE, where, "quote", "Turkey has handed over 400 Russian fighters to Moscow.")
    line = pkg.set_where(EVIDENCE, where, "qualifier", "about")
    report = ff.validate(pkg.folder)
    assert found(report, "qualifier-agrees") == [(EVIDENCE, line, "qualifier")]
    assert "say empty or more_than" in next(i.message for i in report.errors if i.rule == "qualifier-agrees")


def test_cldr_territory_names_are_babels_own():
    # The rules read each language's territory names without loading the rest of its locale;
    # for every locale babel ships, they must be what babel's Locale gives.
    babel = pytest.importorskip("babel")
    from babel import localedata

    from foreign_fighters.rules.evidence import _territories

    differ = [
        name for name in localedata.locale_identifiers()
        if dict(babel.Locale.parse(name).territories) != dict(_territories(name))
    ]  # fmt: skip
    assert not differ
    assert _territories("fr")["BE"] == "Belgique" and _territories("xx-not-a-language") == {}
