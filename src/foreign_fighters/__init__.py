"""Foreign fighters who joined ISIS and returnees, by origin: The Soufan Center's 2017 figures as
a Frictionless Data Package.

>>> import foreign_fighters as ff
>>> df = ff.load()                      # fighters-by-origin, typed; sha256 verified first
>>> ff.summable(df)["departed"].sum()   # rows no other row includes: safe to add up
np.int64(22295)
"""

from __future__ import annotations

import os
from importlib import metadata
from typing import TYPE_CHECKING

from .loader import load, summable
from .package import IntegrityError, SourceError

if TYPE_CHECKING:
    from .report import Report

try:
    __version__ = metadata.version("foreign-fighters")
except metadata.PackageNotFoundError:  # run from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["IntegrityError", "SourceError", "__version__", "load", "summable", "validate"]


def validate(source: str | os.PathLike[str] | None = None) -> Report:
    """Check a data package against every rule; by default the copy installed with this package.

    Needs the ``validate`` extra: ``pip install 'foreign-fighters[validate]'``.
    """
    # Imported here so that load() never pays for pandera and frictionless.
    from .validation import validate as _validate

    return _validate(source)
