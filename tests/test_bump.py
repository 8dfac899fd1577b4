"""make bump: the version in every file that repeats it, and CHANGELOG.md's Unreleased entries
released under it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

FILES = ["datapackage.json", "CHANGELOG.md", "CITATION.cff", "README.md", "pyproject.toml", ".zenodo.json"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    text = (tmp_path / "CHANGELOG.md").read_text("utf-8")
    head = re.search(r"^## \[Unreleased\]\n", text, re.M)
    entry = "\n### Fixed\n- France: departed corrected.\n"
    (tmp_path / "CHANGELOG.md").write_text(text[: head.end()] + entry + text[head.end() :], "utf-8")
    return tmp_path


def bump(repo: Path, part: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "publish.bump", part, "--date", "2031-02-03", "--root", str(repo)]
    return subprocess.run(cmd, capture_output=True, text=True)


def version(repo: Path) -> str:
    return json.loads((repo / "datapackage.json").read_text("utf-8"))["version"]


@pytest.mark.parametrize(("part", "expected"), [("patch", (0, 0, 1)), ("minor", (0, 1, 0)), ("major", (1, 0, 0))])
def test_bump_sets_the_version_everywhere(repo: Path, part, expected):
    old = tuple(map(int, version(repo).split(".")))
    new = {(0, 0, 1): (old[0], old[1], old[2] + 1), (0, 1, 0): (old[0], old[1] + 1, 0), (1, 0, 0): (old[0] + 1, 0, 0)}
    new_version = ".".join(map(str, new[expected]))
    done = bump(repo, part)
    assert done.returncode == 0, done.stderr
    assert version(repo) == new_version
    cff = yaml.safe_load((repo / "CITATION.cff").read_text("utf-8"))
    for level in (cff, cff["preferred-citation"]):
        assert (str(level["version"]), str(level["date-released"])) == (new_version, "2031-02-03")
    assert all("version" not in ref for ref in cff["references"])  # the report's own details stay as they are
    zenodo = json.loads((repo / ".zenodo.json").read_text("utf-8"))
    assert (zenodo["version"], zenodo["publication_date"]) == (new_version, "2031-02-03")
    readme = (repo / "README.md").read_text("utf-8")
    assert f"(Version {new_version}) [Data set]" in readme and f"version = {{{new_version}}}" in readme
    assert f"version {new_version}." in readme
    log = (repo / "CHANGELOG.md").read_text("utf-8")
    released = log.index(f"## [{new_version}] - 2031-02-03")
    assert log.index("## [Unreleased]") < released < log.index("- France: departed corrected.")
    assert re.search(r"## \[Unreleased\]\n\n## \[", log)  # the entries moved, nothing left behind
    assert f"[Unreleased]: ../../compare/v{new_version}...HEAD" in log
    assert f"[{new_version}]: ../../compare/v{'.'.join(map(str, old))}...v{new_version}" in log


def test_bump_refuses_an_empty_unreleased_section_and_changes_nothing(repo: Path):
    assert bump(repo, "patch").returncode == 0
    before = {name: (repo / name).read_bytes() for name in FILES}
    done = bump(repo, "patch")
    assert done.returncode == 1 and "no entry" in done.stderr and "nothing was changed" in done.stderr
    assert {name: (repo / name).read_bytes() for name in FILES} == before


def test_the_changelog_follows_keep_a_changelog():
    log = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert "keepachangelog.com/en/1.1.0" in log and re.search(r"^## \[Unreleased\]$", log, re.M)
    sections = set(re.findall(r"^### (.+)$", log, re.M))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, sections
    for v in re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", log, re.M):
        assert re.search(rf"^\[{re.escape(v)}\]: \S+$", log, re.M), f"no link reference for {v}"
    assert re.search(r"^\[Unreleased\]: \S+$", log, re.M)
