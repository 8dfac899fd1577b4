"""Loading and validating from a zip and over HTTP (a real server on 127.0.0.1), and refusing
unsafe input: escaping zip entries, zip bombs, huge responses, servers that never answer."""

from __future__ import annotations

import http.server
import io
import json
import threading
import time
import zipfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURE, ORIGINS, ROOT, PackageCopy

import foreign_fighters as ff
from foreign_fighters import limits
from foreign_fighters.cli import main

FILES = [
    "datapackage.json",
    *(r["path"] for r in json.loads((FIXTURE / "datapackage.json").read_text("utf-8"))["resources"]),
    "README.md",
    "LICENSE",
]


def zip_package(
    folder: Path, target: Path, top: str = "foreign-fighters-1.0.0/", extra: dict[str, bytes] | None = None
) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in FILES:
            source = folder / name if (folder / name).exists() else ROOT / name
            zf.writestr(top + name, source.read_bytes())
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return target


# The servers that only the time-out stops wait this long, not a second: the trickle sends a byte
# every TRICKLE_EVERY (well inside the time-out, so only the deadline for the whole download cuts
# it off) for SLOW_FOR in all, and the slow one answers after SLOW_FOR, far past SLOW_MAX_SECONDS.
SHORT_TIMEOUT = 0.08  # a few hundredths: loopback answers in about a millisecond, even on a loaded machine
TRICKLE_EVERY = SHORT_TIMEOUT / 5
SLOW_FOR = 3.0
SLOW_MAX_SECONDS = 1.0
SLOW_PATHS = {"/slow/datapackage.json", "/trickle/datapackage.json"}


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        if self.path == "/slow/datapackage.json":
            time.sleep(SLOW_FOR)  # longer than the tests' time-out
        elif self.path == "/trickle/datapackage.json":
            self.send_response(200)
            self.end_headers()
            for _ in range(round(SLOW_FOR / TRICKLE_EVERY)):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(TRICKLE_EVERY)
            return
        elif self.path == "/huge.zip":
            self.send_response(200)
            self.end_headers()
            chunk = b"0" * 65536
            for _ in range(64):  # 4 MiB, more than the tests' limit
                self.wfile.write(chunk)
            return
        elif self.path == "/to-file/datapackage.json":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        super().do_GET()


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # the client hanging up is the point
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    (root / "pkg").mkdir(parents=True)
    PackageCopy(root / "pkg")
    zip_package(root / "pkg", root / "pkg.zip")
    httpd = QuietServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
    # A short poll: shutdown() waits for the loop to look, 0.5 s by default.
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def _short_limits(monkeypatch):
    monkeypatch.setattr(limits, "TIMEOUT", 1.0)
    monkeypatch.setattr(limits, "MAX_BYTES", 1024 * 1024)


@pytest.mark.parametrize("resource", ["fighters-by-origin", "headline-figures"])
def test_same_frame_from_folder_zip_and_http(server, tmp_path, resource):
    url, _ = server
    expected = ff.load(resource, source=FIXTURE)
    zipped = zip_package(FIXTURE, tmp_path / "local.zip")
    for source in (FIXTURE, zipped, f"{url}/pkg/datapackage.json", f"{url}/pkg.zip"):
        pd.testing.assert_frame_equal(ff.load(resource, source=source), expected)


def test_validate_zip_and_urls(server, tmp_path, capsys):
    url, _ = server
    zipped = zip_package(FIXTURE, tmp_path / "local.zip")
    for source in (zipped, f"{url}/pkg/datapackage.json", f"{url}/pkg.zip"):
        report = ff.validate(source)
        assert report.valid and report.issues == [], (source, report.issues)
        assert report.source == str(source)
        assert main(["validate", str(source)]) == 0
    assert "VALID" in capsys.readouterr().out


def test_zip_at_the_root_works_too(tmp_path):
    zipped = zip_package(FIXTURE, tmp_path / "flat.zip", top="")
    pd.testing.assert_frame_equal(ff.load(source=zipped), ff.load(source=FIXTURE))


def test_tampered_bytes_over_http_raise_integrity_error(server):
    url, root = server
    csv = root / "pkg" / ORIGINS
    csv.write_bytes(csv.read_bytes().replace(b"3000", b"3001"))
    with pytest.raises(ff.IntegrityError, match="sha256 mismatch"):
        ff.load(source=f"{url}/pkg/datapackage.json")
    assert not ff.validate(f"{url}/pkg/datapackage.json").valid


@pytest.mark.parametrize(
    ("path", "match"),
    [
        ("/slow/datapackage.json", "no answer within|took longer"),
        ("/trickle/datapackage.json", "took longer than|no answer within"),
        ("/huge.zip", "more than the 1048576 bytes allowed"),
        ("/to-file/datapackage.json", "not http or https|is not allowed"),
        ("/missing/datapackage.json", "HTTP 404"),
    ],
    ids=["never-answers", "trickles", "too-large", "redirect-to-file", "not-found"],
)
def test_unsafe_or_failing_servers_are_refused(server, capsys, monkeypatch, path, match):
    url, _ = server
    if path in SLOW_PATHS:  # only the time-out ends these
        monkeypatch.setattr(limits, "TIMEOUT", SHORT_TIMEOUT)
    max_seconds = SLOW_MAX_SECONDS if path in SLOW_PATHS else 10
    start = time.monotonic()
    with pytest.raises(ff.SourceError, match=match):
        ff.load(source=url + path)
    assert time.monotonic() - start < max_seconds
    start = time.monotonic()
    assert main(["validate", url + path]) == 2
    assert time.monotonic() - start < max_seconds
    err = capsys.readouterr().err
    assert err.startswith("foreign-fighters: error: ") and err.count("\n") == 1


def _zip_with(tmp_path: Path, name: str, data: bytes, **kw) -> Path:
    target = tmp_path / "bad.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("datapackage.json", (ROOT / "datapackage.json").read_bytes())
        zf.writestr(name, data)
    return target


@pytest.mark.parametrize(
    ("name", "data", "match"),
    [
        ("../evil.csv", b"x", "escapes the extraction folder"),
        ("/etc/evil.csv", b"x", "escapes the extraction folder"),
        ("data\\..\\..\\evil.csv", b"x", "escapes the extraction folder"),
        ("bomb.csv", b"0" * (12 * 1024 * 1024), "zip bomb|bytes"),
    ],
    ids=["dot-dot", "absolute", "backslashes", "bomb"],
)
def test_unsafe_zips_are_refused(tmp_path, monkeypatch, capsys, name, data, match):
    monkeypatch.setattr(limits, "MAX_BYTES", 200 * 1024 * 1024)
    target = _zip_with(tmp_path, name, data)
    before = set(tmp_path.parent.rglob("*"))
    with pytest.raises(ff.SourceError, match=match):
        ff.load(source=target)
    assert main(["validate", str(target)]) == 2
    assert set(tmp_path.parent.rglob("*")) == before  # nothing extracted anywhere
    capsys.readouterr()


def test_not_a_zip(tmp_path):
    target = tmp_path / "x.zip"
    target.write_bytes(io.BytesIO(b"not a zip").getvalue())
    with pytest.raises(ff.SourceError, match="not a readable zip"):
        ff.load(source=target)
