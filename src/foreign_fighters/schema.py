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
        return pd.CategoricalDtype(categories=constraints["enum"])
    return "string"


def lenient_dtype(field: dict[str, Any]) -> str:
    """The dtype validation reads a field as: any cell may be unreadable, so every type is nullable
    and enums stay text (frictionless reports the bad cells; the relational rules skip them)."""
    kind = field.get("type", "string")
    return {"integer": "Int64", "number": "Float64", "boolean": "boolean"}.get(kind, "string")


def field_names(schema: dict[str, Any]) -> list[str]:
    return [f["name"] for f in schema["fields"]]


def missing_values(schema: dict[str, Any]) -> list[str]:
    return list(schema.get("missingValues", [""]))
