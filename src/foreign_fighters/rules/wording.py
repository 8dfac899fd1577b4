"""How each language writes the numbers a quote gives, and the words that qualify them.

``numbers_in(quote, language)`` finds every number a quote states: digits with that language's
separators (the page's own digits, Arabic-Indic included), a number times the language's word
for thousand ("5,6 tys.", "4,2 тысячи"), the number in words (num2words knows them), a fraction
in words for a percentage ("a quarter", "la moitié"), and "none" and its equivalents for 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache, lru_cache

# Thousands and decimal separators. Every language also takes plain digits ("3417").
# Entries kept per cache keyed by the data (quotes, values): enough for a package many times this one,
# bounded so that a process validating package after package does not keep every quote it saw.
CACHED = 8192

COMMA_THOUSANDS = {"en", "ar", "he", "zh", "ur", "ja", "ko", "hi", "ka", "fa"}
DOT_THOUSANDS = {
    "de",
    "nl",
    "es",
    "it",
    "pt",
    "tr",
    "id",
    "ro",
    "bs",
    "hr",
    "sr",
    "da",
    "sl",
    "el",
    "az",
    "ms",
    "ka",
    "fr",
}  # fr: Belgium, the Maghreb
SPACE_THOUSANDS = {
    "fr",
    "ru",
    "uk",
    "kk",
    "pl",
    "sk",
    "cs",
    "bg",
    "fi",
    "sv",
    "nb",
    "hu",
    "et",
    "lt",
    "lv",
    "ky",
    "tg",
    "uz",
    "az",
    "ka",
}
SPACES = " \u00a0\u202f\u2009"

# A word is matched whole; one ending in "-" is a stem, matched with any ending ("тыс-": тысячи,
# тыс.). Chinese and Japanese write no spaces: their words are matched anywhere.
THOUSAND = {
    "en": ("thousand",), "de": ("tausend", "tsd"), "fr": ("mille",), "es": ("mil",), "pt": ("mil",),
    "it": ("mila",), "nl": ("duizend",), "ru": ("тыс-",), "uk": ("тис-",), "kk": ("мың",), "pl": ("tys-",),
    "sk": ("tis-",), "bg": ("хиляд-",), "bs": ("hiljad-",), "tr": ("bin",), "az": ("min",), "id": ("ribu",),
    "ar": ("آلاف", "الاف", "ألف", "الف"), "he": ("אלף",), "ro": ("mii",), "ka": ("ათას-",), "ur": ("ہزار",),
    "zh": ("千",), "ja": ("千",),
}  # fmt: skip
NO_SPACES = {"zh", "ja"}
# Inflected number words that num2words does not give (it writes the nominative).
MORE_WORDS: dict[str, dict[int, tuple[str, ...]]] = {
    "pl": {1000: ("tysiąc-",)},
    "ru": {1000: ("тысяч-",)},
    "uk": {1000: ("тисяч-",)},
}
WAN = {"zh": "万"}  # ten thousand

# Fractions a source writes for a percentage; only a percentage reads them.
FRACTIONS: dict[str, dict[str, float]] = {
    "en": {"half": 50, "a quarter": 25, "a third": 100 / 3, "one in four": 25, "one in three": 100 / 3},
    "fr": {"moitié": 50, "quart": 25, "tiers": 100 / 3},
    "de": {"hälfte": 50, "viertel": 25, "drittel": 100 / 3},
    "nl": {"helft": 50, "kwart": 25, "derde": 100 / 3},
    "es": {"mitad": 50, "cuarta parte": 25, "tercio": 100 / 3},
    "it": {"metà": 50, "quarto": 25, "terzo": 100 / 3},
    "pt": {"metade": 50, "quarta parte": 25, "terço": 100 / 3},
    "ru": {"половин-": 50, "четверт-": 25, "трет-": 100 / 3},
    "uk": {"половин-": 50, "чверт-": 25, "третин-": 100 / 3},
    "pl": {"połow-": 50, "ćwierć": 25, "jedna trzecia": 100 / 3},
    "tr": {"yarı-": 50, "dörtte bir": 25, "üçte bir": 100 / 3},
    "ar": {"نصف": 50, "ربع": 25, "ثلث": 100 / 3},
    "id": {"separuh": 50, "setengah": 50, "seperempat": 25, "sepertiga": 100 / 3},
    "zh": {"一半": 50, "半数": 50, "四分之一": 25, "三分之一": 100 / 3},
    "bg": {"половин-": 50}, "sk": {"polovic-": 50}, "bs": {"polovin-": 50}, "ro": {"jumătate": 50},
    "ka": {"ნახევარ-": 50}, "he": {"מחצית": 50, "חצי": 50}, "ur": {"نصف": 50, "آدھے": 50},
}  # fmt: skip

NONE = {
    "en": ("none", "no one", "not one", "zero"), "fr": ("aucun",), "de": ("keine", "keiner", "niemand"),
    "es": ("ninguno",), "ru": ("ни один", "никто"), "nl": ("geen",), "it": ("nessuno",), "pt": ("nenhum",),
    "tr": ("hiç",), "ar": ("لا أحد",), "pl": ("żaden",),
}  # fmt: skip

# "850 people known to have travelled": words just after a figure that make it a lower bound.
AFTER_AT_LEAST = re.compile(r"^(?:\w+\s+){0,2}(?:known|confirmed)\b")
# Words next to a figure, and the qualifier they mean (English: the quote, or its translation).
QUALIFIER_WORDS = {
    "at_least": ("at least", "no fewer than", "no less than", "a minimum of", "confirmed", "known"),
    "more_than": ("more than", "over", "upwards of", "in excess of", "above"),
    "about": ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "estimated at", "nearly",
              "almost", "close to", "just under", "just over", "up to", "circa", "approx."),
}  # fmt: skip

_ARABIC_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")} | {
    ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")
}
_ARABIC_SEPARATORS = {ord("٬"): ",", ord("٫"): "."}


def _patterns(language: str) -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern, thousands separators, decimal separator) for the language's ways of writing digits."""
    out = []
    seps = []
    if language in COMMA_THOUSANDS or language not in DOT_THOUSANDS | SPACE_THOUSANDS:
        seps.append((",", "."))
    if language in DOT_THOUSANDS:
        seps.append((".", ","))
    if language in SPACE_THOUSANDS:
        seps.append((SPACES, ","))
    for thousands, decimal in seps:
        t, d = re.escape(thousands) if len(thousands) == 1 else f"[{thousands}]", re.escape(decimal)
        # Never part of a longer number: no digit, separator-and-digit or digit-and-space on either side.
        out.append(
            (
                re.compile(
                    rf"(?<![\d.,])(?<!\d[{SPACES}])(\d{{1,3}}(?:{t}\d{{3}})+|\d+)(?:{d}(\d+))?(?!\d|[.,{SPACES}]\d)"
                ),
                thousands,
                decimal,
            )
        )
    return out


@cache
def _compiled(language: str) -> list[tuple[re.Pattern[str], str, str]]:
    return _patterns(language)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_ARABIC_DIGITS).translate(_ARABIC_SEPARATORS).casefold()


def digits_in(text: str, language: str) -> set[float]:
    """Every number written in digits, with what follows it (a word for thousand multiplies)."""
    text = _fold(text)
    found: set[float] = set()
    thousands_words = THOUSAND.get(language, ())
    for pattern, _, _ in _compiled(language):
        for m in pattern.finditer(text):
            whole = re.sub(r"\D", "", m.group(1))
            value = float(f"{whole}.{m.group(2)}") if m.group(2) else float(whole)
            found.add(value)
            after = text[m.end() : m.end() + 12].lstrip(SPACES + "\u200f\u200e")
            if any(_mentions(after, w, language, anchored=True) for w in thousands_words):
                found.add(value * 1000)
            if language in WAN and after.startswith(WAN[language]):
                found.add(value * 10000)
    return found


@lru_cache(maxsize=CACHED)
def _words(value: int, language: str) -> tuple[str, ...]:
    """The number in words, as num2words writes it in the language (none if it does not know it)."""
    try:
        from num2words import num2words
    except ImportError:  # pragma: no cover - a dependency of the validate extra
        return ()
    out = []
    for lang in (language, f"{language}_{language.upper()}"):
        try:
            out.append(num2words(value, lang=lang))
        except (NotImplementedError, KeyError, AttributeError, TypeError, ValueError, OverflowError):
            continue
    return tuple(dict.fromkeys(w.casefold() for w in out if w))


@lru_cache(maxsize=CACHED)
def _word_pattern(word: str, language: str, anchored: bool) -> re.Pattern[str]:
    stem = word.endswith("-")
    body = re.escape(word.rstrip("-"))
    edges = ("" if anchored else r"(?<!\w)", "" if stem else r"(?!\w)")
    return re.compile(body if language in NO_SPACES else edges[0] + body + edges[1])


def _mentions(text: str, word: str, language: str, anchored: bool = False) -> bool:
    """Whether ``text`` has ``word`` (at its start, if anchored) as a whole word, or as a stem."""
    pattern = _word_pattern(word, language, anchored)
    return (pattern.match(text) if anchored else pattern.search(text)) is not None


# One pattern per qualifier: any of its words, ending where the figure begins.
_QUALIFIER_BEFORE = {
    q: re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(ws, key=len, reverse=True))) + r")$")
    for q, ws in QUALIFIER_WORDS.items()
}


@lru_cache(maxsize=CACHED)  # quotes repeat: one sentence often gives a departed and a returned figure
def agrees(quote: str, value: float, language: str, percent: bool) -> bool:
    """Whether the quote states ``value`` as the language writes numbers."""
    if value in digits_in(quote, language):
        return True
    text = _fold(quote)
    if value == 0 and any(_mentions(text, w, language) for w in NONE.get(language, ())):
        return True
    if percent and any(
        abs(v - value) < 0.5 and _mentions(text, w, language) for w, v in FRACTIONS.get(language, {}).items()
    ):
        return True
    if math.isfinite(value) and value == int(value) and value <= 10**7:
        spaced = text.replace("-", " ")  # "twenty-nine" or "twenty nine"
        words = [w.replace("-", " ") for w in _words(int(value), language)]
        words += MORE_WORDS.get(language, {}).get(int(value), ())
        return any(_mentions(spaced, w, language) for w in words)
    return False


@lru_cache(maxsize=CACHED)
def qualifier_near(text: str, value: float, language: str) -> frozenset[str | None]:
    """The qualifiers that the words before each mention of ``value`` express (None: no such word)."""
    folded = _fold(text)
    out: set[str | None] = set()
    for pattern, _, _ in _compiled(language):
        for m in pattern.finditer(folded):
            whole = re.sub(r"\D", "", m.group(1))
            number = float(f"{whole}.{m.group(2)}") if m.group(2) else float(whole)
            after = folded[m.end() : m.end() + 12].lstrip(SPACES)
            if number != value and not (number * 1000 == value and after.startswith(("thousand", "k"))):
                continue
            before = folded[max(0, m.start() - 40) : m.start()].rstrip(" ,:'\"\u201c\u2018(")
            words = [q for q, pattern in _QUALIFIER_BEFORE.items() if pattern.search(before)]
            if AFTER_AT_LEAST.match(folded[m.end() :].lstrip(SPACES)):
                words.append("at_least")
            out |= set(words) if words else {None}
    return frozenset(out)
