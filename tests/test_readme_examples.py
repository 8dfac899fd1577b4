"""The README's examples run as a reader runs them: each Python block in a fresh process (the plot
with matplotlib's Agg backend), printing what the README shows; and the install lines for a clone,
in a fresh virtual environment, give a package that loads."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import foreign_fighters as ff
from publish.publication import publication

README = (ROOT / "README.md").read_text("utf-8")
# A Python block (not a >>> session), and what it prints where the README shows it.
BLOCK = re.compile(r"```python\n(?!>>> )(.*?)```\n(?:\nIt prints:\n\n```text\n(.*?)```\n)?", re.S)
PNG = b"\x89PNG\r\n\x1a\n"


def blocks() -> list[tuple[str, str | None]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(README)]


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_readme_has_a_quick_start_and_a_plot():
    codes = [code for code, _ in blocks()]
    assert any("ff.load()" in code and shown for code, shown in blocks())  # the quick start, with its output
    assert any("savefig(" in code for code in codes)  # the plot


@pytest.mark.parametrize("index", range(len(blocks())))
def test_each_python_block_runs_and_prints_what_the_readme_shows(index: int, tmp_path: Path):
    code, shown = blocks()[index]
    done = run_python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    if shown is not None:
        assert done.stdout == shown
    for name in re.findall(r"savefig\(\"([^\"]+)\"\)", code):
        saved = (tmp_path / name).read_bytes()
        assert saved.startswith(PNG) and len(saved) > 10_000, name  # a real picture, not an empty canvas


def test_the_plot_draws_a_bar_per_summable_origin_with_a_figure(tmp_path: Path):
    (code,) = [code for code, _ in blocks() if "savefig(" in code]
    check = code + (
        "\nbars = [p for p in ax.patches]\n"
        "print(len(bars), sorted(int(p.get_width()) for p in bars) == sorted(int(v) for v in rows['departed']))\n"
    )
    done = run_python(check, tmp_path)
    assert done.returncode == 0, done.stderr
    expected = ff.summable(ff.load(), "departed")["departed"].dropna()
    assert done.stdout.split() == [str(len(expected)), "True"]


def clone_lines() -> list[str]:
    """The README's shell block that installs from a clone: its lines, as written."""
    (block,) = [b for b in re.findall(r"```sh\n(.*?)```", README, re.S) if "git clone" in b]
    return [line for line in block.splitlines() if line.strip()]


@pytest.mark.slow
def test_the_clone_install_lines_give_a_package_that_loads(tmp_path: Path):
    repository = publication(ROOT).repository
    lines = clone_lines()
    assert lines[0] == f"git clone {repository}"
    # The repository URL becomes a local clone of this checkout, under the same name, so that the
    # README's next line finds the folder the clone made.
    upstream = tmp_path / "upstream" / repository.rstrip("/").rsplit("/", 1)[-1]
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(upstream)], check=True, capture_output=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    work = tmp_path / "work"
    work.mkdir()
    env = {
        **os.environ,
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",  # `pip` is the fresh venv's
        "VIRTUAL_ENV": str(venv),
        "PIP_CONSTRAINT": str(ROOT / "constraints.txt"),  # the versions CI pins, as `-c` would
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("PYTHONPATH", None)
    for line in lines:
        line = line.replace(repository, shlex.quote(str(upstream)))
        done = subprocess.run(["bash", "-ec", line], cwd=work, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = "import foreign_fighters as ff; print(len(ff.load())); print(ff.__file__)"
    done = subprocess.run([venv / "bin" / "python", "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows, where = done.stdout.split()
    assert int(rows) == len(ff.load())
    assert where.startswith(str(venv))  # the installed copy, not this checkout
