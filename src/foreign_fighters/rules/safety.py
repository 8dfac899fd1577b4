"""Text that deceives or breaks terminals: control and invisible characters, unsafe URLs, words
that mix scripts.

A message names an offending character by its code point and Unicode name, never by the character
itself: the messages go to terminals, reports and spreadsheets, where the character would do what
the rule is there to stop.
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
from confusable_homoglyphs import categories, confusables  # type: ignore[import-untyped]

from ..vocabulary import ORIGINS, SOURCES
from . import STRING, Verdict, rule

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

_ALWAYS = f"[{HIDDEN}]|(?<![{JOINING}])[{JOINERS}]|[{JOINERS}](?![{JOINING}])"
IN_NOTES = re.compile(_ALWAYS + r"|\r(?!\n)")  # a bare CR sends a terminal's cursor back over the line
ELSEWHERE = re.compile(_ALWAYS + r"|[\r\n]")
MARK = re.compile(f"[{MARKS}]")
RTL = re.compile(f"[{RIGHT_TO_LEFT}]")

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
    return "an invisible format character"


def hidden_at(text: str, multiline: bool) -> list[int]:
    """Where ``text`` holds a character the cells rule refuses (the same patterns as the rule)."""
    found = [m.start() for m in (IN_NOTES if multiline else ELSEWHERE).finditer(text)]
    if not RTL.search(text):
        found += [m.start() for m in MARK.finditer(text)]
    return sorted(found)


def _text(df: pd.DataFrame) -> pd.DataFrame:
    return df.select_dtypes(include=["string", "category"]).astype("string")


@rule(
    "no-hidden-characters", "every CSV",
    "no text cell holds a control character (C0, DEL or C1: NUL, tab, the escape that starts terminal escape "
    "sequences; only `notes` may break lines, with LF or CRLF, never a bare CR), a bidirectional embedding, override "
    "or isolate, or a zero-width or other invisible format character (soft hyphen, word joiner, tags). Allowed: ZWNJ "
    "and ZWJ between letters of Arabic-script and Indic words, which spell them, and the LRM, RLM and ALM marks in a "
    "cell that holds right-to-left text. Right-to-left scripts themselves are text like any other.",
    "cells",
)  # fmt: skip
def no_hidden_characters(df: pd.DataFrame, tables: object) -> Verdict:
    ok = pd.DataFrame(True, index=df.index, columns=df.columns)
    for name, col in _text(df).items():
        bad = col.str.contains(IN_NOTES if name in MULTILINE else ELSEWHERE)
        bad |= col.str.contains(MARK) & ~col.str.contains(RTL)
        ok[name] = ~bad.fillna(False).astype(bool)

    def explain(row: pd.Series, column: str) -> tuple[str, str]:
        text = str(row[column])
        found = hidden_at(text, column in MULTILINE)
        at = found[0]
        more = f" (and {len(found) - 1} more such characters)" if len(found) > 1 else ""
        # repr escapes every character HIDDEN holds, so the context shows none of them raw.
        where = f"after {text[max(0, at - 20) : at]!r}" if at else "at the start"
        return column, f"holds {named(text[at])}, {_kind(text[at], text, at)}, at character {at + 1} ({where}){more}"

    return Verdict(ok, explain)


# ---- words that mix scripts ------------------------------------------------------------------------

NOT_A_SCRIPT = frozenset({"COMMON", "INHERITED", "Unknown"})  # digits, punctuation, combining marks
# Scripts one word may legitimately combine (Unicode TS #39, "highly restrictive"): Japanese,
# Korean and Chinese with Bopomofo.
TOGETHER = (
    frozenset({"HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"HAN", "HANGUL"}),
    frozenset({"HAN", "BOPOMOFO"}),
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
    return Counter(s for s in map(categories.alias, word) if s not in NOT_A_SCRIPT)


def mixed_script(word: str) -> str | None:
    """How ``word`` mixes scripts, or None: the letters outside its main script, and what they look like."""
    scripts = scripts_of(word)
    if len(scripts) < 2 or any(scripts.keys() <= together for together in TOGETHER):
        return None
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
    return next((f"the word {w!r} {p}" for w in words(text) if (p := mixed_script(w))), None)


NON_ASCII = re.compile(r"[^\x00-\x7f]")
NAMES = {SOURCES: "outlet", ORIGINS: "origin"}  # the names each resource gives; figures-by-source has none


@rule(
    "no-mixed-script-word", (SOURCES, ORIGINS),
    "no word (split at whitespace and punctuation) of an `outlet` or an `origin` mixes scripts, such as a Latin "
    "name with a Cyrillic `\u0430` (U+0430) for an `a`; digits, punctuation and combining marks belong to no "
    "script, a word wholly in one script is fine, and Han may go with kana (Japanese), Hangul or Bopomofo.",
    "rows", reads={f"{SOURCES}:outlet": STRING, f"{ORIGINS}:origin": STRING},
)  # fmt: skip
def no_mixed_script_word(df: pd.DataFrame, tables: object) -> Verdict:
    column = next(c for c in NAMES.values() if c in df.columns)
    names = df[column]
    # Only a name with a character beyond ASCII can mix scripts: the rest need no look.
    suspect = names[names.str.contains(NON_ASCII).fillna(False).astype(bool)]
    problems = {name: name_problem(name) for name in suspect.unique()}
    good = names.map(problems).isna()
    return Verdict(good.astype(bool), lambda row: (column, f"{row[column]!r}: {problems[row[column]]}"))


# ---- URLs ------------------------------------------------------------------------------------------

SCHEMES = frozenset({"http", "https"})
URL_HIDDEN = f"{HIDDEN}\n\r{JOINERS}{MARKS}"  # in an address nothing invisible has a use
UNSEEN = re.compile(rf"[\s{URL_HIDDEN}]")
ASCII_HOST = re.compile(r"[a-z0-9_.-]+")
IDNA_DOTS = re.compile("[.\u3002\uff0e\uff61]")  # IDNA reads the ideographic full stops as dots too
# Plainly safe: http(s), an ASCII host that is no punycode, nothing invisible or percent-encoded. Only
# the others are taken apart in Python, and any address this passes, url_problem passes too.
PLAIN_URL = re.compile(
    rf"https?://(?![^/?#]*xn--)[a-z0-9_.-]+(?::[0-9]{{1,4}})?(?:[/?#][^\s%{URL_HIDDEN}]*)?", re.IGNORECASE
)


def _host_problem(host: str) -> str | None:
    if host.startswith("[") or ":" in host:
        try:
            ipaddress.IPv6Address(host.strip("[]"))
        except ValueError:
            return f"host {host!r} is not a valid IPv6 address"
        return None
    if host.isascii():
        if not ASCII_HOST.fullmatch(host):
            return f"host {host!r} holds characters a host name cannot"
        shown = {}
        for label in host.split("."):
            if label.startswith("xn--"):  # punycode: what a browser may show is the decoded label
                try:
                    decoded = label.encode("ascii").decode("idna")
                except UnicodeError:
                    return f"host label {label!r} is not valid punycode"
                shown[f"{label!r} ({decoded!r})"] = decoded
    else:
        try:
            host.encode("idna")
        except UnicodeError:
            return f"host {host!r} is not a valid internationalised domain name (IDNA)"
        shown = {repr(label): label for label in IDNA_DOTS.split(host)}
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
        return f"scheme {parts.scheme or '(none)'!r} is not http or https"
    if "@" in parts.netloc:
        return (
            f"carries a user name or password (user:password@) before its host {parts.netloc.rpartition('@')[2]!r}: "
            "the address reads as one site and leads to another"
        )
    if not parts.hostname:
        return "has no host"
    try:
        _ = parts.port  # raises on a port that is no number in range
    except ValueError:
        return f"port in {parts.netloc!r} is not a number from 0 to 65535"
    return _host_problem(parts.hostname)


USER_INFO = re.compile(r"^([^:/?#]*://)[^/?#]*@")


def redacted(url: str) -> str:
    """``url`` as a message may quote it: what stands before a host's @ may be a real password."""
    return USER_INFO.sub(r"\1***@", url)


@rule(
    "url-safe", SOURCES,
    "`url` is an http or https address with a host and no `user:password@` before it, with no whitespace, control, "
    "bidirectional or zero-width character (written or percent-encoded), and a host that is ASCII or a valid "
    "internationalised domain name, each label of it (punycode decoded) in one script.",
    "rows", reads={"url": STRING},
)  # fmt: skip
def url_safe(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    urls = df["url"]
    plain = urls.str.fullmatch(PLAIN_URL).fillna(True).astype(bool)
    problems = {url: url_problem(url) for url in urls[~plain].dropna().unique()}
    good = plain | urls.map(problems).isna()
    return Verdict(good.astype(bool), lambda row: ("url", f"{redacted(row.url)!r}: {problems[cast(str, row.url)]}"))
