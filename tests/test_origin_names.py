"""quote-names-origin reads the quote, and its source's headline, in the source's own language: CLDR's
name for the origin (through babel), English names, and the aliases of data/reference/origin-names.csv.
Our English translation (quote_en) counts only where CLDR has no name for the origin in that language."""

# The quotes are in their own scripts: a Cyrillic letter is the language's own.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest
from conftest import EVIDENCE, SOURCES, PackageCopy

import foreign_fighters as ff
from foreign_fighters.rules.evidence import names_origin, names_origin_in
from foreign_fighters.rules.reference import parse, using

RULE = "quote-names-origin"


def found(report, rule: str = RULE) -> list[tuple[str | None, int | None, str | None]]:
    return [(i.path, i.line, i.field) for i in report.issues if i.rule == rule]


def message(report, rule: str = RULE) -> str:
    return next(i.message for i in report.issues if i.rule == rule)


def add_source(pkg: PackageCopy, source: str, language: str, title: str = "") -> None:
    row = [source, "An outlet", title, f"https://{source}.example/a", "2017-10", language, "", "false", ""]
    pkg.write_rows(SOURCES, [*pkg.rows(SOURCES), row], refresh=False)


def add_quote(pkg: PackageCopy, origin: str, measure: str, value: str, source: str, quote: str, quote_en: str) -> int:
    """A figures-by-source row for a figure the origin's row holds already; returns its CSV line."""
    rows = pkg.rows(EVIDENCE)
    pkg.write_rows(EVIDENCE, [*rows, [origin, measure, value, "", source, quote, quote_en, "", ""]])
    return len(rows) + 1


# ---- breaking: the quote's own words do not name the origin --------------------------------------


@pytest.mark.breaks(RULE)
@pytest.mark.parametrize(
    ("where", "quote", "says"),
    [
        pytest.param(
            {"origin": "Britain", "measure": "departed", "source": "interia-2017-10"},
            # the fixture's quote_en still says "Of more than 800 Britons"; the source has no headline
            "Z ponad 800 bojowników, którzy dołączyli do IS, powróciło mniej osób niż zakładano, tj. około 400.",
            ["as 'pl' writes it ('Wielka Brytania')", "only quote_en, our translation, does"],
            id="named only in our translation",
        ),
        pytest.param(
            {"origin": "Jordan", "measure": "departed", "source": "lalibre-2017-10"},
            # quote_en keeps "... Jordan (3,000) ...": only the translation names Jordan
            "Le centre Soufan indique que 3.000 djihadistes sont venus de Belgique.",
            [
                "the quote nor its source's headline names 'Jordan' as 'fr' writes it ('Jordanie')",
                "add that word to the origin's aliases in data/reference/origin-names.csv",
            ],
            id="a French quote naming another country",
        ),
    ],
)
def test_a_quote_whose_own_words_name_another_origin_is_an_error(pkg: PackageCopy, where, quote, says):
    line = pkg.set_where(EVIDENCE, where, "quote", quote)
    report = ff.validate(pkg.folder)
    assert found(report) == [(EVIDENCE, line, "quote")]
    assert all(part in message(report) for part in says), message(report)


@pytest.mark.breaks(RULE)
def test_a_russian_quote_naming_another_country_is_an_error(pkg: PackageCopy):
    add_source(pkg, "ru-2017-10", "ru", title="Доклад о боевиках ИГ")
    line = add_quote(
        pkg, "Russia", "departed", "3417", "ru-2017-10",
        "Из Германии воевать в Сирию и Ирак отправились 3417 человек.",
        "3,417 people went from Russia to fight in Syria and Iraq.",
    )  # fmt: skip
    report = ff.validate(pkg.folder)
    assert found(report) == [(EVIDENCE, line, "quote")]
    assert "'Russia' as 'ru' writes it ('Россия')" in message(report)


@pytest.mark.breaks(RULE)
def test_where_cldr_has_no_name_a_translation_not_naming_the_origin_is_an_error(pkg: PackageCopy):
    add_source(pkg, "sm-2017-10", "sm")  # Samoan: babel has no locale for it
    line = add_quote(pkg, "Russia", "departed", "3417", "sm-2017-10", "Lusia: 3417", "3,417 people left.")
    report = ff.validate(pkg.folder)
    assert found(report) == [(EVIDENCE, line, "quote")]
    assert "neither the quote, its quote_en nor its source's headline names 'Russia'" in message(report)


# ---- passing: the quote, or the headline, names it as its language writes it -------------------


@pytest.mark.parametrize(
    ("quote", "quote_en"),
    [
        pytest.param("500 combattants sont partis de la Belgique.", "500 fighters left Belgium.", id="the quote too"),
        # the number sits under the headline; the quote (and so its translation) names no country
        pytest.param("Au total, 500 combattants étaient partis.", "In all, 500 fighters had left.", id="the headline"),
    ],
)
def test_a_french_headline_naming_la_belgique_passes(pkg: PackageCopy, quote, quote_en):
    pkg.add_belgium()
    add_source(pkg, "fr-2017-10", "fr", title="Plus de 100 combattants sont rentrés en Belgique")
    add_quote(pkg, "Belgium", "departed", "500", "fr-2017-10", quote, quote_en)
    assert ff.validate(pkg.folder).issues == []


@pytest.mark.parametrize(
    "quote",
    [
        "Из России воевать в Сирию и Ирак отправились 3417 человек.",
        "Граждане России: 3417 человек отправились воевать.",
        "Число боевиков из Российской Федерации — 3417.",  # the stem of CLDR's "Россия" begins the long name
    ],
)
def test_a_russian_quote_naming_russia_inflected_passes(pkg: PackageCopy, quote: str):
    add_source(pkg, "ru-2017-10", "ru")
    add_quote(pkg, "Russia", "departed", "3417", "ru-2017-10", quote, "3,417 people went from Russia to fight.")
    report = ff.validate(pkg.folder)
    assert found(report) == []
    assert report.issues == []


def test_a_language_cldr_lacks_falls_back_to_the_translation(pkg: PackageCopy):
    add_source(pkg, "sm-2017-10", "sm")
    add_quote(pkg, "Russia", "departed", "3417", "sm-2017-10", "Lusia: 3417", "Russia: 3,417")
    report = ff.validate(pkg.folder)
    assert found(report) == []
    assert report.issues == []


def test_a_polish_demonym_listed_as_an_alias_names_its_origin(pkg: PackageCopy):
    # the fixture's quote "Z ponad 800 Brytyjczyków" is named by the alias "Brytyjczy*" alone
    where = {"origin": "Britain", "measure": "departed", "source": "interia-2017-10"}
    pkg.set_where(EVIDENCE, where, "quote", "Z ponad 800 Brytyjczyków, którzy dołączyli do IS, powróciło około 400.")
    assert found(ff.validate(pkg.folder)) == []


# ---- how the aliases are matched --------------------------------------------------------------

REFERENCE = (
    "name,iso3,user_assigned,aliases,note\n"
    "Britain,GBR,,UK; Grande-Bretagne; Brytyjczy*; Velik* Britanij*; بريطانيا; בריטי*,\n"
    "Saudi Arabia,SAU,,السعودي*,\n"
    "Sweden,SWE,,,\n"
)


@pytest.mark.parametrize(
    ("origin", "text", "language", "named"),
    [
        ("Britain", "Z ponad 800 Brytyjczyków", "pl", True),  # `*`: the ending is free
        ("Britain", "Brytyjczycy wracają", "pl", True),
        ("Britain", "Brytyjczyk", "pl", True),
        ("Britain", "En Grande Bretagne, 425", "fr", True),  # a space where the alias has a hyphen
        ("Britain", "En Grande-Bretagne, 425", "fr", True),
        ("Britain", "iz Velike Britanije", "bs", True),  # `*` on each word
        ("Britain", "u Veliku Britaniju", "bs", True),
        ("Britain", "Ukraine: 425", "en", False),  # an alias without `*` is a whole word: "UK" is no stem
        ("Britain", "Ukrainy", "pl", False),
        ("Britain", "Velike Gore", "bs", False),
        ("Britain", "وبريطانيا والدنمارك", "ar", True),  # the letters Arabic writes on a name's front
        ("Britain", "425 מתוך הלוחמים הבריטים", "he", True),
        ("Saudi Arabia", "وجاءت السعودية ثانياً", "ar", True),
        ("Saudi Arabia", "وجاءت السعودية ثانياً", "fa", True),  # a word of its own, whatever the language
        ("Britain", "约半数英国和瑞典籍士兵", "zh", True),  # no spaces between Chinese words
        ("Sweden", "约半数英国和瑞典籍士兵", "zh", True),
        ("Saudi Arabia", "约半数英国和瑞典籍士兵", "zh", False),
    ],
)
def test_an_alias_is_matched_as_a_whole_word_its_ending_free_only_where_it_has_a_star(origin, text, language, named):
    reference, problems = parse(REFERENCE.encode())
    assert problems == []
    with using(reference):
        assert names_origin_in(origin, text, language) is named


def test_an_alias_in_another_script_names_its_origin_in_any_language():
    reference, _ = parse(REFERENCE.encode())
    with using(reference):
        assert names_origin("Britain", "غادروا بريطانيا،") is True
        assert names_origin("Britain", "Brytyjczyków") is True
        assert names_origin("Britain", "Brytyjk") is False  # the part before the `*` is required
        assert names_origin("Britain", "the UK's") is True
        assert names_origin("Britain", "UKIP") is False
    with using(parse(b"name,iso3,user_assigned,aliases,note\nBritain,GBR,,*; - *,\n")[0]):
        assert names_origin("Britain", "La France") is False  # a lone `*` names nothing


@pytest.mark.parametrize(
    ("origin", "text", "language", "named"),
    [
        ("Belgium", "la Belgique", "fr", True),
        ("Belgium", "Plus de 100 combattants sont rentrés en Belgique", "fr", True),
        ("Russia", "из России", "ru", True),
        ("Russia", "z Rosji", "pl", True),
        ("Belgium", "de Bulgarie", "fr", False),
        # CLDR's "Центральная Азия": its short last word keeps its ending, so "Азии" needs an alias
        ("Central Asia", "из стран Центральной Азии", "ru", False),
        ("Former Soviet Union", "бывшего СССР", "ru", None),  # CLDR has no name for it
    ],
)
def test_a_country_is_named_as_its_language_writes_it_without_any_alias(origin, text, language, named):
    # the sources' name "Russia", with its code and no alias ("Russian Federation" is ISO's)
    reference, _ = parse(b"name,iso3,user_assigned,aliases,note\nRussia,RUS,,,\n")
    with using(reference):
        assert names_origin_in(origin, text, language) is named


@pytest.mark.breaks(RULE)
@pytest.mark.parametrize(
    ("language", "origin", "value", "quote"),
    [
        # the names of other places that hold the origin's, or begin as it does
        pytest.param("zh", "Russia", "3417", "约3417名来自白俄罗斯的战斗人员。", id="Belarus holds Russia's name"),
        pytest.param("en", "Russia", "3417", "3,417 fighters left, Russell said.", id="English names do not inflect"),
        pytest.param("ar", "Jordan", "3000", "وتشير الأرقام إلى أن 3000 مقاتل غادروا.", id="the Arabic article"),
    ],
)
def test_a_word_that_only_begins_like_the_origins_name_does_not_name_it(
    pkg: PackageCopy, language, origin, value, quote
):
    add_source(pkg, f"{language}-2017-10", language)
    line = add_quote(pkg, origin, "departed", value, f"{language}-2017-10", quote, "" if language == "en" else quote)
    report = ff.validate(pkg.folder)
    assert found(report) == [(EVIDENCE, line, "quote")]


@pytest.mark.parametrize(
    ("language", "origin", "value", "quote"),
    [
        pytest.param("zh", "Russia", "3417", "约3417名来自俄罗斯的战斗人员。", id="zh"),
        pytest.param("ar", "Jordan", "3000", "غادر 3000 مقاتل من الأردن.", id="ar"),
        pytest.param("ru", "Russia", "3417", "Из России уехали 3417 человек.", id="ru"),
    ],
)
def test_the_origins_own_name_passes(pkg: PackageCopy, language, origin, value, quote):
    add_source(pkg, f"{language}-2017-10", language)
    add_quote(pkg, origin, "departed", value, f"{language}-2017-10", quote, f"{value} fighters left {origin}.")
    assert found(ff.validate(pkg.folder)) == []


@pytest.mark.parametrize(
    ("aliases", "says"),
    [
        ("a", "alias 'a' is too short to name a place"),
        ("us", "alias 'us' is too short to name a place"),
        ("Mar*", "alias 'Mar*' frees its ending too early"),
        ("*ans", "alias '*ans' frees its ending too early"),
        ("Tunisia", "'Tunisia' names 'Tunisia' too: one word, one origin"),
    ],
)
def test_an_alias_that_would_name_other_places_is_refused(aliases, says):
    data = f"name,iso3,user_assigned,aliases,note\nTunisia,TUN,,,\nMorocco,MAR,,Moroccans; {aliases},\n"
    _, problems = parse(data.encode())
    assert [(p.line, p.field, p.rule) for p in problems] == [(3, "aliases", RULE)]
    assert says in problems[0].message


def test_short_aliases_in_capitals_and_late_free_endings_pass():
    data = "name,iso3,user_assigned,aliases,note\nRussia,RUS,,РФ; Rosj*; Resey*,\nBritain,GBR,,UK; Velik* Britanij*,\n"
    assert parse(data.encode())[1] == []
