"""Build the static landing page, dist/site/index.html, with every release artifact beside it.

    python scripts/build_site.py [--dist dist]

Run after build_release.py. The page's text comes from the README's sections, its table from the
data, its chart from render_chart.py, its downloads from SHA256SUMS and its JSON-LD from
schema-org.jsonld: nothing is written twice. It loads nothing from outside its own folder.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from html import escape
from pathlib import Path

import pandas as pd
from markdown_it import MarkdownIt
from render_chart import chart_svg

import foreign_fighters as ff

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ["What the data is, and is not", "Data dictionary", "Where sources disagree", "How to cite", "Licences"]
CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.8rem;margin-bottom:.2rem} h2{margin-top:2.2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.9rem;margin:.8rem 0;display:block;overflow-x:auto}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums} tr.part td:first-child{padding-left:1.5rem;color:#555}
code{background:#f3f3f3;padding:0 .2rem;font-size:.85em;word-break:break-all} .chart svg{max-width:100%;height:auto}
.lead{font-size:1.1rem} .small{font-size:.85rem;color:#555}
"""


def readme_sections(markdown: str) -> dict[str, str]:
    """The README's level-2 sections, by heading, as Markdown."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def to_html(markdown: str) -> str:
    # No raw HTML: text from the data (a description, a note) reaches the page only escaped.
    html = (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .render(re.sub(r"<!--.*?-->", "", markdown, flags=re.S))
    )
    # Keep the reader on this page: outside addresses are shown, not linked.
    return re.sub(r'<a href="(https?://[^"]+)">(.*?)</a>', r"\2 (<code>\1</code>)", html)


def _count(value: object) -> str:
    return "" if pd.isna(value) else f"{int(value):,}"


def sources_cell(origin: str, evidence: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The publications that give a figure for the origin, each linked to its page."""
    ids = list(dict.fromkeys(evidence.loc[evidence["origin"] == origin, "source"]))
    by_id = sources.set_index("source")
    links = [
        f'<li><a href="{escape(by_id.at[i, "url"])}" rel="nofollow noopener">{escape(by_id.at[i, "outlet"])}</a>'
        f' <span class="small">{escape(by_id.at[i, "published"])}, {escape(by_id.at[i, "language"])}</span></li>'
        for i in ids
        if i in by_id.index
    ]
    return f"<details><summary>{len(links)}</summary><ul>{''.join(links)}</ul></details>" if links else ""


def origins_table(df: pd.DataFrame, evidence: pd.DataFrame, sources: pd.DataFrame) -> str:
    head = (
        "<tr><th>origin</th><th>type</th><th>part of</th><th>left</th><th>returned</th><th>returned, % of left</th>"
        "<th>sources</th></tr>"
    )
    rows = []
    for _, r in df.iterrows():
        has_both = pd.notna(r["departed"]) and pd.notna(r["returned"]) and r["departed"]
        share = f"{100 * r['returned'] / r['departed']:.0f}" if has_both else ""
        stated = f" (stated: {r['returned_percent']:g})" if pd.notna(r["returned_percent"]) else ""
        cls = ' class="part"' if pd.notna(r["part_of"]) else ""
        rows.append(
            f"<tr{cls}><td>{escape(r['origin'])}</td><td>{escape(str(r['origin_type']))}</td>"
            f"<td>{escape(r['part_of']) if pd.notna(r['part_of']) else ''}</td>"
            f'<td class="n">{_count(r["departed"])}</td><td class="n">{_count(r["returned"])}</td>'
            f'<td class="n">{share}{stated}</td><td>{sources_cell(r["origin"], evidence, sources)}</td></tr>'
        )
    return f'<table id="origins">{head}{"".join(rows)}</table>'


def downloads_table(site: Path, sums: dict[str, str]) -> str:
    rows = "".join(
        f'<tr><td><a href="{escape(name)}" download>{escape(name)}</a></td><td class="n">{(site / name).stat().st_size:,} B</td>'
        f"<td><code>{digest}</code></td></tr>"
        for name, digest in sorted(sums.items())
    )
    sums_row = (
        '<tr><td><a href="SHA256SUMS">SHA256SUMS</a></td><td class="n"></td><td>checksums of the files above</td></tr>'
    )
    return f'<table id="downloads"><tr><th>file</th><th>size</th><th>sha256</th></tr>{rows}{sums_row}</table>'


def build(dist: Path) -> Path:
    site = dist / "site"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    sums = dict(line.split("  ", 1)[::-1] for line in (dist / "SHA256SUMS").read_text().splitlines())
    for name in [*sums, "SHA256SUMS"]:
        shutil.copyfile(dist / name, site / name)
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    sections = readme_sections((ROOT / "README.md").read_text("utf-8"))
    df = ff.load(source=ROOT)
    jsonld = (dist / "schema-org.jsonld").read_text("utf-8").replace("</", "<\\/")
    body = [
        f"<h1>{escape(dp['title'])}</h1>",
        f'<p class="small">Version {escape(dp["version"])} · data licence ODC-PDDL-1.0 · code licence MIT</p>',
        f'<p class="lead">{escape(dp["description"])}</p>',
        '<h2 id="chart">Departures and returns by origin</h2>',
        f'<div class="chart">{chart_svg(df)}</div>',
        '<h2 id="data">The table</h2>',
        "<p>Indented rows are already counted in the region above them. An empty cell: no source attributes "
        "that figure to the report. Each origin's sources link to the pages that give its figures.</p>",
        origins_table(df, ff.load("figures-by-source", source=ROOT), ff.load("sources", source=ROOT)),
        '<h2 id="downloads-heading">Downloads</h2>',
        "<p>The data package (a zip that any Frictionless tool opens), each table as CSV and JSON, an Excel "
        "workbook, the Python package, and portal metadata. Check a download with <code>sha256sum -c SHA256SUMS</code>.</p>",
        downloads_table(site, sums),
    ]
    for title in SECTIONS:
        slug = re.sub(r"[^a-z]+", "-", title.lower()).strip("-")
        body.append(f'<h2 id="{slug}">{escape(title)}</h2>')
        body.append(to_html(sections[title]))
    html = (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'  # no favicon request: the page asks for nothing it does not ship'
        f"<title>{escape(dp['title'])}</title>\n"
        f'<meta name="description" content="{escape(dp["description"])}">\n'
        f"<style>{CSS}</style>\n"
        f'<script type="application/ld+json">\n{jsonld}</script>\n'
        "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
    (site / "index.html").write_text(html, encoding="utf-8")
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    if not (args.dist / "SHA256SUMS").is_file():
        print(f"build_site: no {args.dist / 'SHA256SUMS'}: run 'make dist' first", file=sys.stderr)
        return 2
    site = build(args.dist)
    print(f"{site / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
