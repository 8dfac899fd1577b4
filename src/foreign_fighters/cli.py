"""foreign-fighters: validate a data package, show its data, or compare two versions of it.

SOURCE is a package folder, a datapackage.json path, a .zip of a package, or the http(s) URL of a
descriptor or a zip. Without one: ./datapackage.json if the current folder has one, otherwise the
copy installed with this package.

Exit codes: 0 valid (diff: nothing to fix); 1 the data breaks a rule (with --strict, draws a
warning too; diff --check: the version, CHANGELOG or a quote did not follow the change); 2 the
input could not be read at all, or the command line is wrong.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


class _Version(argparse.Action):
    """--version, looked up only when asked for (importlib.metadata costs every other run 50 ms)."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
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
    v = sub.add_parser("validate", help="check the package against every rule")
    v.add_argument("source", nargs="?", help=source_help)
    v.add_argument("--format", choices=["text", "json", "github"], default="text")
    v.add_argument("--strict", action="store_true", help="fail on warnings too")
    s = sub.add_parser("show", help="print the package's tables")
    s.add_argument("source", nargs="?", help=source_help)
    d = sub.add_parser(
        "diff",
        help="what a change does to the data, and the version bump it needs",
        description="Compare two packages: folders, datapackage.json paths, zips, URLs or git revisions of this repository.",
    )
    d.add_argument("base")
    d.add_argument("head")
    d.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    d.add_argument("--check", action="store_true", help="exit 1 if the version, CHANGELOG or a quote did not follow")
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
    teardown, which spends 0.3-0.4 s freeing pandas and waiting for the idle frictionless worker
    on a run of about 2 s. The worker is stopped first, so none is left behind."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `... | head`: nothing more to say
        pass
    if "multiprocessing" in sys.modules:
        import multiprocessing

        for child in multiprocessing.active_children():
            child.terminate()
            child.join(1)
    import atexit

    atexit._run_exitfuncs()  # what exit would run: the pool's and multiprocessing's clean-up
    os._exit(code)


def _fail(message: str) -> int:
    # One line, whatever the input or a server put in the message.
    line = re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m.group())[1:-1], message)
    print(f"foreign-fighters: error: {line}", file=sys.stderr)
    return EXIT_UNREADABLE


def _validate(args: argparse.Namespace) -> int:
    from . import validate

    report = validate(default_source(args.source), worker=True)
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

    package = open_package(default_source(args.source))
    sys.stdout.write(show_tables(package))
    sys.stdout.flush()
    return EXIT_VALID


def _diff(args: argparse.Namespace) -> int:
    from .diff import compare
    from .formats import DIFF_FORMATS
    from .package import open_package
    from .revisions import checkout

    with checkout(args.base) as base, checkout(args.head) as head:
        diff = compare(open_package(base), open_package(head), args.base, args.head)
    sys.stdout.write(DIFF_FORMATS[args.format](diff))
    sys.stdout.flush()
    return EXIT_INVALID if args.check and not diff.ok else EXIT_VALID
