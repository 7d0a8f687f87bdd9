"""``condiff history``: many versions of one constitution, each provision's lineage, each right's
timeline."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..history import History, Options

NAME = "history"
HELP = "compare many versions in order: each provision's lineage, each right's timeline"
DESCRIPTION = """\
Compare versions of one constitution in the order given (oldest first): each consecutive pair
is compared exactly as 'condiff diff' compares it, and the steps are chained so that every
provision gets its path through all versions (renumbered, moved, split, merged, repealed,
re-inserted) and every right its timeline: where each version carries it, and the step where it
was added, weakened, strengthened, moved or removed, with that step's evidence.

Versions are files or bundled names, or one YAML manifest listing them (paths relative to the
manifest; see docs/history.md):

  versions:
    - {path: constitution-1978.txt, label: "1978", date: 1978-12-29}
    - {path: constitution-1992.txt, label: "1992", date: 1992-08-27}

Output formats: text (tables and step summaries), md and html (the same, with each step's full
redline), json (condiff.history/1, each step a condiff.diff/1 object). --provision 24 shows one
provision in every version with the redline of each step. Steps run in parallel (--jobs).
Exit codes: 0 nothing changed in any step, 1 something changed, 2 error."""
EXAMPLES = """\
  condiff history v1978.txt v1992.txt v2011.txt       three versions, oldest first
  condiff history versions.yaml                       the versions a manifest lists
  condiff history versions.yaml --provision 135       one article through every version
  condiff history versions.yaml --provision 1992:13.2 a paragraph, found in version 1992
  condiff history versions.yaml --format md -o h.md   timeline report with every redline
  condiff history versions.yaml --format json         condiff.history/1 for other tools
  condiff history versions.yaml --review              the timeline in the review UI
"""

#: CLI format name → module under ``condiff.render``.
FORMATS: dict[str, str] = {
    "text": "history_text",
    "md": "history_markdown",
    "html": "history_html",
    "json": "history_json",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from .parse import add_input_arguments, add_rule_arguments

    parser.add_argument("versions", metavar="VERSION", nargs="+",
                        help="two or more versions oldest first (files or bundled names), or "
                        "one YAML manifest listing them")
    parser.add_argument("--format", "-f", choices=tuple(FORMATS), default="text",
                        help="text (default); md: Markdown report; html: HTML report; "
                        "json: condiff.history/1")
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="write to OUT (atomically) instead of standard output")
    parser.add_argument("--provision", metavar="REF", default=None,
                        help="show one provision in every version and the redline of each "
                        "step: 24, 24.3, or LABEL:24 to find it in version LABEL")
    parser.add_argument("--all", action="store_true",
                        help="also list provisions unchanged in every step and rights no step "
                        "changed")
    parser.add_argument("--jobs", "-j", metavar="N", type=int, default=None,
                        help="steps compared in parallel (default: every available core when "
                        "the steps are long enough to gain from it; 1: one after another)")
    parser.add_argument("--mixed-languages", action="store_true",
                        help="accept consecutive versions in different languages as "
                        "structure-only steps (articles paired by number; no redline, no "
                        "findings); refused otherwise")
    parser.add_argument("--review", action="store_true",
                        help="open the timeline in the review UI instead of printing")
    parser.add_argument("--no-color", action="store_true",
                        help="no colours in the text output (also when NO_COLOR is set)")
    parser.add_argument("--no-rules", action="store_true",
                        help="do not run the rights rules (lineages and redlines only)")
    add_rule_arguments(parser)
    parser.add_argument("--diff-timeout", metavar="SECONDS", type=float, default=2.0,
                        help="time budget of the word diff of one paragraph pair (default: 2)")
    parser.add_argument("--timestamp", action="store_true",
                        help="add the generation time (UTC) to md/html/json output")
    add_input_arguments(parser)


def options_from(args: argparse.Namespace, *, redlines: bool) -> Options:
    """The step options the arguments ask for."""
    from ..history import Options

    # `condiff review --history` shares this without the options only `history` has.
    return Options(rules=not getattr(args, "no_rules", False), rule_files=tuple(args.rules),
                   disable_rules=tuple(args.disable_rule),
                   diff_timeout=getattr(args, "diff_timeout", 2.0), redlines=redlines,
                   mixed_languages=getattr(args, "mixed_languages", False))


def _progress(done: int, total: int) -> None:
    """``step 2/5 compared`` on a terminal's stderr, overwritten in place, cleared at the end."""
    import sys

    if total < 3:  # over before anyone would read it
        return
    end = "\r\x1b[K" if done == total else "\r"
    sys.stderr.write(f"\rcondiff: step {done}/{total} compared{end}")
    sys.stderr.flush()


def compute(args: argparse.Namespace, names: list[str], *, redlines: bool) -> History:
    """Read the versions and compute the history (shared with ``condiff review --history``).

    Raises:
        CondiffError: for bad input, before anything is printed.
    """
    import sys
    from functools import partial

    from ..errors import CondiffError
    from ..history import load_history
    from ..read import read_document
    from .parse import limit_from

    jobs = getattr(args, "jobs", None)
    if jobs is not None and jobs < 1:
        raise CondiffError(f"--jobs must be 1 or more, not {jobs}",
                           hint="Leave it out to use every available core")
    reader = partial(read_document, format=args.input_format, profile=args.profile,
                     limit=limit_from(args))
    # Only a person watching a terminal wants to know how far a long history has got.
    progress = _progress if sys.stderr.isatty() else None
    return load_history(names, options=options_from(args, redlines=redlines), jobs=jobs,
                        reader=reader, progress=progress)


def run(args: argparse.Namespace) -> int:
    import importlib
    import os
    import sys
    import warnings

    from ..errors import CondiffError, CondiffWarning
    from ..io import emit

    if args.provision is not None and args.format == "json":
        raise CondiffError("--provision prints text, md or html, not json",
                           hint="The JSON history holds every provision's lineage: use "
                           "--format json without --provision")
    if args.review:
        from .review import run_history

        code: int = run_history(args, list(args.versions))
        return code
    # Only the reports show every redline; the text tables and --provision read few or none,
    # and those are made when read.
    redlines = args.format != "text" and args.provision is None
    history = compute(args, list(args.versions), redlines=redlines)
    for message in history.warnings:
        warnings.warn(message, CondiffWarning, stacklevel=1)
    color = (args.format == "text" and not args.no_color and not os.environ.get("NO_COLOR")
             and not (args.output and args.output != "-") and sys.stdout.isatty())
    renderer = importlib.import_module(f"condiff.render.{FORMATS[args.format]}")
    if args.provision is not None:
        from ..history.provision import find_provision

        found = find_provision(history, args.provision)
        text: str = renderer.render_provision(history, found, color=color)
    else:
        options: dict[str, object] = {"color": color, "unchanged": args.all}
        if args.timestamp:
            options["timestamp"] = True
        text = renderer.render(history, **options)
    inputs = [v.document.path for v in history.versions if v.document.path]
    emit(text, args.output, inputs=[*inputs, *args.versions])
    return 1 if history.changed else 0
