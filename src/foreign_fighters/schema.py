"""pandas dtypes derived from a Table Schema: the one place that maps schema types to pandas."""

from __future__ import annotations

from typing import Any

import pandas as pd


def field_dtype(field: dict[str, Any]) -> Any:
    """The dtype ``load()`` gives a field: int64 (Int64 if it may be empty), Float64,
    a categorical of the ``enum``, boolean, or pandas' string dtype."""
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    if kind == "integer":
        return "int64" if constraints.get("required") else "Int64"
    if kind == "number":
        return "Float64"
    if kind == "boolean":
        return "boolean"
    if "enum" in constraints:
        return pd.CategoricalDtype(categories=list(dict.fromkeys(constraints["enum"])))  # a repeated value once
    return "string"


def lenient_dtype(field: dict[str, Any]) -> str:
    """The dtype validation reads a field as: any cell may be unreadable, so every type is nullable
    and enums stay text (frictionless reports the bad cells; the relational rules skip them)."""
    kind = field.get("type", "string")
    return {"integer": "Int64", "number": "Float64", "boolean": "boolean"}.get(kind, "string")


def field_names(schema: dict[str, Any]) -> list[str]:
    return [f["name"] for f in schema["fields"]]


def missing_values(schema: dict[str, Any]) -> list[str]:
    # v2 also allows {"value": ..., "label": ...} objects.
    return [v["value"] if isinstance(v, dict) else v for v in schema.get("missingValues", [""])]


def table_schema(res: dict[str, Any]) -> dict[str, Any] | None:
    """The resource's inline Table Schema if it has the shape the readers rely on, else None
    (the descriptor rules say what is wrong with it)."""
    schema = res.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        return None
    fields = schema["fields"]
    if not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields):
        return None
    if len({f["name"] for f in fields}) != len(fields):
        return None
    if not all(isinstance(f.get("constraints", {}), dict) and isinstance(f.get("type", "string"), str) for f in fields):
        return None
    for f in fields:
        enum = f.get("constraints", {}).get("enum", [])
        if not isinstance(enum, list) or not all(isinstance(v, str | int | float) for v in enum):
            return None
    missing = schema.get("missingValues", [""])
    if not isinstance(missing, list) or not all(
        isinstance(v, str) or (isinstance(v, dict) and isinstance(v.get("value"), str)) for v in missing
    ):
        return None
    return schema
