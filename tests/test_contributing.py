"""CONTRIBUTING.md's messages are the tool's: each forgotten step, done on a copy of the fixture
package, prints the text the document quotes for it."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ARTICLE, EVIDENCE, FIXTURE, ORIGINS, ROOT, SOURCES, PackageCopy
from test_rules import KOSOVO_SOURCE, add_kosovo

from foreign_fighters.cli import main

DOC = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
QUOTED = dict(re.findall(r"<!-- error: ([\w-]+) -->\s*```text\n(.*?)```", DOC, re.S))
RUSSIA = {"origin": "Russia", "measure": "returned", "source": ARTICLE}


def cli(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        main(list(argv))
    return out.getvalue()


def _corrected(pkg: PackageCopy, quote: bool = True, hashes: bool = True) -> None:
    """Russia's returned 400 -> 410, as CONTRIBUTING.md's example."""
    if quote:
        pkg.set_where(EVIDENCE, RUSSIA, "value", "410", refresh=False)
        pkg.set_where(EVIDENCE, RUSSIA, "quote", "Russia – 3,417 left – 410 returned", refresh=False)
    pkg.set(ORIGINS, "Russia", "returned", "410", refresh=hashes)


def figure_without_quote(pkg: PackageCopy) -> str:
    _corrected(pkg, quote=False)
    return cli("validate", str(pkg.folder))


def figure_without_hashes(pkg: PackageCopy) -> str:
    _corrected(pkg, hashes=False)
    return cli("validate", str(pkg.folder))


def figure_without_changelog(pkg: PackageCopy) -> str:
    _corrected(pkg)
    log = pkg.folder / "CHANGELOG.md"
    text = log.read_text("utf-8")
    first = text.index("\n## [")
    log.write_text(text[:first] + "\n## [Unreleased]\n" + text[first:], encoding="utf-8")
    bump = [sys.executable, "-m", "publish.bump", "patch", "--root", str(pkg.folder)]
    done = subprocess.run(bump, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    return done.stdout + done.stderr


def figure_without_bump(pkg: PackageCopy) -> str:
    _corrected(pkg)
    return cli("diff", str(FIXTURE), str(pkg.folder), "--check")


def origin_without_reference(pkg: PackageCopy) -> str:
    add_kosovo(pkg, reference_line=False)
    return cli("validate", str(pkg.folder))


def origin_without_source(pkg: PackageCopy) -> str:
    add_kosovo(pkg)
    pkg.write_rows(SOURCES, [r for r in pkg.rows(SOURCES) if r[0] != KOSOVO_SOURCE[0]])
    return cli("validate", str(pkg.folder))


def origin_without_quote(pkg: PackageCopy) -> str:
    add_kosovo(pkg)
    pkg.write_rows(EVIDENCE, [r for r in pkg.rows(EVIDENCE) if r[0] != "Kosovo"])
    return cli("validate", str(pkg.folder))


def origin_without_bump(pkg: PackageCopy) -> str:
    add_kosovo(pkg)
    return cli("diff", str(FIXTURE), str(pkg.folder), "--check")


FORGOTTEN: dict[str, Callable[[PackageCopy], str]] = {
    f.__name__.replace("_", "-"): f
    for f in (
        figure_without_quote, figure_without_hashes, figure_without_changelog, figure_without_bump,
        origin_without_reference, origin_without_source, origin_without_quote, origin_without_bump,
    )
}  # fmt: skip


def flat(text: str) -> str:
    """The text on one line: the report wraps long messages (at a hyphen, too)."""
    return re.sub(r"\s+", " ", re.sub(r"(?<=\w-)\n\s+(?=\w)", "", text)).strip()


def test_every_forgotten_step_is_quoted_once():
    assert sorted(QUOTED) == sorted(FORGOTTEN)


@pytest.mark.parametrize("step", list(FORGOTTEN))
def test_the_quoted_message_is_what_the_tool_prints(pkg: PackageCopy, step: str):
    printed = flat(FORGOTTEN[step](pkg))
    quoted = flat(QUOTED[step])
    pattern = ".*?".join(map(re.escape, quoted.split("…")))  # … stands for a line number or a version
    assert re.search(pattern, printed), f"CONTRIBUTING.md quotes for {step}:\n{quoted}\nthe tool prints:\n{printed}"


def test_the_documented_reference_line_is_the_one_the_tests_add():
    from test_rules import KOSOVO_LINE

    assert ",".join(KOSOVO_LINE) in DOC
    assert Path(ROOT / "data" / "reference" / "origin-names.csv").is_file()
