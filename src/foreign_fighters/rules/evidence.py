"""Rules between the figures and their evidence: ``fighters-by-origin``, ``figures-by-source``,
``sources`` and the quotes of ``headline-figures``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import cast

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


def names_origin(origin: str | None, *texts: str | None) -> bool:
    """Whether any of the texts names the origin, or an alias of it, as a whole word."""
    if origin is None:
        return True
    # Found without compiling one pattern per origin (which cost most of the rule on a large
    # table): a name with no word character (regex \w: alphanumeric or _) just before or after it.
    names = {name.casefold() for name in (origin, *aliases_of(origin))}
    for text in texts:
        if text is None:
            continue
        folded = text.casefold()
        for name in names:
            at = folded.find(name)
            while at != -1:
                before, after = folded[at - 1 : at] if at else "", folded[at + len(name) : at + len(name) + 1]
                if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
                    return True
                at = folded.find(name, at + 1)
    return False


@rule(
    "quote-names-origin", EVIDENCE,
    "the `quote` or its `quote_en` names the row's `origin` (or an alias listed in `data/reference/origin-names.csv`), or "
    "else the source's headline does: a quote about another origin is a pasting mistake.",
    "rows", reads={"origin": STRING, "quote": STRING, "quote_en": STRING, "source": STRING,
                   f"{SOURCES}:source": STRING, f"{SOURCES}:title": STRING},
)  # fmt: skip
def quote_names_origin(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    title = by_source(tables, "title")
    columns = ["origin", "quote", "quote_en", "source"]
    good = rowwise(df, columns, lambda o, q, e, s: names_origin(o, q, e, title.get(s)))
    return Verdict(
        good,
        lambda row: (
            "quote",
            f"neither the quote nor its source's headline names {row.origin!r}: {str(row.quote)[:120]!r}",
        ),
    )


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
    """CLDR's territory names in the language (babel), or none where babel does not know it."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:  # pragma: no cover - a dependency of the validate extra
        return {}
    try:
        return dict(Locale.parse(language).territories)
    except (UnknownLocaleError, ValueError, TypeError):
        return {}


@cache
def local_names(origin: str, language: str) -> tuple[str, ...]:
    """The origin's name as the language writes it (CLDR, through babel): none where it has none."""
    territory = REGION_TERRITORIES.get(origin)
    if territory is None:
        import pycountry

        code = code_of(origin)
        country = pycountry.countries.get(alpha_3=code) if code else None
        territory = country.alpha_2 if country is not None else None
    name = _territories(language).get(territory) if territory else None
    return (name,) if name else ()


# Letters Arabic and Hebrew write on the front of a name ("و" and, "ب" in, "ה" the).
PREFIX_LETTERS = {"ar": "وفبل", "he": "והבמלש"}


@lru_cache(maxsize=8192)
def _stem_pattern(name: str, language: str) -> re.Pattern[str]:
    # Each word of the name from its start, its ending left free: the languages inflect it
    # ("Россия", "из России"; "Arabia Saudyjska", "z Arabii Saudyjskiej").
    words = [w for w in re.split(r"[\s-]+", name.casefold()) if w]
    stems = [w[: max(4, len(w) - 2)] if len(w) > 4 else w for w in words]
    prefix = f"[{PREFIX_LETTERS[language]}]{{0,2}}" if language in PREFIX_LETTERS else ""
    return re.compile(r"(?<!\w)" + prefix + r"\w*[\s-]+".join(map(re.escape, stems)))


def names_origin_in(origin: str | None, text: str | None, language: str) -> bool | None:
    """Whether the text names the origin in the language (its CLDR name, each word's ending free),
    or in English or an alias; None where the language's name for it is not known."""
    if origin is None or text is None:
        return None
    names = local_names(origin, language)
    if names_origin(origin, text) or any(_stem_pattern(name, language).search(text.casefold()) for name in names):
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
