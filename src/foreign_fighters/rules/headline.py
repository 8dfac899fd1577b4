"""Rules on ``headline-figures``, alone and against the rows of ``fighters-by-origin``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

import pandas as pd

from ..vocabulary import HEADLINE, ORIGINS, SOURCES
from . import INTEGER, NUMBER, STRING, Verdict, rule
from .figures import by_source, n, ok, rowwise
from .wording import QUALIFIED_LANGUAGES, qualifier_near

# "about" in the source is read as rounded to the nearest 5 percent (the source does not say how
# it rounds), so "about 15" covers 12.5 to 17.5. An unqualified percentage is read as rounded to a
# whole number.
SHARE_TOLERANCE = {"about": 2.5, None: 0.5}


# The report's global measures, each with its unit and the noun its figure stands before in the
# source's words ("110 countries", not the 40,000 beside it).
MEASURES = {
    "foreign_fighters": ("persons", ("fighters",)),
    "origin_countries": ("countries", ("countries",)),
    "returnees": ("persons", ("residents", "returnees", "people")),
    "returnee_countries": ("countries", ("countries",)),
    "returnee_share": ("percent", ("percent", "per cent", "%")),
    "women_and_children_affiliated": ("persons", ("women and children",)),
}


def headline_text_agrees(text: str | None, value: float | None, measure: str | None) -> bool:
    if text is None or value is None or measure not in MEASURES:
        return True
    nouns = MEASURES[measure][1]
    for m in _NUMBER.finditer(text):
        if float(m.group(1).replace(",", "")) == value and text[m.end() :].lstrip().startswith(nouns):
            return True
    return False


_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w,])")


@rule(
    "headline-text-agrees", HEADLINE,
    "the row's `value` appears in its `quote` before its measure's noun (\"110 countries\", \"15 percent\").",
    "rows", reads={"quote": STRING, "value": NUMBER, "measure": STRING},
)  # fmt: skip
def headline_source_text(df: pd.DataFrame, tables: object) -> Verdict:
    return Verdict(
        rowwise(df, ["quote", "value", "measure"], headline_text_agrees),
        lambda row: (
            "value",
            f"value {n(row.value)} does not stand before {' or '.join(MEASURES[row.measure][1])!r} in quote {row.quote!r}",
        ),
    )


@rule(
    "headline-measures", HEADLINE,
    "the table holds exactly the report's measures, each with its unit: " + ", ".join(f"`{m}` ({u})" for m, (u, _) in MEASURES.items()) + ".",
    "table", reads={"measure": STRING, "unit": STRING},
)  # fmt: skip
def headline_measures(df: pd.DataFrame, tables: object) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    units = dict(zip(df["measure"].astype(object), df["unit"].astype(object), strict=True))
    for measure, (unit, _) in MEASURES.items():
        if measure not in units:
            out.append(("measure", f"the measure {measure!r} is missing"))
        elif units[measure] is not pd.NA and units[measure] != unit:
            out.append(("unit", f"{measure} is counted in {unit}, not {units[measure]}"))
    out += [
        ("measure", f"{m!r} is not one of the report's measures")
        for m in units
        if isinstance(m, str) and m not in MEASURES
    ]
    return out


def share_of(df: pd.DataFrame) -> float | None:
    values = df.drop_duplicates("measure").set_index("measure")["value"]
    fighters, returnees = values.get("foreign_fighters"), values.get("returnees")
    if fighters is None or returnees is None or pd.isna(fighters) or pd.isna(returnees) or not fighters:
        return None
    return 100 * float(returnees) / float(fighters)


@rule(
    "share-agrees", HEADLINE,
    '`returnee_share` is within its tolerance of 100 x `returnees` / `foreign_fighters`: 2.5 points when the source says "about" ("about" read as rounded to the nearest 5 percent, as the source does not say: 15 stands for 12.5 to 17.5; today\'s figures give 14.0), 0.5 otherwise.',
    "rows", reads={"measure": STRING, "value": NUMBER, "qualifier": STRING},
)  # fmt: skip
def share_agrees(df: pd.DataFrame, tables: object) -> Verdict:
    share = share_of(df)
    tolerance = df["qualifier"].astype("string").map(SHARE_TOLERANCE).fillna(SHARE_TOLERANCE[None]).astype(float)

    def explain(row: pd.Series) -> tuple[str, str]:
        return "value", (
            f"returnee_share {n(row.value)} is more than {tolerance.loc[cast(int, row.name)]:g} points from "
            f"100 x returnees / foreign_fighters = {share:.1f}"
        )

    if share is None:
        return Verdict(pd.Series(True, index=df.index), explain)
    off = (df["value"] - share).abs() > tolerance
    return Verdict(ok(~((df["measure"] == "returnee_share") & off)), explain)


def origin_totals(origins: pd.DataFrame) -> dict[str, int]:
    from ..counting import summable  # pandas only

    countries = origins[(origins["origin_type"] == "country") & (origins["returned"] > 0).fillna(False)]
    return {
        "foreign_fighters": sum(int(v) for v in summable(origins, "departed")["departed"].dropna()),
        "returnees": sum(int(v) for v in summable(origins, "returned")["returned"].dropna()),
        "returnee_countries": countries["origin"].nunique(),
    }


@rule(
    "totals-cover-rows", HEADLINE,
    "the summable rows' `departed` and `returned` (`ff.summable(df, measure)`) sum to no more than `foreign_fighters` and `returnees`, and the countries with returnees number no more than `returnee_countries`: a total may exceed the table (not every origin has a row), never fall short of it.",
    "rows",
    reads={"measure": STRING, "value": NUMBER, **{f"{ORIGINS}:{f}": t for f, t in
           {"origin": STRING, "origin_type": STRING, "part_of": STRING, "departed": INTEGER, "returned": INTEGER}.items()}},
)  # fmt: skip
def totals_cover_rows(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    totals = origin_totals(tables[ORIGINS]) if ORIGINS in tables else {}
    needed = df["measure"].astype("string").map(totals).astype("Float64")
    what = {
        "foreign_fighters": "the summable rows' departed sum to",
        "returnees": "the summable rows' returned sum to",
        "returnee_countries": "the country rows with returnees number",
    }
    return Verdict(
        ok(~(needed > df["value"])),
        lambda row: ("value", f"{row.measure} is {n(row.value)}, but {what[row.measure]} {totals[row.measure]:g}"),
    )


def _headline_qualifier(
    quote: str | None, value: float | None, qualifier: str | None, language: str | None
) -> str | None:
    """What the words before the figure say where they disagree with ``qualifier``, else None."""
    if quote is None or value is None or language not in QUALIFIED_LANGUAGES:
        return None
    # Only the words before: in "5,600 residents from 33 countries are known to have returned",
    # "known" qualifies the residents, not the 33 countries.
    near = qualifier_near(quote, float(value), language, after=False)
    if not near or qualifier in near:
        return None
    return " or ".join(sorted(q or "empty" for q in near))


@rule(
    "headline-qualifier-agrees", HEADLINE,
    "the row's `qualifier` matches the words just before its `value` in its `quote`, in the source's language, as "
    "`qualifier-agrees` reads them (\"Over 40,000\" is more_than, \"at least 5,600\" at_least, none of them empty); "
    "a quote in a language whose qualifying words are not known is not judged.",
    "rows", reads={"quote": STRING, "value": NUMBER, "qualifier": STRING, "source": STRING,
                   f"{SOURCES}:source": STRING, f"{SOURCES}:language": STRING},
)  # fmt: skip
def headline_qualifier_agrees(df: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> Verdict:
    language = by_source(tables, "language")
    columns = ["quote", "value", "qualifier", "source"]

    def problem(quote: str | None, value: float | None, qualifier: str | None, source: str | None) -> str | None:
        return _headline_qualifier(quote, value, qualifier, language.get(source) if source else None)

    def explain(row: pd.Series) -> tuple[str, str]:
        cells = [None if pd.isna(row[c]) else row[c] for c in columns]
        want = problem(*cells)
        shown = "empty" if cells[2] is None else str(cells[2])
        return (
            "qualifier",
            f"{row.measure} qualifier is {shown}, but the words before {n(row.value)} in its quote say {want}",
        )

    return Verdict(rowwise(df, columns, lambda *row: problem(*row) is None), explain)
