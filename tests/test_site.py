"""make site: the landing page, checked as files and in a real headless Chromium at 1280 and 390 CSS px.

Every expectation comes from the built files (SHA256SUMS, datapackage.json, schema-org.jsonld,
CITATION.cff through publication.py), never from today's figures.
"""

from __future__ import annotations

import base64
import dataclasses
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from functools import partial
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import ROOT

import foreign_fighters as ff
from publish.chart import ordered
from publish.publication import apa, citation_file, publication, report

pytestmark = pytest.mark.slow
# Debian's chromium here and in .ci/run; the GitHub runner's Chrome in the release workflow.
CHROMIUM = os.environ.get("FOREIGN_FIGHTERS_CHROMIUM") or next(
    filter(None, map(shutil.which, ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"])), None
)
CHROMEDRIVER = shutil.which("chromedriver")
REQUIRED = os.environ.get("FOREIGN_FIGHTERS_REQUIRE_BROWSER") == "1"  # CI sets it: no silent skip there
ARTIFACTS = ROOT / "test-artifacts"  # gitignored: the screenshots, to look at
AXE = ROOT / "tests" / "js" / "axe"
WIDE, PHONE = 1280, 390
SCREEN = 844  # a phone's screen height, CSS px
MAX_SCREENS = 6  # the whole page: at most this many phone screens tall
WIDTHS = pytest.mark.parametrize("width", [WIDE, PHONE])
MIN_CHART_PX = 11


# The page as files ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    for module, flag in (("publish.release", "--out"), ("publish.site", "--dist")):
        done = subprocess.run([sys.executable, "-m", module, flag, str(dist)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    return dist / "site"


@pytest.fixture(scope="module")
def html(site: Path) -> str:
    return (site / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def sums(site: Path) -> dict[str, str]:
    """SHA256SUMS: file name -> sha256."""
    return {name: digest for digest, name in (line.split("  ", 1) for line in (site / "SHA256SUMS").read_text().splitlines())}  # fmt: skip


class Tags(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str, name: str) -> list[dict[str, str]]:
    return [attrs for tag, attrs in Tags(html).found if tag == name]


def outside(href: str) -> bool:
    return bool(re.match(r"^[a-z]+:", href))


def test_page_links_embedded_metadata_and_no_outside_requests(site: Path, html: str, sums: dict[str, str]):
    links = [a["href"] for a in tags(html, "a")]
    anchors = [link for link in links if link.startswith("#")]
    assert all(f'id="{a[1:]}"' in html for a in anchors)  # in-page links land on a heading
    local = [link for link in links if not outside(link) and link not in anchors]
    assert local and all((site / link).is_file() for link in local)  # downloads: beside the page
    assert set(ff.load("sources")["url"]) <= set(links)  # each origin's sources: linked to their pages
    assert not [t for t in Tags(html).found if re.match(r"(https?:)?//", t[1].get("src", ""))]  # nothing from elsewhere
    (jsonld,) = re.findall(r'<script type="application/ld\+json">\n(.*?)</script>', html, re.S)
    assert json.loads(jsonld) == json.loads((site.parent / "schema-org.jsonld").read_text("utf-8"))
    assert all(digest in html for digest in sums.values())  # each hash in full, somewhere on the page


def test_report_licence_and_repository_linked(html: str):
    cff = citation_file()
    wanted = {report(cff)["url"], publication().license_url, publication().repository}
    found = {unescape(a["href"]): a.get("rel", "").split() for a in tags(html, "a")}
    assert wanted <= set(found)
    for href, rel in found.items():
        if outside(href):  # every outside link: absolute, and the page it opens gets no handle on this one
            assert re.match(r"^https?://[^/\s]+", href) and "noopener" in rel, href
    assert not re.search(r"<code>https?://", html)  # outside addresses are links, not code


def test_social_cards_and_canonical_address(html: str):
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    meta = {m.get("property") or m.get("name"): unescape(m["content"]) for m in tags(html, "meta") if "content" in m}
    homepage = publication().homepage
    assert meta["og:type"] == "website" and meta["og:url"] == homepage
    assert meta["og:title"] == meta["twitter:title"] == dp["title"]
    assert meta["og:description"] == meta["twitter:description"] == dp["description"]
    assert meta["twitter:card"] == "summary"
    assert [unescape(link["href"]) for link in tags(html, "link") if link.get("rel") == "canonical"] == [homepage]


def test_no_developer_only_text_and_the_dictionary_from_datapackage(html: str):
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S))
    for phrase in ("a test fails", "pandas dtype", "make docs", "make dist"):
        assert phrase not in text
    assert "word-break:break-all" not in html.replace(" ", "")
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    for resource in dp["resources"]:
        start = html.index(f'id="dictionary-{resource["name"]}"')
        table = html[start : html.index("</table>", start)]
        assert re.findall(r"<th>(.*?)</th>", table) == ["field", "type", "meaning"]
        rows = re.findall(r"<tr><td><code>(.*?)</code></td><td>(.*?)</td><td>", table)
        assert rows == [(f["name"], f["type"]) for f in resource["schema"]["fields"]]


def test_downloads_grouped_by_file_name():
    from publish import site as build_site

    tables = {"fighters-by-origin", "sources"}
    cases = {
        "foreign-fighters-2.0.0.zip": "Data",
        "sources.csv": "Data",
        "sources.json": "Data",
        "foreign-fighters-2.0.0.xlsx": "Data",
        "ckan-dataset.json": "Metadata",
        ".zenodo.json": "Metadata",
        "hdx-dataset.json": "Metadata",
        "schema-org.jsonld": "Metadata",
        "foreign-fighters-2.0.0.bib": "Metadata",
        "something-new.yaml": "Metadata",  # a file no rule knows is still listed
        "foreign_fighters-2.0.0-py3-none-any.whl": "Python",
        "foreign_fighters-2.0.0.tar.gz": "Python",
    }
    assert {name: build_site.download_group(name, tables) for name in cases} == cases


def expected_group(name: str) -> str:
    """The test's own reading of a release file's list, from its name and datapackage.json's tables."""
    tables = {r["name"] for r in json.loads((ROOT / "datapackage.json").read_text("utf-8"))["resources"]}
    if re.search(r"\.(whl|tar\.gz)$", name):
        return "python"
    if re.search(r"\.(zip|csv|xlsx)$", name):
        return "data"
    if name.endswith(".json") and name[: -len(".json")] in tables:
        return "json"  # each table as JSON: folded under the data
    return "metadata"


SECTIONS = ["headline-figures", "chart", "data", "downloads", "how-to-cite", "licence", "details"]


def test_sections_in_order_each_file_once_in_its_group(html: str, sums: dict[str, str]):
    assert re.findall(r'<h2 id="([^"]+)"', html) == SECTIONS  # numbers first; downloads, citation, licence after
    main = html[html.index("<main>") :]
    assert main.index('id="origins"') > main.index('class="chart"') > main.index('class="figures"')
    details = main[main.index('<h2 id="details"') :]  # the detail: folded, after the licence
    assert re.findall(r'<details class="more" id="([^"]+)"', details) == ["where-sources-disagree", "data-dictionary"]
    for name in sums:
        group = expected_group(name)
        start = html.index(f'<ul class="files" id="downloads-{group}">')
        assert f'href="{name}"' in html[start : html.index("</ul>", start)], (name, group)
        assert len(re.findall(rf'<li><a href="{re.escape(name)}"', html)) == 1
    data = re.findall(r'<li><a href="([^"]+)"', html[html.index('id="downloads-data"') :])
    assert data[0].endswith(".zip")  # the whole package first
    assert '<a href="SHA256SUMS"' in html


# The page in Chromium ---------------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def unavailable(reason: str) -> None:
    """Skip here; fail in CI, where the test must run."""
    if REQUIRED:
        pytest.fail(f"{reason}, and FOREIGN_FIGHTERS_REQUIRE_BROWSER=1")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    if not (CHROMIUM and CHROMEDRIVER):
        unavailable("needs Debian's chromium and chromium-driver (.ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # never let selenium fetch a browser or driver
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--hide-scrollbars", "--window-size=1280,900"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_script_timeout(60)
    try:
        yield browser
    finally:
        browser.quit()


def open_page(driver: Any, url: str, width: int, height: int = 900) -> None:
    """The page in a viewport `width` CSS px wide, as a desktop browser lays it out.

    Not as a phone: a phone zooms out of a page that overflows, and its innerWidth grows to match,
    which would hide the very overflow the tests look for.
    """
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.get(url)
    assert driver.execute_script("return innerWidth") == width


def screenshot(driver: Any, path: Path) -> None:
    """The whole page, not just the viewport."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
    )
    path.write_bytes(base64.b64decode(shot["data"]))


VISIBLE_CHART = "return [...document.querySelectorAll('.chart svg')].filter(s => s.getClientRects().length)"


@WIDTHS
def test_page_in_headless_chromium(driver: Any, served: str, width: int):
    from selenium.webdriver.common.by import By

    driver.get_log("browser")  # what earlier pages logged
    open_page(driver, served, width)
    assert "Foreign fighters" in driver.title
    origins = ff.load()
    rows = driver.find_elements(By.CSS_SELECTOR, "#origins tr")
    assert len(rows) == 1 + len(origins)
    (svg,) = driver.execute_script(VISIBLE_CHART)  # one chart shown: the wide one or the phone layout
    bars = svg.find_elements(By.CSS_SELECTOR, "g.bar")
    parts = svg.find_elements(By.CSS_SELECTOR, "g.bar.part")
    assert len(bars) == len(origins) and len(parts) == origins["part_of"].notna().sum()
    assert svg.rect["width"] > 300 and svg.rect["height"] > 200  # the chart is drawn, not just present
    widths = [float(e.get_attribute("width")) for e in svg.find_elements(By.CSS_SELECTOR, "rect.left")]
    drawn = [bool(pd.notna(r["departed"]) and r["departed"] > 0) for r, _ in ordered(origins)]
    assert len(widths) == len(origins) and [w > 0 for w in widths] == drawn  # no figure: no bar
    hrefs = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a")]
    hrefs = [h for h in hrefs if h.startswith(served)]  # the sources' pages are elsewhere: not fetched here
    assert hrefs
    for href in set(hrefs):
        with urllib.request.urlopen(href, timeout=10) as response:
            assert response.status == 200 and response.read()
    requested = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(url.startswith(served) for url in requested)
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(driver, ARTIFACTS / f"site-{width}.png")  # the layout, for a person to judge
    assert (ARTIFACTS / f"site-{width}.png").stat().st_size > 10_000


@WIDTHS
def test_no_sideways_scrolling_but_inside_wide_tables(driver: Any, served: str, width: int):
    open_page(driver, served, width)
    assert driver.execute_script("return document.documentElement.scrollWidth <= innerWidth")
    boxes = driver.execute_script("""
        return [...document.querySelectorAll('table')].filter(t => t.getClientRects().length).map(t => {
            const box = t.parentElement, hint = box.previousElementSibling;
            return {cls: box.className, overflow: getComputedStyle(box).overflowX, role: box.getAttribute('role'),
                    tabindex: box.getAttribute('tabindex'), scrolls: box.scrollWidth > box.clientWidth,
                    hint: !!hint && hint.classList.contains('hint') && hint.getClientRects().length > 0};
        })""")
    assert boxes  # the origins table at least; the folded ones are not shown
    for box in boxes:  # each table in its own box, which a keyboard can scroll too
        assert (box["cls"], box["overflow"], box["role"], box["tabindex"]) == ("scroll", "auto", "region", "0")
        assert box["hint"] == (width == PHONE)  # "scroll sideways": on narrow screens only


@WIDTHS
def test_chart_text_readable(driver: Any, served: str, width: int):
    open_page(driver, served, width)
    texts = driver.execute_script(
        VISIBLE_CHART
        + """.flatMap(svg => {
        const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map(t => {
            const r = t.getBoundingClientRect();
            const bars = t.parentElement.matches('g.bar') ? [...t.parentElement.querySelectorAll('rect')] : [];
            const hits = bars.map(b => b.getBoundingClientRect()).filter(b => b.width > 0.5 &&
                b.left < r.right - 0.5 && r.left < b.right - 0.5 && b.top < r.bottom - 0.5 && r.top < b.bottom - 0.5);
            return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
                    inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5, covered: hits.length > 0};
        });
    })"""
    )
    assert len(texts) > len(ff.load())
    small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < MIN_CHART_PX]
    assert small == []  # text drawn at 11 CSS px or more
    assert [t["text"] for t in texts if not t["inside"]] == []  # and none cut off at the chart's edge
    assert [t["text"] for t in texts if t["covered"]] == []  # nor under a bar


def test_no_word_broken_inside_a_field_name(driver: Any, served: str):
    open_page(driver, served, PHONE)
    driver.execute_script("document.querySelectorAll('details.more').forEach(d => d.open = true)")  # the dictionary
    broken = driver.execute_script("""
        return [...document.querySelectorAll('code:not(.path)')]
            .filter(c => c.getClientRects().length && !/\\s/.test(c.textContent.trim()))
            .filter(c => c.getClientRects().length > 1 || getComputedStyle(c).wordBreak === 'break-all')
            .map(c => c.textContent)""")
    assert broken == []
    shown = driver.execute_script("return [...document.querySelectorAll('#data-dictionary code')].map(c => c.textContent)")  # fmt: skip
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    assert {f["name"] for r in dp["resources"] for f in r["schema"]["fields"]} <= set(shown)


def test_downloads_short_hash_full_on_demand_size_in_kb(driver: Any, served: str, site: Path, sums: dict[str, str]):
    from selenium.webdriver.common.by import By

    open_page(driver, served, WIDE)
    driver.execute_script("document.querySelectorAll('details.more').forEach(d => d.open = true)")
    for name, digest in sums.items():
        (line,) = driver.find_elements(By.XPATH, f"//ul[@class='files']/li[a[@href='{name}']]")
        size = (site / name).stat().st_size
        assert f"{size / 1000:,.1f} kB" in line.text and digest[:12] in line.text
        assert digest not in line.text  # the full hash: one click away
        style = driver.execute_script("const s = getComputedStyle(arguments[0]); return [s.lineHeight, s.height]", line)
        assert float(style[1][:-2]) < 2 * float(style[0][:-2]) + 8  # one line each on a wide screen
        line.find_element(By.TAG_NAME, "summary").click()
        assert digest in line.find_element(By.CSS_SELECTOR, "code.hash").text


def rendered_rows(driver: Any) -> list[dict[str, Any]]:
    """The origins table's rows as the browser shows them: origin, part_of attribute, first cell's text and indent."""
    return driver.execute_script("""
        return [...document.querySelectorAll('#origins tbody tr')].map(tr => ({
            origin: tr.dataset.origin, partOf: tr.dataset.partOf || null, text: tr.cells[0].innerText,
            indent: parseFloat(getComputedStyle(tr.cells[0]).paddingLeft)}))""")


def misplaced(order: list[str], parent: dict[str, str | None]) -> list[str]:
    """Each origin with a parent that is not after its parent and before the next row that does not descend from it."""

    def descends(origin: str, ancestor: str) -> bool:
        seen: set[str] = set()
        while (origin := parent.get(origin)) is not None and origin not in seen:  # type: ignore[assignment]
            if origin == ancestor:
                return True
            seen.add(origin)
        return False

    at = {origin: i for i, origin in enumerate(order)}
    problems = []
    for i, origin in enumerate(order):
        up = parent.get(origin)
        if up is None:
            continue
        j = at.get(up)
        if j is None or j > i:
            problems.append(f"{origin}: not after {up}")
            continue
        end = next((k for k in range(j + 1, len(order)) if not descends(order[k], up)), len(order))
        if not j < i < end:
            problems.append(f"{origin}: under {order[i - 1]}, outside {up}'s rows {order[j + 1 : end]}")
    return problems


def parents(origins: pd.DataFrame) -> dict[str, str | None]:
    return {r["origin"]: (r["part_of"] if pd.notna(r["part_of"]) else None) for r in origins.to_dict("records")}


def test_misplaced_checks_the_nesting():
    parent = {"A": None, "a1": "A", "a1x": "a1", "a2": "A", "B": None, "b1": "B"}
    assert misplaced(["A", "a1", "a1x", "a2", "B", "b1"], parent) == []
    assert misplaced(["B", "b1", "A", "a2", "a1", "a1x"], parent) == []
    assert misplaced(["A", "a1", "a2", "a1x", "B", "b1"], parent) == ["a1x: under a2, outside a1's rows []"]
    assert [p.split(":")[0] for p in misplaced(["A", "B", "a1", "a1x", "a2", "b1"], parent)] == ["a1", "a2", "b1"]
    assert misplaced(["a1", "A", "B", "b1", "a1x", "a2"], parent)  # before its parent


def fixture_origins() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A made-up table in an order that puts parts under the wrong row, with a part of a part."""
    origins = pd.DataFrame(
        {
            "origin": ["North", "South", "n1", "s1", "n1a", "<b>x</b>"],
            "part_of": [None, None, "North", "South", "n1", "South"],
            "departed": [100, 90, 40, 30, 5, None],
            "returned": [10, 9, 4, 3, None, 1],
            "returned_percent": [None, 10.0, None, None, None, None],
        }
    ).astype({"departed": "Int64", "returned": "Int64", "returned_percent": "Float64"})
    evidence = pd.DataFrame({"origin": ["North"], "source": ["a-1"]})
    sources = pd.DataFrame(
        {
            "source": ["a-1"],
            "url": ["https://example.org/a"],
            "outlet": ["A <i>"],
            "published": ["2017"],
            "language": ["en"],
        }
    )
    return origins, evidence, sources


def test_origins_table_nests_each_part_under_its_own_region():
    from publish import site as build_site

    origins, evidence, sources = fixture_origins()
    html = build_site.origins_table(origins, evidence, sources)
    rows = [a for a in tags(html, "tr") if "data-origin" in a]
    order = [unescape(a["data-origin"]) for a in rows]
    assert sorted(order) == sorted(origins["origin"]) and misplaced(order, parents(origins)) == []
    depth = {unescape(a["data-origin"]): int(a["data-depth"]) for a in rows}
    assert (depth["North"], depth["n1"], depth["n1a"]) == (0, 1, 2)  # a part of a part: deeper still
    assert {unescape(a["data-origin"]): unescape(a.get("data-part-of", "")) or None for a in rows} == parents(origins)
    assert "<b>" not in html and "<i>" not in html  # text from the data: escaped
    in_file_order = build_site.origins_table(origins, evidence, sources, order=in_file_order_indented)
    order = [unescape(a["data-origin"]) for a in tags(in_file_order, "tr") if "data-origin" in a]
    assert misplaced(order, parents(origins))  # the check sees the old bug


def in_file_order_indented(df: pd.DataFrame) -> list[tuple[pd.Series, int]]:
    """The old table's order: the file's, each part indented under whichever row is above it."""
    return [(r, int(pd.notna(r["part_of"]))) for _, r in df.iterrows()]


@WIDTHS
def test_each_part_shown_under_its_own_region(driver: Any, served: str, width: int):
    from publish import site as build_site

    open_page(driver, served, width)
    origins = ff.load()
    parent = parents(origins)
    rows = rendered_rows(driver)
    order = [r["origin"] for r in rows]
    assert sorted(order) == sorted(parent)  # every origin once
    assert misplaced(order, parent) == []
    indent = {r["origin"]: r["indent"] for r in rows}
    for r in rows:
        assert r["origin"] in r["text"] and r["partOf"] == parent[r["origin"]]
        if r["partOf"]:  # indented further than its region, and says so to a screen reader
            assert indent[r["origin"]] > indent[r["partOf"]] and f"part of {r['partOf']}" in r["text"]
    svg = VISIBLE_CHART.replace("return ", "const svg = ") + "[0];"
    chart_order = driver.execute_script(svg + "return [...svg.querySelectorAll('g.bar')].map(g => g.dataset.origin)")
    assert misplaced(chart_order, parent) == [] and sorted(chart_order) == sorted(parent)  # the chart too
    # The same check on the table as it used to be built, in the file's row order: it must fail.
    old = build_site.origins_table(
        origins, ff.load("figures-by-source"), ff.load("sources"), order=in_file_order_indented
    )
    (table,) = re.findall(r'<table id="origins">.*</table>', old, re.S)
    driver.execute_script("document.getElementById('origins').outerHTML = arguments[0]", table)
    broken = [r["origin"] for r in rendered_rows(driver)]
    assert broken == list(origins["origin"])  # rendered in the file's order
    assert misplaced(broken, parent)  # e.g. a part under a row above it that is not its region: the check fails


@WIDTHS
def test_page_at_most_six_phone_screens_tall(driver: Any, served: str, width: int):
    open_page(driver, served, width, SCREEN)
    height, scroll_width = driver.execute_script(
        "return [document.documentElement.scrollHeight, document.documentElement.scrollWidth]"
    )
    print(f"page at {width} x {SCREEN}: {height} px tall, {scroll_width} px wide")
    assert scroll_width <= width  # no sideways scrolling
    assert height <= MAX_SCREENS * SCREEN


def visible_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)))


def test_what_the_data_is_then_the_headline_figures(html: str):
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    (lead,) = re.findall(r'<p class="lead" id="what-the-data-is">(.*?)</p>', html, re.S)
    lead = " ".join(unescape(re.sub(r"<[^>]+>", "", lead)).split())
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", dp["description"])
    assert lead == " ".join(" ".join(sentences[:2]).split())  # two sentences, the descriptor's
    shown = re.findall(r'<dt id="figure-([^"]+)"[^>]*>(.*?)</dt><dd>(.*?)</dd>', html, re.S)
    headline = ff.load("headline-figures")
    assert [m for m, _, _ in shown] == list(headline["measure"])
    for (_, value, description), r in zip(shown, headline.to_dict("records"), strict=True):
        number = f"{float(r['value']):,.0f}" + ("%" if r["unit"] == "percent" else "")
        words = "" if pd.isna(r["qualifier"]) else r["qualifier"].replace("_", " ")
        assert " ".join(visible_text(value).split()) == f"{words} {number}".strip()
        assert unescape(description) == r["description"]
    assert html.index('id="what-the-data-is"') < html.index('class="figures"') < html.index('class="chart"')


def test_licence_from_the_descriptor(html: str):
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    section = html[html.index('<h2 id="licence"') : html.index('<h2 id="details"')]
    for licence in dp["licenses"]:
        assert f'href="{licence["path"]}"' in section and licence["name"] in section


def test_no_doi_until_there_is_one(html: str):
    from publish import site as build_site

    pub, cff = publication(), citation_file()
    text = visible_text(html) + " ".join(m.get("content", "") for m in tags(html, "meta"))
    if pub.doi:
        assert pub.doi_url in html
    else:  # nothing shown that is not real yet: no DOI, no placeholder for one
        assert not re.search(r"\bdoi\b|pending|XXXX", text, re.I), re.findall(
            r".{40}(?:doi|pending|XXXX).{40}", text, re.I
        )
        assert "10.5281/" not in html and "doi.org" not in html
    assert "doi" not in build_site.shown_bibtex(cff, dataclasses.replace(pub, doi="")).lower()
    with_doi = build_site.shown_bibtex(cff, dataclasses.replace(pub, doi="10.5281/zenodo.1"))
    assert "doi = {10.5281/zenodo.1}" in with_doi


def test_page_reads_no_readme(site: Path, html: str, monkeypatch: pytest.MonkeyPatch):
    from publish import site as build_site

    real = Path.read_text

    def read_text(path: Path, *args: Any, **kwargs: Any) -> str:
        assert path.name != "README.md", "the page reads the README"
        return real(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    real_open = Path.open

    def open_(path: Path, *args: Any, **kwargs: Any) -> Any:
        assert path.name != "README.md", "the page reads the README"
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    assert (build_site.build(site.parent) / "index.html").read_text("utf-8") == html  # the same page without it


def plain(markdown: str) -> str:
    return " ".join(markdown.replace("*", "").split())


def test_citation_box_from_publication_and_copied(driver: Any, served: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from publish import site as build_site

    cff, pub = citation_file(), publication()
    lines, bib = apa(cff, pub), build_site.shown_bibtex(cff, pub)
    open_page(driver, served, PHONE)
    assert plain(driver.find_element(By.ID, "apa").text) == plain(" ".join(lines))
    assert driver.find_element(By.ID, "bibtex").text == ""  # folded until asked for
    assert driver.find_element(By.ID, "bibtex").get_attribute("textContent").strip() == bib.strip()
    status = driver.find_element(By.ID, "copy-status")
    origin = served.rstrip("/")
    driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})  # fmt: skip
    driver.find_element(By.CSS_SELECTOR, "button[data-copy=bibtex]").click()
    WebDriverWait(driver, 5).until(lambda d: status.text)
    copied = driver.execute_async_script(
        "navigator.clipboard.readText().then(arguments[0], e => arguments[0](String(e)))"
    )
    assert status.text == "Copied." and copied.strip() == bib.strip()  # copied while folded
    driver.find_element(By.CSS_SELECTOR, "#bibtex-more summary").click()
    assert driver.find_element(By.ID, "bibtex").text.strip() == bib.strip()
    # No clipboard (an old browser, the page opened from disk): the text is selected instead.
    driver.execute_script("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true})")
    driver.find_element(By.CSS_SELECTOR, "button[data-copy=apa]").click()
    WebDriverWait(driver, 5).until(lambda d: status.text.startswith("Selected"))
    assert plain(driver.execute_script("return getSelection().toString()")) == plain(" ".join(lines))


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script, installed by `npm ci` from tests/js/axe's lockfile when it is not there yet."""
    script, installed = AXE / "node_modules" / "axe-core" / "axe.min.js", AXE / "node_modules" / "axe-core" / "package.json"  # fmt: skip
    locked = json.loads((AXE / "package-lock.json").read_text())["packages"]["node_modules/axe-core"]["version"]
    if not installed.is_file() or json.loads(installed.read_text())["version"] != locked:
        npm = shutil.which("npm")
        if not npm:
            unavailable("needs npm to install axe-core into tests/js/axe (.ci/run installs nodejs and npm)")
        start = time.monotonic()
        done = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=AXE, capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
        print(f"npm ci (axe-core {locked}): {time.monotonic() - start:.1f} s")
    return script.read_text("utf-8")


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
    .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
    .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
"""


@WIDTHS
def test_accessibility_audited_with_axe(driver: Any, served: str, axe_source: str, width: int):
    open_page(driver, served, width)
    driver.execute_script(axe_source)
    violations = driver.execute_async_script(AXE_RUN)
    report_ = "\n".join(f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}" for v in violations)
    print(report_ or "axe: no violations")
    assert not [v for v in violations if v["impact"] in ("serious", "critical")], report_


def test_site_needs_dist_first(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-m", "publish.site", "--dist", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "make dist" in done.stderr
    assert os.listdir(tmp_path) == []


def test_text_from_the_data_reaches_the_page_only_escaped():
    from publish import site as build_site

    evil = '<img src=x onerror="alert(1)">'
    headline = pd.DataFrame({"measure": ["x"], "value": [1.0], "unit": ["persons"], "qualifier": [None], "description": [evil]})  # fmt: skip
    corroboration = pd.DataFrame({"origin": [evil], "measure": ["departed"], "value": [1], "percent": [None], "independent": [1], "other_values": [evil]})  # fmt: skip
    for html in (build_site.headline_figures(headline), build_site.disagreements(corroboration)):
        assert "<img" not in html and "&lt;img" in html
