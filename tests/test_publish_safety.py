"""The release outputs (README and docs pages, chart, zip, workbook, metadata, landing page) on hostile
text and on every descriptor `validate` accepts: text from the data shows escaped, a link from the data
is made only when it is safe, and no output raises.

Each package here is a copy of the frozen fixture with the files the outputs read beside it
(CITATION.cff, pyproject.toml, the README and docs pages), built as `make docs`, `make dist` and
`make site` build it: the entry points themselves, pointed at the copy with --root.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import EVIDENCE, HEADLINE, ORIGINS, ROOT, SOURCES, PackageCopy
from markdown_it import MarkdownIt

from publish import chart, readme, release, site
from publish.safe import link, md_cell, md_text, md_unescape
from publish.site import licences, outside_link, sources_cell
from publish.workbook import _text_cell

# What the outputs read besides the package itself.
BESIDE = ["CITATION.cff", "pyproject.toml", "README.md", "LICENSE", *(f"docs/{p}" for p in ("data-dictionary.md", "rules.md", "disagreements.md"))]  # fmt: skip
SCRIPT = "<script>alert(1)</script>"
MD_LINK = "](javascript:alert(1))"
JS = "javascript:alert(1)"
FORMULA = '=HYPERLINK("http://example.org/x","click")'
NOTES = "extra"  # a resource of one's own, which no rule reads


def release_tree(folder: Path, change: Callable[[PackageCopy], None] | None = None) -> PackageCopy:
    """A copy of the fixture with what the outputs read beside it; CITATION.cff at the fixture's version,
    so that the release's own checks hold."""
    folder.mkdir(parents=True, exist_ok=True)
    pkg = PackageCopy(folder)
    (folder / "docs").mkdir()
    for name in BESIDE:
        shutil.copy(ROOT / name, folder / name)
    version = json.loads((folder / "datapackage.json").read_text("utf-8"))["version"]
    cff = (folder / "CITATION.cff").read_text("utf-8")
    (folder / "CITATION.cff").write_text(re.sub(r"(?m)^(\s*)version: .*$", rf"\g<1>version: {version}", cff), "utf-8")
    if change:
        change(pkg)
    return pkg


def run(module: Any, *args: str) -> tuple[int, str]:
    """An entry point as `python -m` runs it: its exit code and what it wrote to stderr."""
    saved = sys.argv
    sys.argv = [module.__name__, *args]
    err = io.StringIO()
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = module.main()
    finally:
        sys.argv = saved
    return code, err.getvalue()


def build_all(folder: Path) -> Path:
    """make docs, make dist (without the wheel) and make site on the copy; the dist folder. The release
    validates the package first and stops (exit 1) unless `validate` accepts it: a package that builds
    here is one that validate accepts."""
    dist = folder / "dist"
    steps = [
        (readme, ["--root", str(folder)]),
        (chart, ["--root", str(folder)]),
        (release, ["--root", str(folder), "--out", str(dist), "--skip-python"]),
        (site, ["--root", str(folder), "--dist", str(dist)]),
    ]
    for module, args in steps:
        code, err = run(module, *args)
        assert code == 0, (module.__name__, err)
    return dist


# ---- the link check ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=c#d",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/",
        "LICENSE",
        "data/sources.csv",
        "docs/release.md#make-targets",
    ],
)
def test_safe_links_are_kept(url: str):
    assert link(url) == url


@pytest.mark.parametrize(
    "url",
    [
        JS,
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "mailto:someone@example.org",
        "//evil.example.org/x",
        "/etc/passwd",
        "../outside.csv",
        "data/../../outside.csv",
        "data/%2e%2e/%2e%2e/outside",
        "data\\..\\outside",
        "https://",
        'https://example.org/"onmouseover="alert(1)',
        "https://example.org/<script>",
        "https://example.org/}",
        "https://example.org/a|b",
        "",
        None,
        42,
    ],
)
def test_unsafe_links_are_refused(url: object):
    assert link(url) is None


def test_a_relative_path_is_no_address_for_a_portal():
    assert link("LICENSE", absolute=True) is None and link("https://example.org/", absolute=True)


def test_each_resource_has_a_sheet_of_its_own():
    from publish.workbook import ABOUT, DICTIONARY, sheet_names

    names = ["about", "Data-Dictionary", f"{LONG}-one", f"{LONG}-two", "sources"]
    sheets = sheet_names({"resources": [{"name": n} for n in names]})
    titles = [t.casefold() for t in [ABOUT, DICTIONARY, *sheets.values()]]
    assert len(set(titles)) == len(titles) and all(len(t) <= 31 for t in titles)
    assert sheets["sources"] == "sources"


def test_markdown_text_makes_no_link_tag_code_or_cell_of_its_own():
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True
    hostile = f"a | b `c` *d* {SCRIPT} [x{MD_LINK} ![i](x.png) <https://example.org>\nnext line"
    table = f"| one | two |\n|---|---|\n| {md_cell(hostile)} | end |\n"
    html = md.render(table)
    assert "<a " not in html and "<img" not in html and "<script" not in html and "<code>" not in html
    assert "<em>" not in html and html.count("<td>") == 2
    assert "\n" not in md_cell(hostile)
    assert md_unescape(md_text(hostile)) == hostile


# ---- the output functions, on text that validate may refuse ------------------------------------------


def test_site_shows_an_unsafe_address_as_text():
    assert outside_link(JS, "x") == "x"
    assert outside_link("https://example.org/", "x") == '<a href="https://example.org/" rel="noopener">x</a>'
    page = licences({"licenses": [{"name": SCRIPT, "path": JS, "title": f"<b>{MD_LINK}"}]})
    assert "<a " not in page and "<script" not in page and "<b>" not in page and "&lt;script&gt;" in page


def test_site_sources_cell_escapes_the_outlet_and_links_only_a_safe_url():
    import pandas as pd

    evidence = pd.DataFrame({"origin": ["A", "A"], "source": ["s1", "s2"]})
    sources = pd.DataFrame(
        {
            "source": ["s1", "s2"],
            "url": [JS, "https://example.org/"],
            "outlet": [SCRIPT, "Fine"],
            "published": ["2017", "2017"],
            "language": ["en", "en"],
        }
    )
    cell = sources_cell("A", evidence, sources)
    assert "<script" not in cell and "&lt;script&gt;alert(1)&lt;/script&gt;" in cell
    assert "javascript" not in cell and '<a href="https://example.org/"' in cell


def test_readme_data_dictionary_escapes_descriptor_text():
    descriptor = {
        "resources": [
            {
                "name": NOTES,
                "path": "data/extra.csv",
                "description": f"{SCRIPT} [x{MD_LINK}",
                "schema": {
                    "fields": [
                        {"name": "a", "type": "string", "description": f"pipe | {SCRIPT} `tick` [x{MD_LINK}"},
                        {"name": "b", "description": "no type", "constraints": {"enum": ["x|y", "`z`"]}},
                    ]
                },
            }
        ]
    }
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True
    html = md.render(readme.data_dictionary(descriptor))
    assert "<script" not in html and "<a " not in html and "Primary key" not in html
    assert all(row.count("<td>") == 5 for row in re.findall(r"<tr>.*?</tr>", html, re.S) if "<td>" in row)


def test_a_formula_is_stored_as_text(tmp_path: Path):
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row, value in enumerate([FORMULA, "+1+1", "-1+1", "@SUM(A1)"], start=1):
        _text_cell(sheet.cell(row, 1), value)
    book.save(tmp_path / "x.xlsx")
    cells = [row[0] for row in load_workbook(tmp_path / "x.xlsx").active.iter_rows()]  # type: ignore[union-attr]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        (v, "s", True) for v in (FORMULA, "+1+1", "-1+1", "@SUM(A1)")
    ]
    with zipfile.ZipFile(tmp_path / "x.xlsx") as zf:
        assert "<f>" not in zf.read("xl/worksheets/sheet1.xml").decode()


# ---- a hostile package, built as a release ----------------------------------------------------------


def hostile(pkg: PackageCopy) -> None:
    """Text a contributor could write in the data or the descriptor, aimed at each output."""
    pkg.set(SOURCES, pkg.rows(SOURCES)[1][0], "outlet", SCRIPT, refresh=False)
    pkg.set(SOURCES, pkg.rows(SOURCES)[2][0], "notes", f"a | b [click{MD_LINK}", refresh=False)
    pkg.set(ORIGINS, pkg.rows(ORIGINS)[1][0], "notes", f"{SCRIPT} | `x` [y{MD_LINK}", refresh=False)
    pkg.set(HEADLINE, pkg.rows(HEADLINE)[1][0], "description", f"Fighters | {SCRIPT} `x` [y{MD_LINK}", refresh=False)
    (pkg.folder / "data" / f"{NOTES}.csv").write_text(f"note\n{SCRIPT}\n", encoding="utf-8")

    def edit(d: dict[str, Any]) -> None:
        d["title"] = f"Foreign fighters {SCRIPT}"
        d["description"] = f"The figures [click{MD_LINK} | <img src=x onerror=alert(1)>. {SCRIPT} More."
        # Addresses validate refuses (descriptor-links-safe) cannot reach a release: the outputs'
        # own refusal of them is tested above, on the functions.
        d["licenses"] = [
            {
                "name": "ODC-PDDL-1.0",
                "path": "https://opendatacommons.org/licenses/pddl/1-0/",
                "title": f"<b>PDDL</b> [x{MD_LINK}",
            }
        ]
        d["sources"][0]["title"] = SCRIPT
        d["resources"][0]["schema"]["fields"][0]["description"] = f"pipe | {SCRIPT} [x{MD_LINK}"
        d["resources"].append(
            {
                "name": NOTES,
                "path": f"data/{NOTES}.csv",
                "title": FORMULA,
                "description": f"{SCRIPT} | [x{MD_LINK}",
                "schema": {"fields": [{"name": "note", "type": "string", "description": f"{SCRIPT} `x`"}]},
            }
        )

    pkg.edit_descriptor(edit)
    pkg.refresh()


@pytest.fixture(scope="module")
def hostile_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    release_tree(folder, hostile)
    build_all(folder)
    return folder


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.found


def test_landing_page_shows_hostile_text_escaped_and_links_only_safe_addresses(hostile_release: Path):
    html = (hostile_release / "dist" / "site" / "index.html").read_text("utf-8")
    found = tags(html)
    scripts = [attrs.get("type") for tag, attrs in found if tag == "script"]
    assert scripts == ["application/ld+json", None]  # the page's own two, none from the data
    assert not [attrs for tag, attrs in found if tag in ("img", "b", "iframe")]
    hrefs = [str(attrs.get("href")) for tag, attrs in found if tag == "a"]
    assert hrefs and all(h.startswith("#") or link(h) == h for h in hrefs)
    addresses = [str(v) for _, a in found for k, v in a.items() if k in ("href", "src", "action", "formaction")]
    assert not [v for v in addresses if "javascript" in v.lower()]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text
    assert "<script>alert(1)" not in html


def test_markdown_pages_show_hostile_text_escaped(hostile_release: Path):
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True
    for page in ("README.md", "docs/data-dictionary.md", "docs/disagreements.md"):
        found = tags(md.render((hostile_release / page).read_text("utf-8")))
        assert not [tag for tag, _ in found if tag in ("script", "iframe", "b")], page
        assert not [k for _, a in found for k in a if k.startswith("on")], page  # no handler from the data
        addresses = [str(v) for _, a in found for k, v in a.items() if k in ("href", "src")]
        assert not [v for v in addresses if "javascript" in v.lower()], page
    dictionary = md.render((hostile_release / "docs" / "data-dictionary.md").read_text("utf-8"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dictionary
    rows = [row for row in re.findall(r"<tr>.*?</tr>", dictionary, re.S) if "<td>" in row]
    assert rows and all(row.count("<td>") == 5 for row in rows)  # no pipe from the data split a cell


def test_metadata_links_only_safe_addresses_and_escapes_text_for_the_portals(hostile_release: Path):
    dist = hostile_release / "dist"
    org = json.loads((dist / "schema-org.jsonld").read_text("utf-8"))
    ckan = json.loads((dist / "ckan-dataset.json").read_text("utf-8"))
    hdx = json.loads((dist / "hdx-dataset.json").read_text("utf-8"))
    zenodo = json.loads((dist / "zenodo.json").read_text("utf-8"))
    assert link(org["license"]) == org["license"] and all(link(u) == u for u in org["isBasedOn"])
    assert link(ckan.get("license_url"), absolute=True) == ckan.get("license_url")
    # Zenodo reads HTML; CKAN and HDX render Markdown.
    assert "<" not in zenodo["description"] and "&lt;script&gt;" in zenodo["description"]
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True
    shown = [ckan["notes"], hdx["notes"], hdx["methodology_other"]]
    shown += [r["description"] for r in [*ckan["resources"], *hdx["resources"]]]
    for text in shown:
        rendered = tags(md.render(text))
        assert not [tag for tag, _ in rendered if tag in ("script", "img", "a", "b")], text
    for doc in (org, ckan, json.loads((dist / "hdx-dataset.json").read_text("utf-8"))):
        assert JS not in str(doc.get("url")) and JS not in str(doc.get("identifier", ""))
    page = (dist / "site" / "index.html").read_text("utf-8")
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert jsonld and "<" not in jsonld.group(1)  # nothing in it can close the script


def formulas_are_text(book_path: Path) -> set[str]:
    """Every cell that starts as a formula would, checked stored as text; their values."""
    from openpyxl import load_workbook

    book = load_workbook(book_path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in ("=", "+", "-", "@")]
    assert all(c.data_type == "s" and c.quotePrefix for c in risky), [(c.coordinate, c.value) for c in risky]
    with zipfile.ZipFile(book_path) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not [n for n in sheets if "<f>" in zf.read(n).decode()]
    return {str(c.value) for c in risky}


def test_workbook_stores_a_formula_from_the_descriptor_as_text(hostile_release: Path):
    (book,) = (hostile_release / "dist").glob("*.xlsx")
    assert FORMULA in formulas_are_text(book)  # the resource's title, on the About sheet


def test_workbook_stores_formulas_from_the_cells_as_text(tmp_path: Path):
    """Cells that a rule may refuse, written by the workbook builder itself: it never relies on the rule."""
    from publish.workbook import build_workbook

    pkg = release_tree(tmp_path / "package")
    pkg.set(ORIGINS, pkg.rows(ORIGINS)[1][0], "notes", FORMULA, refresh=False)
    pkg.set(EVIDENCE, pkg.rows(EVIDENCE)[1][0], "notes", "@SUM(1+1)*cmd|' /C calc'!A0", refresh=False)
    pkg.set(SOURCES, pkg.rows(SOURCES)[1][0], "notes", "+1+1", refresh=False)
    pkg.refresh()
    dp = json.loads((pkg.folder / "datapackage.json").read_text("utf-8"))
    (tmp_path / "out").mkdir()
    book = build_workbook(tmp_path / "out", dp, pkg.folder)
    assert {FORMULA, "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1"} <= formulas_are_text(book)


# ---- every descriptor validate accepts builds ------------------------------------------------------


def _extra(pkg: PackageCopy, **schema: Any) -> None:
    """A resource of one's own: no primaryKey, a field without a type, no description."""
    (pkg.folder / "data" / f"{NOTES}.csv").write_text("note,count,flag\nfirst,1,true\nsecond,,false\n", "utf-8")
    fields = [
        {"name": "note", "description": "A note."},
        {"name": "count", "type": "integer", "description": "A count."},
        {"name": "flag", "type": "boolean", "description": "A flag."},
    ]
    pkg.edit_descriptor(
        lambda d: d["resources"].append(
            {"name": NOTES, "path": f"data/{NOTES}.csv", "schema": {"fields": fields, **schema}}
        )
    )


def _minimal(pkg: PackageCopy) -> None:
    """What Data Package v2 leaves optional, left out: validate accepts the package without it."""
    _extra(pkg)

    def edit(d: dict[str, Any]) -> None:
        for key in ("name", "created", "keywords", "contributors", "homepage"):
            d.pop(key, None)
        d["licenses"] = [{"path": "https://creativecommons.org/publicdomain/zero/1.0/"}]
        d["sources"] = [{"title": "A report, with no address"}]
        d["resources"][0].pop("description", None)

    pkg.edit_descriptor(edit)
    pkg.refresh()


def _named(*names: str) -> Callable[[PackageCopy], None]:
    """Resources of one's own with these names, each holding its own name, so that a sheet mixed up
    with another shows."""

    def apply(pkg: PackageCopy) -> None:
        for name in names:
            (pkg.folder / "data" / f"{name}.csv").write_text(f"note\n{name}\n", "utf-8")
            field = {"name": "note", "type": "string", "description": "A note."}
            res = {"name": name, "path": f"data/{name}.csv", "schema": {"fields": [field]}}
            pkg.edit_descriptor(lambda d, res=res: d["resources"].append(res))
        pkg.refresh()

    return apply


LONG = "a-resource-name-longer-than-a-sheet-name"


def _edit(change: Callable[[dict[str, Any]], Any]) -> Callable[[PackageCopy], None]:
    def apply(pkg: PackageCopy) -> None:
        pkg.edit_descriptor(change)
        pkg.refresh()

    return apply


def _also_extra(**schema: Any) -> Callable[[PackageCopy], None]:
    def apply(pkg: PackageCopy) -> None:
        _extra(pkg, **schema)
        pkg.refresh()

    return apply


VARIANTS = {
    "optional-metadata-left-out": _minimal,
    "licence-by-name-only-and-unknown-to-the-portals": _edit(lambda d: d.update(licenses=[{"name": "CC0-1.0"}])),
    "no-maintainer-among-contributors": _edit(
        lambda d: d.update(contributors=[{"title": "Someone", "roles": ["creator"]}])
    ),
    "resource-named-as-the-about-sheet": _named("about"),
    "resource-names-alike-in-their-first-31-characters": _named(f"{LONG}-one", f"{LONG}-two"),
    "keys-written-as-strings": _also_extra(
        primaryKey="note", foreignKeys=[{"fields": "note", "reference": {"fields": "note"}}]
    ),
}


@pytest.mark.parametrize("change", list(VARIANTS.values()), ids=list(VARIANTS))
def test_every_output_builds_on_a_descriptor_validate_accepts(tmp_path: Path, change: Callable[[PackageCopy], None]):
    release_tree(tmp_path, change)
    dist = build_all(tmp_path)
    assert (dist / "site" / "index.html").is_file()
