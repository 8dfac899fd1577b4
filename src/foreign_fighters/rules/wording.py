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
# Entries kept per cache keyed by the data (quotes, values). Each rule reads every quote in turn,
# so a cache smaller than a package's quotes is emptied before the next rule reads them again (at
# 20,000 origins, 8,192 entries left three quote rules 1.6 s where they take 0.6 s). Bounded so that
# a process validating package after package does not keep every quote it saw.
CACHED = 1 << 18

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
# Languages written without spaces between words: a number or a name has letters on either side
# ("约半数英国和瑞典籍").
NO_SPACES = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})
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

# Words before a figure, and the qualifier they mean (English: the quote, or its translation).
QUALIFIER_WORDS = {
    "at_least": ("at least", "no fewer than", "no less than", "a minimum of", "confirmed", "known"),
    "more_than": ("more than", "over", "upwards of", "in excess of", "above"),
    "about": ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "estimated at", "nearly",
              "almost", "close to", "just under", "just over", "up to", "circa", "approx."),
}  # fmt: skip

# The same, in the quote's own language: the words before a figure, and the words just after it
# (at most two words between: "850 people known", "3417 مقاتلا تقريبا", "900'den fazla"). A phrase
# with " … " in it takes up to three words in that place ("يقدر … بـ": "estimated, their number, at");
# Arabic writes "and" on the word ("ويقدر"), so such a form is listed too.
# Only these languages' qualifiers are judged in the quote; any other's through its translation.
QUALIFIERS_BEFORE: dict[str, dict[str, tuple[str, ...]]] = {
    "en": QUALIFIER_WORDS,
    "fr": {"at_least": ("au moins", "au minimum", "pas moins de", "minimum"),
           "more_than": ("plus de", "au-delà de", "davantage de", "dépassant", "dépasse"),
           "about": ("environ", "quelque", "quelques", "près de", "presque", "autour de", "aux alentours de", "approximativement",
                     "à peu près", "quasiment", "pas loin de", "estimé à", "estimés à", "estimée à", "estimées à",
                     "de l'ordre de", "un peu plus de", "un peu moins de", "ca.")},
    "es": {"at_least": ("al menos", "por lo menos", "como mínimo", "no menos de"),
           "more_than": ("más de", "mas de", "por encima de", "superior a"),
           "about": ("alrededor de", "cerca de", "casi", "unos", "unas", "aproximadamente", "en torno a", "en torno de", "poco más de",
                     "poco menos de", "estimado en", "estimados en", "aprox.")},
    "pt": {"at_least": ("pelo menos", "no mínimo", "ao menos"), "more_than": ("mais de", "acima de"),
           "about": ("cerca de", "quase", "aproximadamente", "perto de", "em torno de", "por volta de", "uns", "umas")},
    "it": {"at_least": ("almeno", "non meno di", "come minimo"), "more_than": ("oltre", "più di", "piu di", "oltre i", "oltre le"),
           "about": ("circa", "quasi", "intorno a", "intorno ai", "attorno a", "attorno ai", "all'incirca", "approssimativamente",
                     "poco meno di", "poco più di", "fino a", "una stima di")},
    "de": {"at_least": ("mindestens", "wenigstens", "zumindest", "nicht weniger als"), "more_than": ("mehr als", "über", "ueber"),
           "about": ("etwa", "rund", "ungefähr", "circa", "ca.", "zirka", "knapp", "fast", "beinahe", "annähernd", "nahezu",
                     "schätzungsweise", "geschätzt", "geschätzte", "an die", "bis zu", "gut")},
    "nl": {"at_least": ("minstens", "ten minste", "tenminste", "minimaal", "zeker"), "more_than": ("meer dan", "ruim", "boven de"),
           "about": ("ongeveer", "circa", "ca.", "bijna", "naar schatting", "rond de", "zo'n", "pakweg", "zowat", "ruwweg")},
    "pl": {"at_least": ("co najmniej", "przynajmniej", "conajmniej", "minimum"), "more_than": ("ponad", "więcej niż", "powyżej"),
           "about": ("około", "ok.", "blisko", "prawie", "niemal", "mniej więcej", "szacunkowo", "nieco ponad")},
    # Not the words for "up to" that also end a range (Russian "do", Polish "do", Dutch "tot", Spanish
    # "hasta", French "jusqu'à"): a quote's "rose from 2400 to 3417" gives 3417 unqualified.
    "ru": {"at_least": ("по меньшей мере", "как минимум", "не менее", "не меньше", "минимум", "по крайней мере"),
           "more_than": ("более", "больше", "свыше", "более чем", "больше чем"),
           "about": ("около", "порядка", "примерно", "приблизительно", "почти", "где-то", "в районе", "ориентировочно",
                     "по оценкам", "примерно по", "около по", "почти по")},
    "uk": {"at_least": ("щонайменше", "принаймні", "не менше", "як мінімум", "мінімум"),
           "more_than": ("понад", "більше", "більш ніж", "більше ніж"),
           "about": ("близько", "приблизно", "майже", "орієнтовно", "порядку")},
    "bg": {"at_least": ("най-малко", "поне", "минимум"), "more_than": ("над", "повече от"),
           "about": ("около", "близо", "почти", "приблизително")},
    "bs": {"at_least": ("najmanje", "barem", "bar", "minimalno"), "more_than": ("više od", "vise od", "preko"),
           "about": ("oko", "gotovo", "skoro", "otprilike", "približno", "blizu")},
    "ro": {"at_least": ("cel puțin", "cel putin", "cel puţin", "minimum"), "more_than": ("peste", "mai mult de", "mai multi de"),
           "about": ("aproximativ", "circa", "cca.", "în jur de", "in jur de", "aproape", "vreo")},
    "id": {"at_least": ("sedikitnya", "setidaknya", "paling sedikit", "minimal"),
           "more_than": ("lebih dari", "lebih daripada", "di atas"),
           "about": ("sekitar", "kurang lebih", "hampir", "kira-kira", "diperkirakan", "sekira", "mendekati")},
    "tr": {"at_least": ("en az",), "more_than": (), "about": ("yaklaşık", "tahminen", "aşağı yukarı", "takriben")},
    "az": {"at_least": ("ən azı", "azı"), "more_than": (), "about": ("təxminən", "təqribən")},
    "he": {"at_least": ("לפחות",), "more_than": ("יותר מ-", "יותר מ", "מעל", "למעלה מ-", "למעלה מ"),
           "about": ("כ-", "כ", "כמעט", "בערך", "קרוב ל-", "קרוב ל")},
    "ar": {"at_least": ("لا يقل عن", "ما لا يقل عن", "على الأقل"),
           "more_than": ("أكثر من", "اكثر من", "ما يزيد على", "ما يزيد عن", "يزيد عن", "يزيد على", "ما يفوق", "يفوق"),
           "about": ("قرابة", "حوالي", "حوالى", "نحو", "بنحو", "بحوالي", "ما يقرب من", "يقرب من", "زهاء", "ما يناهز", "يناهز",
                     "يقدر بـ", "يقدر ب", "يقدر … بـ", "يقدر … ب", "ويقدر بـ", "ويقدر … بـ", "تقدر بـ", "المقدر بـ")},
}  # fmt: skip
QUALIFIERS_AFTER: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"at_least": ("known", "confirmed")},
    "tr": {"more_than": ("fazla", "fazlası", "aşkın", "üzerinde"), "about": ("civarında", "kadar", "dolayında")},
    "az": {"more_than": ("çox", "artıq"), "about": ("yaxın", "qədər")},
    "ar": {"about": ("تقريبا", "تقريباً"), "at_least": ("على الأقل",)},
    "bs": {"at_least": ("za koje se zna", "za koje se zna da")},
    "fr": {"about": ("environ",)}, "de": {"about": ("ungefähr",)}, "nl": {"about": ("ongeveer",)},
}  # fmt: skip
QUALIFIED_LANGUAGES = frozenset(QUALIFIERS_BEFORE)
# "over" and "über" are also prepositions: "Concern over 3,417 Russian fighters grows", "Der Bericht
# über 3.417 Kämpfer" state 3,417 unqualified. The rule: right before the figure, "over"/"über" is
# more_than unless the word just before it is one that takes it as its preposition, listed here (a
# noun of dispute or report, a verb of speaking or quarrelling, a stem where it ends "-"). Any other
# word, a punctuation mark or the start of the text leaves it more_than: "with over 5,000",
# "(over five thousand)", "Over 40,000", "recruited over 400", "mit über 900", "sind über 900".
# After a verb that takes "over" as its particle ("handed over 400 fighters": handed over 400, or
# handed more than 400) the words do not settle it: both readings, more_than and none, are accepted.
PREPOSITION_OVER: dict[str, tuple[str, ...]] = {"en": ("over",), "de": ("über", "ueber")}
TAKES_OVER: dict[str, tuple[str, ...]] = {
    "en": ("concern-", "debat-", "fear-", "worr-", "disput-", "row", "rows", "anger-", "alarm-", "outrage-",
           "controvers-", "question-", "talks", "tension-", "clash-", "fight", "fights", "fought", "fighting",
           "battl-", "struggl-", "quarrel-", "squabbl-", "feud-", "argu-", "rift", "split", "uproar", "furor-",
           "panic-", "protest-", "unease", "anxiet-", "uncertaint-", "confusion", "control", "victory", "power",
           "authority", "influence", "sovereignty", "jurisdiction", "presid-"),
    "de": ("bericht-", "sorge-", "sorgt", "debatt-", "streit-", "diskussion-", "diskutier-", "studie-", "angaben",
           "informationen", "information", "informier-", "erkenntniss-", "auskunft", "aufschluss",
           "verfüg-", "sprach-", "sprech-", "sprich-", "rede-", "redet", "klag-", "beklag-", "besorg-", "kontrolle",
           "entscheid-", "nachdenk-", "freu-", "ärger-", "empör-", "aufregung", "unklarheit"),
}  # fmt: skip
OVER_AS_PARTICLE: dict[str, tuple[str, ...]] = {
    "en": ("hand-", "turn-", "took", "take", "takes", "taken", "taking", "won", "win", "wins", "winning", "brought",
           "bring-", "sign-", "pass-", "mov-", "flown", "flew", "ship-"),
}  # fmt: skip

# Words that make a number a percentage: after it ("30 percent", "10pc", "10-percent", "30 Prozent") or before it (Turkish
# "yüzde 30", Chinese "百分之三十"). The sign, "%" or "٪", is read in every language, on either side
# (Turkish writes "%30"); a language listed here has its words read too ("10 pour 100" is an old
# way of writing it).
PERCENT_AFTER: dict[str, tuple[str, ...]] = {
    "en": ("percent", "per cent", "pct", "pc"), "fr": ("pour cent", "pourcent", "pour-cent", "pour 100"),
    "es": ("por ciento", "por 100"), "pt": ("por cento", "por 100"), "it": ("per cento", "percento", "per 100"), "de": ("prozent",), "nl": ("procent",),
    "pl": ("procent-",), "ru": ("процент-",), "uk": ("відсот-",), "bg": ("процент-",),
    "bs": ("posto", "odsto", "procen-"), "ro": ("la sută", "la suta", "procent-"), "id": ("persen",),
    "he": ("אחוז", "אחוזים"), "ar": ("في المئة", "في المائة", "بالمئة", "بالمائة", "في المأة"), "az": ("faiz",),
    "kk": ("пайыз", "payız"), "ur": ("فیصد", "فيصد"), "ka": ("პროცენტ-",),
}  # fmt: skip
PERCENT_BEFORE: dict[str, tuple[str, ...]] = {"tr": ("yüzde",), "zh": ("百分之",), "ar": ("بنسبة",)}
PERCENT_SIGNS = ("%", "٪")

# Words that make a number a return: after it, at most two words between ("400 returned", "400 ya
# han vuelto", "760 Rückkehrern"), or before it, at most one word between ("عاد 400", Turkish
# "dönen ... 900"). A number or a punctuation mark ends the search: "3.244 IS-Kämpfern und 760
# Rückkehrern" makes 760 a return, not 3.244.
RETURN_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("return-", "came back", "come back", "back home", "back in", "back to", "back on", "now back", "are back",
           "were back", "welcomed back", "brought back", "repatriat-", "go home", "gone home", "went home",
           "going home", "come home", "came home"), "fr": ("retour-", "retourn-", "rentr-", "revenu-"),
    "es": ("regres-", "retorn-", "volv-", "vuelt-", "vuelto"), "pt": ("regress-", "retorn-", "voltar-", "voltou", "voltaram"),
    "it": ("rientr-", "ritorn-", "tornat-"), "de": ("rückkehr-", "zurückgek-", "heimgek-"), "nl": ("teruggek-", "terugk-"),
    "pl": ("powróci-", "wróci-", "powrot-", "powrac-"), "ru": ("вернул-", "вернувш-", "возврат-", "возвращ-"),
    "uk": ("повернул-", "поверне-"), "bg": ("завърн-", "върнал-"), "bs": ("vratil-", "vratio", "povrat-"),
    "tr": ("dön-",), "ar": ("عاد", "عادوا", "عودة", "العائدين", "العائدون"), "id": ("kembali", "pulang"),
}  # fmt: skip
_WORD = r"[^\W\d][\w'’-]*"
# Letters Arabic writes on the front of a word: "and" ("وعاد 400": "and 400 returned"), "so". Read
# only on a word before the number: after it, "and returned" begins another clause ("بـ3244 وعاد منهم
# 760": 3244, and of them 760 returned).
RETURN_PREFIXES = {"ar": "وف"}
# German puts the verb at the end of its clause ("400 sind nach Russland zurückgekehrt", "400 Kämpfer
# kehrten nach Russland zurück"): there the last word of the clause that follows the number, up to
# six words on and unless the clause negates it, makes it a return. The clause ends at a punctuation
# mark, a number or the end of the text, so "3.417 Kämpfer, von denen 400 zurückgekehrt sind" leaves
# 3.417 a departure.
RETURN_AT_CLAUSE_END: dict[str, tuple[str, ...]] = {
    "de": (r"(?:zurück|heim)ge(?:kehrt|kommen)\w*", r"(?:kehr|kam|kommen|kommt)\w*(?:\s+\S+){0,4}?\s+(?:zurück|heim)"),
}
NEGATIONS: dict[str, tuple[str, ...]] = {"de": ("nicht", "nie", "niemals", "kein-")}

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
    # Never part of a longer number: no digit or separator-and-digit on either side. A space separates
    # thousands only where the language writes it so ("1 910"); elsewhere digits after a space are
    # another number ("In 2017 129 Americans").
    spaced = language in SPACE_THOUSANDS
    not_after = rf"(?<![\d.,])(?<!\d[{SPACES}])" if spaced else r"(?<![\d.,])"
    not_before = rf"(?!\d|[.,{SPACES}]\d)" if spaced else r"(?!\d|[.,]\d)"
    for thousands, decimal in seps:
        t, d = re.escape(thousands) if len(thousands) == 1 else f"[{thousands}]", re.escape(decimal)
        out.append(
            (
                re.compile(rf"{not_after}(\d{{1,3}}(?:{t}\d{{3}})+|\d+)(?:{d}(\d+))?{not_before}"),
                thousands,
                decimal,
            )
        )
    return out


@cache
def _compiled(language: str) -> list[tuple[re.Pattern[str], str, str]]:
    return _patterns(language)


_ARABIC_NUMERALS = re.compile(f"[{''.join(map(chr, _ARABIC_DIGITS | _ARABIC_SEPARATORS))}]")


@lru_cache(maxsize=CACHED)  # each quote is folded by several rules
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if _ARABIC_NUMERALS.search(text):  # translating every character cost more than the search
        text = text.translate(_ARABIC_DIGITS).translate(_ARABIC_SEPARATORS)
    return text.casefold()


_NOT_DIGITS = re.compile(r"\D")
_MARKS = SPACES + "\u200f\u200e"  # and the marks of direction a right-to-left page puts by a number
_REST_OF_THOUSANDS = re.compile(rf"[{SPACES}]*(\d{{1,3}})(?![\d.,]\d|\d)")


@cache
def _thousands(language: str) -> re.Pattern[str] | None:
    """The language's words for thousand, the first that follows a number first ("5,6 tys.")."""
    words = THOUSAND.get(language, ()) + (("k",) if language == "en" else ())
    return re.compile("|".join(f"(?:{_word_pattern(w, language, True).pattern})" for w in words)) if words else None


@lru_cache(maxsize=CACHED)
def _figures(folded: str, language: str) -> tuple[tuple[float, int, int], ...]:
    """(value, start, end) of every number written in digits in the folded text: the digits alone,
    times a word for thousand after them ("5,6 tys.", "4,2 тысячи"; the end past the word), and with
    the hundreds that follow that word (Turkish "3 bin 417")."""
    out: list[tuple[float, int, int]] = []
    thousands = _thousands(language)
    for pattern, _, _ in _compiled(language):
        for m in pattern.finditer(folded):
            whole = _NOT_DIGITS.sub("", m.group(1))
            value = float(f"{whole}.{m.group(2)}") if m.group(2) else float(whole)
            out.append((value, m.start(), m.end()))
            rest = folded[m.end() :]
            after = rest.lstrip(_MARKS)
            skipped = len(rest) - len(after)
            found = thousands.match(after[:12]) if thousands else None
            if found:
                end = m.end() + skipped + found.end()
                out.append((value * 1000, m.start(), end))
                hundreds = _REST_OF_THOUSANDS.match(folded, end)
                if hundreds and value == int(value):
                    out.append((value * 1000 + int(hundreds.group(1)), m.start(), hundreds.end()))
            if language in WAN and after.startswith(WAN[language]):
                out.append((value * 10000, m.start(), m.end() + skipped + 1))
    return tuple(sorted(set(out), key=lambda f: (f[1], f[2], f[0])))


def digits_in(text: str, language: str) -> set[float]:
    """Every number written in digits, with what follows it (a word for thousand multiplies)."""
    return {value for value, _, _ in _figures(_fold(text), language)}


# text2num reads numbers in words in these languages ("about fifteen hundred", "trois mille
# quatre cent dix-sept").
TEXT2NUM_LANGUAGES = frozenset({"en", "fr", "es", "pt", "de", "nl", "da", "it"})
# text2num reads the "cent"/"ciento"/"cento" of the words for percent as a hundred ("Dix pour cent" becomes
# "10 pour 100", which states 100 and no percentage): they are written as the sign before it reads the text.
_PERCENT_IN_WORDS = re.compile(r"(?<!\w)(?:pour|por|per)[\s-]+(?:cent|ciento|cento)(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=CACHED)
def in_digits(text: str, language: str) -> str | None:
    """The text with its numbers in words written in digits (text2num), or None where it has none
    or text2num does not know the language."""
    if language not in TEXT2NUM_LANGUAGES:
        return None
    try:
        from text_to_num import alpha2digit  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a dependency of the validate extra
        return None
    protected = _PERCENT_IN_WORDS.sub("%", text)
    try:
        out = alpha2digit(protected, language)
    except (ValueError, KeyError, IndexError, TypeError, NotImplementedError):
        return None
    return out if out != protected else None


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


def _alternatives(words: tuple[str, ...]) -> str:
    """A regex matching any of the words, longest first; " … " takes up to three words."""
    out = sorted(words, key=len, reverse=True)
    return "|".join(r"(?:\s+\S+){0,3}\s+".join(map(re.escape, w.split(" … "))) for w in out)


@cache
def _qualifier_patterns(language: str) -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]]:
    """Per qualifier: its words ending where the figure begins, and its words just after the figure."""
    before = {
        q: re.compile(r"(?<!\w)(?:" + _alternatives(ws) + r")$")
        for q, ws in QUALIFIERS_BEFORE.get(language, {}).items()
        if ws
    }
    after = {
        q: re.compile(r"^(?:[\w'’-]+\s+){0,2}(?:" + _alternatives(ws) + r")(?!\w)")
        for q, ws in QUALIFIERS_AFTER.get(language, {}).items()
    }
    return before, after


@cache
def _over_taken(language: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The language's word for "over" ending the text, taken by the word before it as its preposition,
    and as its particle (a pattern that never matches where the language has none listed)."""
    if language not in PREPOSITION_OVER:
        return None
    overs = "|".join(map(re.escape, PREPOSITION_OVER[language]))
    particles = OVER_AS_PARTICLE.get(language)
    return (
        re.compile(rf"(?<!\w)(?:{_any_word(TAKES_OVER[language])})\s+(?:{overs})$"),
        re.compile(rf"(?<!\w)(?:{_any_word(particles)})\s+(?:{overs})$" if particles else r"(?!)"),
    )


def _stated_at(text: str, value: float, language: str) -> tuple[str, list[tuple[int, int]]]:
    """The folded text and where ``value`` is written in it in digits: (start, end) of each mention,
    the end past a word for thousand that multiplies the digits. Where the digits do not give the
    value, text2num's reading of the numbers in words ("about fifteen hundred") is searched instead."""
    folded = _fold(text)
    spans = [(start, end) for number, start, end in _figures(folded, language) if number == value]
    converted = None if spans else in_digits(text, language)
    if converted is not None:
        folded = _fold(converted)
        spans = [(start, end) for number, start, end in _figures(folded, language) if number == value]
    # the widest reading of each start: "5,6 tys." is one mention of 5600, not 5.6 and 5600
    widest: dict[int, int] = {}
    for start, end in spans:
        widest[start] = max(end, widest.get(start, end))
    return folded, sorted(widest.items())


@lru_cache(maxsize=CACHED)  # quotes repeat: one sentence often gives a departed and a returned figure
def agrees(quote: str, value: float, language: str, percent: bool) -> bool:
    """Whether the quote states ``value`` as the language writes numbers."""
    if value in digits_in(quote, language):
        return True
    converted = in_digits(quote, language)
    if converted is not None and value in digits_in(converted, language):
        return True
    text = _fold(quote)
    if value == 0 and any(_mentions(text, w, language) for w in NONE.get(language, ())):
        return True
    if percent and any(
        abs(v - value) < 0.5 and _mentions(text, w, language) for w, v in FRACTIONS.get(language, {}).items()
    ):
        return True
    if math.isfinite(value) and value == int(value) and value <= 10**7:
        # "twenty-nine" or "twenty nine"; the "cent" of "pour cent" is no hundred
        spaced = _PERCENT_IN_WORDS.sub("%", text).replace("-", " ")
        words = [w.replace("-", " ") for w in _words(int(value), language)]
        words += MORE_WORDS.get(language, {}).get(int(value), ())
        return any(_mentions(spaced, w, language) for w in words)
    return False


@lru_cache(maxsize=CACHED)
def qualifier_near(text: str, value: float, language: str, after: bool = True) -> frozenset[str | None]:
    """The qualifiers that the words next to each mention of ``value`` in digits express, in the
    language's words (None: no such word); with ``after`` false, only the words before it count."""
    before_words, after_words = _qualifier_patterns(language)
    taken = _over_taken(language)
    out: set[str | None] = set()
    folded, spans = _stated_at(text, value, language)
    for start, end in spans:
        before = folded[max(0, start - 40) : start].rstrip(" ,:'\"\u201c\u2018\u00ab\u201e(")
        preposition = taken is not None and taken[0].search(before) is not None
        particle = taken is not None and taken[1].search(before) is not None
        words = [] if preposition else [q for q, pattern in before_words.items() if pattern.search(before)]
        rest = folded[end:].lstrip(SPACES + "%")
        if after:
            words += [q for q, pattern in after_words.items() if pattern.match(rest)]
        out |= set(words) if words else {None}
        if particle:
            out.add(None)
    return frozenset(out)


@lru_cache(maxsize=CACHED)
def percent_mentions(text: str, value: float, language: str) -> tuple[bool, ...]:
    """For each mention of ``value`` in digits, whether the text makes it a percentage there: a
    percent sign, or the language's word for percent, next to it."""
    after_words = PERCENT_AFTER.get(language, ())
    before_words = PERCENT_BEFORE.get(language, ())
    out = []
    folded, spans = _stated_at(text, value, language)
    for start, end in spans:
        after = folded[end:].lstrip(SPACES)
        after = after[1:] if after.startswith("-") else after  # "10-percent"
        before = folded[:start].rstrip(SPACES)
        out.append(
            after.startswith(PERCENT_SIGNS)
            or before.endswith(PERCENT_SIGNS)
            or any(_mentions(after, w, language, anchored=True) for w in after_words)
            or any(before.endswith(w) for w in before_words)
        )
    return tuple(out)


def _any_word(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w.rstrip("-")) + (r"\w*" if w.endswith("-") else r"(?!\w)") for w in words)


@cache
def _return_patterns(language: str) -> tuple[re.Pattern[str], ...] | None:
    """What makes a number a return: the words after it, the words before it, the end of its clause
    (none where the language has no such form) and the words that negate that end."""
    words = RETURN_WORDS.get(language)
    if not words:
        return None
    body = _any_word(words)
    prefix = f"[{RETURN_PREFIXES[language]}]?" if language in RETURN_PREFIXES else ""
    after = re.compile(rf"^(?:{_WORD}[{SPACES}]+){{0,2}}(?:{body})")
    before = re.compile(rf"(?<!\w){prefix}(?:{body})(?:[{SPACES}]+{_WORD})?$")
    ends = RETURN_AT_CLAUSE_END.get(language)
    clause_end = re.compile(rf"^(?:{_WORD}\s+){{0,5}}?(?:{'|'.join(ends)})(?=\s*(?:[^\w\s]|$))" if ends else r"(?!)")
    negated = re.compile(rf"(?<!\w)(?:{_any_word(NEGATIONS[language])})" if language in NEGATIONS else r"(?!)")
    return after, before, clause_end, negated


def _at_clause_end(rest: str, clause_end: re.Pattern[str], negated: re.Pattern[str]) -> bool:
    found = clause_end.match(rest)
    return found is not None and negated.search(found.group()) is None


@lru_cache(maxsize=CACHED)
def return_mentions(text: str, value: float, language: str) -> tuple[bool, ...]:
    """For each mention of ``value`` in digits, whether the words next to it make it a return (in
    the language's words); none where the language's words for a return are not known."""
    patterns = _return_patterns(language)
    if patterns is None:
        return ()
    after_pattern, before_pattern, clause_end, negated = patterns
    folded, spans = _stated_at(text, value, language)
    return tuple(
        after_pattern.match(folded[end:].lstrip(SPACES)) is not None
        or before_pattern.search(folded[max(0, start - 40) : start].rstrip(SPACES)) is not None
        or _at_clause_end(folded[end:].lstrip(SPACES), clause_end, negated)
        for start, end in spans
    )


def unfolded(text: str) -> str:
    """The text as ``numbers_at`` reads it, its letters' case kept: where folding keeps its length
    (no "ß", no Turkish "İ"), a place in one is the same place in the other."""
    return unicodedata.normalize("NFC", text).translate(_ARABIC_DIGITS).translate(_ARABIC_SEPARATORS)


@lru_cache(maxsize=CACHED)
def numbers_at(text: str, language: str) -> tuple[str, tuple[tuple[frozenset[float], int, int], ...]]:
    """The folded text, and each number written in digits in it: (its readings, start, end). Readings
    that overlap are one number, read as its widest: "3 min" is 3000, not 3 and 3000; "1.910" where
    the language writes both separators is 1.91 or 1910."""
    folded = _fold(text)
    out: list[tuple[frozenset[float], int, int]] = []
    group: list[tuple[float, int, int]] = []
    for figure in (*_figures(folded, language), None):
        if figure is not None and group and figure[1] < max(end for _, _, end in group):
            group.append(figure)
            continue
        if group:
            end = max(e for _, _, e in group)
            out.append((frozenset(v for v, _, e in group if e == end), group[0][1], end))
        group = [figure] if figure is not None else []
    return folded, tuple(out)


# Words that join the items of a list ("1,910 from France and 915 from Germany"): between a number
# and a name they end one item, where no punctuation does. Arabic and Hebrew write "and" on the
# next word ("و250"): the letter alone is read as the word.
AND_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("and", "or", "while", "whereas", "but"), "fr": ("et", "ou", "tandis", "mais"),
    "es": ("y", "e", "o", "mientras", "pero"), "pt": ("e", "ou", "enquanto", "mas"), "it": ("e", "ed", "o", "mentre", "ma"),
    "de": ("und", "oder", "sowie", "während", "aber"), "nl": ("en", "of", "terwijl", "maar"),
    "pl": ("i", "oraz", "a", "lub", "zaś", "ale"), "ru": ("и", "а", "или", "но"), "uk": ("і", "й", "та", "а", "або", "але"),
    "bg": ("и", "а", "или", "но"), "bs": ("i", "a", "te", "ili", "ali"), "ro": ("și", "şi", "si", "iar", "sau", "dar"),
    "tr": ("ve", "veya"), "az": ("və", "isə"), "id": ("dan", "serta", "sedangkan"), "ar": ("و", "أو", "ثم"),
    "he": ("ו",), "kk": ("және",), "ka": ("და",), "ur": ("اور",),
}  # fmt: skip
