"""Rules between the cells and rows of ``fighters-by-origin``.

Each check gets the table (from pandera) and returns, for every row, whether it keeps the rule
(NA cells pass: their field rules already report them), with the words for a row that does not.
What a message needs from the whole table is computed once, in the check.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from ..vocabulary import ORIGINS, SOURCES, on_a_cycle
from . import INTEGER, NUMBER, STRING, Verdict, rule
from .reference import PATH as REFERENCE
from .reference import REGIONS, code_of, known_codes

if TYPE_CHECKING:
    from pandas.api.typing import NAType


def ok(mask: pd.Series) -> pd.Series:
    return mask.fillna(True).astype(bool)


def n(x: str | int | float | NAType | None) -> str:
    return "empty" if pd.isna(x) else (f"{x:g}" if isinstance(x, float) else str(x))


def values(df: pd.DataFrame, columns: list[str]) -> list[list[Any]]:
    """Plain Python values, None for NA: a row loop over these is ~10x faster than iterrows."""
    return [df[c].astype(object).where(df[c].notna(), None).tolist() for c in columns]


def by_source(tables: Mapping[str, pd.DataFrame], field: str) -> dict[str, str]:
    """``sources``' field by source id, where both are given."""
    return {s: v for s, v in zip(*values(tables[SOURCES], ["source", field]), strict=True) if s and v}


def per_distinct(values: pd.Series, read: Callable[[pd.Series], Any], missing: object) -> np.ndarray:
    """``read`` run once on the distinct values (a Series of them), its results (one per value, or
    a row of them) given back to every row, ``missing`` where the value is empty: a large table
    repeats its texts, dates, sources and languages, and taking by position costs less than
    pandas' reindexing on a table of a few hundred rows."""
    codes, distinct = pd.factorize(values)
    found = np.asarray(read(pd.Series(distinct, dtype=values.dtype)))
    return np.concatenate([found, np.full((1, *found.shape[1:]), missing, found.dtype)])[codes]  # code -1: NA


def rowwise(df: pd.DataFrame, columns: list[str], check: Callable[..., bool]) -> pd.Series:
    return pd.Series([check(*v) for v in zip(*values(df, columns), strict=True)], index=df.index, dtype=bool)


@rule(
    "returned-le-departed",
    ORIGINS,
    "`returned` <= `departed`.",
    "rows",
    reads={"returned": INTEGER, "departed": INTEGER},
)
def returned_le_departed(df: pd.DataFrame, tables: object) -> Verdict:
    return Verdict(
        ok(df["returned"] <= df["departed"]),
        lambda row: ("returned", f"returned {n(row.returned)} exceeds departed {n(row.departed)}"),
    )


def resolved_count(departed: pd.Series, percent: pd.Series) -> pd.Series:
    """departed x percent / 100 rounded half up, exactly: percent is taken to 6 decimals and the
    rounding is done in integers, so 12.5 becomes 13 (pandas' round would give 12). Python
    integers, so no product can overflow."""
    scale = 10**6
    out: list[int | NAType] = []
    for d, p in zip(*values(pd.DataFrame({"d": departed, "p": percent}), ["d", "p"]), strict=True):
        if d is None or p is None:
            out.append(pd.NA)
        else:
            num, den = int(d) * round(float(p) * scale), 100 * scale
            out.append((2 * num + den) // (2 * den))
    return pd.Series(out, index=departed.index, dtype=object)


@rule(
    "percent-resolves-to-count", ORIGINS,
    "where `returned_percent` is set, `returned` = `departed` x `returned_percent` / 100, rounded half up.",
    "rows", reads={"returned": INTEGER, "departed": INTEGER, "returned_percent": NUMBER},
)  # fmt: skip
def percent_resolves(df: pd.DataFrame, tables: object) -> Verdict:
    want = resolved_count(df["departed"], df["returned_percent"])
    # A percentage with no departed resolves to no count: a returned beside it has no ground.
    unresolvable = df["returned_percent"].notna() & df["departed"].isna() & df["returned"].notna()
    same = pd.Series(
        [w is pd.NA or r is None or w == r for w, r in zip(want, values(df, ["returned"])[0], strict=True)],
        index=df.index,
    ) & ~unresolvable.fillna(False).astype(bool)

    def explain(row: pd.Series) -> tuple[str, str]:
        if pd.isna(row.departed):
            return (
                "returned",
                f"returned {n(row.returned)} beside {n(row.returned_percent)} percent, but no departed to resolve it",
            )
        return "returned", (
            f"returned {n(row.returned)}, but {n(row.returned_percent)} percent of {n(row.departed)} "
            f"is {n(want.loc[cast(int, row.name)])} (rounded half up)"
        )

    return Verdict(same.astype(bool), explain)


@rule(
    "iso3-matches-type", ORIGINS,
    "`iso3` is set for exactly the `country` rows, and is an assigned ISO 3166-1 alpha-3 code or a user-assigned code declared in `data/reference/origin-names.csv` (XKX, Kosovo).",
    "rows", reads={"iso3": STRING, "origin_type": STRING},
)  # fmt: skip
def iso3_matches_type(df: pd.DataFrame, tables: object) -> Verdict:
    country = df["origin_type"] == "country"
    has = df["iso3"].notna()
    codes = known_codes()
    known = df["iso3"].isin(codes) | ~has

    def explain(row: pd.Series) -> tuple[str, str]:
        if pd.notna(row.iso3) and row.iso3 not in codes:
            return "iso3", (
                f"{row.iso3!r} is not an ISO 3166-1 alpha-3 code, nor a user-assigned code declared in {REFERENCE}"
            )
        if row.origin_type == "country":
            return "iso3", "a country row needs an iso3 code"
        return "iso3", f"iso3 {row.iso3!r} set on a {row.origin_type} row; only country rows have one"

    return Verdict(ok((country == has) | df["origin_type"].isna()) & ok(known), explain)


def by_origin(df: pd.DataFrame, column: str) -> pd.Series:
    return df.drop_duplicates("origin").set_index("origin")[column]


def in_cycle(df: pd.DataFrame) -> pd.Series:
    """Rows that are their own ancestor through ``part_of``."""
    looped = on_a_cycle(dict(zip(*values(df.drop_duplicates("origin"), ["origin", "part_of"]), strict=True)))
    return df["origin"].map(lambda o: o in looped).astype(bool)


@rule(
    "part-of-is-region", ORIGINS, "`part_of` names a `region` row, and no row is its own ancestor.", "rows",
    reads={"origin": STRING, "origin_type": STRING, "part_of": STRING},
)  # fmt: skip
def part_of_is_region(df: pd.DataFrame, tables: object) -> Verdict:
    kinds = by_origin(df, "origin_type")
    parent_kind = df["part_of"].map(kinds)
    cycles = in_cycle(df)

    def explain(row: pd.Series) -> tuple[str, str]:
        if cycles.loc[cast(int, row.name)]:
            return "part_of", f"{row.origin!r} is its own ancestor through part_of"
        return "part_of", f"part_of {row.part_of!r} is a {kinds.get(row.part_of)} row, not a region"

    # An unknown parent is the foreign key's to report; here only a known non-region parent fails.
    return Verdict(ok(df["part_of"].isna() | parent_kind.isna() | (parent_kind == "region")) & ~cycles, explain)


def part_sums(df: pd.DataFrame, column: str) -> dict[object, int]:
    """Per region, what its parts count: a part's own figure, or, where it has none, what its own
    parts count (a region without the figure passes its parts' figures up). Python integers, so
    parts near 2**63 cannot wrap round below their region's figure."""
    children: dict[object, list[object]] = {}
    own: dict[object, int | None] = {}
    for origin, parent, value in zip(*values(df.drop_duplicates("origin"), ["origin", "part_of", column]), strict=True):
        own[origin] = None if value is None else int(value)
        if parent is not None:
            children.setdefault(parent, []).append(origin)
    counted: dict[object, int] = {}  # origin -> what it counts; settled children first, no recursion
    for start in own:
        stack, entered = [start], set()
        while stack:
            node = stack[-1]
            if node in counted:
                stack.pop()
            elif own.get(node) is not None:
                counted[node] = cast(int, own[node])  # not None: checked just above
                stack.pop()
            elif node in entered:  # its children are settled (or on a cycle: they count 0 here)
                counted[node] = sum(counted.get(c, 0) for c in children.get(node, []))
                stack.pop()
            else:
                entered.add(node)
                stack += [c for c in children.get(node, []) if c not in counted and c not in entered]
    return {p: sum(counted.get(c, 0) for c in kids) for p, kids in children.items()}


@rule(
    "children-within-parent", ORIGINS,
    "for each region, the `departed` of its parts sum to no more than its `departed`, and likewise `returned` (a part without the figure counts its own parts').",
    "rows", reads={"origin": STRING, "origin_type": STRING, "part_of": STRING, "departed": INTEGER, "returned": INTEGER},
)  # fmt: skip
def children_within_parent(df: pd.DataFrame, tables: object) -> Verdict:
    sums = {c: part_sums(df, c) for c in ("departed", "returned")}
    regions = df["origin_type"] == "region"
    good = pd.Series(True, index=df.index)
    over: dict[object, str] = {}
    for column in ("departed", "returned"):
        total = df["origin"].map(sums[column])
        bad = regions.fillna(False).astype(bool) & total.notna() & df[column].notna()
        bad &= pd.Series(
            [t > v if b else False for t, v, b in zip(total, df[column], bad, strict=True)], index=df.index
        )
        for label in df.index[bad]:
            over.setdefault(label, column)
        good &= ~bad

    parts: dict[object, list[str]] = {}  # region -> its parts' names in row order: built once, when asked

    def explain(row: pd.Series) -> tuple[str, str]:
        if not parts:
            for part, parent in zip(df["origin"].astype(str), values(df, ["part_of"])[0], strict=True):
                parts.setdefault(parent, []).append(part)
        column = over[row.name]
        names = ", ".join(parts.get(row.origin, []))
        return (
            column,
            f"its parts ({names}) sum to {sums[column][row.origin]} {column}, more than the region's {n(row[column])}",
        )

    return Verdict(good, explain)


# ---- facts against references (rules/reference.py, data/reference/origin-names.csv) --------------------------------------------
@rule(
    "iso3-names-origin", ORIGINS,
    "a country row's `iso3` is the ISO 3166-1 code of its `origin` (pycountry, or the names the sources use "
    "that it lacks and the user-assigned codes, listed in `data/reference/origin-names.csv`).",
    "rows", reads={"origin": STRING, "origin_type": STRING, "iso3": STRING},
)  # fmt: skip
def iso3_names_origin(df: pd.DataFrame, tables: object) -> Verdict:
    country = (df["origin_type"] == "country").fillna(False).astype(bool) & df["iso3"].notna()
    codes = {o: code_of(o) for o in df.loc[country, "origin"].dropna().unique()}
    want = df["origin"].map(codes)
    good = ~country | (want == df["iso3"]).fillna(False).astype(bool)

    def explain(row: pd.Series) -> tuple[str, str]:
        code = codes.get(row.origin)
        if code is None:
            return (
                "origin",
                f"no ISO 3166-1 country is named {row.origin!r}: use its ISO name, or list the sources' name with its code in {REFERENCE}",
            )
        return "iso3", f"iso3 {row.iso3!r} is not the code of {row.origin!r}, which is {code!r}"

    return Verdict(good, explain)


def some(names: pd.Series, show: Callable[[Any], str] = str, joiner: str = " and ", more: str = " more rows") -> str:
    """A few names, and how many more: a message stays short however many rows share a value."""
    shown = joiner.join(map(show, names.iloc[:3]))
    return shown if len(names) <= 3 else f"{shown} and {len(names) - 3}{more}"


@rule("iso3-unique", ORIGINS, "no two rows have the same `iso3`.", "rows", reads={"iso3": STRING, "origin": STRING})
def iso3_unique(df: pd.DataFrame, tables: object) -> Verdict:
    repeated = df["iso3"].notna() & df["iso3"].duplicated(keep=False)
    holders = df[repeated.fillna(False).astype(bool)].groupby("iso3")["origin"].agg(some)
    return Verdict(
        ok(~repeated),
        lambda row: ("iso3", f"iso3 {row.iso3!r} is given to {holders.get(row.iso3)}"),
    )


@rule(
    "part-of-membership", ORIGINS,
    "a row `part_of` a region with a published classification (European Union members in 2017, UN M49 Central "
    "Asia; `rules/reference.py`) is a member of it; and a member country of such a region, where the region has "
    "a row, is part of it (else `summable()` would count it twice).",
    "rows", reads={"origin": STRING, "origin_type": STRING, "iso3": STRING, "part_of": STRING},
)  # fmt: skip
def part_of_membership(df: pd.DataFrame, tables: object) -> Verdict:
    members = df["part_of"].map(REGIONS)
    inside = [not isinstance(m, frozenset) or code in m for m, code in zip(members, df["iso3"], strict=True)]
    parent = dict(zip(*values(df.drop_duplicates("origin"), ["origin", "part_of"]), strict=True))
    present = [r for r in REGIONS if r in parent]
    # Per region present, the origins it is above (an ancestor of, as _ancestors walks up): found
    # once walking down from the region, not by walking up from every country (a long chain).
    children: dict[object, list[object]] = {}
    for node, up in parent.items():
        if up is not None:
            children.setdefault(up, []).append(node)
    below: dict[str, set[object]] = {}
    for region in present:
        found: set[object] = set()
        todo = list(children.get(region, []))
        while todo:
            node = todo.pop()
            if node not in found:
                found.add(node)
                todo += children.get(node, [])
        below[region] = found
    outside: dict[object, str] = {}
    rows = zip(df.index, *values(df, ["origin", "origin_type", "iso3"]), strict=True)
    for label, origin, kind, code in rows:
        if kind == "country" and code is not None:
            for region in present:
                if code in REGIONS[region] and origin not in below[region] and region != origin:
                    outside.setdefault(label, region)

    def explain(row: pd.Series) -> tuple[str, str]:
        if row.name in outside:
            return "part_of", (
                f"{row.origin!r} ({row.iso3}) is a member of {outside[row.name]!r} as classified in 2017, which has a "
                "row, but is not part of it: adding up would count it twice"
            )
        return "part_of", f"{row.origin!r} ({row.iso3}) is not a member of {row.part_of!r} as classified in 2017"

    good = pd.Series(inside, index=df.index, dtype=bool) & ~df.index.isin(list(outside))
    return Verdict(good, explain)


_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}


def name_problem(name: str) -> str | None:
    """What is wrong with an origin's name as text, or None."""
    if name.isascii() and name.isprintable():  # NFC, no control character, Latin letters only
        return None
    if unicodedata.normalize("NFC", name) != name:
        return "is not in Unicode normal form C"
    if any(unicodedata.category(ch) in _INVISIBLE for ch in name) or any(ch.isspace() and ch != " " for ch in name):
        return "holds an invisible or control character"
    scripts = {unicodedata.name(ch, "?").split(" ")[0] for ch in name if ch.isalpha()}
    if len(scripts) > 1:
        return f"mixes scripts ({', '.join(sorted(scripts))}): a look-alike letter?"
    return None


@rule(
    "origin-name-clean", ORIGINS,
    "`origin` is NFC text in one script with no invisible characters, and unique after case-folding.",
    "rows", reads={"origin": STRING},
)  # fmt: skip
def origin_name_clean(df: pd.DataFrame, tables: object) -> Verdict:
    problems = {o: name_problem(o) for o in df["origin"].dropna().unique()}
    folded = df["origin"].str.casefold()
    repeated = folded.notna() & folded.duplicated(keep="first")
    first = dict(zip(folded, df["origin"], strict=True))
    good = ok(df["origin"].map(problems).isna() | df["origin"].isna()) & ~repeated.fillna(False).astype(bool)

    def explain(row: pd.Series) -> tuple[str, str]:
        problem = problems.get(row.origin)
        if problem:
            return "origin", f"{row.origin!r} {problem}"
        return "origin", f"{row.origin!r} repeats {first[row.origin.casefold()]!r} but for case"

    return Verdict(good, explain)
