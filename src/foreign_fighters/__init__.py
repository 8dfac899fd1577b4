"""Foreign fighters who joined ISIS and returnees, by origin: The Soufan Center's 2017 figures as
a Frictionless Data Package.

>>> import foreign_fighters as ff
>>> df = ff.load()                      # fighters-by-origin, typed; sha256 verified first
>>> top = ff.summable(df, "departed")   # rows whose departed no other row includes: safe to add up
>>> ev = ff.load("figures-by-source")   # what each source says; also "sources", "headline-figures"
>>> ff.corroboration()                  # per figure: how many (independent) sources give it
>>> report = ff.validate()              # every rule; report.valid, .errors, .warnings
>>> ff.schema().validate(df, lazy=True)  # pandera, on a frame you edited: SchemaErrors name rule and row

Every function that takes a ``source`` reads a package folder, a ``datapackage.json`` path, a
``.zip`` of a package, or the http(s) URL of a descriptor or a zip; by default the copy installed
with this package.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .errors import IntegrityError, SourceError

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd
    import pandera.pandas as pa

    from .attestation import corroboration
    from .loader import load, summable
    from .report import Issue, Report

__all__ = [
    "IntegrityError", "Issue", "Report", "SourceError", "__version__", "corroboration", "load", "schema", "summable", "validate",
]  # fmt: skip
_LAZY = {
    "load": "loader",
    "summable": "loader",
    "corroboration": "attestation",
    "Report": "report",
    "Issue": "report",
}


def __getattr__(name: str) -> Any:
    # Lazy: pandas loads with the first load(), so `import foreign_fighters` stays light;
    # importlib.metadata costs about 50 ms, a tenth of load()'s whole run.
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    if name == "__version__":
        from .package import python_version  # a checkout's datapackage.json: `make bump` needs no reinstall

        return python_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


def validate(source: str | os.PathLike[str] | None = None, *, worker: bool | None = None) -> Report:
    """Check a data package against every rule: a package folder, a ``datapackage.json`` path, a
    ``.zip`` of a package, or the http(s) URL of a descriptor or a zip; by default the copy
    installed with this package. Returns a ``Report`` (``.valid``, ``.errors``, ``.warnings``).

    ``worker`` is accepted as before and has no effect: every rule runs in this process.

    Needs the ``validate`` extra: ``pip install 'foreign-fighters[validate]'``.
    """
    from .errors import require_extra

    require_extra("validate()")
    from .validation import validate as _validate  # imported here so that load() never pays for it

    return _validate(source, worker=worker)


def schema(
    resource: str = "fighters-by-origin",
    *,
    source: str | os.PathLike[str] | None = None,
    tables: Mapping[str, pd.DataFrame] | None = None,
) -> pa.DataFrameSchema:
    """The pandera ``DataFrameSchema`` of one resource, to check a frame you edited:
    ``ff.schema("fighters-by-origin").validate(df, lazy=True)`` raises pandera's ``SchemaErrors``,
    whose ``failure_cases`` name each broken rule (or column constraint) and row.

    Its columns are the resource's fields with the dtypes ``load()`` gives and their constraints
    as checks; each rule on the resource's rows, cells or whole table is a check named after the
    rule (a warning only warns). ``source``: the package, as for ``load()``; by default the copy
    installed with this package. ``tables``: the other resources' frames that cross-table rules
    read, by name; those it lacks are loaded from ``source``. ``KeyError`` for an unknown resource.

    Needs the ``validate`` extra: ``pip install 'foreign-fighters[validate]'``.
    """
    from .schemas import schema as _schema  # pandas and pandera: imported only when asked for

    return _schema(resource, source=source, tables=tables)
