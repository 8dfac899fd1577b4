"""Hostile sources: files that are not files (FIFOs, folders, devices, symlinks out), resource paths
that could escape, lying sizes and hashes, broken and malicious zips, and HTTP servers that answer
badly or not at all. load(), validate() and every command (validate, show, diff) must answer with
SourceError / IntegrityError or exit 2 and one line (or, for readable but wrong input, a report and
exit 1): never a traceback, never a hang, and never a change to the input's files.

FOREIGN_FIGHTERS_DEBUG is set, so an unexpected internal exception fails the test instead of being
turned into a message."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import signal
import socket
import stat
import struct
import threading
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE, HEADLINE, ORIGINS, PackageCopy

import foreign_fighters as ff
from foreign_fighters import limits
from foreign_fighters.cli import main

REFUSED = "refused"  # cannot be read at all: SourceError / IntegrityError, exit 2 from every command
REPORT = "report"  # readable but wrong: load() raises, validate() reports, `validate` exits 1
EITHER = "either"  # refusing or reporting are both right
PREFIX = "foreign-fighters: error: "
HANG_SECONDS = 120


# ---- helpers -----------------------------------------------------------------------------------
def digest(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: a regular file's sha256, and what any other entry is (a FIFO
    is never opened, a symlink never followed)."""
    out = {}
    for top, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(top) / name
            mode = path.lstat().st_mode
            key = str(path.relative_to(folder))
            if stat.S_ISLNK(mode):
                out[key] = "symlink -> " + os.readlink(path)
            elif stat.S_ISREG(mode):
                h = hashlib.sha256()
                with open(path, "rb") as fh:
                    for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                        h.update(block)
                out[key] = h.hexdigest()
            elif stat.S_ISDIR(mode):
                out[key] = "folder"
            else:
                out[key] = f"special {stat.S_IFMT(mode):o}"
    return out


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:300]}"


def assert_answers(
    source: str | os.PathLike[str],
    watch: list[Path],
    expect: str = REFUSED,
    match: str | None = None,
    *,
    resource: str = "fighters-by-origin",
    also: tuple[type[BaseException], ...] = (),
    report_rule: str | None = None,
    report_match: str | None = None,
    max_seconds: float | None = None,
    names_url: bool = False,
) -> None:
    """load(), validate() and the three commands on ``source``: each answers as ``expect`` says,
    none raises anything else, none takes longer than ``max_seconds``, and no file under
    ``watch`` (nor the fixture) changes. Collects every problem and fails once, listing them all."""
    source = str(source)
    folders = [*watch, FIXTURE]
    before = [digest(f) for f in folders]
    problems: list[str] = []
    expected_py = (ff.SourceError, ff.IntegrityError, *also)

    def timed(what: str, call: Callable[[], object]) -> object:
        start = time.monotonic()
        try:
            return call()
        finally:
            took = time.monotonic() - start
            if max_seconds is not None and took > max_seconds:
                problems.append(f"{what}: took {took:.1f} s, more than {max_seconds:g} s")

    def matches(what: str, text: str) -> None:
        if match and not re.search(match, text):
            problems.append(f"{what}: message {text.strip()[:300]!r} does not match {match!r}")

    # load()
    try:
        timed("load()", lambda: ff.load(resource, source=source))
    except expected_py as exc:
        if not isinstance(exc, also):
            matches("load()", str(exc))
    except Exception as exc:
        problems.append(f"load(): unexpected {_short(exc)}")
    else:
        problems.append("load(): returned a frame instead of refusing")

    # validate()
    try:
        report = timed("validate()", lambda: ff.validate(source))
    except (ff.SourceError, ff.IntegrityError) as exc:
        if expect == REPORT:
            problems.append(f"validate(): raised {_short(exc)} instead of reporting")
        matches("validate()", str(exc))
    except Exception as exc:
        problems.append(f"validate(): unexpected {_short(exc)}")
    else:
        if expect == REFUSED:
            problems.append(f"validate(): returned a report ({len(report.errors)} errors) instead of refusing")
        elif report.valid:
            problems.append("validate(): reported the package valid")
        else:
            if report_rule and report_rule not in {i.rule for i in report.errors}:
                problems.append(f"validate(): no {report_rule} error in {[i.rule for i in report.errors]}")
            messages = " | ".join(i.message for i in report.errors)
            if report_match and not re.search(report_match, messages):
                problems.append(f"validate(): no error matching {report_match!r} in {messages[:300]!r}")

    # the command line
    codes = {
        REFUSED: {"validate": {2}, "show": {2}, "diff": {2}},
        REPORT: {"validate": {1}, "show": {2}, "diff": {0, 1, 2}},
        EITHER: {"validate": {1, 2}, "show": {2}, "diff": {0, 1, 2}},
    }[expect]
    for argv in (["validate", source], ["show", source], ["diff", str(FIXTURE), source]):
        command = argv[0]
        try:
            code, out, err = timed(f"`{command}`", lambda argv=argv: cli(*argv))
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt | pytest.fail.Exception):
                raise
            problems.append(f"`{command}`: unexpected {_short(exc)}")
            continue
        if "Traceback" in out + err:
            problems.append(f"`{command}`: printed a traceback")
        if code not in codes[command]:
            problems.append(
                f"`{command}`: exit {code}, expected {sorted(codes[command])}; "
                f"stderr {err.strip()[:200]!r}; stdout {out.strip()[:200]!r}"
            )
        if code == 2:
            if not err.startswith(PREFIX) or err.count("\n") != 1:
                problems.append(f"`{command}`: stderr is not one 'foreign-fighters: error:' line: {err[:300]!r}")
            if command == "diff" and expect == REPORT:
                # diff compares what is there, whatever size it declares: over the global limit
                # it refuses the file itself.
                if not re.search(r"bytes mismatch|more than the \d+ (bytes )?allowed", err):
                    problems.append(f"`diff`: message {err.strip()[:300]!r} names no size problem")
            else:
                matches(f"`{command}`", err)
            if names_url and "http://127.0.0.1:" not in err:
                problems.append(f"`{command}`: the error does not name the URL it fetched: {err.strip()[:300]!r}")
        elif code == 1 and command == "validate" and "INVALID" not in out:
            problems.append(f"`validate`: exit 1 without an INVALID report: {out[:200]!r}")

    for folder, old in zip(folders, before, strict=True):
        if digest(folder) != old:
            problems.append(f"{folder}: its files changed")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture(autouse=True)
def _debug_and_no_hang(monkeypatch):
    monkeypatch.setenv("FOREIGN_FIGHTERS_DEBUG", "1")

    def hung(signum, frame):  # pragma: no cover - only when something hangs
        pytest.fail(f"hung: no answer within {HANG_SECONDS} s", pytrace=False)

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def _short_limits(monkeypatch):
    monkeypatch.setattr(limits, "TIMEOUT", 1.0)
    monkeypatch.setattr(limits, "MAX_BYTES", 1024 * 1024)


# The cases that only end at the time-out wait this long, not a second: a server that trickles
# sends a byte every TRICKLE_EVERY (well inside the time-out, so only the deadline for the whole
# download can cut it off) for TRICKLE_FOR in all, far past any call's SLOW_MAX_SECONDS.
SHORT_TIMEOUT = 0.08  # a few hundredths: loopback answers in about a millisecond, even on a loaded machine
TRICKLE_EVERY = SHORT_TIMEOUT / 5
TRICKLE_FOR = 3.0
SLOW_MAX_SECONDS = 1.0


def set_resource(pkg: PackageCopy, key: str, value: object, index: int = 0) -> None:
    pkg.edit_descriptor(lambda d: d["resources"][index].__setitem__(key, value))


# ---- files -------------------------------------------------------------------------------------
def _fifo_csv(pkg: PackageCopy, tmp_path: Path) -> Path:
    (pkg.folder / ORIGINS).unlink()
    os.mkfifo(pkg.folder / ORIGINS)
    return pkg.folder


def _fifo_headline(pkg: PackageCopy, tmp_path: Path) -> Path:
    (pkg.folder / HEADLINE).unlink()
    os.mkfifo(pkg.folder / HEADLINE)
    return pkg.folder


def _fifo_descriptor(pkg: PackageCopy, tmp_path: Path) -> Path:
    (pkg.folder / "datapackage.json").unlink()
    os.mkfifo(pkg.folder / "datapackage.json")
    return pkg.folder


def _fifo_descriptor_given(pkg: PackageCopy, tmp_path: Path) -> Path:
    return _fifo_descriptor(pkg, tmp_path) / "datapackage.json"


def _fifo_json_given(pkg: PackageCopy, tmp_path: Path) -> Path:
    os.mkfifo(pkg.folder / "other.json")
    return pkg.folder / "other.json"


def _fifo_zip_given(pkg: PackageCopy, tmp_path: Path) -> Path:
    os.mkfifo(pkg.folder / "package.zip")
    return pkg.folder / "package.zip"


def _csv_is_folder(pkg: PackageCopy, tmp_path: Path) -> Path:
    (pkg.folder / ORIGINS).unlink()
    (pkg.folder / ORIGINS).mkdir()
    return pkg.folder


def _descriptor_is_folder(pkg: PackageCopy, tmp_path: Path) -> Path:
    (pkg.folder / "datapackage.json").unlink()
    (pkg.folder / "datapackage.json").mkdir()
    return pkg.folder


def _csv_dev_zero(pkg: PackageCopy, tmp_path: Path) -> Path:
    (pkg.folder / ORIGINS).unlink()
    (pkg.folder / ORIGINS).symlink_to("/dev/zero")
    return pkg.folder


def _descriptor_dev_zero(pkg: PackageCopy, tmp_path: Path) -> Path:
    (pkg.folder / "datapackage.json").unlink()
    (pkg.folder / "datapackage.json").symlink_to("/dev/zero")
    return pkg.folder


def _outside(tmp_path: Path) -> Path:
    outside = tmp_path.parent / (tmp_path.name + "-outside")
    outside.mkdir(exist_ok=True)
    return outside


def _csv_symlink_out(pkg: PackageCopy, tmp_path: Path) -> Path:
    """A symlink to an exact copy of the CSV outside the folder: hashes match, still refused."""
    copy = _outside(tmp_path) / "fighters-by-origin.csv"
    shutil.copy(FIXTURE / ORIGINS, copy)
    (pkg.folder / ORIGINS).unlink()
    (pkg.folder / ORIGINS).symlink_to(copy)
    return pkg.folder


def _data_folder_symlink_out(pkg: PackageCopy, tmp_path: Path) -> Path:
    outside = _outside(tmp_path) / "data"
    shutil.copytree(FIXTURE / "data", outside)
    shutil.rmtree(pkg.folder / "data")
    (pkg.folder / "data").symlink_to(outside, target_is_directory=True)
    return pkg.folder


def _relative_symlink_out(pkg: PackageCopy, tmp_path: Path) -> Path:
    copy = _outside(tmp_path) / "secret.csv"
    shutil.copy(FIXTURE / ORIGINS, copy)
    (pkg.folder / ORIGINS).unlink()
    (pkg.folder / ORIGINS).symlink_to(os.path.relpath(copy, (pkg.folder / ORIGINS).parent))
    return pkg.folder


def _descriptor_11mb(pkg: PackageCopy, tmp_path: Path) -> Path:
    path = pkg.folder / "datapackage.json"
    path.write_bytes(path.read_bytes() + b" " * (11 * 1024 * 1024))
    return pkg.folder


def _descriptor_11mb_given(pkg: PackageCopy, tmp_path: Path) -> Path:
    return _descriptor_11mb(pkg, tmp_path) / "datapackage.json"


def _nul_in_source(pkg: PackageCopy, tmp_path: Path) -> str:
    return str(pkg.folder) + "\x00/datapackage.json"


def _nul_in_source_tail(pkg: PackageCopy, tmp_path: Path) -> str:
    return str(pkg.folder / "datapackage.json") + "\x00.zip"


FILE_CASES = [
    (_fifo_csv, "not a regular file"),
    (_fifo_headline, "not a regular file"),
    (_fifo_descriptor, "not a regular file"),
    (_fifo_descriptor_given, "not a regular file"),
    (_fifo_json_given, "not a regular file"),
    (_fifo_zip_given, "not a regular file|not a readable zip"),
    (_csv_is_folder, "not a regular file"),
    (_descriptor_is_folder, "not a regular file"),
    (_csv_dev_zero, "outside the package folder|not a regular file"),
    (_descriptor_dev_zero, "outside the package folder|not a regular file"),
    (_csv_symlink_out, "outside the package folder"),
    (_relative_symlink_out, "outside the package folder"),
    (_data_folder_symlink_out, "outside the package folder"),
    (_descriptor_11mb, "more than"),
    (_descriptor_11mb_given, "more than"),
    (_nul_in_source, "NUL"),
    (_nul_in_source_tail, "NUL"),
]


@pytest.mark.parametrize(("make", "match"), FILE_CASES, ids=[m.__name__.strip("_") for m, _ in FILE_CASES])
def test_files_that_are_not_plain_files_are_refused(pkg: PackageCopy, tmp_path, make, match):
    source = make(pkg, tmp_path)
    resource = "headline-figures" if make is _fifo_headline else "fighters-by-origin"
    assert_answers(source, [pkg.folder, _outside(tmp_path)], REFUSED, match, resource=resource)


# What the fixture's fighters-by-origin.csv declares.
DECLARED = json.loads((FIXTURE / "datapackage.json").read_text("utf-8"))["resources"][0]["bytes"]


def test_csv_of_50mb_declaring_its_bytes_is_not_read_whole(pkg: PackageCopy):
    target = pkg.folder / ORIGINS
    with open(target, "r+b") as fh:
        fh.truncate(50 * 1024 * 1024)  # the real rows, then zeros: the declared bytes stay as they were
    assert json.loads((pkg.folder / "datapackage.json").read_text("utf-8"))["resources"][0]["bytes"] == DECLARED
    assert_answers(
        pkg.folder,
        [pkg.folder],
        REPORT,
        # "actual more": it stopped reading one byte past the declared size; a count would mean it read 50 MB
        rf"bytes mismatch: expected {DECLARED}, actual more|more than the {DECLARED} bytes",
        report_rule="byte-count",
        report_match=f"bytes mismatch: expected {DECLARED}, actual more",
    )


# ---- resource paths ----------------------------------------------------------------------------
UNSAFE_PATHS = {
    "tab": "data/fighters-by-origin.csv\t",
    "tab-inside": "data/\tfighters-by-origin.csv",
    "newline": "data/fighters-by-origin.csv\n",
    "dot-segment": "data/./fighters-by-origin.csv",
    "double-slash": "data//fighters-by-origin.csv",
    "leading-space": " data/fighters-by-origin.csv",
    "tab-network-path": "\t//127.0.0.1:1/x",
    "network-path": "//127.0.0.1:1/x",
    "url": "http://127.0.0.1:1/x",
    "dot-newline-dot": "data/.\n./.\n./secret",
    "dot-dot": "data/../../secret.csv",
    "backslash": "data\\fighters-by-origin.csv",
    "backslash-dot-dot": "data\\..\\..\\secret.csv",
    "drive-letter": "C:/data/fighters-by-origin.csv",
    "drive-relative": "C:fighters-by-origin.csv",
    "home": "~/x",
    "percent-dot-dot": "data/..%2f..%2fsecret.csv",
    "absolute": "/etc/passwd",
    "nul": "data/fighters-by-origin.csv\x00.txt",
    "empty": "",
}


@pytest.mark.parametrize("path", UNSAFE_PATHS.values(), ids=list(UNSAFE_PATHS))
def test_unsafe_resource_path_in_a_folder(pkg: PackageCopy, path):
    set_resource(pkg, "path", path)
    assert_answers(pkg.folder, [pkg.folder], REFUSED, "unsafe")


@pytest.mark.parametrize(
    "path", ["\t//127.0.0.1:{port}/x", "//127.0.0.1:{port}/x", "http://127.0.0.1:{port}/x", "data/.\n./.\n./x"]
)
def test_unsafe_resource_path_over_http(_short_limits, tmp_path, path):
    """The descriptor is served; a path that urljoin would send elsewhere is never requested."""
    requested: list[str] = []
    descriptor: dict[str, bytes] = {}
    with raw_server(lambda conn, p, srv: (requested.append(p), static(descriptor)(conn, p, srv))) as url:
        port = url.rsplit(":", 1)[1]
        doc = json.loads((FIXTURE / "datapackage.json").read_text("utf-8"))
        doc["resources"][0]["path"] = path.format(port=port)
        descriptor["/p/datapackage.json"] = json.dumps(doc).encode()
        www = tmp_path / "www"
        www.mkdir()
        assert_answers(f"{url}/p/datapackage.json", [www], REFUSED, "unsafe")
    assert set(requested) <= {"/p/datapackage.json"}, requested


# ---- lying descriptors -------------------------------------------------------------------------
def _write_bytes_text(pkg: PackageCopy, text: str) -> None:
    """Put ``text`` as the first resource's bytes, by hand: json.dumps cannot write all of them."""
    path = pkg.folder / "datapackage.json"
    old = path.read_text("utf-8")
    new, n = re.subn(rf'"bytes": {DECLARED}\b', f'"bytes": {text}', old, count=1)
    assert n == 1
    path.write_text(new, encoding="utf-8")


DESCRIPTOR_EDITS = {
    "resource-empty-object": (lambda pkg: pkg.edit_descriptor(lambda d: d["resources"].__setitem__(0, {})), EITHER),
    "resource-only-empty-object": (lambda pkg: pkg.edit_descriptor(lambda d: d.update(resources=[{}])), EITHER),
    "hash-shake-128": (lambda pkg: set_resource(pkg, "hash", "shake_128:" + "ab" * 16), REPORT),
    "hash-shake-256": (lambda pkg: set_resource(pkg, "hash", "shake_256:" + "ab" * 32), REPORT),
    "hash-md5x": (lambda pkg: set_resource(pkg, "hash", "md5x:abc"), REPORT),
    "hash-empty-algorithm": (lambda pkg: set_resource(pkg, "hash", ":abc"), REPORT),
    "hash-number": (lambda pkg: set_resource(pkg, "hash", 12345), REPORT),
    "bytes-5000-digits": (lambda pkg: _write_bytes_text(pkg, "9" * 5000), EITHER),
    "bytes-4000-digits": (lambda pkg: _write_bytes_text(pkg, "9" * 4000), EITHER),
    "bytes-30-digits": (lambda pkg: _write_bytes_text(pkg, "9" * 30), REPORT),
    "bytes-1e400": (lambda pkg: _write_bytes_text(pkg, "1e400"), EITHER),
    "bytes-string": (lambda pkg: set_resource(pkg, "bytes", "2345"), REPORT),
    "bytes-negative": (lambda pkg: set_resource(pkg, "bytes", -2345), REPORT),
    "bytes-true": (lambda pkg: set_resource(pkg, "bytes", True), REPORT),
    "bytes-false": (lambda pkg: set_resource(pkg, "bytes", False), REPORT),
    "bytes-zero": (lambda pkg: set_resource(pkg, "bytes", 0), REPORT),
}


@pytest.mark.parametrize("edit", DESCRIPTOR_EDITS, ids=list(DESCRIPTOR_EDITS))
def test_lying_or_strange_descriptor_fields(pkg: PackageCopy, edit):
    change, expect = DESCRIPTOR_EDITS[edit]
    change(pkg)
    assert_answers(pkg.folder, [pkg.folder], expect, also=(KeyError,) if "resource" in edit else ())


# ---- zips --------------------------------------------------------------------------------------
DATA = [r["path"] for r in json.loads((FIXTURE / "datapackage.json").read_text("utf-8"))["resources"]]


def package_entries(top: str = "") -> list[tuple[str, bytes]]:
    return [
        (top + "datapackage.json", (FIXTURE / "datapackage.json").read_bytes()),
        *((top + path, (FIXTURE / path).read_bytes()) for path in DATA),
        (top + "CHANGELOG.md", (FIXTURE / "CHANGELOG.md").read_bytes()),
    ]


def write_zip(target: Path, entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" is the point of one case
        with zipfile.ZipFile(target, "w", method) as zf:
            for name, data in entries:
                zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, compress_type=method)
    return target


def _entry_span(target: Path, name: str) -> tuple[int, int, int]:
    """(local header offset, data offset, compressed size) of ``name`` in the zip at ``target``."""
    with zipfile.ZipFile(target) as zf:
        info = zf.getinfo(name)
    raw = target.read_bytes()
    n, m = struct.unpack("<HH", raw[info.header_offset + 26 : info.header_offset + 30])
    return info.header_offset, info.header_offset + 30 + n + m, info.compress_size


def _corrupt_deflate(folder: Path) -> Path:
    target = write_zip(folder / "pkg.zip", package_entries())
    _, start, size = _entry_span(target, ORIGINS)
    raw = bytearray(target.read_bytes())
    for i in range(start + size // 3, start + size // 3 + 16):
        raw[i] ^= 0xFF
    target.write_bytes(bytes(raw))
    return target


def _truncated_deflate(folder: Path) -> Path:
    """The CSV's compressed data cut short: the central directory still says it is whole."""
    target = write_zip(folder / "pkg.zip", package_entries())
    _, start, size = _entry_span(target, ORIGINS)
    raw = bytearray(target.read_bytes())
    raw[start + size // 2 : start + size] = b"\x00" * (size - size // 2)
    target.write_bytes(bytes(raw))
    return target


def _file_and_folder(folder: Path) -> Path:
    return write_zip(folder / "pkg.zip", [("data", b"x"), *package_entries()])


def _file_and_explicit_folder(folder: Path) -> Path:
    return write_zip(folder / "pkg.zip", [("data/", b""), ("data", b"x"), *package_entries()])


def _duplicate_csv(folder: Path) -> Path:
    entries = package_entries()
    return write_zip(folder / "pkg.zip", [*entries, (ORIGINS, b"origin\nEvil\n")])


def _duplicate_descriptor(folder: Path) -> Path:
    entries = package_entries()
    return write_zip(folder / "pkg.zip", [*entries, ("datapackage.json", b"{}")])


def _named(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        target = write_zip(folder / "pkg.zip", [*package_entries(), (name, b"x")])
        with zipfile.ZipFile(target) as zf:
            assert name in zf.namelist()  # zipfile kept the name as given
        return target

    make.__name__ = "entry " + repr(name)
    return make


def _bomb(size: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        return write_zip(folder / "pkg.zip", [*package_entries(), ("data/zeros.csv", b"0" * size)])

    make.__name__ = f"bomb {size // (1024 * 1024)} MB"
    return make


def _bomb_as_the_csv(folder: Path) -> Path:
    entries = [(n, b"0" * (3 * 1024 * 1024) if n == ORIGINS else d) for n, d in package_entries()]
    return write_zip(folder / "pkg.zip", entries)


def _bomb_lying_size(folder: Path) -> Path:
    """12 MB of zeros as the CSV, its headers rewritten to claim the declared bytes: the ratio check sees a
    small file; reading must stop at the declared size or fail its CRC, never inflate it all."""
    entries = [(n, b"0" * (12 * 1024 * 1024) if n == ORIGINS else d) for n, d in package_entries()]
    target = write_zip(folder / "pkg.zip", entries)
    header, _, _ = _entry_span(target, ORIGINS)
    raw = bytearray(target.read_bytes())
    raw[header + 22 : header + 26] = struct.pack("<I", DECLARED)
    central, offset = -1, raw.find(b"PK\x01\x02")  # the CSV's central directory entry
    while offset != -1:
        name_len = struct.unpack("<H", raw[offset + 28 : offset + 30])[0]
        if raw[offset + 46 : offset + 46 + name_len] == ORIGINS.encode():
            central = offset
            break
        offset = raw.find(b"PK\x01\x02", offset + 4)
    assert central != -1
    raw[central + 24 : central + 28] = struct.pack("<I", DECLARED)
    target.write_bytes(bytes(raw))
    with zipfile.ZipFile(target) as zf:
        assert zf.getinfo(ORIGINS).file_size == DECLARED
    return target


def _empty_zip(folder: Path) -> Path:
    (folder / "pkg.zip").write_bytes(b"")
    return folder / "pkg.zip"


def _empty_archive(folder: Path) -> Path:
    return write_zip(folder / "pkg.zip", [])


def _two_descriptors(folder: Path) -> Path:
    return write_zip(folder / "pkg.zip", package_entries("a/") + package_entries("b/"))


def _descriptor_too_deep(folder: Path) -> Path:
    return write_zip(folder / "pkg.zip", package_entries("a/b/"))


def _many_entries(folder: Path) -> Path:
    extra = [(f"f/{i}", b"") for i in range(10_001)]
    return write_zip(folder / "pkg.zip", [*package_entries(), *extra], zipfile.ZIP_STORED)


def _zip_csv_missing(folder: Path) -> Path:
    return write_zip(folder / "pkg.zip", [e for e in package_entries() if e[0] != ORIGINS])


ZIPS = [
    (_corrupt_deflate, "cannot be read from|not a readable zip", {}),
    (_truncated_deflate, "cannot be read from|not a readable zip", {}),
    (_file_and_folder, "both a file and a folder", {}),
    (_file_and_explicit_folder, "both a file and a folder", {}),
    (_duplicate_csv, "appears twice", {}),
    (_duplicate_descriptor, "appears twice", {}),
    (_named("../x"), "escapes the extraction folder", {}),
    (_named("/abs"), "escapes the extraction folder", {}),
    (_named("C:/x"), "escapes the extraction folder", {}),
    (_named("a\\b"), "escapes the extraction folder", {}),
    (_named("data/../../x"), "escapes the extraction folder", {}),
    (_bomb(3 * 1024 * 1024), "zip bomb", {"MAX_BYTES": 1024 * 1024}),
    (_bomb(12 * 1024 * 1024), "zip bomb", {"MAX_BYTES": 200 * 1024 * 1024}),
    (_bomb_as_the_csv, "zip bomb", {"MAX_BYTES": 1024 * 1024}),
    (_bomb_lying_size, "cannot be read from", {"MAX_BYTES": 200 * 1024 * 1024}),
    (_empty_zip, "not a readable zip", {}),
    (_empty_archive, "exactly one datapackage.json", {}),
    (_two_descriptors, "exactly one datapackage.json", {}),
    (_descriptor_too_deep, "exactly one datapackage.json", {}),
    (_many_entries, "more than 10000 entries", {"MAX_BYTES": 200 * 1024 * 1024}),
    (_zip_csv_missing, "no such file", {}),
]


@pytest.mark.parametrize(("make", "match", "limit"), ZIPS, ids=[m.__name__.strip("_") for m, _, _ in ZIPS])
def test_hostile_zips_are_refused(monkeypatch, tmp_path, make, match, limit):
    for name, value in limit.items():
        monkeypatch.setattr(limits, name, value)
    folder = tmp_path / "in"
    folder.mkdir()
    target = make(folder)
    assert_answers(target, [folder], REFUSED, match)
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(["in", target.name])  # nothing extracted


def test_a_valid_zip_is_read(tmp_path):
    """The control for the zip cases: the same builder, nothing hostile."""
    target = write_zip(tmp_path / "pkg.zip", package_entries("foreign-fighters-1.0.0/"))
    assert len(ff.load(source=target)) == len(ff.load(source=FIXTURE))
    assert cli("validate", str(target))[0] == 0
    assert cli("diff", str(FIXTURE), str(target))[0] == 0


# ---- HTTP --------------------------------------------------------------------------------------
Respond = Callable[[socket.socket, str, "RawServer"], None]


class RawServer:
    """Accepts on 127.0.0.1, reads each request's head, and lets ``respond`` write whatever bytes
    it likes (malformed HTTP included). Every thread is a daemon; ``stop`` releases the ones that
    wait."""

    def __init__(self, respond: Respond) -> None:
        self.respond = respond
        self.stop = threading.Event()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn:
            conn.settimeout(5)
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 65536:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                head += chunk
            path = head.split(b" ", 2)[1].decode("latin-1") if head.count(b" ") >= 2 else "/"
            self.respond(conn, path, self)
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@contextlib.contextmanager
def raw_server(respond: Respond) -> Iterator[str]:
    server = RawServer(respond)
    try:
        yield server.url
    finally:
        server.close()


def response(body: bytes, status: str = "200 OK", headers: str = "") -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n{headers}\r\n".encode("latin-1")
        + body
    )


def static(files: dict[str, bytes]) -> Respond:
    def respond(conn: socket.socket, path: str, server: RawServer) -> None:
        if path in files:
            conn.sendall(response(files[path]))
        else:
            conn.sendall(response(b"not found", "404 Not Found"))

    return respond


def _send(data: bytes) -> Respond:
    return lambda conn, path, server: conn.sendall(data)


def _trickling(conn: socket.socket, server: RawServer, data: bytes) -> None:
    """``data`` every TRICKLE_EVERY for TRICKLE_FOR, then hang up: a client that waits for it all
    is caught."""
    for _ in range(round(TRICKLE_FOR / TRICKLE_EVERY)):
        if server.stop.wait(TRICKLE_EVERY):
            return
        conn.sendall(data)


def _trickle(conn: socket.socket, path: str, server: RawServer) -> None:
    # 500 bytes: more than it sends (TRICKLE_FOR / TRICKLE_EVERY), fewer than any fixture file
    # declares, so only the slow body can be what fails.
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\nConnection: close\r\n\r\n")
    _trickling(conn, server, b"{")


def _trickle_no_length(conn: socket.socket, path: str, server: RawServer) -> None:
    conn.sendall(b"HTTP/1.0 200 OK\r\n\r\n")
    _trickling(conn, server, b" ")


def _trickle_chunked(conn: socket.socket, path: str, server: RawServer) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
    _trickling(conn, server, b"1\r\n \r\n")


def _trickle_headers(conn: socket.socket, path: str, server: RawServer) -> None:
    # A header line that never ends: http.client reads it before the download's own code runs.
    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    _trickling(conn, server, b"a")


def _silent(conn: socket.socket, path: str, server: RawServer) -> None:
    server.stop.wait(30)  # accepts, reads the request, never answers


def _redirect_to(location: str) -> Respond:
    return _send(response(b"", "302 Found", f"Location: {location}\r\n"))


def _redirect_loop(conn: socket.socket, path: str, server: RawServer) -> None:
    conn.sendall(response(b"", "302 Found", f"Location: {server.url}{path}\r\n"))


def _redirect_ping_pong(conn: socket.socket, path: str, server: RawServer) -> None:
    other = path + "x" if not path.endswith("x") else path[:-1]
    conn.sendall(response(b"", "301 Moved Permanently", f"Location: {server.url}{other}\r\n"))


def _headers_then_hang_up(headers: str) -> Respond:
    return _send(f"HTTP/1.1 200 OK\r\n{headers}\r\n".encode("latin-1"))


TRICKLES = {"trickle", "trickle-no-length", "trickle-chunked", "trickle-headers"}
HTTP_CASES: dict[str, tuple[Respond, str]] = {
    "bad-status-line": (_send(b"HTTP/1.1 abc\r\n\r\n"), "BadStatusLine|cannot be downloaded"),
    "not-http": (_send(b"SSH-2.0-OpenSSH_9.6\r\n"), "BadStatusLine|cannot be downloaded"),
    "empty-answer": (_send(b""), "RemoteDisconnected|cannot be downloaded|unreachable"),
    "101-headers": (
        _send(b"HTTP/1.1 200 OK\r\n" + b"X-A: b\r\n" * 101 + b"\r\n{}"),
        "more than 100 headers|cannot be downloaded",
    ),
    "70kb-header-line": (
        _send(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n{}"),
        "LineTooLong|header line|cannot be downloaded",
    ),
    "bad-chunk-size": (
        _send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"),
        "IncompleteRead|cannot be downloaded",
    ),
    "content-length-over-limit": (
        _headers_then_hang_up("Content-Length: 50000000\r\n"),
        "more than the 1048576",
    ),
    "content-length-20-digits": (
        _headers_then_hang_up("Content-Length: 99999999999999999999999\r\n"),
        "more than|cannot be downloaded|IncompleteRead|incomplete",
    ),
    "content-length-negative": (
        _headers_then_hang_up("Content-Length: -1\r\n"),
        "cannot be downloaded|IncompleteRead|not a readable zip|not valid JSON|more than",
    ),
    "body-over-limit-no-length": (
        _send(b"HTTP/1.0 200 OK\r\n\r\n" + b" " * (11 * 1024 * 1024)),  # over the descriptor's 10 MB too
        "more than the (1048576|10485760)",
    ),
    "trickle": (_trickle, "took longer than|no answer within"),
    "trickle-no-length": (_trickle_no_length, "took longer than|no answer within"),
    "trickle-chunked": (_trickle_chunked, "took longer than|no answer within"),
    "trickle-headers": (_trickle_headers, "took longer than|no answer within"),
    "never-answers": (_silent, "no answer within|took longer than"),
    "redirect-to-file": (_redirect_to("file:///etc/passwd"), "not http or https|is not allowed"),
    "redirect-to-ftp": (_redirect_to("ftp://127.0.0.1/x"), "not http or https"),
    "redirect-loop": (_redirect_loop, r"HTTP 30\d|redirect"),
    "redirect-ping-pong": (_redirect_ping_pong, r"HTTP 30\d|redirect"),
    "404": (_send(response(b"nope", "404 Not Found")), "HTTP 404"),
    "500": (_send(response(b"oops", "500 Internal Server Error")), "HTTP 500"),
    "closes-mid-body": (
        _send(b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\nConnection: close\r\n\r\n0123456789"),
        "IncompleteRead|incomplete|cannot be downloaded",
    ),
}
KINDS = {
    "descriptor-url": "/hostile/datapackage.json",
    "zip-url": "/hostile/pkg.zip",
    "resource": "/good/datapackage.json",  # a valid descriptor; its CSVs come from the hostile server
}


# Over the size limit, a resource is a byte-count mismatch (it declares DECLARED bytes): a report.
SIZE_CASES = {
    "content-length-over-limit", "content-length-20-digits", "content-length-negative", "body-over-limit-no-length",
}  # fmt: skip
HTTP_PARAMS = [
    pytest.param(case, kind, id=f"{case}-{kind}")
    for case in HTTP_CASES
    for kind in KINDS
    if not (case in TRICKLES - {"trickle"} and kind != "descriptor-url")  # the slow ones: once
]


@pytest.mark.parametrize(("case", "kind"), HTTP_PARAMS)
def test_hostile_http_servers(_short_limits, monkeypatch, tmp_path, case, kind):
    hostile, match = HTTP_CASES[case]
    slow = case in TRICKLES or case == "never-answers"  # only the time-out ends these
    if slow:
        monkeypatch.setattr(limits, "TIMEOUT", SHORT_TIMEOUT)
    expect, report_rule = REFUSED, None
    if kind == "resource" and case in SIZE_CASES:
        expect, match, report_rule = REPORT, "bytes mismatch", "byte-count"
    good = {"/good/datapackage.json": (FIXTURE / "datapackage.json").read_bytes()}

    def respond(conn: socket.socket, path: str, server: RawServer) -> None:
        if path in good:
            static(good)(conn, path, server)
        else:
            hostile(conn, path, server)

    www = tmp_path / "www"  # what the server was built from: must not change either
    www.mkdir()
    (www / "datapackage.json").write_bytes(good["/good/datapackage.json"])
    with raw_server(respond) as url:
        assert_answers(
            url + KINDS[kind],
            [www],
            expect,
            match,
            report_rule=report_rule,
            max_seconds=SLOW_MAX_SECONDS if slow else 10,
            names_url=True,
        )


def test_a_good_server_is_read(_short_limits, tmp_path):
    """The control for the HTTP cases: the same raw server, serving the fixture as it is."""
    files = {"/p/datapackage.json": (FIXTURE / "datapackage.json").read_bytes()}
    files |= {f"/p/{name}": (FIXTURE / name).read_bytes() for name in (*DATA, "CHANGELOG.md")}
    files["/pkg.zip"] = write_zip(tmp_path / "pkg.zip", package_entries()).read_bytes()
    with raw_server(static(files)) as url:
        for source in (f"{url}/p/datapackage.json", f"{url}/pkg.zip"):
            assert len(ff.load(source=source)) == len(ff.load(source=FIXTURE)), source
            assert ff.validate(source).valid, source
            assert cli("validate", source)[0] == 0, source
            code, out, err = cli("diff", str(FIXTURE), source)
            assert (code, err) == (0, ""), (source, err)
            assert out.count(": no changes") == len(DATA), out
