"""How well each figure is attested, from ``figures-by-source`` and ``sources``: ``corroboration()``.

Sources are independent when neither is a ``copy_of`` the other: each source counts once for the
publication at the end of its ``copy_of`` chain (its root). pandas only.
"""

from __future__ import annotations

import os

import pandas as pd

from .counting import attestation as attestation
from .counting import roots as roots
from .vocabulary import MEASURES, PERCENT

COLUMNS = ["origin", "measure", "value", "percent", "sources", "independent", "other_values"]


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
    # Looked up, not filtered per origin: each origin's first row, and the counts by origin and
    # measure (values in ascending order, each once: attestation groups and sorts by them).
    held: dict[object, dict[str, float | None]] = {}  # a figure, or None where the table holds none
    for origin, *figures in zip(*(origins[c].tolist() for c in ("origin", *MEASURES)), strict=True):
        held.setdefault(origin, {m: None if pd.isna(f) else f for m, f in zip(MEASURES, figures, strict=True)})
    given_values: dict[tuple[object, object], list[tuple[float, int, int]]] = {}
    columns = ("origin", "measure", "value", "sources", "independent")
    for origin, measure, v, s, i in zip(*(counts[c].tolist() for c in columns), strict=True):
        given_values.setdefault((origin, measure), []).append((v, s, i))
    for origin in origins["origin"]:
        for measure in MEASURES:
            value = held[origin][measure]
            if (origin, measure) not in given and value is None:
                continue
            here = sorted(given_values.get((origin, measure), []), key=lambda vsi: vsi[0])
            # as pandas compares the Float64 values with a count: the count as a float
            same = [vsi for vsi in here if vsi[0] == float(value)] if value is not None else []
            other = [vsi for vsi in here if vsi not in same]
            rows.append(
                {
                    "origin": origin,
                    "measure": measure,
                    "value": pd.NA if measure == PERCENT or value is None else value,
                    "percent": value if measure == PERCENT and value is not None else pd.NA,
                    "sources": sum(s for _, s, _ in same),
                    "independent": sum(i for _, _, i in same),
                    "other_values": ", ".join(f"{v:,g} ({i})" for v, _, i in other),
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
