"""Render the generated sections of README.md and of the docs/ pages from datapackage.json, the
data and the rules, and .zenodo.json (Zenodo's deposit metadata) from the descriptor, CITATION.cff
and publication.py.

    python -m publish.readme [--check] [--root CHECKOUT]

Only the text between the GENERATED markers changes. --check changes nothing and exits 1 if
README.md, a page of docs/ or .zenodo.json is stale.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

import foreign_fighters as ff
from foreign_fighters.dtypes import dtype_name
from foreign_fighters.rules import all_rules

from . import portals, publication
from .safe import md_cell, md_text

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
ZENODO = ".zenodo.json"  # at the repository's root, where Zenodo's GitHub integration reads it


def _cell(text: object) -> str:
    return md_cell(text)


def _code(text: object) -> str:
    """Text from the data as a code span: a run of backticks longer than any inside it fences it,
    and a table cell's pipes are escaped (GitHub splits cells before it reads code spans)."""
    shown = " ".join(str(text).splitlines())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", shown)), default=0) + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}".replace("|", "\\|")


def _fenced(language: str, text: str) -> str:
    """``text`` as a fenced code block whose fence no line of it can close: longer than any run of
    backticks in it (a name or a note printed by an example may hold some)."""
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", text))])
    return f"{fence}{language}\n{text}{fence}\n"


def _constraints(field: dict[str, Any]) -> str:
    c = field.get("constraints", {})
    out = []
    if c.get("required"):
        out.append("required")
    if c.get("unique"):
        out.append("unique")
    if "enum" in c:
        out.append("one of " + ", ".join(_code(v) for v in c["enum"]))
    if "minimum" in c:
        out.append(f">= {md_text(c['minimum'])}")
    if "maximum" in c:
        out.append(f"<= {md_text(c['maximum'])}")
    if "pattern" in c:
        out.append(f"pattern {_code(c['pattern'])}")
    return ", ".join(out)


def data_dictionary(descriptor: dict[str, Any]) -> str:
    out = []
    for res in descriptor["resources"]:
        schema = res["schema"]
        description = " ".join(md_text(res.get("description", "")).splitlines())
        out += [f"### {_code(res['name'])} ({_code(res['path'])})", "", description, ""]
        out += ["| field | type | pandas dtype | rules | meaning |", "|---|---|---|---|---|"]
        for f in schema["fields"]:
            out.append(
                f"| {_code(f['name'])} | {_cell(f.get('type', 'string'))} | {dtype_name(f)} | {_constraints(f)} "
                f"| {_cell(f.get('description', ''))} |"
            )
        out.append("")
        key = _names(schema.get("primaryKey"))
        if key:
            out.append(f"Primary key: {', '.join(_code(k) for k in key)}.")
        for fk in schema.get("foreignKeys", []):
            reference = fk.get("reference", {})
            target = reference.get("resource") or res["name"]
            out.append(
                f"Foreign key: {', '.join(_code(k) for k in _names(fk.get('fields')))} refers to "
                f"{', '.join(_code(k) for k in _names(reference.get('fields')))} of {_code(target)}."
            )
        missing = ", ".join(f'"{md_text(v)}"' for v in schema.get("missingValues", [""]))
        out += [f"Empty cells: {missing}.", ""]
    return "\n".join(out).rstrip() + "\n"


def _names(key: object) -> list[str]:
    """A key's fields: Data Package v2 writes a key of one field as a string, of several as a list."""
    if isinstance(key, str):
        return [key]
    return [str(k) for k in key] if isinstance(key, list) else []


def rules() -> str:
    out = ["| rule | checks | severity | meaning |", "|---|---|---|---|"]
    for rule in all_rules().values():
        # A summary is the rule's own Markdown, code reviewed as code: its backticks are meant.
        summary = " ".join(rule.summary.replace("|", "\\|").splitlines())
        out.append(f"| `{rule.name}` | {', '.join(rule.targets)} | {rule.severity} | {summary} |")
    return "\n".join(out) + "\n"


def headline_figures(descriptor: dict[str, Any], root: Path) -> str:
    frame = ff.load("headline-figures", source=root)
    out = ["| measure | value | unit | qualifier | description |", "|---|---|---|---|---|"]
    for r in frame.astype(object).where(frame.notna(), "").to_dict("records"):
        value = f"{float(r['value']):,g}" if r["value"] != "" else ""
        qualifier = str(r["qualifier"]).replace("_", " ")
        out.append(
            f"| {_code(r['measure'])} | {value} | {_cell(r['unit'])} | {_cell(qualifier)} | {_cell(r['description'])} |"
        )
    return "\n".join(out) + "\n"


def counts(root: Path) -> dict[str, int]:
    """What the package holds, counted from the data: the README and the closing of a release say it."""
    origins = ff.load(source=root)
    evidence = ff.load("figures-by-source", source=root)
    sources = ff.load("sources", source=root)
    held = ff.corroboration(source=root)
    held = held[held["value"].notna() | held["percent"].notna()]
    kinds = origins["origin_type"].value_counts()
    return {
        "origins": len(origins),
        **{str(k): int(kinds.get(k, 0)) for k in ("country", "region", "group")},
        "sources": len(sources),
        "languages": sources["language"].nunique(),
        "quotes": len(evidence),
        "figures": len(held),
        "attested_twice": int((held["independent"] >= 2).sum()),
        "disagreements": int((held["other_values"].fillna("") != "").sum()),
        "headline": len(ff.load("headline-figures", source=root)),
    }


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary(descriptor: dict[str, Any], root: Path) -> str:
    c = counts(root)
    kinds = ", ".join(
        _n(c[k], k, plural)
        for k, plural in (("country", "countries"), ("region", "regions"), ("group", "groups"))
        if c[k]
    )
    return (
        f"{c['origins']} origins ({kinds}) and {c['headline']} global headline figures, each figure backed by the "
        f"words of the sources that give it: {c['quotes']} quotes from {c['sources']} publications in "
        f"{c['languages']} languages. {c['attested_twice']} of the {c['figures']} figures are given by two or more "
        f"independent sources; for {c['disagreements']} the sources disagree. This is version {descriptor['version']}.\n"
    )


def disagreements(descriptor: dict[str, Any], root: Path) -> str:
    table = ff.corroboration(source=root)
    table = table.assign(value=table["value"].astype("Float64").fillna(table["percent"]))
    table = table[table["value"].notna() & (table["other_values"].fillna("") != "")]
    out = [
        "| origin | measure | in `fighters-by-origin` | independent sources for it | other values (independent sources) |",
        "|---|---|---|---|---|",
    ]
    for r in table.to_dict("records"):
        value = "" if r["value"] is None or r["value"] != r["value"] else f"{r['value']:,g}"
        out.append(
            f"| {_cell(r['origin'])} | {_cell(r['measure'])} | {value} | {r['independent']} "
            f"| {_cell(r['other_values'])} |"
        )
    return "\n".join(out) + "\n"


CORROBORATION = """import foreign_fighters as ff
c = ff.corroboration()
print(c[c["origin"].isin(["European Union", "France"])].to_string(index=False))"""


def corroboration(descriptor: dict[str, Any], root: Path) -> str:
    """The example and what it prints (a test runs it and compares)."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(CORROBORATION.replace("ff.corroboration()", f"ff.corroboration(source={str(root)!r})"), {})
    code = "\n".join(">>> " + line for line in CORROBORATION.splitlines())
    return _fenced("python", f"{code}\n{out.getvalue()}")


QUICK_START = """import foreign_fighters as ff

df = ff.load()                          # fighters-by-origin: a pandas DataFrame, typed; sha256 verified first
print(ff.summable(df, "departed")["departed"].sum())   # {departed}: no part counted twice
print(ff.summable(df, "returned")["returned"].sum())   # {returned}
headline = ff.load("headline-figures")  # the report's global figures
print(headline[["measure", "value", "unit", "qualifier"]].to_string(index=False))
quotes = ff.load("figures-by-source")   # every source's figure, with its words (and an English translation)
"""


def quick_start(descriptor: dict[str, Any], root: Path) -> str:
    """The example and what it prints (a test runs it and compares)."""
    import contextlib
    import io

    df = ff.load(source=root)
    departed = int(ff.summable(df, "departed")["departed"].sum())
    returned = int(ff.summable(df, "returned")["returned"].sum())
    code = QUICK_START.format(departed=departed, returned=returned)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        here = code.replace("ff.load()", f"ff.load(source={str(root)!r})")
        exec(here.replace('ff.load("', f'ff.load(source={str(root)!r}, resource="'), {})
    return f"{_fenced('python', code)}\nIt prints:\n\n{_fenced('text', out.getvalue())}"


def citation(descriptor: dict[str, Any], root: Path) -> str:
    cff, pub = publication.citation_file(root), publication.publication(root)
    apa = "\n>\n".join(f"> {line}" for line in publication.apa(cff, pub))
    bib = _fenced("bibtex", publication.bibtex(cff, pub))
    return f"{apa}\n\nBibTeX (also in the release as `foreign-fighters-{pub.version}.bib`):\n\n{bib}"


SECTIONS: dict[str, Callable[[dict[str, Any], Path], str]] = {
    "summary": summary,
    "quick-start": quick_start,
    "data-dictionary": lambda d, root: data_dictionary(d),
    "headline-figures": headline_figures,
    "disagreements": disagreements,
    "corroboration": corroboration,
    "rules": lambda d, root: rules(),
    "citation": citation,
}
# Which file holds which generated sections: the README the analyst's, docs/ the rest. None of the
# docs/ pages repeats the version, so a version bump re-renders README.md alone.
PAGES = {
    "README.md": ("summary", "quick-start", "corroboration", "citation"),
    "docs/data-dictionary.md": ("data-dictionary", "headline-figures"),
    "docs/rules.md": ("rules",),
    "docs/disagreements.md": ("disagreements",),
}


def render(
    readme: str, descriptor: dict[str, Any], root: Path = ROOT, sections: tuple[str, ...] = PAGES["README.md"]
) -> str:
    """The text with its generated sections rendered: by default README.md's (see PAGES)."""
    for name in sections:
        body = SECTIONS[name](descriptor, root)
        pattern = re.compile(rf"(<!-- BEGIN GENERATED: {name} -->\n).*?(<!-- END GENERATED: {name} -->)", re.S)
        if not pattern.search(readme):
            raise SystemExit(f"readme: the text has no GENERATED markers for {name}")

        def fill(m: re.Match[str], body: str = body) -> str:
            return m.group(1) + body + m.group(2)

        readme = pattern.sub(fill, readme)
    return readme


def render_pages(descriptor: dict[str, Any], root: Path = ROOT) -> dict[Path, str]:
    """Every page of PAGES as it should read, by path."""
    return {
        root / page: render((root / page).read_text("utf-8"), descriptor, root, sections)
        for page, sections in PAGES.items()
    }


def zenodo_json(descriptor: dict[str, Any], cff_text: str, pub: publication.Publication) -> str:
    """.zenodo.json's text, from the descriptor, CITATION.cff's text and where the package lives: given
    rather than read, so that a version bump makes it before it writes any file."""
    doc = portals.zenodo(descriptor, yaml.safe_load(cff_text), pub)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def stale(path: Path, fresh: str) -> bool:
    return not path.exists() or path.read_text("utf-8") != fresh


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to render (default: this one)")
    args = parser.parse_args()
    root: Path = args.root
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    fresh = {
        **render_pages(descriptor, root),
        root / ZENODO: zenodo_json(
            descriptor, (root / "CITATION.cff").read_text("utf-8"), publication.publication(root)
        ),
    }
    behind = [path for path, text in fresh.items() if stale(path, text)]
    if args.check:
        for path in behind:
            print(f"{path.relative_to(root)} is stale: run 'make docs'", file=sys.stderr)
        return 1 if behind else 0
    for path in behind:
        path.write_text(fresh[path], encoding="utf-8")
        print(f"{path.relative_to(root)} updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
