"""``load()``: a resource as a typed DataFrame, read only after its bytes are verified."""

from __future__ import annotations

import os

import pandas as pd

from . import reader
from .counting import summable as summable
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
    table = reader.read(package.contents(package.resource(resource)))  # an unsafe path: refused first
    reader.refuse(table, table.problems)
    frame, problems = reader.typed(table)
    reader.refuse(table, problems)
    return frame.reset_index(drop=True)
