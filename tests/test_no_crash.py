"""Whatever the input, every command ends in a clear answer with a documented exit code, and
``load()`` / ``corroboration()`` in a documented exception: header-only tables, numbers of
thousands of digits, fields retyped in the descriptor."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from conftest import EVIDENCE, FIXTURE, HEADLINE, ORIGINS, SOURCES, PackageCopy

import foreign_fighters as ff
from foreign_fighters.cli import main

RESOURCES = ("fighters-by-origin", "figures-by-source", "sources", "headline-figures")


def _header_only(*paths: str) -> Callable[[PackageCopy], None]:
    def change(pkg: PackageCopy) -> None:
        for path in paths:
            pkg.write_rows(path, pkg.rows(path)[:1])

    return change


def _retype(resource: int, field: int, kind: str) -> Callable[[PackageCopy], None]:
    return lambda pkg: pkg.edit_descriptor(
        lambda d: d["resources"][resource]["schema"]["fields"][field].update(type=kind)
    )


INPUTS: dict[str, Callable[[PackageCopy], None]] = {
    "fighters-by-origin header only": _header_only(ORIGINS),
    "figures-by-source header only": _header_only(EVIDENCE),
    "every table header only": _header_only(ORIGINS, EVIDENCE, SOURCES, HEADLINE),
    "an integer of 5,000 digits": lambda pkg: pkg.set(ORIGINS, "France", "departed", "9" * 5000),
    "a number of 400 digits": lambda pkg: pkg.set(HEADLINE, "returnees", "value", "9" * 400),
    "a percentage of 401 digits": lambda pkg: pkg.set(ORIGINS, "European Union", "returned_percent", "1" + "0" * 400),
    "departed retyped as string": _retype(0, 4, "string"),
    "value retyped as integer": _retype(3, 1, "integer"),
    "preferred retyped as string": _retype(2, 7, "string"),
}


@pytest.mark.parametrize("change", INPUTS.values(), ids=INPUTS)
def test_every_command_answers_and_load_raises_what_it_documents(
    pkg: PackageCopy, capsys: pytest.CaptureFixture[str], change: Callable[[PackageCopy], None]
) -> None:
    change(pkg)
    for argv, codes in ((["validate"], {1}), (["show"], {0, 2}), (["diff", str(pkg.folder)], {0, 1, 2})):
        code = main([*argv, str(pkg.folder)])
        out, err = capsys.readouterr()
        assert code in codes, (argv, out[-300:], err)
        assert "Traceback" not in out + err and "cannot read" not in err, (argv, err)
        if code == 2:
            assert err.startswith("foreign-fighters: error: ") and err.count("\n") == 1
    report = ff.validate(pkg.folder)
    assert not report.valid
    assert not any("could not run" in i.message for i in report.issues), [i.message for i in report.issues]
    for name in RESOURCES:
        try:
            ff.load(name, source=pkg.folder)
        except ff.SourceError as exc:
            assert "line" in str(exc) or "contract" in str(exc) or "schema" in str(exc), str(exc)
    with contextlib.suppress(ff.SourceError):
        ff.corroboration(source=pkg.folder)


def test_a_too_large_integer_is_a_type_error_on_its_line(pkg: PackageCopy) -> None:
    line = pkg.set(ORIGINS, "France", "departed", "9" * 5000)
    errors = [(i.rule, i.line, i.field) for i in ff.validate(pkg.folder).errors if i.rule == "type-error"]
    assert errors == [("type-error", line, "departed")]
    with pytest.raises(ff.SourceError, match="too large"):
        ff.load(source=pkg.folder)


@pytest.mark.parametrize("digits", ["9223372036854775807", "9223372036854775808", "1" + "0" * 19])
def test_the_64_bit_limit_is_exact(pkg: PackageCopy, digits: str) -> None:
    line = pkg.set(ORIGINS, "France", "departed", digits)
    too_big = int(digits) > 2**63 - 1
    found = [(i.line, i.field) for i in ff.validate(pkg.folder).errors if i.rule == "type-error"]
    assert found == ([(line, "departed")] if too_big else [])


@pytest.mark.parametrize("path", [SOURCES, EVIDENCE])
@pytest.mark.parametrize(
    "corrupt", [b"\xef\xbb\xbf".__add__, lambda data: data.replace(b"e", b"\xe9", 1)], ids=["bom", "latin-1"]
)
def test_an_unreadable_file_is_one_error_and_no_rule_reads_it_as_empty(
    pkg: PackageCopy, capsys: pytest.CaptureFixture[str], path: str, corrupt: Callable[[bytes], bytes]
) -> None:
    target = pkg.folder / path
    target.write_bytes(corrupt(target.read_bytes()))
    pkg.refresh()
    report = ff.validate(pkg.folder)
    assert [(i.rule, i.path) for i in report.issues] == [("encoding-utf-8", path)]
    assert main(["diff", str(FIXTURE), str(pkg.folder)]) == 2  # not every row "removed"
    _, err = capsys.readouterr()
    assert err.startswith(f"foreign-fighters: error: {path}: ") and "validate" in err
