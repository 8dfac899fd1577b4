"""Reference facts the rules check the data against: country codes from pycountry (ISO 3166-1);
the origins' names as the sources print them, their aliases and the codes outside ISO 3166-1
(``data/reference/origin-names.csv``); and the regions' memberships.

pycountry knows each country by its ISO names ("Russian Federation", "Türkiye"); the press writes
"Russia", "Turkey", "Britain". The names, the other words a quote may name an origin by, and the
user-assigned codes an ``iso3`` may take (XKX, Kosovo) are data: a contributor adds an origin by
adding a line to ``data/reference/origin-names.csv`` next to the CSVs, not by editing Python. The
file is read from the package being validated (a folder or a zip) and, where it has none, from
the copy installed with this package. It is not a resource: it has no hash to refresh.

Its columns: ``name`` (as the sources and the `origin` column print it), ``iso3`` (its code, for a
country; empty for a region or a group), ``user_assigned`` (``true`` when ``iso3`` is a code
outside ISO 3166-1, such as XKX), ``aliases`` (other words a quote may use for it, in any language,
separated by ``;``; each matches whole words, and a ``*`` leaves a word's ending free:
``Brytyjczy*``) and ``note``.

The regions' memberships stay here: a published 2017 classification that no figure's correction
or new origin changes, each member checked against the codes above.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

PATH = "data/reference/origin-names.csv"
HEADER = ["name", "iso3", "user_assigned", "aliases", "note"]
_CODE = re.compile(r"[A-Z]{3}")

# Members of a region in 2017, from a published classification. A region without one here has
# no membership check; its rows' notes say what it is taken to include.
REGIONS = {
    # The European Union's 28 member states in 2017 (the United Kingdom left in 2020).
    "European Union": frozenset({
        "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
        "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "GBR",
    }),
    # UN M49 "Central Asia" (143): the five former Soviet republics.
    "Central Asia": frozenset({"KAZ", "KGZ", "TJK", "TKM", "UZB"}),
}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    line: int | None
    field: str | None
    message: str
    rule: str = "iso3-names-origin"


@dataclass(frozen=True)
class Reference:
    codes: dict[str, str] = field(default_factory=dict)  # name or alias -> its code
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> other words for it
    user_assigned: frozenset[str] = frozenset()  # codes outside ISO 3166-1 that iso3 may take

    def __repr__(self) -> str:  # short: pandera writes a check's statistics into its description
        return f"Reference({len(self.codes)} names)"


@cache
def iso3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


@cache
def _pycountry_values() -> frozenset[str]:
    """Every value of every country in pycountry, in lower case: what its lookup can match."""
    import pycountry

    return frozenset(str(value).lower() for country in pycountry.countries for _, value in country)


@lru_cache(maxsize=1 << 16)  # ISO's data does not change within a process; a lookup costs 20 µs
def _pycountry_code(name: str) -> str | None:
    import pycountry

    if name.lower() not in _pycountry_values():  # most names are no country's: skip the lookup's scan
        return None
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def parse(data: bytes) -> tuple[Reference, list[Problem]]:
    """The reference in ``data`` (the CSV's bytes), and what is wrong with its lines; a line
    with a problem is left out."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Reference(), [Problem(None, None, f"not UTF-8 text (byte {exc.start}): save it as UTF-8")]
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return Reference(), [Problem(None, None, f"not a readable CSV: {exc}")]
    if not rows or rows[0] != HEADER:
        got = ",".join(rows[0]) if rows else "nothing"
        return Reference(), [Problem(1, None, f"the header must be {','.join(HEADER)}; it is {got[:200]}")]
    codes: dict[str, str] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    user_assigned: set[str] = set()
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            problems.append(Problem(line, None, f"{len(row)} cells where the header has {len(HEADER)}"))
            continue
        name, code, assigned, words, _ = (cell.strip() for cell in row)
        problem = _line_problem(name, code, assigned, seen)
        if problem:
            problems.append(Problem(line, *problem))
            continue
        seen[name.casefold()] = line
        if code:
            codes[name] = code
            if assigned == "true":
                user_assigned.add(code)
        aliases[name] = tuple(w.strip() for w in words.split(";") if w.strip())
        problems += [
            Problem(line, "aliases", why, "quote-names-origin") for w in aliases[name] if (why := _alias_problem(w))
        ]
    owner: dict[str, str] = {}
    for name, others in aliases.items():
        for word in (name, *others):
            key = word.replace("*", "").casefold()
            if owner.setdefault(key, name) != name:
                problems.append(Problem(seen[name.casefold()], "aliases", f"{word!r} names {owner[key]!r} too: one word, one origin", "quote-names-origin"))  # fmt: skip
    for name, others in aliases.items():
        for word in others:
            if name in codes:
                codes.setdefault(word, codes[name])
    return Reference(codes, aliases, frozenset(user_assigned)), problems


def _alias_problem(alias: str) -> str | None:
    """Why an alias would name what is not its origin: too short to be a name, or free too early."""
    letters = sum(c.isalpha() for c in alias)
    if letters < 2 or (letters < 3 and not alias.isupper()):
        return f"alias {alias!r} is too short to name a place (a short one is written in capitals: UK, EU)"
    if "*" in alias and sum(c.isalpha() for c in re.split(r"[\s*-]", alias, maxsplit=1)[0]) < 4:
        return f"alias {alias!r} frees its ending too early: four letters at least before its `*`"
    return None


def _line_problem(name: str, code: str, assigned: str, seen: dict[str, int]) -> tuple[str, str, str] | None:
    """(field, message, rule) for what is wrong with one line, or None."""
    if not name:
        return "name", "a line needs a name", "iso3-names-origin"
    if name.casefold() in seen:
        return "name", f"{name!r} is listed already, on line {seen[name.casefold()]}", "iso3-names-origin"
    if assigned not in ("", "true"):
        return "user_assigned", f"user_assigned is {assigned!r}: it is true or empty", "iso3-matches-type"
    if code and not _CODE.fullmatch(code):
        return "iso3", f"iso3 {code!r} is not three capital letters", "iso3-matches-type"
    if assigned and not code:
        return "iso3", f"{name!r} is user_assigned but has no iso3 code", "iso3-matches-type"
    if assigned and code in iso3_codes():
        return "user_assigned", f"{code} is an ISO 3166-1 code, not a user-assigned one: leave user_assigned empty", "iso3-matches-type"  # fmt: skip
    if code and not assigned and code not in iso3_codes():
        return "iso3", f"{code!r} is not an ISO 3166-1 alpha-3 code; a code outside it (such as XKX) needs user_assigned true", "iso3-matches-type"  # fmt: skip
    iso = _pycountry_code(name)
    if code and iso is not None and iso != code:
        return "iso3", f"ISO 3166-1 gives {name!r} the code {iso}, not {code}", "iso3-names-origin"
    return None


@cache
def bundled() -> tuple[Reference, tuple[Problem, ...]]:
    """The reference installed with this package (a wheel's copy, or the checkout's)."""
    from ..package import bundled_root

    path = bundled_root() / PATH  # a wheel's foreign_fighters/data, or the checkout's data/
    try:
        reference, problems = parse(path.read_bytes())
    except OSError as exc:
        return Reference(), (Problem(None, None, f"cannot read the installed {PATH}: {exc.strerror}"),)
    return reference, tuple(problems)


def of_package(package: Any) -> tuple[Reference, list[Problem], bool]:
    """The reference a package's rules use, what is wrong with it, and whether it is the package's
    own file (else the installed one: a package without the file, or at an http(s) URL)."""
    from ..sources import is_url

    data = None if is_url(package.source.label) else package.read_extra(PATH)
    if data is None:
        reference, installed = bundled()
        return reference, list(installed), False
    reference, problems = parse(data)
    return reference, problems, True


_CURRENT: ContextVar[Reference | None] = ContextVar("foreign_fighters_reference", default=None)


@contextmanager
def using(reference: Reference) -> Iterator[None]:
    """The rules run inside use ``reference`` in place of the installed one."""
    token = _CURRENT.set(reference)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current() -> Reference:
    return _CURRENT.get() or bundled()[0]


def known_codes() -> frozenset[str]:
    """The codes an ``iso3`` may take: ISO 3166-1's, and the user-assigned ones declared."""
    return iso3_codes() | current().user_assigned


def aliases_of(name: str) -> tuple[str, ...]:
    return current().aliases.get(name, ())


def code_of(name: str) -> str | None:
    """The code of a country as the sources name it (ISO 3166-1, or a user-assigned one
    declared), or None."""
    codes = current().codes
    if name in codes:
        return codes[name]
    return _pycountry_code(name)
