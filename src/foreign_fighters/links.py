"""Which addresses from the data may become links: an http(s) address with a host, or a relative
path that stays inside the package. The rules refuse the others in the descriptor; the release
outputs show them as text."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# Whitespace and control characters: browsers drop some of them inside a scheme ("java\tscript:"),
# and none belongs in a link this package writes. Quotes, angle brackets, backticks, braces and
# pipes neither (RFC 3986 has them percent-encoded): an address holding one could leave the HTML
# attribute, the Markdown, the table cell or the BibTeX field that carries it.
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>`\\{}|^]")


def link(url: object, absolute: bool = False) -> str | None:
    """``url`` when it is safe to make a link of, else None.

    Safe: an absolute http or https address with a host, or (unless ``absolute``: where the link
    leaves the package, as a portal's does) a relative path that stays inside the package (no scheme,
    no leading ``/``, no ``..`` segment, even percent-encoded)."""
    if not isinstance(url, str) or not url or _UNSAFE_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # an invalid IPv6 host, for instance
        return None
    if parts.scheme:
        return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None
    if absolute or parts.netloc or url.startswith("/") or ":" in parts.path.split("/")[0]:
        return None
    return None if ".." in unquote(parts.path).split("/") else url
