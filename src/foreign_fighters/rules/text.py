"""Text hygiene for every CSV: cells a spreadsheet would run as formulas, stray whitespace."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _text(df: pd.DataFrame) -> pd.DataFrame:
    return df.select_dtypes(include="string")


def _formula_free(df: pd.DataFrame) -> pd.DataFrame:
    ok = pd.DataFrame(True, index=df.index, columns=df.columns)
    for name, col in _text(df).items():
        risky = col.str.startswith(FORMULA_PREFIXES).fillna(False).astype(bool)
        number = pd.to_numeric(col.where(risky), errors="coerce").notna()
        ok[name] = ~risky | number
    return ok


def _trimmed(df: pd.DataFrame) -> pd.DataFrame:
    ok = pd.DataFrame(True, index=df.index, columns=df.columns)
    for name, col in _text(df).items():
        ok[name] = (col == col.str.strip()).fillna(True).astype(bool)
    return ok


HYGIENE = pa.DataFrameSchema(
    checks=[
        pa.Check(_formula_free, name="no-formula-prefix"),
        pa.Check(_trimmed, name="no-surrounding-whitespace"),
    ]
)

MESSAGES = {
    "no-formula-prefix": "starts with {prefix!r}: a spreadsheet would run it as a formula",
    "no-surrounding-whitespace": "has leading or trailing whitespace",
}
