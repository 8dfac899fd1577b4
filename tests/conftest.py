from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The tests' own frozen package: tests that break data, count rows or name figures and CSV lines
# use it, so a correct change to the real data in data/ never turns them red.
FIXTURE = ROOT / "tests" / "fixtures" / "v2"
FIXTURE_V1 = ROOT / "tests" / "fixtures" / "v1"  # data model 1, for diffs across the major version
from publish import hashes as update_hashes  # noqa: E402


@pytest.fixture(autouse=True)
def _no_results_from_earlier_tests():
    """Empty the package's caches before each test: a result cached by an earlier test must not stand
    in for the code under test (mutation testing forks the tests from a process that ran them all)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("foreign_fighters") and module is not None:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """The release's data and metadata files (no wheel or sdist), built once for every test that only
    reads them; test_release.py and test_wheel.py build their own, with the Python packages."""
    out = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "publish.release", "--out", str(out), "--skip-python"]
    done = subprocess.run(build, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


ORIGINS = "data/fighters-by-origin.csv"
HEADLINE = "data/headline-figures.csv"
EVIDENCE = "data/figures-by-source.csv"
ARTICLE = "fightingfortrump-2017-10"  # the fixture's preferred source
SOURCES = "data/sources.csv"
# A new origin consistent with every rule (European Union still covers its parts), and the
# figures-by-source rows that back its figures: adding an origin touches both files.
BELGIUM = ["Belgium", "country", "BEL", "European Union", "500", "", "100", "", "", ""]
BELGIUM_EVIDENCE = [
    ["Belgium", "departed", "500", "", "rferl-2017-10-24", "Belgium: 500 left, 100 returned.", "", "", ""],
    ["Belgium", "returned", "100", "", "rferl-2017-10-24", "Belgium: 500 left, 100 returned.", "", "", ""],
]


def line_where(path: str, where: dict[str, str], rows: list[list[str]] | None = None) -> int:
    """The CSV line of the first row matching ``where`` (in the fixture unless rows are given)."""
    if rows is None:
        with open(FIXTURE / path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
    index = {name: i for i, name in enumerate(rows[0])}
    return next(n for n, row in enumerate(rows, start=1) if n > 1 and all(row[index[k]] == v for k, v in where.items()))


class PackageCopy:
    """A writable copy of a data package (the frozen fixture by default), edited the way a
    contributor would."""

    def __init__(self, folder: Path, origin: Path = FIXTURE) -> None:
        self.folder = folder
        shutil.copy(origin / "datapackage.json", folder / "datapackage.json")
        shutil.copytree(origin / "data", folder / "data")
        shutil.copy(origin / "CHANGELOG.md", folder / "CHANGELOG.md")

    def edit_descriptor(self, change) -> None:
        path = self.folder / "datapackage.json"
        descriptor = json.loads(path.read_text("utf-8"))
        change(descriptor)
        path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def bump(self, version: str, entry: str = "- Corrected.") -> None:
        self.edit_descriptor(lambda d: d.update(version=version))
        path = self.folder / "CHANGELOG.md"
        text = path.read_text("utf-8")
        first = text.index("\n## [")
        path.write_text(text[:first] + f"\n## [{version}] - 2026-12-01\n\n{entry}\n" + text[first:], encoding="utf-8")

    def rows(self, path: str) -> list[list[str]]:
        return list(csv.reader(io.StringIO((self.folder / path).read_text("utf-8"), newline="")))

    def write_rows(self, path: str, rows: list[list[str]], refresh: bool = True) -> None:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        (self.folder / path).write_text(out.getvalue(), encoding="utf-8", newline="")
        if refresh:
            self.refresh()

    def set(self, path: str, key: str, field: str, value: str, refresh: bool = True) -> int:
        """Set one cell of the row whose first cell is ``key``; returns the row's CSV line."""
        rows = self.rows(path)
        column = rows[0].index(field)
        line = next(i for i, row in enumerate(rows, start=1) if row[0] == key)
        rows[line - 1][column] = value
        self.write_rows(path, rows, refresh)
        return line

    def set_where(self, path: str, where: dict[str, str], field: str, value: str, refresh: bool = True) -> int:
        """Set one cell of the first row whose cells match ``where``; returns the row's CSV line."""
        rows = self.rows(path)
        line = line_where(path, where, rows)
        rows[line - 1][rows[0].index(field)] = value
        self.write_rows(path, rows, refresh)
        return line

    def set_figure(self, origin: str, measure: str, value: str, quote: str) -> int:
        """A corrected figure as a contributor makes it: fighters-by-origin, and the article's own
        row in figures-by-source with its quote. Returns fighters-by-origin's line."""
        where = {"origin": origin, "measure": measure, "source": ARTICLE}
        self.set_where(EVIDENCE, where, "value", value, refresh=False)
        self.set_where(EVIDENCE, where, "quote", quote, refresh=False)
        return self.set(ORIGINS, origin, measure, value)

    def add_belgium(self) -> None:
        """A correct contributor's new origin: its row and the evidence for its figures."""
        self.write_rows(ORIGINS, [*self.rows(ORIGINS), BELGIUM], refresh=False)
        self.write_rows(EVIDENCE, [*self.rows(EVIDENCE), *BELGIUM_EVIDENCE])

    def add_translation_warning(self) -> int:
        """A warning and nothing else: a Georgian quote (no qualifying words known for 'ka') whose
        English says "about" where the row has no qualifier (qualifier-agrees-in-translation).
        Returns figures-by-source's line of the new row."""
        rows = self.rows(SOURCES)
        rows.append(["ka-2017-10", "A Georgian outlet", "", "https://ka.example/x", "2017-10", "ka", "", "false", ""])
        self.write_rows(SOURCES, rows, refresh=False)
        departed = next(r for r in self.rows(ORIGINS) if r[0] == "Germany")[4]
        row = [
            "Germany",
            "departed",
            departed,
            "",
            "ka-2017-10",
            f"გერმანია: {departed}",
            f"Germany: about {departed}",
            "",
            "",
        ]
        self.write_rows(EVIDENCE, [*self.rows(EVIDENCE), row])
        return len(self.rows(EVIDENCE))

    def refresh(self) -> None:
        descriptor, _ = update_hashes.refreshed(self.folder)
        update_hashes.write_json(self.folder / "datapackage.json", descriptor)


@pytest.fixture
def pkg(tmp_path: Path) -> PackageCopy:
    return PackageCopy(tmp_path)


@pytest.fixture
def real(tmp_path: Path) -> PackageCopy:
    """A copy of the repository's own package, for tests that read their expectations from it."""
    return PackageCopy(tmp_path, ROOT)


# ---- `make test-fast`: every rule's tests, each rule broken and valid data passing -----------------
# The files that hold them. A test there (not slow) is marked `fast`; `pytest -m fast` runs them.
FAST_FILES = frozenset(
    {
        "test_rules.py",
        "test_catalogue.py",
        "test_contract.py",
        "test_descriptor.py",
        "test_data.py",
        "test_contributing.py",
        "test_safety.py",
        "test_provenance.py",
        "test_quotes.py",
        "test_neighbour.py",
        "test_origin_names.py",
    }
)
# Where `pytest_collection_finish` writes the rules the selected tests break, one a line (for the
# test that proves the fast selection breaks every rule).
BREAKS_OUT = "FOREIGN_FIGHTERS_BREAKS_OUT"


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in FAST_FILES and not any(item.get_closest_marker(m) for m in ("slow", "variants")):
            item.add_marker(pytest.mark.fast)


def pytest_collection_finish(session):
    out = os.environ.get(BREAKS_OUT)
    if out:
        broken = {rule for item in session.items for mark in item.iter_markers("breaks") for rule in mark.args}
        Path(out).write_text("".join(f"{rule}\n" for rule in sorted(broken)), encoding="utf-8")
