"""Draw departures and returns by origin as a self-contained SVG (no fonts or scripts fetched).

    python scripts/render_chart.py [--check]

Writes docs/chart.svg, which the README shows and the site embeds. Rows that are parts of an
aggregate (part_of set) are drawn indented and hatched under their region, so a reader does not
add them twice. --check changes nothing and exits 1 if docs/chart.svg is stale.
"""

from __future__ import annotations

import argparse
import sys
from html import escape
from pathlib import Path

import pandas as pd

import foreign_fighters as ff

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "chart.svg"
WIDTH, LABEL, ROW, TOP = 760, 190, 26, 74
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


def chart_svg(df: pd.DataFrame) -> str:
    rows = ordered(df)
    scale = BAR / max(df["departed"].max(), 1)
    height = TOP + ROW * len(rows) + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, sans-serif" font-size="13">',
        '<title id="chart-title">Foreign fighters who left to join ISIS, and returned, by origin</title>',
        '<desc id="chart-desc">Bars: people who left (light) and returned (dark) per origin, with returns as a share '
        "of departures. Hatched, indented rows are already counted in the region above them.</desc>",
        "<defs>",
        '<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#c9d7e8"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="3"/></pattern>',
        "</defs>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        '<text x="10" y="24" font-size="16" font-weight="bold">Left to join ISIS, and returned, by origin</text>',
        '<rect x="10" y="40" width="14" height="12" fill="#c9d7e8"/><text x="30" y="51">left</text>',
        '<rect x="70" y="40" width="14" height="12" fill="#1f4e79"/><text x="90" y="51">returned (share of left)</text>',
        '<rect x="260" y="40" width="14" height="12" fill="url(#hatch)"/>'
        '<text x="280" y="51">part of the region above: do not add twice</text>',
    ]
    for i, (row, depth) in enumerate(rows):
        y = TOP + i * ROW
        part = depth > 0
        # A figure no source attributes to the report (empty) draws no bar and reads "–".
        left = int(row["departed"]) if pd.notna(row["departed"]) else None
        back = int(row["returned"]) if pd.notna(row["returned"]) else None
        shown = f"{left:,}" if left is not None else "–", f"{back:,}" if back is not None else "–"
        share = f" ({100 * back / left:.0f}%)" if left and back is not None else ""
        cls = "part" if part else "summable"
        out.append(f'<g class="bar {cls}" data-origin="{escape(row["origin"])}">')
        fill, arrow = (' fill="#555"', "↳ ") if part else ("", "")
        out.append(f'<text x="{10 + 14 * depth}" y="{y + 15}"{fill}>{arrow}{escape(row["origin"])}</text>')
        out.append(
            f'<rect class="left" x="{LABEL}" y="{y + 3}" width="{(left or 0) * scale:.1f}" height="16" '
            f'fill="{"url(#hatch)" if part else "#c9d7e8"}"><title>{escape(row["origin"])}: {shown[0]} left</title></rect>'
        )
        out.append(
            f'<rect class="returned" x="{LABEL}" y="{y + 3}" width="{(back or 0) * scale:.1f}" height="16" fill="#1f4e79">'
            f"<title>{escape(row['origin'])}: {shown[1]} returned</title></rect>"
        )
        end = LABEL + max(left or 0, back or 0) * scale + 6
        out.append(f'<text x="{end:.1f}" y="{y + 15}">{shown[0]} / {shown[1]}{share}</text>')
        out.append("</g>")
    out.append(
        f'<text x="10" y="{height - 14}" fill="#555" font-size="11">Source: The Soufan Center, "Beyond the Caliphate" '
        "(October 2017), as the press reported it. Estimates and lower bounds; – : no figure attributed to the report.</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    svg = chart_svg(ff.load(source=ROOT))
    if args.check:
        if not TARGET.is_file() or TARGET.read_text("utf-8") != svg:
            print("docs/chart.svg is stale: run 'make docs'", file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(exist_ok=True)
    if not TARGET.is_file() or TARGET.read_text("utf-8") != svg:
        TARGET.write_text(svg, encoding="utf-8")
        print("docs/chart.svg updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
