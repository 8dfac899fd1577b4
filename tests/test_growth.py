"""Long chains and many rows: the walks along ``part_of`` and ``copy_of``, ``summable()`` and
``corroboration()`` give on large synthetic inputs what the plain walk from each node gives.

Results only, no times: scripts/benchmark.py measures how the time grows (its growth table).
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest
from conftest import ARTICLE, EVIDENCE, FIXTURE, ORIGINS, SOURCES, PackageCopy

import foreign_fighters as ff
from foreign_fighters.attestation import attestation, corroboration
from foreign_fighters.chains import on_a_cycle, roots
from foreign_fighters.validation import validate

LONG = 50_000  # a chain this long, walked from every node without memoising, takes minutes


def walked_roots(parent: dict[str, object]) -> dict[str, str]:
    """The specification: from each node, follow the chain until it ends or would repeat."""
    out = {}
    for start in parent:
        node, seen = start, {start}
        while isinstance(parent.get(node), str) and parent[node] in parent and parent[node] not in seen:
            node = parent[node]
            seen.add(node)
        out[start] = node
    return out


def walked_summable(frame: pd.DataFrame, measure: str) -> list[object]:
    """The specification: the origins with no region above them (up to a repeat) holding the figure."""
    parent = dict(zip(frame["origin"], frame["part_of"], strict=True))
    has = dict(zip(frame["origin"], frame[measure].notna(), strict=True))
    kept = []
    for origin in frame["origin"]:
        seen, node, above = {origin}, parent.get(origin), False
        while isinstance(node, str) and node not in seen and not above:
            above = bool(has.get(node, False))
            seen.add(node)
            node = parent.get(node)
        if not above:
            kept.append(origin)
    return kept


def chain(n: int, loop_to: int | None = None) -> dict[str, object]:
    """n0 -> n1 -> ... -> n(n-1), which copies none, or, with loop_to, copies n(loop_to)."""
    parent: dict[str, object] = {f"n{i}": f"n{i + 1}" for i in range(n - 1)}
    parent[f"n{n - 1}"] = None if loop_to is None else f"n{loop_to}"
    return parent


def random_graphs(count: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    graphs = []
    for _ in range(count):
        names = [f"n{i}" for i in range(rng.randint(1, 9))]
        ends = [*names, None, float("nan"), "elsewhere"]  # no parent, an empty cell, an unknown node
        graphs.append({name: rng.choice(ends) for name in names})
    return graphs


def test_roots_of_a_long_chain_are_its_end() -> None:
    assert set(roots(chain(LONG)).values()) == {f"n{LONG - 1}"}


def test_roots_of_a_long_chain_into_a_loop_end_just_before_the_walk_repeats() -> None:
    loop_to = LONG // 2
    found = roots(chain(LONG, loop_to))
    # on the loop, a walk ends at the node before its start; leading into it, at the node before the entry
    assert all(found[f"n{i}"] == f"n{i - 1}" for i in range(loop_to + 1, LONG))
    assert found[f"n{loop_to}"] == f"n{LONG - 1}"
    assert all(found[f"n{i}"] == f"n{LONG - 1}" for i in range(loop_to))
    assert list(found) == list(chain(LONG, loop_to))  # in the order of the nodes


def test_roots_are_what_the_walk_from_each_node_finds() -> None:
    for parent in random_graphs(3000, seed=1):
        assert roots(parent) == walked_roots(parent), parent


def test_on_a_cycle_finds_exactly_the_loop_at_the_end_of_a_long_chain() -> None:
    assert on_a_cycle(chain(LONG)) == set()
    assert on_a_cycle(chain(LONG, LONG // 2)) == {f"n{i}" for i in range(LONG // 2, LONG)}


def regions(n: int, returned_at: int = 0, loop: bool = False) -> pd.DataFrame:
    """n regions in one part_of chain (Region 0 part_of Region 1 ...), each with departed, only one
    with returned; with loop, the last is part of the first."""
    names = [f"Region {i}" for i in range(n)]
    part_of = [*names[1:], names[0] if loop else None]
    returned = [10 if i == returned_at else None for i in range(n)]
    return pd.DataFrame(
        {
            "origin": pd.array(names, dtype="string"),
            "part_of": pd.array(part_of, dtype="string"),
            "departed": pd.array([1000] * n, dtype="Int64"),
            "returned": pd.array(returned, dtype="Int64"),
        }
    )


def test_summable_on_a_long_part_of_chain() -> None:
    df = regions(10_000)
    assert ff.summable(df, "departed")["origin"].tolist() == ["Region 9999"]  # the top counts every part
    assert len(ff.summable(df, "returned")) == 10_000  # no region above holds returned
    assert ff.summable(df)["origin"].tolist() == ["Region 9999"]
    top = regions(10_000, returned_at=9_999)
    assert ff.summable(top, "returned")["origin"].tolist() == ["Region 9999"]
    middle = regions(10_000, returned_at=5_000)
    assert ff.summable(middle, "returned")["origin"].tolist() == [f"Region {i}" for i in range(5_000, 10_000)]


def test_summable_on_a_long_part_of_loop_is_what_the_walk_finds() -> None:
    for returned_at in (0, 4_999, 9_999):
        df = regions(10_000, returned_at, loop=True)
        assert ff.summable(df, "returned")["origin"].tolist() == walked_summable(df, "returned")
    assert ff.summable(regions(10_000, 4_999, loop=True), "returned")["origin"].tolist() == ["Region 4999"]


def test_summable_is_what_the_walk_from_each_origin_finds() -> None:
    for parent in random_graphs(2000, seed=2):
        names = list(parent)
        rng = random.Random(len(names))
        df = pd.DataFrame(
            {
                "origin": pd.array(names, dtype="string"),
                "part_of": pd.array([p if isinstance(p, str) else None for p in parent.values()], dtype="string"),
                "departed": pd.array([rng.choice([None, 5]) for _ in names], dtype="Int64"),
            }
        )
        assert ff.summable(df, "departed")["origin"].tolist() == walked_summable(df, "departed"), parent


def test_attestation_counts_a_long_copy_of_chain_as_one_source() -> None:
    sources = pd.DataFrame(
        {"source": [f"s{i}" for i in range(LONG)], "copy_of": [*(f"s{i + 1}" for i in range(LONG - 1)), None]}
    )
    evidence = pd.DataFrame({"origin": "Somewhere", "measure": "departed", "value": 5.0, "source": sources["source"]})
    counts = attestation(evidence, sources)
    assert counts[["sources", "independent"]].values.tolist() == [[LONG, 1]]


def add_rows(copy: PackageCopy, path: str, rows: list[dict[str, object]]) -> None:
    existing = copy.rows(path)
    header = existing[0]
    copy.write_rows(path, [*existing, *([str(row.get(name, "")) for name in header] for row in rows)], refresh=False)


@pytest.fixture(scope="module")
def baseline() -> tuple[list[object], list[object]]:
    report = validate(str(FIXTURE))
    return report.errors, report.warnings


def test_a_long_part_of_chain_validates_as_a_short_one(tmp_path: Path, baseline) -> None:
    n = 5_000
    copy = PackageCopy(tmp_path)
    chain_rows = [
        {"origin": f"Region {i:05d}", "origin_type": "region", "part_of": f"Region {i + 1:05d}" if i + 1 < n else "",
         "departed": 1000, **({"returned": 10} if i == 0 else {})}
        for i in range(n)
    ]  # fmt: skip
    add_rows(copy, ORIGINS, chain_rows)
    quote = "{origin}: 1,000 left, 10 returned."
    add_rows(copy, EVIDENCE, [
        {"origin": r["origin"], "measure": m, "value": r[m], "source": ARTICLE, "quote": quote.format(**r)}
        for r in chain_rows for m in ("departed", "returned") if m in r
    ])  # fmt: skip
    copy.refresh()
    report = validate(str(tmp_path))
    assert (report.errors, len(report.warnings)) == (baseline[0], len(baseline[1]))
    df = ff.load(source=tmp_path)
    assert "Region 00000" in set(ff.summable(df, "returned")["origin"])
    assert not set(ff.summable(df, "departed")["origin"]) & {f"Region {i:05d}" for i in range(n - 1)}

    # A loop at the top: every region on it is its own ancestor, reported as before.
    copy.set(ORIGINS, f"Region {n - 1:05d}", "part_of", f"Region {n - 10:05d}")
    looped = validate(str(tmp_path))
    own = [i for i in looped.errors if i.rule == "part-of-is-region"]
    assert len(own) == 10
    assert own[0].message == f"'Region {n - 10:05d}' is its own ancestor through part_of"


def test_a_long_copy_of_chain_validates_and_counts_as_one_source(tmp_path: Path, baseline) -> None:
    n = 6_000
    copy = PackageCopy(tmp_path)
    before = corroboration(tmp_path).set_index(["origin", "measure"])
    reprints = [
        {"source": f"reprint-{i:05d}", "outlet": f"Reprint {i}", "url": f"https://example.org/reprint/{i}",
         "published": "2017-10", "language": "en", "copy_of": f"reprint-{i + 1:05d}" if i + 1 < n else "",
         "preferred": "false"}
        for i in range(n)
    ]  # fmt: skip
    add_rows(copy, SOURCES, reprints)
    add_rows(copy, EVIDENCE, [
        {"origin": "United States", "measure": "departed", "value": 129, "source": s["source"],
         "quote": "United States: 129 left."}
        for s in reprints
    ])  # fmt: skip
    copy.refresh()
    report = validate(str(tmp_path))
    assert (report.errors, len(report.warnings)) == (baseline[0], len(baseline[1]))
    after = corroboration(tmp_path).set_index(["origin", "measure"])
    us, was = after.loc[("United States", "departed")], before.loc[("United States", "departed")]
    assert (us["sources"], us["independent"]) == (was["sources"] + n, was["independent"] + 1)
    assert after.drop(index=[("United States", "departed")]).equals(before.drop(index=[("United States", "departed")]))

    # A loop: the last reprint copies one further up the chain; each source on it is a copy of itself.
    copy.set(SOURCES, f"reprint-{n - 1:05d}", "copy_of", f"reprint-{n - 5:05d}")
    looped = validate(str(tmp_path))
    assert len([i for i in looped.errors if i.rule == "copy-of-ends"]) == 5


def test_corroboration_of_many_origins(tmp_path: Path) -> None:
    n = 10_000
    copy = PackageCopy(tmp_path)
    before = corroboration(tmp_path)
    origins = [{"origin": f"Origin {i:05d}", "origin_type": "group", "departed": 100 + i, "returned": i % 100}
               for i in range(n)]  # fmt: skip
    add_rows(copy, ORIGINS, origins)
    add_rows(copy, EVIDENCE, [
        {"origin": o["origin"], "measure": m, "value": o[m], "source": ARTICLE,
         "quote": f"{o['origin']}: {o['departed']:,} left, {o['returned']} returned."}
        for o in origins for m in ("departed", "returned")
    ] + [{"origin": "Origin 00007", "measure": "departed", "value": 99, "source": "rferl-2017-10-24",
          "quote": "Origin 00007: 99 left."}])  # fmt: skip
    copy.refresh()
    for name in ("fighters-by-origin", "figures-by-source", "sources", "headline-figures"):
        ff.load(name, source=tmp_path)
    after = corroboration(tmp_path)
    assert len(after) == len(before) + 2 * n
    pd.testing.assert_frame_equal(after.iloc[: len(before)], before)
    new = after.iloc[len(before) :].reset_index(drop=True)
    assert new["origin"].tolist() == [o["origin"] for o in origins for _ in range(2)]
    assert new["value"].tolist() == [o[m] for o in origins for m in ("departed", "returned")]
    assert new[["sources", "independent"]].drop_duplicates().values.tolist() == [[1, 1]]
    seventh = new[(new["origin"] == "Origin 00007") & (new["measure"] == "departed")]
    assert seventh["other_values"].tolist() == ["99 (1)"]
    assert (new["other_values"] == "").sum() == 2 * n - 1


def test_every_region_of_a_long_chain_over_its_parts_is_named_with_its_parts(tmp_path: Path) -> None:
    n = 3_000
    copy = PackageCopy(tmp_path)
    chain_rows = [
        {"origin": f"Region {i:05d}", "origin_type": "region", "part_of": f"Region {i + 1:05d}" if i + 1 < n else "",
         "departed": n - i}
        for i in range(n)
    ]  # fmt: skip
    add_rows(copy, ORIGINS, chain_rows)
    add_rows(copy, EVIDENCE, [
        {"origin": r["origin"], "measure": "departed", "value": r["departed"], "source": ARTICLE,
         "quote": f"{r['origin']}: {r['departed']:,} left."}
        for r in chain_rows
    ])  # fmt: skip
    copy.refresh()
    found = [i.message for i in validate(str(tmp_path)).errors if i.rule == "children-within-parent"]
    assert found == [
        f"its parts (Region {i - 1:05d}) sum to {n - i + 1} departed, more than the region's {n - i}"
        for i in range(1, n)
    ]


def test_part_of_membership_walks_a_long_chain_above_many_countries() -> None:
    from foreign_fighters.rules.figures import part_of_membership

    n, m = 20_000, 2_000  # European Union part of a long chain of regions, many countries below it
    regions = [f"Region {i}" for i in range(n)]
    countries = [f"France {i}" for i in range(m)]
    df = pd.DataFrame(
        {
            "origin": pd.array([*regions, "European Union", *countries, "Belgium"], dtype="string"),
            "origin_type": pd.array(["region"] * (n + 1) + ["country"] * (m + 1), dtype="string"),
            "iso3": pd.array([None] * (n + 1) + ["FRA"] * m + ["BEL"], dtype="string"),
            "part_of": pd.array([*regions[1:], None, "Region 0", *["European Union"] * m, None], dtype="string"),
        }
    )
    assert part_of_membership.check is not None
    verdict = part_of_membership.check(df, {})
    assert verdict.ok.tolist() == [True] * (n + 1 + m) + [False]  # Belgium alone is not below the union
    _, message = verdict.explain(df.iloc[-1])
    assert message.startswith("'Belgium' (BEL) is a member of 'European Union' as classified in 2017")
