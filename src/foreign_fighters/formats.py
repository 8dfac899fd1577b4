"""Render a Report as text (people), JSON (programs) or GitHub annotations and a job summary."""

from __future__ import annotations

import difflib
import json
import os
import textwrap
from collections import Counter
from collections.abc import Callable
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .report import Issue, Report

if TYPE_CHECKING:  # the diff and package modules bring pandas: not imported to print a report
    from .diff import Diff
    from .package import Package

WIDTH = 80
JSON_FORMAT_VERSION = 1


def _status(report: Report, strict: bool) -> str:
    word = "INVALID" if report.exit_code(strict) else "VALID"
    e, w = len(report.errors), len(report.warnings)
    return f"{word}: {e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}" + (" (--strict)" if strict else "")


VERDICT_RULES = 6  # rules named in the verdict line; more are counted, not named


def _by_rule(issues: list[Issue]) -> str:
    """How many issues each rule drew, most first: " (returned-le-departed 2, quote-agrees 1)"."""
    ranked = sorted(Counter(i.rule for i in issues).items(), key=lambda kv: (-kv[1], kv[0]))
    named = [f"{rule} {n}" for rule, n in ranked[:VERDICT_RULES]]
    rest = len(ranked) - VERDICT_RULES
    named += [f"{rest} more rule{'s' * (rest != 1)}"] if rest > 0 else []
    return f" ({', '.join(named)})" if named else ""


def verdict(report: Report, strict: bool = False) -> str:
    """The status with each count split by rule:
    ``INVALID: 3 errors (returned-le-departed 2, quote-agrees 1), 0 warnings``."""
    word = "INVALID" if report.exit_code(strict) else "VALID"
    e, w = len(report.errors), len(report.warnings)
    errors = f"{e} error{'s' * (e != 1)}{_by_rule(report.errors)}"
    warnings = f"{w} warning{'s' * (w != 1)}{_by_rule(report.warnings)}"
    return f"{word}: {errors}, {warnings}" + (" (--strict)" if strict else "")


def to_text(report: Report, strict: bool = False, *, verdict_last: bool = False) -> str:
    """The report for people: the status under the package's name, then the issues by file.
    ``verdict_last`` (the command line's text format): the status, counted by rule, ends it
    instead, where a terminal leaves it in sight."""
    out = [f"Data package: {report.source}"] + ([] if verdict_last else [_status(report, strict)])
    for path, group in groupby(report.sorted_issues(), key=lambda i: i.path or "(package)"):
        out.append("")
        out.append(path)
        for issue in group:
            mark = "error" if issue.severity == "error" else "warning"
            place = [f"line {issue.line}" if issue.line else "", issue.field or ""]
            out.append("  " + "  ".join(p for p in [mark, *place, f"[{issue.rule}]"] if p))
            out += textwrap.wrap(issue.message, WIDTH, initial_indent="      ", subsequent_indent="      ")
    if verdict_last:
        out += [""] * bool(report.issues) + [verdict(report, strict)]
    return "\n".join(out) + "\n"


def to_json(report: Report, strict: bool = False) -> str:
    doc = {
        "format_version": JSON_FORMAT_VERSION,
        "source": report.source,
        "valid": report.valid,
        "strict": strict,
        "exit_code": report.exit_code(strict),
        "errors": [i.to_dict() for i in report.sorted_issues() if i.severity == "error"],
        "warnings": [i.to_dict() for i in report.sorted_issues() if i.severity == "warning"],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def repo_path(report: Report, issue: Issue) -> str | None:
    """The issue's file relative to the working directory, as GitHub wants it."""
    full = report.where.get(issue.path or "")
    if not full or not Path(full).is_absolute():
        return None  # inside a zip or at a URL: nothing in the checkout to point at
    try:
        return Path(os.path.relpath(full)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(full).as_posix()


def to_github(report: Report, strict: bool = False) -> str:
    out = []
    for issue in report.sorted_issues():
        level = "warning" if issue.severity == "warning" and not strict else "error"
        props = [f"file={_escape(p, True)}" for p in [repo_path(report, issue)] if p]
        props += [f"line={issue.line}"] if issue.line else []
        props.append(f"title={_escape(issue.rule, True)}")
        where = f"{issue.field}: " if issue.field else ""
        out.append(f"::{level} {','.join(props)}::{_escape(where + issue.message)}")
    out.append(_status(report, strict))
    return "\n".join(out) + "\n"


def to_markdown(report: Report, strict: bool = False) -> str:
    def cell(text: object) -> str:
        return str(text if text is not None else "").replace("|", "\\|").replace("\r", " ").replace("\n", " ")

    out = ["## Data validation", "", f"**{_status(report, strict)}** for `{report.source}`", ""]
    if report.issues:
        out += ["| | file | line | field | rule | message |", "|---|---|---|---|---|---|"]
        for i in report.sorted_issues():
            mark = "error" if i.severity == "error" else "warning"
            out.append(
                f"| {mark} | {cell(i.path)} | {cell(i.line)} | {cell(i.field)} | `{i.rule}` | {cell(i.message)} |"
            )
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[Report, bool], str]] = {
    "text": partial(to_text, verdict_last=True),
    "json": to_json,
    "github": to_github,
}


# ---- show ----------------------------------------------------------------------------------------
SHOW_WIDTH = 30  # wider text columns (quotes, notes) are named under the table, not printed
MIN_CELL = 8  # a chosen column is cut to fit the terminal, never below this many characters


def _shown(column: Any) -> Any:
    """A column as text: whole numbers without a decimal part, anything missing as a blank."""
    if str(column.dtype) == "Float64":
        return column.map(lambda v: str(int(v)) if float(v).is_integer() else repr(float(v)), na_action="ignore")
    return column.astype("string")


def key_fields(res: dict[str, Any]) -> list[str]:
    """The fields that name a row or point at another: the schema's primaryKey and foreignKeys."""

    def names(value: object) -> list[str]:  # one field's name, or a list of them
        if isinstance(value, str):
            return [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    schema = cast(dict[str, Any], res.get("schema")) if isinstance(res.get("schema"), dict) else {}
    keys = names(schema.get("primaryKey"))
    for fk in cast(list[Any], schema.get("foreignKeys")) if isinstance(schema.get("foreignKeys"), list) else []:
        keys += names(fk.get("fields")) if isinstance(fk, dict) else []
    return list(dict.fromkeys(keys))


def _unknown(what: str, name: str, where: str, known: list[str]) -> KeyError:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return KeyError(f"no {what} {name!r} in {where}{hint}; it has: {', '.join(known)}")


def _longest(column: Any) -> int:
    """The length of the column's longest cell; 0 for a table without rows."""
    return int(column.str.len().max()) if len(column) else 0


def _render(text: Any) -> str:
    from .rules.safety import escaped

    text = text.rename(columns=escaped)  # a descriptor's field names reach the terminal too
    return text.to_string(index=False) if len(text) else " ".join(text.columns)  # no rows: the header


def _line_width(text: Any) -> int:
    return max(len(line) for line in _render(text).splitlines())


def _cut(text: Any, keep: list[str], width: int) -> Any:
    """Chosen columns, their longest cells cut (widest first) until the lines fit ``width``."""
    text = text.copy()
    while (over := _line_width(text) - width) > 0:
        sizes = {c: _longest(text[c]) for c in text.columns if c not in keep}
        sizes = {c: n for c, n in sizes.items() if n > max(MIN_CELL, len(c))}
        if not sizes:
            break
        column = max(sizes, key=lambda c: sizes[c])
        limit = max(MIN_CELL, len(column), sizes[column] - over)
        text[column] = text[column].map(lambda v, n=limit: v if len(v) <= n else v[: n - 1] + "…")
    return text


def _drop(text: Any, keep: list[str], width: int) -> tuple[Any, list[str]]:
    """The table without its last columns but ``keep`` until the lines fit ``width``."""
    dropped: list[str] = []
    while _line_width(text) > width:
        others = [c for c in text.columns if c not in keep]
        if not others:
            break
        dropped.insert(0, others[-1])
        text = text.drop(columns=others[-1])
    return text, dropped


def show_tables(
    package: Package, names: list[str] | None = None, columns: list[str] | None = None, width: int | None = None
) -> str:
    """Tables of the package as plain text (``names``: these resources, else all of them): missing
    values blank, integers as integers.

    The key columns (primaryKey and foreignKeys) are always shown. ``columns``: these besides the
    keys, cut to fit ``width``. Otherwise every column but those wider than SHOW_WIDTH, and then,
    for a ``width``, the last ones until a line fits; the ones left out are named under the table.
    """
    from .loader import read_frame, summable
    from .rules.safety import escaped

    shown = package.resource_names if names is None else [str(package.resource(n).get("name")) for n in names]
    frames = {name: read_frame(package, name) for name in shown}
    if columns:
        known = list(dict.fromkeys(c for frame in frames.values() for c in frame.columns))
        where = repr(shown[0]) if len(shown) == 1 else f"any resource of {package.label}"
        for column in columns:
            if column not in known:
                raise _unknown("column", column, where, known)
    out = [f"Data package: {package.label}"]
    for name, frame in frames.items():
        if columns and not set(columns) & set(frame.columns):
            continue  # all resources, and this one has none of the columns asked for
        # Escaped as the rules' messages escape what they quote: a cell's escape sequence would
        # otherwise drive the terminal, and an invisible character hide in plain sight.
        text = frame.apply(_shown).fillna("").map(escaped)
        keep = [c for c in key_fields(package.resource(name)) if c in text.columns] or list(text.columns[:1])
        notes = []
        if columns:
            text = text[[c for c in text.columns if c in keep] + [c for c in columns if c not in keep]]
            text = _cut(text, keep, width) if width else text
        else:
            wide = [c for c in text.columns if c not in keep and _longest(text[c]) > SHOW_WIDTH]
            text = text.drop(columns=wide)
            narrowed: list[str] = []
            if width:
                text, narrowed = _drop(text, keep, width)
            if wide:
                notes.append(f"(not shown, too wide: {escaped(', '.join(wide))})")
            if narrowed:
                notes.append(
                    f"(not shown, to fit {width} columns: {escaped(', '.join(narrowed))}; pick with --columns)"
                )
        out += ["", f"{escaped(name)} ({len(frame)} rows)", _render(text), *notes]
        if "part_of" in frame:
            counts = [c for c in frame.columns if str(frame[c].dtype).lower() == "int64"]
            sums = ", ".join(f"{int(summable(frame, c)[c].sum()):,} {c}" for c in counts)
            out.append(f"Added up without counting a part twice (ff.summable(df, measure)): {sums}.")
    return "\n".join(out) + "\n"


# ---- diff --------------------------------------------------------------------------------------
def diff_to_text(diff: Diff) -> str:
    out = [f"Data diff: {diff.base} -> {diff.head}"]
    for _, what in diff.package:
        out.append(f"  package: {what}")
    for r in diff.resources:
        out += ["", f"{r.name} ({r.path})" + ("" if not r.empty else ": no changes")]
        out += [f"  schema: {what}" for _, what in r.schema]
        out += [f"  + {key}" for key in r.added]
        out += [f"  - {key}" for key in r.removed]
        for c in r.changed:
            out.append(f"  ~ {c.key}")
            for name, (old, new) in c.fields.items():
                flag = "   <- quote unchanged" if name in c.unsourced else ""
                out += textwrap.wrap(
                    f"{name}: {_quoted(old)} -> {_quoted(new)}{flag}",
                    WIDTH,
                    initial_indent="      ",
                    subsequent_indent="        ",
                )
    out.append("")
    out += [f"{'ok  ' if ok else 'FAIL'} {text}" for ok, text in diff.verdicts()]
    return "\n".join(out) + "\n"


def diff_to_json(diff: Diff) -> str:
    doc = {
        "format_version": JSON_FORMAT_VERSION,
        "base": diff.base,
        "head": diff.head,
        "base_version": diff.base_version,
        "head_version": diff.head_version,
        "needed_bump": diff.needed.name.lower(),
        "made_bump": diff.made.name.lower() if diff.made is not None else None,
        "version_ok": diff.version_ok,
        "changelog_entry": diff.changelog_entry,
        "changelog_ok": diff.changelog_ok,
        "quotes_ok": not diff.unsourced,
        "ok": diff.ok,
        "verdicts": [{"ok": ok, "message": text} for ok, text in diff.verdicts()],
        "package": [{"bump": b.name.lower(), "change": what} for b, what in diff.package],
        "resources": [
            {
                "name": r.name,
                "path": r.path,
                "schema": [{"bump": b.name.lower(), "change": what} for b, what in r.schema],
                "added": [{"key": k, "row": row} for k, row in r.added.items()],
                "removed": [{"key": k, "row": row} for k, row in r.removed.items()],
                "changed": [
                    {
                        "key": c.key,
                        "fields": {k: {"old": o, "new": n} for k, (o, n) in c.fields.items()},
                        "unsourced": c.unsourced,
                    }
                    for c in r.changed
                ],
            }
            for r in diff.resources
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _summary(row: dict[str, str], key: str) -> str:
    """A row's non-empty cells but its key, for a reviewer to read at a glance."""
    return ", ".join(f"{k}={v}" for k, v in row.items() if v and v != key)


def diff_to_markdown(diff: Diff) -> str:
    def cell(text: object) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    out = [f"## Data diff: `{diff.base}` → `{diff.head}`", ""]
    out += [f"- {'✅' if ok else '❌'} {cell(text)}" for ok, text in diff.verdicts()]
    out += [f"- package: {cell(what)}" for _, what in diff.package]
    for r in diff.resources:
        if r.empty:
            continue
        out += ["", f"### `{r.name}`", ""]
        out += [f"- schema: {cell(what)}" for _, what in r.schema]
        rows = [("added", k, "", "", _summary(row, k)) for k, row in r.added.items()]
        rows += [("removed", k, "", _summary(row, k), "") for k, row in r.removed.items()]
        for c in r.changed:
            for name, (old, new) in c.fields.items():
                rows.append(("changed", c.key, name, old, new + (" ⚠ quote unchanged" if name in c.unsourced else "")))
        if rows:
            out += ["| | row | field | old | new |", "|---|---|---|---|---|"]
            out += [f"| {a} | {cell(k)} | {cell(f)} | {cell(o)} | {cell(n)} |" for a, k, f, o, n in rows]
    return "\n".join(out) + "\n"


DIFF_FORMATS = {"text": diff_to_text, "json": diff_to_json, "markdown": diff_to_markdown}


def _quoted(value: object) -> str:
    """A changed cell as diff shows it: quoted, controls and invisible characters escaped."""
    from .rules.safety import quoted

    return quoted(value) if isinstance(value, str) else repr(value)
