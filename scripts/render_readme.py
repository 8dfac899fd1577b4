"""Render the README's data dictionary, headline figures and rules from datapackage.json, the data and the rule catalogue.

    python scripts/render_readme.py [--check]

Only the text between the GENERATED markers changes. --check changes nothing and exits 1 if the
README is stale.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

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


def headline_figures(descriptor: dict) -> str:
    res = next(r for r in descriptor["resources"] if r["name"] == "headline-figures")
    with open(ROOT / res["path"], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = ["| measure | value | unit | qualifier | description |", "|---|---|---|---|---|"]
    for r in rows:
        value = f"{float(r['value']):,g}" if r["value"] else ""
        qualifier = r["qualifier"].replace("_", " ")
        out.append(f"| `{r['measure']}` | {value} | {r['unit']} | {qualifier} | {_cell(r['description'])} |")
    return "\n".join(out) + "\n"


def render(readme: str, descriptor: dict) -> str:
    sections = {
        "data-dictionary": data_dictionary(descriptor),
        "headline-figures": headline_figures(descriptor),
        "rules": rules(),
    }
    for name, body in sections.items():
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
