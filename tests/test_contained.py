"""A rule that raises is contained, whatever its kind: one error that names it ("could not run"),
and every other rule still runs, so `validate` exits 1 and never 2."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import HEADLINE, ORIGINS, PackageCopy

from foreign_fighters import keys
from foreign_fighters.cli import main
from foreign_fighters.rules import RULES, all_rules
from foreign_fighters.validation import validate

# One rule of each kind (and the contract, whose failure otherwise stops every other rule).
BROKEN = [
    ("descriptor", "version-semver"),
    ("descriptor", "contract"),
    ("descriptor", "descriptor-schema"),
    ("field", "foreign-key"),
    ("rows", "iso3-unique"),
    ("rows", "quote-agrees"),  # reads two tables: still one error
    ("cells", "no-formula-prefix"),  # every CSV: still one error
    ("table", "table-not-empty"),  # every CSV: still one error
    ("table", "one-preferred-source"),
]


def _break(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The rule's own code (its check, or a key rule's check in keys.CHECKS) raises."""

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("planted failure")

    rule = all_rules()[name]
    if rule.kind == "field":
        monkeypatch.setitem(keys.CHECKS, name, boom)
        return
    broken = dataclasses.replace(rule, check=boom)
    monkeypatch.setitem(RULES, name, broken)
    monkeypatch.setitem(all_rules(), name, broken)


def _plant(pkg: PackageCopy) -> None:
    """Another rule's error (no-surrounding-whitespace), and a broken foreign key."""
    pkg.set(HEADLINE, "foreign_fighters", "description", "Foreign fighters. ", refresh=False)
    pkg.set(HEADLINE, "origin_countries", "source", "no-such-source")


@pytest.mark.parametrize(("kind", "name"), BROKEN)
def test_a_rule_that_raises_is_one_error_and_the_others_still_run(
    pkg: PackageCopy, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], kind: str, name: str
) -> None:
    assert all_rules()[name].kind == kind
    _plant(pkg)
    _break(monkeypatch, name)
    report = validate(pkg.folder)
    crashed = [i for i in report.errors if "could not run" in i.message]
    assert len(crashed) == 1, crashed
    (issue,) = crashed
    assert issue.rule == "rules-applicable" and issue.severity == "error"
    assert issue.message == f"{name} could not run: RuntimeError: planted failure"
    assert any(i.rule == "no-surrounding-whitespace" and i.path == HEADLINE for i in report.issues)
    assert not report.valid and report.exit_code() == 1

    capsys.readouterr()
    assert main(["validate", str(pkg.folder)]) == 1
    out, err = capsys.readouterr()
    assert err == "" and f"{name} could not run: RuntimeError: planted failure" in out
    assert "no-surrounding-whitespace" in out


def test_the_planted_errors_are_found_when_nothing_raises(pkg: PackageCopy) -> None:
    _plant(pkg)
    report = validate(pkg.folder)
    rules = {i.rule for i in report.errors}
    assert {"no-surrounding-whitespace", "foreign-key"} <= rules
    assert not any("could not run" in i.message for i in report.issues)


def test_a_reader_that_raises_is_one_error_and_the_other_files_are_still_checked(
    pkg: PackageCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foreign_fighters import reader

    real = reader.typed

    def typed(table, nullable=False):  # type: ignore[no-untyped-def]
        if table.resource == "headline-figures":
            raise RuntimeError("planted failure")
        return real(table, nullable)

    monkeypatch.setattr(reader, "typed", typed)
    pkg.set(ORIGINS, "France", "notes", " padded")
    report = validate(pkg.folder)
    crashed = [i for i in report.errors if "could not run" in i.message]
    assert [(i.rule, i.path, i.message) for i in crashed] == [
        ("rules-applicable", HEADLINE, "the field rules could not run: RuntimeError: planted failure")
    ]
    assert any(i.rule == "no-surrounding-whitespace" and i.path == ORIGINS for i in report.errors)
    assert report.exit_code() == 1
