"""Every rule, each defined once: its name, what it applies to, its severity, what it means, the
fields it reads, how it is checked and what it says when it fails.

A rule is registered where it is defined (one module per family). The README's rules section, the
report formats and the contract read the rules from here; naming a rule that is not defined is
an error, never a silent default.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from ..report import Severity

# descriptor: check(descriptor, bundled) -> messages; field: checked while reading (the reader, keys);
# rows: check(df, tables) -> Verdict over the rows of `applies_to`; cells: the same, per cell;
# table: check(df, tables) -> (field, message) for what the table as a whole lacks.
Kind = Literal["descriptor", "field", "rows", "cells", "table"]
FAMILIES = ("descriptor", "fields", "text", "safety", "figures", "evidence", "provenance", "headline")
STRING, INTEGER, NUMBER, BOOLEAN = "string", "integer", "number", "boolean"  # the field types a rule can read


class Verdict(NamedTuple):
    ok: Any  # a boolean Series (rows) or DataFrame (cells): True where the rule holds
    explain: Callable[..., tuple[str | None, str]]  # (row[, column]) -> (field, message)


@dataclass(frozen=True)
class Rule:
    name: str
    applies_to: str | tuple[str, ...]  # resource name(s), "datapackage.json" or "every CSV"
    summary: str
    kind: Kind
    severity: Severity = "error"
    # The fields the check needs, with their types: "field" of the resource checked, or
    # "resource:field" of another; the contract requires them.
    reads: dict[str, str] = field(default_factory=dict)
    check: Callable[..., Any] | None = None

    @property
    def targets(self) -> tuple[str, ...]:
        return (self.applies_to,) if isinstance(self.applies_to, str) else self.applies_to


RULES: dict[str, Rule] = {}
_ORDERED: dict[str, Rule] = {}  # RULES in the README's order


def define(rule: Rule) -> Rule:
    if rule.name in RULES:
        raise ValueError(f"rule {rule.name!r} is defined twice")
    RULES[rule.name] = rule
    return rule


def rule(name: str, applies_to: str | tuple[str, ...], summary: str, kind: Kind, *, severity: Severity = "error",
         reads: dict[str, str] | None = None) -> Callable[[Callable[..., Any]], Rule]:  # fmt: skip
    """Decorator: the function below is the rule's check."""

    def register(check: Callable[..., Any]) -> Rule:
        return define(Rule(name, applies_to, summary, kind, severity, dict(reads or {}), check))

    return register


def _family(r: Rule) -> int:
    if r.kind == "field":  # checked by the reader and keys, not by code of their own
        return FAMILIES.index("fields")
    assert r.check is not None  # every other kind is defined with its check
    return FAMILIES.index(r.check.__module__.rpartition(".")[2])


def all_rules() -> dict[str, Rule]:
    """Every rule, family by family in FAMILIES' order, each family in the order it defines them."""
    if len(_ORDERED) != len(RULES) or not RULES:  # computed once; every Issue looks its rule up here
        for family in FAMILIES:
            importlib.import_module(f"{__name__}.{family}")
        order = {name: i for i, name in enumerate(RULES)}
        _ORDERED.clear()
        _ORDERED.update((r.name, r) for r in sorted(RULES.values(), key=lambda r: (_family(r), order[r.name])))
    return _ORDERED


def get(name: str) -> Rule:
    try:
        return all_rules()[name]
    except KeyError:
        raise KeyError(f"no rule named {name!r}") from None
