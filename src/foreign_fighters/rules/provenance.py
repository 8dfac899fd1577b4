"""Sources and dates that are real: calendar dates, release order, one URL one source, languages.

Dates are written YYYY, YYYY-MM or YYYY-MM-DD (the descriptor's pattern) and are compared at the
precision both have: 2017 is not before 2017-10-24, nor 2017-10 after it. A value the pattern
rejects, or an empty one, passes here: its field rule reports it once.
"""

from __future__ import annotations

import calendar
import datetime
import json
import os
import re
from collections.abc import Mapping
from functools import cache
from typing import cast
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import numpy as np
import pandas as pd

from ..vocabulary import COPY_OF, EVIDENCE, SOURCES
from . import STRING, Verdict, rule
from .figures import ok, per_distinct, some, values

# The report's release: the descriptor's first top-level source gives its version as "October 2017
# (released 24 October 2017; ...)"; the pages that quote it say "released on October 24", "released
# Tuesday" (24 October 2017). A page dated 2017-10 or 2017 is not before it at its own precision.
REPORT_RELEASED = "2017-10-24"

_SHAPE = r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$"
_PRECISIONS = (4, 7, 10)  # the lengths of YYYY, YYYY-MM and YYYY-MM-DD
_DAYS = {m: calendar.monthrange(2001, m)[1] for m in range(1, 13)}  # 2001: not a leap year
# A note explains an early date when it gives that date, says why the page bears it and does not
# take it back. "date" alone is no reason ("Dates are hard."), and the real notes that say
# "no date shown" or "not shown" say the date was not seen, which explains nothing early.
# A reason word stands with its endings: "embargoed", "reprints", "timestamped", "archived".
_REASONS = ("dated", "timestamp", "inferred", "embargo", "preview", "shown", "as printed", "updated", "reprint",
            "archive")  # fmt: skip
_CONTRADICTIONS = ("is wrong", "not shown", "no date", "undated", "not dated")
_REASON = re.compile(rf"\b(?:{'|'.join(map(re.escape, _REASONS))})\w*", flags=re.IGNORECASE)
_CONTRADICTION = re.compile(rf"\b(?:{'|'.join(map(re.escape, _CONTRADICTIONS))})\b", flags=re.IGNORECASE)
# English month names, written out: calendar's names follow the locale, the notes are in English.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}
_INDEX_PAGES = ("index.html", "index.htm", "index.php")  # a folder's default page is the folder


def _parts(dates: pd.Series) -> pd.DataFrame:
    """Year, month and day of each value of the pattern's shape (NaN where absent or misshapen)."""

    def read(distinct: pd.Series) -> np.ndarray:
        found = distinct.str.extract(_SHAPE)
        return np.column_stack([pd.to_numeric(found[i], errors="coerce").astype(float) for i in range(3)])

    parts = per_distinct(dates.astype("string"), read, np.nan)
    return pd.DataFrame(parts, columns=["year", "month", "day"], index=dates.index)


def _days_in(year: pd.Series, month: pd.Series) -> pd.Series:
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return month.map(_DAYS).astype(float) + (leap & (month == 2)).astype(float)


def _unreal(parts: pd.DataFrame) -> pd.Series:
    """Where a date of the pattern's shape names no day of the calendar (proleptic Gregorian, as
    ``datetime.date``, so from year 1): no month 13, no 30 February, no 29 February 2017."""
    year, month, day = parts["year"], parts["month"], parts["day"]
    bad_month = month.notna() & ~month.between(1, 12)
    bad_day = day.notna() & ~bad_month & ~((day >= 1) & (day <= _days_in(year, month)))
    return (year.notna() & (year < 1)) | bad_month | bad_day


def real(dates: pd.Series) -> pd.Series:
    """Where the value is a real date at its precision (False where empty or misshapen)."""
    parts = _parts(dates)
    return parts["year"].notna() & ~_unreal(parts)


def before(earlier: pd.Series, later: pd.Series) -> pd.Series:
    """Where ``earlier`` is before ``later`` at the precision both have: the pattern's dates are
    fixed-width, so the shorter length cuts both to a common precision and text order is date
    order. False where either is empty."""
    a, b = earlier.astype("string"), later.astype("string")
    common = pd.concat([a.str.len(), b.str.len()], axis=1).min(axis=1, skipna=False)
    out = pd.Series(False, index=earlier.index, dtype=bool)
    for length in _PRECISIONS:
        at = (common == length).fillna(False).astype(bool)
        if at.any():
            out[at] = (a[at].str.slice(0, length) < b[at].str.slice(0, length)).fillna(False).astype(bool)
    return out


def _constant(value: str, like: pd.Series | pd.DataFrame) -> pd.Series:
    return pd.Series(value, index=like.index, dtype="string")


def _by_source(tables: Mapping[str, pd.DataFrame], field: str) -> dict[str, str]:
    """``sources``' field by source id, where both are given."""
    return {s: v for s, v in zip(*values(tables[SOURCES], ["source", field]), strict=True) if s and v}


# The date each resource holds: its field, and what the date means, for the messages.
DATE_FIELDS = {SOURCES: "published", EVIDENCE: "as_of"}


@rule(
    "date-real", (SOURCES, EVIDENCE),
    "`published` (sources) and `as_of` (figures-by-source) are real calendar dates at their precision "
    "(no month 13, no 30 February, no 29 February of a common year) and not after the day of the check.",
    "rows", reads={f"{SOURCES}:published": STRING, f"{EVIDENCE}:as_of": STRING},
)  # fmt: skip
def date_real(df: pd.DataFrame, tables: object) -> Verdict:
    # Each of the two resources has one of the two fields: the check reads the one its table has.
    field = "as_of" if "as_of" in df.columns else "published"
    today = datetime.date.today()
    dates = df[field]
    parts = _parts(dates)
    unreal = _unreal(parts)
    future = real(dates) & before(_constant(today.isoformat(), dates), dates)

    def explain(row: pd.Series) -> tuple[str, str]:
        value = str(row[field])
        label = cast(int, row.name)
        year, month = (cast(float, parts.at[label, part]) for part in ("year", "month"))
        if year < 1:
            return field, f"{field} {value!r} is not a real date: there is no year 0"
        if not pd.isna(month) and not 1 <= month <= 12:
            return field, f"{field} {value!r} is not a real date: there is no month {int(month)}"
        if unreal.loc[label]:
            days = calendar.monthrange(int(year), int(month))[1]
            return field, (
                f"{field} {value!r} is not a real date: {calendar.month_name[int(month)]} {int(year)} has {days} days"
            )
        return field, f"{field} {value!r} is after today, {today.isoformat()}"

    return Verdict(~(unreal | future), explain)


@rule(
    "as-of-not-after-published", EVIDENCE,
    "a figure's `as_of` is not after its source's `published` date, at the precision both have: a page "
    "cannot give a figure dated after the page itself.",
    "rows", reads={"as_of": STRING, "source": STRING, f"{SOURCES}:source": STRING, f"{SOURCES}:published": STRING},
)  # fmt: skip
def as_of_not_after_published(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    published = df["source"].astype(object).map(_by_source(tables, "published")).astype("string")
    late = real(df["as_of"]) & real(published) & before(published, df["as_of"])

    def explain(row: pd.Series) -> tuple[str, str]:
        return "as_of", (
            f"as_of {row.as_of} is after the published date of {row.source!r} ({published.loc[cast(int, row.name)]})"
        )

    return Verdict(~late, explain)


def _month(number: int) -> str:
    """A month in words: its name or its three-letter abbreviation (with or without a full stop)."""
    name = _MONTHS[number - 1]
    short = "Sept?" if name == "September" else name[:3]  # "Sept" is as common as "Sep"
    return rf"(?:{name}|{short}\.?)"


@cache
def _date_said(published: str) -> re.Pattern[str]:
    """``published`` as the notes may give it, at its precision: 2017-10-23 as "2017-10-23",
    "23 October 2017" or "Oct 23, 2017"; 2017-10 as "2017-10" or "October 2017" (not as part of a day);
    2017 as "2017" (not as part of a month or a day, in figures or in words)."""
    forms = [rf"(?<![\d-]){re.escape(published)}(?!-?\d)"]
    numbers = [int(part) for part in published.split("-")]
    if len(numbers) == 1:  # a year, but not the year of "October 2017" or "Oct. 23, 2017"
        after_month = "".join(
            rf"(?<!{re.escape(word)} )(?<!{re.escape(word)}, )"
            for name in _MONTHS
            for word in (name, name[:3], f"{name[:3]}.", "Sept", "Sept.")
        )
        forms = [rf"{after_month}(?<!\d, )(?<!\d )" + forms[0]]
    elif len(numbers) == 3:
        year, month, day = numbers
        ordinal = rf"0?{day}(?:st|nd|rd|th)?"
        forms += [rf"\b{ordinal} (?:of )?{_month(month)},? {year}\b", rf"\b{_month(month)} {ordinal},? {year}\b"]
    elif len(numbers) == 2:
        year, month = numbers
        forms += [rf"(?<!\d )(?<!\d[a-z]{{2}} )\b{_month(month)},? {year}\b"]
    return re.compile("|".join(forms), flags=re.IGNORECASE)


def _explained(notes: str | None, published: str | None) -> bool:
    """Whether the notes say why the page is dated as it is: they give the date (as ``published``
    writes it, or in words at its precision), a reason from ``_REASONS`` and none of
    ``_CONTRADICTIONS`` ("Dated 23 October 2017 on the page: an embargoed preview")."""
    if notes is None or published is None:
        return False
    return (
        _date_said(published).search(notes) is not None
        and _REASON.search(notes) is not None
        and _CONTRADICTION.search(notes) is None
    )


@rule(
    "not-before-report", SOURCES,
    f"a page (every row of `sources` quotes the report) is not dated before the report's release, "
    f"{REPORT_RELEASED} (at the precision of `published`: 2017-10 is not before it), unless its `notes` say "
    "why: they give that date (as `published` writes it, or in words at its precision: \"23 October 2017\", "
    "\"October 23, 2017\", \"Oct 2017\"), a reason (" + ", ".join(f'"{w}"' for w in _REASONS) + ") and none of "
    + ", ".join(f'"{w}"' for w in _CONTRADICTIONS) + ".",
    "rows", reads={"published": STRING, "notes": STRING},
)  # fmt: skip
def not_before_report(df: pd.DataFrame, tables: object) -> Verdict:
    early = real(df["published"]) & before(df["published"], _constant(REPORT_RELEASED, df))
    explained = pd.Series(False, index=df.index, dtype=bool)
    if early.any():
        notes, published = values(df.loc[early], ["notes", "published"])
        said = [_explained(n, p) for n, p in zip(notes, published, strict=True)]
        explained[early] = pd.Series(said, index=df.index[early], dtype=bool)
    return Verdict(
        ~early | explained,
        lambda row: (
            "published",
            f"published {row.published} is before the report's release, {REPORT_RELEASED}, and the notes do "
            f'not say why (they should give {row.published}, say why the page bears it, e.g. "dated", '
            '"timestamp", "embargo", and not call it wrong or not shown)',
        ),
    )


@rule(
    "copy-not-older", SOURCES,
    "a reprint is not dated before what it reprints: `published` is not before the `published` of its "
    "`copy_of`, at the precision both have.",
    "rows", reads={"source": STRING, "published": STRING, COPY_OF: STRING},
)  # fmt: skip
def copy_not_older(df: pd.DataFrame, tables: object) -> Verdict:
    original = df[COPY_OF].astype(object).map(_by_source({SOURCES: df}, "published")).astype("string")
    older = real(df["published"]) & real(original) & before(df["published"], original)
    return Verdict(
        ~older,
        lambda row: (
            "published",
            f"published {row.published} is before {original.loc[cast(int, row.name)]}, when {row.copy_of!r}, "
            "which it copies, was published",
        ),
    )


def _host(host: str) -> str:
    """The host as one name: its IDNA ASCII form (bücher.de is xn--bcher-kva.de; the lower-cased host
    where the codec cannot encode it), without the root's trailing dot or a leading ``www.``."""
    host = host.rstrip(".")
    if ":" in host:  # an IPv6 address keeps its brackets
        return f"[{host}]"
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        host = host.lower()
    # www.example.com and example.com serve one page; "www.com" is a name of its own.
    return host[4:] if host.startswith("www.") and "." in host[4:] else host


def _path(path: str) -> str:
    """The path as one path: each segment unquoted (``%D8%AA`` is ``ت``, an escaped ``/`` stays one),
    ``//`` runs and ``.`` segments gone, ``..`` resolved, no trailing slash or ``index.html``,
    ``index.htm`` or ``index.php``."""
    segments: list[str] = []
    for raw in path.split("/"):
        segment = unquote(raw)
        if segment == "..":
            segments = segments[:-1]
        elif segment not in ("", "."):
            segments.append(segment.replace("/", "%2F"))
    if segments and segments[-1] in _INDEX_PAGES:
        segments.pop()
    return "".join(f"/{segment}" for segment in segments)


def _query(query: str) -> str:
    """The query as one set of parameters: in one order, without ``utm_*`` tracking parameters."""
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not k.lower().startswith("utm_")]
    return f"?{urlencode(sorted(pairs))}" if pairs else ""


def same_page(url: str) -> str:
    """The URL as one page: http and https alike, the host as ``_host`` writes it, no default port, the
    path as ``_path`` writes it, the query's parameters as ``_query`` writes them, no fragment,
    percent-escapes of the user in upper case. What cannot be split (a port that is no number) stays itself."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = _host(parts.hostname or "")
    user = re.sub(r"%[0-9a-fA-F]{2}", lambda m: m.group(0).upper(), parts.netloc.rpartition("@")[0])
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host += f":{port}"
    scheme = "http" if scheme in _DEFAULT_PORTS else scheme
    return f"{scheme}://{user + '@' if user else ''}{host}{_path(parts.path)}{_query(parts.query)}"


@rule(
    "url-one-source", SOURCES,
    "no two rows of `sources` have the same `url`, alike but for http or https, the host's case, a leading `www.`, "
    "an IDN host or its punycode, a default port, percent-escapes or the characters they stand for, `//` runs, `.` "
    "and `..` segments, a trailing slash, `index.html`, `index.htm` or `index.php`, the order of the query's "
    "parameters, `utm_*` tracking parameters or a fragment (the query otherwise counts): one page is one source, "
    "never two independent ones.",
    "rows", reads={"source": STRING, "url": STRING},
)  # fmt: skip
def url_one_source(df: pd.DataFrame, tables: object) -> Verdict:
    urls = df["url"].astype(object)
    page = urls.map({u: same_page(u) for u in urls.dropna().unique()})
    repeated = page.notna() & page.duplicated(keep=False)
    holders = df.loc[repeated].groupby(page[repeated])["source"].agg(some, show=repr, joiner=", ", more=" more")
    return Verdict(
        ~repeated,
        lambda row: (
            "url",
            f"{row.url} is the page of {holders.get(page.loc[cast(int, row.name)])}: one page is one source",
        ),
    )


@cache
def language_codes() -> frozenset[str]:
    """ISO 639-1's codes: the two-letter codes pycountry knows (its ``alpha_2``), read from its
    ISO 639-3 file: building its 7,900 language objects for 184 codes took 0.04 s of a validation."""
    import pycountry

    try:
        with open(os.path.join(pycountry.DATABASE_DIR, "iso639-3.json"), "rb") as f:
            return frozenset(code for language in json.load(f)["639-3"] if (code := language.get("alpha_2")))
    except (AttributeError, OSError, ValueError, KeyError, TypeError):  # pycountry's layout changed: the slow way
        return frozenset(code for language in pycountry.languages if (code := getattr(language, "alpha_2", "")))


def _named(text: str) -> str:
    """A hint where the value names a language otherwise: by its name ("english"), its ISO 639-2/-3
    code ("fra"), in upper case ("FR") or as a BCP 47 tag ("pt-BR", by its primary subtag)."""
    import pycountry

    for candidate in dict.fromkeys((text, re.split(r"[-_]", text, maxsplit=1)[0])):
        try:
            found = pycountry.languages.lookup(candidate)
        except LookupError:
            continue
        code = getattr(found, "alpha_2", None)
        return f" ({found.name} is {code!r})" if code else f" ({found.name} has no ISO 639-1 code)"
    return ""


@rule(
    "language-iso639", SOURCES,
    "`language` is a two-letter ISO 639-1 code that exists (pycountry's `alpha_2`), which is what the "
    "package takes: not `xx`, nor a name, an ISO 639-2/-3 code such as `fra` or a BCP 47 tag such as `pt-BR`. "
    "The descriptor's pattern `^[a-z]{2}$` reports a value of another form; this rule says which code it stands for.",
    "rows", reads={"language": STRING},
)  # fmt: skip
def language_iso639(df: pd.DataFrame, tables: object) -> Verdict:
    known = df["language"].astype("string").isin(language_codes())
    return Verdict(
        ok(known.where(df["language"].notna())),
        lambda row: ("language", f"language {row.language!r} is not an ISO 639-1 code{_named(str(row.language))}"),
    )
