"""The README and the docs/ pages match the code and the data."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import foreign_fighters as ff
from publish import readme as render_readme

README = (ROOT / "README.md").read_text("utf-8")
DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text("utf-8"))


@pytest.mark.parametrize("page", list(render_readme.PAGES))
def test_generated_sections_are_current(page):
    text = (ROOT / page).read_text("utf-8")
    fresh = render_readme.render(text, DESCRIPTOR, ROOT, render_readme.PAGES[page])
    assert fresh == text, f"{page} is stale: run 'make docs'"


@pytest.mark.parametrize("page", list(render_readme.PAGES))
def test_check_fails_on_each_stale_page_and_the_render_fixes_it(page, tmp_path: Path, monkeypatch, capsys):
    for name in ("datapackage.json", "README.md", "CITATION.cff", "pyproject.toml", ".zenodo.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    monkeypatch.setattr(render_readme, "ROOT", tmp_path)
    target = tmp_path / page
    name = render_readme.PAGES[page][0]
    text = target.read_text("utf-8")
    begin, end = f"<!-- BEGIN GENERATED: {name} -->\n", f"<!-- END GENERATED: {name} -->"
    stale = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: begin + "stale\n" + end, text, flags=re.S)
    assert stale != text
    target.write_text(stale, "utf-8")

    def run(*args: str) -> int:
        monkeypatch.setattr(sys, "argv", ["readme.py", *args])
        return render_readme.main()

    assert run("--check") == 1 and f"{page} is stale" in capsys.readouterr().err
    assert target.read_text("utf-8") == stale  # --check writes nothing
    assert run() == 0 and run("--check") == 0
    assert target.read_text("utf-8") == text


def test_every_generated_section_has_one_page():
    placed = [name for sections in render_readme.PAGES.values() for name in sections]
    assert sorted(placed) == sorted(render_readme.SECTIONS)
    for page, sections in render_readme.PAGES.items():
        text = (ROOT / page).read_text("utf-8")
        found = re.findall(r"<!-- BEGIN GENERATED: ([\w-]+) -->", text)
        assert found == list(sections), page


def test_the_readme_is_for_the_analyst():
    assert len(README.splitlines()) <= 200
    headings = re.findall(r"^## (.+)$", README, re.M)
    order = ["What the data is, and is not", "Install", "Quick start", "The chart", "Download", "How to cite"]
    assert [h for h in headings if h in order] == order
    assert "](docs/chart.svg)" in README and "](CONTRIBUTING.md)" in README


def test_every_local_link_of_the_readme_and_the_docs_resolves():
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", page.read_text("utf-8")):
            if target == "CONTRIBUTING.md":
                continue  # written alongside; its own tests say what it holds
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links to {target}"


def test_the_two_commands_are_documented():
    assert "make validate" in README and "make test" in README


def test_install_lines_name_the_repository_of_pyproject():
    from publish.publication import publication

    repository = publication(ROOT).repository
    assert "`pip install foreign-fighters`" in README
    assert f'pip install "git+{repository}"' in README
    assert f"git clone {repository}\n" in README


def test_quick_start_example_prints_what_the_readme_shows_and_its_comments_are_true():
    code, shown = re.findall(
        r"```python\n(import foreign_fighters.*?)```\n\nIt prints:\n\n```text\n(.*?)```", README, re.S
    )[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})
    assert out.getvalue() == shown
    df = ff.load()
    departed = int(ff.summable(df, "departed")["departed"].sum())
    returned = int(ff.summable(df, "returned")["returned"].sum())
    assert f"# {departed}: no part counted twice" in code and f"# {returned}\n" in code
    assert shown.splitlines()[:2] == [str(departed), str(returned)]
    for r in ff.load("headline-figures").itertuples():  # every headline figure with its value
        assert re.search(rf"^\s*{r.measure}\s+{r.value}\s", shown, re.M), r.measure


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
