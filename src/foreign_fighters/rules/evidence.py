"""Rules between the figures and their evidence: ``fighters-by-origin``, ``figures-by-source``,
``sources`` and the quotes of ``headline-figures``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import NamedTuple, cast

import pandas as pd

from ..counting import attestation
from ..vocabulary import EVIDENCE, HEADLINE, ORIGINS, SOURCES, on_a_cycle
from . import BOOLEAN, INTEGER, NUMBER, STRING, Verdict, rule, wording
from .figures import by_source, n, ok, rowwise, values
from .reference import aliases_of, code_of
from .wording import (
    PERCENT_AFTER,
    PERCENT_BEFORE,
    QUALIFIED_LANGUAGES,
    RETURN_WORDS,
    TEXT2NUM_LANGUAGES,
    agrees,
    percent_mentions,
    qualifier_near,
    return_mentions,
)

PERCENT_MEASURES = {"returned_percent", "returnee_share"}
# A fighters-by-origin row's FIGURE_READS cells, in that order, None where empty.
FigureRow = tuple[str | None, int | None, str | None, int | None, str | None, float | None]
# fighters-by-origin's figures: (measure, the field holding its qualifier, or None)
FIGURES = (("departed", "departed_qualifier"), ("returned", "returned_qualifier"), ("returned_percent", None))
FIGURE_READS = {"origin": STRING, "departed": INTEGER, "departed_qualifier": STRING, "returned": INTEGER,
                "returned_qualifier": STRING, "returned_percent": NUMBER}  # fmt: skip
EVIDENCE_READS = {f"{EVIDENCE}:{f}": t for f, t in
                  {"origin": STRING, "measure": STRING, "value": NUMBER, "qualifier": STRING, "source": STRING}.items()}  # fmt: skip
SOURCE_READS = {f"{SOURCES}:{f}": t for f, t in
                {"source": STRING, "language": STRING, "copy_of": STRING, "preferred": BOOLEAN}.items()}  # fmt: skip


def _q(value: object) -> str:
    return "" if value is None or value is pd.NA else str(value)


def _given(tables: Mapping[str, pd.DataFrame]) -> set[tuple[str, str, float, str]]:
    ev = tables[EVIDENCE]
    return {
        (o, m, float(v), _q(q))
        for o, m, v, q in zip(*values(ev, ["origin", "measure", "value", "qualifier"]), strict=True)
        if None not in (o, m, v)
    }


def _plain(row: pd.Series) -> FigureRow:
    """A fighters-by-origin row's FIGURE_READS cells as the rules' checks take them: empty is None."""
    return cast(FigureRow, tuple(None if pd.isna(row[c]) else row[c] for c in FIGURE_READS))


@rule(
    "has-a-figure", ORIGINS,
    "the origin has a figure: `departed` or `returned` is set, or a `figures-by-source` row gives one (a figure that breaks a figures rule lives only there).",
    "rows", reads={"origin": STRING, "departed": INTEGER, "returned": INTEGER, f"{EVIDENCE}:origin": STRING},
)  # fmt: skip
def has_a_figure(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    evidenced = set(tables[EVIDENCE]["origin"].dropna())
    good = df["departed"].notna() | df["returned"].notna() | df["origin"].isin(evidenced)
    return Verdict(
        ok(good | df["origin"].isna()),
        lambda row: ("departed", f"{row.origin!r} has no figure, here or in figures-by-source"),
    )


def _unbacked(row: FigureRow, given: set[tuple[str, str, float, str]]) -> str | None:
    """The first figure of an origin row that no figures-by-source row gives, or None."""
    origin, departed, dq, returned, rq, pct = row
    for measure, value, qualifier in (
        ("departed", departed, dq),
        ("returned", returned, rq),
        ("returned_percent", pct, rq),
    ):
        if value is None or (measure == "returned" and pct is not None and departed is not None):
            continue  # a count resolved from a percentage is backed by the percentage's row
        if (origin, measure, float(value), _q(qualifier)) not in given:
            return measure
    return None


@rule(
    "evidence-backs-figure", ORIGINS,
    "every figure set in `fighters-by-origin` (with its qualifier) has a `figures-by-source` row with the same origin, measure, value and qualifier; a `returned` resolved from `returned_percent` is backed by the percentage's row.",
    "rows", reads={**FIGURE_READS, **EVIDENCE_READS},
)  # fmt: skip
def evidence_backs_figure(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    given = _given(tables)
    good = rowwise(df, list(FIGURE_READS), lambda *row: _unbacked(row, given) is None)

    def explain(row: pd.Series) -> tuple[str, str]:
        field = _unbacked(_plain(row), given) or "origin"
        qualifier = row["departed_qualifier" if field == "departed" else "returned_qualifier"]
        shown = f"{_q(None if pd.isna(qualifier) else qualifier).replace('_', ' ')} {n(row[field])}".strip()
        return field, f"no figures-by-source row gives {row.origin!r} {field} {shown}"

    return Verdict(good, explain)


def _preferred(tables: Mapping[str, pd.DataFrame]) -> set[str]:
    src = tables[SOURCES]
    return {s for s, p in zip(*values(src, ["source", "preferred"]), strict=True) if p is True and s}


@rule(
    "preferred-source-wins", ORIGINS,
    "where the `preferred` source gives a figure, `fighters-by-origin` holds that figure and its qualifier (the article's figures stay as the article gives them).",
    "rows", reads={**FIGURE_READS, **EVIDENCE_READS, **SOURCE_READS},
)  # fmt: skip
def preferred_source_wins(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    preferred = _preferred(tables)
    ev = tables[EVIDENCE]
    says = {
        (o, m): (float(v), _q(q))
        for o, m, v, q, s in zip(*values(ev, ["origin", "measure", "value", "qualifier", "source"]), strict=True)
        if s in preferred and None not in (o, m, v)
    }

    def wrong(row: FigureRow) -> str | None:
        origin, departed, dq, returned, rq, pct = row
        held = {"departed": (departed, dq), "returned": (returned, rq), "returned_percent": (pct, rq)}
        for measure, (value, qualifier) in held.items():
            want = says.get((origin, measure))
            if want is not None and (value is None or (float(value), _q(qualifier)) != want):
                return measure
        return None

    def explain(row: pd.Series) -> tuple[str, str]:
        field = wrong(_plain(row)) or "origin"
        value, qualifier = says[(row.origin, field)]
        return field, (
            f"{field} is {n(row[field])}, but the preferred source gives "
            f"{(qualifier.replace('_', ' ') + ' ') if qualifier else ''}{value:g}"
        )

    return Verdict(rowwise(df, list(FIGURE_READS), lambda *row: wrong(row) is None), explain)


@rule(
    "best-attested", ORIGINS,
    "for a figure the preferred source does not give, no other value for the same origin and measure is given by more independent sources (following `copy_of` to its end: copies do not outvote).",
    "rows", reads={**FIGURE_READS, **EVIDENCE_READS, **SOURCE_READS},
)  # fmt: skip
def best_attested(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    preferred = _preferred(tables)
    ev = tables[EVIDENCE]
    by_preferred = {
        (o, m) for o, m, s in zip(*values(ev, ["origin", "measure", "source"]), strict=True) if s in preferred
    }
    counts = attestation(ev, tables[SOURCES])
    best: dict[tuple[str | None, str], dict[float, int]] = {}
    for o, m, v, i in zip(counts["origin"], counts["measure"], counts["value"], counts["independent"], strict=True):
        best.setdefault((o, m), {})[float(v)] = int(i)

    def beaten(row: FigureRow) -> tuple[str, float, int, int] | None:
        origin, departed, _, returned, _, pct = row
        for measure, value in (("departed", departed), ("returned", None if pct is not None else returned),
                               ("returned_percent", pct)):  # fmt: skip
            if value is None or (origin, measure) in by_preferred:
                continue
            given = best.get((origin, measure), {})
            mine = given.get(float(value), 0)
            top = max(given.items(), key=lambda kv: (kv[1], kv[0] == float(value)), default=(float(value), 0))
            if top[1] > mine:
                return measure, top[0], top[1], mine
        return None

    def explain(row: pd.Series) -> tuple[str, str]:
        # explain is asked only about a row that fails: one with a figure beaten
        measure, other, top, mine = cast(tuple[str, float, int, int], beaten(_plain(row)))
        return measure, (f"{measure} {n(row[measure])} is given by {mine} independent sources, {other:g} by {top}")

    return Verdict(rowwise(df, list(FIGURE_READS), lambda *row: beaten(row) is None), explain)


@rule(
    "one-preferred-source", SOURCES, "exactly one row of `sources` has `preferred` true.", "table",
    reads={"source": STRING, "preferred": BOOLEAN},
)  # fmt: skip
def one_preferred_source(df: pd.DataFrame, tables: object) -> list[tuple[str | None, str]]:
    chosen = df.loc[df["preferred"].fillna(False).astype(bool), "source"].astype(str).tolist()
    if len(chosen) == 1:
        return []
    return [
        (
            "preferred",
            f"{len(chosen)} sources are preferred{': ' + ', '.join(chosen[:5]) if chosen else ''}; exactly one must be",
        )
    ]


@rule(
    "copy-of-ends", SOURCES,
    "following `copy_of` from any source ends at a source that copies none: no source is a copy of itself, "
    "directly or through others (else no source would count as independent).",
    "rows", reads={"source": STRING, "copy_of": STRING},
)  # fmt: skip
def copy_of_ends(df: pd.DataFrame, tables: object) -> Verdict:
    copy_of = {s: c for s, c in zip(*values(df, ["source", "copy_of"]), strict=True) if s is not None and c is not None}
    looped = on_a_cycle(copy_of)
    return Verdict(
        ~df["source"].isin(looped).fillna(False).astype(bool),
        lambda row: (
            "copy_of",
            f"{row.source!r} is a copy of itself through copy_of ({row.source} -> {row.copy_of} -> ...)",
        ),
    )


@rule(
    "quote-en-present", EVIDENCE,
    "`quote_en` is set exactly where the source's `language` is not `en`.",
    "rows", reads={"quote_en": STRING, "source": STRING, f"{SOURCES}:source": STRING, f"{SOURCES}:language": STRING},
)  # fmt: skip
def quote_en_present(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    language = df["source"].astype(object).map(by_source(tables, "language"))
    english = language == "en"
    good = language.isna() | (english == df["quote_en"].isna())

    def explain(row: pd.Series) -> tuple[str, str]:
        if pd.isna(row.quote_en):
            return (
                "quote_en",
                f"the source's language is {language.loc[cast(int, row.name)]!r}: quote_en must give the quote in English",
            )
        return "quote_en", "the source is in English: quote_en must be empty"

    return Verdict(ok(good), explain)


# What a rule needs to read a row's quote in its source's language.
QUOTE_IN_ITS_LANGUAGE = {"quote": STRING, "value": NUMBER, "measure": STRING, "source": STRING,
                         f"{SOURCES}:source": STRING, f"{SOURCES}:language": STRING}  # fmt: skip


@rule(
    "quote-agrees", (EVIDENCE, HEADLINE),
    "the `value` appears in the `quote` as the source's language writes numbers: digits with its thousands separator "
    "(`1,910`, `1.910`, `1 910` where a space separates thousands, elsewhere `2017 129` is two numbers; the page's own "
    "digits, Arabic-Indic included), a number and its word for thousand "
    "(`5,6 tys.`, Turkish `3 bin 417`), the number in words (num2words; text2num's reading in "
    + ", ".join(f"`{lg}`" for lg in sorted(TEXT2NUM_LANGUAGES))
    + ": `about fifteen hundred`), a fraction for a percentage (`a quarter`); `none` and its equivalents are 0.",
    "rows", reads=QUOTE_IN_ITS_LANGUAGE,
)  # fmt: skip
def quote_agrees(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    language = by_source(tables, "language")

    def check(quote: str | None, value: float | None, measure: str | None, source: str | None) -> bool:
        if quote is None or value is None or source not in language:
            return True
        return agrees(quote, float(value), language[source], measure in PERCENT_MEASURES)

    return Verdict(
        rowwise(df, ["quote", "value", "measure", "source"], check),
        lambda row: (
            "value",
            f"value {n(row.value)} does not appear in the quote as {language[row.source]!r} writes numbers: {row.quote!r}",
        ),
    )


# Runs of spaces and hyphens, which between a name's words are alike ("Grande-Bretagne").
_BETWEEN = re.compile(r"[\s-]+")


def names_origin(origin: str | None, *texts: str | None) -> bool:
    """Whether any of the texts names the origin, or an alias of it, as whole words (a `*` in an alias
    leaves a word's ending free)."""
    if origin is None:
        return True
    # Found without compiling one pattern per origin (which cost most of the rule on a large
    # table): a name with no word character (regex \w: alphanumeric or _) just before or after it.
    # Only a name with a `*` is a pattern; the others are found with a plain search in the text with
    # its spaces and hyphens made one space.
    names = {_BETWEEN.sub(" ", name.casefold()).strip() for name in (origin, *aliases_of(origin))}
    patterned = {name for name in names if "*" in name}
    for text in texts:
        if text is None:
            continue
        folded = text.casefold()
        if any(_alias_pattern(name, "").search(folded) for name in patterned):
            return True
        folded = _BETWEEN.sub(" ", folded)
        for name in names - patterned:
            at = folded.find(name)
            while at != -1:
                before, after = folded[at - 1 : at] if at else "", folded[at + len(name) : at + len(name) + 1]
                if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
                    return True
                at = folded.find(name, at + 1)
    return False


@rule(
    "quote-names-origin", EVIDENCE,
    "the `quote` names the row's `origin` in the source's `language` (CLDR's name for it, through babel, each word's "
    "ending free but English's: `la Belgique`, `из России`, `z Rosji`; not where the words are another place's name "
    "that holds it, `Australia` for Austria, `白俄罗斯` for `俄罗斯`), in English or by an alias listed in "
    "`data/reference/origin-names.csv` (`Grande-Bretagne`; `Brytyjczy*`, its ending free, reads `Brytyjczyków`), or "
    "else the source's headline does so, in the same way: a quote about "
    "another origin is a pasting mistake, and our `quote_en` does not count. Where CLDR has no name for the origin in "
    "that language, the source's words cannot settle it: then `quote_en` naming it in English or an alias is enough.",
    "rows", reads={"origin": STRING, "quote": STRING, "quote_en": STRING, "source": STRING,
                   f"{SOURCES}:source": STRING, f"{SOURCES}:language": STRING, f"{SOURCES}:title": STRING},
)  # fmt: skip
def quote_names_origin(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    title, language = by_source(tables, "title"), by_source(tables, "language")
    columns = ["origin", "quote", "quote_en", "source"]

    def unread(origin: str | None, source: str | None) -> bool:
        """Whether the source's words cannot settle it: its language, or CLDR's name in it, unknown."""
        lang = language.get(source or "")
        return origin is not None and (lang is None or not local_names(origin, lang))

    def named(origin: str | None, quote: str | None, quote_en: str | None, source: str | None) -> bool:
        if origin is None or quote is None:
            return True
        headline = title.get(source or "")
        if unread(origin, source):
            return names_origin(origin, quote, quote_en, headline)
        lang = language[source or ""]
        return bool(names_origin_in(origin, quote, lang) or names_origin_in(origin, headline, lang))

    def explain(row: pd.Series) -> tuple[str, str]:
        lang = language.get(row.source) or ""  # known: else the words could not settle it
        quoted = f"{str(row.quote)[:120]!r}"
        if unread(row.origin, row.source):
            return "quote", f"neither the quote, its quote_en nor its source's headline names {row.origin!r}: {quoted}"
        written = " or ".join(repr(name) for name in local_names(row.origin, lang))
        translated = names_origin(row.origin, None if pd.isna(row.quote_en) else row.quote_en)
        only = " (only quote_en, our translation, does)" if translated else ""
        return "quote", (
            f"neither the quote nor its source's headline names {row.origin!r} as {lang!r} writes it ({written}), "
            f'in English or by an alias{only}: {quoted}; if it names it another way (a word for its people, as "Allemands" '
            "names Germany), "
            "add that word to the origin's aliases in data/reference/origin-names.csv"
        )

    return Verdict(rowwise(df, columns, named), explain)


def _qualifier_problem(quote: str | None, quote_en: str | None, value: float | None, qualifier: str | None,
                       language: str | None, translated: bool) -> str | None:  # fmt: skip
    """What the words next to the figure say where it disagrees with ``qualifier``, else None: the
    quote's own words where its language's are known (``translated`` false), else quote_en's."""
    if quote is None or value is None or language is None or (language in QUALIFIED_LANGUAGES) == translated:
        return None
    text, lang = (quote_en, "en") if translated else (quote, language)
    if text is None:
        return None
    near = qualifier_near(text, float(value), lang)
    if not near or qualifier in near:
        return None
    return " or ".join(sorted(q or "empty" for q in near))


QUALIFIER_READS = {"quote": STRING, "quote_en": STRING, "value": NUMBER, "qualifier": STRING, "source": STRING,
                   f"{SOURCES}:source": STRING, f"{SOURCES}:language": STRING}  # fmt: skip


def _qualifier_verdict(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame], translated: bool) -> Verdict:
    language = by_source(tables, "language")
    columns = ["quote", "quote_en", "value", "qualifier"]
    lang = df["source"].astype(object).map(language).astype(object).where(lambda s: s.notna(), None).tolist()
    cells = zip(zip(*values(df, columns), strict=True), lang, strict=True)
    good = pd.Series(
        [_qualifier_problem(q, e, v, ql, lg, translated) is None for (q, e, v, ql), lg in cells],
        index=df.index,
        dtype=bool,
    )

    def explain(row: pd.Series) -> tuple[str, str]:
        quote, quote_en, value, qualifier = (None if pd.isna(row[c]) else row[c] for c in columns)
        want = _qualifier_problem(quote, quote_en, value, qualifier, language.get(row.source), translated)
        where = " in quote_en" if translated else ""
        unknown = f" (no qualifying words are known for {language.get(row.source)!r})" if translated else ""
        return (
            "qualifier",
            f"qualifier is {_q(qualifier) or 'empty'}, but the words before {n(row.value)}{where} say {want}{unknown}",
        )

    return Verdict(good, explain)


_KNOWN = ", ".join(f"`{lang}`" for lang in sorted(QUALIFIED_LANGUAGES))


@rule(
    "qualifier-agrees", EVIDENCE,
    "the `qualifier` matches the words next to the figure in the `quote`, in the quote's own language, where that "
    f"language's qualifying words are known ({_KNOWN}): \"at least\", \"no fewer than\", \"confirmed\", \"known\" "
    '(`au moins`, `co najmniej`, `не менее`) are at_least; "more than", "over" (`plus de`, `mehr als`, `более`) are more_than, '
    '"over" and `über` not after a word that takes them as a preposition ("concern over", `Bericht über`), either '
    'reading after a verb that takes "over" as its particle ("handed over 400"); '
    '"about", "around", "approximately", "some", "an estimated", "nearly", "almost" (`environ`, `knapp`, `около`, `قرابة`) '
    "are about; none of them, empty.",
    "rows", reads=QUALIFIER_READS,
)  # fmt: skip
def qualifier_agrees(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    return _qualifier_verdict(df, tables, translated=False)


@rule(
    "qualifier-agrees-in-translation", EVIDENCE,
    f"for a quote in a language whose qualifying words are not known (any but {_KNOWN}; today `ka`, `kk`, `ur`, `zh`), "
    "the `qualifier` matches the English words before the figure in `quote_en`, as `qualifier-agrees` reads them. "
    "A warning: the translation's words are ours, not the source's.",
    "rows", severity="warning", reads=QUALIFIER_READS,
)  # fmt: skip
def qualifier_agrees_in_translation(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    return _qualifier_verdict(df, tables, translated=True)


def _percent_problem(quote: str | None, value: float | None, measure: str | None, language: str | None) -> str | None:
    """How the quote contradicts the row's measure being a percentage or a count, else None."""
    if value is None or measure is None:
        return None
    percent = measure in PERCENT_MEASURES
    if percent and not 0 <= value <= 100:
        return f"{measure} {value:g} is a percentage: it is between 0 and 100"
    if quote is None or language is None:
        return None
    mentions = percent_mentions(quote, float(value), language)
    if not mentions:
        return None  # in words, or a fraction ("half"): quote-agrees reads those
    if percent and not any(mentions) and language in PERCENT_WORDS_KNOWN:
        return f"the quote gives {value:g} as a count, not a percentage; the row's measure is {measure}"
    if not percent and all(mentions):
        return f"the quote gives {value:g} percent, not a count; the row's measure is {measure}"
    return None


PERCENT_WORDS_KNOWN = frozenset(PERCENT_AFTER) | frozenset(PERCENT_BEFORE)


@rule(
    "percent-matches-measure", EVIDENCE,
    "a `returned_percent` row's `value` is between 0 and 100 and, where the quote writes it in digits, the quote makes it "
    "a percentage there (`30%`, `30 percent`, `10pc`, `30 Prozent`, `30 процентов`, `yüzde 30`; `pour cent` is not read as "
    "100); a count's `value` is not a "
    "percentage at every place the quote writes it. The percent sign is read in every language, the word for percent in "
    + ", ".join(f"`{lg}`" for lg in sorted(PERCENT_WORDS_KNOWN))
    + " (in any other, a percentage without the sign is not judged).",
    "rows", reads=QUOTE_IN_ITS_LANGUAGE,
)  # fmt: skip
def percent_matches_measure(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    language = by_source(tables, "language")
    columns = ["quote", "value", "measure", "source"]

    def problem(quote: str | None, value: float | None, measure: str | None, source: str | None) -> str | None:
        return _percent_problem(quote, None if value is None else float(value), measure, language.get(source or ""))

    def explain(row: pd.Series) -> tuple[str, str]:
        return "value", problem(*[None if pd.isna(row[c]) else row[c] for c in columns]) or ""

    return Verdict(rowwise(df, columns, lambda *row: problem(*row) is None), explain)


# CLDR's codes for the regions the sources name (UN M49 for Central and Northern Africa); a
# country's is its ISO 3166-1 alpha-2 code, found from its alpha-3.
REGION_TERRITORIES = {"European Union": "EU", "Central Asia": "143", "North Africa": "015"}


@cache
def _territories(language: str) -> Mapping[str, str]:
    """CLDR's territory names in the language (babel), or none where babel does not know it:
    ``Locale.parse(language).territories``, read without the rest of the locale."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:  # pragma: no cover - a dependency of the validate extra
        return {}
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError, TypeError):
        return {}
    try:
        return _territories_of(str(locale))
    except (ImportError, AttributeError, OSError, KeyError, TypeError):  # babel's layout changed: the slow way
        return dict(locale.territories)


@cache
def _territories_of(identifier: str) -> Mapping[str, str]:
    # babel's own inheritance (babel.localedata.load), for this one key: merging whole locales
    # took 0.15 s for the data's 21 languages, a seventh of a validation; this takes 0.03 s.
    import pickle

    from babel.core import get_global
    from babel.localedata import _is_non_likely_script, resolve_locale_filename

    if identifier == "root":
        parent: Mapping[str, str] = {}
    else:
        up = get_global("parent_exceptions").get(identifier)
        if not up:
            parts = identifier.split("_")
            up = "root" if len(parts) == 1 or _is_non_likely_script(identifier) else "_".join(parts[:-1])
        parent = _territories_of(up)
    with open(resolve_locale_filename(identifier), "rb") as f:
        own = pickle.load(f).get("territories", {})
    return {**parent, **own}


def local_names(origin: str, language: str) -> tuple[str, ...]:
    """The origin's name as the language writes it (CLDR, through babel): none where it has none."""
    territory = _territory_of(origin)
    name = _territories(language).get(territory) if territory else None
    return (name,) if name else ()


def _territory_of(origin: str) -> str | None:
    """CLDR's code for the origin's territory: a region's M49 code, a country's ISO 3166-1 alpha-2."""
    if origin in REGION_TERRITORIES:
        return REGION_TERRITORIES[origin]
    code = code_of(origin)  # from the reference in use, so not cached with the origin
    return _alpha_2(code) if code else None


@cache
def _alpha_2(alpha_3: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha_3)
    return country.alpha_2 if country is not None else None


# Letters Arabic and Hebrew write on the front of a name ("و" and, "ب" in, "ה" the).
PREFIX_LETTERS = {"ar": "وفبل", "he": "והבמלש"}


def _start(language: str) -> str:
    """What a name follows in the language: no letter, then any letters it writes on the front."""
    if language in wording.NO_SPACES:
        return ""
    return r"(?<!\w)" + (f"[{PREFIX_LETTERS[language]}]{{0,2}}" if language in PREFIX_LETTERS else "")


def _stem(word: str, language: str) -> str:
    # Arabic's article is no part of the stem: "الأردن" cut to "الأر" named "الأرقام" (the figures)
    if language == "ar" and word.startswith("ال") and len(word) > 4:
        return "ال" + _stem(word[2:], "")
    return word[: max(4, len(word) - 2)] if len(word) > 4 else word


@lru_cache(maxsize=8192)
def _stem_source(name: str, language: str) -> str:
    # Each word of the name from its start, its ending left free: the languages inflect it
    # ("Россия", "из России"; "Arabia Saudyjska", "z Arabii Saudyjskiej"). English does not: there
    # "Austr" would name Australia and "Georg" George.
    if language == "en":
        return _whole_name(name, language)
    stems = [_stem(w, language) for w in _BETWEEN.split(name.casefold()) if w]
    return _start(language) + r"\w*[\s-]+".join(map(re.escape, stems))


@cache
def _rivals(name: str, language: str) -> tuple[re.Pattern[str], ...]:
    """The other territories whose names in the language hold this name's stem ("Австралия" holds
    "Австр", "白俄罗斯" holds "俄罗斯"): where one of them is named, this name is not."""
    stem = _stem(_BETWEEN.split(name.casefold())[0], language)
    return tuple(
        _stem_pattern(other, language)
        for other in set(_territories(language).values())
        if other != name and stem in other.casefold()
    )


def _names_in(name: str, language: str, folded: str) -> bool:
    """Whether the folded text names the territory by its CLDR ``name``, not by a rival's that holds it."""
    taken = [m.span() for rival in _rivals(name, language) for m in rival.finditer(folded)]
    return any(
        not any(start <= m.start() < end for start, end in taken)
        for m in _stem_pattern(name, language).finditer(folded)
    )


@lru_cache(maxsize=8192)
def _stem_pattern(name: str, language: str) -> re.Pattern[str]:
    return re.compile(_stem_source(name, language))


@lru_cache(maxsize=8192)
def _alias_pattern(name: str, language: str) -> re.Pattern[str]:
    # Unlike a CLDR name, an alias is not cut to a stem: a short one ("UK", "EU") would then begin
    # other words ("Ukraine", "euro"). It keeps a free ending only where it is written with a `*`
    # ("Brytyjczy*": "Brytyjczycy", "Brytyjczyków"); a space and a hyphen between its words are alike
    # ("Grande-Bretagne", "Grande Bretagne").
    return re.compile(_whole_name(name, language))


def names_origin_in(origin: str | None, text: str | None, language: str) -> bool | None:
    """Whether the text names the origin in the language (its CLDR name, each word's ending free),
    or in English or an alias; None where the language's name for it is not known."""
    if origin is None or text is None:
        return None
    names = local_names(origin, language)
    folded = text.casefold()
    if names_origin(origin, text) or any(_names_in(name, language, folded) for name in names):
        return True
    # names_origin reads the aliases as a language without prefixed letters writes them
    if _start(language) != _start("") and any(
        _alias_pattern(alias, language).search(folded) for alias in aliases_of(origin)
    ):
        return True
    return False if names else None


def _translation_problem(quote: str | None, quote_en: str | None, origin: str | None, value: float | None,
                         measure: str | None, language: str | None) -> str | None:  # fmt: skip
    if quote is None or quote_en is None or value is None or language is None or language == "en":
        return None
    percent = measure in PERCENT_MEASURES
    # looked up on the module: replacing quote-agrees' `agrees` (as a test of a crashing rule does) leaves this rule be
    stated = wording.agrees
    if stated(quote, float(value), language, percent) and not stated(quote_en, float(value), "en", percent):
        return f"quote_en does not give {value:g}, which the quote gives"
    if names_origin_in(origin, quote, language) and not names_origin(origin, quote_en):
        return f"quote_en does not name {origin!r}, which the quote names"
    return None


@rule(
    "quote-en-agrees", EVIDENCE,
    "`quote_en` gives the row's `value` where the `quote` gives it (as English writes numbers, numbers in words read "
    "through text2num), and names the row's `origin` (in English or an alias) where the quote names it in its own "
    "language (CLDR's name for it, through babel, each word's ending free): a translation differing from its "
    "original is a mistake in one of them.",
    "rows", reads={"origin": STRING, "value": NUMBER, "measure": STRING, "quote": STRING, "quote_en": STRING,
                   "source": STRING, f"{SOURCES}:source": STRING, f"{SOURCES}:language": STRING},
)  # fmt: skip
def quote_en_agrees(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    language = by_source(tables, "language")
    columns = ["quote", "quote_en", "origin", "value", "measure", "source"]

    def problem(quote: str | None, quote_en: str | None, origin: str | None, value: float | None,
                measure: str | None, source: str | None) -> str | None:  # fmt: skip
        return _translation_problem(quote, quote_en, origin, value, measure, language.get(source or ""))

    def explain(row: pd.Series) -> tuple[str, str]:
        return "quote_en", problem(*[None if pd.isna(row[c]) else row[c] for c in columns]) or ""

    return Verdict(rowwise(df, columns, lambda *row: problem(*row) is None), explain)


@rule(
    "departed-is-not-a-return", EVIDENCE,
    "a `departed` row's `value` is not a return at every place the quote writes it in digits: the language's word for "
    'a return within two words after it or one before it ("Russia – 3,417 left – 400 returned" gives 400 returned, '
    '"760 Rückkehrern", "وعاد 400", "welcomed back 400"), or German\'s verb ending the clause after it ("400 sind nach '
    'Russland zurückgekehrt", "400 kehrten zurück"; not negated), makes it one. Read in '
    + ", ".join(f"`{lg}`" for lg in sorted(RETURN_WORDS))
    + "; a quote in any other language is not judged.",
    "rows", reads=QUOTE_IN_ITS_LANGUAGE,
)  # fmt: skip
def departed_is_not_a_return(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    language = by_source(tables, "language")

    def returns(quote: str | None, value: float | None, measure: str | None, source: str | None) -> bool:
        if quote is None or value is None or measure != "departed" or source not in language:
            return False
        mentions = return_mentions(quote, float(value), language[source])
        return bool(mentions) and all(mentions)

    return Verdict(
        ~rowwise(df, ["quote", "value", "measure", "source"], returns),
        lambda row: (
            "measure",
            f"the quote gives {n(row.value)} as a return, not a departure: {str(row.quote)[:120]!r}",
        ),
    )


# ---- value-is-the-origins-in-a-list: a number the quote gives another place --------------------
# A place the quote names: (start, end, whose name it is: an origin, or CLDR's English name of a
# country that is none, since "Iraq (3,417)" gives Iraq the number too; "" where a name is two origins').
Place = tuple[int, int, str]
# A mention, in the quote's order: (start, end, "place" or "number", the owner or the number's readings).
Mention = tuple[int, int, str, "str | frozenset[float]"]
# The quote's list as read: (owner, the numbers of its item) for each item that pairs them, and the
# numbers of the items that name no place.
Reading = tuple[tuple[tuple[str, frozenset[float]], ...], tuple[frozenset[float], ...]]


class Named(tuple[tuple[str, tuple[str, ...]], ...]):
    """The origins searched for, each with its aliases (the reference in use may change them).
    Hashed once: the caches keyed by it hashed every origin again for every quote."""

    _hash: int

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            self._hash = super().__hash__()
            return self._hash


# What ends an item of a list ("Russia (3,417), Saudi Arabia"; "…Russia; 760 of…"), and what ties a
# name to its number ("Turkey: 900", "Russia (3,417)").
ITEM_ENDS = re.compile(r"[,;.!?)\]\n،؛。、\uff0c\uff1b]")
TIES = re.compile(r"[:(\[=]")
# A dash ties a name to the number after it ("Иордания – 3000") and ends the item after a number
# ("Russia 3,417 – Saudi Arabia 3,244"); between two numbers it is a range.
DASH = re.compile(r"[–—]|\s-\s")
# At most this many words between a name and its number in one item ("400 people returned back to
# Russia"): more, and a name the list does not know ("3400 rusos que se unieron … en Siria") may own it.
ITEM_WORDS = 4
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_WORD_REST = re.compile(r"\w*")
_ORDINAL_END = re.compile(r"[^\W\d_]")  # "3rd", "4e place", "2e rang": a rank, not a figure


def _whole_name(name: str, language: str, free: bool = False) -> str:
    """A name's pattern, each word whole (an alias's `*` frees its ending; with ``free`` the last word
    takes up to three more letters; a space and a hyphen alike), with the letters the language
    writes on its front."""
    return _name_between(name, _start(language), "" if language in wording.NO_SPACES else r"(?!\w)", free)


@lru_cache(maxsize=8192)  # most languages write a name alike: one pattern serves them all
def _name_between(name: str, before: str, after: str, free: bool) -> str:
    words = [re.escape(w).replace(r"\*", r"\w*") for w in _BETWEEN.split(name.casefold()) if w.strip("*")]
    if not words:  # a lone `*` would name every place in every text
        return "(?!)"
    if free:  # an inflection's few letters, not a longer word's: "Iraku", "Ирака", not "malicious"
        words[-1] += r"\w{0,3}"
    return before + r"[\s-]+".join(words) + after


def _exact_case(name: str) -> bool:
    """A short alias in capitals ("US", "EU", "U.S.") counts only so: "us" and Portuguese "eu" are words."""
    letters = name.replace(".", "")
    return letters.isupper() and len(letters) <= 3


# A name the lists are searched for: (its pattern, rank, owner, the name when only its exact case
# counts, 1 where its ending is free).
PlaceName = tuple[str, int, str, str, int]
# A name found in a text: (start, end, rank, 1 where its ending is free, owner, exact case).
Found = tuple[int, int, int, int, str, str]
_WORD = re.compile(r"\w+")


class PlaceIndex(NamedTuple):
    """The place names of a language, indexed so that a quote is searched only for the names its
    words could begin: searching every quote for every origin's name grew with origins x quotes
    (10 minutes for 20,000 origins)."""

    whole: dict[str, dict[tuple[str, ...], list[PlaceName]]]  # names of whole words, by the first, then the rest
    starts: dict[str, list[PlaceName]]  # names whose first word's ending is free, by its fixed start (and
    # every shorter start of one, with none, so that a search stops at the first start no name has)
    loose: list[tuple[str, PlaceName]]  # the rest, with what a text naming it holds (marks in a word, no spaces)
    longest: int  # the most words of a name in ``whole``


def _entry_keys(name: str, how: str, language: str) -> tuple[str, str | tuple[str, ...]]:
    """Where a name goes in the index: ("whole", its words), ("starts", its first word's fixed start)
    or ("loose", a part of it every text naming it holds)."""
    # the language matters only for its spaces and its stems: each country's name is keyed once, not per language
    return _keys_of(name, how, language if how == "stem" else "", language in wording.NO_SPACES)


@cache  # the names are the data's and CLDR's: as many as they are, each once
def _keys_of(name: str, how: str, language: str, no_spaces: bool) -> tuple[str, str | tuple[str, ...]]:
    words = [w for w in _BETWEEN.split(name.casefold()) if w.strip("*")]
    first = words[0].split("*", 1)[0] if words else ""
    if how == "stem":  # _stem_source's stem
        first = _stem(first, language)
    if no_spaces or not words or not all(_WORD.fullmatch(w.replace("*", "")) for w in words):
        return "loose", first
    if how == "whole" and "*" not in name:
        return "whole", tuple(words)
    return ("starts", first) if first else ("loose", first)


@cache
def _place_names(language: str, named: Named) -> PlaceIndex:
    """Every place a quote in the language may give a number: the origins by their names, aliases
    and CLDR's name in the language (rank 0), then every other country by CLDR's name in the language
    or in English (rank 1, found only where no origin's name is)."""
    found: dict[str, tuple[str, str, int, str, str]] = {}

    def add(name: str, how: str, rank: int, owner: str, exact: str = "") -> None:
        pattern = _stem_source(name, language) if how == "stem" else _whole_name(name, language, free=how == "free")
        if pattern not in found:
            found[pattern] = (name, how, rank, owner, exact)
        elif found[pattern][2] == rank and found[pattern][3] != owner:
            found[pattern] = (*found[pattern][:3], "", "")  # one name, two origins: it settles nothing

    local, english = _territories(language), _territories("en")
    origins_of: dict[str, str] = {}
    for origin, aliases in named:
        for name in (origin, *aliases):
            add(name, "whole", 0, origin, name if _exact_case(name) else "")
        territory = _territory_of(origin)
        if territory is not None:
            origins_of.setdefault(territory, origin)
            if territory in local:
                add(local[territory], "stem", 0, origin)
    for territory, name in english.items():
        # countries only: "world", "Asia", "Europe" (an alias of the European Union) are no country
        if territory in origins_of or len(territory) != 2 or not territory.isalpha() or territory == "ZZ":
            continue
        for written in {name, local.get(territory, name)}:  # "Irak", "Iraku", "Ирака"
            add(written, "free", 1, name)
    index = PlaceIndex({}, {}, [], 0)
    for pattern, (name, how, rank, owner, exact) in found.items():
        entry: PlaceName = (pattern, rank, owner, exact, int(how != "whole" or "*" in name))
        where, key = _entry_keys(name, how, language)
        if where == "whole":
            assert isinstance(key, tuple)
            index.whole.setdefault(key[0], {}).setdefault(key[1:], []).append(entry)
        elif where == "starts":
            assert isinstance(key, str)
            index.starts.setdefault(key, []).append(entry)
        else:
            index.loose.append((str(key), entry))
    for key in list(index.starts):
        for k in range(1, len(key)):
            index.starts.setdefault(key[:k], [])
    return index._replace(longest=max((1 + len(rest) for names in index.whole.values() for rest in names), default=0))


def _candidates(folded: str, language: str, index: PlaceIndex) -> tuple[dict[str, PlaceName], list[Found]]:
    """The names the folded text may hold, to search for: those its words begin, or, for the loose
    ones, those whose fixed part it holds; and where it holds a name of whole words, found from its
    words alone (a pattern compiled for each of 100,000 origins' names cost more than the search)."""
    out = {entry[0]: entry for key, entry in index.loose if key in folded}
    found: list[Found] = []
    tokens = list(_WORD.finditer(folded))
    words = [t.group() for t in tokens]
    front = PREFIX_LETTERS.get(language, "")
    for i, word in enumerate(words):
        # "والاردن": the name after the letters the language writes on its front
        forms = [word[k:] for k in range(3) if len(word) > k and all(c in front for c in word[:k])] if front else [word]
        for form in forms:
            for k in range(1, len(form) + 1):
                starting = index.starts.get(form[:k])
                if starting is None:
                    break
                for entry in starting:
                    out[entry[0]] = entry
            after = index.whole.get(form, {})
            for size in range(1, min(index.longest, len(words) - i) + 1) if after else ():
                entries = after.get(tuple(words[i + 1 : i + size]), ())
                # the words of a name are parted by spaces and hyphens only
                if entries and all(_BETWEEN.fullmatch(folded, tokens[j].end(), tokens[j + 1].start())
                                   for j in range(i, i + size - 1)):  # fmt: skip
                    found += [_found(tokens[i].start(), tokens[i + size - 1].end(), e) for e in entries]
    return out, found


def _found(start: int, end: int, name: PlaceName) -> Found:
    _, rank, owner, exact, free = name
    return start, end, rank, free, owner, exact


@lru_cache(maxsize=8192)
def _place_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _places(folded: str, cased: str, language: str, named: Named) -> list[Place]:
    """Where the folded text names a place: where names overlap, the longest ("Saudi Arabia", not
    "Saudi"; "North America", not its "America"), an origin's before another country's."""
    searched, found = _candidates(folded, language, _place_names(language, named))
    for entry in searched.values():
        for m in _place_pattern(entry[0]).finditer(folded):
            rest = _WORD_REST.match(folded, m.end())
            end = m.end() if language in wording.NO_SPACES or rest is None else rest.end()
            found.append(_found(m.start(), end, entry))
    out: list[Place] = []
    # of names over the same letters, a whole name before one whose ending is free ("Australia", not "Austr-ia")
    for start, end, *_, owner, exact in sorted(found, key=lambda f: (f[0], -f[1], f[2], f[3], f[4])):
        if exact and len(cased) == len(folded) and exact not in cased[start:end]:
            continue  # "us", not "US"
        if not out or start >= out[-1][1]:
            out.append((start, end, owner))
    return out


def _gap(text: str, language: str, kinds: tuple[str, str]) -> int:
    """How strongly the words between two mentions (of these kinds) part them: -2 an item's end, -1 a
    word joining items ("and"), 1 a mark tying a name to its number, 0 words alone."""
    if ITEM_ENDS.search(text):
        return -2
    if set(_LETTER_RUNS.findall(text)) & set(wording.AND_WORDS.get(language, ())):
        return -1
    if TIES.search(text):
        return 1
    if DASH.search(text):
        return {("place", "number"): 1, ("number", "place"): -2}.get(kinds, 0)
    return 0


@lru_cache(maxsize=8192)
def list_reading(quote: str, language: str, named: Named) -> Reading | None:
    """Which place each number of the quote's list is given to, where the quote's own words settle
    it, else None. The quote's places and numbers (in digits, or in words where text2num reads the
    language) are cut into items at the marks and words that part them most; it settles it where
    exactly one way of cutting, at any strength, gives every item at most one place, at least two
    items a place and a number, each in the same order (the place first, or last), and none more
    than ITEM_WORDS words between its mentions. Two places one after the other ("Syria and Iraq",
    "3,000 each from Saudi Arabia and Jordan") settle nothing: the next number is not one place's."""
    from itertools import pairwise

    text = wording.in_digits(quote, language) or quote
    folded, numbers = wording.numbers_at(text, language)
    mentions: list[Mention] = [
        (start, end, "number", readings)
        for readings, start, end in numbers
        if language in wording.NO_SPACES or not _ORDINAL_END.match(folded, end)
    ]
    if len(frozenset().union(*(m[3] for m in mentions))) < 2:
        return None  # one number throughout: no place can be given another's
    mentions += [
        (start, end, "place", owner) for start, end, owner in _places(folded, wording.unfolded(text), language, named)
    ]
    mentions.sort(key=lambda m: (m[0], m[1]))
    pairs = list(pairwise(mentions))
    if len(mentions) < 4 or any(b[0] < a[1] for a, b in pairs) or any(m[2] == "place" and not m[3] for m in mentions):
        return None
    gaps = [folded[a[1] : b[0]] for a, b in pairs]
    strengths = [_gap(g, language, (a[2], b[2])) for g, (a, b) in zip(gaps, pairs, strict=True)]
    if any(a[2] == b[2] == "place" and s > -2 for (a, b), s in zip(pairs, strengths, strict=True)):
        return None
    readings = {_cut(mentions, gaps, strengths, at) for at in (-1, 0, 1)} - {None}
    return readings.pop() if len(readings) == 1 else None


def _cut(mentions: list[Mention], gaps: list[str], strengths: list[int], at: int) -> Reading | None:
    """The list cut into items at every gap parting mentions more strongly than ``at``, or None where
    the items are not a list's (see ``list_reading``)."""
    items: list[list[Mention]] = [[mentions[0]]]
    for mention, text, strength in zip(mentions[1:], gaps, strengths, strict=True):
        if strength < at:
            items.append([mention])
        elif len(_LETTER_RUNS.findall(text)) > ITEM_WORDS:
            return None
        else:
            items[-1].append(mention)
    pairs: list[tuple[str, frozenset[float]]] = []
    alone: list[frozenset[float]] = []
    orders = set()
    for item in items:
        places = [cast(str, m[3]) for m in item if m[2] == "place"]
        numbers = frozenset().union(*(cast("frozenset[float]", m[3]) for m in item if m[2] == "number"))
        if len(places) > 1:
            return None
        if places and numbers:
            pairs.append((places[0], numbers))
            orders.add("first" if item[0][2] == "place" else "last" if item[-1][2] == "place" else "inside")
        elif numbers:
            alone.append(numbers)
    if len(pairs) < 2 or len(orders) > 1 or "inside" in orders:
        return None
    return tuple(pairs), tuple(alone)


def _listed_problem(
    origin: str | None, value: float | None, reading: Reading | None
) -> tuple[str, frozenset[float]] | None:
    """(the place the quote's list gives the value to, the numbers it gives the origin) where it
    gives the value to another place and the origin other numbers, else None."""
    if reading is None or origin is None or value is None:
        return None
    pairs, alone = reading
    own = frozenset().union(*(numbers for owner, numbers in pairs if owner == origin))
    if not own or value in own or any(value in numbers for numbers in alone):
        return None
    return next(((owner, own) for owner, numbers in pairs if value in numbers), None)


def _figure(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


@rule(
    "value-is-the-origins-in-a-list", EVIDENCE,
    "where the `quote`, in its own language, lists places with their numbers (\"Russia (3,417), Saudi Arabia (3,244)\", "
    "\"1,910 from France and 915 from Germany\", \"Тунис — 2926 человек и Франция — 1910\"), the `value` is not the number "
    "it gives another place when it gives the row's `origin` another. The places are the origins (their names, aliases "
    "and CLDR's name in the language) and every other country by CLDR's name; the list is cut into items at what parts "
    "a name from a number most (a comma, a parenthesis, a semicolon or a dash after a number, then the language's \"and\"), and it is read only "
    "where exactly one cut gives each item at most one place, at least two items a place and its numbers, all in the "
    "same order, with at most four words between them. Silent where the words do not settle which place a number is "
    "(two places in a row, \"3,000 each from Saudi Arabia and Jordan\"; a number between two names with nothing to "
    "tell which it goes with; the origin not in the list, or the value also given alone).",
    "rows", reads={"origin": STRING, "value": NUMBER, "quote": STRING, "source": STRING, f"{SOURCES}:source": STRING,
                   f"{SOURCES}:language": STRING, f"{ORIGINS}:origin": STRING},
)  # fmt: skip
def value_is_the_origins_in_a_list(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    from .reference import current

    language = by_source(tables, "language")
    origins = set(tables[ORIGINS]["origin"].dropna()) | set(current().aliases)
    named = Named((origin, aliases_of(origin)) for origin in sorted(origins))
    columns = ["origin", "value", "quote", "source"]

    def problem(
        origin: str | None, value: float | None, quote: str | None, source: str | None
    ) -> tuple[str, frozenset[float]] | None:
        lang = language.get(source or "")
        if quote is None or value is None or lang is None:
            return None
        return _listed_problem(origin, float(value), list_reading(quote, lang, named))

    def explain(row: pd.Series) -> tuple[str, str]:
        found = problem(*[None if pd.isna(row[c]) else row[c] for c in columns])
        if found is None:  # asked only about a row that fails
            return "value", f"value {n(row.value)} is another place's in the quote's list"
        owner, own = found
        theirs = " or ".join(_figure(v) for v in sorted(own))
        return "value", f"value {_figure(float(row.value))} is {owner}'s in the quote; {row.origin}'s is {theirs}"

    return Verdict(rowwise(df, columns, lambda *row: problem(*row) is None), explain)
