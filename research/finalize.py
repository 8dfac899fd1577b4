#!/usr/bin/env python3
"""Version 2.0.0's data/*.csv from the draft (research/draft-2.0) and the re-check of every quote
against the stored pages (research/verify/*-result.json; the brief is research/verify/BRIEF.md).

A figure whose quote was not seen again on its page is left out, and so is a source left with no
figure. The article's quotes are checked against the article's text. The notes' lists of other
readings are rebuilt from what remains. Run once, from the repository root; data/ is then edited
by hand like any other data.
"""

from __future__ import annotations

import csv
import glob
import json
import re
import sys
from pathlib import Path

DRAFT = Path("research/draft-2.0")
ARTICLE = Path(sys.argv[1]) if len(sys.argv) > 1 else None  # the article's text, to check its quotes


def read(name: str) -> list[dict[str, str]]:
    with open(DRAFT / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(path: str, rows: list[dict[str, str]], fields: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows({k: r.get(k, "") for k in fields} for r in rows)


status: dict[tuple[str, str, str], str] = {}
seen_sources: set[str] = set()
for path in sorted(set(glob.glob("research/verify/*-result.json")) - {"research/verify/new-result.json"}):
    for s in json.load(open(path, encoding="utf-8"))["sources"]:
        if s.get("url_seen"):
            seen_sources.add(s["source"])
        for r in s["rows"]:
            status[s["source"], r["origin"], r["measure"]] = r["status"]

sources = read("sources.csv")
figures = read("figures-by-source.csv")
origins = read("fighters-by-origin.csv")
headline = read("headline-figures.csv")
preferred = next(s["source"] for s in sources if s["preferred"] == "true")
article = ARTICLE.read_text("utf-8") if ARTICLE else None

kept = []
for f in figures:
    if f["source"] == preferred:
        assert article is None or f["quote"] in article, f
        kept.append(f)
    elif status.get((f["source"], f["origin"], f["measure"])) in ("verified", "corrected"):
        kept.append(f)
used = {f["source"] for f in kept} | {preferred}
dropped = {s["source"] for s in sources} - used
by_id = {s["source"]: s for s in sources}
for s in sources:
    target = s["copy_of"]
    while target in dropped:  # a copy of a page not seen again: point past it
        target = by_id[target]["copy_of"]
    s["copy_of"] = target
sources = [s for s in sources if s["source"] in used]


def number(v: str) -> str:
    x = float(v)
    return f"{x:,.0f}" if x == int(x) else f"{x:g}"


def reading(q: str, v: str) -> str:
    return (q.replace("_", " ") + " " if q else "") + number(v)


# Edits the re-check calls for: Salam Plan and the Spanish article were not seen again.
FIXES = {
    "Germany": {"departed_qualifier": "", "notes": ""},
    "France": {"notes": "Algérie Patriotique dates the returns to August 2017."},
}
origins = [o for o in origins if any(f["origin"] == o["origin"] for f in kept)]  # Spain: no page seen again
for o in origins:
    o.update(FIXES.get(o["origin"], {}))

MEASURE_WORD = {"departed": "Departed", "returned": "Returned", "returned_percent": "Returned percent"}
AUTO = re.compile(r"^(Departed|Returned|Returned percent): ")
for o in origins:
    sentences = re.split(r"(?<=[.)\"])\s+(?=[A-Z\"])", o["notes"])
    keep = [s for s in sentences if s and not AUTO.match(s) and not s.startswith("qualified ")]
    others = []
    for measure, word in MEASURE_WORD.items():
        chosen = (o.get(measure, ""), o.get(measure.replace("_percent", "") + "_qualifier", "") if measure != "returned_percent" else "")
        groups: dict[str, list[str]] = {}
        for f in kept:
            if f["origin"] == o["origin"] and f["measure"] == measure:
                if chosen[0] and float(f["value"]) == float(chosen[0]):  # a qualifier alone is no disagreement
                    continue
                groups.setdefault(reading(f["qualifier"], f["value"]), []).append(f["source"])
        if groups:
            listed = "; ".join(f"{k} ({', '.join(sorted(v))})" for k, v in sorted(groups.items()))
            others.append(f"{word}, other readings: {listed}.")
    o["notes"] = " ".join(keep + others).strip()

write("data/sources.csv", sources, list(sources[0]))
write("data/figures-by-source.csv", kept, list(figures[0]))
write("data/fighters-by-origin.csv", origins, list(origins[0]))
write("data/headline-figures.csv", headline, list(headline[0]))
print(f"{len(kept)} of {len(figures)} figures kept; {len(sources)} sources; dropped {sorted(dropped)}")
