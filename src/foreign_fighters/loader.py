"""``load()``: a resource as a typed DataFrame, read only after its bytes are verified."""

from __future__ import annotations

import os

import pandas as pd

from . import reader
from .package import Package, open_package


def load(resource: str = "fighters-by-origin", *, source: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load one resource of the data package as a typed DataFrame (dtypes from its schema).

    ``resource``: the table, one of the package's resources:

    - ``"fighters-by-origin"`` (the default): one row per country, region or group, with its
      ``departed`` and ``returned`` figures (add them up with ``summable()``);
    - ``"figures-by-source"``: one row per figure per source, with the source's words;
    - ``"sources"``: the publications that give the figures, and which copies which;
    - ``"headline-figures"``: the report's global figures, one row per measure.

    ``source``: a package folder, a ``datapackage.json`` path, a ``.zip`` of a package, or the
    http(s) URL of a descriptor or a zip; by default the copy installed with this package.
    Raises ``IntegrityError`` if the file's sha256 or size differs from the descriptor,
    ``SourceError`` if it cannot be read or a cell breaks its field's rules (the message names
    file, line, field and rule, as ``validate`` does), ``KeyError`` for an unknown resource.
    """
    return read_frame(open_package(source), resource)


def read_frame(package: Package, resource: str) -> pd.DataFrame:
    """One resource of an opened package as ``load()`` gives it."""
    res = package.resource(resource)
    path = package.path_of(res)  # an unsafe path is refused before anything else
    table = reader.read(package.read_verified(res), res, path)
    reader.refuse(table, table.problems)
    frame, problems = reader.typed(table)
    reader.refuse(table, problems)
    return frame.reset_index(drop=True)


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

    def counted_above(origin: object) -> bool:
        seen = {origin}
        node = parent.get(origin)
        while isinstance(node, str) and node not in seen:
            if has.get(node, False):
                return True
            seen.add(node)
            node = parent.get(node)
        return False

    return frame[[not counted_above(o) for o in frame["origin"]]]
