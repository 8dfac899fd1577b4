"""A data package: its descriptor, and its resources' bytes verified against what it declares.

Only the standard library: this module is on the ``load()`` path.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, cast

from . import limits
from .errors import IntegrityError, SourceError, TooLarge
from .sources import DESCRIPTOR, Source, check_path, open_source
from .sources.folder import FolderSource

__all__ = ["DESCRIPTOR", "IntegrityError", "Package", "SourceError", "open_package"]

MAX_DESCRIPTOR_BYTES = 10 * 1024 * 1024
# What the package can read of a CSV dialect; anything else is refused rather than misread.
_DIALECT_DEFAULTS = {"header": True, "doubleQuote": True, "lineTerminator": None, "$schema": None}


@dataclass(frozen=True)
class Package:
    descriptor: dict[str, Any]
    source: Source
    bundled: bool = False  # the copy that ships with this Python package

    @property
    def label(self) -> str:
        return self.source.label

    @property
    def resources(self) -> list[dict[str, Any]]:
        return [r for r in self.descriptor["resources"] if isinstance(r, dict)]

    @property
    def resource_names(self) -> list[str]:
        return [str(r.get("name")) for r in self.resources]

    def resource(self, name: str) -> dict[str, Any]:
        """The resource called ``name``, written with ``_`` or ``-`` alike (``fighters_by_origin``).

        KeyError for any other name, its message naming the closest resource and all of them."""
        for res in self.resources:
            if res.get("name") == name:
                return res
        wanted = _resource_key(str(name))
        found = [r for r in self.resources if isinstance(r.get("name"), str) and _resource_key(r["name"]) == wanted]
        if len(found) == 1:  # two names that differ only by _ and -: only the exact one is found
            return found[0]
        names = self.resource_names
        by_key = {_resource_key(n): n for n in reversed(names)}  # the first of two alike names
        close = difflib.get_close_matches(wanted, list(by_key), n=1)
        hint = f" (did you mean {by_key[close[0]]!r}?)" if close else ""
        raise KeyError(f"no resource {name!r} in {self.label}{hint}; it has: {', '.join(names)}")

    def path_of(self, res: dict[str, Any]) -> str:
        """The resource's relative path, refused if it could point outside the package."""
        return check_path(res.get("path"), self.label, f"resource {res.get('name')!r} path")

    def read(self, res: dict[str, Any], slack: int = 0) -> bytes:
        """The resource's bytes, never more than it declares (nor than the global limit); with
        ``slack``, up to that many bytes more (a CSV edited by hand, to check what it holds)."""
        declared = res.get("bytes")
        limit = limits.MAX_BYTES
        sized = isinstance(declared, int) and not isinstance(declared, bool) and 0 <= declared < limit
        if sized:
            limit = min(cast(int, declared) + max(slack, 0), limit)  # a larger file is a mismatch: stop reading at once
        try:
            return self.source.read(self.path_of(res), limit)
        except TooLarge:
            if sized:
                raise IntegrityError(
                    f"{self.path_of(res)}: bytes mismatch: expected {declared}, actual more; "
                    f"the file does not match {self.label}"
                ) from None
            raise

    def read_verified(self, res: dict[str, Any]) -> bytes:
        """The resource's bytes, after checking them against the declared ``bytes`` and ``hash``."""
        data = self.read(res)
        for problem in integrity_problems(data, res).values():
            raise IntegrityError(f"{self.path_of(res)}: {problem}; the file does not match {self.label}")
        return data

    def contents(self, res: dict[str, Any]) -> Contents:
        """The resource resolved for the reader, its bytes verified against the descriptor."""
        return Contents.of(res, self.path_of(res), self.read_verified(res))

    def read_extra(self, name: str) -> bytes | None:
        """A file beside the descriptor (CHANGELOG.md, README.md), or None if there is none."""
        try:
            return self.source.read(name, MAX_DESCRIPTOR_BYTES)
        except SourceError:
            return None


def _resource_key(name: str) -> str:
    """A resource name as it is looked up: ``_`` and ``-`` are the same."""
    return name.replace("_", "-")


@dataclass(frozen=True)
class Contents:
    """One resource resolved once, for the reader: its descriptor, its safe path, its CSV dialect
    and its bytes. The reader needs nothing else, and asks the package nothing."""

    res: dict[str, Any]
    path: str
    dialect: tuple[str, str]  # (delimiter, quote character)
    data: bytes

    @classmethod
    def of(cls, res: dict[str, Any], path: str, data: bytes) -> Contents:
        """SourceError for a dialect this package does not read."""
        return cls(res, path, csv_dialect(res), data)


def csv_dialect(res: dict[str, Any]) -> tuple[str, str]:
    """The resource's CSV (delimiter, quote character); the Table Dialect defaults are "," and '"'."""
    dialect = res.get("dialect", {})
    if not isinstance(dialect, dict):
        raise SourceError(f"resource {res.get('name')!r}: only an inline dialect object is supported")
    for key, value in dialect.items():
        if key in ("delimiter", "quoteChar"):
            if not isinstance(value, str) or len(value) != 1 or value in "\r\n":
                raise SourceError(f"resource {res.get('name')!r}: dialect {key} must be one character, got {value!r}")
        elif key not in _DIALECT_DEFAULTS or (_DIALECT_DEFAULTS[key] is not None and value != _DIALECT_DEFAULTS[key]):
            raise SourceError(f"resource {res.get('name')!r}: dialect {key}={value!r} is not supported")
    return dialect.get("delimiter", ","), dialect.get("quoteChar", '"')


def integrity_problems(data: bytes, res: dict[str, Any]) -> dict[str, str]:
    """What is wrong with ``data`` against the resource's ``bytes`` and ``hash``, by rule
    (``byte-count``, ``hash-count``); empty if nothing."""
    out = {}
    expected_size = res.get("bytes")
    if expected_size is not None and expected_size != len(data):
        out["byte-count"] = f"bytes mismatch: expected {str(expected_size)[:40]}, actual {len(data)}"
    declared = res.get("hash")
    if declared:
        algorithm, _, expected = str(declared).rpartition(":")
        algorithm = algorithm or "md5"  # the Data Package default for a bare hash
        if algorithm not in hashlib.algorithms_guaranteed or algorithm.startswith("shake"):
            out["hash-count"] = f"unknown hash algorithm {algorithm[:40]!r}"
        else:
            actual = hashlib.new(algorithm, data).hexdigest()
            if actual != expected.lower():
                out["hash-count"] = f"{algorithm} mismatch: expected {expected[:128]}, actual {actual}"
    return out


def bundled_root() -> Path:
    """The folder holding the shipped ``datapackage.json``.

    In a wheel it sits inside the Python package. An editable install of a checkout has no copy
    there (the build copies it into the wheel), so fall back to the checkout's root.
    """
    here = Path(str(resources.files(__package__)))
    return here if (here / DESCRIPTOR).is_file() else Path(__file__).resolve().parents[2]


def python_version() -> str:
    """The Python package's version. Built into a wheel, its metadata's; run from a checkout (an
    editable install), the checkout's ``datapackage.json``'s: the build's version source, so that
    ``make bump`` or a pulled release needs no reinstall."""
    here = Path(str(resources.files(__package__)))
    if not (here / DESCRIPTOR).is_file():  # a checkout: what a build of it would stamp
        try:
            version = json.loads((bundled_root() / DESCRIPTOR).read_text("utf-8")).get("version")
        except (OSError, ValueError, AttributeError):
            version = None
        if isinstance(version, str) and version:
            return version
    from importlib import metadata

    try:
        return metadata.version("foreign-fighters")
    except metadata.PackageNotFoundError:  # a source tree that is not installed
        return "0+unknown"


def open_package(location: str | os.PathLike[str] | None = None) -> Package:
    """Open the bundled package (``None``), a package folder, a descriptor path, a zip of a
    package, or the http(s) URL of a descriptor or of a zip."""
    source: Source = FolderSource.open(bundled_root()) if location is None else open_source(location)
    text = _decode(source.read(DESCRIPTOR, min(MAX_DESCRIPTOR_BYTES, limits.MAX_BYTES)), source.label)
    return Package(_parse(text, source.label), source, bundled=location is None)


def _decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{label}: not UTF-8 text (byte {exc.start})") from None


def _parse(text: str, label: str) -> dict[str, Any]:
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{label}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise SourceError(f"{label}: not valid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise SourceError(f"{label}: not valid JSON: {exc}") from None
    if not isinstance(descriptor, dict):
        raise SourceError(f"{label}: a descriptor must be a JSON object, got {type(descriptor).__name__}")
    if not isinstance(descriptor.get("resources"), list) or not descriptor["resources"]:
        raise SourceError(f"{label}: a descriptor needs a non-empty 'resources' list")
    return descriptor
