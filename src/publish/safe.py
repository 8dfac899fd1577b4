"""Text from the package, made safe for the page that shows it.

Every output (the README and docs pages, the landing page, the workbook, the metadata) asks
``link()`` before it makes a link of a URL or path from the data: a link is made only of an http(s)
address or of a relative path that stays inside the package; anything else (``javascript:``,
``data:``, ``../``, ``/etc``, ``file:``) is shown as text. ``md_text()`` and ``md_cell()`` escape
text for Markdown, where a ``[`` or ``<`` from a description would otherwise become a link or a tag.
"""

from __future__ import annotations

import re

from foreign_fighters.links import link

__all__ = ["link", "md_cell", "md_text", "md_unescape"]

# Markdown's punctuation that can start a link, an image, a tag, a code span, emphasis, strike-through
# or a table cell; an underscore only at a word's edge (inside a word, as in part_of, it emphasises
# nothing), an ampersand only where it would start an entity, a hash only where it would start a heading.
_MD_SPECIAL = re.compile(r"[\\`*\[\]<>|~]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)|^\s*#", re.M)


def md_text(text: object) -> str:
    """``text`` as Markdown that shows it as it is: no link, tag, code span or emphasis of its own."""
    return _MD_SPECIAL.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], str(text))


def md_cell(text: object) -> str:
    """``text`` for a cell of a Markdown table: escaped, and on one line."""
    return " ".join(md_text(text).splitlines())


def md_unescape(text: str) -> str:
    """The text md_text() escaped, as it was: for a page that is not Markdown."""
    return re.sub(r"\\([\\`*_\[\]<>|~&#])", r"\1", text)
