"""``schema()``: a resource as a pandera ``DataFrameSchema``: its Table Schema's fields and
constraints as columns and column checks, and the package's rules as checks on the whole frame."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from .dtypes import dtype, primary_key, table_schema
from .errors import SourceError, require_extra
from .loader import read_frame
from .package import open_package
from .rules import Rule, all_rules, reference

if TYPE_CHECKING:
    import pandera.pandas as pa

EXTRA = ("pandera", "pycountry", "num2words")  # the validate extra's modules that the checks use


def schema(
    resource: str = "fighters-by-origin",
    *,
    source: str | os.PathLike[str] | None = None,
    tables: Mapping[str, pd.DataFrame] | None = None,
) -> pa.DataFrameSchema:
    """The pandera ``DataFrameSchema`` of one resource: check a frame you edited with
    ``schema(name).validate(df, lazy=True)``, which raises pandera's ``SchemaErrors`` naming
    each broken rule (or column constraint) and row.

    Its columns are the resource's fields, in order and no others, with the dtypes ``load()``
    gives and the fields' constraints as checks (``isin``, ``greater_than_or_equal_to``,
    ``less_than_or_equal_to``, ``in_range``, ``str_length``, ``str_matches``, ``unique``;
    nullable unless required or in the primary key). Each rule on the resource's rows or cells,
    and on the table as a whole, is a check named after the rule; a warning only warns.

    ``source``: the package whose descriptor and rule references are used, as for ``load()``;
    by default the copy installed with this package. ``tables``: the other resources' frames
    that cross-table rules read, by name; those it lacks are loaded from ``source``.
    Raises ``KeyError`` for an unknown resource. Needs the ``validate`` extra.
    """
    require_extra("schema()", EXTRA)
    import pandera.pandas as pa

    package = open_package(source)
    res = package.resource(resource)
    name = str(res["name"])
    described = table_schema(res)
    if described is None:
        raise SourceError(f"resource {name!r} has no usable table schema")
    key = primary_key(described)
    rules = [r for r in all_rules().values() if applies(r, name)]
    frames = dict(tables or {})
    for other in sorted({k.rpartition(":")[0] for r in rules for k in r.reads} - {"", name, *frames}):
        frames[other] = read_frame(package, other)
    keys = [k for k in described.get("foreignKeys") or [] if isinstance(k, dict)]
    for fk in keys:
        target = (fk.get("reference") or {}).get("resource") or name
        if target != name and target not in frames:
            frames[target] = read_frame(package, target)
    names = reference.of_package(package)[0]
    return pa.DataFrameSchema(
        {f["name"]: column(f, key) for f in described["fields"]},
        checks=[rule_check(r, name, frames, names) for r in rules]
        + [foreign_key_check(fk, name, frames) for fk in keys],
        unique=key if len(key) > 1 else None,  # one key field: that column is unique
        strict=True,
        ordered=True,
        coerce=False,  # checks the dtypes load() gives; does not cast an edited frame into them
        name=name,
        title=res.get("title"),
        description=res.get("description"),
    )


def foreign_key_check(fk: dict[str, Any], resource: str, frames: Mapping[str, pd.DataFrame]) -> pa.Check:
    """A foreign key as a check named ``foreign-key``: False for each row whose key names no row of
    the referenced table (the frame under validation itself, for a key within one resource)."""
    import pandera.pandas as pa

    from .keys import dangling, names_of

    ref = fk.get("reference") or {}
    own, theirs = names_of(fk.get("fields")), names_of(ref.get("fields"))
    target = ref.get("resource") or resource

    def holds(df: pd.DataFrame) -> pd.Series:
        other = df if target == resource else frames[target]
        return ~dangling(df, own, other, theirs)

    shown = f"{', '.join(own)} -> {target}.{', '.join(theirs)}"
    return pa.Check(holds, name="foreign-key", error="foreign-key", description=f"each {shown} names a row that exists")


def applies(r: Rule, resource: str) -> bool:
    """A rule checked on the frame of ``resource``: its rows, its cells or the table as a whole."""
    if r.kind not in ("rows", "cells", "table"):
        return False
    return resource in r.targets or (r.kind != "rows" and r.applies_to == "every CSV")


def column(field: dict[str, Any], key: list[str]) -> pa.Column:
    """A field as a column, its constraints as checks, as pandera's ``from_frictionless_schema``
    maps them (but for its dtype and its pattern, which we anchor as a group)."""
    import pandera.pandas as pa

    constraints = field.get("constraints", {})
    return pa.Column(
        dtype(field),
        checks=constraint_checks(constraints),
        nullable=not constraints.get("required", False) and field["name"] not in key,
        unique=bool(constraints.get("unique", False)) or key == [field["name"]],
        required=True,
        name=field["name"],
        title=field.get("title"),
        description=field.get("description"),
    )


def constraint_checks(constraints: dict[str, Any]) -> list[pa.Check]:
    import pandera.pandas as pa

    left = dict(constraints)
    checks = []
    if "minimum" in left and "maximum" in left:
        checks.append(pa.Check.in_range(left.pop("minimum"), left.pop("maximum")))
    if "minLength" in left and "maxLength" in left:
        checks.append(pa.Check.str_length(left.pop("minLength"), left.pop("maxLength")))
    for kind, value in left.items():
        if kind == "minimum":
            checks.append(pa.Check.ge(value))
        elif kind == "maximum":
            checks.append(pa.Check.le(value))
        elif kind == "minLength":
            checks.append(pa.Check.str_length(value, None))
        elif kind == "maxLength":
            checks.append(pa.Check.str_length(None, value))
        elif kind == "pattern":  # a Table Schema pattern matches the whole value
            checks.append(pa.Check.str_matches(f"^(?:{value})$"))
        elif kind == "enum":
            checks.append(pa.Check.isin(value))
    return checks


# Set while validate() runs a schema: each check leaves its rule's finding here (the Verdict, the
# table rule's messages, or what it raised), so the report words it from that same computation.
_FINDINGS: ContextVar[dict[str, Any] | None] = ContextVar("findings", default=None)


class Tables(dict[str, pd.DataFrame]):
    """The frames a check reads, by resource name; its repr is short, since pandera writes a
    check's statistics into its error text (and would print every frame)."""

    def __repr__(self) -> str:
        return f"Tables({', '.join(self)})"


def method_name(rule: str) -> str:
    """The pandera check method of a rule: ``pa.Check.returned_le_departed`` for returned-le-departed."""
    return rule.replace("-", "_")


def register() -> None:
    """Each rows, cells and table rule as a pandera check method, registered once per process:
    ``pa.Check.<rule>(resource=..., tables=..., names=...)`` returns True per row (rows), per cell
    (cells) or for the table (table)."""
    import pandera.pandas as pa
    from pandera.api.extensions import register_check_method

    for r in all_rules().values():
        if r.kind in ("rows", "cells", "table") and method_name(r.name) not in pa.Check.REGISTERED_CUSTOM_CHECKS:
            register_check_method(_holds(r), statistics=["resource", "tables", "names"])


def _holds(r: Rule) -> Callable[..., Any]:
    def holds(df: pd.DataFrame, *, resource: str, tables: Mapping[str, pd.DataFrame], names: Any) -> Any:
        findings = _FINDINGS.get()
        check = all_rules()[r.name].check  # the rule as defined now, not as first registered
        assert check is not None  # a rows, cells or table rule is defined with its check
        try:
            with reference.using(names):
                found: Any = check(df, {**tables, resource: df})
                found = list(found) if r.kind == "table" else found
        except Exception as exc:
            if findings is None:
                raise  # pandera reports it as the check's error
            findings[r.name] = exc  # validate(): the rule could not run; it fails no row
            return True
        if findings is not None:
            findings[r.name] = found
        if r.kind == "table":
            return not found
        # All held: one boolean, which pandera takes as it is; a frame or Series only when some
        # row failed, for its failure cases to name them (it masks the whole table per frame).
        ok = found.ok
        return True if bool(ok.to_numpy().all()) else ok

    holds.__name__ = method_name(r.name)
    return holds


def rule_check(
    r: Rule, resource: str, frames: Mapping[str, pd.DataFrame], names: reference.Reference, *, warn: bool = True
) -> pa.Check:
    """The rule's registered check, bound to a resource: cross-table rules read ``frames``, with
    the frame under validation in place of its resource's. ``warn``: a warning rule only warns
    (pandera's SchemaWarning); else it fails rows like an error, for the report to word."""
    import pandera.pandas as pa

    register()
    method = getattr(pa.Check, method_name(r.name))
    # error (not only name): pandera's failure_cases name a check by its error, and they must
    # name the rule; it also keeps pandera from writing the frames into a default error text.
    return cast(
        pa.Check,
        method(
            resource=resource,
            tables=frames if isinstance(frames, Tables) else Tables(frames),
            names=names,
            error=r.name,
            description=r.summary,
            raise_warning=warn and r.severity == "warning",
        ),
    )


def rule_schema(
    resource: str, rules: list[Rule], frames: Mapping[str, pd.DataFrame], names: reference.Reference
) -> pa.DataFrameSchema:
    """The rules alone, as a schema without columns: what validate() runs on a table the reader
    has already typed and checked cell by cell."""
    import pandera.pandas as pa

    checks = [rule_check(r, resource, frames, names, warn=False) for r in rules]  # the report says which warn
    return pa.DataFrameSchema(checks=checks, name=resource)


@contextmanager
def findings() -> Iterator[dict[str, Any]]:
    """While it is open, each rule check run records its finding by rule name."""
    found: dict[str, Any] = {}
    token = _FINDINGS.set(found)
    try:
        yield found
    finally:
        _FINDINGS.reset(token)
