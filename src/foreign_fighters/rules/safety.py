"""Text that deceives or breaks terminals: control and invisible characters, unsafe URLs, words
that mix scripts.

A message names an offending character by its code point and Unicode name, never by the character
itself: the messages go to terminals, reports and spreadsheets, where the character would do what
the rule is there to stop. Text a message quotes has every such character escaped (``quoted``), and
``show`` escapes the cells it prints the same way (``escaped``).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from typing import cast
from urllib.parse import unquote, urlsplit

import pandas as pd

from ..vocabulary import ORIGINS, SOURCES
from . import STRING, Verdict, rule
from .text import text_cells

# Refused in every cell: C0 controls but LF and CR (tab too: no field needs one), DEL, C1 controls,
# and the invisible format characters (Unicode 15.1's Cc, Cf, Zl and Zp) but those allowed below.
# Written out, not read from unicodedata, so the set does not move with the Python that runs it; a
# test holds it against unicodedata.
HIDDEN = (
    "\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\xad"  # soft hyphen: invisible unless the line breaks there
    "\u180e"  # Mongolian vowel separator
    "\u200b"  # zero-width space
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e"  # bidirectional embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidirectional isolates
    "\u206a-\u206f"  # deprecated format characters
    "\ufeff"  # zero-width no-break space (a byte order mark inside text)
    "\ufff9-\ufffb"  # interlinear annotation
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"  # hieroglyph, shorthand, music format
    "\U000e0001\U000e0020-\U000e007f"  # tags: invisible ASCII look-alikes
)
# Invisible, yet no control or format character, so HIDDEN leaves them: the rest of Unicode 15.1's
# Default_Ignorable_Code_Point, which a renderer is told to show as nothing. `Tur\u034fkey` reads as
# `Turkey` and is another string. A test holds the set against unicodedata's Cf and PropList.txt.
IGNORABLE = (
    "\u034f"  # combining grapheme joiner
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers: letters with no shape
    "\u17b4\u17b5"  # Khmer inherent vowels, "not to be used" (the Unicode standard)
    "\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef"  # variation selectors
    "\u2065\ufff0-\ufff8\U000e0000\U000e0002-\U000e001f\U000e0080-\U000e00ff\U000e01f0-\U000e0fff"  # reserved as such
)
# Not ignorable, yet unseen or unknowable: a braille pattern with no dots shows as a space, and a
# private-use character as whatever the reader's font puts there, or nothing.
BLANK = "\u2800"
PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U0010ffff"
# Format characters that stay allowed. Visible: the Arabic, Syriac and Kaithi signs written before or
# above numbers. In context: the joiners (ZWNJ, ZWJ) inside a Persian, Urdu or Indic word, which
# spell it; the bidirectional marks (LRM, RLM, ALM) in a cell with right-to-left text, where they
# place a number or a parenthesis and, unlike overrides and isolates, reorder nothing around them.
VISIBLE_FORMAT = "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
JOINERS = "\u200c\u200d"
MARKS = "\u200e\u200f\u061c"
# Scripts that use the joiners: Arabic (Persian, Urdu), Syriac, and Devanagari to Sinhala.
JOINING = "\u0600-\u074f\u0750-\u077f\u0860-\u08ff\u0900-\u0dff\ufb50-\ufdff\ufe70-\ufefe"
RIGHT_TO_LEFT = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
MULTILINE = frozenset({"notes"})  # the free-text notes may run over several lines (LF or CRLF)

_ALWAYS = f"[{HIDDEN}{IGNORABLE}{BLANK}{PRIVATE_USE}]|(?<![{JOINING}])[{JOINERS}]|[{JOINERS}](?![{JOINING}])"
IN_NOTES = re.compile(_ALWAYS + r"|\r(?!\n)")  # a bare CR sends a terminal's cursor back over the line
ELSEWHERE = re.compile(_ALWAYS + r"|[\r\n]")
MARK = re.compile(f"[{MARKS}]")
RTL = re.compile(f"[{RIGHT_TO_LEFT}]")
# What ``escaped`` writes as an escape: what the rule refuses in a one-line cell, and the marks even
# where they are allowed, since on a terminal a mark reorders the neighbouring cells of a table too.
UNSHOWN = re.compile(f"{_ALWAYS}|[{MARKS}\r\n]")

# The control characters have no Unicode name, only aliases (NameAliases.txt): C0, DEL, C1.
_C0 = (
    "NULL|START OF HEADING|START OF TEXT|END OF TEXT|END OF TRANSMISSION|ENQUIRY|ACKNOWLEDGE|ALERT|BACKSPACE|"
    "CHARACTER TABULATION|LINE FEED|LINE TABULATION|FORM FEED|CARRIAGE RETURN|SHIFT OUT|SHIFT IN|"
    "DATA LINK ESCAPE|DEVICE CONTROL ONE|DEVICE CONTROL TWO|DEVICE CONTROL THREE|DEVICE CONTROL FOUR|"
    "NEGATIVE ACKNOWLEDGE|SYNCHRONOUS IDLE|END OF TRANSMISSION BLOCK|CANCEL|END OF MEDIUM|SUBSTITUTE|ESCAPE|"
    "INFORMATION SEPARATOR FOUR|INFORMATION SEPARATOR THREE|INFORMATION SEPARATOR TWO|INFORMATION SEPARATOR ONE"
)
_C1 = (
    "PADDING CHARACTER|HIGH OCTET PRESET|BREAK PERMITTED HERE|NO BREAK HERE|INDEX|NEXT LINE|"
    "START OF SELECTED AREA|END OF SELECTED AREA|CHARACTER TABULATION SET|CHARACTER TABULATION WITH JUSTIFICATION|"
    "LINE TABULATION SET|PARTIAL LINE FORWARD|PARTIAL LINE BACKWARD|REVERSE LINE FEED|SINGLE SHIFT TWO|"
    "SINGLE SHIFT THREE|DEVICE CONTROL STRING|PRIVATE USE ONE|PRIVATE USE TWO|SET TRANSMIT STATE|CANCEL CHARACTER|"
    "MESSAGE WAITING|START OF GUARDED AREA|END OF GUARDED AREA|START OF STRING|SINGLE GRAPHIC CHARACTER INTRODUCER|"
    "SINGLE CHARACTER INTRODUCER|CONTROL SEQUENCE INTRODUCER|STRING TERMINATOR|OPERATING SYSTEM COMMAND|"
    "PRIVACY MESSAGE|APPLICATION PROGRAM COMMAND"
)
CONTROL_NAMES = {
    **dict(enumerate(_C0.split("|"))),
    0x7F: "DELETE",
    **{0x80 + i: name for i, name in enumerate(_C1.split("|"))},
}


def named(ch: str) -> str:
    """A character as a message may show it: code point and name, e.g. U+202E RIGHT-TO-LEFT OVERRIDE."""
    name = unicodedata.name(ch, "") or CONTROL_NAMES.get(ord(ch), "(unnamed)")
    return f"U+{ord(ch):04X} {name}"


def _escape(ch: str) -> str:
    if (written := repr(ch)[1:-1]) != ch:  # \n, \x1b, \u202e: repr's own escape
        return written
    code = ord(ch)  # printable to repr, yet invisible: U+034F, U+3164, U+E0100
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escaped(text: str) -> str:
    """``text`` with each character a terminal would act on or not show written as repr writes it
    (``\\x1b``, ``\\u202e``, ``\\u034f``): controls, bidirectional controls and marks, line breaks,
    and the invisible characters no-hidden-characters refuses. ZWNJ and ZWJ inside an Arabic-script
    or Indic word stay, as they spell it."""
    return UNSHOWN.sub(lambda m: _escape(m.group()), text)


def quoted(text: str) -> str:
    """``text`` as a message quotes it: its repr (which escapes every non-printable character), with
    the printable yet invisible ones escaped too (repr leaves U+034F or U+3164 raw)."""
    return escaped(repr(text))


def _kind(ch: str, text: str, at: int) -> str:
    code = ord(ch)
    if ch == "\x1b":
        return "an escape, which starts a terminal escape sequence"
    if ch == "\r" and text[at + 1 : at + 2] != "\n":
        return "a carriage return, which sends a terminal's cursor back over the line"
    if ch in "\r\n":
        return "a line break (only notes may hold one)"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "a control character"
    if 0x202A <= code <= 0x202E:
        return "a bidirectional embedding or override, which reorders the text around it"
    if 0x2066 <= code <= 0x2069:
        return "a bidirectional isolate, which reorders the text around it"
    if ch in MARKS:
        return "a bidirectional mark in a cell with no right-to-left text"
    if ch in JOINERS:
        return "a zero-width joiner outside the Arabic-script or Indic word that would need it"
    if ch in "\u200b\u2060\ufeff":
        return "a zero-width character"
    if ch in "\u2028\u2029":
        return "a line or paragraph separator"
    if ch == BLANK:
        return "a braille pattern with no dots, which shows as a space"
    if re.match(f"[{PRIVATE_USE}]", ch):
        return "a private-use character, which shows as whatever a font puts there, or nothing"
    if "VARIATION SELECTOR" in unicodedata.name(ch, ""):
        return "a variation selector, which shows as nothing"
    if "FILLER" in unicodedata.name(ch, ""):
        return "a Hangul filler, a letter with no shape"
    if re.match(f"[{IGNORABLE}]", ch):
        return "an invisible character (Unicode's Default_Ignorable_Code_Point), which shows as nothing"
    return "an invisible format character"


def hidden_at(text: str, multiline: bool) -> list[int]:
    """Where ``text`` holds a character the cells rule refuses (the same patterns as the rule)."""
    found = [m.start() for m in (IN_NOTES if multiline else ELSEWHERE).finditer(text)]
    if not RTL.search(text):
        found += [m.start() for m in MARK.finditer(text)]
    return sorted(found)


@rule(
    "no-hidden-characters", "every CSV",
    "no text cell holds a control character (C0, DEL or C1: NUL, tab, the escape that starts terminal escape "
    "sequences; only `notes` may break lines, with LF or CRLF, never a bare CR), a bidirectional embedding, override "
    "or isolate, a zero-width or other invisible format character (soft hyphen, word joiner, tags), any other "
    "character Unicode says to show as nothing (Default_Ignorable_Code_Point: the combining grapheme joiner, Hangul "
    "fillers, variation selectors), the blank braille pattern U+2800, or a private-use character. Allowed: ZWNJ "
    "and ZWJ between letters of Arabic-script and Indic words, which spell them, and the LRM, RLM and ALM marks in a "
    "cell that holds right-to-left text. Right-to-left scripts themselves are text like any other.",
    "cells",
)  # fmt: skip
def no_hidden_characters(df: pd.DataFrame, tables: object) -> Verdict:
    def holds(name: str, text: str) -> bool:
        bad = (IN_NOTES if name in MULTILINE else ELSEWHERE).search(text)
        return not bad and not (MARK.search(text) and not RTL.search(text))

    ok = text_cells(df, holds)

    def explain(row: pd.Series, column: str) -> tuple[str, str]:
        text = str(row[column])
        found = hidden_at(text, column in MULTILINE)
        at = found[0]
        more = f" (and {len(found) - 1} more such characters)" if len(found) > 1 else ""
        where = f"after {quoted(text[max(0, at - 20) : at])}" if at else "at the start"
        return column, f"holds {named(text[at])}, {_kind(text[at], text, at)}, at character {at + 1} ({where}){more}"

    return Verdict(ok, explain)


# ---- words that mix scripts ------------------------------------------------------------------------

NOT_A_SCRIPT = frozenset({"COMMON", "INHERITED", "Unknown"})  # digits, punctuation, combining marks
# Scripts one word may combine, Unicode TS #39's "highly restrictive" level: Latin with Japanese,
# with Korean, or with Chinese and Bopomofo, as in `BBC中文网`, `NHKニュース` or `KBS뉴스`. No
# Cyrillic or Greek goes with Latin: their look-alike letters are what the rule is there to catch.
TOGETHER = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
)


def words(text: str) -> list[str]:
    """The words of ``text``: runs of letters, marks and digits, split at whitespace and punctuation."""
    out, word = [], []
    for ch in text:
        if unicodedata.category(ch)[0] in "LMN":
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    return [*out, "".join(word)] if word else out


def scripts_of(word: str) -> Counter[str]:
    # Imported here: `show` and `diff` use this module's escaping with the base install alone.
    from confusable_homoglyphs import categories  # type: ignore[import-untyped]

    return Counter(s for s in map(categories.alias, word) if s not in NOT_A_SCRIPT)


def mixed_script(word: str) -> str | None:
    """How ``word`` mixes scripts, or None: the letters outside its main script, and what they look like."""
    scripts = scripts_of(word)
    if len(scripts) < 2 or any(scripts.keys() <= together for together in TOGETHER):
        return None
    from confusable_homoglyphs import categories, confusables

    main = scripts.most_common(1)[0][0]
    strays = list(dict.fromkeys(ch for ch in word if categories.alias(ch) not in NOT_A_SCRIPT | {main}))
    described = []
    for ch in strays:
        looks = confusables.is_confusable(ch, preferred_aliases=[main])
        glyphs = (
            [g["c"] for g in looks[0]["homoglyphs"] if len(g["c"]) == 1 and main in scripts_of(g["c"])] if looks else []
        )
        like = f" (looks like {named(glyphs[0])})" if glyphs else ""
        described.append(f"{named(ch)}{like}")
    return f"mixes scripts: {'; '.join(described)} among {main} letters"


def name_problem(text: str) -> str | None:
    return next((f"the word {quoted(w)} {p}" for w in words(text) if (p := mixed_script(w))), None)


NON_ASCII = re.compile(r"[^\x00-\x7f]")
NAMES = {SOURCES: "outlet", ORIGINS: "origin"}  # the names each resource gives; figures-by-source has none


@rule(
    "no-mixed-script-word", (SOURCES, ORIGINS),
    "no word (split at whitespace and punctuation) of an `outlet` or an `origin` mixes scripts, such as a Latin "
    "name with a Cyrillic `\u0430` (U+0430) for an `a`; digits, punctuation and combining marks belong to no "
    "script, a word wholly in one script is fine, and so is a word within one of the combinations Unicode TS #39 "
    "calls highly restrictive: Latin with Han and kana (`NHKニュース`), Latin with Han and Hangul (`KBS뉴스`), Latin "
    "with Han and Bopomofo (`BBC中文网`). Cyrillic or Greek letters in a Latin word are refused.",
    "rows", reads={f"{SOURCES}:outlet": STRING, f"{ORIGINS}:origin": STRING},
)  # fmt: skip
def no_mixed_script_word(df: pd.DataFrame, tables: object) -> Verdict:
    column = next(c for c in NAMES.values() if c in df.columns)
    names = df[column]
    # Only a name with a character beyond ASCII can mix scripts: the rest need no look.
    suspect = names[names.str.contains(NON_ASCII).fillna(False).astype(bool)]
    problems = {name: name_problem(name) for name in suspect.unique()}
    good = names.map(problems).isna()
    return Verdict(good.astype(bool), lambda row: (column, f"{quoted(row[column])}: {problems[row[column]]}"))


# ---- URLs ------------------------------------------------------------------------------------------

SCHEMES = frozenset({"http", "https"})
URL_HIDDEN = f"{HIDDEN}{IGNORABLE}{BLANK}{PRIVATE_USE}\n\r{JOINERS}{MARKS}"  # in an address nothing invisible has a use
UNSEEN = re.compile(rf"[\s{URL_HIDDEN}]")
# A DNS label (RFC 1035, as RFC 1123 lets it start with a digit): 1 to 63 letters, digits and
# hyphens, no hyphen at either end. An IPv4 address is labels of digits, so it passes too.
LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
DNS_LABEL = re.compile(LABEL, re.IGNORECASE)
IDNA_DOTS = re.compile("[.\u3002\uff0e\uff61]")  # IDNA reads the ideographic full stops as dots too
# Plainly safe: http(s), an ASCII host of DNS labels that is no punycode, nothing invisible or
# percent-encoded. Only the others are taken apart in Python, and any address this passes,
# url_problem passes too.
PLAIN_URL = re.compile(
    rf"https?://(?![^/?#]*xn--)(?![0-9.]+(?:[:/?#]|$)){LABEL}(?:\.{LABEL})*(?::[0-9]{{1,4}})?(?:[/?#][^\s%{URL_HIDDEN}]*)?",
    re.IGNORECASE,
)


def _label_problem(host: str, ascii_host: str) -> str | None:
    """The first label of ``ascii_host`` (``host`` as IDNA writes it) that no DNS name may hold, or of
    ``host`` itself that starts or ends with a hyphen, which punycode hides inside its ASCII form."""
    bad = [label for label in ascii_host.split(".") if not DNS_LABEL.fullmatch(label)]
    bad += [label for label in IDNA_DOTS.split(host) if label.startswith("-") or label.endswith("-")]
    if not bad:
        return None
    return (
        f"host {quoted(host)} has the label {quoted(bad[0])}: a host name's labels are 1 to 63 letters, digits and "
        "hyphens, with no hyphen at either end"
    )


def _not_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an IP address is no press page's host: loopback, private, link-local, reserved."""
    if address.is_global:
        return None
    return f"host {address} is not a public address (loopback, private, link-local or reserved)"


def _host_problem(host: str) -> str | None:
    if host.startswith("[") or ":" in host:
        try:
            return _not_public(ipaddress.IPv6Address(host.strip("[]")))
        except ValueError:
            return f"host {quoted(host)} is not a valid IPv6 address"
    try:
        return _not_public(ipaddress.IPv4Address(host))
    except ValueError:
        pass  # a name, not an address
    if host.isascii():
        if problem := _label_problem(host, host):
            return problem
        shown = {}
        for label in host.split("."):
            if label.startswith("xn--"):  # punycode: what a browser may show is the decoded label
                try:
                    decoded = label.encode("ascii").decode("idna")
                except UnicodeError:
                    return f"host label {quoted(label)} is not valid punycode"
                shown[f"{quoted(label)} ({quoted(decoded)})"] = decoded
    else:
        try:
            encoded = host.encode("idna").decode("ascii")
        except UnicodeError:
            return f"host {quoted(host)} is not a valid internationalised domain name (IDNA)"
        if problem := _label_problem(host, encoded):
            return problem
        shown = {quoted(label): label for label in IDNA_DOTS.split(host)}
    # Each label in one script, as browsers show an address: `пример.com` is a Cyrillic name under
    # .com; a Latin name with one Cyrillic letter in a label is a look-alike.
    return next((f"host label {k} {p}" for k, label in shown.items() if (p := mixed_script(label))), None)


def url_problem(url: str) -> str | None:
    """What makes ``url`` unsafe to show or follow, or None."""
    unseen = UNSEEN.search(url)
    if unseen:
        at = unseen.start()
        return f"holds {named(url[at])} at character {at + 1}: an address must read as it leads"
    decoded = UNSEEN.search(unquote(url).replace(" ", ""))  # %20 is a space the address shows encoded
    if decoded:
        return f"percent-encodes {named(decoded.group())}, an invisible or control character"
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # an unclosed [ in the host
        return f"is not a well-formed address ({exc})"
    if parts.scheme.lower() not in SCHEMES:
        return f"scheme {quoted(parts.scheme) if parts.scheme else '(none)'} is not http or https"
    if "@" in parts.netloc:
        return (
            f"carries a user name or password (user:password@) before its host {quoted(parts.netloc.rpartition('@')[2])}: "
            "the address reads as one site and leads to another"
        )
    if not parts.hostname:
        return "has no host"
    try:
        _ = parts.port  # raises on a port that is no number in range
    except ValueError:
        return f"port in {quoted(parts.netloc)} is not a number from 0 to 65535"
    return _host_problem(parts.hostname)


USER_INFO = re.compile(r"^([^:/?#]*://)[^/?#]*@")


def redacted(url: str) -> str:
    """``url`` as a message may quote it: what stands before a host's @ may be a real password."""
    return USER_INFO.sub(r"\1***@", url)


@rule(
    "url-safe", SOURCES,
    "`url` is an http or https address with a host and no `user:password@` before it, with no whitespace, control, "
    "bidirectional, zero-width or other invisible character (written or percent-encoded), and a host that is a public IP "
    "address (no loopback, private, link-local or reserved one) or a name of DNS labels (1 to 63 letters, digits and hyphens, no hyphen at either end; a valid "
    "internationalised domain name as IDNA writes it), each label of it (punycode decoded) in one script.",
    "rows", reads={"url": STRING},
)  # fmt: skip
def url_safe(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    urls = df["url"]
    plain = urls.str.fullmatch(PLAIN_URL).fillna(True).astype(bool)
    problems = {url: url_problem(url) for url in urls[~plain].dropna().unique()}
    good = plain | urls.map(problems).isna()
    return Verdict(
        good.astype(bool), lambda row: ("url", f"{quoted(redacted(row.url))}: {problems[cast(str, row.url)]}")
    )
