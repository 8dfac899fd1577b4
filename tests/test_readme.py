"""The README matches the code and the data."""

from __future__ import annotations

import contextlib
import io
import json
import re

import render_readme
from conftest import ROOT

import foreign_fighters as ff

README = (ROOT / "README.md").read_text("utf-8")


def test_generated_sections_are_current():
    descriptor = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    assert render_readme.render(README, descriptor) == README, "README.md is stale: run 'make docs'"


def test_the_two_commands_are_documented():
    assert "make validate" in README and "make test" in README


def test_quick_start_example_runs_and_its_comment_is_true():
    (code,) = re.findall(r"```python\n(.*?)```", README, re.S)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})
    top = ff.summable(ff.load())
    departed, returned = int(top["departed"].sum()), int(top["returned"].sum())
    assert f"departed {departed}, returned {returned}" in code
    assert re.search(rf"departed\s+{departed}\n", out.getvalue()) and re.search(
        rf"returned\s+{returned}\n", out.getvalue()
    )


def test_changelog_has_the_current_version():
    assert f"## [{ff.__version__}]" in (ROOT / "CHANGELOG.md").read_text("utf-8")


def test_citation_has_the_current_version():
    assert f"version: {ff.__version__}" in (ROOT / "CITATION.cff").read_text("utf-8")
