"""``foreign-fighters``: validate a data package, or show its data.

Exit codes: 0 valid; 1 the data breaks a rule (or, with --strict, draws a warning; for diff
--check, the version, CHANGELOG or a source_text did not follow the change); 2 the input could not
be read at all, or the command line is wrong.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="foreign-fighters", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    source_help = "a package folder or datapackage.json path (default: the copy installed with this package)"
    v = sub.add_parser("validate", help="check the package against every rule", description=__doc__)
    v.add_argument("source", nargs="?", help=source_help)
    v.add_argument("--format", choices=["text", "json", "github"], default="text")
    v.add_argument("--strict", action="store_true", help="fail on warnings too")
    s = sub.add_parser("show", help="print the package's tables")
    s.add_argument("source", nargs="?", help=source_help)
    d = sub.add_parser(
        "diff",
        help="what a change does to the data, and the version bump it needs",
        description="Compare two packages: folders, datapackage.json paths or git revisions of this repository.",
    )
    d.add_argument("base")
    d.add_argument("head")
    d.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    d.add_argument(
        "--check", action="store_true", help="exit 1 if the version, CHANGELOG or a source_text did not follow"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .package import IntegrityError, SourceError

    try:
        return {"validate": _validate, "show": _show, "diff": _diff}[args.command](args)
    except (SourceError, IntegrityError) as exc:
        print(f"foreign-fighters: error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyError as exc:  # a package without the resource asked for
        print(f"foreign-fighters: error: {exc.args[0]}", file=sys.stderr)
        return EXIT_UNREADABLE
    except Exception as exc:  # never a traceback for bad input; FOREIGN_FIGHTERS_DEBUG=1 shows it
        if os.environ.get("FOREIGN_FIGHTERS_DEBUG"):
            raise
        print(
            f"foreign-fighters: error: cannot read {args.source or 'the package'}: {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE


def _validate(args: argparse.Namespace) -> int:
    from .formats import FORMATS, to_markdown

    try:
        from .validation import validate
    except ImportError as exc:
        print(
            f"foreign-fighters: error: validate needs {exc.name}: pip install 'foreign-fighters[validate]'",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE

    report = validate(args.source)
    sys.stdout.write(FORMATS[args.format](report, args.strict))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary:
        with open(summary, "a", encoding="utf-8") as fh:  # append: other steps write there too
            fh.write(to_markdown(report, args.strict))
    return report.exit_code(args.strict)


def _show(args: argparse.Namespace) -> int:
    import pandas as pd

    from .loader import load, summable

    origins = load(source=args.source)
    head = load("headline-figures", source=args.source)
    key = ["origin", "origin_type", "iso3", "part_of", "departed", "returned", "returned_percent"]
    with pd.option_context("display.width", 80, "display.max_columns", None):
        print("fighters-by-origin")
        print(origins[key].to_string(index=False))
        top = summable(origins)
        print(
            f"\nRows with no part_of ({len(top)} of {len(origins)}) sum to "
            f"{top['departed'].sum():,} departed and {top['returned'].sum():,} returned.\n"
        )
        print("headline-figures")
        print(head[["measure", "value", "unit", "qualifier"]].to_string(index=False))
    return EXIT_VALID


def _diff(args: argparse.Namespace) -> int:
    from .diff import compare
    from .formats import DIFF_FORMATS
    from .package import open_package
    from .revisions import checkout

    with checkout(args.base) as base, checkout(args.head) as head:
        diff = compare(open_package(base), open_package(head), args.base, args.head)
    sys.stdout.write(DIFF_FORMATS[args.format](diff))
    return EXIT_INVALID if args.check and not diff.ok else EXIT_VALID
