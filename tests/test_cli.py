"""The command line: exit codes 0/1/2, each format, no traceback for bad input, inputs untouched."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ORIGINS, PackageCopy

from foreign_fighters.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def broken(pkg: PackageCopy) -> PackageCopy:
    pkg.set(ORIGINS, "Britain", "returned", "900")
    return pkg


def test_valid_package_exits_0(capsys):
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert "VALID: 0 errors, 0 warnings" in out


def test_broken_rule_exits_1_naming_file_line_field_rule(capsys, broken: PackageCopy):
    code, out, _ = run(capsys, "validate", str(broken.folder))
    assert code == 1
    assert "INVALID" in out and ORIGINS in out
    assert "line 5  returned  [returned-le-departed]" in out
    assert max(len(line) for line in out.splitlines()[1:-1]) <= 80  # all but the source path and the verdict


def test_json_format(capsys, broken: PackageCopy):
    code, out, _ = run(capsys, "validate", str(broken.folder), "--format", "json")
    doc = json.loads(out)
    assert code == 1 and doc["exit_code"] == 1 and doc["valid"] is False
    assert set(doc) == {"format_version", "source", "valid", "strict", "exit_code", "errors", "warnings"}
    first = doc["errors"][0]
    assert set(first) == {"rule", "message", "severity", "resource", "path", "line", "field"}
    assert (ORIGINS, 5, "returned") in [(e["path"], e["line"], e["field"]) for e in doc["errors"]]


def test_github_format_annotates_and_appends_the_summary(capsys, broken: PackageCopy, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(broken.folder)
    code, out, _ = run(capsys, "validate", ".", "--format", "github")
    assert code == 1
    assert "::error file=data/fighters-by-origin.csv,line=5,title=returned-le-departed::returned: returned 900" in out
    text = summary.read_text()
    assert text.startswith("earlier step\n") and "| error | data/fighters-by-origin.csv | 5 | returned |" in text


def test_warnings_pass_unless_strict(capsys, pkg: PackageCopy):
    pkg.add_translation_warning()
    code, out, _ = run(capsys, "validate", str(pkg.folder))
    assert code == 0 and "VALID: 0 errors, 1 warning" in out and "[qualifier-agrees-in-translation]" in out
    code, out, _ = run(capsys, "validate", str(pkg.folder), "--strict", "--format", "github")
    assert code == 1 and "::error " in out


def test_show_prints_the_data(capsys, pkg: PackageCopy):
    code, out, _ = run(capsys, "show", str(pkg.folder))
    assert code == 0
    assert "Uzbekistan" in out and "women_and_children_affiliated" in out


def _json_array(d: Path) -> Path:
    (d / "datapackage.json").write_text("[]")
    return d


def _broken_json(d: Path) -> Path:
    (d / "datapackage.json").write_text('{"resources": [')
    return d


def _escaping(d: Path) -> Path:
    (d / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "fighters-by-origin", "path": "../../etc/passwd"}]})
    )
    return d


def _missing_data(d: Path) -> Path:
    (d / "datapackage.json").write_text(
        json.dumps(
            {"resources": [{"name": "fighters-by-origin", "path": "data/x.csv", "schema": {"fields": [{"name": "a"}]}}]}
        )
    )
    return d


def _zip(d: Path) -> Path:
    (d / "p.zip").write_bytes(b"PK\x03\x04")
    return d / "p.zip"


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda d: d / "missing", "no such file"),
        (lambda d: d, "has no datapackage.json"),
        (_broken_json, "not valid JSON"),
        (_json_array, "must be a JSON object"),
        (_escaping, "unsafe"),
        (_missing_data, "data/x.csv: no such file"),
        (_zip, "not a readable zip archive"),
        (lambda d: "http://127.0.0.1:9/datapackage.json", "unreachable"),
        (lambda d: "ftp://127.0.0.1/datapackage.json", "only http and https"),
    ],
    ids=["missing", "no-descriptor", "broken-json", "json-array", "escaping-path", "missing-data", "zip", "url", "ftp"],
)
@pytest.mark.parametrize("command", ["validate", "show"])
def test_unreadable_input_exits_2_with_one_line(capsys, tmp_path, make, match, command):
    source = str(make(tmp_path))
    before = digest(tmp_path)
    code, out, err = run(capsys, command, source)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("foreign-fighters: error: ") and match in err
    assert "Traceback" not in out + err
    assert digest(tmp_path) == before


def test_validation_never_writes_to_the_inputs(capsys, broken: PackageCopy):
    before = digest(broken.folder)
    run(capsys, "validate", str(broken.folder), "--format", "json")
    assert digest(broken.folder) == before


@pytest.mark.parametrize(
    "argv", [["-m", "foreign_fighters"], ["-c", "from foreign_fighters.cli import main; raise SystemExit(main())"]]
)
def test_entry_points_run(argv):
    done = subprocess.run([sys.executable, *argv, "validate", "--format", "json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["valid"] is True


def test_bad_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["validate", "--format", "xml"])
    assert info.value.code == 2


def test_validate_without_source_checks_the_current_folders_package(capsys, broken: PackageCopy, monkeypatch):
    monkeypatch.chdir(broken.folder)
    code, out, _ = run(capsys, "validate")
    assert code == 1
    assert out.splitlines()[0] == f"Data package: {broken.folder.resolve() / 'datapackage.json'}"


def test_validate_elsewhere_checks_the_installed_copy_and_names_it(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "validate")
    named = Path(out.splitlines()[0].removeprefix("Data package: "))
    assert code == 0 and named.is_absolute() and named.name == "datapackage.json" and named.is_file()


def test_show_blanks_for_missing_values_and_integers_as_integers(capsys, pkg: PackageCopy):
    code, out, _ = run(capsys, "show", str(pkg.folder))
    assert code == 0
    assert "<NA>" not in out and "nan" not in out.lower().split()
    line = next(row for row in out.splitlines() if row.strip().startswith("United States"))
    assert " 129 " in line and "129.0" not in line
    # the fixture's headline values are whole numbers: shown without a decimal part
    assert any(row.split()[:2] == ["foreign_fighters", "40000"] for row in out.splitlines())


def test_show_into_a_closed_pipe_ends_quietly():
    cmd = f"{sys.executable} -m foreign_fighters show | head -1"
    done = subprocess.run(["bash", "-c", "set -o pipefail; " + cmd], capture_output=True, text=True)
    assert done.stdout.startswith("Data package: ") and done.stderr == ""


def test_help_has_no_raw_markup():
    done = subprocess.run([sys.executable, "-m", "foreign_fighters", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "``" not in done.stdout and "`" not in done.stdout
    assert "SOURCE" in done.stdout and "Exit codes" in done.stdout


def test_validate_without_the_extra_says_how_to_install_it(monkeypatch):
    import importlib.util

    import foreign_fighters as ff

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pandera" else real(name, *a))
    with pytest.raises(ImportError, match=r"pip install 'foreign-fighters\[validate\]'"):
        ff.validate()


def test_the_public_api_is_listed():
    import foreign_fighters as ff

    assert {"load", "summable", "validate", "Report", "Issue", "IntegrityError", "SourceError"} <= set(dir(ff))
    for kind in ("folder", "datapackage.json", ".zip", "URL"):
        assert kind in ff.load.__doc__ and kind in ff.validate.__doc__, kind


@pytest.mark.parametrize("args", [["validate"], ["validate", "--format", "json"], ["show"]])
def test_the_command_exits_fast_with_its_output_whole_and_no_process_left(tmp_path, args, pkg: PackageCopy):
    """The installed command skips the interpreter's teardown (see cli.run): its output must still be
    complete, its exit code right, stderr quiet and no process left behind."""

    def workers() -> int:
        return subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout.count("spawn_main")

    exe = Path(sys.executable).parent / "foreign-fighters"
    before = workers()
    env = dict(os.environ)
    for folder, code in ((pkg.folder, 0), (tmp_path / "no-such-folder", 2)):
        done = subprocess.run([str(exe), *args, str(folder)], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == code, done.stderr
        if code == 0:
            assert done.stderr == ""
            assert done.stdout.endswith("\n") and (
                args[0] == "show" or "VALID" in done.stdout or '"valid": true' in done.stdout
            )
            if "json" in args:
                json.loads(done.stdout)
        else:
            assert done.stderr.startswith("foreign-fighters: error: ") and done.stderr.count("\n") == 1
    assert workers() <= before  # nothing left running
