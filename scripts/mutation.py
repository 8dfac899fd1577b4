"""Mutation-test the rules and the reader with mutmut, the rules' own bodies included.

    python scripts/mutation.py [--workdir build/mutation] [--rules-only] [--max-children N] [MUTANT_NAME_PATTERN ...]

mutmut leaves decorated functions alone, and every rule is registered with `@rule(...)`. So this
script clones the checkout's HEAD into a work folder, rewrites each `@rule(...)` there as a call
after the function (`name = rule(...)(name)`: the same Rule is registered), runs mutmut in that
copy, and prints the score. The checkout itself is not touched; a second run reuses mutmut's
results for the functions that did not change. `--rules-only` runs the mutants of the rules' bodies
alone (those a plain `mutmut run` cannot make).

Functions cached with `@cache` or `@lru_cache` stay unmutated: mutmut forks each mutant's run from
a process whose caches may already hold the unmutated answers.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = "src/foreign_fighters/rules"


def unwrap(source: str) -> tuple[str, list[str]]:
    """``source`` with each module-level ``@rule(...)`` moved after its function as a call, and the
    names of those functions."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []  # (first line, last line, replacement), 0-based, inclusive
    names: list[str] = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or len(node.decorator_list) != 1:
            continue
        [decorator] = node.decorator_list
        if not (
            isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Name) and decorator.func.id == "rule"
        ):
            continue
        call = ast.get_source_segment(source, decorator)
        assert call is not None and node.end_lineno is not None
        edits.append((decorator.lineno - 1, node.lineno - 2, ""))  # the decorator's lines, and their comment
        end = node.end_lineno - 1
        edits.append((end + 1, end, f"\n\n{node.name} = {call}({node.name})\n"))
        names.append(node.name)
    for first, last, text in sorted(edits, reverse=True):
        lines[first : last + 1] = [text] if text else []
    return "".join(lines), names


def prepare(workdir: Path) -> list[str]:
    """A clone of HEAD in ``workdir`` (updated if there), its rules unwrapped; the mutant name
    patterns of the rules' bodies."""
    if (workdir / ".git").is_dir():
        subprocess.run(["git", "-C", str(workdir), "checkout", "--quiet", "--", "."], check=True)
        subprocess.run(["git", "-C", str(workdir), "pull", "--quiet", "--ff-only", str(ROOT), "HEAD"], check=True)
    else:
        workdir.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(workdir)], check=True)
    patterns = []
    for path in sorted((workdir / RULES).glob("*.py")):
        text, names = unwrap(path.read_text("utf-8"))
        path.write_text(text, "utf-8")
        module = ".".join(path.relative_to(workdir / "src").with_suffix("").parts)
        patterns += [f"{module}.x_{name}__mutmut_*" for name in names]
    return patterns


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "mutation")
    parser.add_argument("--rules-only", action="store_true", help="only the mutants of the rules' bodies")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 1, help="mutants run at once")
    parser.add_argument("mutants", nargs="*", help="mutant names or fnmatch patterns to run (default: all)")
    args = parser.parse_args()
    rules = prepare(args.workdir.resolve())
    chosen = args.mutants or (rules if args.rules_only else [])
    mutmut = [sys.executable, "-m", "mutmut"]
    subprocess.run([*mutmut, "run", "--max-children", str(args.max_children), *chosen], cwd=args.workdir, check=False)
    subprocess.run([*mutmut, "export-cicd-stats"], cwd=args.workdir, check=True)
    stats = json.loads((args.workdir / "mutants" / "mutmut-cicd-stats.json").read_text("utf-8"))
    run = sum(stats[k] for k in ("killed", "survived", "timeout", "no_tests", "suspicious", "segfault"))
    print("killed {killed}, survived {survived}, timeout {timeout}, no tests {no_tests}, "
          "suspicious {suspicious}, total {total}".format(**stats))  # fmt: skip
    print(f"score: {100 * (stats['killed'] + stats['timeout']) / max(run, 1):.1f}% of the {run} mutants run "
          f"({stats['total'] - run} not run)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
