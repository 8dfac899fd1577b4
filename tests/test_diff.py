"""foreign-fighters diff: rows and fields changed, the SemVer bump needed, and whether it was made."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import ARTICLE, EVIDENCE, HEADLINE, ORIGINS, ROOT, PackageCopy

from foreign_fighters.cli import main
from foreign_fighters.diff import Bump, compare
from foreign_fighters.formats import diff_to_text
from foreign_fighters.package import open_package


@pytest.fixture
def base(tmp_path_factory) -> PackageCopy:
    return PackageCopy(tmp_path_factory.mktemp("base"))


def diff_of(base: PackageCopy, head: PackageCopy):
    return compare(open_package(base.folder), open_package(head.folder), "base", "head")


FRANCE = {"origin": "France", "measure": "departed", "source": ARTICLE}
HEAD = 3  # headline-figures' place among the fixture's resources


def test_no_change(base, pkg):
    d = diff_of(base, pkg)
    assert d.needed == Bump.NONE and d.ok and all(r.empty for r in d.resources)


def test_changed_figure_without_its_quote_is_flagged(base, pkg):
    pkg.set_where(EVIDENCE, FRANCE, "value", "1901")
    d = diff_of(base, pkg)
    (change,) = d.resources[1].changed
    assert change.key == "France / departed / fightingfortrump-2017-10" and change.fields == {"value": ("1910", "1901")}
    assert change.unsourced == ["value"]
    assert d.needed == Bump.PATCH and not d.version_ok and not d.ok


def test_only_the_figures_changed_without_their_quote_are_flagged(base, pkg):
    pkg.set_where(EVIDENCE, FRANCE, "value", "1901")
    pkg.set_where(EVIDENCE, FRANCE, "notes", "a note added")  # text, not a figure: needs no quote
    (change,) = diff_of(base, pkg).resources[1].changed
    assert set(change.fields) == {"value", "notes"} and change.unsourced == ["value"]


def test_correction_with_source_bump_and_changelog_is_ok(base, pkg):
    pkg.set_figure("Tunisia", "departed", "2920", "Tunisia – 2,920 left – 800 returned")
    pkg.bump("1.0.1")
    d = diff_of(base, pkg)
    assert d.needed == Bump.PATCH and d.made == Bump.PATCH and d.changelog_entry and d.ok


def test_bump_without_changelog_entry(base, pkg):
    pkg.set(ORIGINS, "Russia", "notes", "Corrected note.")
    pkg.edit_descriptor(lambda d: d.update(version="1.0.1"))
    d = diff_of(base, pkg)
    assert d.version_ok and d.changelog_entry is False and not d.ok


def test_added_row_needs_minor(base, pkg):
    pkg.add_belgium()
    pkg.bump("1.0.1")
    d = diff_of(base, pkg)
    assert list(d.resources[0].added) == ["Belgium"]
    assert d.needed == Bump.MINOR and not d.version_ok


def test_removed_row_needs_major(base, pkg):
    pkg.write_rows(HEADLINE, pkg.rows(HEADLINE)[:-1])
    d = diff_of(base, pkg)
    assert list(d.resources[HEAD].removed) == ["women_and_children_affiliated"] and d.needed == Bump.MAJOR


@pytest.mark.parametrize(
    ("change", "bump", "words"),
    [
        (lambda d: d["resources"][0]["schema"]["fields"][1]["constraints"]["enum"].pop(), Bump.MAJOR, "tightened"),
        (
            lambda d: d["resources"][0]["schema"]["fields"][1]["constraints"]["enum"].append("people"),
            Bump.PATCH,
            "loosened",
        ),
        (
            lambda d: d["resources"][0]["schema"]["fields"][4].update(type="number"),
            Bump.MAJOR,
            "type integer -> number",
        ),
        (
            lambda d: d["resources"][0]["schema"]["fields"][4]["constraints"].update(maximum=10**6),
            Bump.MAJOR,
            "tightened",
        ),
        (
            lambda d: d["resources"][0]["schema"]["fields"][4].update(description="Changed."),
            Bump.PATCH,
            "description changed",
        ),
        (lambda d: d.update(title="A new title"), Bump.PATCH, "title changed"),
        (lambda d: d["resources"][0]["schema"].update(primaryKey=["origin", "iso3"]), Bump.MAJOR, "primaryKey changed"),
    ],
    ids=["enum-shrunk", "enum-grown", "retyped", "maximum-added", "description", "title", "primary-key"],
)
def test_schema_and_metadata_changes(base, pkg, change, bump, words):
    pkg.edit_descriptor(change)
    d = diff_of(base, pkg)
    assert d.needed == bump
    assert any(words in what for _, what in d.package + [c for r in d.resources for c in r.schema])


def test_removed_field_needs_major(base, pkg):
    pkg.edit_descriptor(lambda d: d["resources"][0]["schema"]["fields"].pop())
    rows = pkg.rows(ORIGINS)
    pkg.write_rows(ORIGINS, [r[:-1] for r in rows])
    d = diff_of(base, pkg)
    assert (Bump.MAJOR, "field 'notes' removed or renamed") in d.resources[0].schema


def test_a_schema_with_no_fields_is_a_schema_change_not_an_error(base, pkg):
    pkg.edit_descriptor(lambda d: d["resources"][HEAD]["schema"].update(fields=[]))
    d = diff_of(base, pkg)  # no SourceError: there is nothing to read the rows by, and the schema says so
    assert d.resources[HEAD].added == {} and len(d.resources[HEAD].removed) == len(base.rows(HEADLINE)) - 1
    assert any(bump == Bump.MAJOR and "removed" in words for bump, words in d.resources[HEAD].schema)


def test_cli_formats_and_check(capsys, base, pkg):
    pkg.set_where(EVIDENCE, FRANCE, "value", "1901")
    assert main(["diff", str(base.folder), str(pkg.folder)]) == 1  # a failing verdict, as diff tools do
    out = capsys.readouterr().out
    assert (
        "~ France / departed / fightingfortrump-2017-10" in out
        and "value: '1910' -> '1901'   <- quote unchanged" in out
    )
    assert main(["diff", str(base.folder), str(pkg.folder), "--check"]) == 1
    capsys.readouterr()
    main(["diff", str(base.folder), str(pkg.folder), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["needed_bump"] == "patch" and doc["ok"] is False
    assert doc["resources"][1]["changed"] == [
        {
            "key": "France / departed / fightingfortrump-2017-10",
            "fields": {"value": {"old": "1910", "new": "1901"}},
            "unsourced": ["value"],
        }
    ]


def test_unreadable_sides_exit_2(capsys, base, tmp_path):
    assert main(["diff", str(base.folder), str(tmp_path / "nope")]) == 2
    assert "no such file" in capsys.readouterr().err


def git(repo, *args):
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_demo_pull_request_between_two_revisions(capsys, pkg, monkeypatch):
    """A reviewer's view of a typical pull request: one row added, one note corrected, version bumped."""
    repo = pkg.folder
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    pkg.add_belgium()
    pkg.set(ORIGINS, "Russia", "notes", "One Arabic-language site gives 3,414 departures (unconfirmed).")
    pkg.bump("1.1.0", "- fighters-by-origin: added Belgium; Russia's note corrected.")
    git(repo, "commit", "-qam", "head")
    monkeypatch.chdir(repo)
    assert main(["diff", "HEAD~1", "HEAD", "--format", "markdown", "--check"]) == 0
    summary = capsys.readouterr().out
    print(summary)
    assert summary.splitlines()[:4] == [
        "## Data diff: `HEAD~1` → `HEAD`",
        "",
        "- ✅ version 1.0.0 -> 1.1.0 (minor); this change needs a MINOR bump",
        "- ✅ CHANGELOG.md has an entry for 1.1.0",
    ]
    assert (
        "| added | Belgium |  |  | origin_type=country, iso3=BEL, part_of=European Union, departed=500, returned=100"
        in summary
        and "| changed | Russia | notes |" in summary
    )
    assert len(summary.splitlines()) <= 20  # a reviewer reads it at a glance
    assert git(repo, "status", "--porcelain").stdout == ""  # nothing written to the work tree


def test_the_documented_example_is_what_diff_prints(base, pkg):
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    text = "".join(page.read_text("utf-8") for page in pages if page.is_file())
    (example,) = re.findall(r"```\n\$ foreign-fighters diff main \.\n(.*?)```", text, re.S)
    pkg.set_where(EVIDENCE, FRANCE, "value", "1901")
    assert diff_to_text(compare(open_package(base.folder), open_package(pkg.folder), "main", ".")) == example


def test_version_1_to_version_2_needs_a_major_bump():
    from conftest import FIXTURE, FIXTURE_V1

    d = compare(open_package(FIXTURE_V1), open_package(FIXTURE), "v1", "v2")
    assert d.needed == Bump.MAJOR
    origins = next(r for r in d.resources if r.name == "fighters-by-origin")
    assert (Bump.MAJOR, "field 'source_text' removed or renamed") in origins.schema
    added = [what for bump, what in d.package if bump == Bump.MINOR]
    assert "resource 'figures-by-source' added" in added and "resource 'sources' added" in added
