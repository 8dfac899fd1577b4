"""Build the static landing page, dist/site/index.html, with every release artifact beside it.

    python -m publish.site [--dist dist] [--root CHECKOUT]

Run after publish.release. Top to bottom: what the data is (datapackage.json's title and the first
two sentences of its description), the headline figures (headline-figures), the chart
(publish/chart.py), the origins table (fighters-by-origin, each part under its own region), the
downloads (SHA256SUMS), the citation (publication.py) and the licence (datapackage.json's
`licenses`); then, folded, where sources disagree (ff.corroboration()) and the data dictionary
(datapackage.json). Nothing is written twice, and nothing comes from the README. It loads nothing
from outside its own folder, and reads as well on a phone as on a wide screen: wide tables scroll
inside their own box, and the chart has a phone layout.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd
from markdown_it import MarkdownIt

import foreign_fighters as ff

from .chart import chart_svg, ordered
from .publication import Publication, apa, bibtex, citation_file, publication, report
from .safe import link

if TYPE_CHECKING:
    from pandas.api.typing import NAType

ROOT = Path(__file__).resolve().parents[2]
NARROW = "40rem"  # below it: the "scroll sideways" hint above wide tables
CHART_NARROW = "50rem"  # below it the wide chart would shrink its smallest text under 11 px: the phone layout
QUALIFIERS = {"at_least": "at least", "more_than": "more than", "about": "about"}
# The rows of the origins table in order, each with its depth: ordered() by default, the chart's own.
Order = Callable[[pd.DataFrame], list[tuple[pd.Series, int]]]
# .scroll's backgrounds: a shadow at an edge where the table goes on (white covers it at the table's
# own ends, scrolling with it), so that a phone shows there is more to see.
CSS = f"""
*,*::before,*::after{{box-sizing:border-box}}
body{{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:.5rem 1rem;line-height:1.5;color:#1b1b1b}}
a{{color:#0b57a4}}
h1{{font-size:1.35rem;line-height:1.25;margin:.4rem 0 .3rem}}
ul{{padding-left:1.3rem}}
h2{{font-size:1.3rem;margin:1.6rem 0 .4rem;border-bottom:1px solid #ddd}} h3{{font-size:1.05rem;margin:1rem 0 .3rem}}
nav ul{{list-style:none;padding:0;margin:.4rem 0;display:flex;flex-wrap:wrap;gap:0 1rem}}
.lead{{margin:.5rem 0}} .small{{font-size:.85rem;color:#555}}
.sr{{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}}
.figures{{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.6rem 1rem;margin:.4rem 0}}
.figures dt{{font-weight:bold;font-size:1.25rem;line-height:1.2;font-variant-numeric:tabular-nums}}
.figures dt .q{{font-weight:normal;font-size:.85rem;color:#555}} .figures dd{{margin:0;font-size:.9rem;line-height:1.35}}
.scroll{{overflow-x:auto;margin:.4rem 0 .8rem;position:relative}}
.scroll{{background:linear-gradient(to right,#fff 30%,#fff0) left/2rem 100% no-repeat local,
linear-gradient(to left,#fff 30%,#fff0) right/2rem 100% no-repeat local,
radial-gradient(farthest-side at 0 50%,#0003,#0000) left/.7rem 100% no-repeat scroll,
radial-gradient(farthest-side at 100% 50%,#0003,#0000) right/.7rem 100% no-repeat scroll}}
.scroll:focus-visible{{outline:2px solid #0b57a4}}
.hint{{display:none;font-size:.85rem;color:#555;margin:.4rem 0 0}}
@media (max-width:{NARROW}){{.hint{{display:block}}}}
table{{border-collapse:collapse;font-size:.9rem;line-height:1.35}}
th,td{{border:1px solid #ddd;padding:.2rem .45rem;text-align:left;vertical-align:top}}
td.n{{text-align:right;font-variant-numeric:tabular-nums}}
#origins th[scope=row]{{font-weight:normal;min-width:8rem;max-width:11rem}} #origins td.n{{white-space:nowrap}} #origins tr.top th[scope=row]{{font-weight:bold}}
#origins tr.part th[scope=row]{{color:#444}}
#origins details summary{{white-space:nowrap}} #origins details ul{{margin:.2rem 0;min-width:14rem}}
code{{background:#f3f3f3;padding:0 .2rem;font-size:.85em;white-space:nowrap}} code.path{{white-space:normal}}
details.more{{margin:.6rem 0;border:1px solid #ddd;border-radius:4px;padding:.3rem .8rem}}
details.more > summary{{cursor:pointer;font-weight:bold}}
.files,.licences{{list-style:none;padding:0;margin:.2rem 0}}
.files li{{display:flex;flex-wrap:wrap;align-items:baseline;column-gap:1rem;padding:.1rem 0;border-bottom:1px solid #eee}}
.files a{{flex:1 1 15rem;overflow-wrap:break-word}}
.files .size{{min-width:5rem;text-align:right;font-variant-numeric:tabular-nums}}
.files li details[open]{{flex-basis:100%}}
.hash{{display:block;white-space:normal;overflow-wrap:anywhere;user-select:all;margin:.2rem 0 .4rem}}
.chart svg{{display:block;max-width:100%;height:auto}} .chart .narrow{{display:none}}
@media (max-width:{CHART_NARROW}){{.chart .wide{{display:none}} .chart .narrow{{display:block}}}}
.cite{{border:1px solid #ccc;border-radius:4px;padding:.1rem 1rem .6rem;background:#fafafa}}
.cite p{{overflow-wrap:break-word}}
.cite pre{{white-space:pre-wrap;overflow-wrap:break-word;background:#f0f0f0;padding:.6rem;font-size:.85rem}}
.cite h3{{display:flex;gap:1rem;align-items:baseline}}
button{{font:inherit;font-size:.9rem;padding:.1rem .8rem;cursor:pointer}}
footer{{margin-top:1.5rem;border-top:1px solid #ddd}}
"""
# Copy a citation: the clipboard where the browser allows it, else the text is selected for Ctrl+C.
# Inline, so that the page still loads nothing from elsewhere.
SCRIPT = """
for (const button of document.querySelectorAll("button[data-copy]")) {
  button.addEventListener("click", async () => {
    const source = document.getElementById(button.dataset.copy);
    const status = document.getElementById("copy-status");
    // innerText keeps the paragraphs apart; text folded out of sight has none, so its textContent.
    const text = (source.closest("details:not([open])") ? source.textContent : source.innerText).trim();
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "Copied.";
    } catch {
      const folded = source.closest("details");
      if (folded) folded.open = true;
      const range = document.createRange();
      range.selectNodeContents(source);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      status.textContent = "Selected: press Ctrl+C (on a Mac, Cmd+C) to copy.";
    }
  });
}
"""


def sentences(text: str, count: int = 2) -> str:
    """The text's first `count` sentences: a sentence ends at ".", "!" or "?" before a space and a capital."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text.strip())
    return " ".join(parts[:count])


def scrollable(table: str, label: str) -> str:
    """A table in a box that scrolls sideways on its own, so that the page itself never does.

    Focusable and named, so that a keyboard can scroll it too; the hint shows on narrow screens only.
    """
    return (
        '<p class="hint" aria-hidden="true">Scroll the table sideways to see every column.</p>'
        f'<div class="scroll" role="region" tabindex="0" aria-label="{escape(label)}">{table}</div>'
    )


def outside_link(url: object, text: str, rel: str = "noopener") -> str:
    """A link to ``url`` around ``text`` (HTML already escaped); only text when the address is no safe
    link (publish/safe.py): the reader sees it and nothing runs."""
    safe = link(url)
    if safe is None:
        return text
    return f'<a href="{escape(safe)}" rel="{rel}">{text}</a>'


def folded(slug: str, summary: str, content: str) -> str:
    """Detail that most readers skip: one line until opened."""
    return f'<details class="more" id="{slug}"><summary>{summary}</summary>{content}</details>'


def _count(value: int | NAType | None) -> str:
    return "" if pd.isna(value) else f"{int(value):,}"


def figure(value: float, unit: object, qualifier: str | NAType | None) -> tuple[str, str]:
    """A headline figure as shown: its qualifier in words ("more than") and its value ("40,000", "15%")."""
    number = float(value)
    shown = f"{number:,.0f}" if number.is_integer() else f"{number:,g}"
    if unit == "percent":
        shown += "%"
    words = "" if pd.isna(qualifier) else QUALIFIERS.get(str(qualifier), str(qualifier).replace("_", " "))
    return words, shown


def headline_figures(headline: pd.DataFrame) -> str:
    """The report's global figures, in the file's order: each value, with its qualifier, beside what it counts."""
    items = []
    for r in headline.to_dict("records"):
        words, shown = figure(r["value"], r["unit"], r["qualifier"])
        qualifier = f'<span class="q">{escape(words)}</span> ' if words else ""
        items.append(
            f'<div><dt id="figure-{escape(r["measure"])}" data-measure="{escape(r["measure"])}">{qualifier}{shown}</dt>'
            f"<dd>{escape(r['description'])}</dd></div>"
        )
    return f'<dl class="figures">{"".join(items)}</dl>'


def sources_cell(origin: str, evidence: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The publications that give a figure for the origin, each linked to its page."""
    ids = list(dict.fromkeys(evidence.loc[evidence["origin"] == origin, "source"]))
    by_id = sources.set_index("source")
    links = [
        f"<li>{outside_link(cast(str, by_id.at[i, 'url']), escape(cast(str, by_id.at[i, 'outlet'])), 'nofollow noopener')}"
        f' <span class="small">{escape(cast(str, by_id.at[i, "published"]))}, {escape(cast(str, by_id.at[i, "language"]))}</span></li>'
        for i in ids
        if i in by_id.index
    ]
    label = f'<span class="sr">Sources for {escape(origin)}: </span>{len(links)}'
    return f"<details><summary>{label}</summary><ul>{''.join(links)}</ul></details>" if links else ""


def origin_row(r: pd.Series, depth: int, evidence: pd.DataFrame, sources: pd.DataFrame) -> str:
    """One origin: a part is indented by its depth, marked ↳, and says which region it is part of."""
    has_both = pd.notna(r["departed"]) and pd.notna(r["returned"]) and r["departed"]
    share = f"{100 * r['returned'] / r['departed']:.0f}" if has_both else ""
    if pd.notna(r["returned_percent"]):  # the percentage the source states, which the count comes from
        share = f'{r["returned_percent"]:g} <span class="small">stated</span>'
    origin = escape(r["origin"])
    if pd.notna(r["part_of"]):
        parent = escape(r["part_of"])
        attrs = f' class="part" data-origin="{origin}" data-part-of="{parent}" data-depth="{depth}"'
        name = f'<span aria-hidden="true">↳&nbsp;</span>{origin}<span class="sr">, part of {parent}</span>'
    else:
        attrs = f' class="top" data-origin="{origin}" data-depth="{depth}"'
        name = origin
    indent = f' style="padding-left:{0.45 + 1.1 * depth:g}rem"' if depth else ""
    return (
        f'<tr{attrs}><th scope="row"{indent}>{name}</th>'
        f'<td class="n">{_count(r["departed"])}</td><td class="n">{_count(r["returned"])}</td>'
        f'<td class="n">{share}</td><td>{sources_cell(r["origin"], evidence, sources)}</td></tr>'
    )


def origins_table(df: pd.DataFrame, evidence: pd.DataFrame, sources: pd.DataFrame, order: Order = ordered) -> str:
    """Every origin, each region followed by its parts (from part_of, not from the file's row order)."""
    head = (
        '<thead><tr><th scope="col">origin</th><th scope="col">left</th><th scope="col">returned</th>'
        '<th scope="col">% of left</th><th scope="col">sources</th></tr></thead>'
    )
    rows = "".join(origin_row(r, depth, evidence, sources) for r, depth in order(df))
    return scrollable(f'<table id="origins">{head}<tbody>{rows}</tbody></table>', "Figures by origin")


def disagreements(corroboration: pd.DataFrame) -> str:
    """Where publications give other values than the one fighters-by-origin keeps, from ff.corroboration()."""
    kept = corroboration["value"].astype("Float64").fillna(corroboration["percent"])  # a count, else a percentage
    table = corroboration.assign(kept=kept)[kept.notna() & (corroboration["other_values"].fillna("") != "")]
    rows = "".join(
        f"<tr><td>{escape(r['origin'])}</td><td><code>{escape(r['measure'])}</code></td>"
        f'<td class="n">{float(r["kept"]):,g}</td><td class="n">{r["independent"]}</td>'
        f"<td>{escape(str(r['other_values']))}</td></tr>"
        for r in table.to_dict("records")
    )
    head = (
        "<tr><th>origin</th><th>measure</th><th>kept</th><th>independent sources for it</th>"
        "<th>other values (independent sources)</th></tr>"
    )
    intro = (
        "<p>Each origin and measure where publications give different values: the value "
        "<code>fighters-by-origin</code> keeps, how many independent sources give it, and the other values with "
        "theirs (<code>ff.corroboration()</code>).</p>"
    )
    return intro + scrollable(f"<table>{head}{rows}</table>", "Where sources disagree")


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


def file_list(site: Path, slug: str, names: list[str], sums: dict[str, str]) -> str:
    return f'<ul class="files" id="{slug}">' + "".join(download_line(site, n, sums[n]) for n in names) + "</ul>"


def downloads(site: Path, sums: dict[str, str], tables: set[str]) -> str:
    """The zip, the CSVs and the workbook in sight; each table as JSON, the metadata and the Python package
    folded, one line each until opened."""
    groups: dict[str, list[str]] = {"Data": [], "Metadata": [], "Python": []}
    for name in sums:
        groups[download_group(name, tables)].append(name)
    data = sorted(groups.pop("Data"), key=_data_order)
    json_tables = [name for name in data if name.endswith(".json")]
    out = ['<h3 id="downloads-data-heading">Data: the package (zip), CSV, Excel</h3>']
    if data != json_tables:
        out.append(file_list(site, "downloads-data", [n for n in data if n not in json_tables], sums))
    if json_tables:
        summary = f"Each table as JSON: {len(json_tables)} files"
        out.append(folded("downloads-json-more", summary, file_list(site, "downloads-json", json_tables, sums)))
    titles = {"Metadata": "Metadata", "Python": "The Python package"}
    for group, names in groups.items():
        if names:
            body = file_list(site, f"downloads-{group.lower()}", sorted(names), sums)
            out.append(folded(f"downloads-{group.lower()}-more", f"{titles[group]}: {len(names)} files", body))
    out.append(
        '<p><a href="SHA256SUMS" download>SHA256SUMS</a>: check a download with '
        "<code>sha256sum -c SHA256SUMS</code>.</p>"
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


def shown_bibtex(cff: dict[str, Any], pub: Publication) -> str:
    """publication.py's BibTeX without its commented-out DOI placeholder: the page shows no DOI until there is one."""
    return "".join(line for line in bibtex(cff, pub).splitlines(keepends=True) if not line.startswith("%"))


def citation(cff: dict[str, Any], pub: Publication) -> str:
    """The citation (APA and BibTeX, from publication.py), each with a copy button; the BibTeX folded."""
    md = MarkdownIt("commonmark", {"html": False})
    lines = "".join(f"<p>{md.renderInline(line)}</p>" for line in apa(cff, pub))
    return (
        '<div class="cite">'
        '<h3 id="cite-apa">APA <button type="button" data-copy="apa" aria-label="Copy the APA citation">Copy</button></h3>'
        f'<div id="apa">{lines}</div>'
        '<h3 id="cite-bibtex">BibTeX <button type="button" data-copy="bibtex" aria-label="Copy the BibTeX">Copy</button></h3>'
        f'<details id="bibtex-more"><summary>Show the BibTeX</summary><pre id="bibtex">{escape(shown_bibtex(cff, pub))}</pre></details>'
        '<p id="copy-status" class="small" role="status"></p></div>'
    )


def licences(dp: dict[str, Any]) -> str:
    """The data's licence, from datapackage.json's `licenses` (each with a name, a path or both)."""
    items = []
    for lic in dp.get("licenses", []):
        name, path = str(lic.get("name", "")), lic.get("path")
        shown = escape(str(lic.get("title") or name or path))
        also = f" ({escape(name)})" if name else ""
        items.append(f"<li>The data: {outside_link(path, shown, 'license noopener')}{also}</li>")
    return f'<ul class="licences">{"".join(items)}</ul>'


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


NAV = [("headline-figures", "Figures"), ("chart", "Chart"), ("data", "Table"), ("downloads", "Downloads"),
       ("how-to-cite", "Cite"), ("licence", "Licence"), ("details", "Details")]  # fmt: skip


def header(dp: dict[str, Any], pub: Publication, cff: dict[str, Any]) -> str:
    """The title, what the data is in two sentences, its report, version, licence and repository."""
    rep = report(cff)
    source = outside_link(rep["url"], f"<cite>{escape(rep['title'])}</cite>")
    links = "".join(f'<li><a href="#{anchor}">{text}</a></li>' for anchor, text in NAV)
    # The report's title links to it where the description names it; else a line of its own says where it is.
    lead, title = escape(sentences(dp["description"])), escape(rep["title"])
    linked = lead.replace(title, source, 1)
    reference = "" if linked != lead else f"The report: {source}, {escape(rep['institution']['name'])}, {rep['year']}. "
    return (
        f"<header><h1>{escape(dp['title'])}</h1>"
        f'<p class="lead" id="what-the-data-is">{linked}</p>'
        f'<p class="small">{reference}Version {escape(dp["version"])} · data licence '
        f"{outside_link(pub.license_url, escape(pub.license_name or 'see below'), 'license noopener')} · "
        f"{outside_link(pub.repository, 'repository')}</p>"
        f'<nav aria-label="Sections"><ul>{links}</ul></nav>'
        "</header>"
    )


def build(dist: Path, root: Path = ROOT) -> Path:
    site = dist / "site"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    sums = dict(line.split("  ", 1)[::-1] for line in (dist / "SHA256SUMS").read_text().splitlines())
    for name in [*sums, "SHA256SUMS"]:
        shutil.copyfile(dist / name, site / name)
    dp = json.loads((root / "datapackage.json").read_text("utf-8"))
    pub, cff = publication(root), citation_file(root)
    df = ff.load(source=root)
    jsonld = (dist / "schema-org.jsonld").read_text("utf-8").replace("<", "\\u003c")
    body = [
        '<h2 id="headline-figures">Headline figures</h2>',
        headline_figures(ff.load("headline-figures", source=root)),
        '<h2 id="chart">Chart</h2>',
        chart(df),
        '<h2 id="data">By origin</h2>',
        "<p>↳: already counted in the region above. Empty: no figure attributed to the report.</p>",
        origins_table(df, ff.load("figures-by-source", source=root), ff.load("sources", source=root)),
        '<h2 id="downloads">Downloads</h2>',
        downloads(site, sums, {r["name"] for r in dp["resources"]}),
        '<h2 id="how-to-cite">How to cite</h2>',
        citation(cff, pub),
        '<h2 id="licence">Licence</h2>',
        licences(dp),
        '<h2 id="details">Details</h2>',
        folded("where-sources-disagree", "Where sources disagree", disagreements(ff.corroboration(source=root))),
        folded("data-dictionary", "Data dictionary", dictionary(dp, sums)),
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
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout the release was built from")
    args = parser.parse_args()
    if not (args.dist / "SHA256SUMS").is_file():
        print(f"site: no {args.dist / 'SHA256SUMS'}: run 'make dist' first", file=sys.stderr)
        return 2
    site = build(args.dist, args.root)
    print(f"{site / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
