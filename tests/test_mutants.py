"""Behaviour that `make mutation` showed no other test pinned down: exact messages, line numbers,
boundaries and the readers' corner cases. Each test builds its own small input, or edits a copy of
the frozen fixture package, so a correct change to the real data never turns it red."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import subprocess
import threading
import zipfile
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from conftest import HEADLINE, ORIGINS, PackageCopy

import foreign_fighters as ff
from foreign_fighters import diff as ffdiff
from foreign_fighters import dtypes, formats, limits, package, reader, rules
from foreign_fighters.cli import main
from foreign_fighters.diff import Bump, Diff, ResourceDiff, RowChange, compare
from foreign_fighters.errors import SourceError
from foreign_fighters.package import Contents, open_package
from foreign_fighters.report import Issue, Report
from foreign_fighters.revisions import checkout
from foreign_fighters.rules import fields as field_rules
from foreign_fighters.rules import figures
from foreign_fighters.sources.http import HttpSource, download
from foreign_fighters.sources.zipped import MAX_ENTRIES, ZipSource


def res(fields: list[dict], name: str = "t", **extra) -> dict:
    """A resource with an inline schema: fields given as dicts (type string unless said)."""
    return {"name": name, "path": f"data/{name}.csv", "schema": {"fields": fields, **extra}}


def strings(*names: str) -> list[dict]:
    return [{"name": n, "type": "string"} for n in names]


def problems(table: reader.Table) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.rule, p.line, p.field, p.message) for p in table.problems]


# ---- reader: the header -------------------------------------------------------------------------
def test_header_problems_name_each_column_by_position():
    table = reader.read(Contents.of(res(strings("a", "b", "c")), "t.csv", b"a,x\n1,2\n"))
    assert problems(table) == [
        ("incorrect-label", 1, "b", "column 2 is 'x', the schema says 'b'"),
        ("missing-label", 1, "c", "the header has no column 'c'"),
        ("missing-cell", 2, None, "the row has too few cells (2; the schema has 3)"),
    ]


def test_extra_header_columns_are_counted_from_one():
    table = reader.read(Contents.of(res(strings("a", "b")), "t.csv", b"a,b,y,z\n1,2,3,4\n"))
    assert problems(table) == [
        ("extra-label", 1, "y", "column 3 ('y') is not in the schema"),
        ("extra-label", 1, "z", "column 4 ('z') is not in the schema"),
        ("extra-cell", 2, None, "the row has too many cells (4; the schema has 2)"),
    ]


def test_wrong_and_extra_header_columns_are_both_reported():
    table = reader.read(Contents.of(res(strings("a", "b")), "t.csv", b"x,b,y\n1,2,3\n"))
    assert [(rule, field) for rule, _, field, _ in problems(table)] == [
        ("incorrect-label", "a"),
        ("extra-label", "y"),
        ("extra-cell", None),
    ]


# ---- reader: encoding ---------------------------------------------------------------------------
def test_invalid_utf8_names_its_line_and_offset():
    data = b"a,b\n1,2\n3,\xff\n"
    table = reader.read(Contents.of(res(strings("a", "b")), "t.csv", data))
    assert problems(table) == [("encoding-utf-8", 3, None, "not UTF-8: invalid byte at offset 10")]
    assert list(table.cells.columns) == ["a", "b"] and table.cells.empty
    assert (table.resource, table.path) == ("t", "t.csv")  # the report names where it was


def test_byte_order_mark_is_refused_on_line_one():
    table = reader.read(Contents.of(res(strings("a")), "t.csv", b"\xef\xbb\xbfa\n1\n"))
    assert [(rule, line) for rule, line, _, _ in problems(table)] == [("encoding-utf-8", 1)]
    assert "byte order mark" in table.problems[0].message


# ---- reader: typed cells ---------------------------------------------------------------------------
def typed(data: bytes, fields: list[dict]) -> tuple[pd.DataFrame, list[tuple[str, int | None, str | None, str]]]:
    frame, found = reader.typed(reader.read(Contents.of(res(fields), "t.csv", data)), nullable=True)
    return frame, [(p.rule, p.line, p.field, p.message) for p in found]


def test_an_integer_beyond_64_bits_is_a_type_error_of_its_field():
    frame, found = typed(b"n\n9223372036854775807\n9223372036854775808\n", [{"name": "n", "type": "integer"}])
    big = "'9223372036854775808' is too large: integers must fit in 64 bits"
    assert found == [("type-error", 3, "n", big)]
    assert frame["n"].iloc[0] == 2**63 - 1 and pd.isna(frame["n"].iloc[1])


def test_a_long_bad_value_is_shown_cut_to_sixty_characters():
    _, found = typed(b"n\n" + b"x" * 70 + b"\n", [{"name": "n", "type": "integer"}])
    assert found[0][3].startswith(repr("x" * 57 + "...") + " is not")


def test_declared_true_and_false_values_replace_the_defaults():
    fields = [{"name": "b", "type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]}]
    frame, found = typed(b"b\nyes\nno\ntrue\n", fields)
    assert frame["b"].iloc[:2].tolist() == [True, False] and pd.isna(frame["b"].iloc[2])
    assert [(rule, line, field) for rule, line, field, _ in found] == [("type-error", 4, "b")]
    assert "(yes, no)" in found[0][3]


def test_text_length_constraints_are_enforced():
    fields = [{"name": "s", "constraints": {"minLength": 2, "maxLength": 3}}]
    _, found = typed(b"s\nab\na\nabcd\n", fields)
    assert found == [
        ("constraint-error", 3, "s", "'a' is shorter than 2 characters"),
        ("constraint-error", 4, "s", "'abcd' is longer than 3 characters"),
    ]


def test_the_byte_count_and_a_long_declared_hash_are_reported_by_rule():
    data = b"a\n1\n"
    assert package.integrity_problems(data, {"bytes": 1}) == {"byte-count": "bytes mismatch: expected 1, actual 4"}
    found = package.integrity_problems(data, {"hash": "sha256:" + "f" * 200})
    assert found == {"hash-count": f"sha256 mismatch: expected {'f' * 128}, actual {hashlib.sha256(data).hexdigest()}"}


def test_dialect_keys_at_their_defaults_are_accepted_others_refused():
    declared = {"delimiter": ";", "header": True, "doubleQuote": True, "lineTerminator": "\r\n"}
    assert package.csv_dialect({"name": "t", "dialect": declared}) == (";", '"')
    for key, value in (("header", False), ("doubleQuote", False), ("skipInitialSpace", True)):
        with pytest.raises(SourceError, match=f"dialect {key}={value!r} is not supported"):
            package.csv_dialect({"name": "t", "dialect": {key: value}})


def test_a_bare_hash_is_md5_as_the_standard_says():
    data = b"a\n1\n"
    assert package.integrity_problems(data, {"hash": hashlib.md5(data).hexdigest()}) == {}
    assert package.integrity_problems(data, {"hash": "0" * 32}) == {
        "hash-count": f"md5 mismatch: expected {'0' * 32}, actual {hashlib.md5(data).hexdigest()}"
    }


def test_a_schema_the_reader_cannot_use_is_named_by_path_and_resource():
    with pytest.raises(SourceError, match=r"^data/t.csv: resource 't' has no usable table schema$"):
        reader.read(Contents.of({"name": "t", "schema": {"fields": []}}, "data/t.csv", b"a\n"))


def test_a_numeric_enum_and_maximum_are_enforced():
    fields = [{"name": "n", "type": "integer", "constraints": {"enum": [1, 2], "maximum": 2}}]
    _, found = typed(b"n\n1\n3\n", fields)
    assert sorted(found) == [
        ("constraint-error", 3, "n", "'3' is above the maximum 2"),
        ("constraint-error", 3, "n", "'3' is not one of [1, 2]"),
    ]


# ---- reader: the exact path (CR line ends, line breaks in cells) --------------------------------
def test_crlf_file_with_a_line_break_in_a_cell_keeps_lines_and_text():
    data = b'a,b\r\n1,"two\r\nlines"\r\n3,4\r\n'
    table = reader.read(Contents.of(res(strings("a", "b")), "t.csv", data))
    assert table.problems == []
    assert table.cells["b"].tolist() == ["two\r\nlines", "4"]
    assert [table.line(row) for row in table.cells.index] == [2, 4]


def test_cr_only_file_counts_each_cr_as_a_line():
    # Old Mac line ends: without universal newlines the whole file would be line 1.
    data = b'a,b\r1,"two\rlines"\r3,4\r'
    table = reader.read(Contents.of(res(strings("a", "b")), "t.csv", data))
    assert table.cells["b"].tolist() == ["two\rlines", "4"]
    assert [table.line(row) for row in table.cells.index] == [2, 4]
    assert (table.resource, table.path) == ("t", "t.csv")


def test_exact_path_reads_the_declared_delimiter_and_quote():
    data = b"a;b\r\n'x;y';'p\r\nq'\r\n"
    resource = res(strings("a", "b"))
    resource["dialect"] = {"delimiter": ";", "quoteChar": "'"}
    table = reader.read(Contents.of(resource, "t.csv", data))
    assert table.problems == []
    assert table.cells.loc[2].tolist() == ["x;y", "p\r\nq"]


def test_exact_path_pads_a_short_row_with_empty_cells():
    table = reader.read(Contents.of(res(strings("a", "b", "c")), "t.csv", b"a,b,c\r\n1\r\n1,2,3\r\n"))
    assert problems(table) == [("missing-cell", 2, None, "the row has too few cells (1; the schema has 3)")]
    assert table.cells.loc[2].tolist() == ["1", "", ""]


def test_exact_path_header_only_and_empty_file():
    only_header = reader.read(Contents.of(res(strings("a", "b")), "t.csv", b"a,b\r\n"))
    assert only_header.problems == [] and only_header.cells.empty
    assert list(only_header.cells.columns) == ["a", "b"]
    empty = reader.read(Contents.of(res(strings("a", "b")), "t.csv", b""))
    assert [(rule, field) for rule, _, field, _ in problems(empty)] == [("missing-label", "a"), ("missing-label", "b")]


def test_a_cell_as_long_as_the_whole_file_is_read():
    # 140,000 characters is more than the csv module's default field limit (131,072), which is
    # set here because frictionless lifts it for the whole process when it is imported.
    import csv

    before = csv.field_size_limit(131_072)
    try:
        _read_a_long_cell()
    finally:
        csv.field_size_limit(before)
    assert csv.field_size_limit() == before


def _read_a_long_cell() -> None:
    data = b"a\x00" + b"x" * 140_000  # the NUL sends it down the exact path
    table = reader.read(Contents.of(res(strings("a\x00" + "x" * 140_000)), "t.csv", data))
    assert table.problems == []
    fast = b"a\n" + b"y" * 140_000 + b"\n"
    assert reader.read(Contents.of(res(strings("a")), "t.csv", fast)).cells["a"].tolist() == ["y" * 140_000]


# ---- diff: constraints, schemas, rows -----------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "old", "new", "tighter"),
    [
        ("required", None, True, True),
        ("required", True, False, False),
        ("required", None, False, False),
        ("unique", False, True, True),
        ("unique", True, False, False),
        ("minimum", 0, 1, True),
        ("minimum", 1, 0, False),
        ("minLength", 2, 1, False),
        ("exclusiveMinimum", 1.5, 0.5, False),
        ("maximum", 10, 5, True),
        ("maximum", 5, 10, False),
        ("maxLength", 3, 4, False),
        ("exclusiveMaximum", 3, 9, False),
        ("minimum", 0, "5", True),  # not a number: assumed to reject something
        ("minimum", "1", 2, True),
        ("maximum", 5, "1", True),
        ("maximum", "9", 1, True),
        ("enum", ["a", "b"], ["a"], True),
        ("enum", ["a"], ["a", "b"], False),
        ("enum", None, ["a"], True),
        ("enum", ["a"], None, False),
        ("pattern", None, "^x$", True),
        ("pattern", "^x$", None, False),
    ],
)
def test_each_constraint_change_is_tightened_or_loosened(key, old, new, tighter):
    before = {} if old is None else {key: old}
    after = {} if new is None else {key: new}
    word = "tightened" if tighter else "loosened"
    assert ffdiff._constraint_changes("f", before, after) == [
        (Bump.MAJOR if tighter else Bump.PATCH, f"field 'f': constraint {key} {old!r} -> {new!r} ({word})")
    ]


def test_an_unchanged_constraint_does_not_hide_the_next():
    changes = ffdiff._constraint_changes("f", {"maximum": 9, "minimum": 0}, {"maximum": 9, "minimum": 1})
    assert changes == [(Bump.MAJOR, "field 'f': constraint minimum 0 -> 1 (tightened)")]


def field_res(*fields: dict, **schema) -> dict:
    return {"name": "r", "path": "data/r.csv", "schema": {"fields": list(fields), **schema}}


def test_schema_changes_name_the_field_and_the_bump():
    old = field_res({"name": "a"}, {"name": "b", "type": "integer", "title": "B", "constraints": {"minimum": 0}})
    new = field_res(
        {"name": "a", "type": "string"},  # the default type made explicit: no change
        {"name": "b", "type": "number", "title": "Bee", "format": "default", "constraints": {"minimum": 1}},
        {"name": "c"},
    )
    assert ffdiff._schema_changes(old, new) == [
        (Bump.MINOR, "field 'c' added"),
        (Bump.MAJOR, "field 'b': type integer -> number"),
        (Bump.MAJOR, "field 'b': constraint minimum 0 -> 1 (tightened)"),
        (Bump.PATCH, "field 'b': title changed"),
        (Bump.PATCH, "field 'b': format changed"),
    ]


def test_reordered_fields_and_changed_keys_are_major():
    old = field_res({"name": "a"}, {"name": "b"}, primaryKey=["a"], foreignKeys=[], missingValues=[""])
    new = field_res({"name": "b"}, {"name": "a"}, primaryKey=["a"], foreignKeys=[{"fields": "a"}], missingValues=["-"])
    assert ffdiff._schema_changes(old, new) == [
        (Bump.MAJOR, "fields reordered"),
        (Bump.MAJOR, "foreignKeys changed"),
        (Bump.MAJOR, "missingValues changed"),
    ]


def test_schema_without_usable_fields_counts_as_no_fields():
    old = field_res({"name": "a"}, "not a field", {"type": "string"})
    assert ffdiff._schema_changes(old, {"name": "r", "schema": {"fields": "none"}}) == [
        (Bump.MAJOR, "field 'a' removed or renamed")
    ]
    assert ffdiff._schema_changes({"name": "r"}, old) == [(Bump.MINOR, "field 'a' added")]


@pytest.fixture
def base(tmp_path_factory) -> PackageCopy:
    return PackageCopy(tmp_path_factory.mktemp("base"))


def diff_of(base: PackageCopy, head: PackageCopy):
    return compare(open_package(base.folder), open_package(head.folder), "base", "head")


def test_added_and_removed_resources_and_descriptor_keys(base: PackageCopy, pkg: PackageCopy):
    def change(d: dict) -> None:
        headline = d["resources"].pop(3)
        d["resources"].append(dict(headline, name="headline-copy"))
        d["homepage"] = "https://example.org/"
        del d["version"]

    pkg.edit_descriptor(change)
    d = diff_of(base, pkg)
    assert d.package == [
        (Bump.MINOR, "resource 'headline-copy' added"),
        (Bump.MAJOR, "resource 'headline-figures' removed"),
        (Bump.PATCH, "homepage changed"),
    ]
    assert [r.name for r in d.resources] == [
        "fighters-by-origin",
        "figures-by-source",
        "sources",
        "headline-copy",
        "headline-figures",
    ]
    assert all(r.empty for r in d.resources)
    assert d.head_version == "" and d.made is None and d.needed == Bump.MAJOR


def test_a_new_column_shows_as_changed_from_empty(base: PackageCopy, pkg: PackageCopy):
    rows = pkg.rows(HEADLINE)
    pkg.write_rows(HEADLINE, [[*rows[0], "extra"]] + [[*r, "x"] for r in rows[1:]])
    pkg.edit_descriptor(lambda d: d["resources"][3]["schema"]["fields"].append({"name": "extra"}))
    d = diff_of(base, pkg)
    headline = d.resources[3]
    assert headline.schema == [(Bump.MINOR, "field 'extra' added")]
    assert {c.key: c.fields for c in headline.changed}["returnees"] == {"extra": ("", "x")}
    back = compare(open_package(pkg.folder), open_package(base.folder), "head", "base").resources[3]
    assert {c.key: c.fields for c in back.changed}["returnees"] == {"extra": ("x", "")}


def test_rows_are_keyed_by_the_primary_key_or_the_first_column(base: PackageCopy, pkg: PackageCopy):
    def key(fields):
        def change(d: dict) -> None:
            schema = d["resources"][3]["schema"]
            if fields is None:
                schema.pop("primaryKey", None)
            else:
                schema["primaryKey"] = fields

        return change

    for copy in (base, pkg):
        copy.edit_descriptor(key(["unit", "measure"]))
    pkg.set(HEADLINE, "returnees", "description", "Corrected.")
    assert [c.key for c in diff_of(base, pkg).resources[3].changed] == ["persons / returnees"]
    for copy in (base, pkg):
        copy.edit_descriptor(key(None))
    assert [c.key for c in diff_of(base, pkg).resources[3].changed] == ["returnees"]


def test_a_version_that_is_not_semver_is_no_bump(base: PackageCopy, pkg: PackageCopy):
    pkg.edit_descriptor(lambda d: d.update(version="banana"))
    d = diff_of(base, pkg)
    assert d.made is None and not d.version_ok


# ---- formats: a report and a diff, rendered -------------------------------------------------------

LONG = "returnees is 5, but the summable rows' returned sum to 7 – a lower bound the source gives as a minimum"


def a_report(folder) -> Report:
    return Report(
        "/pkg/datapackage.json",
        where={"data/a,b:c.csv": f"{folder}/data/a,b:c.csv", "datapackage.json": "pkg.zip!/datapackage.json"},
        issues=[
            Issue(
                "qualifier-agrees-in-translation",
                LONG,
                resource="a",
                path="data/a,b:c.csv",
                line=3,
                field="value",
                severity="warning",
            ),
            Issue("type-error", "'x|y' is not 100%: a:b,\nc", resource="a", path="data/a,b:c.csv", line=2, field="n"),
            Issue("licenses-present", "no licenses: name the data's licence", path="datapackage.json"),
            Issue("blank-row", "the row is blank", resource="a", path="data/a,b:c.csv", line=4),
        ],
    )


def test_report_as_text(tmp_path):
    assert formats.to_text(a_report(tmp_path)) == (
        "Data package: /pkg/datapackage.json\n"
        "INVALID: 3 errors, 1 warning\n"
        "\n"
        "data/a,b:c.csv\n"
        "  error  line 2  n  [type-error]\n"
        "      'x|y' is not 100%: a:b, c\n"
        "  warning  line 3  value  [qualifier-agrees-in-translation]\n"
        "      returnees is 5, but the summable rows' returned sum to 7 – a lower bound\n"
        "      the source gives as a minimum\n"
        "  error  line 4  [blank-row]\n"
        "      the row is blank\n"
        "\n"
        "datapackage.json\n"
        "  error  [licenses-present]\n"
        "      no licenses: name the data's licence\n"
    )


def test_report_as_github_annotations(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = a_report(tmp_path)
    lines = [
        "::error file=data/a%2Cb%3Ac.csv,line=2,title=type-error::n: 'x|y' is not 100%25: a:b,%0Ac",
        f"::warning file=data/a%2Cb%3Ac.csv,line=3,title=qualifier-agrees-in-translation::value: {LONG}",
        "::error file=data/a%2Cb%3Ac.csv,line=4,title=blank-row::the row is blank",
        "::error title=licenses-present::no licenses: name the data's licence",  # inside a zip: no file
    ]
    assert formats.to_github(report) == "\n".join([*lines, "INVALID: 3 errors, 1 warning"]) + "\n"
    strict = [lines[0], lines[1].replace("::warning", "::error"), *lines[2:], "INVALID: 3 errors, 1 warning (--strict)"]
    assert formats.to_github(report, strict=True) == "\n".join(strict) + "\n"


def test_github_annotation_escapes_carriage_returns():
    report = Report("x", issues=[Issue("blank-row", "a\r\nb", path="d.csv")])
    assert formats.to_github(report).splitlines()[0] == "::error title=blank-row::a%0D%0Ab"


def test_github_annotation_for_a_file_not_in_where(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = Report("x", where={}, issues=[Issue("blank-row", "the row is blank", path="data/a.csv", line=2)])
    assert (
        formats.to_github(report) == "::error line=2,title=blank-row::the row is blank\nINVALID: 1 error, 0 warnings\n"
    )


def test_report_as_markdown(tmp_path):
    assert formats.to_markdown(a_report(tmp_path)) == (
        "## Data validation\n"
        "\n"
        "**INVALID: 3 errors, 1 warning** for `/pkg/datapackage.json`\n"
        "\n"
        "| | file | line | field | rule | message |\n"
        "|---|---|---|---|---|---|\n"
        "| error | data/a,b:c.csv | 2 | n | `type-error` | 'x\\|y' is not 100%: a:b, c |\n"
        f"| warning | data/a,b:c.csv | 3 | value | `qualifier-agrees-in-translation` | {LONG} |\n"
        "| error | data/a,b:c.csv | 4 |  | `blank-row` | the row is blank |\n"
        "| error | datapackage.json |  |  | `licenses-present` | no licenses: name the data's licence |\n"
    )
    assert formats.to_markdown(Report("p")) == "## Data validation\n\n**VALID: 0 errors, 0 warnings** for `p`\n\n"


def test_report_as_json(tmp_path):
    issue = {"resource": "a", "path": "data/a,b:c.csv"}
    assert json.loads(formats.to_json(a_report(tmp_path))) == {
        "format_version": 1,
        "source": "/pkg/datapackage.json",
        "valid": False,
        "strict": False,
        "exit_code": 1,
        "errors": [
            {"rule": "type-error", "message": "'x|y' is not 100%: a:b,\nc", **issue, "line": 2, "field": "n",
             "severity": "error"},
            {"rule": "blank-row", "message": "the row is blank", **issue, "line": 4, "field": None, "severity": "error"},
            {"rule": "licenses-present", "message": "no licenses: name the data's licence", "resource": None,
             "path": "datapackage.json", "line": None, "field": None, "severity": "error"},
        ],
        "warnings": [
            {"rule": "qualifier-agrees-in-translation", "message": LONG, **issue, "line": 3, "field": "value", "severity": "warning"}
        ],
    }  # fmt: skip
    text = formats.to_json(a_report(tmp_path))
    assert text.startswith('{\n  "format_version": 1,\n  "source"') and text.endswith("\n}\n")
    assert "7 – a lower" in text  # not escaped to \u2013


def test_warnings_alone_pass_unless_strict():
    report = Report(
        "p",
        issues=[
            Issue("qualifier-agrees-in-translation", "low", resource="h", path="h.csv", line=2, severity="warning")
        ],
    )
    assert formats.to_text(report).splitlines()[1] == "VALID: 0 errors, 1 warning"
    assert formats.to_text(report, strict=True).splitlines()[1] == "INVALID: 0 errors, 1 warning (--strict)"
    as_json = json.loads(formats.to_json(report))
    assert (as_json["valid"], as_json["strict"], as_json["exit_code"]) == (True, False, 0)
    assert [w["rule"] for w in as_json["warnings"]] == ["qualifier-agrees-in-translation"] and as_json["errors"] == []
    strict = json.loads(formats.to_json(report, strict=True))
    assert (strict["valid"], strict["strict"], strict["exit_code"]) == (True, True, 1)
    assert formats.to_github(report).startswith("::warning line=2,title=qualifier-agrees-in-translation::low\nVALID")
    assert "**VALID: 0 errors, 1 warning** for `p`" in formats.to_markdown(report)
    assert "**INVALID: 0 errors, 1 warning (--strict)**" in formats.to_markdown(report, strict=True)


def a_diff() -> Diff:
    origins = ResourceDiff(
        "origins",
        "data/origins.csv",
        added={"Belgium": {"origin": "Belgium", "departed": "500", "notes": ""}},
        removed={"Chad": {"origin": "Chad", "departed": "1|2", "notes": "two\nlines"}},
        changed=[RowChange("France", {"departed": ("1910", "1901"), "notes": ("a", "b " * 45)}, ["departed"])],
        schema=[(Bump.MINOR, "field 'extra' added")],
    )
    return Diff("v1", "HEAD", "1.0.0", "1.1.0", [ResourceDiff("headline", "data/headline.csv"), origins],
                [(Bump.PATCH, "title changed")], False)  # fmt: skip


def test_diff_as_text():
    assert formats.diff_to_text(a_diff()) == (
        "Data diff: v1 -> HEAD\n"
        "  package: title changed\n"
        "\n"
        "headline (data/headline.csv): no changes\n"
        "\n"
        "origins (data/origins.csv)\n"
        "  schema: field 'extra' added\n"
        "  + Belgium\n"
        "  - Chad\n"
        "  ~ France\n"
        "      departed: '1910' -> '1901'   <- quote unchanged\n"
        "      notes: 'a' -> 'b b b b b b b b b b b b b b b b b b b b b b b b b b b b b b\n"
        "        b b b b b b b b b b b b b b b '\n"
        "\n"
        "FAIL version 1.0.0 -> 1.1.0 (minor); this change needs a MAJOR bump\n"
        "FAIL CHANGELOG.md has no entry for 1.1.0\n"
        "FAIL origins France: departed changed but its quote did not\n"
    )


def test_diff_as_markdown():
    assert formats.diff_to_markdown(a_diff()) == (
        "## Data diff: `v1` → `HEAD`\n"
        "\n"
        "- ❌ version 1.0.0 -> 1.1.0 (minor); this change needs a MAJOR bump\n"
        "- ❌ CHANGELOG.md has no entry for 1.1.0\n"
        "- ❌ origins France: departed changed but its quote did not\n"
        "- package: title changed\n"
        "\n"
        "### `origins`\n"
        "\n"
        "- schema: field 'extra' added\n"
        "| | row | field | old | new |\n"
        "|---|---|---|---|---|\n"
        "| added | Belgium |  |  | departed=500 |\n"
        "| removed | Chad |  | departed=1\\|2, notes=two lines |  |\n"
        "| changed | France | departed | 1910 | 1901 ⚠ quote unchanged |\n"
        f"| changed | France | notes | a | {'b ' * 45} |\n"
    )
    ok = Diff("a", "b", "1.0.0", "1.0.0", [ResourceDiff("r", "r.csv")], [], None)
    assert formats.diff_to_markdown(ok) == (
        "## Data diff: `a` → `b`\n\n- ✅ version 1.0.0 -> 1.0.0 (unchanged); this change needs no bump\n"
    )


def test_diff_as_json():
    doc = json.loads(formats.diff_to_json(a_diff()))
    assert doc == {
        "format_version": 1, "base": "v1", "head": "HEAD", "base_version": "1.0.0", "head_version": "1.1.0",
        "needed_bump": "major", "made_bump": "minor", "version_ok": False, "changelog_entry": False,
        "changelog_ok": False, "quotes_ok": False, "ok": False,
        "verdicts": [
            {"ok": False, "message": "version 1.0.0 -> 1.1.0 (minor); this change needs a MAJOR bump"},
            {"ok": False, "message": "CHANGELOG.md has no entry for 1.1.0"},
            {"ok": False, "message": "origins France: departed changed but its quote did not"},
        ],
        "package": [{"bump": "patch", "change": "title changed"}],
        "resources": [
            {"name": "headline", "path": "data/headline.csv", "schema": [], "added": [], "removed": [], "changed": []},
            {
                "name": "origins", "path": "data/origins.csv",
                "schema": [{"bump": "minor", "change": "field 'extra' added"}],
                "added": [{"key": "Belgium", "row": {"origin": "Belgium", "departed": "500", "notes": ""}}],
                "removed": [{"key": "Chad", "row": {"origin": "Chad", "departed": "1|2", "notes": "two\nlines"}}],
                "changed": [
                    {
                        "key": "France",
                        "fields": {"departed": {"old": "1910", "new": "1901"}, "notes": {"old": "a", "new": "b " * 45}},
                        "unsourced": ["departed"],
                    }
                ],
            },
        ],
    }  # fmt: skip
    text = formats.diff_to_json(Diff("a", "b", "1.0.0", "x", [], [], None))
    assert text.startswith('{\n  "format_version": 1,\n  "base": "a",') and text.endswith("\n}\n")
    assert json.loads(text)["made_bump"] is None
    assert "→" not in text and "é" in formats.diff_to_json(Diff("é", "b", "1.0.0", "1.0.0", [], [], None))


@pytest.mark.parametrize(
    ("base", "head", "package", "entry", "verdicts"),
    [
        ("1.0.0", "1.0.0", [], True, ["ok   version 1.0.0 -> 1.0.0 (unchanged); this change needs no bump"]),
        ("1.0.0", "1.0.1", [(Bump.PATCH, "x")], None, [
            "ok   version 1.0.0 -> 1.0.1 (patch); this change needs a PATCH bump",
            "FAIL CHANGELOG.md is missing for 1.0.1",
        ]),
        ("1.0.0", "1.1.0", [(Bump.MINOR, "x")], True, [
            "ok   version 1.0.0 -> 1.1.0 (minor); this change needs a MINOR bump",
            "ok   CHANGELOG.md has an entry for 1.1.0",
        ]),
        ("1.0.0", "0.9.0", [(Bump.MAJOR, "x")], None, [
            "FAIL version 1.0.0 -> 0.9.0 (not SemVer, or lower); this change needs a MAJOR bump",
            "FAIL CHANGELOG.md needs an entry for the new version",
        ]),
        ("1.0.0", "1.0.0", [(Bump.PATCH, "x")], True, [
            "FAIL version 1.0.0 -> 1.0.0 (unchanged); this change needs a PATCH bump",
            "FAIL CHANGELOG.md needs an entry for the new version",
        ]),
    ],
)  # fmt: skip
def test_diff_verdicts(base, head, package, entry, verdicts):
    text = formats.diff_to_text(Diff("a", "b", base, head, [], package, entry))
    assert text.split("\n\n")[-1].splitlines() == verdicts


# ---- load(): refusal messages, the registry, small helpers ----------------------------------------


def refusal(problems_: list[reader.Problem]) -> str:
    table = reader.Table("t", "data/t.csv", {"fields": []}, [], pd.DataFrame(), None)
    with pytest.raises(SourceError) as exc:
        reader.refuse(table, problems_)
    return str(exc.value)


def test_refusal_names_line_field_rule_and_how_many_more():
    p = reader.Problem("type-error", "'x' is not an integer", 3, "n")
    tail = "; run 'foreign-fighters validate'"
    assert refusal([p]) == "data/t.csv: line 3, field 'n': 'x' is not an integer [type-error]" + tail
    assert refusal([p, p]).endswith("[type-error] (and 1 more problems)" + tail)
    assert refusal([p, p, p]).endswith("[type-error] (and 2 more problems)" + tail)
    row = reader.Problem("blank-row", "the row is blank", 4)
    assert refusal([row]) == "data/t.csv: line 4: the row is blank [blank-row]" + tail
    assert refusal([reader.Problem("x", "m", None, "f")]).startswith("data/t.csv: field 'f': m [x]")
    table = reader.Table("t", "t.csv", {"fields": []}, [], pd.DataFrame(), None)
    reader.refuse(table, [])  # nothing to refuse


def test_load_refuses_a_bad_cell_naming_the_resource_path(pkg: PackageCopy):
    line = pkg.set(ORIGINS, "France", "departed", "1,910")
    with pytest.raises(SourceError) as exc:
        ff.load(source=pkg.folder)
    assert str(exc.value).startswith(f"{ORIGINS}: line {line}, field 'departed': '1,910' is not an integer")


def test_unknown_resource_lists_the_package_resources(pkg: PackageCopy):
    with pytest.raises(KeyError) as exc:
        ff.load("nope", source=pkg.folder)
    assert exc.value.args[0].endswith("; it has: fighters-by-origin, figures-by-source, sources, headline-figures")


def test_issues_sort_by_file_line_field_then_rule():
    issues = [
        Issue("blank-row", "m", path="B.csv", line=2, field="B"),
        Issue("blank-row", "m", path="B.csv", line=2, field="A"),
        Issue("blank-row", "m", path="B.csv", line=2),
        Issue("blank-row", "m", path="B.csv", line=1, field="a"),
        Issue("extra-cell", "m", path="B.csv", field="c"),
        Issue("blank-row", "m", path="B.csv", field="d"),
        Issue("licenses-present", "m"),
    ]
    order = Report("p", issues=list(issues)).sorted_issues()
    assert order == [issues[6], issues[4], issues[5], issues[3], issues[2], issues[1], issues[0]]


def test_exit_code_is_lenient_unless_strict():
    report = Report("p", issues=[Issue("qualifier-agrees-in-translation", "low", severity="warning")])
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 1


def test_installed_copy_in_a_checkout_is_the_checkouts_package():
    from conftest import ROOT

    from foreign_fighters.package import open_package as open_

    if (Path(ff.__file__).parent / "datapackage.json").is_file():
        pytest.skip("installed from a wheel: the package carries its own copy")
    assert open_().label == str(ROOT / "datapackage.json")


def test_schema_helpers():
    assert dtypes.dtype_name({"type": "string", "constraints": {"enum": ["a"]}}) == "category"
    assert dtypes.dtype_name({"type": "integer", "constraints": {"required": True}}) == "int64"
    assert dtypes.primary_key({"primaryKey": "a"}) == ["a"]
    assert dtypes.primary_key({"primaryKey": ["a", 1, "b"]}) == ["a", "b"]
    assert dtypes.primary_key({"primaryKey": 5}) == [] and dtypes.primary_key({}) == []


def text_frame(value: str) -> pd.DataFrame:
    return pd.DataFrame({"t": pd.Series([value], dtype="string")})


@pytest.mark.parametrize(
    ("value", "shown"),
    [("=" + "x" * 39, repr("=" + "x" * 39)), ("=" + "x" * 40, repr("=" + "x" * 36 + "..."))],
)
def test_formula_message_shortens_long_cells(value, shown):
    df = text_frame(value)
    verdict = rules.get("no-formula-prefix").check(df, {})
    assert not verdict.ok.loc[0, "t"]
    assert verdict.explain(df.loc[0], "t") == ("t", f"{shown} starts with '=': a spreadsheet would run it as a formula")


def test_whitespace_message_quotes_the_cell():
    df = text_frame(" x")
    verdict = rules.get("no-surrounding-whitespace").check(df, {})
    assert verdict.explain(df.loc[0], "t") == ("t", "' x' has leading or trailing whitespace")


def test_cells_rules_judge_each_row_of_a_repeated_value():
    # the text is checked once per distinct value; the verdict is spread back to every row
    df = pd.DataFrame({"t": pd.Series(["=1+1", "ok", None, "=1+1", "ok"], dtype="string"), "n": [1, 2, 3, 4, 5]})
    ok = rules.get("no-formula-prefix").check(df, {}).ok
    assert ok["t"].tolist() == [False, True, True, False, True]
    assert ok["n"].tolist() == [True] * 5 and list(ok.index) == list(df.index)
    empty = df.iloc[:0]
    assert rules.get("no-formula-prefix").check(empty, {}).ok.shape == (0, 2)
    blank = pd.DataFrame({"t": pd.Series([None, None], dtype="string")}, index=[7, 9])
    assert rules.get("no-formula-prefix").check(blank, {}).ok["t"].tolist() == [True, True]


def test_figures_in_messages():
    assert [figures.n(v) for v in (pd.NA, None, 12.5, 25.0, 7)] == ["empty", "empty", "12.5", "25", "7"]


@pytest.fixture
def scratch_rules():
    """Rules a test defines, removed again afterwards."""
    names: list[str] = []
    yield names
    for name in names:
        rules.RULES.pop(name, None)


def test_rules_are_registered_once_with_what_they_declare(scratch_rules):
    with pytest.raises(ValueError, match="rule 'blank-row' is defined twice"):
        rules.define(rules.get("blank-row"))
    scratch_rules += ["test-scratch-rule", "test-scratch-field"]

    def check(df, tables):
        return None

    made = rules.rule("test-scratch-rule", ("a", "b"), "says what", "rows", severity="warning", reads={"x": "integer"})(
        check
    )
    assert made == rules.Rule("test-scratch-rule", ("a", "b"), "says what", "rows", "warning", {"x": "integer"}, check)
    assert rules.RULES["test-scratch-rule"] is made and made.targets == ("a", "b")
    plain = rules.rule("test-scratch-field", "x.csv", "s", "cells")(check)
    assert (plain.severity, plain.reads, plain.targets) == ("error", {}, ("x.csv",))


def test_a_field_rule_is_defined_with_its_summary(scratch_rules):
    scratch_rules.append("test-scratch-note")
    made = field_rules._field("test-scratch-note", "summary")
    assert (made.name, made.applies_to, made.summary, made.kind) == (
        "test-scratch-note",
        "every CSV",
        "summary",
        "field",
    )


# ---- the command line -----------------------------------------------------------------------------
def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out == f"foreign-fighters {ff.__version__}\n"
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    assert out.startswith("usage: foreign-fighters [-h] [--version] {validate,show,diff} ...")
    assert "\nExit codes: 0 valid (diff: nothing to fix); 1 the data breaks a rule (with --strict, draws a\n" in out
    for words in ("check the package against every rule", "print the package's tables",
                  "what a change does to the data, and the version bump it needs"):  # fmt: skip
        assert f" {words} " in f" {flat} "
    source = (
        "package folder, datapackage.json, .zip or http(s) URL (default: ./datapackage.json, else the installed copy)"
    )
    for argv, texts in [
        (["validate", "--help"], ["fail on warnings too", source]),
        (["show", "--help"], [source]),
        (["diff", "--help"], [
            "Compare two packages: folders, datapackage.json paths, zips, URLs or git revisions of this repository.",
            "exit 1 if the version, CHANGELOG or a quote did not follow",
        ]),
    ]:  # fmt: skip
        with pytest.raises(SystemExit):
            main(argv)
        flat = " ".join(capsys.readouterr().out.split())
        for text in texts:  # whole, not inside longer words
            assert f" {text} " in f" {flat} ", (argv, text)


def test_a_command_is_required_and_formats_are_checked(capsys):
    for argv in ([], ["diff", "a", "b", "--format", "yaml"], ["validate", "--format", "markdown"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    assert "the following arguments are required: command" in capsys.readouterr().err


def test_explicit_text_formats_and_show_without_a_source(capsys, pkg: PackageCopy, monkeypatch):
    code, out, _ = run(capsys, "validate", str(pkg.folder), "--format", "text")
    assert code == 0 and out.startswith("Data package: ")
    code, out, _ = run(capsys, "diff", str(pkg.folder), str(pkg.folder), "--format", "text")
    assert code == 0 and out.startswith(f"Data diff: {pkg.folder} -> {pkg.folder}\n")
    monkeypatch.chdir(pkg.folder)
    code, out, _ = run(capsys, "show")
    assert code == 0 and out.startswith(f"Data package: {pkg.folder.resolve() / 'datapackage.json'}\n")


def test_show_a_resource_without_a_name_fails_naming_it(capsys, pkg: PackageCopy):
    pkg.edit_descriptor(lambda d: d["resources"][3].pop("name"))
    code, _, err = run(capsys, "show", str(pkg.folder))
    assert code == 2
    assert err.startswith("foreign-fighters: error: no resource 'None' in ")
    assert err.rstrip().endswith("it has: fighters-by-origin, figures-by-source, sources, None")


def test_strict_github_summary_says_strict(capsys, pkg: PackageCopy, tmp_path, monkeypatch):
    pkg.set(HEADLINE, "foreign_fighters", "value", "30000")
    pkg.set(HEADLINE, "foreign_fighters", "quote", "Over 30,000 fighters from more than 110 countries")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, _, _ = run(capsys, "validate", str(pkg.folder), "--format", "github", "--strict")
    assert code == 1
    assert "(--strict)**" in summary.read_text("utf-8")


def test_diff_compares_the_base_it_is_given(capsys, base: PackageCopy, pkg: PackageCopy):
    base.set(ORIGINS, "France", "notes", "A note only the base has.")
    code, out, _ = run(capsys, "diff", str(base.folder), str(pkg.folder))  # 1: the version did not follow
    assert code == 1 and "  ~ France\n      notes: 'A note only the base has.' -> " in out


# ---- zips ----------------------------------------------------------------------------------------
def a_zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


def zip_error(data: bytes) -> str:
    with pytest.raises(SourceError) as exc:
        ZipSource.from_bytes(data, "p.zip")
    return str(exc.value)


DP = {"datapackage.json": b"{}"}


def test_zip_entry_limits():
    many = a_zip({**DP, **{f"f{i}": b"" for i in range(MAX_ENTRIES - 1)}}, zipfile.ZIP_STORED)
    assert ZipSource.from_bytes(many, "p.zip").prefix == ""
    more = a_zip({**DP, **{f"f{i}": b"" for i in range(MAX_ENTRIES)}}, zipfile.ZIP_STORED)
    assert zip_error(more) == f"p.zip: more than {MAX_ENTRIES} entries; refused"


def test_zip_file_and_folder_of_the_same_name_are_refused():
    clash = "p.zip: an entry is both a file and a folder, or appears twice; refused"
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("datapackage.json", b"{}")
        zf.writestr(zipfile.ZipInfo("data/"), b"")
        zf.writestr("data", b"x")
    assert zip_error(out.getvalue()) == clash
    assert zip_error(a_zip({**DP, "a/b.csv": b"x", "a": b"y"})) == clash
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as zf, pytest.warns(UserWarning):
        zf.writestr("datapackage.json", b"{}")
        zf.writestr("datapackage.json", b"{}")
    assert zip_error(out.getvalue()) == clash


def test_zip_descriptor_at_most_one_folder_down():
    assert ZipSource.from_bytes(a_zip({"top/datapackage.json": b"{}"}), "p.zip").prefix == "top/"
    assert zip_error(a_zip({"a/b/datapackage.json": b"{}"})).endswith("at its root or in one top folder")


def test_zip_bomb_thresholds(monkeypatch):
    ten = 10 * 1024 * 1024
    # The descriptor's 2 bytes count too: 10 MiB in all, however compressible, is allowed.
    assert ZipSource.from_bytes(a_zip({**DP, "zeros": bytes(ten - 2)}), "p.zip")
    assert "refused as a zip bomb" in zip_error(a_zip({**DP, "zeros": bytes(ten - 1)}))
    assert ZipSource.from_bytes(a_zip({**DP, "stored": os.urandom(ten)}, zipfile.ZIP_STORED), "p.zip")
    data = a_zip({**DP, "x": b"12345"}, zipfile.ZIP_STORED)
    monkeypatch.setattr(limits, "MAX_BYTES", 7)  # 2 + 5 bytes unpacked: exactly the limit
    assert ZipSource.from_bytes(data, "p.zip")
    monkeypatch.setattr(limits, "MAX_BYTES", 6)
    assert zip_error(data) == "p.zip: unpacks to 7 bytes from 7; refused as a zip bomb"


def test_zip_file_size_limit_and_unreadable_path(tmp_path, monkeypatch):
    path = tmp_path / "p.zip"
    path.write_bytes(a_zip(DP))
    monkeypatch.setattr(limits, "MAX_BYTES", path.stat().st_size)
    assert ZipSource.open(path).label == str(path)
    monkeypatch.setattr(limits, "MAX_BYTES", path.stat().st_size - 1)
    with pytest.raises(SourceError, match="larger than"):
        ZipSource.open(path)
    with pytest.raises(SourceError) as exc:
        ZipSource.open(tmp_path / "missing.zip")
    assert str(exc.value) == f"{tmp_path / 'missing.zip'}: cannot be read: No such file or directory"


def test_zip_read_names_the_archive_for_an_unsafe_path():
    source = ZipSource.from_bytes(a_zip(DP), "p.zip")
    with pytest.raises(SourceError) as exc:
        source.read("../x", 10)
    assert str(exc.value).startswith("p.zip: path '../x' is unsafe")


# ---- http ----------------------------------------------------------------------------------------
class RawServer:
    """A one-request-at-a-time server on 127.0.0.1 that answers each request with fixed bytes."""

    def __init__(self, answers: dict[str, bytes]) -> None:
        self.answers = answers
        self.requests: list[bytes] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                request = conn.recv(65536)
                self.requests.append(request)
                path = request.split(b" ")[1].decode() if b" " in request else ""
                conn.sendall(self.answers.get(path, b"HTTP/1.0 404 Not Found\r\n\r\n"))

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def raw_server():
    servers: list[RawServer] = []

    def start(answers: dict[str, bytes]) -> RawServer:
        servers.append(RawServer(answers))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def ok(body: bytes, *headers: str) -> bytes:
    head = "".join(f"{h}\r\n" for h in headers)
    return f"HTTP/1.0 200 OK\r\n{head}\r\n".encode() + body


def test_download_sends_its_name_and_joins_every_chunk(raw_server):
    body = os.urandom(200_000)
    server = raw_server({"/x": ok(body)})
    assert download(server.url.replace("http://", "HTTP://") + "/x", 10**6) == body
    assert b"\r\nUser-Agent: foreign-fighters\r\n" in server.requests[0]


def test_download_refuses_a_declared_length_over_the_limit(raw_server):
    server = raw_server({"/x": ok(b"x" * 20, "Content-Length: 20")})
    with pytest.raises(SourceError) as exc:
        download(server.url + "/x", 10)
    assert str(exc.value) == f"{server.url}/x: 20 bytes is more than the 10 allowed; refused"


def test_download_refuses_urls_with_spaces_or_control_characters():
    for url in ("http://h/a b", "http://h/a\x7f", "http://h/\x00"):
        with pytest.raises(SourceError, match="only http and https URLs"):
            download(url, 10)


def test_download_names_a_broken_http_answer(raw_server):
    server = raw_server({"/x": b"garbage\r\n\r\n"})
    with pytest.raises(SourceError) as exc:
        download(server.url + "/x", 10)
    assert str(exc.value).startswith(f"{server.url}/x: cannot be downloaded: BadStatusLine: ")


def test_download_timeout_given_overrides_the_default(monkeypatch):
    monkeypatch.setattr(limits, "TIMEOUT", 3.0)
    with socket.create_server(("127.0.0.1", 0)) as silent, pytest.raises(SourceError) as exc:  # never answers
        download(f"http://127.0.0.1:{silent.getsockname()[1]}/x", 10, timeout=0.05)
    assert "0.05 s" in str(exc.value)


def test_redirects_only_to_http(raw_server):
    target = raw_server({"/pkg/datapackage.json": ok(b"{}")})
    server = raw_server(
        {
            "/ftp": b"HTTP/1.0 302 Found\r\nLocation: ftp://example.org/x\r\n\r\n",
            "/http": f"HTTP/1.0 302 Found\r\nLocation: {target.url}/pkg/datapackage.json\r\n\r\n".encode(),
        }
    )
    with pytest.raises(SourceError) as exc:
        download(server.url + "/ftp", 10)
    assert str(exc.value) == f"{server.url}/ftp: redirected to ftp://example.org/x, which is not http or https"
    assert download(server.url + "/http", 10) == b"{}"


def test_http_source_places_and_paths():
    source = HttpSource("http://h/p/datapackage.json", "label")
    assert source.where("datapackage.json") == "http://h/p/datapackage.json"
    assert source.where("data/a.csv") == "http://h/p/data/a.csv"
    with pytest.raises(SourceError) as exc:
        source.read("../x", 10)
    assert str(exc.value).startswith("label: path '../x' is unsafe")


def test_a_zip_url_with_a_query_is_a_zip(raw_server):
    server = raw_server({"/p.zip?dl=1": ok(a_zip(DP))})
    assert isinstance(HttpSource.open(server.url + "/p.zip?dl=1"), ZipSource)
    assert isinstance(HttpSource.open(server.url + "/datapackage.json?v=p.zip"), HttpSource)


# ---- git revisions ---------------------------------------------------------------------------------
def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)  # fmt: skip


@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="needs git")
def test_checkout_reads_the_given_repository_from_anywhere(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    PackageCopy(repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with checkout("main", repo=repo) as folder:
        assert (folder / "datapackage.json").read_bytes() == (repo / "datapackage.json").read_bytes()
        assert (folder / ORIGINS).is_file() and (folder / "CHANGELOG.md").is_file()
    with checkout("-main", repo=repo) as folder:
        assert Path(folder) == Path("-main")  # never passed to git as an option


# ---- more: show, sources' file lists, frictionless' words, the CLI's last resorts ------------------
def test_show_blanks_integers_decimals_and_wide_columns(pkg: PackageCopy):
    pkg.set(ORIGINS, "European Union", "returned_percent", "12.5", refresh=False)
    pkg.set(ORIGINS, "European Union", "returned", "625")
    rows = pkg.rows(HEADLINE)
    pkg.write_rows(HEADLINE, [rows[0], *[[*r[:4], "d" * 30, r[5], r[6][:30]] for r in rows[1:]]])
    text = formats.show_tables(open_package(pkg.folder))
    lines = text.splitlines()
    assert lines[0] == f"Data package: {pkg.folder.resolve() / 'datapackage.json'}" and lines[1] == ""
    assert lines[2].startswith("fighters-by-origin (") and lines[2].endswith(" rows)")
    assert "(not shown, too wide: quote, quote_en, notes)" in lines
    eu = next(line for line in lines if line.lstrip().startswith("European Union"))
    assert eu.split() == ["European", "Union", "region", "5000", "625", "12.5"]  # blanks, not <NA>
    us = next(line for line in lines if line.lstrip().startswith("United States"))
    assert us.split()[-3:] == ["at_least", "7", "at_least"]  # no percentage: blank
    summary = next(line for line in lines if line.startswith("Added up"))
    assert re.fullmatch(
        r"Added up without counting a part twice \(ff\.summable\(df, measure\)\): [\d,]+ departed, [\d,]+ returned\.",
        summary,
    )
    headline = lines[lines.index(next(x for x in lines if x.startswith("headline-figures ("))) :]
    assert not any(x.startswith("(not shown") for x in headline)  # 30 characters still fit
    assert headline[1].split() == ["measure", "value", "unit", "qualifier", "description", "source", "quote"]
    assert not any(x.startswith("Added up") for x in headline)  # no part_of: nothing to sum
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_folder_and_zip_sources_list_their_files(pkg: PackageCopy):
    from foreign_fighters.sources.folder import FolderSource

    names = [
        "CHANGELOG.md",
        *sorted(f"data/{r}.csv" for r in ("fighters-by-origin", "figures-by-source", "headline-figures", "sources")),
        "datapackage.json",
    ]
    assert FolderSource.open(pkg.folder).names() == names
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("top/datapackage.json", b"{}")
        zf.writestr(zipfile.ZipInfo("top/data/"), b"")
        zf.writestr("top/data/a.csv", b"a")
        zf.writestr("other.txt", b"x")
    assert ZipSource.from_bytes(out.getvalue(), "p.zip").names() == ["data/a.csv", "datapackage.json"]


def test_zip_reads_name_the_entry_and_archive():
    data = a_zip({**DP, "big.csv": b"123456"}, zipfile.ZIP_STORED)
    source = ZipSource.from_bytes(data, "p.zip")
    assert source.read("big.csv", 6) == b"123456"
    for name, limit, message in [
        ("missing.csv", 10, "missing.csv: no such file in p.zip"),
        ("big.csv", 5, "big.csv: holds more than the 5 bytes allowed; refused"),
    ]:
        with pytest.raises(SourceError) as exc:
            source.read(name, limit)
        assert str(exc.value) == message
    broken = ZipSource.from_bytes(data.replace(b"123456", b"123457"), "p.zip")  # the CRC no longer matches
    with pytest.raises(SourceError) as exc:
        broken.read("big.csv", 10)
    assert str(exc.value).startswith("big.csv: cannot be read from p.zip (")


def test_zip_entry_at_the_root_is_refused():
    assert zip_error(a_zip({**DP, "/X": b"x"})) == "p.zip: entry '/X' escapes the extraction folder; refused"


def test_show_into_a_closed_pipe_sends_the_rest_to_devnull(pkg: PackageCopy, tmp_path, monkeypatch):
    import sys

    target = (tmp_path / "out").open("wb")

    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError

        def flush(self) -> None:
            pass

        def fileno(self) -> int:
            return target.fileno()

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["show", str(pkg.folder)]) == 0
    os.write(target.fileno(), b"after")  # the descriptor now leads to /dev/null
    target.close()
    assert (tmp_path / "out").read_bytes() == b""


def test_unexpected_errors_become_one_line_unless_debugging(capsys, pkg: PackageCopy, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(formats, "show_tables", boom)
    code, _, err = run(capsys, "show", str(pkg.folder))
    assert (code, err) == (2, f"foreign-fighters: error: cannot read {pkg.folder}: RuntimeError: boom\n")
    monkeypatch.setattr("foreign_fighters.diff.compare", boom)
    code, _, err = run(capsys, "diff", str(pkg.folder), str(pkg.folder))
    assert err == f"foreign-fighters: error: cannot read {pkg.folder} {pkg.folder}: RuntimeError: boom\n"
    monkeypatch.setenv("FOREIGN_FIGHTERS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["show", str(pkg.folder)])


def test_a_missing_library_is_named(capsys, pkg: PackageCopy, monkeypatch):
    def missing(*args, **kwargs):
        raise ImportError("validate() needs pandera")

    monkeypatch.setattr(ff, "validate", missing)
    assert run(capsys, "validate", str(pkg.folder)) == (2, "", "foreign-fighters: error: validate() needs pandera\n")


def test_report_text_puts_package_level_issues_under_package():
    report = Report("p", issues=[Issue("contract", "x")])
    assert formats.to_text(report).splitlines()[2:4] == ["", "(package)"]


def test_two_unsourced_fields_are_listed_together():
    change = RowChange("France", {"departed": ("1", "2"), "returned": ("1", "2")}, ["departed", "returned"])
    d = Diff("a", "b", "1.0.0", "1.0.1", [ResourceDiff("r", "r.csv", changed=[change])], [], True)
    assert "FAIL r France: departed, returned changed but its quote did not" in formats.diff_to_text(d)


def test_large_integers_in_messages_are_not_rounded():
    assert figures.n(12_345_678) == "12345678" and figures.n(2.0**40) == "1.09951e+12"


def test_a_column_added_empty_is_no_change(base: PackageCopy, pkg: PackageCopy):
    rows = pkg.rows(HEADLINE)
    pkg.write_rows(HEADLINE, [[*rows[0], "extra"]] + [[*r, "x" if r[0] == "returnees" else ""] for r in rows[1:]])
    pkg.edit_descriptor(lambda d: d["resources"][3]["schema"]["fields"].append({"name": "extra"}))
    assert [c.key for c in diff_of(base, pkg).resources[3].changed] == ["returnees"]
    back = compare(open_package(pkg.folder), open_package(base.folder), "head", "base").resources[3]
    assert [c.key for c in back.changed] == ["returnees"]


def test_changelog_missing_or_not_utf8_and_a_base_without_version(base: PackageCopy, pkg: PackageCopy):
    (pkg.folder / "CHANGELOG.md").unlink()
    assert diff_of(base, pkg).changelog_entry is None
    pkg.edit_descriptor(lambda d: d.update(version="1.0.1"))
    (pkg.folder / "CHANGELOG.md").write_bytes(b"\xff\n## [1.0.1] - 2026-12-01\n")
    assert diff_of(base, pkg).changelog_entry is True
    base.edit_descriptor(lambda d: d.pop("version"))
    assert diff_of(base, pkg).base_version == ""


def test_http_source_descriptor_is_its_own_url():
    assert HttpSource("http://h/p/pkg.json", "l").where("datapackage.json") == "http://h/p/pkg.json"


def test_redirect_to_an_upper_case_http_url_is_followed(raw_server):
    target = raw_server({"/d.json": ok(b"{}")})
    upper = target.url.replace("http://", "HTTP://")
    server = raw_server({"/r": f"HTTP/1.0 302 Found\r\nLocation: {upper}/d.json\r\n\r\n".encode()})
    assert download(server.url + "/r", 10) == b"{}"


def test_without_git_a_name_is_a_path(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git here
    with checkout("no-such-revision", repo=tmp_path) as folder:
        assert Path(folder) == Path("no-such-revision")


# ---- survivors of `make mutation` over rules/ and reader.py, pinned down -------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a\x1bb", "an escape, which starts a terminal escape sequence"),
        ("a\rb", "a carriage return, which sends a terminal's cursor back over the line"),
        ("a\r", "a carriage return, which sends a terminal's cursor back over the line"),
        ("a\r\nb", "a line break (only notes may hold one)"),
        ("a\r\nbcd", "a line break (only notes may hold one)"),  # the character after the CR, not the rest
        ("a\nb", "a line break (only notes may hold one)"),
        ("a\x00b", "a control character"),
        ("a\x85b", "a control character"),
        # each end of each range
        ("a\x1fb", "a control character"),
        ("a\x7fb", "a control character"),
        ("a\x9fb", "a control character"),
        ("a\u202ab", "a bidirectional embedding or override, which reorders the text around it"),
        ("a\u2066b", "a bidirectional isolate, which reorders the text around it"),
        ("a\u2069b", "a bidirectional isolate, which reorders the text around it"),
        ("a\u206ab", "an invisible format character"),
        ("a\u202eb", "a bidirectional embedding or override, which reorders the text around it"),
        ("a\u2067b", "a bidirectional isolate, which reorders the text around it"),
        ("a\u200fb", "a bidirectional mark in a cell with no right-to-left text"),
        ("a\u200db", "a zero-width joiner outside the Arabic-script or Indic word that would need it"),
        ("a\u200bb", "a zero-width character"),
        ("a\u2028b", "a line or paragraph separator"),
        ("a\u2800b", "a braille pattern with no dots, which shows as a space"),
        ("a\ue000b", "a private-use character, which shows as whatever a font puts there, or nothing"),
        ("a\ufe0fb", "a variation selector, which shows as nothing"),
        ("a\u3164b", "a Hangul filler, a letter with no shape"),
        ("a\u034fb", "an invisible character (Unicode's Default_Ignorable_Code_Point), which shows as nothing"),
        ("a\u00adb", "an invisible format character"),
    ],
)
def test_each_hidden_character_is_named_for_what_it_does(text, kind):
    from foreign_fighters.rules import safety

    assert safety._kind(text[1], text, 1) == kind


def test_an_invisible_character_beyond_the_basic_plane_is_escaped_in_eight_digits():
    from foreign_fighters.rules import safety

    assert safety.escaped("x\U000e0100") == "x\\U000e0100"  # a variation selector repr leaves raw
    assert safety.escaped("x\u034fy") == "x\\u034fy"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("www.example.com/page", "scheme (none) is not http or https"),
        (
            "https://a@b@example.com/",
            "carries a user name or password (user:password@) before its host 'example.com': the address reads as "
            "one site and leads to another",
        ),
        ("http:///path", "has no host"),
        ("http://example.com:99999/", "port in 'example.com:99999' is not a number from 0 to 65535"),
        ("http://xn--a.com/", "host label 'xn--a' is not valid punycode"),
        (
            "http://-пример.com/",
            "host '-пример.com' has the label '-пример': a host name's labels are 1 to 63 letters, digits and "
            "hyphens, with no hyphen at either end",
        ),
        (
            "http://" + "é" * 70 + ".com/",
            "host '" + "é" * 70 + ".com' is not a valid internationalised domain name (IDNA)",
        ),
    ],
)
def test_an_unsafe_address_is_refused_with_its_reason(url, problem):
    from foreign_fighters.rules import safety

    assert safety.url_problem(url) == problem


def test_a_punycode_label_is_shown_with_what_it_decodes_to():
    from foreign_fighters.rules import safety

    assert safety.url_problem("http://xn--pypal-4ve.com/").startswith(
        "host label 'xn--pypal-4ve' ('p\u0430ypal') mixes"
    )
    assert safety._host_problem("1::2::3") == "host '1::2::3' is not a valid IPv6 address"


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        (["a", "b", "c"], "'a', 'b', 'c'"),
        (["a", "b", "c", "d"], "'a', 'b', 'c' and 1 more"),
        (["a", "b", "c", "d", "e"], "'a', 'b', 'c' and 2 more"),
    ],
)
def test_a_sources_message_lists_three_names_then_counts_the_rest(names, shown):
    # as url-one-source words the sources that share a page
    assert figures.some(pd.Series(names), show=repr, joiner=", ", more=" more") == shown


@pytest.mark.parametrize("month", range(1, 13))
def test_the_notes_may_give_a_month_in_words_or_abbreviated(month):
    from foreign_fighters.rules import provenance

    name = provenance._MONTHS[month - 1]
    said = provenance._date_said(f"2017-{month:02d}")
    for written in (name, name[:3], f"{name[:3]}.", *(["Sept", "Sept."] if month == 9 else [])):
        assert said.search(f"Dated {written} 2017 on the page"), written
    other = provenance._MONTHS[month % 12]
    assert said.search(f"Dated {other} 2017 on the page") is None


def test_notes_explain_a_date_with_the_date_and_a_reason():
    from foreign_fighters.rules import provenance

    assert provenance._explained("Dated 23 October 2017 on the page: an embargoed preview.", "2017-10-23")
    assert not provenance._explained("An embargoed preview.", "2017-10-23")
    assert not provenance._explained(None, "2017-10-23")


def test_an_unknown_rule_is_named_in_the_error():
    with pytest.raises(KeyError, match="no rule named 'no-such-rule'"):
        rules.get("no-such-rule")


@pytest.mark.parametrize(
    ("names", "shown"),
    [(["a", "b", "c"], "a and b and c"), (["a", "b", "c", "d"], "a and b and c and 1 more rows")],
)
def test_a_figures_message_lists_three_rows_then_counts_the_rest(names, shown):
    assert figures.some(pd.Series(names)) == shown


def test_a_password_in_an_address_is_not_quoted():
    from foreign_fighters.rules import safety

    assert safety.redacted("https://user:secret@example.com/page") == "https://***@example.com/page"


def test_mutation_script_unwraps_every_rule_into_the_same_registry(tmp_path: Path):
    """scripts/mutation.py moves each `@rule(...)` after its function so that mutmut mutates the
    rule's body: the rewritten rules register the same rules, which reach the same verdict."""
    import importlib.util
    import shutil
    import sys

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("mutation_script", ROOT / "scripts" / "mutation.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    text, names = script.unwrap("@rule('a', 'b', 'c', 'rows')  # fmt: skip\ndef f(df, t):\n    return 1\n\n\nx = 2\n")
    assert names == ["f"]
    assert text == "def f(df, t):\n    return 1\n\n\nf = rule('a', 'b', 'c', 'rows')(f)\n\n\nx = 2\n"

    copy = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "foreign_fighters", copy / "foreign_fighters", ignore=shutil.ignore_patterns("__pycache__")
    )
    for path in (copy / "foreign_fighters" / "rules").glob("*.py"):
        source = path.read_text("utf-8")
        text, names = script.unwrap(source)
        assert "@rule(" not in text and len(names) == source.count("\n@rule(")
        path.write_text(text, "utf-8")
    package = str(ROOT / "datapackage.json")
    code = f"import foreign_fighters as ff, foreign_fighters.rules as r; print(len(r.all_rules()), len(ff.validate({package!r}).issues), r.__file__)"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(copy)}, cwd=tmp_path)  # fmt: skip
    count, found, where = ran.stdout.split()
    rules_count, issues = int(count), int(found)
    assert Path(where).is_relative_to(copy)  # the rewritten rules ran, not the checkout's
    assert rules_count == len(rules.all_rules()) and issues == len(ff.validate(ROOT / "datapackage.json").issues)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Saint-Martin (French part)", None),
        ("Fr\x7fance", "holds an invisible or control character"),  # ASCII, but no printable character
        ("France\t", "holds an invisible or control character"),
        ("Fr\u0430nce", "mixes scripts (CYRILLIC, LATIN): a look-alike letter?"),
        ("Côte d'Ivoire", None),
    ],
)
def test_an_origins_name_in_plain_ascii_is_checked_as_strictly(name, problem):
    assert figures.name_problem(name) == problem


@pytest.mark.parametrize(("value", "written"), [(3000.0, "3,000"), (2.5, "2.5"), (1234.5, "1,234.5")])
def test_a_lists_message_writes_a_number_as_the_quote_would(value, written):
    from foreign_fighters.rules import evidence

    assert evidence._figure(value) == written


@pytest.mark.parametrize("dtype", ["string", "category"])
def test_a_text_cells_rule_holds_on_empty_cells_and_other_columns(dtype: str):
    """An empty cell holds, as text_cells says, though pandera would pass over it anyway (ignore_na)."""
    from foreign_fighters.rules import text

    df = pd.DataFrame({"t": pd.Series(["x", None, "y", "x"], dtype=dtype), "n": pd.Series([1, 2, 3, 4])})
    judged = text.text_cells(df, lambda column, cell: cell == "y")
    assert judged.to_dict("list") == {"t": [False, True, True, False], "n": [True, True, True, True]}
    assert list(judged.dtypes) == [bool, bool]
