"""The ``condiff`` command line: a thin shell over the core.

Subcommands live in ``condiff/commands/<name>.py`` and are imported here by name only; each
imports its heavy dependencies inside ``run`` so ``condiff check`` never pays for the TUI.
Errors the user can fix are :class:`~condiff.errors.CondiffError`: printed as one line, exit 2.
Anything else is a bug: one line asking for ``--debug`` and a report, exit 2.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import warnings
from types import ModuleType

from . import __version__
from .errors import CondiffError

#: Subcommands in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = ("diff", "check", "history", "review", "parse", "rules", "corpora")

EPILOG = """\
examples:
  condiff diff sample:2009 sample:2026            redline the bundled sample pair
  condiff check old.txt new.txt --fail-on removed exit 1 if a right was removed
  condiff review old.yaml new.yaml                review every change in the terminal
  condiff history versions.yaml                   many versions: lineages, rights over time
  condiff parse constitution.txt --format yaml    convert a text to canonical YAML
  condiff diff old.txt new.txt -f docx -o r.docx  Word redline with tracked changes

Inputs may be canonical YAML (.yaml), Markdown (.md), Akoma Ntoso XML (.xml, or any name in
the Akoma Ntoso namespace) or plain text in any language with headings such as 'Article 5',
'Art. 5', 'Статья 5', 'Artikel 5'. Bundled documents are named like 'sample:2009' (see
'condiff corpora list').
Exit codes: 0 no differences/violations, 1 differences/violations found, 2 error.
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=100)


def _load(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"condiff.commands.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"condiff.commands.{name}":
            return None
        raise


def _to_configure(argv: list[str]) -> tuple[str, ...] | None:
    """The subcommands whose options ``argv`` can need, or None for all of them.

    ``check A B`` (perhaps after ``--debug``) needs only ``check``; an argv naming no command at
    all (``--version``, ``--help``, a typo) needs none; anything else gets every one."""
    for arg in argv:
        if arg != "--debug":
            if arg in COMMANDS:
                return (arg,)
            break
    return () if not any(arg in COMMANDS for arg in argv) else None


def build_parser(only: tuple[str, ...] | None = None) -> argparse.ArgumentParser:
    """The argument parser with every available subcommand.

    Args:
        only: The subcommands to build in full (None: all), for :func:`main`, which knows
            which one argv runs. When empty (``--help``, ``--version``), every subcommand is
            listed with its one-line help but gets no options; otherwise the others are bare
            names, which is all argparse needs to dispatch to one of ``only``. Building every
            subcommand's options and importing every command module was a fifth of the
            start-up of ``condiff check``.
    """
    parser = argparse.ArgumentParser(
        prog="condiff",
        description="Show exactly how a constitution changed between two versions, "
        "and which rights the new text takes away.",
        epilog=EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"condiff {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show full tracebacks for errors (for bug reports)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMANDS:
        if only and name not in only:
            # argv runs one of `only`, so this one is never shown: its name is all argparse
            # needs, and its module need not be imported
            sub.add_parser(name, add_help=False, formatter_class=_Formatter)
            continue
        module = _load(name)
        if module is None:
            continue
        examples = getattr(module, "EXAMPLES", "")
        p = sub.add_parser(
            name,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            epilog=f"examples:\n{examples}" if examples else None,
            formatter_class=_Formatter,
        )
        if only is not None and name not in only:
            continue
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show full tracebacks for errors")
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: object = None,
    line: str | None = None,
) -> None:
    print(f"condiff: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(_to_configure(argv))
    args = parser.parse_args(argv)
    debug = bool(getattr(args, "debug", False))
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    warnings.showwarning = _show_warning
    try:
        code = args._run(args)
        sys.stdout.flush()
        return int(code)
    except CondiffError as exc:
        if debug:
            raise
        print(f"condiff: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("condiff: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a message.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter exit quiet
        return 0
    except RecursionError:
        if debug:
            raise
        print("condiff: error: the input is nested too deeply to process.", file=sys.stderr)
        return 2
    except MemoryError:
        print("condiff: error: out of memory; the input is too large.", file=sys.stderr)
        return 2
    except Exception as exc:
        if debug:
            raise
        print(
            f"condiff: internal error: {type(exc).__name__}: {exc}. This is a bug in condiff; "
            "run again with --debug and report the traceback.",
            file=sys.stderr,
        )
        return 2
