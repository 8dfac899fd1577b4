"""Foreign fighters who joined ISIS and returnees, by origin: The Soufan Center's 2017 figures as
a Frictionless Data Package.

>>> import foreign_fighters as ff
>>> df = ff.load()                      # fighters-by-origin, typed; sha256 verified first
>>> ff.summable(df)["departed"].sum()   # rows no other row includes: safe to add up
np.int64(22295)
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .errors import IntegrityError, SourceError

if TYPE_CHECKING:
    from .loader import load, summable
    from .report import Report


def __getattr__(name: str) -> Any:
    # Lazy: pandas loads with the first load(), so the validation worker process starts light;
    # importlib.metadata costs about 50 ms, a tenth of load()'s whole run.
    if name in ("load", "summable"):
        from . import loader

        return getattr(loader, name)
    if name == "__version__":
        from importlib import metadata

        try:
            return metadata.version("foreign-fighters")
        except metadata.PackageNotFoundError:  # a source tree that is not installed
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["IntegrityError", "SourceError", "__version__", "load", "summable", "validate"]


def validate(source: str | os.PathLike[str] | None = None) -> Report:
    """Check a data package against every rule; by default the copy installed with this package.

    Needs the ``validate`` extra: ``pip install 'foreign-fighters[validate]'``.
    """
    # Imported here so that load() never pays for pandera and frictionless.
    from .validation import validate as _validate

    return _validate(source)
