"""make site: the landing page, checked as files and in a real headless Chromium at 1280 and 390 CSS px.

Every expectation comes from the built files (SHA256SUMS, datapackage.json, schema-org.jsonld,
CITATION.cff through publication.py), never from today's figures.
"""

from __future__ import annotations

import base64
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
from publish.publication import apa, bibtex, citation_file, publication, report

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
    """The test's own reading of a release file's group, from its name and datapackage.json's tables."""
    tables = {r["name"] for r in json.loads((ROOT / "datapackage.json").read_text("utf-8"))["resources"]}
    if re.search(r"\.(whl|tar\.gz)$", name):
        return "python"
    if re.search(r"\.(zip|csv|xlsx)$", name) or (name.endswith(".json") and name[: -len(".json")] in tables):
        return "data"
    return "metadata"


def test_downloads_at_the_top_each_file_once_in_its_group(html: str, sums: dict[str, str]):
    h2 = re.findall(r'<h2 id="([^"]+)"', html)
    assert h2[0] == "downloads"
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


def open_page(driver: Any, url: str, width: int) -> None:
    """The page in a viewport `width` CSS px wide, as a desktop browser lays it out.

    Not as a phone: a phone zooms out of a page that overflows, and its innerWidth grows to match,
    which would hide the very overflow the tests look for.
    """
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}
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
        return [...document.querySelectorAll('table')].map(t => {
            const box = t.parentElement, hint = box.previousElementSibling;
            return {cls: box.className, overflow: getComputedStyle(box).overflowX, role: box.getAttribute('role'),
                    tabindex: box.getAttribute('tabindex'), scrolls: box.scrollWidth > box.clientWidth,
                    hint: !!hint && hint.classList.contains('hint') && hint.getClientRects().length > 0};
        })""")
    assert boxes
    for box in boxes:  # each table in its own box, which a keyboard can scroll too
        assert (box["cls"], box["overflow"], box["role"], box["tabindex"]) == ("scroll", "auto", "region", "0")
        assert box["hint"] == (width == PHONE)  # "scroll sideways": on narrow screens only
    if width == PHONE:
        assert any(box["scrolls"] for box in boxes)  # the origins' seven columns do not fit a phone


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
    broken = driver.execute_script("""
        return [...document.querySelectorAll('code:not(.path)')]
            .filter(c => c.getClientRects().length && !/\\s/.test(c.textContent.trim()))
            .filter(c => c.getClientRects().length > 1 || getComputedStyle(c).wordBreak === 'break-all')
            .map(c => c.textContent)""")
    assert broken == []
    shown = driver.execute_script("return [...document.querySelectorAll('#data-dictionary ~ * code')].map(c => c.textContent)")  # fmt: skip
    dp = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    assert {f["name"] for r in dp["resources"] for f in r["schema"]["fields"]} <= set(shown)


def test_downloads_short_hash_full_on_demand_size_in_kb(driver: Any, served: str, site: Path, sums: dict[str, str]):
    from selenium.webdriver.common.by import By

    open_page(driver, served, WIDE)
    for name, digest in sums.items():
        (line,) = driver.find_elements(By.XPATH, f"//ul[@class='files']/li[a[@href='{name}']]")
        size = (site / name).stat().st_size
        assert f"{size / 1000:,.1f} kB" in line.text and digest[:12] in line.text
        assert digest not in line.text  # the full hash: one click away
        style = driver.execute_script("const s = getComputedStyle(arguments[0]); return [s.lineHeight, s.height]", line)
        assert float(style[1][:-2]) < 2 * float(style[0][:-2]) + 8  # one line each on a wide screen
        line.find_element(By.TAG_NAME, "summary").click()
        assert digest in line.find_element(By.CSS_SELECTOR, "code.hash").text


def plain(markdown: str) -> str:
    return " ".join(markdown.replace("*", "").split())


def test_citation_box_as_in_the_readme_and_copied(driver: Any, served: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    cff, pub = citation_file(), publication()
    readme = (ROOT / "README.md").read_text("utf-8")
    lines, bib = apa(cff, pub), bibtex(cff, pub)
    assert all(line in readme for line in lines) and bib in readme  # the README cites the same way
    open_page(driver, served, PHONE)
    assert plain(driver.find_element(By.ID, "apa").text) == plain(" ".join(lines))
    assert driver.find_element(By.ID, "bibtex").text.strip() == bib.strip()
    status = driver.find_element(By.ID, "copy-status")
    origin = served.rstrip("/")
    driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})  # fmt: skip
    driver.find_element(By.CSS_SELECTOR, "button[data-copy=bibtex]").click()
    WebDriverWait(driver, 5).until(lambda d: status.text)
    copied = driver.execute_async_script(
        "navigator.clipboard.readText().then(arguments[0], e => arguments[0](String(e)))"
    )
    assert status.text == "Copied." and copied.strip() == bib.strip()
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

    html = build_site.to_html('| measure | description |\n|---|---|\n| x | <img src=x onerror="alert(1)"> |\n')
    assert "<img" not in html and "&lt;img" in html
