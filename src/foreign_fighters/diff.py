"""What a change does to the data, and the version bump it needs under the design's SemVer rules.

MAJOR: a field or resource removed or renamed, a type changed, a constraint or key tightened, a
row removed. MINOR: rows, fields or resources added. PATCH: values or metadata corrected,
constraints loosened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, cast

from . import limits, reader
from .errors import SourceError
from .package import Contents, Package

IGNORED_KEYS = {"version", "hash", "bytes", "resources", "created"}
FIGURE_TYPES = {"integer", "number"}
QUOTE_FIELDS = ("source_text", "quote")  # the words a figure comes from: a changed figure changes them too


class Bump(IntEnum):
    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3


@dataclass
class RowChange:
    key: str
    fields: dict[str, tuple[str, str]]  # field -> (old, new)
    unsourced: list[str] = field(default_factory=list)  # figures changed while their quote did not


@dataclass
class ResourceDiff:
    name: str
    path: str
    added: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> row
    removed: dict[str, dict[str, str]] = field(default_factory=dict)
    changed: list[RowChange] = field(default_factory=list)
    schema: list[tuple[Bump, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.schema)


@dataclass
class Diff:
    base: str
    head: str
    base_version: str
    head_version: str
    resources: list[ResourceDiff]
    package: list[tuple[Bump, str]]  # descriptor-level changes
    changelog_entry: bool | None  # None: the head has no CHANGELOG.md

    @property
    def needed(self) -> Bump:
        levels = [b for b, _ in self.package]
        for r in self.resources:
            levels += [b for b, _ in r.schema]
            levels += [Bump.MAJOR] * bool(r.removed) + [Bump.MINOR] * bool(r.added) + [Bump.PATCH] * bool(r.changed)
        return max(levels, default=Bump.NONE)

    @property
    def made(self) -> Bump | None:
        """The bump from base to head version; None if the version went down or is not SemVer."""
        old, new = _semver(self.base_version), _semver(self.head_version)
        if old is None or new is None or new < old:
            return None
        for level, i in ((Bump.MAJOR, 0), (Bump.MINOR, 1), (Bump.PATCH, 2)):
            if new[i] != old[i]:
                return level
        return Bump.NONE

    @property
    def version_ok(self) -> bool:
        made = self.made
        return made is not None and (made >= self.needed if self.needed else True)

    @property
    def changelog_ok(self) -> bool:
        return not self.needed or (self.made != Bump.NONE and bool(self.changelog_entry))

    @property
    def unsourced(self) -> list[tuple[str, RowChange]]:
        return [(r.name, c) for r in self.resources for c in r.changed if c.unsourced]

    @property
    def ok(self) -> bool:
        return self.version_ok and self.changelog_ok and not self.unsourced

    def verdicts(self) -> list[tuple[bool, str]]:
        """What was checked, as (kept, words): the same for every format."""
        needed = {0: "no bump", 1: "a PATCH bump", 2: "a MINOR bump", 3: "a MAJOR bump"}[self.needed]
        made = "not SemVer, or lower" if self.made is None else self.made.name.lower().replace("none", "unchanged")
        out = [
            (
                self.version_ok,
                f"version {self.base_version} -> {self.head_version} ({made}); this change needs {needed}",
            )
        ]
        if self.needed:
            if self.made in (None, Bump.NONE):
                text = "CHANGELOG.md needs an entry for the new version"
            else:
                entry = {None: "is missing", True: "has an entry", False: "has no entry"}[self.changelog_entry]
                text = f"CHANGELOG.md {entry} for {self.head_version}"
            out.append((self.changelog_ok, text))
        for resource, change in self.unsourced:
            fields = ", ".join(change.unsourced)
            out.append((False, f"{resource} {change.key}: {fields} changed but its quote did not"))
        return out


def _semver(version: str) -> tuple[int, int, int] | None:
    m = re.match(r"^(\d+)\.(\d+)\.(\d+)", str(version))
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def _rows(package: Package, res: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The resource's rows as text cells, keyed by primary key, read as load() and validate() read
    them (declared dialect and encoding)."""
    # Whatever size the descriptor declares: a diff compares what is there. A file that cannot be
    # read at all (missing, unsafe, not a regular file) is the caller's SourceError, exit 2.
    path = package.path_of(res)
    try:
        table = reader.read(Contents.of(res, path, package.source.read(path, limits.MAX_BYTES)))
    except SourceError as exc:
        if "no usable table schema" in str(exc):
            return {}  # no schema to read it by: the schema changes say what happened
        raise
    unreadable = [p for p in table.problems if p.rule == "encoding-utf-8"]
    if unreadable:  # no row could be read: compared as they stand, every row would look removed
        raise SourceError(f"{path}: {unreadable[0].message}; run 'foreign-fighters validate'")
    key = table.primary_key or list(table.cells.columns[:1])
    rows = {}
    for record in table.cells.astype(object).to_dict("records"):
        rows[" / ".join(str(record.get(k, "")) for k in key)] = {cast(str, k): str(v) for k, v in record.items()}
    return rows


def _fields(res: dict[str, Any]) -> dict[str, dict[str, Any]]:
    schema = _dict(res.get("schema"))
    fields = cast(list[Any], schema.get("fields")) if isinstance(schema.get("fields"), list) else []
    return {f["name"]: f for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)}


def _numbers(*values: object) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _constraint_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> list[tuple[Bump, str]]:
    out = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if key == "enum" and isinstance(a, list) and isinstance(b, list):
            tighter = not all(v in b for v in a)
        elif key in ("required", "unique"):
            tighter = bool(b) and not a
        elif key in ("minimum", "minLength", "exclusiveMinimum") and _numbers(a, b):
            tighter = cast(float, b) > cast(float, a)  # numbers: _numbers checked them
        elif key in ("maximum", "maxLength", "exclusiveMaximum") and _numbers(a, b):
            tighter = cast(float, b) < cast(float, a)
        else:
            tighter = b is not None  # added or changed: assume it rejects something it took before
        level = Bump.MAJOR if tighter else Bump.PATCH
        out.append(
            (level, f"field {name!r}: constraint {key} {a!r} -> {b!r} ({'tightened' if tighter else 'loosened'})")
        )
    return out


def _schema_changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[Bump, str]]:
    before, after = _fields(old), _fields(new)
    out: list[tuple[Bump, str]] = []
    out += [(Bump.MAJOR, f"field {n!r} removed or renamed") for n in before if n not in after]
    out += [(Bump.MINOR, f"field {n!r} added") for n in after if n not in before]
    for name in before.keys() & after.keys():
        a, b = before[name], after[name]
        if a.get("type", "string") != b.get("type", "string"):
            out.append((Bump.MAJOR, f"field {name!r}: type {a.get('type')} -> {b.get('type')}"))
        out += _constraint_changes(name, _dict(a.get("constraints")), _dict(b.get("constraints")))
        for key in ("description", "title", "format"):
            if a.get(key) != b.get(key):
                out.append((Bump.PATCH, f"field {name!r}: {key} changed"))
    if list(before) != list(after) and set(before) == set(after):
        out.append((Bump.MAJOR, "fields reordered"))
    old_schema, new_schema = _dict(old.get("schema")), _dict(new.get("schema"))
    for key in ("primaryKey", "foreignKeys", "missingValues"):
        if old_schema.get(key) != new_schema.get(key):
            out.append((Bump.MAJOR, f"{key} changed"))
    return out


def _resource_diff(
    base: Package, head: Package, old: dict[str, Any] | None, new: dict[str, Any] | None
) -> ResourceDiff:
    res = new if new is not None else old
    assert res is not None
    diff = ResourceDiff(str(res.get("name")), str(res.get("path")))
    if old is None or new is None:
        return diff
    diff.schema = _schema_changes(old, new)
    before, after = _rows(base, old), _rows(head, new)
    figures = {n for n, f in _fields(new).items() if isinstance(f.get("type"), str) and f["type"] in FIGURE_TYPES}
    diff.added = {k: row for k, row in after.items() if k not in before}
    diff.removed = {k: row for k, row in before.items() if k not in after}
    for key in before.keys() & after.keys():
        a, b = before[key], after[key]
        changed = {f: (a.get(f, ""), b.get(f, "")) for f in dict.fromkeys([*a, *b]) if a.get(f, "") != b.get(f, "")}
        if changed:
            quotes = [q for q in QUOTE_FIELDS if q in b]
            unsourced = [] if not quotes or any(q in changed for q in quotes) else sorted(figures & changed.keys())
            diff.changed.append(RowChange(key, changed, unsourced))
    position = {key: i for i, key in enumerate(after)}
    diff.changed.sort(key=lambda c: position[c.key])
    return diff


def compare(base: Package, head: Package, base_label: str, head_label: str) -> Diff:
    def by_name(p: Package) -> dict[str, dict[str, Any]]:
        return {str(r.get("name")): r for r in p.descriptor["resources"] if isinstance(r, dict)}

    old, new = by_name(base), by_name(head)
    resources, package = [], []
    for name in dict.fromkeys([*new, *old]):
        if name not in new:
            package.append((Bump.MAJOR, f"resource {name!r} removed"))
        elif name not in old:
            package.append((Bump.MINOR, f"resource {name!r} added"))
        resources.append(_resource_diff(base, head, old.get(name), new.get(name)))
    for key in sorted((base.descriptor.keys() | head.descriptor.keys()) - IGNORED_KEYS):
        if base.descriptor.get(key) != head.descriptor.get(key):
            package.append((Bump.PATCH, f"{key} changed"))
    head_version = str(head.descriptor.get("version", ""))
    changelog = head.read_extra("CHANGELOG.md")
    entry = None
    if changelog is not None:
        text = changelog.decode("utf-8", errors="replace")
        entry = re.search(rf"^##\s*\[?v?{re.escape(head_version)}\]?", text, re.M) is not None
    return Diff(
        base_label, head_label, str(base.descriptor.get("version", "")), head_version, resources, package, entry
    )
