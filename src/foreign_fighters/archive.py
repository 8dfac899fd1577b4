"""A data package inside a zip archive, read in memory and refused if any entry could escape."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath

from .errors import SourceError

MAX_ENTRIES = 10_000
MAX_RATIO = 200  # uncompressed / compressed: above it, a zip bomb rather than CSV


def _unsafe(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return name.startswith(("/", "\\")) or "\\" in name or ".." in parts or (len(name) > 1 and name[1] == ":")


def open_zip(data: bytes, label: str, limit: int) -> tuple[bytes, Callable[[str], bytes], list[str]]:
    """(descriptor bytes, a reader of paths relative to it, the package's file names) for a zip
    holding datapackage.json at its root or in one top-level folder."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise SourceError(f"{label}: not a readable zip archive ({exc})") from None
    if len(infos) > MAX_ENTRIES:
        raise SourceError(f"{label}: more than {MAX_ENTRIES} entries; refused")
    for info in infos:
        if _unsafe(info.filename):
            raise SourceError(f"{label}: entry {info.filename!r} escapes the extraction folder; refused")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > limit or (total / packed > MAX_RATIO and total > 10 * 1024 * 1024):
        raise SourceError(f"{label}: unpacks to {total} bytes from {packed}; refused as a zip bomb")
    candidates = [i.filename for i in infos if PurePosixPath(i.filename).name == "datapackage.json"]
    candidates = [c for c in candidates if len(PurePosixPath(c).parts) <= 2]
    if len(candidates) != 1:
        raise SourceError(f"{label}: needs exactly one datapackage.json at its root or in one top folder")
    prefix = candidates[0][: -len("datapackage.json")]

    def read(path: str) -> bytes:
        try:
            with archive.open(prefix + path) as fh:
                return fh.read(limit + 1)[:limit]
        except KeyError:
            raise SourceError(f"{path}: no such file in {label}") from None
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
            raise SourceError(f"{path}: cannot be read from {label} ({exc})") from None

    names = [i.filename[len(prefix) :] for i in infos if i.filename.startswith(prefix) and not i.is_dir()]
    return read("datapackage.json"), read, names
