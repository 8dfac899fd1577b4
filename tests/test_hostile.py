"""Hostile input: corrupt the CSVs and the descriptor every way we can think of; validate, load and
diff must answer with a report or a clear error and a documented exit code, and never write to
the inputs. FOREIGN_FIGHTERS_FUZZ_EXAMPLES sets how many examples each property tries."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ARTICLE, EVIDENCE, FIXTURE, HEADLINE, ORIGINS, ROOT, SOURCES, PackageCopy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import foreign_fighters as ff
from foreign_fighters.cli import main

EXAMPLES = int(os.environ.get("FOREIGN_FIGHTERS_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
FILES = st.sampled_from([ORIGINS, EVIDENCE, SOURCES, HEADLINE])


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def answers_cleanly(folder: Path) -> None:
    """Every entry point gives a result or one of its documented errors, and writes nothing."""
    before = digest(folder)
    for resource in ("fighters-by-origin", "figures-by-source", "sources", "headline-figures"):
        with contextlib.suppress(ff.SourceError, ff.IntegrityError, KeyError):
            ff.load(resource, source=folder)
    for argv in (["validate", str(folder), "--format", "json"], ["diff", str(ROOT), str(folder), "--format", "json"]):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)  # FOREIGN_FIGHTERS_DEBUG is set: an unexpected exception fails the test
        assert code in (0, 1, 2), (argv, code)
        if code == 2:
            assert err.getvalue().startswith("foreign-fighters: error: ") and err.getvalue().count("\n") == 1
        else:
            json.loads(out.getvalue())
    assert digest(folder) == before


@pytest.fixture(autouse=True)
def _debug(monkeypatch):
    monkeypatch.setenv("FOREIGN_FIGHTERS_DEBUG", "1")


@contextlib.contextmanager
def copy_of_package(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    try:
        yield PackageCopy(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# Text a contributor or a broken tool could put in a cell: quotes, separators, newlines, control
# characters, right-to-left marks, emoji, formula prefixes, huge numbers.
CELL = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            '"',
            '""',
            ",",
            "\n",
            "\r\n",
            "=1+1",
            "-",
            "+",
            "@",
            "NaN",
            "inf",
            "-0",
            "1e309",
            "9" * 30,
            "\u202e",
            "\x00",
            "\uff11\uff12\uff13",
        ]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


@FUZZ
@given(path=FILES, row=st.integers(0, 13), column=st.integers(0, 11), value=CELL, refresh=st.booleans())
def test_any_cell_edit(tmp_path_factory, path, row, column, value, refresh):
    with copy_of_package(tmp_path_factory) as pkg:
        rows = pkg.rows(path)
        row %= len(rows)
        if column < len(rows[row]):
            rows[row][column] = value
        else:
            rows[row].append(value)  # an extra cell
        pkg.write_rows(path, rows, refresh=refresh)
        answers_cleanly(pkg.folder)


# Numbers as people and tools write them: every one but plain ASCII digits is a type error.
NUMBERS = st.one_of(
    st.sampled_from(["+250", "01910", "-0", "4e4", "1_910", "1,910", "1.910", "1 910", "\u0661\u0669\u0661\u0660",
                     "\uff11\uff19\uff11\uff10", "9999\u00a0", " 7", "7 ", "2" * 19, str(2**63), str(2**63 - 1), "0.5",
                     ".5", "5.", "25%", "country", "at_least", "none", "true"]),
    st.integers(0, 10**6).map(str),
    st.from_regex(r"\A[0-9]{1,4}(\.[0-9]{1,2})?\Z"),
)  # fmt: skip
READER_RULES = {"type-error", "constraint-error", "blank-row", "missing-cell", "extra-cell", "incorrect-label"}


@FUZZ
@given(path=FILES, row=st.integers(1, 12), column=st.integers(0, 10), value=st.one_of(NUMBERS, CELL))
def test_load_and_validate_never_disagree_about_a_cell(tmp_path_factory, path, row, column, value):
    """A cell validate rejects, load() refuses, with the same words; one it accepts, load() reads."""
    with copy_of_package(tmp_path_factory) as pkg:
        rows = pkg.rows(path)
        row = 1 + (row - 1) % (len(rows) - 1)
        column %= len(rows[0])
        rows[row][column] = value
        pkg.write_rows(path, rows)
        name = path.removeprefix("data/").removesuffix(".csv")  # each resource is named after its file
        cell_issues = [i for i in ff.validate(pkg.folder).errors if i.path == path and i.rule in READER_RULES]
        try:
            ff.load(name, source=pkg.folder)
        except ff.SourceError as exc:
            assert cell_issues, f"load() refused what validate accepts: {exc}"
            first = min(cell_issues, key=lambda i: (i.line or 0, i.field or ""))
            assert first.message in str(exc) and f"[{first.rule}]" in str(exc), (first, str(exc))
        else:
            assert not cell_issues, f"validate rejects what load() reads: {cell_issues}"


@FUZZ
@given(
    path=FILES,
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.sampled_from(["insert", "delete", "replace"]), st.binary(min_size=1, max_size=4)),
        min_size=1,
        max_size=5,
    ),
    refresh=st.booleans(),
)
def test_any_byte_edit(tmp_path_factory, path, edits, refresh):
    with copy_of_package(tmp_path_factory) as pkg:
        target = pkg.folder / path
        data = bytearray(target.read_bytes())
        for where, op, blob in edits:
            i = int(where * len(data))
            if op == "insert":
                data[i:i] = blob
            elif op == "delete":
                del data[i : i + len(blob)]
            else:
                data[i : i + len(blob)] = blob
        target.write_bytes(bytes(data))
        if refresh:
            pkg.refresh()
        answers_cleanly(pkg.folder)


TRANSFORMS = {
    "bom": lambda b: b"\xef\xbb\xbf" + b,
    "crlf": lambda b: b.replace(b"\n", b"\r\n"),
    "cr-only": lambda b: b.replace(b"\n", b"\r"),
    "latin-1": lambda b: b.decode("utf-8").encode("latin-1", errors="replace"),
    "utf-16": lambda b: b.decode("utf-8").encode("utf-16"),
    "empty": lambda b: b"",
    "header-only": lambda b: b.split(b"\n")[0] + b"\n",
    "half": lambda b: b[: len(b) // 2],
    "no-final-newline": lambda b: b.rstrip(b"\n"),
    "nul-bytes": lambda b: b.replace(b",", b"\x00", 3),
    "semicolons": lambda b: b.replace(b",", b";"),
    "all-quoted": lambda b: b"\n".join(b",".join(b'"' + c + b'"' for c in line.split(b",")) for line in b.split(b"\n")),
    "unclosed-quote": lambda b: b.replace(b"\n", b'\n"', 1),
    "blank-lines": lambda b: b.replace(b"\n", b"\n\n"),
    "binary": lambda b: bytes(range(256)) * 4,
    "html": lambda b: b"<!doctype html><html><body>Not found</body></html>",
}


@pytest.mark.parametrize("transform", TRANSFORMS, ids=list(TRANSFORMS))
@pytest.mark.parametrize("refresh", [True, False], ids=["refreshed", "stale"])
@pytest.mark.parametrize("path", [ORIGINS, EVIDENCE, SOURCES, HEADLINE])
def test_file_level_corruption(pkg: PackageCopy, path, transform, refresh):
    target = pkg.folder / path
    target.write_bytes(TRANSFORMS[transform](target.read_bytes()))
    if refresh:
        pkg.refresh()
    answers_cleanly(pkg.folder)


def test_huge_files(pkg: PackageCopy):
    rows = pkg.rows(ORIGINS)
    group = ["group", "", "", "129", "", "7", "", "", ""]  # a people: no iso3
    many = [rows[0]] + [[f"Origin {i}", *group] for i in range(20_000)]
    pkg.write_rows(ORIGINS, many, refresh=False)
    evidence = [pkg.rows(EVIDENCE)[0]] + [
        [f"Origin {i}", measure, value, "", ARTICLE, f"Origin {i}: 129 left, 7 returned", "", "", ""]
        for i in range(20_000)
        for measure, value in (("departed", "129"), ("returned", "7"))
    ]
    pkg.write_rows(EVIDENCE, evidence)
    huge_cell = pkg.rows(HEADLINE)
    huge_cell[1][4] = "x" * 300_000  # beyond the csv module's default field limit
    pkg.write_rows(HEADLINE, huge_cell)
    answers_cleanly(pkg.folder)
    report = ff.validate(pkg.folder)
    # 20,000 groups: all consistent, but far above the headline totals, which bound the table.
    assert {i.rule for i in report.issues} == {"totals-cover-rows"} and len(report.errors) <= 3


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


def json_paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from json_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from json_paths(value, (*prefix, i))


DESCRIPTOR_PATHS = [p for p in json_paths(json.loads((FIXTURE / "datapackage.json").read_text("utf-8"))) if p]


@FUZZ
@given(path=st.sampled_from(DESCRIPTOR_PATHS), value=JSON_VALUE, delete=st.booleans())
def test_any_descriptor_edit(tmp_path_factory, path, value, delete):
    with copy_of_package(tmp_path_factory) as pkg:

        def change(d):
            *parents, last = path
            node = d
            for key in parents:
                node = node[key]
            if delete:
                del node[last]
            else:
                node[last] = value

        pkg.edit_descriptor(change)
        answers_cleanly(pkg.folder)


def _shape(path: tuple) -> tuple:
    return tuple("*" if isinstance(k, int) else k for k in path)


def _one_path_per_shape() -> list[tuple]:
    """Each place in the fixture's descriptor, once per shape (the first field stands for all)."""
    descriptor = json.loads((FIXTURE / "datapackage.json").read_text("utf-8"))
    seen: dict[tuple, tuple] = {}
    for p in json_paths(descriptor):
        if p:
            seen.setdefault(_shape(p), p)
    return list(seen.values())


DELETE = object()


@pytest.mark.slow
@pytest.mark.parametrize("path", _one_path_per_shape(), ids=lambda p: ".".join(map(str, _shape(p))))
def test_every_descriptor_value_of_another_type(tmp_path, path):
    """The sweep behind the property above: each place set to null, to the wrong kind of value
    and removed (a "foreignKeys": null once slipped past the random examples)."""
    pkg = PackageCopy(tmp_path)
    original = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    node = original
    for key in path:
        node = node[key]
    other = [] if isinstance(node, dict) else {} if isinstance(node, list) else 1 if isinstance(node, str) else "x"
    for value in (None, "x", other, DELETE):

        def change(d, value=value):
            *parents, last = path
            for key in parents:
                d = d[key]
            if value is DELETE:
                del d[last]
            else:
                d[last] = value

        pkg.edit_descriptor(lambda d: (d.clear(), d.update(original)))
        pkg.edit_descriptor(change)
        answers_cleanly(pkg.folder)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"resources": [{"name": "a", "path": "data/a.csv", "x": ' + "[" * 900 + "]" * 900 + "}]}",
        '{"resources": ' + "{" * 50_000,
        "\ufeff" + (ROOT / "datapackage.json").read_text("utf-8"),
        (ROOT / "datapackage.json").read_text("utf-8").replace('"version": "1.0.0"', '"version": 1.0'),
        "null",
        "",
        '{"resources": "data/fighters-by-origin.csv"}',
        '{"resources": [null, 1, "x", []]}',
        '{"resources": [{"name": "fighters-by-origin", "path": ["data/a.csv", "data/b.csv"]}]}',
    ],
    ids=[
        "deep-array",
        "deep-inside",
        "unclosed-deep",
        "bom",
        "number-version",
        "null",
        "empty",
        "string-resources",
        "junk-resources",
        "multipart",
    ],
)
def test_hostile_descriptors(pkg: PackageCopy, text):
    (pkg.folder / "datapackage.json").write_text(text, encoding="utf-8")
    answers_cleanly(pkg.folder)


def test_non_utf8_descriptor(pkg: PackageCopy):
    (pkg.folder / "datapackage.json").write_bytes((ROOT / "datapackage.json").read_text("utf-8").encode("utf-16"))
    answers_cleanly(pkg.folder)
    with pytest.raises(ff.SourceError, match="not UTF-8"):
        ff.validate(pkg.folder)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("resources", 0, "schema", "fields", 1, "constraints", "enum"), [False, False]),
        (("resources", 0, "schema", "fields"), None),
        (("resources", 0, "schema", "fields", 1, "constraints", "enum"), ["country", "country", "region", "group"]),
    ],
    ids=["enum-of-repeated-booleans", "null-fields", "repeated-enum-value"],
)
def test_descriptor_edits_the_fuzzer_found(pkg: PackageCopy, path, value):
    """Regressions: each of these once escaped as a traceback."""

    def change(d):
        node = d
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    pkg.edit_descriptor(change)
    answers_cleanly(pkg.folder)


# Numbers the rules would never see if a lenient parser read them and pandas did not: each one is
# a type error at its cell, in validate and in load() alike.
NON_CANONICAL = [
    "1_910", "\u0661\u0669\u0661\u0660", "\uff11\uff19\uff11\uff10", "9999\u00a0", "\u00a09999", "+250", "01910",
    "-0", "-5", "4e4", "1910.0", "1,910", "1.910", "1 910", str(2**63), "9" * 30, "0x10", "Infinity", "NaN",
]  # fmt: skip


@pytest.mark.parametrize("value", NON_CANONICAL, ids=[repr(v) for v in NON_CANONICAL])
def test_a_number_not_written_plainly_is_a_type_error_everywhere(pkg: PackageCopy, value: str):
    line = pkg.set(ORIGINS, "France", "departed", value)
    report = ff.validate(pkg.folder)
    assert (ORIGINS, line, "departed") in [(i.path, i.line, i.field) for i in report.errors if i.rule == "type-error"]
    with pytest.raises(ff.SourceError, match=rf"line {line}, field 'departed': .*\[type-error\]"):
        ff.load(source=pkg.folder)


def test_parts_near_the_int64_limit_do_not_wrap_below_their_region(pkg: PackageCopy):
    big = str(2**62)
    pkg.set_figure("Britain", "departed", big, f"Britain – {2**62:,} left – 425 returned")
    pkg.set_figure("France", "departed", big, f"France – {2**62:,} left – 271 returned")
    report = ff.validate(pkg.folder)
    assert ("children-within-parent", 3) in [(i.rule, i.line) for i in report.errors]  # European Union's line


def test_a_long_part_of_chain_is_checked_in_one_pass(pkg: PackageCopy):
    """10,000 regions each part of the next: linear, not one pass per level (see the closing note
    for its time); every row is reported on the cycle closed at the end."""
    rows = pkg.rows(ORIGINS)
    n = 10_000
    chain = [
        [
            f"Region {i}",
            "region",
            "",
            f"Region {(i + 1) % n}",
            "",
            "",
            "",
            "",
            "",
            f"Region {i} – 0 left – 0 returned",
            "",
        ]
        for i in range(n)
    ]
    for r in chain:
        r[4] = r[6] = "0"
    pkg.write_rows(ORIGINS, [*rows, *chain])
    report = ff.validate(pkg.folder)
    cycle = [i for i in report.errors if i.rule == "part-of-is-region"]
    assert len(cycle) == n and all("its own ancestor" in i.message for i in cycle)
