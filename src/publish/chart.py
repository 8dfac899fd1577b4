"""Draw departures and returns by origin as a self-contained SVG (no fonts or scripts fetched).

    python -m publish.chart [--check] [--root CHECKOUT]

Writes docs/chart.svg, which the README shows and the site embeds beside its phone layout
(chart_svg(df, narrow=True), drawn for the page only). Rows that are parts of an
aggregate (part_of set) are drawn indented and hatched under their region, so a reader does not
add them twice. --check changes nothing and exits 1 if docs/chart.svg is stale.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from html import escape
from pathlib import Path

import pandas as pd

import foreign_fighters as ff

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "docs" / "chart.svg"
WIDTH, LABEL, ROW, TOP = 760, 215, 26, 74  # LABEL: room for "↳ Bosnia and Herzegovina"
BAR = WIDTH - LABEL - 150  # room for the "5,000 / 1,250 (25%)" label


def ordered(df: pd.DataFrame) -> list[tuple[pd.Series, int]]:
    """(row, depth): summable rows by departures, each region followed by its parts."""
    out: list[tuple[pd.Series, int]] = []

    def add(parent: str | None, depth: int) -> None:
        rows = df[df["part_of"].isna()] if parent is None else df[df["part_of"] == parent]
        for _, row in rows.sort_values(["departed", "origin"], ascending=[False, True], na_position="last").iterrows():
            out.append((row, depth))
            add(row["origin"], depth + 1)

    add(None, 0)
    return out


TITLE = "Foreign fighters who left to join ISIS, and returned, by origin"
DESC = (
    "Bars: people who left (light) and returned (dark) per origin, with returns as a share "
    "of departures. Hatched, indented rows are already counted in the region above them."
)
SOURCE = (
    'Source: The Soufan Center, "Beyond the Caliphate" (October 2017), as the press reported it. '
    "Estimates and lower bounds; – : no figure attributed to the report."
)
# The phone layout: as wide as a phone's page, so that the page shows it at its own size and its
# smallest text stays at 12 CSS px; each origin's label and figures above its bar, not beside it.
NARROW, NARROW_ROW, NARROW_TOP, NARROW_WRAP, NARROW_BAR = 340, 33, 112, 46, 12
WIDE_WRAP = 100  # characters of the 12 px source line that fit the wide chart


def _figures(row: pd.Series) -> tuple[int | None, int | None, tuple[str, str], str]:
    """Departed and returned (None where no source gives one), each as shown, and the label "5,000 / 1,250 (25%)"."""
    # A figure no source attributes to the report (empty) draws no bar and reads "–".
    left = int(row["departed"]) if pd.notna(row["departed"]) else None
    back = int(row["returned"]) if pd.notna(row["returned"]) else None
    shown = f"{left:,}" if left is not None else "–", f"{back:,}" if back is not None else "–"
    share = f" ({100 * back / left:.0f}%)" if left and back is not None else ""
    return left, back, shown, f"{shown[0]} / {shown[1]}{share}"


def _head(width: int, height: int, ids: str) -> list[str]:
    """The SVG's opening: title and description for screen readers, the hatch pattern, the white ground."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{ids}chart-title {ids}chart-desc" font-family="system-ui, sans-serif" '
        'font-size="13">',
        f'<title id="{ids}chart-title">{TITLE}</title>',
        f'<desc id="{ids}chart-desc">{DESC}</desc>',
        "<defs>",
        f'<pattern id="{ids}hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#c9d7e8"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="3"/></pattern>',
        "</defs>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _source(lines: list[str], top: int) -> list[str]:
    """The source line, wrapped: SVG text does not wrap, and a line wider than the chart is cut off."""
    return [
        f'<text x="10" y="{top + 16 * k}" fill="#555" font-size="12">{escape(line, quote=False)}</text>'
        for k, line in enumerate(lines, start=1)
    ]


def _bars(row: pd.Series, x: float, y: float, scale: float, ids: str, part: bool, height: int = 16) -> list[str]:
    left, back, shown, _ = _figures(row)
    name = escape(row["origin"])
    return [
        f'<rect class="left" x="{x:g}" y="{y:g}" width="{(left or 0) * scale:.1f}" height="{height}" '
        f'fill="{f"url(#{ids}hatch)" if part else "#c9d7e8"}"><title>{name}: {shown[0]} left</title></rect>',
        f'<rect class="returned" x="{x:g}" y="{y:g}" width="{(back or 0) * scale:.1f}" height="{height}" fill="#1f4e79">'
        f"<title>{name}: {shown[1]} returned</title></rect>",
    ]


def chart_svg(df: pd.DataFrame, narrow: bool = False, ids: str = "") -> str:
    """The chart; narrow: the phone layout. ids prefixes the SVG's ids, so that two charts fit one page."""
    return _narrow_svg(df, ids) if narrow else _wide_svg(df, ids)


def _legend(ids: str, y: int, hatch: tuple[int, int]) -> list[str]:
    """The key, in either layout: left and returned on one line at ``y``, the hatch at ``hatch`` (x, y)."""
    hx, hy = hatch
    return [
        f'<rect x="10" y="{y}" width="14" height="12" fill="#c9d7e8"/><text x="30" y="{y + 11}">left</text>',
        f'<rect x="70" y="{y}" width="14" height="12" fill="#1f4e79"/>'
        f'<text x="90" y="{y + 11}">returned (share of left)</text>',
        f'<rect x="{hx}" y="{hy}" width="14" height="12" fill="url(#{ids}hatch)"/>'
        f'<text x="{hx + 20}" y="{hy + 11}">part of the region above: do not add twice</text>',
    ]


def _row_start(row: pd.Series, part: bool, x: float, baseline: float) -> list[str]:
    """An origin's group and its name; a part is indented, grey and marked, in either layout."""
    fill, arrow = (' fill="#555"', "↳ ") if part else ("", "")
    return [
        f'<g class="bar {"part" if part else "summable"}" data-origin="{escape(row["origin"])}">',
        f'<text x="{x}" y="{baseline}"{fill}>{arrow}{escape(row["origin"])}</text>',
    ]


def _wide_svg(df: pd.DataFrame, ids: str) -> str:
    rows = ordered(df)
    scale = BAR / max(df["departed"].max(), 1)
    source = textwrap.wrap(SOURCE, WIDE_WRAP)
    height = TOP + ROW * len(rows) + 16 * len(source) + 12
    out = [
        *_head(WIDTH, height, ids),
        '<text x="10" y="24" font-size="16" font-weight="bold">Left to join ISIS, and returned, by origin</text>',
        *_legend(ids, 40, (260, 40)),
    ]
    for i, (row, depth) in enumerate(rows):
        y = TOP + i * ROW
        part = depth > 0
        left, back, _, label = _figures(row)
        out += _row_start(row, part, 10 + 14 * depth, y + 15)
        out += _bars(row, LABEL, y + 3, scale, ids, part)
        end = LABEL + max(left or 0, back or 0) * scale + 6
        out.append(f'<text x="{end:.1f}" y="{y + 15}">{label}</text>')
        out.append("</g>")
    out += _source(source, TOP + ROW * len(rows))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _narrow_svg(df: pd.DataFrame, ids: str) -> str:
    rows = ordered(df)
    indent = 14
    deepest = max(depth for _, depth in rows)
    scale = (NARROW - 20 - indent * deepest) / max(df["departed"].max(), 1)
    source = textwrap.wrap(SOURCE, NARROW_WRAP)
    height = NARROW_TOP + NARROW_ROW * len(rows) + 16 * len(source) + 8
    out = [
        *_head(NARROW, height, ids),
        '<text x="10" y="22" font-size="16" font-weight="bold">Left to join ISIS, and returned,</text>',
        '<text x="10" y="42" font-size="16" font-weight="bold">by origin</text>',
        *_legend(ids, 54, (10, 76)),
    ]
    for i, (row, depth) in enumerate(rows):
        y, x = NARROW_TOP + i * NARROW_ROW, 10 + indent * depth
        part = depth > 0
        out += _row_start(row, part, x, y + 13)
        out.append(f'<text x="{NARROW - 10}" y="{y + 13}" text-anchor="end">{_figures(row)[3]}</text>')
        out += _bars(row, x, y + 17, scale, ids, part, NARROW_BAR)
        out.append("</g>")
    out += _source(source, NARROW_TOP + NARROW_ROW * len(rows) + 6)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to draw (default: this one)")
    args = parser.parse_args()
    target = args.root / TARGET.relative_to(ROOT)
    svg = chart_svg(ff.load(source=args.root))
    if args.check:
        if not target.is_file() or target.read_text("utf-8") != svg:
            print("docs/chart.svg is stale: run 'make docs'", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(exist_ok=True)
    if not target.is_file() or target.read_text("utf-8") != svg:
        target.write_text(svg, encoding="utf-8")
        print("docs/chart.svg updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
