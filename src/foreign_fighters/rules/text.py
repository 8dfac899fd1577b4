"""Text hygiene for every CSV: cells a spreadsheet would run as formulas, stray whitespace."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pandas as pd

from . import Verdict, rule
from .figures import per_distinct

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")  # a negative number in a note is text, not a formula


def text_cells(df: pd.DataFrame, holds: Callable[[str, str], bool]) -> pd.DataFrame:
    """A cells rule's verdict: ``holds(column name, cell)`` for each text cell (NA holds), True for
    every other cell. Each distinct text is judged once, in plain Python: on the reader's strings
    (Python-backed, without pyarrow) pandas' string methods loop in Python too, at a higher cost
    per column."""
    judged = {}
    for name, col in df.select_dtypes(include=["string", "category"]).items():

        def judge(texts: pd.Series, column: str = str(name)) -> list[bool]:
            return [holds(column, str(t)) for t in texts]

        judged[name] = per_distinct(col, judge, True).astype(bool)
    # built in one go: setting columns one by one cost more than the checks on the real package
    return pd.DataFrame({c: judged.get(c, True) for c in df.columns}, index=df.index, columns=df.columns)


def _shown(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


@rule(
    "no-formula-prefix", "every CSV",
    "no text cell starts with `=`, `+`, `-`, `@`, tab or carriage return unless it is a number (spreadsheet formula injection).",
    "cells",
)  # fmt: skip
def no_formula_prefix(df: pd.DataFrame, tables: object) -> Verdict:
    def holds(name: str, text: str) -> bool:
        return not text.startswith(FORMULA_PREFIXES) or NUMBER.fullmatch(text) is not None

    return Verdict(
        text_cells(df, holds),
        lambda row, column: (
            column,
            f"{_shown(row[column])} starts with {str(row[column])[:1]!r}: a spreadsheet would run it as a formula",
        ),
    )


@rule("no-surrounding-whitespace", "every CSV", "no text cell has leading or trailing whitespace.", "cells")
def no_surrounding_whitespace(df: pd.DataFrame, tables: object) -> Verdict:
    ok = text_cells(df, lambda name, text: text == text.strip())
    return Verdict(ok, lambda row, column: (column, f"{_shown(row[column])} has leading or trailing whitespace"))


@rule("table-not-empty", "every CSV", "every table has at least one row.", "table")
def table_not_empty(df: pd.DataFrame, tables: object) -> list[tuple[str | None, str]]:
    return [] if len(df) else [(None, "the table has no rows")]


@rule(
    "text-nfc", "every CSV",
    "every text cell is in Unicode's composed form (NFC): \"Côte\" written as `o` plus a combining accent looks the "
    "same as `ô` but is another value, so a key or a name in that form matches nothing.",
    "cells",
)  # fmt: skip
def text_nfc(df: pd.DataFrame, tables: object) -> Verdict:
    return Verdict(
        text_cells(df, lambda name, text: unicodedata.is_normalized("NFC", text)),
        lambda row, column: (
            column,
            f"{_shown(row[column])} is not in Unicode's composed form (NFC): compose it, as "
            f"{_shown(unicodedata.normalize('NFC', str(row[column])))}",
        ),
    )
