"""What the rules expect of datapackage.json, as code: the resources they read, where, the fields
and types they need, the constraints and keys they rely on, and the syntax they accept.

``validate`` compares the descriptor with it before a byte of data is read, so the data under
review cannot switch a rule off: renaming a resource, moving a schema out of line, dropping a key
or loosening a constraint is an error that names what differs. A field that no rule reads and no
constraint below names stays free: adding one touches only the CSV and its schema. Changing this
file changes what every pull request is held to; it is reviewed as code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from .vocabulary import EVIDENCE, HEADLINE, MEASURES, ORIGIN_TYPES, ORIGINS, QUALIFIERS, SOURCES, UNITS

# Names become file names (release artifacts) and spreadsheet headers: plain words only.
RESOURCE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
TYPES = ("string", "integer", "number", "boolean")  # the types the reader reads
CONSTRAINT_KEYS = {"required", "unique", "enum", "minimum", "maximum", "pattern", "minLength", "maxLength"}
# Numbers are canonical (see reader.py): these would let "9,999" or "9999 people" read as numbers.
NUMBER_SYNTAX_KEYS = ("bareNumber", "groupChar", "decimalChar")
FIELD_KEYS = {"name", "type", "title", "description", "constraints", "example", "format", "rdfType"}
RESOURCE_KEYS = {
    "name", "type", "path", "title", "description", "format", "mediatype", "encoding", "schema", "dialect",
    "hash", "bytes", "sources", "licenses", "$schema",
}  # fmt: skip


@dataclass(frozen=True)
class Field:
    type: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class Table:
    path: str
    primary_key: tuple[str, ...]
    fields: dict[str, Field] = field(default_factory=dict)
    # (fields, referenced resource or "" for the table itself, referenced fields)
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()


TEXT = r"^\S(.*\S)?$"

# The constraints the rules rely on. The fields each rule reads (and their types) are added to
# these by ``tables()``, from the rules' own definitions.
DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
MEASURE = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
SOURCE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
URL = r"^https?://[^\s/?#]+[^\s]*$"

# The constraints the rules rely on. The fields each rule reads (and their types) are added to
# these by ``tables()``, from the rules' own definitions.
CONSTRAINTS: dict[str, Table] = {
    ORIGINS: Table(
        path="data/fighters-by-origin.csv",
        primary_key=("origin",),
        foreign_keys=((("part_of",), "", ("origin",)),),
        fields={
            "origin": Field("string", required=True, unique=True, pattern=TEXT),
            "origin_type": Field("string", required=True, enum=ORIGIN_TYPES),
            "iso3": Field("string", pattern=r"^[A-Z]{3}$"),
            "part_of": Field("string"),
            "departed": Field("integer", minimum=0),
            "departed_qualifier": Field("string", enum=QUALIFIERS),
            "returned": Field("integer", minimum=0),
            "returned_qualifier": Field("string", enum=QUALIFIERS),
            "returned_percent": Field("number", minimum=0, maximum=100),
        },
    ),
    EVIDENCE: Table(
        path="data/figures-by-source.csv",
        primary_key=("origin", "measure", "source"),
        foreign_keys=((("origin",), ORIGINS, ("origin",)), (("source",), SOURCES, ("source",))),
        fields={
            "origin": Field("string", required=True),
            "measure": Field("string", required=True, enum=MEASURES),
            "value": Field("number", required=True, minimum=0),
            "qualifier": Field("string", enum=QUALIFIERS),
            "source": Field("string", required=True),
            "quote": Field("string", required=True, pattern=TEXT),
            "quote_en": Field("string"),
            "as_of": Field("string", pattern=DATE),
        },
    ),
    SOURCES: Table(
        path="data/sources.csv",
        primary_key=("source",),
        foreign_keys=((("copy_of",), "", ("source",)),),
        fields={
            "source": Field("string", required=True, unique=True, pattern=SOURCE_ID),
            "outlet": Field("string", required=True, pattern=TEXT),
            "url": Field("string", required=True, pattern=URL),
            "published": Field("string", required=True, pattern=DATE),
            "language": Field("string", required=True, pattern=r"^[a-z]{2}$"),
            "copy_of": Field("string"),
            "preferred": Field("boolean", required=True),
        },
    ),
    HEADLINE: Table(
        path="data/headline-figures.csv",
        primary_key=("measure",),
        foreign_keys=((("source",), SOURCES, ("source",)),),
        fields={
            "measure": Field("string", required=True, unique=True, pattern=MEASURE),
            "value": Field("number", required=True, minimum=0),
            "unit": Field("string", required=True, enum=UNITS),
            "qualifier": Field("string", enum=QUALIFIERS),
            "description": Field("string", required=True),
            "source": Field("string", required=True),
            "quote": Field("string", required=True, pattern=TEXT),
        },
    ),
}


class Reads(Protocol):
    """What the contract needs of a rule (a ``rules.Rule``): the fields it reads, where."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def targets(self) -> tuple[str, ...]: ...
    @property
    def reads(self) -> Mapping[str, str]: ...


def tables(rules: Iterable[Reads]) -> dict[str, Table]:
    """The contract: CONSTRAINTS, with every field a rule reads. A rule that reads a field with
    another type than CONSTRAINTS gives is a bug here, not in the data.

    ``rules``: every rule (``rules.all_rules().values()``), given by the caller: the registry's
    descriptor family reads this module, so this module does not read the registry."""
    out = {name: Table(t.path, t.primary_key, dict(t.fields), t.foreign_keys) for name, t in CONSTRAINTS.items()}
    for r in rules:
        for target in r.targets if r.kind == "rows" else ():
            for key, kind in r.reads.items():
                other, _, name = key.rpartition(":")
                table = out[other or target]
                have = table.fields.setdefault(name, Field(kind))
                if have.type != kind:
                    raise TypeError(
                        f"rule {r.name} reads {other or target}.{name} as {kind}, the contract says {have.type}"
                    )
    return out


def problems(descriptor: dict[str, Any], rules: Iterable[Reads]) -> Iterator[tuple[str, str]]:
    """(rule, message) for each way the descriptor departs from the contract: rule "contract"
    (an error) or "extra-resource" (a warning: a table of someone's own that no rule reads).
    ``rules``: as for ``tables()``."""
    expected = tables(rules)
    resources = [r for r in _list(descriptor.get("resources")) if isinstance(r, dict)]
    names = [r.get("name") for r in resources]
    for name in sorted({n for n in names if names.count(n) > 1}, key=str):
        yield "contract", f"resource {name!r} appears {names.count(name)} times"
    for name in expected:
        if name not in names:
            yield "contract", f"resource {name!r} is missing (renamed or removed?): the rules read it"
    yield from (("contract", m) for m in _keys_resolve(resources))
    for res in resources:
        name = res.get("name")
        if not isinstance(name, str) or not RESOURCE_NAME.match(name):
            yield "contract", f"resource name {str(name)[:60]!r} is not lower-case words joined by '-'"
        elif name not in expected:
            yield "extra-resource", f"resource {name!r} is not one the rules read: only its field rules are checked"
        yield from (("contract", m) for m in _resource(res, expected.get(name) if isinstance(name, str) else None))


def _resource(res: dict[str, Any], table: Table | None) -> Iterator[str]:
    name = res.get("name")
    where = f"resource {str(name)[:60]!r}"
    for key in sorted(set(res) - RESOURCE_KEYS):
        yield f"{where}: property {key[:60]!r} is not one this package reads"
    if table is not None and res.get("path") != table.path:
        yield f"{where}: path {str(res.get('path'))[:80]!r} should be {table.path!r}"
    if res.get("format", "csv") != "csv" or str(res.get("encoding", "utf-8")).lower() != "utf-8":
        yield f"{where}: must be CSV in UTF-8"
    dialect = res.get("dialect", {})
    if not isinstance(dialect, dict):
        yield f"{where}: dialect must be written inline, as an object"
    schema = res.get("schema")
    if not isinstance(schema, dict):
        yield f"{where}: the schema must be written inline, as an object (not a path or URL)"
        return
    if schema.get("missingValues", [""]) != [""]:
        yield f'{where}: missingValues must be [""] (an empty cell is the one missing value)'
    fields = schema.get("fields")
    if not isinstance(fields, list):
        return  # descriptor-schema says what is wrong with it
    by_name: dict[str, dict[str, Any]] = {}
    for f in fields:
        if isinstance(f, dict) and isinstance(f.get("name"), str):
            by_name.setdefault(f["name"], f)
            yield from _field_syntax(where, f, table)
    if table is None:
        return
    for fname, want in table.fields.items():
        have = by_name.get(fname)
        if have is None:
            yield f"{where}: field {fname!r} is missing (renamed or removed?): the rules read it"
        else:
            yield from _constraints(where, fname, have, want)
    if _key(schema.get("primaryKey")) != table.primary_key:
        yield f"{where}: primaryKey must be {list(table.primary_key)}, not {schema.get('primaryKey')!r}"
    declared = {_foreign_key(fk) for fk in _list(schema.get("foreignKeys")) if isinstance(fk, dict)}
    for fk in table.foreign_keys:
        if fk not in declared:
            yield f"{where}: foreign key {list(fk[0])} -> {fk[1] or name}.{list(fk[2])} is missing"


def _keys_resolve(resources: list[dict[str, Any]]) -> Iterator[str]:
    """Every key names fields that exist: the rows' keys are checked on these, so a key that
    names nothing is the descriptor's error, not a silent skip."""
    fields = {}
    for res in resources:
        schema = res.get("schema")
        if isinstance(schema, dict) and isinstance(schema.get("fields"), list):
            fields[res.get("name")] = {f.get("name") for f in schema["fields"] if isinstance(f, dict)}
    for res in resources:
        name, schema = res.get("name"), res.get("schema")
        if name not in fields or not isinstance(schema, dict):
            continue
        where = f"resource {str(name)[:60]!r}"
        for key in _key(schema.get("primaryKey")):
            if key not in fields[name]:
                yield f"{where}: primaryKey names {key[:60]!r}, which is not one of its fields"
        for fk in _list(schema.get("foreignKeys")):
            if not isinstance(fk, dict):
                continue
            own, named, theirs = _foreign_key(fk)
            target = named or name
            shown = f"{where}: foreign key {list(own)} -> {str(target)[:60]}.{list(theirs)}"
            if not own or len(own) != len(theirs):
                yield f"{shown} must name as many fields on each side, at least one"
            elif missing := [f for f in own if f not in fields[name]]:
                yield f"{shown} names {missing}, not fields of {str(name)[:60]!r}"
            elif target not in fields:
                yield f"{shown} names a resource the package does not have"
            elif missing := [f for f in theirs if f not in fields[target]]:
                yield f"{shown} names {missing}, not fields of {str(target)[:60]!r}"


def _field_syntax(where: str, f: dict[str, Any], table: Table | None) -> Iterator[str]:
    fname = f["name"]
    if not FIELD_NAME.match(fname):
        yield f"{where}: field name {fname[:60]!r} is not lower-case letters, digits and '_'"
    for key in sorted(set(f) - FIELD_KEYS):
        shown = key[:60]
        why = "numbers are written plainly here" if key in NUMBER_SYNTAX_KEYS else "not one this package reads"
        yield f"{where}: field {fname[:60]!r} has {shown!r}: {why}"
    if f.get("type", "string") not in TYPES:
        yield f"{where}: field {fname[:60]!r} has type {str(f.get('type'))[:40]!r}; this package reads {', '.join(TYPES)}"
    if f.get("format", "default") != "default":
        yield f"{where}: field {fname[:60]!r} has format {str(f.get('format'))[:40]!r}; only the default is read"
    c = f.get("constraints", {})
    if not isinstance(c, dict):
        return
    for key in sorted(set(c) - CONSTRAINT_KEYS):
        yield f"{where}: field {fname[:60]!r} has constraint {key[:60]!r}, which this package does not check"
    contracted = table.fields.get(fname) if table else None
    if "pattern" in c and (contracted is None or c["pattern"] != contracted.pattern):
        # A pattern runs on every cell: only the contract's, reviewed as code, may run.
        yield f"{where}: field {fname[:60]!r} has a pattern the contract does not give it: {str(c['pattern'])[:80]!r}"


def _constraints(where: str, fname: str, have: dict[str, Any], want: Field) -> Iterator[str]:
    what = f"{where}: field {fname!r}"
    if have.get("type", "string") != want.type:
        yield f"{what} must be of type {want.type}, not {have.get('type', 'string')}"
    c = have.get("constraints", {})
    c = c if isinstance(c, dict) else {}
    if want.required and c.get("required") is not True:
        yield f"{what} must be required"
    if want.unique and c.get("unique") is not True:
        yield f"{what} must be unique"
    if want.enum is not None:
        enum = c.get("enum")
        if not isinstance(enum, list) or not enum or not set(map(str, enum)) <= set(want.enum):
            yield f"{what} must keep an enum within {list(want.enum)}, not {enum!r}"
    if want.minimum is not None and not _at_least(c.get("minimum"), want.minimum):
        yield f"{what} must keep minimum {want.minimum:g} or more, not {c.get('minimum')!r}"
    if want.maximum is not None and not _at_least(-_number(c.get("maximum")), -want.maximum):
        yield f"{what} must keep maximum {want.maximum:g} or less, not {c.get('maximum')!r}"
    if want.pattern is not None and c.get("pattern") != want.pattern:
        yield f"{what} must keep the pattern {want.pattern!r}, not {c.get('pattern')!r}"


def _list(value: object) -> list[Any]:
    """A list the descriptor gives, or none: a value of another type is descriptor-schema's to report."""
    return value if isinstance(value, list) else []


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else float("nan")


def _at_least(value: object, bound: float) -> bool:
    return _number(value) >= bound  # NaN (absent, not a number) compares False


def _key(value: object) -> tuple[str, ...]:
    return (
        (value,)
        if isinstance(value, str)
        else tuple(v for v in value if isinstance(v, str))
        if isinstance(value, list)
        else ()
    )


def _foreign_key(fk: dict[str, Any]) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    ref = cast(dict[str, Any], fk.get("reference")) if isinstance(fk.get("reference"), dict) else {}
    resource = ref.get("resource", "")
    return _key(fk.get("fields")), resource if isinstance(resource, str) else "?", _key(ref.get("fields"))
