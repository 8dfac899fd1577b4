"""Find a data package, read its descriptor, and hand out verified resource bytes.

Only the standard library: this module is on the ``load()`` path.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin

from . import limits
from .archive import open_zip
from .errors import IntegrityError, SourceError

__all__ = ["DESCRIPTOR", "IntegrityError", "Package", "SourceError", "open_package"]

DESCRIPTOR = "datapackage.json"
# A descriptor is a few kB; refusing large ones keeps a bad path from reading a huge file.
MAX_DESCRIPTOR_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Package:
    descriptor: dict[str, Any]
    base: Traversable | None  # the folder that resource paths are relative to; None for a zip or URL
    label: str  # how to name the package in messages
    bundled: bool = False  # the copy that ships with this Python package
    fetch: Callable[[str], bytes] | None = None  # reads a relative path from a zip or URL
    extras: tuple[str, ...] = ()  # files beside the descriptor worth keeping (CHANGELOG.md, README.md)

    @property
    def resource_names(self) -> list[str]:
        return [r.get("name") for r in self.descriptor["resources"] if isinstance(r, dict)]

    def resource(self, name: str) -> dict[str, Any]:
        for res in self.descriptor["resources"]:
            if isinstance(res, dict) and res.get("name") == name:
                return res
        raise KeyError(f"no resource {name!r} in {self.label}; it has: {', '.join(map(str, self.resource_names))}")

    def path_of(self, res: dict[str, Any]) -> str:
        """The resource's relative path, refused if it could point outside the package."""
        path = res.get("path")
        name = res.get("name")
        if not isinstance(path, str):
            raise SourceError(f"{self.label}: resource {name!r} needs one relative file path, got {path!r}")
        parts = PurePosixPath(path).parts
        if (
            not path
            or "\\" in path
            or "://" in path
            or path.startswith(("/", "~"))
            or re.match(r"^[A-Za-z]:", path)
            or ".." in parts
        ):
            raise SourceError(f"{self.label}: resource {name!r} path {path!r} is unsafe: it escapes the package folder")
        return path

    def read_bytes(self, res: dict[str, Any]) -> bytes:
        path = self.path_of(res)
        if self.fetch is not None:  # a zip or a URL
            return self.fetch(path)
        assert self.base is not None  # a package has a folder or a fetch
        target = self.base.joinpath(path)
        if isinstance(target, Path):
            # A symlink inside the folder could still lead outside it.
            real, root = target.resolve(), Path(str(self.base)).resolve()
            if root not in real.parents:
                raise SourceError(f"{self.label}: resource path {path!r} leads outside the package folder")
        try:
            return target.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise SourceError(f"{path}: no such file (resource {res.get('name')!r} of {self.label})") from None
        except OSError as exc:
            raise SourceError(f"{path}: cannot be read: {exc.strerror or exc}") from None

    def read_extra(self, name: str) -> bytes | None:
        """A file beside the descriptor (CHANGELOG.md, README.md), or None if there is none."""
        if self.base is None:
            return self.fetch(name) if self.fetch and name in self.extras else None
        target = self.base.joinpath(name)
        return target.read_bytes() if target.is_file() else None

    def read_verified(self, res: dict[str, Any]) -> bytes:
        """The resource's bytes, after checking them against the declared ``bytes`` and ``hash``."""
        data = self.read_bytes(res)
        path = self.path_of(res)
        problem = integrity_problem(data, res)
        if problem:
            raise IntegrityError(f"{path}: {problem}; the file does not match {self.label}")
        return data


# Dialect properties this package reads, with the values it can read; anything else is refused
# rather than misread.
_DIALECT_DEFAULTS = {"header": True, "doubleQuote": True, "lineTerminator": None, "$schema": None}


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


def integrity_problem(data: bytes, res: dict[str, Any]) -> str | None:
    """What is wrong with ``data`` against the resource's ``bytes`` and ``hash``, or None."""
    expected_size = res.get("bytes")
    if expected_size is not None and expected_size != len(data):
        return f"bytes mismatch: expected {expected_size}, actual {len(data)}"
    declared = res.get("hash")
    if declared:
        algorithm, _, expected = str(declared).rpartition(":")
        algorithm = algorithm or "md5"  # the Data Package default for a bare hash
        try:
            actual = hashlib.new(algorithm, data).hexdigest()
        except ValueError:
            return f"unknown hash algorithm {algorithm!r}"
        if actual != expected.lower():
            return f"{algorithm} mismatch: expected {expected}, actual {actual}"
    return None


def bundled_base() -> Traversable:
    """The folder holding the shipped ``datapackage.json``.

    In a wheel it sits inside the Python package. An editable install of a checkout has no copy
    there (the build copies it into the wheel), so fall back to the checkout's root.
    """
    here = resources.files(__package__)
    if here.joinpath(DESCRIPTOR).is_file():
        return here
    return Path(__file__).resolve().parents[2]


def open_package(source: str | os.PathLike[str] | None = None) -> Package:
    """Read the descriptor of the bundled package, a package folder, a descriptor path, a zip of
    a package, or the http(s) URL of a descriptor or of a zip."""
    if source is None:
        base = bundled_base()
        text = _read_descriptor_text(base.joinpath(DESCRIPTOR), DESCRIPTOR)
        return Package(_parse(text, DESCRIPTOR), base, DESCRIPTOR, bundled=True)
    text_source = os.fspath(source)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text_source):
        from . import remote  # urllib and ssl cost 25 ms: only for URLs

        if re.sub(r"[?#].*$", "", text_source).lower().endswith(".zip"):
            return _zip_package(remote.download(text_source), text_source)
        text = _decode(remote.download(text_source, MAX_DESCRIPTOR_BYTES), text_source)
        return Package(
            _parse(text, text_source), None, text_source, fetch=lambda p: remote.download(urljoin(text_source, p))
        )
    path = Path(text_source)
    if path.is_dir():
        path = path / DESCRIPTOR
        if not path.is_file():
            raise SourceError(f"{text_source}: folder has no {DESCRIPTOR}")
    elif not path.exists():
        raise SourceError(f"{text_source}: no such file or folder")
    elif path.suffix.lower() == ".zip":
        if path.stat().st_size > limits.MAX_BYTES:
            raise SourceError(f"{text_source}: larger than {limits.MAX_BYTES} bytes; refused")
        return _zip_package(path.read_bytes(), text_source)
    text = _read_descriptor_text(path, text_source)
    return Package(_parse(text, text_source), path.parent, str(path))


def _zip_package(data: bytes, label: str) -> Package:
    descriptor, read, names = open_zip(data, label, limits.MAX_BYTES)
    extras = tuple(n for n in ("CHANGELOG.md", "README.md") if n in names)
    return Package(_parse(_decode(descriptor, label), label), None, label, fetch=read, extras=extras)


def materialize(package: Package, folder: Path) -> Path:
    """Write a zip or URL package into ``folder`` as files, for the tools that read files."""
    (folder / DESCRIPTOR).write_text(json.dumps(package.descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    names = [package.path_of(r) for r in package.descriptor["resources"] if isinstance(r, dict)]
    for name in [*names, *package.extras]:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(package.fetch(name) if package.fetch else b"")
    return folder


def _decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{label}: not UTF-8 text (byte {exc.start})") from None


def _read_descriptor_text(path: Traversable, label: str) -> str:
    try:
        if isinstance(path, Path) and path.stat().st_size > MAX_DESCRIPTOR_BYTES:
            raise SourceError(f"{label}: descriptor larger than {MAX_DESCRIPTOR_BYTES} bytes")
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise SourceError(f"{label}: no such file") from None
    except UnicodeDecodeError as exc:
        raise SourceError(f"{label}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise SourceError(f"{label}: cannot be read: {exc.strerror or exc}") from None


def _parse(text: str, label: str) -> dict[str, Any]:
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{label}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise SourceError(f"{label}: not valid JSON: nested too deeply") from None
    if not isinstance(descriptor, dict):
        raise SourceError(f"{label}: a descriptor must be a JSON object, got {type(descriptor).__name__}")
    if not isinstance(descriptor.get("resources"), list) or not descriptor["resources"]:
        raise SourceError(f"{label}: a descriptor needs a non-empty 'resources' list")
    return descriptor
