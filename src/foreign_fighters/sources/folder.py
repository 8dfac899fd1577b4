"""A package in a folder on disk. Only regular files inside the folder are opened."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError, TooLarge
from . import DESCRIPTOR, check_path


@dataclass(frozen=True)
class FolderSource:
    root: Path
    descriptor: str = DESCRIPTOR

    @classmethod
    def open(cls, root: Path, descriptor: str = DESCRIPTOR) -> FolderSource:
        if not (root / descriptor).exists():
            raise SourceError(f"{root}: folder has no {descriptor}")
        return cls(root.resolve(), descriptor)

    @property
    def label(self) -> str:
        return str(self.root / self.descriptor)

    def where(self, name: str) -> str:
        return str(self.root / (self.descriptor if name == DESCRIPTOR else name))

    def names(self) -> list[str]:
        out = []
        for folder, _, files in os.walk(self.root):
            rel = Path(folder).relative_to(self.root)
            out += [(rel / f).as_posix() for f in files]
        return sorted(out)

    def read(self, name: str, limit: int) -> bytes:
        target = self.root / (self.descriptor if name == DESCRIPTOR else check_path(name, self.label))
        real = target.resolve()
        if real != self.root and self.root not in real.parents:  # a symlink that leads out
            raise SourceError(f"{name}: leads outside the package folder {self.root}")
        try:
            # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
            fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            raise SourceError(f"{name}: no such file in {self.root}") from None
        except OSError as exc:
            raise SourceError(f"{name}: cannot be read: {exc.strerror or exc}") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise SourceError(f"{name}: not a regular file (a folder, FIFO, device or socket); refused")
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(f"{name}: holds more than the {limit} bytes allowed; refused")
        return data
