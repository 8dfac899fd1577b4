"""The package's vocabulary, declared once: its resources, their measures, qualifiers, units and
kinds of origin, and the walks along ``part_of`` (between origins) and ``copy_of`` (between
sources). The bottom of the package: it imports only ``chains``, whose walks it re-exports."""

from __future__ import annotations

from .chains import on_a_cycle, roots

__all__ = [
    "COPY_OF", "EVIDENCE", "HEADLINE", "MEASURES", "ORIGINS", "ORIGIN_TYPES", "PART_OF", "PERCENT", "QUALIFIERS",
    "RESOURCES", "SOURCES", "UNITS", "on_a_cycle", "roots",
]  # fmt: skip

# The resources the rules read, each a CSV under data/ of the same name.
ORIGINS = "fighters-by-origin"  # one row per country, region or group, with its figures
EVIDENCE = "figures-by-source"  # one row per figure per source, with the source's words
SOURCES = "sources"  # the publications that give the figures, and which copies which
HEADLINE = "headline-figures"  # the report's global figures, one row per measure
RESOURCES = (ORIGINS, EVIDENCE, SOURCES, HEADLINE)

# The figures fighters-by-origin holds for an origin: figures-by-source's `measure`.
MEASURES = ("departed", "returned", "returned_percent")
PERCENT = "returned_percent"  # the measure that is a share, not a count
QUALIFIERS = ("at_least", "more_than", "about")  # how a source qualifies a figure; empty: as given
UNITS = ("persons", "countries", "percent")  # headline-figures' `unit`
ORIGIN_TYPES = ("country", "region", "group")  # fighters-by-origin's `origin_type`

# The fields the walks follow: an origin is `part_of` a region, a source a `copy_of` another.
PART_OF, COPY_OF = "part_of", "copy_of"
