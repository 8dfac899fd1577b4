"""Where a package's bytes come from: a folder, a zip archive or an http(s) URL.

Each source answers two questions, the same way: which files it has (``names``) and what one of
them holds (``read``, never more than a given number of bytes). Path safety, size limits and
deadlines live here, once; nothing else in the package knows which kind of source it has.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Protocol

from ..errors import SourceError

DESCRIPTOR = "datapackage.json"
# A relative POSIX path of plain segments: no scheme, no '//', no '..', no backslash, no
# whitespace or control characters; checked before a path is joined to anything.
SAFE_PATH = re.compile(r"^(?!.*//)(?![./])[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*$")


class Source(Protocol):
    @property
    def label(self) -> str:
        """How messages name the package: a path or a URL."""
        ...

    def names(self) -> list[str]:
        """The files the source holds, as paths relative to its datapackage.json."""
        ...

    def read(self, name: str, limit: int) -> bytes:
        """The bytes of ``name``; SourceError if it is missing or holds more than ``limit`` bytes."""
        ...

    def where(self, name: str) -> str:
        """Where ``name`` is, for a person or an editor: a file path, or an address."""
        ...


def check_path(name: object, label: str, what: str = "path") -> str:
    """``name`` if it is a safe relative path inside the package, else SourceError."""
    if not isinstance(name, str) or not SAFE_PATH.fullmatch(name) or {".", ".."} & set(name.split("/")):
        raise SourceError(
            f"{label}: {what} {name!r} is unsafe: it escapes the package folder or is not a plain relative path"
        )
    return name


def is_url(location: str) -> bool:
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", location) is not None


def open_source(location: str | os.PathLike[str]) -> Source:
    """The source at ``location``: a package folder, a descriptor path, a zip file, or the http(s)
    URL of a descriptor or a zip."""
    text = os.fspath(location)
    if is_url(text):
        from .http import HttpSource  # urllib and ssl cost 25 ms: only for URLs

        return HttpSource.open(text)
    if "\x00" in text:
        raise SourceError(f"{text!r}: a path cannot hold a NUL byte")
    path = Path(text)
    if path.is_dir():
        from .folder import FolderSource

        return FolderSource.open(path)
    if not path.exists():
        raise SourceError(f"{text}: no such file or folder")
    if path.suffix.lower() == ".zip":
        from .zipped import ZipSource

        return ZipSource.open(path)
    if path.name != DESCRIPTOR and path.suffix.lower() != ".json":
        raise SourceError(f"{text}: neither a package folder, a datapackage.json, nor a .zip")
    from .folder import FolderSource

    return FolderSource.open(path.parent, descriptor=path.name)
