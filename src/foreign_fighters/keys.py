"""The keys of the Table Schemas, across the typed tables: primary keys and ``unique`` fields hold
no value twice, and each foreign key names a row that exists. Vectorised: one pass per key."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pandas as pd

from .dtypes import primary_key
from .reader import Problem, Table

Tables = Mapping[str, tuple[Table, pd.DataFrame]]


def primary_keys(tables: Tables) -> Iterator[tuple[str, Problem]]:
    for name, (table, frame) in tables.items():
        key = primary_key(table.schema)
        if key and set(key) <= set(frame.columns):  # else the contract reports the descriptor
            yield from ((name, p) for p in _repeats(table, frame, key, "primary-key"))


def unique_fields(tables: Tables) -> Iterator[tuple[str, Problem]]:
    for name, (table, frame) in tables.items():
        key = primary_key(table.schema)
        for f in table.schema["fields"]:
            c = f.get("constraints")
            if isinstance(c, dict) and c.get("unique") is True and [f["name"]] != key and f["name"] in frame:
                yield from ((name, p) for p in _repeats(table, frame, [f["name"]], "unique-error"))


def foreign_keys(tables: Tables) -> Iterator[tuple[str, Problem]]:
    for name, (table, frame) in tables.items():
        for fk in table.schema.get("foreignKeys") or []:
            yield from ((name, p) for p in _dangling(name, table, frame, fk, tables))


# Each key rule's check, by rule name: (resource, problem) for each row that repeats a key or
# names a row that does not exist.
CHECKS: dict[str, Callable[[Tables], Iterator[tuple[str, Problem]]]] = {
    "primary-key": primary_keys,
    "unique-error": unique_fields,
    "foreign-key": foreign_keys,
}


def _text(frame: pd.DataFrame, fields: list[str]) -> pd.DataFrame:
    """The key's cells, compared as their typed values' text (1 and 1.0 of a number are one value)."""
    return pd.DataFrame({f: frame[f].astype("object").where(frame[f].notna(), None).map(_plain) for f in fields})


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _repeats(table: Table, frame: pd.DataFrame, key: list[str], rule: str) -> Iterator[Problem]:
    cells = _text(frame, key)
    empty = cells.isna().all(axis=1)
    if rule == "primary-key":
        for row in cells.index[empty & _blank_cells(table, key).reindex(cells.index, fill_value=False)]:
            yield Problem(rule, f"the primary key ({', '.join(key)}) is empty", table.line(row), ",".join(key))
    cells = cells[~cells.isna().any(axis=1)]  # a missing value repeats nothing
    repeated = cells.duplicated(keep="first")
    if not repeated.any():
        return
    group = cells.groupby(key, sort=False).ngroup()
    first = pd.Series(cells.index, index=cells.index).groupby(group).transform("first")
    for row in cells.index[repeated]:
        yield Problem(rule, f"duplicates the row on line {table.line(int(first[row]))}", table.line(row), ",".join(key))


def _blank_cells(table: Table, key: list[str]) -> pd.Series:
    """Rows whose key cells are all written empty (not cells the reader could not type)."""
    return (table.cells[key] == "").all(axis=1).fillna(False).astype(bool)


def _dangling(name: str, table: Table, frame: pd.DataFrame, fk: Any, tables: Tables) -> Iterator[Problem]:
    if not isinstance(fk, dict) or not isinstance(fk.get("reference"), dict):
        return
    own, ref = names_of(fk.get("fields")), fk["reference"]
    target = ref.get("resource") or name
    theirs = names_of(ref.get("fields"))
    if not own or len(own) != len(theirs) or not set(own) <= set(frame.columns) or target not in tables:
        return  # the contract reports a key it cannot follow
    other = tables[target][1]
    if not set(theirs) <= set(other.columns):
        return
    broken = dangling(frame, own, other, theirs)
    cells = _text(frame, own)
    for row in frame.index[broken]:
        shown = ", ".join(repr(v) for v in cells.loc[row] if v is not None)
        yield Problem(
            "foreign-key",
            f"{shown} is not a value of {', '.join(theirs)} (foreign key)",
            table.line(row),
            ",".join(own),
        )


def dangling(frame: pd.DataFrame, own: list[str], other: pd.DataFrame, theirs: list[str]) -> pd.Series:
    """True for each row whose key ``own`` names no row of ``other`` by ``theirs``; a key left
    empty names nothing and is not dangling."""
    cells = _text(frame, own)
    named = cells.notna().any(axis=1)
    out = pd.Series(False, index=frame.index, dtype=bool)
    if named.any():
        known = pd.MultiIndex.from_frame(_text(other, theirs).dropna())
        found = pd.MultiIndex.from_frame(cells[named].fillna("\x00")).isin(known)
        out[named[named].index] = ~found
    return out


def names_of(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
