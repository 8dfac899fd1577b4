"""Pure pandas over the package's tables, for the rules and the public API alike: which rows of
``fighters-by-origin`` may be added up (``summable``), and how many sources, and how many
independent ones, give each figure (``attestation``). Nothing here opens a package; ``loader`` and
``attestation`` re-export these names."""

from __future__ import annotations

import pandas as pd

from .chains import roots as chain_roots


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


def summable(frame: pd.DataFrame, measure: str | None = None) -> pd.DataFrame:
    """The rows of ``fighters-by-origin`` that no other row already includes: safe to add up.

    Rows with a ``part_of`` (Britain in European Union, say) are counted in their parent too.
    With ``measure`` ("departed" or "returned"), a part counts where no region above it holds
    that figure: North Africa gives only a returned figure, so its countries' departed still add
    up (``summable(df, "departed")["departed"].sum()``). Without it: rows with no ``part_of``.
    """
    if measure is None:
        return frame[frame["part_of"].isna()]
    parent = dict(zip(frame["origin"], frame["part_of"], strict=True))
    has = dict(zip(frame["origin"], frame[measure].notna(), strict=True))

    # Whether a region above each origin holds the figure, each origin settled once (linear
    # however long the chains): a region above is the parent, or one above the parent; on a loop,
    # the regions above an origin are the loop's others.
    above: dict[object, bool] = {}
    for start in parent:
        path: list[object] = []  # walked from start, not settled yet
        at: dict[object, int] = {}  # origin -> its place in path
        node: object = start
        while node not in above:
            at[node] = len(path)
            path.append(node)
            after = parent.get(node)
            if not isinstance(after, str):
                break
            if after in at:  # a loop: path[at[after]:]
                loop = path[at[after] :]
                holding = sum(bool(has.get(o, False)) for o in loop)
                above.update((o, holding - bool(has.get(o, False)) > 0) for o in loop)
                del path[at[after] :]
                break
            node = after
        for origin in reversed(path):  # the parent of each is settled by now
            after = parent.get(origin)
            above[origin] = isinstance(after, str) and (bool(has.get(after, False)) or above.get(after, False))

    keep = pd.Series([not above.get(o, False) for o in frame["origin"]], index=frame.index, dtype=bool)
    return frame[keep]  # a Series, so that an empty table keeps its columns
