"""Render the README's generated sections from datapackage.json, the data and the rules.

    python scripts/render_readme.py [--check]

Only the text between the GENERATED markers changes. --check changes nothing and exits 1 if the
README is stale.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import foreign_fighters as ff
from foreign_fighters.rules import all_rules
from foreign_fighters.schema import dtype_name

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _constraints(field: dict) -> str:
    c = field.get("constraints", {})
    out = []
    if c.get("required"):
        out.append("required")
    if c.get("unique"):
        out.append("unique")
    if "enum" in c:
        out.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    if "minimum" in c:
        out.append(f">= {c['minimum']}")
    if "maximum" in c:
        out.append(f"<= {c['maximum']}")
    if "pattern" in c:
        out.append(f"pattern `{c['pattern']}`")
    return ", ".join(out)


def data_dictionary(descriptor: dict) -> str:
    out = []
    for res in descriptor["resources"]:
        schema = res["schema"]
        out += [f"### `{res['name']}` (`{res['path']}`)", "", res.get("description", ""), ""]
        out += ["| field | type | pandas dtype | rules | meaning |", "|---|---|---|---|---|"]
        for f in schema["fields"]:
            out.append(
                f"| `{f['name']}` | {f['type']} | {dtype_name(f)} | {_cell(_constraints(f))} | {_cell(f['description'])} |"
            )
        out.append("")
        out.append(f"Primary key: {', '.join(f'`{k}`' for k in schema['primaryKey'])}.")
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"].get("resource") or res["name"]
            out.append(
                f"Foreign key: {', '.join(f'`{k}`' for k in fk['fields'])} refers to "
                f"{', '.join(f'`{k}`' for k in fk['reference']['fields'])} of `{target}`."
            )
        missing = ", ".join(f'"{v}"' for v in schema.get("missingValues", [""]))
        out += [f"Empty cells: {missing}.", ""]
    return "\n".join(out).rstrip() + "\n"


def rules() -> str:
    out = ["| rule | checks | severity | meaning |", "|---|---|---|---|"]
    for rule in all_rules().values():
        out.append(f"| `{rule.name}` | {', '.join(rule.targets)} | {rule.severity} | {_cell(rule.summary)} |")
    return "\n".join(out) + "\n"


def headline_figures(descriptor: dict, root: Path) -> str:
    frame = ff.load("headline-figures", source=root)
    out = ["| measure | value | unit | qualifier | description |", "|---|---|---|---|---|"]
    for r in frame.astype(object).where(frame.notna(), "").to_dict("records"):
        value = f"{float(r['value']):,g}" if r["value"] != "" else ""
        qualifier = str(r["qualifier"]).replace("_", " ")
        out.append(f"| `{r['measure']}` | {value} | {r['unit']} | {qualifier} | {_cell(r['description'])} |")
    return "\n".join(out) + "\n"


def summary(descriptor: dict, root: Path) -> str:
    origins = ff.load(source=root)
    kinds = origins["origin_type"].value_counts()
    plural = {"country": "countries"}
    parts = ", ".join(
        f"{int(kinds[k])} {k if kinds[k] == 1 else plural.get(k, k + 's')}" for k in kinds.index if kinds[k]
    )
    headline = len(ff.load("headline-figures", source=root))
    return (
        f"{len(origins)} origins ({parts}) and {headline} global headline figures, version {descriptor['version']}.\n"
    )


def quick_start(descriptor: dict, root: Path) -> str:
    top = ff.summable(ff.load(source=root))
    departed, returned = int(top["departed"].sum()), int(top["returned"].sum())
    return (
        "```python\n"
        "import foreign_fighters as ff\n\n"
        "df = ff.load()                          # fighters-by-origin, typed; the file's sha256 is verified first\n"
        "top = ff.summable(df)                   # rows that no other row already includes\n"
        f'print(top[["departed", "returned"]].sum())   # departed {departed}, returned {returned}: no double counting\n'
        'print(ff.load("headline-figures"))      # the report\'s global figures\n'
        "```\n"
    )


def citation(descriptor: dict, root: Path) -> str:
    return (
        "> Barrett, R. (2017). *Beyond the Caliphate: Foreign Fighters and the Threat of Returnees*. The Soufan Center.\n"
        ">\n"
        f"> foreign-fighters: foreign fighters who joined ISIS and returnees, by origin (version {descriptor['version']}) [Data set].\n"
    )


SECTIONS = {
    "summary": summary,
    "quick-start": quick_start,
    "data-dictionary": lambda d, root: data_dictionary(d),
    "headline-figures": headline_figures,
    "rules": lambda d, root: rules(),
    "citation": citation,
}


def render(readme: str, descriptor: dict, root: Path = ROOT) -> str:
    for name, make in SECTIONS.items():
        body = make(descriptor, root)
        pattern = re.compile(rf"(<!-- BEGIN GENERATED: {name} -->\n).*?(<!-- END GENERATED: {name} -->)", re.S)
        if not pattern.search(readme):
            raise SystemExit(f"render_readme: README.md has no GENERATED markers for {name}")
        readme = pattern.sub(lambda m, body=body: m.group(1) + body + m.group(2), readme)
    return readme


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    current = README.read_text("utf-8")
    fresh = render(current, json.loads((ROOT / "datapackage.json").read_text("utf-8")))
    if args.check:
        if fresh != current:
            print("README.md is stale: run 'make docs'", file=sys.stderr)
            return 1
        return 0
    if fresh != current:
        README.write_text(fresh, encoding="utf-8")
        print("README.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
