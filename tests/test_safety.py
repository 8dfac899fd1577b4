"""The safety rules: no cell hides a control, bidirectional or zero-width character, every URL is
a plain http(s) address that reads as it leads, and no name mixes scripts within a word. Each is
broken on a copy of the frozen fixture package; text in right-to-left and other scripts passes."""

# ruff: noqa: RUF001  (the tests write look-alike letters and the words of many scripts on purpose)

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import BELGIUM, BELGIUM_EVIDENCE, EVIDENCE, HEADLINE, ORIGINS, SOURCES, PackageCopy
from test_rules import found

import foreign_fighters as ff
from foreign_fighters.rules import safety

ARTICLE = "fightingfortrump-2017-10"
ORIGIN_NOTE = "United States"  # the fixture's first origin: its notes are free text


def _only(report, rule: str) -> list:
    return [i for i in report.issues if i.rule == rule]


# What a message may never carry raw: what no-hidden-characters refuses anywhere, the marks and
# joiners it allows in context, and whatever else Python counts as non-printable.
UNSHOWABLE = re.compile(f"[{safety.URL_HIDDEN}]")


def _printable(message: str) -> bool:
    return message.isprintable() and not UNSHOWABLE.search(message)


# ---- no-hidden-characters ---------------------------------------------------------------------------

HIDDEN_CASES = [
    # (what, file, key, field, value, the character as the message names it, its position)
    (
        "bidi override",
        EVIDENCE,
        ORIGIN_NOTE,
        "quote",
        "at least 129 \u202eAmericans",
        "U+202E RIGHT-TO-LEFT OVERRIDE",
        14,
    ),
    (
        "bidi isolate",
        SOURCES,
        ARTICLE,
        "notes",
        "A note \u2067with an isolate\u2069.",
        "U+2067 RIGHT-TO-LEFT ISOLATE",
        8,
    ),
    ("zero-width space", SOURCES, ARTICLE, "outlet", "fighting\u200bfortrump.com", "U+200B ZERO WIDTH SPACE", 9),
    (
        "byte order mark inside text",
        ORIGINS,
        ORIGIN_NOTE,
        "notes",
        "A\ufeffnote.",
        "U+FEFF ZERO WIDTH NO-BREAK SPACE",
        2,
    ),
    ("NUL", ORIGINS, ORIGIN_NOTE, "notes", "A note\x00.", "U+0000 NULL", 7),
    ("C1 control", SOURCES, ARTICLE, "notes", "A note \x9b31m.", "U+009B CONTROL SEQUENCE INTRODUCER", 8),
    ("next line (C1)", SOURCES, ARTICLE, "notes", "A note\x85.", "U+0085 NEXT LINE", 7),
    ("escape sequence", ORIGINS, ORIGIN_NOTE, "notes", "A note \x1b[31mred\x1b[0m.", "U+001B ESCAPE", 8),
    ("DEL", SOURCES, ARTICLE, "notes", "A note\x7f.", "U+007F DELETE", 7),
    ("tab", SOURCES, ARTICLE, "notes", "A\tnote.", "U+0009 CHARACTER TABULATION", 2),
    ("line break outside notes", SOURCES, ARTICLE, "outlet", "fightingfortrump.com\n(blog)", "U+000A LINE FEED", 21),
    ("line separator", SOURCES, ARTICLE, "notes", "A note\u2028.", "U+2028 LINE SEPARATOR", 7),
    ("soft hyphen", SOURCES, ARTICLE, "notes", "A no\xadte.", "U+00AD SOFT HYPHEN", 5),
    ("tag character", SOURCES, ARTICLE, "notes", "A note\U000e0041.", "U+E0041 TAG LATIN CAPITAL LETTER A", 7),
    (
        "zero-width non-joiner in a Latin word",
        SOURCES,
        ARTICLE,
        "notes",
        "Rewri\u200ctes.",
        "U+200C ZERO WIDTH NON-JOINER",
        6,
    ),
    (
        "zero-width joiner after Persian, before Latin",
        SOURCES,
        ARTICLE,
        "notes",
        "می\u200dx",
        "U+200D ZERO WIDTH JOINER",
        3,
    ),
    (
        "right-to-left mark with no right-to-left text",
        SOURCES,
        ARTICLE,
        "notes",
        "5,600\u200f returned",
        "U+200F RIGHT-TO-LEFT MARK",
        6,
    ),
    # Printable to Python, invisible on the page: Default_Ignorable_Code_Point beyond the format
    # characters, the blank braille pattern, private use.
    ("combining grapheme joiner", ORIGINS, "France", "notes", "Fr\u034fance", "U+034F COMBINING GRAPHEME JOINER", 3),
    ("blank braille pattern", SOURCES, ARTICLE, "outlet", "Fox\u2800News", "U+2800 BRAILLE PATTERN BLANK", 4),
    ("Hangul filler", SOURCES, ARTICLE, "outlet", "Bre\u3164itbart", "U+3164 HANGUL FILLER", 4),
    ("Hangul choseong filler", SOURCES, ARTICLE, "notes", "A \u115fnote.", "U+115F HANGUL CHOSEONG FILLER", 3),
    ("Hangul jungseong filler", SOURCES, ARTICLE, "notes", "A \u1160note.", "U+1160 HANGUL JUNGSEONG FILLER", 3),
    ("halfwidth Hangul filler", SOURCES, ARTICLE, "notes", "A \uffa0note.", "U+FFA0 HALFWIDTH HANGUL FILLER", 3),
    ("variation selector-16", SOURCES, ARTICLE, "notes", "A note\ufe0f.", "U+FE0F VARIATION SELECTOR-16", 7),
    ("variation selector-1", SOURCES, ARTICLE, "notes", "A note\ufe00.", "U+FE00 VARIATION SELECTOR-1", 7),
    (
        "variation selector beyond the BMP",
        SOURCES,
        ARTICLE,
        "notes",
        "A note\U000e0100.",
        "U+E0100 VARIATION SELECTOR-17",
        7,
    ),
    ("private use", SOURCES, ARTICLE, "outlet", "Fox\ue000News", "U+E000 (unnamed)", 4),
    ("private use, plane 16", SOURCES, ARTICLE, "notes", "A note\U0010fffd.", "U+10FFFD (unnamed)", 7),
    ("private use, plane 15", SOURCES, ARTICLE, "notes", "A note\U000f0000.", "U+F0000 (unnamed)", 7),
    (
        "musical symbol begin beam",
        SOURCES,
        ARTICLE,
        "notes",
        "A note\U0001d173.",
        "U+1D173 MUSICAL SYMBOL BEGIN BEAM",
        7,
    ),
    ("reserved ignorable", SOURCES, ARTICLE, "notes", "A note\ufff0.", "U+FFF0 (unnamed)", 7),
    ("Khmer inherent vowel", SOURCES, ARTICLE, "notes", "A note\u17b4.", "U+17B4 KHMER VOWEL INHERENT AQ", 7),
    (
        "Mongolian free variation selector",
        SOURCES,
        ARTICLE,
        "notes",
        "A note\u180b.",
        "U+180B MONGOLIAN FREE VARIATION SELECTOR ONE",
        7,
    ),
    (
        "Mongolian free variation selector four",
        SOURCES,
        ARTICLE,
        "notes",
        "A note\u180f.",
        "U+180F MONGOLIAN FREE VARIATION SELECTOR FOUR",
        7,
    ),
]


@pytest.mark.breaks("no-hidden-characters")
@pytest.mark.parametrize(
    ("what", "path", "key", "field", "value", "named", "at"), HIDDEN_CASES, ids=[c[0] for c in HIDDEN_CASES]
)
def test_a_hidden_character_is_refused(pkg: PackageCopy, what, path, key, field, value, named, at):
    line = pkg.set(path, key, field, value)
    report = ff.validate(pkg.folder)
    assert found(report, "no-hidden-characters") == [(path, line, field)]
    [issue] = _only(report, "no-hidden-characters")
    assert named in issue.message and f"at character {at} " in issue.message
    # The message names the character; it never carries it (nor any other invisible one).
    assert _printable(issue.message)


@pytest.mark.breaks("no-hidden-characters")
def test_a_look_alike_origin_with_a_grapheme_joiner_is_refused(pkg: PackageCopy):
    # A contributor's new origin, correct in every other way, spelled with an invisible joiner: a
    # second "Belgium" that reads as the first and is another key.
    look_alike = "Bel\u034fgium"
    pkg.add_belgium()
    origins = pkg.rows(ORIGINS)
    pkg.write_rows(ORIGINS, [*origins, [look_alike, *BELGIUM[1:]]], refresh=False)
    evidence = pkg.rows(EVIDENCE)
    pkg.write_rows(EVIDENCE, [*evidence, *([look_alike, *row[1:]] for row in BELGIUM_EVIDENCE)])
    report = ff.validate(pkg.folder)
    expected = [(ORIGINS, len(origins) + 1, "origin"), (EVIDENCE, len(evidence) + 1, "origin")]
    expected.append((EVIDENCE, len(evidence) + 2, "origin"))
    assert found(report, "no-hidden-characters") == expected
    issue = _only(report, "no-hidden-characters")[0]
    assert "U+034F COMBINING GRAPHEME JOINER" in issue.message and "after 'Bel'" in issue.message
    assert _printable(issue.message)


@pytest.mark.breaks("no-hidden-characters")
def test_the_context_a_message_quotes_shows_its_invisible_characters_escaped(pkg: PackageCopy):
    # The first refused character is the override; the context before it holds a Hangul filler and
    # an (allowed) non-joiner, which the message writes as escapes.
    pkg.set(SOURCES, ARTICLE, "notes", "Bre\u3164itbart می\u200cگویند \u202ex")
    [issue] = _only(ff.validate(pkg.folder), "no-hidden-characters")
    assert "U+3164 HANGUL FILLER" in issue.message and "and 1 more" in issue.message
    assert _printable(issue.message)


@pytest.mark.breaks("no-hidden-characters")
def test_a_bare_carriage_return_is_refused_even_in_notes(pkg: PackageCopy):
    line = pkg.set(SOURCES, ARTICLE, "notes", "Shown CR Hidden")
    # Written by hand: the csv module quotes a cell for the line terminator it writes (LF), not for a CR.
    path = pkg.folder / SOURCES
    path.write_bytes(path.read_bytes().replace(b",Shown CR Hidden", b',"Shown\rHidden"'))
    pkg.refresh()
    report = ff.validate(pkg.folder)
    assert found(report, "no-hidden-characters") == [(SOURCES, line, "notes")]
    [issue] = _only(report, "no-hidden-characters")
    assert "U+000D CARRIAGE RETURN, a carriage return, which sends a terminal's cursor back" in issue.message


@pytest.mark.breaks("no-hidden-characters")
def test_each_hidden_cell_is_reported_and_the_rest_counted(pkg: PackageCopy):
    line = pkg.set(SOURCES, ARTICLE, "notes", "\u202ea\u202cb\u200b")
    head = pkg.set(HEADLINE, "foreign_fighters", "description", "Foreign\u2066 fighters.")
    report = ff.validate(pkg.folder)
    assert found(report, "no-hidden-characters") == [(SOURCES, line, "notes"), (HEADLINE, head, "description")]
    assert "and 2 more" in _only(report, "no-hidden-characters")[0].message


PASSING_NOTES = [
    ("Arabic", "اليوم السابع: تقرير أمريكي عن المقاتلين الأجانب في صفوف داعش."),
    ("Arabic with a right-to-left mark before a number", "عاد \u200f5600 مقاتل إلى بلدانهم."),
    ("Hebrew with marks", "וואלה! חדשות: \u200e5,600\u200e לוחמים זרים חזרו\u200f."),
    ("Persian with zero-width non-joiners", "گزارش\u200cها می\u200cگویند ۵۶۰۰ جنگجوی خارجی بازگشته\u200cاند."),
    ("Urdu with an Arabic letter mark", "شام اور عراق سے \u061c5600 غیر ملکی جنگجو واپس لوٹ آئے۔"),
    ("Hindi with a joiner", "रिपोर्ट: क्\u200dष 5600 विदेशी लड़ाके लौटे।"),
    ("Chinese", "青年参考：报告称5600名外国武装分子已回国。"),
    ("Japanese", "テレビ朝日によると、外国人戦闘員5600人が帰国した。"),
    ("Georgian", "„ისლამური სახელმწიფოს“ 50 მებრძოლი საქართველოში ბრუნდება."),
    ("Russian and English", "РБК (RBC): более 5600 боевиков вернулись."),
    ("a multi-line note", "First line.\nSecond line.\r\nThird line."),
    ("a visible Arabic end of ayah", "الآية \u06dd١"),
]


@pytest.mark.variants
@pytest.mark.parametrize(("what", "text"), PASSING_NOTES, ids=[c[0] for c in PASSING_NOTES])
def test_text_in_any_script_passes(pkg: PackageCopy, what, text):
    pkg.set(SOURCES, ARTICLE, "notes", text)
    pkg.set(ORIGINS, ORIGIN_NOTE, "notes", text)
    assert ff.validate(pkg.folder).issues == []


def test_the_hidden_set_covers_every_control_and_format_character_but_those_allowed():
    always = re.compile(f"[{safety.HIDDEN}]")
    allowed = re.compile(f"[{safety.VISIBLE_FORMAT}{safety.JOINERS}{safety.MARKS}\n\r]")
    uncovered = [
        f"U+{c:04X}"
        for c in range(0x110000)
        if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp")
        and not always.match(chr(c))
        and not allowed.match(chr(c))
    ]
    assert uncovered == []
    # Nothing visible is refused: every character HIDDEN holds is a control or format character
    # (or unassigned in this Python's Unicode, for the ranges a later Unicode filled).
    visible = [
        f"U+{c:04X}"
        for c in range(0x110000)
        if always.match(chr(c)) and unicodedata.category(chr(c)) not in ("Cc", "Cf", "Zl", "Zp", "Cn")
    ]
    assert visible == []


# Unicode 15.1's PropList.txt: Other_Default_Ignorable_Code_Point and Variation_Selector, which
# unicodedata does not hold.
OTHER_IGNORABLE = [(0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x2065, 0x2065), (0x3164, 0x3164)]
OTHER_IGNORABLE += [(0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0xE0000, 0xE0000), (0xE0002, 0xE001F)]
OTHER_IGNORABLE += [(0xE0080, 0xE00FF), (0xE01F0, 0xE0FFF)]
VARIATION_SELECTORS = [(0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF)]
# Format characters the derivation leaves out (DerivedCoreProperties.txt): the interlinear
# annotations, the Egyptian hieroglyph format controls, and the prepended concatenation marks
# (VISIBLE_FORMAT).
NOT_IGNORABLE = re.compile(f"[\ufff9-\ufffb\U00013430-\U00013440{safety.VISIBLE_FORMAT}]")


def _default_ignorable(code: int) -> bool:
    """Default_Ignorable_Code_Point as DerivedCoreProperties.txt derives it: Other_DICP, Cf and the
    variation selectors, less White_Space and NOT_IGNORABLE."""
    ch = chr(code)
    if any(a <= code <= b for a, b in OTHER_IGNORABLE + VARIATION_SELECTORS):
        return True
    return unicodedata.category(ch) == "Cf" and not ch.isspace() and not NOT_IGNORABLE.match(ch)


def test_every_default_ignorable_code_point_is_refused_or_allowed_only_in_context():
    refused = re.compile(f"[{safety.HIDDEN}{safety.IGNORABLE}]")
    in_context = re.compile(f"[{safety.JOINERS}{safety.MARKS}]")
    ignorable = [c for c in range(0x110000) if _default_ignorable(c)]
    assert [f"U+{c:04X}" for c in ignorable if not refused.match(chr(c)) and not in_context.match(chr(c))] == []
    # IGNORABLE holds nothing else: what it adds to HIDDEN is Default_Ignorable_Code_Point.
    added = [c for c in range(0x110000) if re.match(f"[{safety.IGNORABLE}]", chr(c))]
    assert [f"U+{c:04X}" for c in added if not _default_ignorable(c)] == []


def test_private_use_and_the_blank_braille_pattern_are_refused_nothing_else_visible():
    private = re.compile(f"[{safety.PRIVATE_USE}]")
    assert [
        f"U+{c:04X}" for c in range(0x110000) if unicodedata.category(chr(c)) == "Co" and not private.match(chr(c))
    ] == []
    assert all(unicodedata.category(chr(c)) in ("Co", "Cn") for c in range(0x110000) if private.match(chr(c)))
    assert unicodedata.name(safety.BLANK) == "BRAILLE PATTERN BLANK"


def test_control_characters_are_named_by_their_unicode_aliases():
    for code, name in safety.CONTROL_NAMES.items():
        assert unicodedata.lookup(name) == chr(code), name
        assert safety.named(chr(code)) == f"U+{code:04X} {name}"
    assert set(safety.CONTROL_NAMES) == {*range(0x20), *range(0x7F, 0xA0)}


# ---- url-safe ---------------------------------------------------------------------------------------

URL_CASES = [
    ("javascript: URL", "javascript:alert(1)", "scheme 'javascript' is not http or https"),
    ("data: URL", "data:text/html,<script>alert(1)</script>", "scheme 'data' is not http or https"),
    ("ftp URL", "ftp://fightingfortrump.com/report", "scheme 'ftp' is not http or https"),
    ("user and password", "https://user:secret@fightingfortrump.com/report", "user name or password"),
    (
        "a host that hides behind a user name",
        "https://fightingfortrump.com@evil.example/report",
        "user name or password",
    ),
    ("a space", "https://fightingfortrump.com/report on isis", "U+0020 SPACE at character 36"),
    (
        "a right-to-left override",
        "https://fightingfortrump.com/\u202efdp.exe",
        "U+202E RIGHT-TO-LEFT OVERRIDE at character 30",
    ),
    (
        "a zero-width space in the host",
        "https://fighting\u200bfortrump.com/report",
        "U+200B ZERO WIDTH SPACE at character 17",
    ),
    (
        "a percent-encoded override",
        "https://fightingfortrump.com/%E2%80%AEfdp.exe",
        "percent-encodes U+202E RIGHT-TO-LEFT OVERRIDE",
    ),
    ("no host", "https:///report", "has no host"),
    ("a bad port", "https://fightingfortrump.com:99999/report", "is not a number from 0 to 65535"),
    ("a Cyrillic letter in a Latin host", "https://fightingfortrumр.com/report", "U+0440 CYRILLIC SMALL LETTER ER"),
    ("the same, as punycode", "https://xn--fightingfortrum-ktm.com/report", "'xn--fightingfortrum-ktm'"),
    ("a host no IDNA allows", "https://fight\u2ff0ing.com/", "not a valid internationalised domain name"),
    ("Hebrew and Latin in one label", "https://\u05d0a.com/", "not a valid internationalised domain name"),
    (
        "a look-alike behind an ideographic full stop",
        "https://x\u3002fightingfortrum\u0440.com/",
        "U+0440 CYRILLIC SMALL LETTER ER",
    ),
    ("an empty label", "http://a..b/", "host 'a..b' has the label ''"),
    ("a hyphen for a host", "http://-/", "host '-' has the label '-'"),
    ("a label ending in a hyphen", "https://fightingfortrump-.com/report", "has the label 'fightingfortrump-'"),
    ("a label starting with a hyphen", "https://-fightingfortrump.com/report", "has the label '-fightingfortrump'"),
    ("an underscore in a host", "https://fighting_for_trump.com/report", "has the label 'fighting_for_trump'"),
    ("a label of 64 characters", f"https://{'a' * 64}.com/", "a host name's labels are 1 to 63"),
    ("a trailing dot", "https://fightingfortrump.com./report", "has the label ''"),
    ("an IDN label ending in a hyphen", "https://пример-.рф/", "has the label 'пример-'"),
    ("a grapheme joiner in the host", "https://fighting\u034ffortrump.com/", "U+034F COMBINING GRAPHEME JOINER"),
    ("a variation selector in the path", "https://fightingfortrump.com/re\ufe0fport", "U+FE0F VARIATION SELECTOR-16"),
    (
        "a percent-encoded Hangul filler",
        "https://fightingfortrump.com/%E3%85%A4",
        "percent-encodes U+3164 HANGUL FILLER",
    ),
]


@pytest.mark.breaks("url-safe")
@pytest.mark.parametrize(("what", "url", "words"), URL_CASES, ids=[c[0] for c in URL_CASES])
def test_an_unsafe_url_is_refused(pkg: PackageCopy, what, url, words):
    line = pkg.set(SOURCES, ARTICLE, "url", url)
    report = ff.validate(pkg.folder)
    assert found(report, "url-safe") == [(SOURCES, line, "url")]
    [issue] = _only(report, "url-safe")
    assert words in issue.message
    assert "secret" not in issue.message  # a password is never repeated
    assert _printable(issue.message)


SAFE_URLS = [
    ("https with a query string and fragment", "https://fightingfortrump.com/report/?id=5600&lang=en#returnees"),
    ("a port", "http://fightingfortrump.com:8080/report"),
    ("percent-encoded Arabic path", "https://www.akhbaralaan.net/news/2017/10/25/%D8%AA%D9%82%D8%A7%D8%B1%D9%8A%D8%B1"),
    ("an Arabic path as the page gives it", "https://youm7.com/story/2017/10/24/تقرير-أمريكى-روسيا/3477853"),
    ("a Cyrillic IDN host", "https://пример.рф/новости?id=1"),
    ("a Cyrillic label under .com", "https://пример.com/"),
    ("an IDN host in Han", "https://例子.中国/新闻"),
    ("punycode in one script", "https://xn--e1afmkfd.xn--p1ai/news"),
    ("an @ in the path", "https://medium.com/@fightingfortrump/report"),
    ("an encoded space", "https://fightingfortrump.com/report%20on%20isis"),
    ("a public IPv4 address", "http://93.184.215.14/report"),
    ("a public IPv6 address", "http://[2606:4700:4700::1111]:8080/report"),
    ("a label of 63 characters", f"https://{'a' * 63}.com/"),
    ("hyphens inside labels and a digit first", "https://9-news.fighting-for-trump.com/report"),
    ("a one-letter label", "https://x.com/report"),
]


@pytest.mark.variants
@pytest.mark.parametrize(("what", "url"), SAFE_URLS, ids=[c[0] for c in SAFE_URLS])
def test_a_safe_url_passes(pkg: PackageCopy, what, url):
    pkg.set(SOURCES, ARTICLE, "url", url)
    assert ff.validate(pkg.folder).issues == []


# named, not shown: an IPv6 address's "::" in a test's id cannot be given back to pytest to run it alone
@pytest.mark.parametrize(
    "url", [u for _, u in SAFE_URLS] + [u for _, u, _ in URL_CASES], ids=[c[0] for c in SAFE_URLS + URL_CASES]
)
def test_the_prefilter_passes_only_what_the_full_check_passes(url):
    if safety.PLAIN_URL.fullmatch(url):
        assert safety.url_problem(url) is None


def test_the_prefilter_takes_the_plain_ascii_addresses():
    # What it is for: the common address needs no look in Python.
    for url in ["https://x.com/report", f"https://{'a' * 63}.com/", "https://9news.com/report?id=1#top"]:
        assert safety.PLAIN_URL.fullmatch(url), url
    bad = ["http://a..b/", "http://-/", "http://a-.com/", "http://a_b.com/", f"http://{'a' * 64}.com/"]
    for url in [*bad, "http://127.0.0.1/admin", "http://10.0.0.5:8080/"]:  # an IP address: the full check
        assert not safety.PLAIN_URL.fullmatch(url), url


# ---- no-mixed-script-word ---------------------------------------------------------------------------

CYRILLIC_A = "\u0430"


@pytest.mark.breaks("no-mixed-script-word")
def test_a_cyrillic_letter_in_a_latin_outlet_is_refused(pkg: PackageCopy):
    line = pkg.set(SOURCES, ARTICLE, "outlet", f"Fox News (fightingfortrump.com, blog; {CYRILLIC_A}bout)")
    report = ff.validate(pkg.folder)
    assert found(report, "no-mixed-script-word") == [(SOURCES, line, "outlet")]
    [issue] = _only(report, "no-mixed-script-word")
    assert "U+0430 CYRILLIC SMALL LETTER A (looks like U+0061 LATIN SMALL LETTER A) among LATIN" in issue.message


@pytest.mark.breaks("no-mixed-script-word")
def test_a_cyrillic_letter_in_a_latin_origin_is_refused(pkg: PackageCopy):
    line = pkg.set(ORIGINS, "France", "origin", f"Fr{CYRILLIC_A}nce")
    report = ff.validate(pkg.folder)
    assert found(report, "no-mixed-script-word") == [(ORIGINS, line, "origin")]
    assert f"the word 'Fr{CYRILLIC_A}nce' mixes scripts" in _only(report, "no-mixed-script-word")[0].message


@pytest.mark.breaks("no-mixed-script-word")
def test_a_latin_letter_in_a_cyrillic_word_is_refused(pkg: PackageCopy):
    line = pkg.set(SOURCES, ARTICLE, "outlet", "Громадське paдіо")  # a Latin p and a Latin a
    report = ff.validate(pkg.folder)
    assert found(report, "no-mixed-script-word") == [(SOURCES, line, "outlet")]
    assert "U+0070 LATIN SMALL LETTER P" in _only(report, "no-mixed-script-word")[0].message


GOOD_OUTLETS = [
    "Hromadske Radio (Громадське радіо)",
    "Akhbar Al Aan (أخبار الآن, citing BBC)",
    "Walla! News (וואלה)",
    "Qingnian Cankao (青年参考, China Youth Daily group)",
    "テレビ朝日 (TV Asahi)",
    "Rustavi 2 (რუსთავი 2)",
    "Algérie1",
    "1TV",
    "Muxalifət.az",
    "Ελληνικά Νέα 24",
    # Latin with Han and kana, with Han and Hangul, with Han and Bopomofo: UTS #39's "highly
    # restrictive" combinations, in one word.
    "BBC中文网",
    "NHKニュース",
    "KBS뉴스",
    "RFI中文",
    "NHKにっぽん",
    "JTBC뉴스룸",
    "BBCㄅㄆ中文",
]


@pytest.mark.variants
@pytest.mark.parametrize("outlet", GOOD_OUTLETS)
def test_names_each_word_in_one_script_pass(pkg: PackageCopy, outlet):
    pkg.set(SOURCES, ARTICLE, "outlet", outlet)
    assert ff.validate(pkg.folder).issues == []


MIXED_WITH_CJK = [
    # (outlet, the stray the message names)
    ("BBС中文网", "U+0421 CYRILLIC CAPITAL LETTER ES"),  # a Cyrillic Es in a Latin-Han word
    ("NΗKニュース", "U+0397 GREEK CAPITAL LETTER ETA"),
    ("KBS뉴스ニュース", "U+30CB KATAKANA LETTER NI"),  # kana and Hangul: Japanese and Korean at once
    ("ㄅ뉴스", "U+3105 BOPOMOFO LETTER B"),  # Bopomofo goes with Han, not with Hangul
]


@pytest.mark.breaks("no-mixed-script-word")
@pytest.mark.parametrize(("outlet", "stray"), MIXED_WITH_CJK, ids=[c[0] for c in MIXED_WITH_CJK])
def test_only_the_highly_restrictive_combinations_pass(pkg: PackageCopy, outlet, stray):
    line = pkg.set(SOURCES, ARTICLE, "outlet", outlet)
    report = ff.validate(pkg.folder)
    assert found(report, "no-mixed-script-word") == [(SOURCES, line, "outlet")]
    assert stray in _only(report, "no-mixed-script-word")[0].message


@pytest.mark.breaks("no-mixed-script-word")
def test_a_mixed_word_is_quoted_with_its_invisible_characters_escaped(pkg: PackageCopy):
    # Two faults in one name: the grapheme joiner (no-hidden-characters) and the Cyrillic a. The
    # mixed-script message quotes the word and must not carry the joiner raw.
    line = pkg.set(ORIGINS, "France", "origin", f"Fr{CYRILLIC_A}n\u034fce")
    report = ff.validate(pkg.folder)
    assert found(report, "no-mixed-script-word") == [(ORIGINS, line, "origin")]
    [issue] = _only(report, "no-mixed-script-word")
    assert f"the word 'Fr{CYRILLIC_A}n\\u034fce' mixes scripts" in issue.message
    assert _printable(issue.message)


def test_words_split_at_whitespace_and_punctuation():
    assert safety.words("RBC (РБК), 1TV/რუსთავი-2") == ["RBC", "РБК", "1TV", "რუსთავი", "2"]
    assert safety.name_problem("RBC (РБК)") is None
    assert safety.name_problem("RBCРБК") is not None


NOT_PUBLIC = {
    "loopback": "http://127.0.0.1/admin",
    "private": "http://192.168.1.1:8080/report",
    "IPv6 loopback": "http://[::1]/x",
    "documentation range": "http://192.0.2.10/report",
    "link-local": "http://169.254.169.254/latest/meta-data",
}


@pytest.mark.breaks("url-safe")
@pytest.mark.parametrize("url", NOT_PUBLIC.values(), ids=NOT_PUBLIC)
def test_an_address_that_is_not_public_is_refused(pkg: PackageCopy, url):
    line = pkg.set(SOURCES, pkg.rows(SOURCES)[1][0], "url", url)
    issues = [i for i in ff.validate(pkg.folder).errors if i.rule == "url-safe"]
    assert [(i.path, i.line, i.field) for i in issues] == [(SOURCES, line, "url")]
    assert "not a public address" in issues[0].message
