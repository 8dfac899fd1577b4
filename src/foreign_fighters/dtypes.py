"""Table Schema -> pandas: the one place that maps a field's type and constraints to a dtype."""

from __future__ import annotations

from typing import Any

import pandas as pd

TRUE_VALUES = ["true", "True", "TRUE", "1"]  # the Table Schema defaults
FALSE_VALUES = ["false", "False", "FALSE", "0"]


def dtype(field: dict[str, Any], nullable: bool = False) -> Any:
    """The dtype of a field's column: int64 (Int64 where a cell may be empty, or ``nullable``),
    Float64, boolean, a categorical of the ``enum``, or pandas' string dtype."""
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    if kind == "integer":
        return "int64" if constraints.get("required") and not nullable else "Int64"
    if kind == "number":
        return "Float64"
    if kind == "boolean":
        return "boolean"
    if "enum" in constraints:
        return pd.CategoricalDtype(categories=[str(v) for v in dict.fromkeys(constraints["enum"])])
    return "string"


def dtype_name(field: dict[str, Any]) -> str:
    """The dtype as the README's data dictionary names it."""
    d = dtype(field)
    return "category" if isinstance(d, pd.CategoricalDtype) else str(d)


def field_names(schema: dict[str, Any]) -> list[str]:
    return [f["name"] for f in schema["fields"]]


def missing_values(schema: dict[str, Any]) -> list[str]:
    # v2 also allows {"value": ..., "label": ...} objects.
    return [v["value"] if isinstance(v, dict) else v for v in schema.get("missingValues", [""])]


def primary_key(schema: dict[str, Any]) -> list[str]:
    key = schema.get("primaryKey", [])
    return [key] if isinstance(key, str) else [k for k in key if isinstance(k, str)] if isinstance(key, list) else []


def table_schema(res: dict[str, Any]) -> dict[str, Any] | None:
    """The resource's inline Table Schema if it has the shape the reader relies on, else None
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
        for key in ("trueValues", "falseValues"):
            if key in f and not (isinstance(f[key], list) and all(isinstance(v, str) for v in f[key])):
                return None
    missing = schema.get("missingValues", [""])
    if not isinstance(missing, list) or not all(
        isinstance(v, str) or (isinstance(v, dict) and isinstance(v.get("value"), str)) for v in missing
    ):
        return None
    return schema
