"""foreign-fighters: validate a data package, show its data, or compare two versions of it.

SOURCE is a package folder, a datapackage.json path, a .zip of a package, or the http(s) URL of a
descriptor or a zip. Without one: ./datapackage.json if the current folder has one, otherwise the
copy installed with this package. RESOURCE is a resource's name, with _ or - alike.

validate ends with its verdict and the errors and warnings counted by rule. show prints one
resource or all, always with their key columns, fitted to the terminal. diff ends with its
verdicts: did the version, the CHANGELOG and the quotes follow the change.

Exit codes: 0 valid (diff: nothing to fix); 1 the data breaks a rule (with --strict, draws a
warning too; diff, with or without --check: the version, CHANGELOG or a quote did not follow the
change); 2 the input could not be read at all, or the command line is wrong.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


class _Version(argparse.Action):
    """--version, looked up only when asked for (importlib.metadata costs every other run 50 ms)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        from . import __version__

        print(f"{parser.prog} {__version__}")  # on stdout, as argparse's own version action prints it
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="foreign-fighters", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True)
    source_help = (
        "package folder, datapackage.json, .zip or http(s) URL (default: ./datapackage.json, else the installed copy)"
    )
    v = sub.add_parser(
        "validate",
        help="check the package against every rule",
        description="Check the package against every rule. The text format ends with the verdict and "
        "the errors and warnings counted by rule.",
    )
    v.add_argument("source", nargs="?", help=source_help)
    v.add_argument("--format", choices=["text", "json", "github"], default="text")
    v.add_argument("--strict", action="store_true", help="fail on warnings too")
    s = sub.add_parser(
        "show",
        help="print the package's tables",
        description="Print one resource of the package, or all of them. The key columns (primaryKey "
        "and foreignKeys) are always shown; on a terminal, or with COLUMNS set, the other columns "
        "are left out (cut, when chosen with --columns) to fit its width, and named under the table.",
    )
    s.add_argument(
        "resource",
        nargs="?",
        metavar="RESOURCE",
        help="the resource to show, with _ or - alike (default: all of them); a path, .zip or URL "
        "given here is read as the SOURCE instead",
    )
    s.add_argument("--source", help=source_help)
    s.add_argument(
        "--columns",
        nargs="+",
        action="extend",
        metavar="COL",
        help="show these columns (a,b or a b) beside the key columns",
    )
    d = sub.add_parser(
        "diff",
        help="what a change does to the data, and the version bump it needs",
        description="Compare two packages: folders, datapackage.json paths, zips, URLs or git revisions of "
        "this repository. Exit 1 when a verdict fails (the version, CHANGELOG or a quote did not follow "
        "the change), 0 when they all pass, 2 when a side cannot be read.",
    )
    d.add_argument("base")
    d.add_argument("head")
    d.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    d.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the version, CHANGELOG or a quote did not follow (as without it: kept for scripts)",
    )
    return parser


def default_source(given: str | None) -> str | None:
    """The package a command reads: SOURCE, else ./datapackage.json, else None (the installed copy)."""
    if given is not None:
        return given
    here = Path.cwd() / "datapackage.json"
    return str(here) if here.is_file() else None


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .errors import IntegrityError, SourceError

    try:
        return {"validate": _validate, "show": _show, "diff": _diff}[args.command](args)
    except (SourceError, IntegrityError) as exc:
        return _fail(str(exc))
    except KeyError as exc:  # a package without the resource asked for
        return _fail(str(exc.args[0]))
    except ImportError as exc:
        return _fail(str(exc))
    except BrokenPipeError:  # `show | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_VALID
    except Exception as exc:  # never a traceback for bad input; FOREIGN_FIGHTERS_DEBUG=1 shows it
        if os.environ.get("FOREIGN_FIGHTERS_DEBUG"):
            raise
        what = " ".join(str(getattr(args, a)) for a in ("source", "base", "head") if getattr(args, a, None))
        return _fail(f"cannot read {what or 'the package'}: {type(exc).__name__}: {exc}")


def run() -> None:
    """The command's process: main(), its output flushed, then out without the interpreter's
    teardown, which spends 0.3-0.4 s freeing pandas on a run of about 1 s."""
    # A short run that builds many objects and frees few: at the collector's default thresholds its
    # passes over what stays alive took about a tenth of a validation, of the real package or of
    # 100,000 rows. A collection per million new objects keeps the peak memory as it was.
    gc.set_threshold(1_000_000, 100, 100)
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `... | head`: nothing more to say
        pass
    import atexit

    atexit._run_exitfuncs()  # what exit would run
    os._exit(code)


def _fail(message: str) -> int:
    # One line, whatever the input or a server put in the message.
    line = re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m.group())[1:-1], message)
    print(f"foreign-fighters: error: {line}", file=sys.stderr)
    return EXIT_UNREADABLE


def _validate(args: argparse.Namespace) -> int:
    from . import validate

    report = validate(default_source(args.source))
    from .formats import FORMATS, to_markdown

    sys.stdout.write(FORMATS[args.format](report, args.strict))
    sys.stdout.flush()
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and summary:
        with open(summary, "a", encoding="utf-8") as fh:  # append: other steps write there too
            fh.write(to_markdown(report, args.strict))
    return report.exit_code(args.strict)


def _show(args: argparse.Namespace) -> int:
    from .formats import show_tables
    from .package import open_package

    source, resource = args.source, args.resource
    if source is None and resource is not None and _names_a_source(resource):
        source, resource = resource, None  # `show PACKAGE`, as before RESOURCE was taken
        args.source = source  # what an unexpected error names
    columns = None
    if args.columns is not None:
        columns = [c.strip() for given in args.columns for c in given.split(",") if c.strip()]
        if not columns:
            return _fail("--columns: name at least one column")
    package = open_package(default_source(source))
    text = show_tables(package, None if resource is None else [resource], columns, _terminal_width())
    sys.stdout.write(text)
    sys.stdout.flush()
    return EXIT_VALID


def _names_a_source(given: str) -> bool:
    """Whether show's positional is a package (a URL, a path, a .json or .zip) rather than a
    resource's name: names are plain words (letters, digits, - _ .) that name no file here."""
    from .sources import is_url

    if is_url(given) or not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]*", given):
        return True
    return given.lower().endswith((".json", ".zip")) or Path(given).exists()


def _terminal_width() -> int | None:
    """The width to fit tables to: COLUMNS if set, else the terminal's; None into a pipe or file."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError, AttributeError):  # no real file behind stdout
        return None


def _diff(args: argparse.Namespace) -> int:
    from .diff import compare
    from .formats import DIFF_FORMATS
    from .package import open_package
    from .revisions import checkout

    with checkout(args.base) as base, checkout(args.head) as head:
        diff = compare(open_package(base), open_package(head), args.base, args.head)
    sys.stdout.write(DIFF_FORMATS[args.format](diff))
    sys.stdout.flush()
    return EXIT_VALID if diff.ok else EXIT_INVALID  # --check: the same, for the scripts that pass it
