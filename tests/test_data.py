"""The data itself: every figure traced to its own source line, read here by a separate parser."""

from __future__ import annotations

import os
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import HEADLINE, ORIGINS, ROOT

import foreign_fighters as ff

# "Britain – 850 left – 425 returned", "European Union – 5,000 left – 25 percent returned"
BULLET = re.compile(r"^(?P<origin>.+?) – (?P<left>[\d,]+) left – (?P<back>[\d,]+|none)(?P<pct> percent)? returned$")
ARTICLE = Path(os.environ.get("FOREIGN_FIGHTERS_ARTICLE", ROOT.parent / "shared" / "source" / "article.txt"))


def number(text: str) -> int:
    return 0 if text == "none" else int(text.replace(",", ""))


@pytest.mark.parametrize("row", ff.load().to_dict("records"), ids=lambda r: r["origin"])
def test_origin_figures_match_their_source_line(row):
    m = BULLET.match(row["source_text"])
    assert m, row["source_text"]
    assert m["origin"] == row["origin"]
    assert number(m["left"]) == row["departed"]
    if m["pct"]:
        assert row["returned_percent"] == number(m["back"])
        exact = Decimal(row["departed"]) * Decimal(number(m["back"])) / 100
        assert row["returned"] == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    else:
        assert pd.isna(row["returned_percent"])
        assert number(m["back"]) == row["returned"]


@pytest.mark.parametrize("row", ff.load("headline-figures").to_dict("records"), ids=lambda r: r["measure"])
def test_headline_figures_match_their_source_sentence(row):
    written = f"{int(row['value']):,}" + (" percent" if row["unit"] == "percent" else "")
    assert written in row["source_text"]
    qualifier = {
        "more_than": ("Over " + written, "more than " + written),
        "at_least": ("at least " + written,),
        "about": ("about " + written,),
    }
    if pd.notna(row["qualifier"]):
        assert any(q in row["source_text"] for q in qualifier[row["qualifier"]])


@pytest.mark.skipif(not ARTICLE.is_file(), reason="the source article is not beside this checkout")
def test_source_text_is_verbatim_from_the_article():
    article = ARTICLE.read_text("utf-8")
    for resource in ("fighters-by-origin", "headline-figures"):
        for text in ff.load(resource)["source_text"]:
            assert text in article, text


@pytest.mark.parametrize("path", [ORIGINS, HEADLINE])
def test_files_are_utf8_with_lf_and_no_bom(path):
    data = (ROOT / path).read_bytes()
    data.decode("utf-8")
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data and data.endswith(b"\n")
