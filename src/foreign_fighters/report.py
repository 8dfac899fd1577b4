"""What validation found: issues with a place (resource, file, line, field) and a defined rule.
Plain data: reading a report imports neither the rules nor pandas."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    rule: str  # a defined rule's name
    message: str
    resource: str | None = None  # None for the descriptor itself
    path: str | None = None  # file the issue is in, relative to the package folder
    line: int | None = None  # physical CSV line, the header being line 1
    field: str | None = None
    severity: Severity = "error"  # the rule's, set by validate()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    source: str  # the full path or URL that was checked
    where: dict[str, str] = field(default_factory=dict)  # an issue's path -> where that file is
    issues: list[Issue] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for benchmarks

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not self.errors

    def exit_code(self, strict: bool = False) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0

    def sorted_issues(self) -> list[Issue]:
        return sorted(self.issues, key=lambda i: (i.path or "", i.line or 0, i.field or "", i.rule))
