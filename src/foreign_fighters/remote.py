"""Downloads, with a size limit and a deadline: the package's only network code."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request

from . import limits
from .errors import SourceError

CHUNK = 1 << 16


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not re.match(r"^https?://", newurl, re.I):
            raise SourceError(f"{req.full_url}: redirected to {newurl}, which is not http or https")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


def download(url: str, limit: int | None = None, timeout: float | None = None) -> bytes:
    """The body at ``url``; SourceError if it is not http(s), fails, exceeds ``limit`` bytes or
    takes longer than ``timeout`` seconds in all (a server that trickles is cut off too)."""
    if not re.match(r"^https?://", url, re.I):
        raise SourceError(f"{url}: only http and https URLs are supported")
    limit = limits.MAX_BYTES if limit is None else limit
    timeout = limits.TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": "foreign-fighters"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise SourceError(f"{url}: {declared} bytes is more than the {limit} allowed; refused")
            chunks, size = [], 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise SourceError(f"{url}: more than the {limit} bytes allowed; refused")
                if time.monotonic() > deadline:
                    raise SourceError(f"{url}: took longer than {timeout:g} s; gave up")
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        raise SourceError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise SourceError(f"{url}: unreachable: {exc.reason}") from None
    except TimeoutError:
        raise SourceError(f"{url}: no answer within {timeout:g} s; gave up") from None
    except (OSError, ValueError) as exc:
        raise SourceError(f"{url}: cannot be downloaded: {exc}") from None
