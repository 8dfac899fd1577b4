"""Measure what the package costs, side by side, over repeated fresh processes.

    python scripts/benchmark.py [--python PATH] [--runs N] [--sizes 1000,10000,100000,1000000] [--docs]
                                [--growth-sizes 1000,10000,30000] [--only-growth]

`make bench` runs it against `.venv-bench`, which holds the package with its `validate` extra
only, as a user installs it (the development tools change import times: pandera imports
hypothesis wherever it is installed).

1. `import foreign_fighters; load()` against `import pandas; pandas.read_csv(<same file>)`.
2. `foreign-fighters validate` against `frictionless validate` on the same package.
3. Validation time and peak memory on synthetic packages of the given sizes, with the time per stage.
4. Growth: validating regions in one long `part_of` chain, and sources in one long `copy_of` chain;
   `load()` of the four tables and `corroboration()` on many origins (seconds, and per 1,000 rows).

Each comparison alternates its commands run by run, so drift on the machine hits both alike.
Prints medians with the spread (interquartile range, min-max). Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
CSV = ROOT / DESCRIPTOR["resources"][0]["path"]  # the main table
PY = Path(sys.executable)  # --python: the environment measured


def bin_of(name: str) -> str:
    return str(PY.parent / name)


def run_once(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"benchmark: {' '.join(map(str, argv))} failed:\n{done.stderr.decode()}")
    return elapsed


GNU_TIME = Path("/usr/bin/time")  # the public harness: GNU time's elapsed seconds and peak memory


def run_timed(argv: list[str]) -> tuple[float, int]:
    """(elapsed s, peak KiB) as GNU time measures them, outside this script's own clock."""
    done = subprocess.run([str(GNU_TIME), "-f", "%e %M", *argv], capture_output=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"benchmark: {' '.join(map(str, argv))} failed:\n{done.stderr.decode()}")
    elapsed, peak = done.stderr.decode().strip().splitlines()[-1].split()
    return float(elapsed), int(peak)


def spread(samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=4) if len(samples) > 1 else [samples[0]] * 3
    return f"median {statistics.median(samples):7.3f} s  IQR {q[0]:.3f}-{q[2]:.3f}  range {min(samples):.3f}-{max(samples):.3f}"


def compare(title: str, commands: dict[str, list[str]], runs: int, goal: float) -> None:
    for argv in commands.values():
        run_once(argv)  # warm the file cache and the bytecode cache
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            samples[name].append(run_once(argv))
    print(f"\n## {title} ({runs} fresh processes each)\n")
    for name, values in samples.items():
        print(f"  {name:<34} {spread(values)}")
    (first, a), (second, b) = samples.items()
    ratio = statistics.median(a) / statistics.median(b)
    print(f"  ratio {first} / {second}: {ratio:.2f}x (goal <= {goal:.2f}x)")
    if not GNU_TIME.exists():
        print("  (no /usr/bin/time here: the public harness's figures are left out)")
        return
    timed: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            timed[name].append(run_timed(argv))
    print(f"\n  The same, timed by GNU time (`/usr/bin/time -f '%e %M'`, {runs} alternated runs each):")
    for name, values in timed.items():
        peak = statistics.median(p for _, p in values) / 1024
        print(f"  {name:<34} {spread([e for e, _ in values])}  peak {peak:.0f} MiB")
    (_, a2), (_, b2) = timed.items()
    ratio2 = statistics.median(e for e, _ in a2) / statistics.median(e for e, _ in b2)
    print(f"  ratio by GNU time: {ratio2:.2f}x (goal <= {goal:.2f}x)")


def synthetic_row(i: int) -> dict[str, object]:
    """Origin ``i`` of a synthetic main table that keeps every rule; fields the schema does not
    have are dropped, fields it has that are not here stay empty."""
    # Zero: the report's headline totals bound what the table's summable rows add up to.
    departed, returned = 0, 0
    origin = f"Origin {i:07d}"  # a people: there are not that many countries, nor codes for them
    return {"origin": origin, "origin_type": "group", "departed": departed, "returned": returned}


def synthetic_evidence(i: int, source: str) -> list[dict[str, object]]:
    """The figures-by-source rows that back synthetic origin ``i``: the preferred source's quote."""
    row = synthetic_row(i)
    quote = f"{row['origin']} – {row['departed']:,} left – {row['returned']} returned"
    return [
        {"origin": row["origin"], "measure": m, "value": row[m], "source": source, "quote": quote}
        for m in ("departed", "returned")
    ]


def _write(path: Path, names: list[str], rows: object) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(names)
        out.writerows([row.get(name, "") for name in names] for row in rows)


def synthetic_package(folder: Path, rows: int) -> None:
    """A package shaped like the real one, its main table with `rows` origins and the evidence for
    their figures; the other tables as they are."""
    descriptor = json.loads(json.dumps(DESCRIPTOR))
    main, *others = descriptor["resources"]
    for res in descriptor["resources"]:
        (folder / res["path"]).parent.mkdir(parents=True, exist_ok=True)
    _write(
        folder / main["path"], [f["name"] for f in main["schema"]["fields"]], (synthetic_row(i) for i in range(rows))
    )
    with open(ROOT / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
        preferred = next(r["source"] for r in csv.DictReader(fh) if r["preferred"] == "true")
    for res in others:
        if res["name"] == "figures-by-source":
            names = [f["name"] for f in res["schema"]["fields"]]
            _write(folder / res["path"], names, (e for i in range(rows) for e in synthetic_evidence(i, preferred)))
        else:
            shutil.copy(ROOT / res["path"], folder / res["path"])
    for res in descriptor["resources"]:
        data = (folder / res["path"]).read_bytes()
        res["hash"], res["bytes"] = "sha256:" + hashlib.sha256(data).hexdigest(), len(data)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")


def chain_region(i: int, n: int) -> dict[str, object]:
    """Region ``i`` of ``n`` in one ``part_of`` chain: Region 0 part_of Region 1 ... up to Region n-1.
    Each holds what its part holds, so every rule keeps; only the first gives `returned`, so no
    region above a part holds it and `summable(df, "returned")` looks up the whole chain."""
    part_of = f"Region {i + 1:07d}" if i + 1 < n else ""
    row: dict[str, object] = {
        "origin": f"Region {i:07d}",
        "origin_type": "region",
        "part_of": part_of,
        "departed": 1000,
    }
    return {**row, "returned": 10} if i == 0 else row


def chain_source(i: int, n: int) -> dict[str, object]:
    """Source ``i`` of ``n`` in one ``copy_of`` chain: each a copy of the next, the last one of none."""
    return {
        "source": f"reprint-{i:07d}",
        "outlet": f"Reprint {i}",
        "url": f"https://example.org/reprint/{i}",
        "published": "2017-10",
        "language": "en",
        "copy_of": f"reprint-{i + 1:07d}" if i + 1 < n else "",
        "preferred": "false",
    }


def growth_package(folder: Path, case: str, rows: int) -> None:
    """A synthetic package for one growth case: `part-of-chain` (the main table is `rows` regions in
    one part_of chain, with their evidence), `copy-of-chain` (the real package with `rows` more
    sources in one copy_of chain) or `origins` (as `synthetic_package`)."""
    synthetic_package(folder, rows if case == "origins" else 0)
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    by_name = {res["name"]: res for res in descriptor["resources"]}
    if case == "part-of-chain":
        main, evidence = by_name["fighters-by-origin"], by_name["figures-by-source"]
        regions = [chain_region(i, rows) for i in range(rows)]
        _write(folder / main["path"], [f["name"] for f in main["schema"]["fields"]], regions)
        with open(folder / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
            preferred = next(r["source"] for r in csv.DictReader(fh) if r["preferred"] == "true")
        quotes = (
            {"origin": r["origin"], "measure": m, "value": r[m], "source": preferred,
             "quote": f"{r['origin']} – {r['departed']:,} left" + (f" – {r['returned']} returned" if "returned" in r else "")}
            for r in regions for m in ("departed", "returned") if m in r
        )  # fmt: skip
        _write(folder / evidence["path"], [f["name"] for f in evidence["schema"]["fields"]], quotes)
    elif case == "copy-of-chain":
        shutil.copy(ROOT / "data" / "fighters-by-origin.csv", folder / "data" / "fighters-by-origin.csv")
        shutil.copy(ROOT / "data" / "figures-by-source.csv", folder / "data" / "figures-by-source.csv")
        with open(ROOT / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            names, real = list(reader.fieldnames or []), list(reader)
        _write(folder / "data" / "sources.csv", names, [*real, *(chain_source(i, rows) for i in range(rows))])
    for res in descriptor["resources"]:
        data = (folder / res["path"]).read_bytes()
        res["hash"], res["bytes"] = "sha256:" + hashlib.sha256(data).hexdigest(), len(data)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")


PROBE = """
import json, resource, sys, time
start = time.perf_counter()
from foreign_fighters.validation import validate
imported = time.perf_counter()
report = validate(sys.argv[1])
end = time.perf_counter()
print(json.dumps({"import": imported - start, "total": end - start, "stages": report.timings,
                  "errors": len(report.errors), "warnings": len(report.warnings),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def scaling(sizes: list[int], runs: int) -> None:
    print("\n## Validation by package size (in one process; peak = maximum resident memory)\n")
    print("  frictionless: `frictionless validate` alone on the same package, for the ratio at scale.\n")
    print(
        f"  {'rows':>9} {'median s':>9} {'s / 1k rows':>12} {'peak MiB':>9} {'frictionless s':>15} {'ratio':>6}  where the time goes (median run)"
    )
    with tempfile.TemporaryDirectory(prefix="ff-bench-") as tmp:
        for n in sizes:
            folder = Path(tmp) / str(n)
            synthetic_package(folder, n)
            results = []
            for _ in range(runs if n < 1_000_000 else 1):
                done = subprocess.run([str(PY), "-c", PROBE, str(folder)], capture_output=True, text=True, check=True)
                results.append(json.loads(done.stdout))
            results.sort(key=lambda r: r["total"])
            mid = results[len(results) // 2]
            alone = statistics.median(
                run_once([bin_of("frictionless"), "validate", str(folder / "datapackage.json")])
                for _ in range(runs if n < 1_000_000 else 1)
            )
            stages = {"imports": mid["import"], **mid["stages"]}
            where = ", ".join(f"{k} {v:.2f}" for k, v in stages.items())
            print(
                f"  {n:>9,} {mid['total']:>9.2f} {1000 * mid['total'] / n:>12.4f} {mid['peak_mib']:>9.0f}"
                f" {alone:>15.2f} {mid['total'] / alone:>5.2f}x  {where}"
            )
            if mid["errors"]:
                print(f"  ! the synthetic package drew {mid['errors']} errors: the timing is of a failing run")
            shutil.rmtree(folder)


# One growth case in a fresh process: validating a package, or loading its four tables and
# corroboration(); prints the seconds, and what the run found.
GROWTH_PROBE = """
import json, sys, time
start = time.perf_counter()
if sys.argv[2] == "validate":
    from foreign_fighters.validation import validate
    report = validate(sys.argv[1])
    found = {"errors": len(report.errors), "warnings": len(report.warnings)}
else:
    import foreign_fighters as ff
    from foreign_fighters.attestation import corroboration
    for name in ("fighters-by-origin", "figures-by-source", "sources", "headline-figures"):
        ff.load(name, source=sys.argv[1])
    found = {"rows": len(corroboration(sys.argv[1]))}
print(json.dumps({"seconds": time.perf_counter() - start, **found}))
"""
GROWTH = {  # case: (what is timed, the package it is timed on)
    "validate: regions in one part_of chain": ("validate", "part-of-chain"),
    "load() x4 + corroboration(): origins": ("load", "origins"),
    "validate: sources in one copy_of chain": ("validate", "copy-of-chain"),
}


def growth(sizes: list[int], runs: int) -> None:
    print("\n## Growth along chains (fresh process each, imports included; median of the runs)\n")
    print("  Long part_of and copy_of chains, and many origins to corroborate: linear, or these grow as the square.\n")
    print(f"  {'case':<42} {'rows':>9} {'median s':>9} {'s / 1k rows':>12}  found")
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="ff-growth-") as tmp:
        for title, (what, case) in GROWTH.items():
            for n in sizes:
                folder = Path(tmp) / f"{case}-{n}"
                growth_package(folder, case, n)
                results = []
                for _ in range(runs):
                    argv = [str(PY), "-c", GROWTH_PROBE, str(folder), what]
                    done = subprocess.run(argv, capture_output=True, text=True, check=True, env=env)
                    results.append(json.loads(done.stdout))
                results.sort(key=lambda r: r["seconds"])
                mid = results[len(results) // 2]
                found = ", ".join(f"{k} {v}" for k, v in mid.items() if k != "seconds")
                print(f"  {title:<42} {n:>9,} {mid['seconds']:>9.2f} {1000 * mid['seconds'] / n:>12.4f}  {found}")
                shutil.rmtree(folder)


def main() -> int:
    global PY
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--python", type=Path, default=Path(sys.executable), help="the Python of the environment to measure"
    )
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--growth-sizes", default="1000,10000,30000", help="rows of the growth cases")
    parser.add_argument("--only-growth", action="store_true", help="run the growth cases only")
    parser.add_argument(
        "--docs", "--readme", dest="docs", action="store_true", help="also put the output in docs/performance.md"
    )
    args = parser.parse_args()
    PY = args.python
    if args.docs:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            run(args)
        text = buffer.getvalue()
        print(text, end="")
        page = ROOT / "docs" / "performance.md"
        body = f"<!-- BEGIN BENCHMARK -->\n```\n{text.strip()}\n```\n<!-- END BENCHMARK -->"
        content = re.sub(
            r"<!-- BEGIN BENCHMARK -->.*?<!-- END BENCHMARK -->", lambda _: body, page.read_text("utf-8"), flags=re.S
        )
        page.write_text(content, encoding="utf-8")
        return 0
    return run(args)


def run(args: argparse.Namespace) -> int:
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"# foreign-fighters benchmark, {time.strftime('%Y-%m-%d')}")
    print(
        f"\nmachine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )
    versions = subprocess.run(
        [str(PY), "-c", "from importlib.metadata import version as v; "
         "print(', '.join(f'{p} {v(p)}' for p in ('pandas', 'pandera', 'frictionless')))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    print(f"{versions}; environment: {PY.parent.parent.name}")
    py = str(PY)
    growth_sizes = [int(s) for s in args.growth_sizes.split(",") if s]
    if args.only_growth:
        growth(growth_sizes, max(1, args.runs // 4))
        return 0
    compare(
        "load() against pandas.read_csv on the same file",
        {
            "import foreign_fighters; load()": [py, "-c", "import foreign_fighters as ff; ff.load()"],
            "import pandas; read_csv()": [py, "-c", f"import pandas; pandas.read_csv({str(CSV)!r})"],
        },
        args.runs,
        1.10,
    )
    compare(
        "foreign-fighters validate against frictionless validate",
        {
            "foreign-fighters validate": [bin_of("foreign-fighters"), "validate", str(ROOT)],
            "frictionless validate": [bin_of("frictionless"), "validate", str(ROOT / "datapackage.json")],
        },
        args.runs,
        1.50,
    )
    scaling(sizes, max(1, args.runs // 4))
    growth(growth_sizes, max(1, args.runs // 4))
    return 0


if __name__ == "__main__":
    sys.exit(main())
