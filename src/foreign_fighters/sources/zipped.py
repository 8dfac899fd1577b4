"""A package inside a zip archive, read in memory and refused if any entry could escape."""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import limits
from ..errors import SourceError, TooLarge
from . import DESCRIPTOR, check_path

MAX_ENTRIES = 10_000
MAX_RATIO = 200  # uncompressed / compressed: above it, a zip bomb rather than CSV
_BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, OSError, EOFError, RuntimeError, KeyError)


@dataclass(frozen=True)
class ZipSource:
    archive: zipfile.ZipFile
    prefix: str  # the folder inside the zip that holds datapackage.json ("" at the root)
    label: str

    @classmethod
    def open(cls, path: Path) -> ZipSource:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise SourceError(f"{path}: cannot be read: {exc.strerror or exc}") from None
        if size > limits.MAX_BYTES:
            raise SourceError(f"{path}: larger than {limits.MAX_BYTES} bytes; refused")
        from .folder import FolderSource

        data = FolderSource(path.parent.resolve(), path.name).read(path.name, limits.MAX_BYTES)
        return cls.from_bytes(data, str(path))

    @classmethod
    def from_bytes(cls, data: bytes, label: str) -> ZipSource:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
        except _BROKEN as exc:
            raise SourceError(f"{label}: not a readable zip archive ({exc})") from None
        if len(infos) > MAX_ENTRIES:
            raise SourceError(f"{label}: more than {MAX_ENTRIES} entries; refused")
        for info in infos:
            name = info.filename.rstrip("/")
            if name and not _safe(name):
                raise SourceError(f"{label}: entry {info.filename!r} escapes the extraction folder; refused")
        files = [i.filename for i in infos if not i.is_dir()]
        folders = {i.filename.rstrip("/") for i in infos if i.is_dir()}
        folders |= {str(p) for f in files for p in PurePosixPath(f).parents if str(p) != "."}
        if len(set(files)) != len(files) or folders & set(files):
            raise SourceError(f"{label}: an entry is both a file and a folder, or appears twice; refused")
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        if total > limits.MAX_BYTES or (total / packed > MAX_RATIO and total > 10 * 1024 * 1024):
            raise SourceError(f"{label}: unpacks to {total} bytes from {packed}; refused as a zip bomb")
        candidates = [f for f in files if PurePosixPath(f).name == DESCRIPTOR and len(PurePosixPath(f).parts) <= 2]
        if len(candidates) != 1:
            raise SourceError(f"{label}: needs exactly one {DESCRIPTOR} at its root or in one top folder")
        return cls(archive, candidates[0][: -len(DESCRIPTOR)], label)

    def where(self, name: str) -> str:
        return f"{self.label}!/{self.prefix}{name}"

    def names(self) -> list[str]:
        n = len(self.prefix)
        return sorted(
            i.filename[n:] for i in self.archive.infolist() if i.filename.startswith(self.prefix) and not i.is_dir()
        )

    def read(self, name: str, limit: int) -> bytes:
        check_path(name, self.label)
        try:
            with self.archive.open(self.prefix + name) as fh:
                data = fh.read(limit + 1)
        except KeyError:
            raise SourceError(f"{name}: no such file in {self.label}") from None
        except _BROKEN as exc:
            raise SourceError(f"{name}: cannot be read from {self.label} ({exc})") from None
        if len(data) > limit:
            raise TooLarge(f"{name}: holds more than the {limit} bytes allowed; refused")
        return data


def _safe(name: str) -> bool:
    try:
        check_path(name, "")
    except SourceError:
        return False
    return True
