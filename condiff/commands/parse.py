"""``condiff parse``: read one document and show its structure, or convert it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Document

NAME = "parse"
HELP = "read one constitution and print its outline, or convert it (YAML, JSON, Akoma Ntoso)"
DESCRIPTION = """\
Read a constitution (YAML, Markdown, plain text or Akoma Ntoso XML) and print the counts of
provisions per kind and the outline of labels and headings, so you can check that condiff
understood the structure before comparing. With --format yaml it converts the input to
condiff's canonical YAML, the format to fix by hand when a messy text was parsed wrongly; with
--format akn to Akoma Ntoso 3.0 XML (OASIS LegalDocML), valid against the OASIS schema.

When the article numbers read have gaps, repeats or numbers out of order (most often a heading
not recognised), condiff warns on stderr naming the numbers; --strict makes that an error."""
EXAMPLES = """\
  condiff parse constitution.txt                     outline: counts and article labels
  condiff parse sample:2009                          a bundled document
  condiff parse old.txt --format yaml -o old.yaml    convert to canonical YAML (atomic write)
  condiff parse old.txt --format akn -o old.akn.xml  convert to Akoma Ntoso 3.0
  condiff parse act.akn.xml                          read Akoma Ntoso (or LegalDocML.de)
  condiff parse draft.txt --profile my-profile.yaml  use your own heading patterns
"""


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Options every command that reads documents shares."""
    parser.add_argument("--input-format", choices=("yaml", "markdown", "text", "akn"), default=None,
                        help="format of the inputs (default: by extension, else detected)")
    parser.add_argument("--profile", metavar="FILE.yaml", default=None,
                        help="heading profile for plain text (default: detected from the text)")
    parser.add_argument("--max-size", metavar="MB", type=float, default=None,
                        help="largest input accepted, in MB (default: 20)")
    parser.add_argument("--strict", action="store_true",
                        help="stop (exit 2) when an input's article numbering has gaps, "
                        "repeats or numbers out of order, instead of warning")


def add_rule_arguments(parser: argparse.ArgumentParser) -> None:
    """--rules and --disable-rule, for every command that runs the rights rules."""
    parser.add_argument("--rules", metavar="FILE", action="append", default=[],
                        help="extra rule pack (YAML, see docs/rules.md); repeatable")
    parser.add_argument("--disable-rule", metavar="KEY", action="append", default=[],
                        help="switch off the rule with this topic key (see 'condiff rules "
                        "list'); repeatable")


def limit_from(args: argparse.Namespace) -> int | None:
    """The --max-size option in bytes, or None for the default."""
    mb = getattr(args, "max_size", None)
    return int(mb * 1024 * 1024) if mb else None


def read_input(args: argparse.Namespace, name: str) -> Document:
    """Read one input with the shared options (--input-format, --profile, --max-size).

    A reader warns when the article numbering has gaps, repeats or numbers out of order
    (headings it may not have recognised); with --strict that is an error instead.

    Raises:
        CondiffError: for an unreadable input, or a numbering issue under --strict.
    """
    import warnings

    from ..errors import CondiffError
    from ..read import read_document
    from ..read.numbering import NumberingWarning, describe

    strict = bool(getattr(args, "strict", False))
    with warnings.catch_warnings():
        if strict:
            warnings.simplefilter("ignore", NumberingWarning)
        doc = read_document(name, format=args.input_format, profile=args.profile,
                            limit=limit_from(args))
    if strict and doc.numbering:
        raise CondiffError(describe(doc.numbering), path=doc.path or name,
                           hint="Check how it was read with 'condiff parse'; without --strict "
                           "this is only a warning")
    return doc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="constitution file, or a bundled name")
    parser.add_argument("--format", "-f", choices=("tree", "yaml", "json", "akn"), default="tree",
                        help="tree: counts and outline (default); yaml: canonical YAML; "
                        "json: the same as JSON; akn: Akoma Ntoso 3.0 XML")
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="write to OUT (atomically) instead of standard output")
    add_input_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ..io import emit

    doc = read_input(args, args.file)
    if args.format == "yaml":
        from ..read.yaml_format import dump_yaml

        text = dump_yaml(doc)
    elif args.format == "json":
        import json

        from ..read.yaml_format import document_to_dict

        text = json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "akn":
        from ..render.akn import document_xml

        text = document_xml(doc)
    else:
        from ..render.outline import outline

        text = outline(doc)
    emit(text, args.output, inputs=[doc.path] if doc.path else [])
    return 0
