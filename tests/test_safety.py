"""The safety rules: no cell hides a control, bidirectional or zero-width character, every URL is
a plain http(s) address that reads as it leads, and no name mixes scripts within a word. Each is
broken on a copy of the frozen fixture package; text in right-to-left and other scripts passes."""

# ruff: noqa: RUF001  (the tests write look-alike letters and the words of many scripts on purpose)

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import EVIDENCE, HEADLINE, ORIGINS, SOURCES, PackageCopy
from test_rules import found

import foreign_fighters as ff
from foreign_fighters.rules import safety

ARTICLE = "fightingfortrump-2017-10"
ORIGIN_NOTE = "United States"  # the fixture's first origin: its notes are free text


def _only(report, rule: str) -> list:
    return [i for i in report.issues if i.rule == rule]


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
    assert not re.search(f"[{safety.URL_HIDDEN}]", issue.message)


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
    assert not re.search(f"[{safety.URL_HIDDEN}]", issue.message)


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
]


@pytest.mark.parametrize(("what", "url"), SAFE_URLS, ids=[c[0] for c in SAFE_URLS])
def test_a_safe_url_passes(pkg: PackageCopy, what, url):
    pkg.set(SOURCES, ARTICLE, "url", url)
    assert ff.validate(pkg.folder).issues == []


@pytest.mark.parametrize("url", [u for _, u in SAFE_URLS] + [u for _, u, _ in URL_CASES])
def test_the_prefilter_passes_only_what_the_full_check_passes(url):
    if safety.PLAIN_URL.fullmatch(url):
        assert safety.url_problem(url) is None


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
]


@pytest.mark.parametrize("outlet", GOOD_OUTLETS)
def test_names_each_word_in_one_script_pass(pkg: PackageCopy, outlet):
    pkg.set(SOURCES, ARTICLE, "outlet", outlet)
    assert ff.validate(pkg.folder).issues == []


def test_words_split_at_whitespace_and_punctuation():
    assert safety.words("RBC (РБК), 1TV/რუსთავი-2") == ["RBC", "РБК", "1TV", "რუსთავი", "2"]
    assert safety.name_problem("RBC (РБК)") is None
    assert safety.name_problem("RBCРБК") is not None
