"""`foreign-fighters show` prints cells of a package it has not validated: whatever a cell holds,
the table reaches the terminal with its controls, bidirectional controls and invisible characters
escaped, as the rules' messages quote them, and everything else as written."""

from __future__ import annotations

import re

import pytest
from conftest import ARTICLE, SOURCES, PackageCopy

from foreign_fighters import cli
from foreign_fighters.rules import safety

# Every character the rules refuse in a one-line cell, and the marks, which stay allowed in a cell
# of right-to-left text but would still reorder the cells beside it on a terminal's line.
RAW = re.compile(f"[{safety.HIDDEN}{safety.IGNORABLE}{safety.BLANK}{safety.PRIVATE_USE}{safety.MARKS}\\r\\n]")


@pytest.fixture(autouse=True)
def _no_width(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # whole cells: nothing cut to fit a terminal


def _show(capsys, pkg: PackageCopy, *columns: str) -> str:
    code = cli.main(["show", "sources", "--source", str(pkg.folder), "--columns", ",".join(columns)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_a_terminal_escape_sequence_in_a_cell_is_printed_escaped(pkg: PackageCopy, capsys):
    pkg.set(SOURCES, ARTICLE, "outlet", "Evil\x1b]0;pwned\x07\x1b[2JNews")
    out = _show(capsys, pkg, "outlet")
    assert "\x1b" not in out and "\x07" not in out
    assert r"Evil\x1b]0;pwned\x07\x1b[2JNews" in out


ESCAPED_CELLS = [
    ("right-to-left override", "fdp\u202eexe.News", r"fdp\u202eexe.News"),
    ("C1 control sequence introducer", "Red\x9b31mNews", r"Red\x9b31mNews"),
    ("DEL", "Back\x7fspace", r"Back\x7fspace"),
    ("combining grapheme joiner", "Tur\u034fkey Today", r"Tur\u034fkey Today"),
    ("Hangul filler", "Bre\u3164itbart", r"Bre\u3164itbart"),
    ("blank braille pattern", "Fox\u2800News", r"Fox\u2800News"),
    ("variation selector", "Fox\ufe0fNews", r"Fox\ufe0fNews"),
    ("private-use character", "Fox\ue000News", r"Fox\ue000News"),
    ("a tag beyond the BMP", "Fox\U000e0041News", r"Fox\U000e0041News"),
    ("a right-to-left mark, even in Hebrew", "וואלה\u200f!", r"וואלה\u200f!"),
]


@pytest.mark.parametrize(("what", "outlet", "shown"), ESCAPED_CELLS, ids=[c[0] for c in ESCAPED_CELLS])
def test_controls_and_invisible_characters_are_printed_escaped(pkg: PackageCopy, capsys, what, outlet, shown):
    pkg.set(SOURCES, ARTICLE, "outlet", outlet)
    out = _show(capsys, pkg, "outlet")
    assert shown in out
    assert not RAW.search(out.replace("\n", ""))  # the table's own line breaks are the only ones


@pytest.mark.parametrize(("notes", "shown"), [("Two\nlines", r"Two\nlines"), ("Two\r\nlines", r"Two\r\nlines")])
def test_a_line_break_in_notes_keeps_the_row_on_one_line(pkg: PackageCopy, capsys, notes, shown):
    pkg.set(SOURCES, ARTICLE, "notes", notes)
    out = _show(capsys, pkg, "notes")
    assert shown in out
    assert len(out.splitlines()) == 4 + len(pkg.rows(SOURCES)) - 1  # package, blank, title, header, rows


def test_the_whole_table_without_columns_is_escaped_too(pkg: PackageCopy, capsys):
    pkg.set(SOURCES, ARTICLE, "outlet", "Fox\x1b[2JNews")
    code = cli.main(["show", "sources", "--source", str(pkg.folder)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "\x1b" not in out and r"Fox\x1b[2JNews" in out


SHOWN_AS_WRITTEN = [
    "Hromadske Radio (Громадське радіо)",
    "Akhbar Al Aan (أخبار الآن)",
    "Persian: می\u200cگویند",  # the non-joiner spells the word
    "BBC中文网",
    "Algérie 1\u00a0TV",
    "Fox News 'quoted' \"twice\" \\ slash",
]


@pytest.mark.parametrize("outlet", SHOWN_AS_WRITTEN)
def test_text_in_any_script_is_printed_as_written(pkg: PackageCopy, capsys, outlet):
    pkg.set(SOURCES, ARTICLE, "outlet", outlet)
    assert outlet in _show(capsys, pkg, "outlet")


def test_escaping_is_the_one_function_the_messages_use():
    text = "a\x1b[31m\u202e\u034f\u3164\u200cb"
    assert safety.escaped(text) == r"a\x1b[31m\u202e\u034f\u3164\u200cb"
    assert safety.quoted(text) == "'" + safety.escaped(text) + "'"
    assert safety.escaped("می\u200cگویند") == "می\u200cگویند"
