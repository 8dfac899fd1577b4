"""The README matches the code and the data."""

from __future__ import annotations

import contextlib
import io
import json
import re

from conftest import ROOT

import foreign_fighters as ff
from publish import readme as render_readme

README = (ROOT / "README.md").read_text("utf-8")


def test_generated_sections_are_current():
    descriptor = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    assert render_readme.render(README, descriptor) == README, "README.md is stale: run 'make docs'"


def test_the_two_commands_are_documented():
    assert "make validate" in README and "make test" in README


def test_quick_start_example_runs_and_its_comments_are_true():
    code = re.findall(r"```python\n(.*?)```", README, re.S)[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})
    df = ff.load()
    departed = int(ff.summable(df, "departed")["departed"].sum())
    returned = int(ff.summable(df, "returned")["returned"].sum())
    assert f"# {departed}: no part counted twice" in code and f"# {returned}\n" in code
    assert out.getvalue().splitlines()[:2] == [str(departed), str(returned)]


def test_corroboration_example_prints_what_the_readme_shows():
    (block,) = re.findall(r"```python\n(>>> .*?)```", README, re.S)
    lines = block.splitlines(keepends=True)
    code = "".join(line.removeprefix(">>> ") for line in lines if line.startswith(">>> "))
    shown = "".join(line for line in lines if not line.startswith(">>> "))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})
    assert out.getvalue() == shown


def test_changelog_has_the_current_version():
    assert f"## [{ff.__version__}]" in (ROOT / "CHANGELOG.md").read_text("utf-8")


def test_citation_has_the_current_version():
    assert f"version: {ff.__version__}" in (ROOT / "CITATION.cff").read_text("utf-8")
