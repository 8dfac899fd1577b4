"""Field rules: the bytes, the header, row shapes, types, constraints and keys. The reader checks
cells, the header and rows (so ``load()`` refuses exactly what is reported here) and ``keys``
checks primary, unique and foreign keys across the typed tables; each cell is checked once.
frictionless, beside them in the tests, must reach the same verdict cell by cell.
"""

from __future__ import annotations

from . import Rule, define

REHASH = "make hashes"  # what records an edited CSV's new sha256 and bytes in datapackage.json
EVERY_CSV = "every CSV"


def _field(name: str, summary: str, applies_to: str = EVERY_CSV) -> Rule:
    return define(Rule(name, applies_to, summary, "field"))


_field("encoding-utf-8", "the file is UTF-8, with no byte order mark.")
_field("hash-count", "the file's sha256 is the `hash` datapackage.json declares.")
_field("byte-count", "the file's size is the `bytes` datapackage.json declares.")
_field("incorrect-label", "each header cell is the schema's field name at that position.")
_field("missing-label", "the header has every field of the schema.")
_field("extra-label", "the header has no column the schema does not describe.")
_field("blank-row", "no row is blank.")
_field("missing-cell", "no row has fewer cells than the header.")
_field("extra-cell", "no row has more cells than the header.")
_field(
    "type-error",
    "each cell is of its field's type; integers and numbers in canonical form (ASCII digits, no sign, "
    "separator, leading zero or exponent; integers within 64 bits).",
)
_field(
    "constraint-error", "each cell keeps its field's constraints: required, enum, minimum, maximum, pattern, length."
)
_field("primary-key", "no two rows share a primary key, and none leaves it empty.")
_field("unique-error", "no two rows share a value in a `unique` field.")
_field("foreign-key", "each foreign key names a row that exists.")
_field(
    "rules-applicable",
    "the schema has each field a rule below reads, with the type it needs: a rule that cannot run is an error, never a skip.",
)
