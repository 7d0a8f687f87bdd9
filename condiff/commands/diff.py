"""``condiff diff``: redline two versions article by article, or write the JSON contract."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Comparison

NAME = "diff"
HELP = "align two versions article by article and redline every change word by word"
DESCRIPTION = """\
Pair the articles of two versions by what they say (not by their numbers), then show each pair
with its word-level changes: deletions and insertions marked, article headers with old → new
labels and the kind of change (unchanged, modified, renumbered, moved, split, merged, added,
removed). Rights findings from the rule packs are listed first unless --no-rules.

Output formats: text (terminal redline; coloured on a terminal, [-deleted-]{+inserted+}
markers otherwise or with --no-color), json (the condiff.diff/1 contract for other tools), md
and html (change reports), akn (the new version as Akoma Ntoso 3.0, each change listed as a
textualMod pointing at old and new eIds), docx (a Word document whose redline is real tracked
changes a lawyer can accept or reject, with the rights findings as comments). Exit codes
follow diff: 0 no differences, 1 differences, 2 error."""
EXAMPLES = """\
  condiff diff sample:2009 sample:2026                 redline the bundled sample pair
  condiff diff old.txt new.txt --only-changed          skip unchanged articles and paragraphs
  condiff diff old.txt new.txt --format json -o d.json the machine-readable contract
  condiff diff old.yaml new.yaml --no-color | less     plain [-deleted-]{+inserted+} markers
  condiff diff old.md new.md --format html -o r.html   an HTML change report
  condiff diff old.txt new.txt --no-rules              the redline only, no rights findings
  condiff diff old.txt new.txt -f docx -o redline.docx Word with tracked changes and comments
  condiff diff old.akn.xml new.akn.xml -f akn -o n.xml Akoma Ntoso with passive modifications
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from ..render import FORMATS
    from .labels import add_label_arguments
    from .parse import add_input_arguments, add_rule_arguments

    parser.add_argument("old", metavar="OLD", help="the earlier version (file or bundled name)")
    parser.add_argument("new", metavar="NEW", help="the later version (file or bundled name)")
    parser.add_argument("--format", "-f", choices=tuple(FORMATS), default="text",
                        help="text: terminal redline (default); json: condiff.diff/1; "
                        "md: Markdown report; html: HTML report; akn: the new version as Akoma "
                        "Ntoso with the changes as passive modifications; docx: Word document "
                        "with tracked changes (needs -o)")
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="write to OUT (atomically) instead of standard output")
    parser.add_argument("--no-color", action="store_true",
                        help="plain [-deleted-]{+inserted+} markers even on a terminal "
                        "(also when NO_COLOR is set)")
    parser.add_argument("--only-changed", action="store_true",
                        help="leave out unchanged articles and paragraphs")
    parser.add_argument("--no-rules", action="store_true",
                        help="do not run the rights rules (redline only)")
    add_rule_arguments(parser)
    add_label_arguments(parser)
    parser.add_argument("--notes", metavar="FILE", default=None,
                        help="reviewer-notes file to attach")
    parser.add_argument("--diff-timeout", metavar="SECONDS", type=float, default=2.0,
                        help="time budget of the word diff of one paragraph pair; past it a "
                        "coarser diff is shown with a warning (default: 2; 0: no limit)")
    parser.add_argument("--timestamp", action="store_true",
                        help="add the generation time (UTC) to md/html/json reports; off by "
                        "default so the same inputs give byte-identical output")
    add_input_arguments(parser)


def has_differences(comparison: Comparison) -> bool:
    """Whether anything differs (the exit status of ``diff``)."""
    return any(
        a.kind != "unchanged" or any(p.kind != "unchanged" for p in a.paragraphs)
        for a in comparison.alignment
    )


def use_color(args: argparse.Namespace) -> bool:
    """Colour only for the text format on a terminal, unless refused."""
    import os
    import sys

    if args.format != "text" or args.no_color or os.environ.get("NO_COLOR"):
        return False
    if args.output and args.output != "-":
        return False
    return sys.stdout.isatty()


def run(args: argparse.Namespace) -> int:
    import importlib
    import warnings

    from ..errors import CondiffError, CondiffWarning
    from ..io import emit
    from ..pipeline import compare
    from ..render import FORMATS
    from .labels import label_documents
    from .parse import read_input

    old = read_input(args, args.old)
    new = read_input(args, args.new)
    old, new = label_documents(args, old, new)
    try:
        renderer = importlib.import_module(f"condiff.render.{FORMATS[args.format]}")
    except ModuleNotFoundError as exc:
        raise CondiffError(f"the {args.format} format is not available in this build ({exc})",
                           hint="Use --format text or --format json") from None
    comparison = compare(
        old, new, rules=not args.no_rules, rule_files=args.rules,
        disable_rules=args.disable_rule, notes=args.notes, diff_timeout=args.diff_timeout,
    )
    for message in comparison.warnings:
        warnings.warn(message, CondiffWarning, stacklevel=1)
    options: dict[str, object] = {"color": use_color(args)}
    if args.only_changed:
        # Only when asked: each renderer keeps its own default (reports hide unchanged
        # articles already, the redline and the JSON show everything).
        options["unchanged"] = False
    if args.timestamp:
        options["timestamp"] = True
    inputs = [p for p in (old.path, new.path) if p]
    result: str | bytes = renderer.render(comparison, **options)
    if isinstance(result, bytes):
        emit_binary(result, args.output, inputs=inputs, what=args.format)
    else:
        emit(result, args.output, inputs=inputs)
    return 1 if has_differences(comparison) else 0


def emit_binary(data: bytes, output: str | None, *, inputs: list[str], what: str) -> None:
    """Write a binary report (Word) to ``-o`` atomically, or to a pipe; never to a terminal."""
    import sys

    from ..errors import CondiffError
    from ..io import write_atomic

    if output and output != "-":
        write_atomic(output, data, inputs=inputs)
        return
    if sys.stdout.isatty():
        raise CondiffError(f"the {what} format is a binary file and is not shown on a terminal",
                           hint=f"Write it to a file with -o report.{what}")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
