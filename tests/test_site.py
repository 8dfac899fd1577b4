"""make site: the landing page, checked as files and in a real headless Chromium."""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
from functools import partial
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT
from render_chart import ordered

import foreign_fighters as ff

pytestmark = pytest.mark.slow
# Debian's chromium here and in .ci/run; the GitHub runner's Chrome in the release workflow.
CHROMIUM = os.environ.get("FOREIGN_FIGHTERS_CHROMIUM") or next(
    filter(None, map(shutil.which, ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"])), None
)
CHROMEDRIVER = shutil.which("chromedriver")
REQUIRED = os.environ.get("FOREIGN_FIGHTERS_REQUIRE_BROWSER") == "1"  # CI sets it: no silent skip there
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    for script, flag in (("build_release.py", "--out"), ("build_site.py", "--dist")):
        done = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / script), flag, str(dist)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    return dist / "site"


def test_page_links_embedded_metadata_and_no_outside_requests(site: Path):
    html = (site / "index.html").read_text("utf-8")
    links = re.findall(r'<a href="([^"]+)"', html)
    pages = set(ff.load("sources")["url"])
    anchors = [link for link in links if link.startswith("#")]
    assert all(f'id="{a[1:]}"' in html for a in anchors)  # in-page links land on a heading
    local = [link for link in links if not re.match(r"^[a-z]+:", link) and link not in anchors]
    assert local and all((site / link).is_file() for link in local)  # downloads: beside the page
    assert {unescape(link) for link in links if link not in local + anchors} == pages  # each source's page, linked
    assert not re.search(r'src="(https?:)?//', html)  # nothing fetched from elsewhere
    (jsonld,) = re.findall(r'<script type="application/ld\+json">\n(.*?)</script>', html, re.S)
    assert json.loads(jsonld) == json.loads((site.parent / "schema-org.jsonld").read_text("utf-8"))
    sums = (site / "SHA256SUMS").read_text().split()
    assert all(digest in html for digest in sums[::2])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served(site: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER), reason="needs Debian's chromium and chromium-driver (.ci/run installs them)"
)
def test_page_in_headless_chromium(served: str, monkeypatch):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    monkeypatch.setenv("SE_OFFLINE", "true")  # never let selenium fetch a browser or driver
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1100,2400"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(served)
        assert "Foreign fighters" in driver.title
        origins = ff.load()
        rows = driver.find_elements(By.CSS_SELECTOR, "#origins tr")
        assert len(rows) == 1 + len(origins)
        bars = driver.find_elements(By.CSS_SELECTOR, ".chart svg g.bar")
        parts = driver.find_elements(By.CSS_SELECTOR, ".chart svg g.bar.part")
        assert len(bars) == len(origins) and len(parts) == origins["part_of"].notna().sum()
        box = driver.find_element(By.CSS_SELECTOR, ".chart svg").rect
        assert box["width"] > 300 and box["height"] > 200  # the chart is drawn, not just present
        widths = [float(e.get_attribute("width")) for e in driver.find_elements(By.CSS_SELECTOR, ".chart rect.left")]
        drawn = [bool(pd.notna(r["departed"]) and r["departed"] > 0) for r, _ in ordered(origins)]
        assert len(widths) == len(origins) and [w > 0 for w in widths] == drawn  # no figure: no bar
        hrefs = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a")]
        hrefs = [h for h in hrefs if h.startswith(served)]  # the sources' pages are elsewhere: not fetched here
        assert hrefs
        for href in hrefs:
            with urllib.request.urlopen(href, timeout=10) as response:
                assert response.status == 200
        requested = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert all(url.startswith(served) for url in requested)
        errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        assert errors == []
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "site.png"))
        assert (ARTIFACTS / "site.png").stat().st_size > 10_000
    finally:
        driver.quit()


def test_site_needs_dist_first(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--dist", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "make dist" in done.stderr
    assert os.listdir(tmp_path) == []


def test_text_from_the_data_reaches_the_page_only_escaped():
    import build_site

    html = build_site.to_html('| measure | description |\n|---|---|\n| x | <img src=x onerror="alert(1)"> |\n')
    assert "<img" not in html and "&lt;img" in html
