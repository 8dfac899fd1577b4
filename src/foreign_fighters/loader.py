"""``load()``: a resource as a typed DataFrame, read only after its bytes are verified."""

from __future__ import annotations

import io
import os
from typing import Any

import pandas as pd

from .package import SourceError, csv_dialect, open_package
from .schema import field_dtype, field_names, missing_values, table_schema


def load(resource: str = "fighters-by-origin", *, source: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load one resource of the data package as a typed DataFrame.

    ``source`` is a package folder or a ``datapackage.json`` path; by default the copy installed
    with this package. Raises ``IntegrityError`` if the file's sha256 or size differs from the
    descriptor, ``SourceError`` if it cannot be read, ``KeyError`` for an unknown resource.
    """
    package = open_package(source)
    res = package.resource(resource)
    path = package.path_of(res)  # an unsafe path is refused before anything else
    schema = table_schema(res)
    if schema is None:
        raise SourceError(
            f"{package.label}: resource {resource!r} has no usable table schema; run 'foreign-fighters validate'"
        )
    delimiter, quote = csv_dialect(res)
    data = package.read_verified(res)
    return parse_csv(data, schema, path, delimiter, quote)


def summable(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``fighters-by-origin`` that no other row already includes.

    Rows with a ``part_of`` (Britain in European Union, say) are counted in their parent too, so
    only these rows may be summed.
    """
    return frame[frame["part_of"].isna()]


def parse_csv(data: bytes, schema: dict[str, Any], path: str, delimiter: str = ",", quote: str = '"') -> pd.DataFrame:
    names = field_names(schema)
    dtypes = {f["name"]: field_dtype(f) for f in schema["fields"]}
    # Enums are read as text and checked below: pandas would turn unknown categories into NA.
    read_as = {n: ("string" if isinstance(d, pd.CategoricalDtype) else d) for n, d in dtypes.items()}
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            sep=delimiter,
            quotechar=quote,
            dtype=read_as,
            keep_default_na=False,
            na_values=missing_values(schema),
            encoding="utf-8",
        )
    except (ValueError, TypeError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise SourceError(
            f"{path}: cannot be read with its schema's types ({exc}); run 'foreign-fighters validate'"
        ) from None
    if list(frame.columns) != names:
        raise SourceError(f"{path}: header {list(frame.columns)} does not match the schema's fields {names}")
    for name, dtype in dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype):
            present = frame[name].dropna()
            unknown = present[~present.isin(dtype.categories)]
            if len(unknown):
                raise SourceError(
                    f"{path}: field {name!r} has {unknown.iloc[0]!r}, not one of {list(dtype.categories)}"
                )
            frame[name] = frame[name].astype(dtype)
    return frame
