"""Render a Report as text (people), JSON (programs) or GitHub annotations and a job summary."""

from __future__ import annotations

import json
import os
import textwrap
from itertools import groupby
from pathlib import Path

from .report import Issue, Report

WIDTH = 80
JSON_FORMAT_VERSION = 1


def _status(report: Report, strict: bool) -> str:
    word = "INVALID" if report.exit_code(strict) else "VALID"
    e, w = len(report.errors), len(report.warnings)
    return f"{word}: {e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}" + (" (--strict)" if strict else "")


def to_text(report: Report, strict: bool = False) -> str:
    out = [f"Data package: {report.source}", _status(report, strict)]
    for path, group in groupby(report.sorted_issues(), key=lambda i: i.path or "(package)"):
        out.append("")
        out.append(path)
        for issue in group:
            mark = "error" if issue.severity == "error" else "warning"
            place = [f"line {issue.line}" if issue.line else "", issue.field or ""]
            out.append("  " + "  ".join(p for p in [mark, *place, f"[{issue.rule}]"] if p))
            out += textwrap.wrap(issue.message, WIDTH, initial_indent="      ", subsequent_indent="      ")
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
    if not issue.path:
        return None
    full = Path(report.base) / issue.path
    try:
        return Path(os.path.relpath(full)).as_posix()
    except ValueError:  # another drive on Windows
        return full.as_posix()


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
        return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")

    out = ["## Data validation", "", f"**{_status(report, strict)}** for `{report.source}`", ""]
    if report.issues:
        out += ["| | file | line | field | rule | message |", "|---|---|---|---|---|---|"]
        for i in report.sorted_issues():
            mark = "error" if i.severity == "error" else "warning"
            out.append(
                f"| {mark} | {cell(i.path)} | {cell(i.line)} | {cell(i.field)} | `{i.rule}` | {cell(i.message)} |"
            )
    return "\n".join(out) + "\n"


FORMATS = {"text": to_text, "json": to_json, "github": to_github}
