"""A package at an http(s) URL (a descriptor or a zip): the package's only network code."""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING
from urllib.parse import urljoin

from .. import limits
from ..errors import SourceError, TooLarge
from . import DESCRIPTOR, check_path

if TYPE_CHECKING:
    from .zipped import ZipSource

CHUNK = 1 << 16
# A descriptor is a few kB; refusing large ones keeps a bad URL from filling memory.
MAX_DESCRIPTOR_BYTES = 10 * 1024 * 1024


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not re.match(r"^https?://", newurl, re.I):
            raise SourceError(f"{req.full_url}: redirected to {newurl}, which is not http or https")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# The sockets the current download opened (per thread): a watchdog shuts them at the deadline, so
# a server that trickles its status line and headers, which http.client reads before any code
# here runs, is cut off too.
_OPEN = threading.local()


def _watched(connection: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
    class Watched(connection):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            getattr(_OPEN, "sockets", []).append(self.sock)

    return Watched


class _Http(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPConnection), req)


class _Https(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPSConnection), req, context=self._context)  # type: ignore[attr-defined]


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects, _Http, _Https)


def _shut(sockets: list[socket.socket]) -> None:
    for sock in list(sockets):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def download(url: str, limit: int, timeout: float | None = None) -> bytes:
    """The body at ``url``; SourceError if it fails, exceeds ``limit`` bytes or takes longer than
    ``timeout`` seconds in all (each socket read is bounded by what is left, so a server that
    trickles is cut off at the deadline)."""
    if not re.match(r"^https?://[^\s/]", url, re.I) or re.search(r"[\x00-\x20\x7f]", url):
        raise SourceError(f"{url!r}: only http and https URLs (with no spaces or control characters) are supported")
    timeout = limits.TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + timeout

    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise SourceError(f"{url}: took longer than {timeout:g} s; gave up")
        return remaining

    request = urllib.request.Request(url, headers={"User-Agent": "foreign-fighters"})
    sockets: list[socket.socket] = []
    _OPEN.sockets = sockets
    watchdog = threading.Timer(timeout, _shut, (sockets,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return _download(url, limit, timeout, left, request)
    except SourceError:
        raise
    except Exception:
        if time.monotonic() >= deadline:  # the watchdog shut the socket: the deadline passed
            raise SourceError(f"{url}: took longer than {timeout:g} s; gave up") from None
        raise
    finally:
        watchdog.cancel()
        _OPEN.sockets = []


def _download(
    url: str, limit: int, timeout: float, left: Callable[[], float], request: urllib.request.Request
) -> bytes:
    try:
        with _OPENER.open(request, timeout=left()) as response:
            declared = response.headers.get("Content-Length")
            # A Content-Length that is not a plain number is ignored, as http.client ignores it:
            # the body is then read to its end, within the limit.
            length = int(declared) if declared and declared.isdigit() and len(declared) <= 18 else None
            if declared and declared.isdigit() and (length is None or length > limit):
                raise TooLarge(f"{url}: {declared[:40]} bytes is more than the {limit} allowed; refused")
            sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
            chunks, size = [], 0
            while True:
                if sock is not None:
                    with contextlib.suppress(OSError):  # closed once the body is read
                        sock.settimeout(min(left(), timeout))
                # read1: whatever one receive brings, so the deadline is checked between receives
                chunk = response.read1(min(CHUNK, limit + 1 - size))
                left()
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise TooLarge(f"{url}: more than the {limit} bytes allowed; refused")
                chunks.append(chunk)
            if length is not None and size != length:
                raise SourceError(f"{url}: incomplete: the body ended after {size} of its {length} bytes")
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        raise SourceError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise SourceError(f"{url}: unreachable: {exc.reason}") from None
    except TimeoutError:
        raise SourceError(f"{url}: no answer within {timeout:g} s; gave up") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        left()  # past the deadline, the watchdog shut the socket: that is the error to name
        raise SourceError(f"{url}: cannot be downloaded: {type(exc).__name__}: {exc}") from None


@dataclass(frozen=True)
class HttpSource:
    base: str  # the descriptor's URL; resource paths are relative to it
    label: str

    @classmethod
    def open(cls, url: str) -> HttpSource | ZipSource:
        if re.sub(r"[?#].*$", "", url).lower().endswith(".zip"):
            from .zipped import ZipSource

            return ZipSource.from_bytes(download(url, limits.MAX_BYTES), url)
        return cls(url, url)

    def where(self, name: str) -> str:
        return self.base if name == DESCRIPTOR else urljoin(self.base, name)

    def names(self) -> list[str]:
        return [DESCRIPTOR]  # a web server lists nothing; the descriptor names the rest

    def read(self, name: str, limit: int) -> bytes:
        if name == DESCRIPTOR:
            return download(self.base, min(limit, MAX_DESCRIPTOR_BYTES))
        return download(urljoin(self.base, check_path(name, self.label)), limit)
