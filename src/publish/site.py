"""Build the static landing page, dist/site/index.html, with every release artifact beside it.

    python -m publish.site [--dist dist]

Run after publish.release. The page's prose comes from the README's sections, its tables from the
data, its data dictionary from datapackage.json, its chart from publish/chart.py, its downloads from
SHA256SUMS, its citation from publication.py and its JSON-LD from schema-org.jsonld: nothing is
written twice. It loads nothing from outside its own folder, and reads as well on a phone as on a
wide screen: wide tables scroll inside their own box, and the chart has a phone layout.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd
from markdown_it import MarkdownIt

import foreign_fighters as ff

from .chart import chart_svg
from .publication import Publication, apa, bibtex, citation_file, publication, report

ROOT = Path(__file__).resolve().parents[2]
# The README's sections the page shows as they are; the data dictionary it renders itself (the
# README's has a pandas dtype column, of use to Python code only), and the citation comes from
# publication.py. The README's own dictionary gives the headline figures' table.
SECTIONS = ["What the data is, and is not", "Where sources disagree", "Licences"]
# A Markdown block about working on the repository, not about the data: left off the page.
DEVELOPER_ONLY = re.compile(r"a test fails|`make \w+`|pandas dtype", re.I)
NARROW = "40rem"  # below it: the "scroll sideways" hint above wide tables
CHART_NARROW = "50rem"  # below it the wide chart would shrink its smallest text under 11 px: the phone layout
# .scroll's backgrounds: a shadow at an edge where the table goes on (white covers it at the table's
# own ends, scrolling with it), so that a phone shows there is more to see.
CSS = f"""
*,*::before,*::after{{box-sizing:border-box}}
body{{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1b1b1b}}
a{{color:#0b57a4}}
h1{{font-size:1.6rem;line-height:1.25;margin:.6rem 0 .3rem}}
ul{{padding-left:1.3rem}}
h2{{font-size:1.35rem;margin-top:2.2rem;border-bottom:1px solid #ddd}} h3{{font-size:1.05rem;margin:1.4rem 0 .3rem}}
nav ul{{list-style:none;padding:0;margin:.6rem 0;display:flex;flex-wrap:wrap;gap:.1rem 1.1rem}}
.lead{{font-size:1.05rem}} .small{{font-size:.85rem;color:#555}}
.scroll{{overflow-x:auto;margin:.4rem 0 .8rem}}
.scroll{{background:linear-gradient(to right,#fff 30%,#fff0) left/2rem 100% no-repeat local,
linear-gradient(to left,#fff 30%,#fff0) right/2rem 100% no-repeat local,
radial-gradient(farthest-side at 0 50%,#0003,#0000) left/.7rem 100% no-repeat scroll,
radial-gradient(farthest-side at 100% 50%,#0003,#0000) right/.7rem 100% no-repeat scroll}}
.scroll:focus-visible{{outline:2px solid #0b57a4}}
.hint{{display:none;font-size:.85rem;color:#555;margin:.6rem 0 0}}
@media (max-width:{NARROW}){{.hint{{display:block}}}}
table{{border-collapse:collapse;font-size:.9rem}}
th,td{{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}}
td.n{{text-align:right;font-variant-numeric:tabular-nums}} tr.part td:first-child{{padding-left:1.5rem;color:#555}}
code{{background:#f3f3f3;padding:0 .2rem;font-size:.85em;white-space:nowrap}} code.path{{white-space:normal}}
.files{{list-style:none;padding:0;margin:.2rem 0}}
.files li{{display:flex;flex-wrap:wrap;align-items:baseline;column-gap:1rem;padding:.15rem 0;border-bottom:1px solid #eee}}
.files a{{flex:1 1 15rem;overflow-wrap:break-word}}
.files .size{{min-width:5rem;text-align:right;font-variant-numeric:tabular-nums}}
.files details[open]{{flex-basis:100%}}
.hash{{display:block;white-space:normal;overflow-wrap:anywhere;user-select:all;margin:.2rem 0 .4rem}}
.chart svg{{display:block;max-width:100%;height:auto}} .chart .narrow{{display:none}}
@media (max-width:{CHART_NARROW}){{.chart .wide{{display:none}} .chart .narrow{{display:block}}}}
.cite{{border:1px solid #ccc;border-radius:4px;padding:.1rem 1rem .8rem;background:#fafafa}}
.cite p{{overflow-wrap:break-word}}
.cite pre{{white-space:pre-wrap;overflow-wrap:break-word;background:#f0f0f0;padding:.6rem;font-size:.85rem}}
.cite h3{{display:flex;gap:1rem;align-items:baseline}}
button{{font:inherit;font-size:.9rem;padding:.1rem .8rem;cursor:pointer}}
footer{{margin-top:2.5rem;border-top:1px solid #ddd}}
"""
# Copy a citation: the clipboard where the browser allows it, else the text is selected for Ctrl+C.
# Inline, so that the page still loads nothing from elsewhere.
SCRIPT = """
for (const button of document.querySelectorAll("button[data-copy]")) {
  button.addEventListener("click", async () => {
    const source = document.getElementById(button.dataset.copy);
    const status = document.getElementById("copy-status");
    const text = source.innerText.trim();
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "Copied.";
    } catch {
      const range = document.createRange();
      range.selectNodeContents(source);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      status.textContent = "Selected: press Ctrl+C (on a Mac, Cmd+C) to copy.";
    }
  });
}
"""


def readme_sections(markdown: str, level: int = 2) -> dict[str, str]:
    """The README's sections of a heading level, by heading, as Markdown."""
    parts = re.split(rf"^{'#' * level} (.+)$", markdown, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def for_readers(markdown: str) -> str:
    """The Markdown without the blocks that speak to whoever works on the repository."""
    return "\n\n".join(block for block in re.split(r"\n\s*\n", markdown) if not DEVELOPER_ONLY.search(block))


def scrollable(table: str, label: str) -> str:
    """A table in a box that scrolls sideways on its own, so that the page itself never does.

    Focusable and named, so that a keyboard can scroll it too; the hint shows on narrow screens only.
    """
    return (
        '<p class="hint" aria-hidden="true">Scroll the table sideways to see every column.</p>'
        f'<div class="scroll" role="region" tabindex="0" aria-label="{escape(label)}">{table}</div>'
    )


def outside_link(url: str, text: str, rel: str = "noopener") -> str:
    return f'<a href="{escape(url)}" rel="{rel}">{text}</a>'


def to_html(markdown: str, label: str = "table") -> str:
    # No raw HTML: text from the data (a description, a note) reaches the page only escaped.
    html = (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .render(re.sub(r"<!--.*?-->", "", markdown, flags=re.S))
    )
    html = re.sub(r'<a href="(https?://[^"]+)">', r'<a href="\1" rel="noopener">', html)
    # Code never wraps inside a name (CSS), but a path may wrap after a slash, or it would not fit a phone.
    html = re.sub(
        r"<code>([^<]*/[^<]*)</code>", lambda m: f'<code class="path">{m.group(1).replace("/", "/<wbr>")}</code>', html
    )
    return re.sub(r"<table>.*?</table>", lambda m: scrollable(m.group(0), label), html, flags=re.S)


def _count(value: object) -> str:
    return "" if pd.isna(value) else f"{int(value):,}"


def sources_cell(origin: str, evidence: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The publications that give a figure for the origin, each linked to its page."""
    ids = list(dict.fromkeys(evidence.loc[evidence["origin"] == origin, "source"]))
    by_id = sources.set_index("source")
    links = [
        f"<li>{outside_link(by_id.at[i, 'url'], escape(by_id.at[i, 'outlet']), 'nofollow noopener')}"
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
    return scrollable(f'<table id="origins">{head}{"".join(rows)}</table>', "Figures by origin")


def download_group(name: str, tables: set[str]) -> str:
    """Data, Metadata or Python, by the file's name; a file no rule knows is Metadata, so none is left out."""
    if name.endswith((".whl", ".tar.gz")):
        return "Python"
    stem, _, suffix = name.rpartition(".")
    if suffix in ("zip", "csv", "xlsx") or (suffix == "json" and stem in tables):
        return "Data"
    return "Metadata"


def _data_order(name: str) -> tuple[int, str]:
    """The zip first, then the CSVs, the JSONs and the workbook."""
    return ([".zip", ".csv", ".json", ".xlsx"].index(Path(name).suffix), name)


def kilobytes(size: int) -> str:
    return f"{size / 1000:,.1f} kB"


def download_line(site: Path, name: str, digest: str) -> str:
    # The hash's first 12 hex characters on the line; the whole of it, selectable, one click away.
    return (
        f'<li><a href="{escape(name)}" download>{escape(name)}</a>'
        f'<span class="size">{kilobytes((site / name).stat().st_size)}</span>'
        f"<details><summary>sha256 <code>{digest[:12]}</code>…</summary>"
        f'<code class="hash">{digest}</code></details></li>'
    )


def downloads(site: Path, sums: dict[str, str], tables: set[str]) -> str:
    groups: dict[str, list[str]] = {"Data": [], "Metadata": [], "Python": []}
    for name in sums:
        groups[download_group(name, tables)].append(name)
    out = []
    for group, names in groups.items():
        if not names:
            continue
        names.sort(key=_data_order if group == "Data" else None)
        slug = f"downloads-{group.lower()}"
        out.append(f'<h3 id="{slug}-heading">{group}</h3><ul class="files" id="{slug}">')
        out += [download_line(site, name, sums[name]) for name in names]
        out.append("</ul>")
    out.append(
        '<p><a href="SHA256SUMS" download>SHA256SUMS</a>: the checksums of every file above; check a download '
        "with <code>sha256sum -c SHA256SUMS</code>.</p>"
    )
    return "\n".join(out)


def chart(df: pd.DataFrame) -> str:
    """The wide chart and the phone layout; CSS shows one of them, and a hidden SVG is not read out."""
    return (
        f'<div class="chart"><div class="wide">{chart_svg(df)}</div>'
        f'<div class="narrow">{chart_svg(df, narrow=True, ids="narrow-")}</div></div>'
    )


def dictionary(dp: dict[str, Any], sums: dict[str, str]) -> str:
    """Each resource's fields: name, type and meaning, from datapackage.json."""
    out = []
    for resource in dp["resources"]:
        name = resource["name"]
        files = [
            f'<a href="{escape(f)}" download>{escape(f)}</a>' for f in (f"{name}.csv", f"{name}.json") if f in sums
        ]
        out.append(f'<h3 id="dictionary-{escape(name)}"><code>{escape(name)}</code></h3>')
        out.append(f"<p>{escape(resource.get('description', ''))}</p>")
        if files:
            out.append(f'<p class="small">Download: {", ".join(files)}</p>')
        rows = "".join(
            f"<tr><td><code>{escape(f['name'])}</code></td><td>{escape(f.get('type', 'any'))}</td>"
            f"<td>{escape(f.get('description', ''))}</td></tr>"
            for f in resource["schema"]["fields"]
        )
        table = f"<table><tr><th>field</th><th>type</th><th>meaning</th></tr>{rows}</table>"
        out.append(scrollable(table, f"Fields of {name}"))
    return "\n".join(out)


def citation(cff: dict[str, Any], pub: Publication) -> str:
    """The README's citation (APA and BibTeX, from publication.py), each with a copy button."""
    md = MarkdownIt("commonmark", {"html": False})
    lines = "".join(f"<p>{md.renderInline(line)}</p>" for line in apa(cff, pub))
    return (
        '<div class="cite">'
        '<h3 id="cite-apa">APA <button type="button" data-copy="apa" aria-label="Copy the APA citation">Copy</button></h3>'
        f'<div id="apa">{lines}</div>'
        '<h3 id="cite-bibtex">BibTeX <button type="button" data-copy="bibtex" aria-label="Copy the BibTeX">Copy</button></h3>'
        f'<pre id="bibtex">{escape(bibtex(cff, pub))}</pre>'
        '<p id="copy-status" class="small" role="status"></p></div>'
    )


def head(dp: dict[str, Any], pub: Publication, jsonld: str) -> str:
    """Title, description, canonical address, OpenGraph and Twitter card, styles and JSON-LD."""
    title, description = escape(dp["title"]), escape(dp["description"])
    meta = [
        ("property", "og:type", "website"),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", escape(pub.homepage)),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    return (
        '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'  # no favicon request: the page asks for nothing it does not ship
        f"<title>{title}</title>\n"
        f'<meta name="description" content="{description}">\n'
        f'<link rel="canonical" href="{escape(pub.homepage)}">\n'
        + "".join(f'<meta {attr}="{key}" content="{value}">\n' for attr, key, value in meta)
        + f"<style>{CSS}</style>\n"
        f'<script type="application/ld+json">\n{jsonld}</script>\n'
    )


def header(dp: dict[str, Any], pub: Publication, cff: dict[str, Any]) -> str:
    rep = report(cff)
    source = outside_link(rep["url"], f"<cite>{escape(rep['title'])}</cite>")
    nav = [("downloads", "Downloads"), ("chart", "Chart"), ("data", "Table"), ("data-dictionary", "Data dictionary"),
           ("where-sources-disagree", "Where sources disagree"), ("how-to-cite", "How to cite"), ("licences", "Licences")]  # fmt: skip
    links = "".join(f'<li><a href="#{anchor}">{text}</a></li>' for anchor, text in nav)
    return (
        f"<header><h1>{escape(dp['title'])}</h1>"
        f'<p class="small">Version {escape(dp["version"])} · data licence '
        f"{outside_link(pub.license_url, pub.license_name, 'license noopener')} · "
        f"{outside_link(pub.repository, 'repository')}</p>"
        f"<p>From {source}, {escape(rep['institution']['name'])}, {rep['year']}.</p>"
        f'<nav aria-label="Sections"><ul>{links}</ul></nav>'
        "</header>"
    )


def build(dist: Path) -> Path:
    site = dist / "site"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    sums = dict(line.split("  ", 1)[::-1] for line in (dist / "SHA256SUMS").read_text().splitlines())
    for name in [*sums, "SHA256SUMS"]:
        shutil.copyfile(dist / name, site / name)
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    pub, cff = publication(ROOT), citation_file(ROOT)
    readme = (ROOT / "README.md").read_text("utf-8")
    sections = readme_sections(readme)
    headline = readme_sections(sections["Data dictionary"], 3)["Headline figures"]
    df = ff.load(source=ROOT)
    jsonld = (dist / "schema-org.jsonld").read_text("utf-8").replace("<", "\\u003c")
    body = [
        f'<p class="lead">{escape(dp["description"])}</p>',
        '<h2 id="downloads">Downloads</h2>',
        "<p>The data package (a zip that any Frictionless tool opens), each table as CSV and JSON, and an Excel "
        "workbook; metadata for data portals and reference managers; the Python package.</p>",
        downloads(site, sums, {r["name"] for r in dp["resources"]}),
        '<h2 id="chart">Departures and returns by origin</h2>',
        chart(df),
        '<h2 id="data">The table</h2>',
        "<p>Indented rows are already counted in the region above them. An empty cell: no source attributes "
        "that figure to the report. Each origin's sources link to the pages that give its figures.</p>",
        origins_table(df, ff.load("figures-by-source", source=ROOT), ff.load("sources", source=ROOT)),
        '<h2 id="what-the-data-is-and-is-not">What the data is, and is not</h2>',
        to_html(for_readers(sections["What the data is, and is not"])),
        '<h2 id="data-dictionary">Data dictionary</h2>',
        dictionary(dp, sums),
        '<h3 id="headline-figures">Headline figures</h3>',
        to_html(for_readers(headline), "Headline figures"),
        '<h2 id="where-sources-disagree">Where sources disagree</h2>',
        to_html(for_readers(sections["Where sources disagree"]), "Where sources disagree"),
        '<h2 id="how-to-cite">How to cite</h2>',
        "<p>Cite the original report, and this dataset with its version:</p>",
        citation(cff, pub),
        '<h2 id="licences">Licences</h2>',
        to_html(for_readers(sections["Licences"])),
    ]
    html = (
        f'<!doctype html>\n<html lang="en">\n<head>\n{head(dp, pub, jsonld)}</head>\n<body>\n'
        f"{header(dp, pub, cff)}\n<main>\n" + "\n".join(body) + "\n</main>\n"
        f'<footer><p class="small">Version {escape(dp["version"])} · '
        f"{outside_link(pub.repository, 'source code and issues')}</p></footer>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
    (site / "index.html").write_text(html, encoding="utf-8")
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    if not (args.dist / "SHA256SUMS").is_file():
        print(f"site: no {args.dist / 'SHA256SUMS'}: run 'make dist' first", file=sys.stderr)
        return 2
    site = build(args.dist)
    print(f"{site / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
