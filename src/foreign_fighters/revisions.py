"""Open a package as it was at a git revision, by copying its files out of git into a folder."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .package import DESCRIPTOR, SourceError, open_package
from .sources import is_url

GIT_TIMEOUT = 60  # seconds; a local `git show` takes milliseconds


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise SourceError("git is not installed: pass folders instead of revisions") from None
    except subprocess.TimeoutExpired:
        raise SourceError(f"git {args[0]} did not answer within {GIT_TIMEOUT} s") from None


def is_revision(name: str, repo: Path) -> bool:
    if name.startswith("-"):
        return False
    try:
        return _git("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", cwd=repo).returncode == 0
    except SourceError:  # no git: then it is a path, and open_package says it does not exist
        return False


def _is_path_here(source: str) -> bool:
    """A URL, an existing path, what is plainly a path (absolute, ./, ../, .json, .zip) or what git is
    never asked about: open_package has the words for it."""
    plainly = source.startswith(("/", "./", "../", "~", "-")) or source.lower().endswith((".json", ".zip"))
    return plainly or is_url(source) or "\x00" in source or Path(source).is_absolute() or Path(source).exists()


def _work_tree(repo: Path) -> str | None:
    """The top folder of the git work tree ``repo`` is in; None outside one; "" without git (then
    a name is only a path, and open_package says that it does not exist)."""
    try:
        done = _git("rev-parse", "--show-toplevel", cwd=repo)
    except SourceError:
        return ""
    return (done.stdout.decode(errors="replace").strip() or None) if done.returncode == 0 else None


@contextmanager
def checkout(source: str, repo: Path | None = None) -> Iterator[str | Path]:
    """A folder, descriptor path, zip or URL as given; a git revision of ``repo`` copied into a
    temporary folder."""
    repo = repo or Path.cwd()
    if is_url(source) or "\x00" in source or Path(source).exists() or not is_revision(source, repo):
        if not _is_path_here(source):
            top = _work_tree(repo)
            if top is None:
                raise SourceError(
                    f"not inside a git checkout: {source!r} is neither a package path (no such file or folder) "
                    "nor a git revision; run this inside the repository, or give two package folders"
                )
            if top:
                raise SourceError(
                    f"{source!r} is neither a package path (no such file or folder) "
                    f"nor a revision of the git checkout {top}"
                )
        yield source  # open_package reads it, or says why it cannot
        return
    top = _git("rev-parse", "--show-toplevel", cwd=repo).stdout.decode().strip()
    with tempfile.TemporaryDirectory(prefix="foreign-fighters-") as tmp:
        folder = Path(tmp)

        def copy(path: str, required: bool) -> None:
            shown = _git("show", f"{source}:{path}", cwd=Path(top))
            if shown.returncode != 0:
                if required:
                    raise SourceError(f"{source}: has no {path}")
                return
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(shown.stdout)

        copy(DESCRIPTOR, required=True)
        package = open_package(folder)  # refuses a broken descriptor before its paths are used
        for res in package.descriptor["resources"]:
            if isinstance(res, dict):
                copy(package.path_of(res), required=False)
        copy("CHANGELOG.md", required=False)
        yield folder
