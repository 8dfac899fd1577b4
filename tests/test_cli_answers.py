"""A command line that answers first: validate ends with its verdict counted by rule, show prints
one resource and its key columns whatever the width, diff exits 1 on a failing verdict, and a
misspelt name or a revision outside git gets a plain answer."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import EVIDENCE, FIXTURE, HEADLINE, ORIGINS, PackageCopy

import foreign_fighters as ff
from foreign_fighters import formats
from foreign_fighters.cli import main
from foreign_fighters.report import Issue, Report
from foreign_fighters.rules import all_rules


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def descriptor(folder: Path = FIXTURE) -> dict:
    return json.loads((folder / "datapackage.json").read_text("utf-8"))


def schema(name: str, folder: Path = FIXTURE) -> dict:
    return next(r["schema"] for r in descriptor(folder)["resources"] if r["name"] == name)


def keys(name: str, folder: Path = FIXTURE) -> list[str]:
    """The resource's primaryKey and foreign-key fields, in the table's column order."""
    s = schema(name, folder)
    named = set(s["primaryKey"]) | {f for fk in s.get("foreignKeys", []) for f in fk["fields"]}
    return [f["name"] for f in s["fields"] if f["name"] in named]


def tables(out: str) -> list[str]:
    """The resources shown, by their "NAME (N rows)" lines."""
    return [line.split(" (")[0] for line in out.splitlines() if line.endswith(" rows)")]


def table_header(out: str, name: str) -> list[str]:
    """The column names over the table of resource ``name``."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name} ("))
    return lines[start + 1].split()


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # output into a pipe: no width unless a test sets one


# ---- validate: the verdict is the last line, counted by rule ----------------------------------------
def expected_counts(folder: Path, capsys) -> tuple[Counter, Counter]:
    code, out, _ = run(capsys, "validate", str(folder), "--format", "json")
    doc = json.loads(out)
    assert code == doc["exit_code"]
    return Counter(e["rule"] for e in doc["errors"]), Counter(w["rule"] for w in doc["warnings"])


def test_validate_ends_with_the_verdict_counted_by_rule(capsys, pkg: PackageCopy):
    pkg.set(ORIGINS, "Britain", "returned", "900", refresh=False)
    pkg.set(ORIGINS, "France", "returned", "5000")  # a second row breaking the same rule
    errors, warnings = expected_counts(pkg.folder, capsys)
    assert errors["returned-le-departed"] == 2
    code, out, _ = run(capsys, "validate", str(pkg.folder))
    lines = out.splitlines()
    assert code == 1
    last = lines[-1]
    assert last.startswith(f"INVALID: {sum(errors.values())} errors (") and last.endswith(
        f", {sum(warnings.values())} warnings"
    )
    ranked = sorted(errors.items(), key=lambda kv: (-kv[1], kv[0]))[: formats.VERDICT_RULES]
    assert f"({', '.join(f'{rule} {n}' for rule, n in ranked)})" in last
    assert "returned-le-departed 2" in last
    assert lines[-2] == ""  # set apart from the issues
    assert not any("INVALID" in line for line in lines[:-1])  # said once, at the end
    assert lines[0] == f"Data package: {pkg.folder.resolve() / 'datapackage.json'}"


def test_validate_of_a_valid_package_is_two_lines_ending_with_pass(capsys, pkg: PackageCopy):
    code, out, _ = run(capsys, "validate", str(pkg.folder))
    assert (code, out.splitlines()) == (
        0,
        [f"Data package: {pkg.folder / 'datapackage.json'}", "VALID: 0 errors, 0 warnings"],
    )


def test_warnings_are_counted_by_rule_and_strict_says_so(capsys, pkg: PackageCopy):
    pkg.add_translation_warning()
    code, out, _ = run(capsys, "validate", str(pkg.folder))
    assert code == 0 and out.splitlines()[-1] == "VALID: 0 errors, 1 warning (qualifier-agrees-in-translation 1)"
    code, out, _ = run(capsys, "validate", str(pkg.folder), "--strict")
    assert (
        code == 1
        and out.splitlines()[-1] == "INVALID: 0 errors, 1 warning (qualifier-agrees-in-translation 1) (--strict)"
    )


def test_the_machine_formats_stay_as_they_were(capsys, pkg: PackageCopy):
    pkg.set(ORIGINS, "Britain", "returned", "900")
    code, out, _ = run(capsys, "validate", str(pkg.folder), "--format", "json")
    assert code == 1 and json.loads(out)["valid"] is False
    code, out, _ = run(capsys, "validate", str(pkg.folder), "--format", "github")
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert out.splitlines()[-1] == f"INVALID: {len(errors)} errors, 0 warnings"


def test_a_verdict_names_the_most_frequent_rules_and_counts_the_rest():
    rules = [name for name, r in all_rules().items() if r.severity == "error"][: formats.VERDICT_RULES + 2]
    issues = [Issue(rule, "m") for n, rule in enumerate(rules) for _ in range(n + 1)]  # the last rule most often
    line = formats.verdict(Report("p", issues=issues))
    named = ", ".join(f"{rule} {n}" for n, rule in reversed(list(enumerate(rules, start=1))[2:]))
    assert line == f"INVALID: {len(issues)} errors ({named}, 2 more rules), 0 warnings"


# ---- show: one resource, chosen columns, key columns kept ---------------------------------------------
def test_show_one_resource(capsys):
    code, out, _ = run(capsys, "show", "figures-by-source", "--source", str(FIXTURE))
    headers = [line for line in out.splitlines() if line.endswith(" rows)")]
    assert code == 0 and headers == [f"figures-by-source ({len(ff.load('figures-by-source', source=FIXTURE))} rows)"]
    assert table_header(out, "figures-by-source")[:2] == [f["name"] for f in schema("figures-by-source")["fields"]][:2]


def test_show_a_package_given_where_the_resource_goes(capsys, tmp_path, monkeypatch):
    """`show PACKAGE_FOLDER`, as before RESOURCE: a path, .zip or URL there is the SOURCE."""
    code, out, _ = run(capsys, "show", str(FIXTURE))
    names = [r["name"] for r in descriptor()["resources"]]
    assert code == 0 and tables(out) == names
    monkeypatch.chdir(FIXTURE)
    code, here, _ = run(capsys, "show", ".")
    assert code == 0 and here.splitlines()[1:] == out.splitlines()[1:]
    code, out, _ = run(capsys, "show", "sources")  # a name, in a package folder: the resource
    assert code == 0 and tables(out) == ["sources"]


def test_show_columns_picks_them_beside_the_keys(capsys):
    code, out, _ = run(capsys, "show", "fighters_by_origin", "--source", str(FIXTURE), "--columns", "returned,departed")
    assert code == 0 and table_header(out, "fighters-by-origin") == [
        *keys("fighters-by-origin"),
        "returned",
        "departed",
    ]
    code, spaced, _ = run(
        capsys, "show", "fighters-by-origin", "--source", str(FIXTURE), "--columns", "returned", "departed"
    )
    assert spaced == out


def test_show_columns_over_every_resource_skips_those_without_them(capsys):
    code, out, _ = run(capsys, "show", str(FIXTURE), "--columns", "quote")
    having = [r["name"] for r in descriptor()["resources"] if "quote" in [f["name"] for f in r["schema"]["fields"]]]
    assert code == 0 and tables(out) == having
    for name in having:
        assert table_header(out, name) == [*keys(name), "quote"]


def test_an_unknown_column_is_refused_naming_the_known_ones(capsys):
    code, out, err = run(capsys, "show", "sources", "--source", str(FIXTURE), "--columns", "titel")
    fields = [f["name"] for f in schema("sources")["fields"]]
    assert (code, out) == (2, "")
    assert (
        err
        == f"foreign-fighters: error: no column 'titel' in 'sources' (did you mean 'title'?); it has: {', '.join(fields)}\n"
    )
    code, _, err = run(capsys, "show", "sources", "--source", str(FIXTURE), "--columns", ",")
    assert code == 2 and err == "foreign-fighters: error: --columns: name at least one column\n"


def test_key_columns_are_kept_at_a_narrow_width(capsys, monkeypatch):
    name = "figures-by-source"
    monkeypatch.setenv("COLUMNS", "40")
    code, out, _ = run(capsys, "show", name, "--source", str(FIXTURE))
    assert code == 0 and table_header(out, name) == keys(name)  # wider than 40 together, and still all there
    others = [f["name"] for f in schema(name)["fields"] if f["name"] not in keys(name)]
    left_out = [
        column
        for line in out.splitlines()
        if line.startswith("(not shown, ")
        for column in line.split(": ", 1)[1].split("; ")[0].rstrip(")").split(", ")
    ]
    assert sorted(left_out) == sorted(others)
    assert "(not shown, to fit 40 columns: " in out
    monkeypatch.delenv("COLUMNS")
    code, wide, _ = run(capsys, "show", name, "--source", str(FIXTURE))
    assert len(table_header(wide, name)) > len(keys(name))  # into a pipe: no width to fit


def test_a_key_column_is_shown_however_wide_its_values(capsys, pkg: PackageCopy):
    """Which columns are keys comes from the schema: make a long text column part of the key."""
    name = "headline-figures"
    code, out, _ = run(capsys, "show", name, "--source", str(pkg.folder))
    assert "quote" not in table_header(out, name) and "too wide: " in out and "quote" in out.split("too wide: ")[-1]
    pkg.edit_descriptor(lambda d: d["resources"][3]["schema"].update(primaryKey=["measure", "quote"]))
    code, out, _ = run(capsys, "show", name, "--source", str(pkg.folder))
    assert code == 0 and "quote" in table_header(out, name)


def test_chosen_columns_are_cut_to_fit_and_keys_are_not(capsys, monkeypatch):
    name = "sources"
    monkeypatch.setenv("COLUMNS", "70")
    code, out, _ = run(capsys, "show", name, "--source", str(FIXTURE), "--columns", "url")
    lines = out.splitlines()
    table = lines[lines.index(next(x for x in lines if x.startswith(f"{name} ("))) + 1 :]
    assert code == 0 and table_header(out, name) == [*keys(name), "url"]
    assert any(line.endswith("…") for line in table) and max(len(line) for line in table) <= 70
    frame = ff.load(name, source=FIXTURE)
    shown = {line.split()[0] for line in table[1:]}
    assert shown == set(frame["source"])  # the key's values whole


def test_a_table_without_rows_shows_its_header(capsys, pkg: PackageCopy):
    pkg.write_rows(HEADLINE, pkg.rows(HEADLINE)[:1])
    code, out, _ = run(capsys, "show", "headline-figures", "--source", str(pkg.folder))
    assert code == 0 and out.splitlines()[-2:] == ["headline-figures (0 rows)", " ".join(pkg.rows(HEADLINE)[0])]


# ---- names: _ for -, and did you mean ---------------------------------------------------------------
def test_underscores_name_the_resource_in_load_and_show(capsys):
    assert ff.load("figures_by_source", source=FIXTURE).equals(ff.load("figures-by-source", source=FIXTURE))
    code, out, _ = run(capsys, "show", "headline_figures", "--source", str(FIXTURE))
    assert code == 0 and tables(out) == ["headline-figures"]


def test_a_misspelt_resource_gets_a_did_you_mean(capsys):
    names = ", ".join(r["name"] for r in descriptor()["resources"])
    with pytest.raises(KeyError) as exc:
        ff.load("fighters_by_orign", source=FIXTURE)
    assert exc.value.args[0] == (
        f"no resource 'fighters_by_orign' in {FIXTURE / 'datapackage.json'} (did you mean 'fighters-by-origin'?); "
        f"it has: {names}"
    )
    code, out, err = run(capsys, "show", "fighters_by_orign", "--source", str(FIXTURE))
    assert (code, out) == (2, "") and err == f"foreign-fighters: error: {exc.value.args[0]}\n"
    with pytest.raises(KeyError) as exc:
        ff.load("nothing-like-it", source=FIXTURE)
    assert "did you mean" not in exc.value.args[0] and exc.value.args[0].endswith(f"; it has: {names}")


# ---- diff: exit 1 on a failing verdict, with or without --check ---------------------------------------
@pytest.fixture
def base(tmp_path_factory) -> PackageCopy:
    return PackageCopy(tmp_path_factory.mktemp("base"))


FRANCE = {"origin": "France", "measure": "departed", "source": "fightingfortrump-2017-10"}


@pytest.mark.parametrize("check", [[], ["--check"]], ids=["plain", "check"])
def test_diff_exits_1_on_a_failing_verdict(capsys, base, pkg, check):
    pkg.set_where(EVIDENCE, FRANCE, "value", "1901")  # a figure without its quote, and no bump
    code, out, _ = run(capsys, "diff", str(base.folder), str(pkg.folder), *check)
    assert code == 1 and out.splitlines()[-1].startswith("FAIL ")
    code, out, _ = run(capsys, "diff", str(base.folder), str(pkg.folder), "--format", "json", *check)
    assert code == 1 and json.loads(out)["ok"] is False


@pytest.mark.parametrize("check", [[], ["--check"]], ids=["plain", "check"])
def test_diff_exits_0_when_every_verdict_passes(capsys, base, pkg, check):
    pkg.set_figure("Tunisia", "departed", "2920", "Tunisia – 2,920 left – 800 returned")
    pkg.bump("1.0.1")
    code, out, _ = run(capsys, "diff", str(base.folder), str(pkg.folder), *check)
    assert code == 0 and "FAIL" not in out and out.splitlines()[-1].startswith("ok ")


def test_diff_help_says_when_it_exits_1(capsys):
    with pytest.raises(SystemExit):
        main(["diff", "--help"])
    flat = " ".join(capsys.readouterr().out.split())
    assert "Exit 1 when a verdict fails" in flat and "0 when they all pass, 2 when a side cannot be read." in flat


# ---- diff: a git revision outside a git checkout --------------------------------------------------------
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@needs_git
def test_a_revision_outside_a_checkout_is_named_as_such(capsys, tmp_path, monkeypatch, pkg):
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # whatever holds the temporary folder
    monkeypatch.chdir(outside)
    code, out, err = run(capsys, "diff", "main", str(pkg.folder))
    assert (code, out) == (2, "")
    assert err == (
        "foreign-fighters: error: not inside a git checkout: 'main' is neither a package path (no such file or "
        "folder) nor a git revision; run this inside the repository, or give two package folders\n"
    )
    code, _, err = run(capsys, "diff", str(pkg.folder), str(outside / "nope"))  # plainly a path: said so
    assert code == 2 and err == f"foreign-fighters: error: {outside / 'nope'}: no such file or folder\n"


@needs_git
def test_a_misspelt_revision_inside_a_checkout(capsys, pkg, monkeypatch):
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=pkg.folder, check=True)
    monkeypatch.chdir(pkg.folder)
    code, _, err = run(capsys, "diff", "mian", ".")
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True).stdout.strip()
    assert code == 2 and err == (
        f"foreign-fighters: error: 'mian' is neither a package path (no such file or folder) nor a revision of the "
        f"git checkout {top}\n"
    )


@needs_git
def test_the_installed_command_outside_a_checkout(tmp_path):
    exe = Path(sys.executable).parent / "foreign-fighters"
    env = {"PATH": "/usr/bin:/bin", "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    done = subprocess.run([str(exe), "diff", "main", "."], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(
        "foreign-fighters: error: not inside a git checkout: 'main' is neither a package path"
    )
