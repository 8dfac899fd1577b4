"""The built distributions: data byte-identical to the repository's, loadable offline from anywhere."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

import foreign_fighters as ff

pytestmark = pytest.mark.slow
SHIPPED = ["datapackage.json", "data/fighters-by-origin.csv", "data/headline-figures.csv"]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Builds the sdist, then the wheel from the sdist: proves the sdist is complete.
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def _one(dist: Path, pattern: str) -> Path:
    (found,) = dist.glob(pattern)
    return found


def test_wheel_ships_the_data_byte_for_byte(dist: Path):
    wheel = _one(dist, "*.whl")
    assert wheel.name.startswith(f"foreign_fighters-{ff.__version__}-py3-none-any")
    with zipfile.ZipFile(wheel) as zf:
        for name in SHIPPED:
            assert zf.read(f"foreign_fighters/{name}") == (ROOT / name).read_bytes(), name
        names = set(zf.namelist())
    assert {
        "foreign_fighters/profiles/datapackage-2.0.json",
        "foreign_fighters/profiles/LICENSE.md",
        "foreign_fighters/py.typed",
    } <= names


def test_sdist_ships_the_data_byte_for_byte(dist: Path):
    sdist = _one(dist, "*.tar.gz")
    with tarfile.open(sdist) as tf:
        root = tf.getnames()[0].split("/")[0]
        for name in SHIPPED:
            assert tf.extractfile(f"{root}/{name}").read() == (ROOT / name).read_bytes(), name


def test_installed_wheel_loads_offline_from_another_folder(dist: Path, tmp_path: Path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    wheel = _one(dist, "*.whl")
    # Runtime dependencies only (pandas), pinned like CI; no validate extra.
    subprocess.run(
        [py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", ROOT / "constraints.txt", wheel],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import json, sys, foreign_fighters as ff; df = ff.load(); hf = ff.load('headline-figures');"
        "print(json.dumps({'file': ff.__file__, 'rows': [len(df), len(hf)], 'departed': int(ff.summable(df)['departed'].sum()),"
        "'dtypes': {c: str(t) for c, t in df.dtypes.items()},"
        "'heavy': sorted({m.split('.')[0] for m in sys.modules} & {'pandera', 'frictionless'})}))"
    )
    done = subprocess.run([py, "-c", code], cwd=elsewhere, capture_output=True, text=True, check=True)
    got = json.loads(done.stdout)
    assert str(venv) in got["file"]  # the installed copy, not this checkout
    expected = ff.load()
    assert got["rows"] == [len(expected), len(ff.load("headline-figures"))]
    assert got["departed"] == int(ff.summable(expected)["departed"].sum())
    assert got["dtypes"] == {c: str(t) for c, t in expected.dtypes.items()}
    assert got["heavy"] == []

    cli = venv / "bin" / "foreign-fighters"
    show = subprocess.run([cli, "show"], cwd=elsewhere, capture_output=True, text=True)
    assert show.returncode == 0 and expected["origin"].iloc[-1] in show.stdout
    check = subprocess.run([cli, "validate"], cwd=elsewhere, capture_output=True, text=True)
    assert check.returncode == 2
    assert "pip install 'foreign-fighters[validate]'" in check.stderr and "Traceback" not in check.stderr
