"""The data itself, read here by a separate parser: the article's figures as its bullet lines
give them, the headline figures in their sentences, and the files as bytes."""

from __future__ import annotations

import json
import os
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

import foreign_fighters as ff

# "Britain – 850 left – 425 returned", "European Union – 5,000 left – 25 percent returned"
BULLET = re.compile(
    r"^[\s•*-]*(?P<origin>\S.*?) – (?P<left>[\d,]+) left – (?P<back>[\d,]+|none)(?P<pct> percent)? returned$", re.M
)
ARTICLE = Path(os.environ.get("FOREIGN_FIGHTERS_ARTICLE", ROOT.parent / "shared" / "source" / "article.txt"))
needs_article = pytest.mark.skipif(not ARTICLE.is_file(), reason="the source article is not beside this checkout")


def number(text: str) -> int:
    return 0 if text == "none" else int(text.replace(",", ""))


def preferred() -> str:
    sources = ff.load("sources")
    return sources.loc[sources["preferred"].fillna(False).astype(bool), "source"].iloc[0]


@needs_article
def test_the_article_figures_are_the_tables_figures():
    """Each bullet line of the article: its figures are fighters-by-origin's, and the article's
    own rows in figures-by-source give them."""
    origins = ff.load().set_index("origin")
    evidence = ff.load("figures-by-source")
    mine = evidence[evidence["source"] == preferred()]
    bullets = list(BULLET.finditer(ARTICLE.read_text("utf-8")))
    assert bullets
    for m in bullets:
        row = origins.loc[m["origin"]]
        said = {r.measure: r.value for r in mine[mine["origin"] == m["origin"]].itertuples()}
        assert row["departed"] == number(m["left"]) == said["departed"]
        if m["pct"]:
            assert row["returned_percent"] == number(m["back"]) == said["returned_percent"]
            exact = Decimal(int(row["departed"])) * Decimal(number(m["back"])) / 100
            assert row["returned"] == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        else:
            assert pd.isna(row["returned_percent"])
            assert number(m["back"]) == row["returned"] == said["returned"]


@needs_article
def test_the_article_quotes_are_verbatim():
    article = ARTICLE.read_text("utf-8")
    evidence = ff.load("figures-by-source")
    headline = ff.load("headline-figures")
    for frame in (evidence, headline):
        for text in frame.loc[frame["source"] == preferred(), "quote"]:
            assert text in article, text


@pytest.mark.parametrize("row", ff.load("headline-figures").to_dict("records"), ids=lambda r: r["measure"])
def test_headline_figures_match_their_quote(row):
    written = f"{int(row['value']):,}" + (" percent" if row["unit"] == "percent" else "")
    assert written in row["quote"]
    qualifier = {
        "more_than": ("Over " + written, "more than " + written),
        "at_least": ("at least " + written,),
        "about": ("about " + written,),
    }
    if pd.notna(row["qualifier"]):
        assert any(q in row["quote"] for q in qualifier[row["qualifier"]])


@pytest.mark.parametrize(
    "resource", [r["path"] for r in json.loads((ROOT / "datapackage.json").read_text("utf-8"))["resources"]]
)
def test_files_are_utf8_with_lf_and_no_bom(resource):
    data = (ROOT / resource).read_bytes()
    data.decode("utf-8")
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data and data.endswith(b"\n")
