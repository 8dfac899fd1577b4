"""Rules between cells, rows and tables, as pandera DataFrameModels.

Each check returns a boolean per row (True: the row keeps the rule; NA cells pass, as their field
rules already report them). ``explain`` turns a failing row into the message a contributor reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, cached_property
from typing import NamedTuple

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .catalog import SHARE_TOLERANCE

Text = Series[pd.StringDtype]
Int = Series[pd.Int64Dtype]
Num = Series[pd.Float64Dtype]


@cache
def iso3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def _ok(mask: pd.Series) -> pd.Series:
    return mask.fillna(True).astype(bool)


# ---- source text -------------------------------------------------------------------------------
# One scan finds every figure: a number (thousands separators allowed, "none" for 0), whether a
# percent sign or word follows it, and whether "left" or "returned" does.
_FIGURE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|none)(?!\w)"
    r"(\s*(?:percent|per cent|%))?"
    r"(?:\s+(left|returned)\b)?",
    re.I,
)


class Figures(NamedTuple):
    numbers: set[float]
    percents: set[float]
    before: dict[str, float]  # "left"/"returned" -> the plain figure just before the word


def _value(token: str) -> float:
    return float(token.replace(",", "")) if token[0].isdigit() else 0.0  # the only non-digit token is "none"


def figures_in(text: str) -> Figures:
    numbers, percents, before = set(), set(), {}
    for number, percent, word in _FIGURE.findall(text):
        value = _value(number)
        numbers.add(value)
        if percent:
            percents.add(value)
        elif word:
            before.setdefault(word.lower(), value)
    return Figures(numbers, percents, before)


def numbers_in(text: str) -> set[float]:
    return figures_in(text).numbers


def origin_text_problem(text: str | None, departed: int | None, returned: int | None, pct: float | None) -> str | None:
    """The field whose figure disagrees with the row's source_text, or None."""
    if text is None:
        return None
    found = figures_in(text)
    if departed is not None and (found.before.get("left", departed) != departed or departed not in found.numbers):
        return "departed"
    if pct is not None:
        return None if pct in found.percents else "returned_percent"
    if returned is not None:
        if found.before.get("returned", returned) != returned or returned not in found.numbers:
            return "returned"
        if "returned" not in found.before and found.percents:
            return "returned_percent"  # the text gives a percentage the row does not carry
    return None


def headline_text_agrees(text: str | None, value: float | None, unit: str | None) -> bool:
    if text is None or value is None:
        return True
    found = figures_in(text)
    return value in (found.percents if unit == "percent" else found.numbers)


def _values(df: pd.DataFrame, columns: list[str]) -> list[list]:
    """Plain Python values, None for NA: a row loop over these is ~10x faster than iterrows."""
    return [df[c].astype(object).where(df[c].notna(), None).tolist() for c in columns]


def _rowwise(df: pd.DataFrame, columns: list[str], check: Callable[..., bool]) -> pd.Series:
    return pd.Series([check(*values) for values in zip(*_values(df, columns), strict=True)], index=df.index, dtype=bool)


# ---- hierarchy ---------------------------------------------------------------------------------
def by_origin(df: pd.DataFrame, column: str) -> pd.Series:
    return df.drop_duplicates("origin").set_index("origin")[column]


def in_cycle(df: pd.DataFrame) -> pd.Series:
    """Rows that are their own ancestor through ``part_of``."""
    up = by_origin(df, "part_of")
    current = df["part_of"].copy()
    hit = pd.Series(False, index=df.index)
    for _ in range(up.notna().sum() + 1):
        hit |= (current == df["origin"]).fillna(False)
        if current.isna().all():
            break
        current = current.map(up).astype("string")
    return hit


def parts_sums(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["part_of"].notna()].groupby("part_of")[["departed", "returned"]].sum()


def within_parent(df: pd.DataFrame) -> pd.Series:
    sums = parts_sums(df)
    ok = pd.Series(True, index=df.index)
    regions = df["origin_type"] == "region"
    for column in ("departed", "returned"):
        total = df["origin"].map(sums[column]).astype("Float64")
        ok &= _ok(~regions | total.isna() | (total <= df[column]))
    return ok


def resolved_count(departed: pd.Series, percent: pd.Series) -> pd.Series:
    """departed x percent / 100 rounded half up, exactly: percent is taken to 6 decimals and the
    rounding is done in integers, so 12.5 becomes 13 (pandas' round would give 12)."""
    scale = 10**6
    pct = (percent * scale).round().astype("Int64")
    num = departed.astype("Int64") * pct
    den = 100 * scale
    return (2 * num + den) // (2 * den)


class FightersByOrigin(pa.DataFrameModel):
    origin: Text = pa.Field(nullable=True)
    origin_type: Text = pa.Field(nullable=True)
    iso3: Text = pa.Field(nullable=True)
    part_of: Text = pa.Field(nullable=True)
    departed: Int = pa.Field(nullable=True)
    departed_qualifier: Text = pa.Field(nullable=True)
    returned: Int = pa.Field(nullable=True)
    returned_qualifier: Text = pa.Field(nullable=True)
    returned_percent: Num = pa.Field(nullable=True)
    source_text: Text = pa.Field(nullable=True)
    notes: Text = pa.Field(nullable=True)

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check(name="returned-le-departed")
    def returned_le_departed(cls, df: pd.DataFrame) -> pd.Series:
        return _ok(df["returned"] <= df["departed"])

    @pa.dataframe_check(name="percent-resolves-to-count")
    def percent_resolves(cls, df: pd.DataFrame) -> pd.Series:
        return _ok(df["returned"] == resolved_count(df["departed"], df["returned_percent"]))

    @pa.dataframe_check(name="iso3-matches-type")
    def iso3_matches_type(cls, df: pd.DataFrame) -> pd.Series:
        country = df["origin_type"] == "country"
        has = df["iso3"].notna()
        known = df["iso3"].isin(iso3_codes()) | ~has
        return _ok((country == has) | df["origin_type"].isna()) & _ok(known)

    @pa.dataframe_check(name="part-of-is-region")
    def part_of_is_region(cls, df: pd.DataFrame) -> pd.Series:
        parent_kind = df["part_of"].map(by_origin(df, "origin_type"))
        # An unknown parent is the foreign key's to report; here only a known non-region parent fails.
        return _ok(df["part_of"].isna() | parent_kind.isna() | (parent_kind == "region")) & ~in_cycle(df)

    @pa.dataframe_check(name="children-within-parent")
    def children_within_parent(cls, df: pd.DataFrame) -> pd.Series:
        return within_parent(df)

    @pa.dataframe_check(name="source-text-agrees")
    def source_text_agrees(cls, df: pd.DataFrame) -> pd.Series:
        return _rowwise(df, ORIGIN_TEXT_COLUMNS, lambda *values: origin_text_problem(*values) is None)


def share_of(df: pd.DataFrame) -> float | None:
    values = df.drop_duplicates("measure").set_index("measure")["value"]
    fighters, returnees = values.get("foreign_fighters"), values.get("returnees")
    if fighters is None or returnees is None or pd.isna(fighters) or pd.isna(returnees) or not fighters:
        return None
    return 100 * float(returnees) / float(fighters)


class HeadlineFigures(pa.DataFrameModel):
    measure: Text = pa.Field(nullable=True)
    value: Num = pa.Field(nullable=True)
    unit: Text = pa.Field(nullable=True)
    qualifier: Text = pa.Field(nullable=True)
    description: Text = pa.Field(nullable=True)
    source_text: Text = pa.Field(nullable=True)

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check(name="source-text-agrees")
    def source_text_agrees(cls, df: pd.DataFrame) -> pd.Series:
        return _rowwise(df, ["source_text", "value", "unit"], headline_text_agrees)

    @pa.dataframe_check(name="share-agrees")
    def share_agrees(cls, df: pd.DataFrame) -> pd.Series:
        share = share_of(df)
        if share is None:
            return pd.Series(True, index=df.index)
        tolerance = df["qualifier"].map(SHARE_TOLERANCE).fillna(SHARE_TOLERANCE[None]).astype(float)
        off = (df["value"] - share).abs() > tolerance
        return _ok(~((df["measure"] == "returnee_share") & off))


def origin_totals(origins: pd.DataFrame) -> dict[str, float]:
    top = origins[origins["part_of"].isna()]
    countries = origins[(origins["origin_type"] == "country") & (origins["returned"] > 0).fillna(False)]
    return {
        "foreign_fighters": float(top["departed"].sum()),
        "returnees": float(top["returned"].sum()),
        "returnee_countries": float(countries["origin"].nunique()),
    }


def totals_schema(origins: pd.DataFrame) -> pa.DataFrameSchema:
    """Cross-table: the headline totals against the origins table's rows."""
    totals = origin_totals(origins)

    def covers(df: pd.DataFrame) -> pd.Series:
        needed = df["measure"].map(totals).astype("Float64")
        return _ok(~(needed > df["value"]))

    return pa.DataFrameSchema(checks=[pa.Check(covers, name="totals-cover-rows")])


def models() -> dict[str, type[pa.DataFrameModel]]:
    return {"fighters-by-origin": FightersByOrigin, "headline-figures": HeadlineFigures}


def failing(schema: pa.DataFrameSchema | type[pa.DataFrameModel], df: pd.DataFrame) -> list[tuple[str, int, list[str]]]:
    """(rule, row, columns) for each broken row and rule, once, in row order."""
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        cases = cases[cases["index"].notna()]
        found: dict[tuple[int, str], list[str]] = {}
        for rule, row, column, case in cases[["check", "index", "column", "failure_case"]].itertuples(index=False):
            # A check that returns a frame reports each failing row as {column: value}.
            columns = list(case) if isinstance(case, dict) else [column]
            seen = found.setdefault((int(row), str(rule)), [])
            seen += [str(c) for c in columns if c is not None and str(c) not in seen]
        return [(rule, row, columns) for (row, rule), columns in sorted(found.items())]
    return []


# ---- messages ----------------------------------------------------------------------------------
def _n(x: object) -> str:
    return "empty" if pd.isna(x) else (f"{x:g}" if isinstance(x, float) else str(x))


ORIGIN_TEXT_COLUMNS = ["source_text", "departed", "returned", "returned_percent"]


class Explainer:
    """The field to point at and the message for each failing row of one table. What a message
    needs from the whole table (cycles, sums of parts, the share) is computed once, on first use,
    not once per failing row."""

    def __init__(self, df: pd.DataFrame, origins: pd.DataFrame | None = None) -> None:
        self.df, self.origins = df, origins

    @cached_property
    def cycles(self) -> pd.Series:
        return in_cycle(self.df)

    @cached_property
    def kinds(self) -> pd.Series:
        return by_origin(self.df, "origin_type")

    @cached_property
    def sums(self) -> pd.DataFrame:
        return parts_sums(self.df)

    @cached_property
    def share(self) -> float | None:
        return share_of(self.df)

    @cached_property
    def totals(self) -> dict[str, float]:
        assert self.origins is not None
        return origin_totals(self.origins)

    def __call__(self, rule: str, row: pd.Series) -> tuple[str, str]:
        if rule == "returned-le-departed":
            return "returned", f"returned {_n(row.returned)} exceeds departed {_n(row.departed)}"
        if rule == "percent-resolves-to-count":
            want = resolved_count(pd.Series([row.departed]), pd.Series([row.returned_percent], dtype="Float64")).iloc[0]
            return "returned", (
                f"returned {_n(row.returned)}, but {_n(row.returned_percent)} percent of {_n(row.departed)} "
                f"is {_n(want)} (rounded half up)"
            )
        if rule == "iso3-matches-type":
            if pd.notna(row.iso3) and row.iso3 not in iso3_codes():
                return "iso3", f"{row.iso3!r} is not an ISO 3166-1 alpha-3 code"
            if row.origin_type == "country":
                return "iso3", "a country row needs an iso3 code"
            return "iso3", f"iso3 {row.iso3!r} set on a {row.origin_type} row; only country rows have one"
        if rule == "part-of-is-region":
            if self.cycles.loc[row.name]:
                return "part_of", f"{row.origin!r} is its own ancestor through part_of"
            return "part_of", f"part_of {row.part_of!r} is a {self.kinds.get(row.part_of)} row, not a region"
        if rule == "children-within-parent":
            sums = self.sums.loc[row.origin]
            column = "departed" if pd.notna(row.departed) and sums["departed"] > row.departed else "returned"
            parts = ", ".join(self.df.loc[self.df["part_of"] == row.origin, "origin"].astype(str))
            return (
                column,
                f"its parts ({parts}) sum to {_n(sums[column])} {column}, more than the region's {_n(row[column])}",
            )
        if rule == "source-text-agrees":
            if "measure" in row:
                return "value", f"value {_n(row.value)} does not appear in source_text {row.source_text!r}"
            field = origin_text_problem(*(None if pd.isna(row[c]) else row[c] for c in ORIGIN_TEXT_COLUMNS))
            field = field or "source_text"
            return field, f"{field} {_n(row[field])} does not agree with source_text {row.source_text!r}"
        if rule == "share-agrees":
            tolerance = SHARE_TOLERANCE.get(None if pd.isna(row.qualifier) else row.qualifier, SHARE_TOLERANCE[None])
            return (
                "value",
                f"returnee_share {_n(row.value)} is more than {tolerance:g} points from "
                f"100 x returnees / foreign_fighters = {self.share:.1f}",
            )
        if rule == "totals-cover-rows":
            what = {
                "foreign_fighters": "the summable rows' departed sum to",
                "returnees": "the summable rows' returned sum to",
                "returnee_countries": "the country rows with returnees number",
            }[row.measure]
            return "value", f"{row.measure} is {_n(row.value)}, but {what} {self.totals[row.measure]:g}"
        return "", rule
