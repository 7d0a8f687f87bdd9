"""``condiff review``: walk through every change of two versions in the terminal (Textual).

Reading and comparing happen here, before the UI starts, so every input error is the usual
one-line ``condiff: error`` and the app only ever sees a ready comparison. Textual is imported
inside :func:`run` only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..tui.app import ReviewApp

NAME = "review"
HELP = "review every change in the terminal, with removed rights highlighted (Textual UI)"
DESCRIPTION = """\
Open two versions of a constitution side by side in the terminal. The left panel lists every
article pair grouped by chapter (glyphs: · unchanged, ~ modified, # renumbered, ↕ moved,
< split, > merged, + added, - removed; ⚑ carries a rights finding). The centre shows the
redline (deleted words struck through in red, inserted words green, words that carried a
removed or weakened right highlighted with a badge naming the right); the right panel explains
each finding and holds your notes.

Keys (the same list as the ? screen inside the UI; ctrl+p opens the command palette with the
same actions):
{keys}

Notes are kept in a YAML sidecar (default: <new>.notes.yaml beside the new document, or
./condiff-notes.yaml for bundled documents). Every change is also written to
<notes>.autosave at once, so a crash loses nothing; the next start recovers it. A reference
may carry several notes. If someone changed the notes file meanwhile, ctrl+s writes nothing and
offers Reload (theirs with yours added), Keep mine (theirs kept in .bak) or Save as… a new file.
Without documents, the bundled sample pair (sample:2009 → sample:2026) opens.

With --history (a manifest, or three or more versions oldest first), the timeline of a
history opens instead: pick a provision to see it in every version with each step's redline,
pick a right to jump to the step where it changed; Enter opens a step in the review screen
above (every key works there, with that pair's notes file), b or Esc comes back."""


def _keys() -> str:
    # Built from the UI's own table (condiff.tui.keys imports no Textual) so --help can never
    # leave a key out again.
    from ..tui.keys import ACTIONS

    return "\n".join(f"  {(a.display or a.keys):<6} {a.help}" for a in ACTIONS)


DESCRIPTION = DESCRIPTION.format(keys=_keys())
EXAMPLES = """\
  condiff review                                    the bundled sample pair
  condiff review old.txt new.txt                    two plain-text versions
  condiff review old.yaml new.yaml --notes kz.notes.yaml
  condiff review old.md new.md --rules my-rules.yaml --disable-rule treatcon
  condiff review --history versions.yaml            the timeline of many versions
"""

SAMPLE_PAIR = ("sample:2009", "sample:2026")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from .labels import add_label_arguments
    from .parse import add_input_arguments, add_rule_arguments

    parser.add_argument("old", metavar="OLD", nargs="?", help="earlier version "
                        "(default: the bundled sample pair)")
    parser.add_argument("new", metavar="NEW", nargs="?", help="later version")
    parser.add_argument("--notes", metavar="FILE", default=None,
                        help="reviewer notes sidecar to load and save "
                        "(default: <new>.notes.yaml beside NEW)")
    add_rule_arguments(parser)
    add_label_arguments(parser)
    parser.add_argument("--author", metavar="NAME", default=None,
                        help="name put on new notes (default: $CONDIFF_AUTHOR or login name)")
    parser.add_argument("--history", metavar="VERSION", nargs="+", default=None,
                        help="open the timeline of a history: a manifest, or versions oldest "
                        "first (see 'condiff history --help')")
    add_input_arguments(parser)




def prepare(args: argparse.Namespace) -> ReviewApp:
    """Read the documents, start comparing them in the background, and build the app.

    Shared by :func:`run` and ``benchmarks/tui_speed.py`` so the benchmark times what users get.

    Raises:
        CondiffError: for unreadable inputs or notes, before any terminal takeover.
    """
    from ..errors import CondiffError

    if (args.old is None) != (args.new is None):
        raise CondiffError("give two documents (OLD and NEW), or none for the sample pair",
                           hint="Example: condiff review old.txt new.txt")
    old_name, new_name = (args.old, args.new) if args.old else SAMPLE_PAIR

    from ..read import is_bundled_name
    from ..tui.background import start_compare
    from .labels import label_documents
    from .parse import read_input

    old = read_input(args, old_name)
    new = read_input(args, new_name)
    old, new = label_documents(args, old, new)
    # Compare on another core while Textual starts; the UI shows a spinner until it is done.
    wait = start_compare(old, new, rule_files=args.rules, disable_rules=args.disable_rule)

    notes_path = args.notes
    if notes_path is None:
        if is_bundled_name(new_name) or not new.path:
            notes_path = "condiff-notes.yaml"  # never beside a bundled file in the package
        else:
            notes_path = str(Path(new.path).with_name(f"{Path(new.path).stem}.notes.yaml"))

    from ..tui.app import make_app

    return make_app(None, load=wait, notes_path=notes_path, author=args.author,
                    sources=[p for p in (old.path, new.path) if p],
                    loading_label=f"{old_name} → {new_name}")


def prepare_history(args: argparse.Namespace, names: list[str]) -> ReviewApp:
    """Compute a history and build its timeline app (shared with the tests).

    Raises:
        CondiffError: for bad input, before any terminal takeover.
    """
    import os

    from ..errors import CondiffError
    from ..tui.history_app import HistoryApp
    from .history import compute

    if getattr(args, "notes", None):
        raise CondiffError("--notes names the notes of one pair; in a history each step keeps "
                           "its own notes beside its new version",
                           hint="Leave out --notes with --history")
    history = compute(args, names, redlines=True)
    author = getattr(args, "author", None)
    if author is None:
        import getpass

        try:
            author = os.environ.get("CONDIFF_AUTHOR") or getpass.getuser()
        except (KeyError, OSError):
            author = ""
    return HistoryApp(history, author=author)


def run_history(args: argparse.Namespace, names: list[str]) -> int:
    """``condiff review --history …`` and ``condiff history … --review``."""
    from ..errors import CondiffError

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CondiffError("condiff review needs an interactive terminal",
                           hint="For a report use: condiff history VERSIONS --format md")
    app = prepare_history(args, names)
    try:
        app.run()
    finally:
        for session in getattr(app, "sessions", {}).values():
            if session.dirty:
                session.autosave()
                print(f"condiff: unsaved notes kept in {session.autosave_path}",
                      file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    from ..errors import CondiffError

    if args.history:
        if args.old is not None:
            raise CondiffError("give either OLD NEW or --history, not both",
                               hint="Example: condiff review --history versions.yaml")
        return run_history(args, list(args.history))
    if (args.old is None) != (args.new is None):
        raise CondiffError("give two documents (OLD and NEW), or none for the sample pair",
                           hint="Example: condiff review old.txt new.txt")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CondiffError("condiff review needs an interactive terminal",
                           hint="For a report use: condiff diff OLD NEW --format md")
    app = prepare(args)
    try:
        app.run()
    finally:
        if app.notes.dirty:
            app.notes.autosave()
            print(f"condiff: unsaved notes kept in {app.notes.autosave_path}", file=sys.stderr)
    for message in app.load_warnings:
        print(f"condiff: warning: {message}", file=sys.stderr)
    if app.failure is not None:
        raise app.failure
    return 0
