"""What a contributor runs: `make test-fast` breaks every rule; the virtual environment is not set up
again for a data edit or a version bump."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from conftest import BREAKS_OUT, FAST_FILES, ROOT

from foreign_fighters import package
from foreign_fighters.rules import all_rules

MAKEFILE = (ROOT / "Makefile").read_text("utf-8")


def make_variable(name: str) -> list[str]:
    (value,) = re.findall(rf"^{name}\s*:?=\s*(.*)$", MAKEFILE, re.M)
    return value.split()


def test_make_test_fast_runs_the_fast_files():
    files = make_variable("FAST_A") + make_variable("FAST_B")
    assert sorted(files) == sorted(f"tests/{name}" for name in FAST_FILES)
    assert all((ROOT / f).is_file() for f in files)


def test_the_fast_selection_breaks_every_rule(tmp_path):
    """Each rule named by a `breaks` marker on a test that `pytest -m fast` selects."""
    out = tmp_path / "broken.txt"
    files = [f"tests/{name}" for name in sorted(FAST_FILES)]
    collect = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "fast", "-p", "no:cacheprovider", *files]
    done = subprocess.run(
        collect, capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, **{BREAKS_OUT: str(out)})
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    broken = set(out.read_text("utf-8").split())
    assert sorted(set(all_rules()) - broken) == []
    assert "test_fixture_is_valid_with_no_warnings" in done.stdout  # and valid data passing


def test_the_environment_is_set_up_again_only_for_what_is_installed():
    (prerequisites,) = re.findall(r"^\$\(STAMP\):(.*)$", MAKEFILE, re.M)
    assert sorted(prerequisites.split()) == ["constraints.txt", "pyproject.toml"]


def test_a_checkout_reports_its_descriptors_version_without_a_reinstall(tmp_path, monkeypatch):
    """After `make bump`, an editable install's version is the descriptor's, and the package still
    validates: no reinstall to bring the metadata along."""
    from foreign_fighters.package import Package
    from foreign_fighters.sources.folder import FolderSource
    from foreign_fighters.validation import descriptor_issues, start_descriptor_rules

    descriptor = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    major, minor, patch = map(int, descriptor["version"].split("."))
    descriptor["version"] = bumped = f"{major}.{minor}.{patch + 1}"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    monkeypatch.setattr(package, "bundled_root", lambda: tmp_path)
    assert package.python_version() == bumped
    bundled = Package(descriptor, FolderSource(tmp_path), bundled=True)
    assert [i.rule for i in descriptor_issues(start_descriptor_rules(bundled))] == []
