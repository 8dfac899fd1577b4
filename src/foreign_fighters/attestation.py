"""How well each figure is attested, from ``figures-by-source`` and ``sources``: ``corroboration()``.

Sources are independent when neither is a ``copy_of`` the other: each source counts once for the
publication at the end of its ``copy_of`` chain (its root). pandas only.
"""

from __future__ import annotations

import os

import pandas as pd

from .chains import roots as chain_roots

MEASURES = ("departed", "returned", "returned_percent")
PERCENT = "returned_percent"
COLUMNS = ["origin", "measure", "value", "percent", "sources", "independent", "other_values"]


def roots(sources: pd.DataFrame) -> dict[str, str]:
    """Each source's root: follow ``copy_of`` to its end (a loop ends where it would repeat)."""
    return chain_roots({s: c for s, c in zip(sources["source"], sources["copy_of"], strict=True) if isinstance(s, str)})


def attestation(evidence: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per origin, measure and value given: how many sources give it, and how many
    independent ones."""
    root = roots(sources)
    ev = evidence.dropna(subset=["origin", "measure", "value", "source"])
    ev = ev.assign(root=ev["source"].astype(object).map(lambda s: root.get(s, s)))
    grouped = ev.groupby(["origin", "measure", "value"], observed=True, sort=True)
    return grouped.agg(sources=("source", "nunique"), independent=("root", "nunique")).reset_index()


def corroboration(source: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Per origin and measure: the figure in ``fighters-by-origin``, how many sources and how many
    independent sources give it, and the other values sources give.

    ``source``: as for ``load()``; by default the installed package. One row per origin and
    measure that ``fighters-by-origin`` holds or a source gives. Columns, each with the dtype of
    the column it comes from:

    - ``origin``: as in ``fighters-by-origin``;
    - ``measure``: ``departed``, ``returned`` or ``returned_percent``, as in ``figures-by-source``;
    - ``value``: the count (``departed`` or ``returned``) in ``fighters-by-origin``, Int64 as
      there; empty for a ``returned_percent`` row, or where the table holds no figure;
    - ``percent``: the ``returned_percent`` in ``fighters-by-origin``, Float64 as there; set only
      on ``returned_percent`` rows;
    - ``sources``, ``independent`` (Int64): how many sources, and how many independent ones
      (following ``copy_of``), give that figure;
    - ``other_values`` (string): the other values given, each with its number of independent
      sources, e.g. ``"1,900 (1), 2,000 (2)"``.
    """
    from .loader import read_frame
    from .package import open_package

    package = open_package(source)
    origins = read_frame(package, "fighters-by-origin")
    evidence = read_frame(package, "figures-by-source")
    sources = read_frame(package, "sources")
    return table(origins, evidence, sources)


def table(origins: pd.DataFrame, evidence: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    counts = attestation(evidence, sources)
    rows = []
    given = set(zip(evidence["origin"], evidence["measure"], strict=True))
    for origin in origins["origin"]:
        held = origins.loc[origins["origin"] == origin].iloc[0]
        for measure in MEASURES:
            value = held[measure]
            if (origin, measure) not in given and pd.isna(value):
                continue
            here = counts[(counts["origin"] == origin) & (counts["measure"] == measure)]
            same = here[here["value"] == value] if pd.notna(value) else here.iloc[0:0]
            other = here[~here.index.isin(same.index)].sort_values("value")
            rows.append(
                {
                    "origin": origin,
                    "measure": measure,
                    "value": pd.NA if measure == PERCENT or pd.isna(value) else value,
                    "percent": value if measure == PERCENT and pd.notna(value) else pd.NA,
                    "sources": int(same["sources"].sum()),
                    "independent": int(same["independent"].sum()),
                    "other_values": ", ".join(
                        f"{v:,g} ({i})" for v, i in zip(other["value"], other["independent"], strict=True)
                    ),
                }
            )
    out = pd.DataFrame(rows, columns=COLUMNS)
    # Each column keeps the dtype of the column it comes from: a count stays an integer.
    return out.astype(
        {
            "origin": origins["origin"].dtype,
            "measure": evidence["measure"].dtype,
            "value": origins["departed"].dtype,
            "percent": origins[PERCENT].dtype,
            "sources": "Int64",
            "independent": "Int64",
            "other_values": "string",
        }
    )
