"""``condiff check``: the CI gate. Exit 1 when a new version takes away a right the policy protects.

Exit codes follow ``diff``: 0 nothing matches the policy, 1 something does, 2 an error (bad
input, bad policy, unwritable summary). Output is one line per violation and a one-line summary,
so a CI log says what failed without opening the report. ``--github`` adds GitHub workflow
annotations and appends the Markdown report to the job summary.

This module imports only the standard library at import time and, inside ``run``, only what a
check needs: no TUI, no Markdown parser (the Markdown report is written without one).
"""

from __future__ import annotations

import argparse
import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from ..model import Comparison, Document, Finding
    from ..policy import Policy

NAME = "check"
HELP = "CI gate: exit 1 if the new version removes or weakens a protected right"
DESCRIPTION = """\
Compare two versions and fail (exit 1) when a rights finding matches the policy: by default any
right removed or weakened, a restriction added, or oversight removed. Prints one line per
violation and a summary line; exit 0 when nothing matches, 2 on an error (like diff).

The policy comes from .condiff.yaml in the working directory when present (or --policy FILE);
--fail-on, --topics and --min-severity override it for this run. See docs/reports.md.

A text in a language no rule pack covers is an error (exit 2), never a silent pass: add a pack
with --rules FILE, or pass --allow-uncovered to run the gate on the redline alone."""
EXAMPLES = """\
  condiff check old.txt new.txt                              default policy (or .condiff.yaml)
  condiff check old.txt new.txt --fail-on removed            fail only if a right disappears
  condiff check old.txt new.txt --topics strike,treatcon     watch these Constitute topics only
  condiff check old.txt new.txt --min-severity high          ignore low and medium findings
  condiff check sample:2009 sample:2026 --fail-on all        the bundled sample pair
  condiff check old.yaml new.yaml --github                   in GitHub Actions: annotations and
                                                             the report in the job summary
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from .labels import add_label_arguments
    from .parse import add_input_arguments, add_rule_arguments

    parser.add_argument("old", metavar="OLD", help="the earlier version (file or bundled name)")
    parser.add_argument("new", metavar="NEW", help="the later version (file or bundled name)")
    parser.add_argument(
        "--fail-on", metavar="KINDS", default=None,
        help="comma-separated finding kinds that fail the check: removed, added, weakened, "
        "strengthened, moved, restriction-added, oversight-removed, or all "
        "(default: removed,weakened,restriction-added,oversight-removed)")
    parser.add_argument("--topics", metavar="KEYS", default=None,
                        help="comma-separated topic keys to watch, e.g. strike,treatcon "
                        "(default: all topics)")
    parser.add_argument("--min-severity", metavar="LEVEL", default=None,
                        help="lowest severity that fails: info, low, medium, high, critical "
                        "(default: info)")
    parser.add_argument("--policy", metavar="FILE", default=None,
                        help="policy file (default: .condiff.yaml in the working directory, "
                        "if present)")
    parser.add_argument("--allow-uncovered", action="store_true",
                        help="run the gate even when no rule pack covers the texts' language "
                        "(their rights are then not checked); without it that is exit 2")
    parser.add_argument("--github", action="store_true",
                        help="emit GitHub Actions error annotations and append the Markdown "
                        "report to $GITHUB_STEP_SUMMARY when it is set")
    add_rule_arguments(parser)
    add_label_arguments(parser)
    parser.add_argument("--notes", metavar="FILE", default=None,
                        help="reviewer-notes file to attach to the findings and the report")
    add_input_arguments(parser)


def build_policy(args: argparse.Namespace) -> Policy:
    """The policy file (explicit, or .condiff.yaml when present) overridden by the options."""
    from dataclasses import replace

    from ..policy import (
        default_policy,
        load_policy,
        parse_kinds,
        parse_severity,
        parse_topics,
        resolve_topics,
        split_list,
    )

    policy = load_policy(args.policy) if args.policy else default_policy()
    if args.fail_on is not None:
        policy = replace(policy, fail_on=parse_kinds(split_list(args.fail_on)),
                         source="command line")
    where = f"topics in {policy.source}"
    if args.topics is not None:
        policy = replace(policy, topics=parse_topics(split_list(args.topics)))
        where = "--topics"
    if args.min_severity is not None:
        policy = replace(policy, min_severity=parse_severity(args.min_severity))
    policy = replace(
        policy,
        rule_files=policy.rule_files + tuple(args.rules),
        disable_rules=policy.disable_rules + tuple(args.disable_rule),
        allow_uncovered=policy.allow_uncovered or args.allow_uncovered,
    )
    return resolve_topics(policy, where=where)


def where(comparison: Comparison, finding: Finding) -> str:
    """``Art. 24(3) → Art. 27(3)``; ``—`` stands for a side without a provision."""
    from ..render.cite import cite_all

    return f"{cite_all(comparison.old, finding.old)} → {cite_all(comparison.new, finding.new)}"


def describe(finding: Finding) -> str:
    """``right to strike removed [strike, high]``."""
    from ..render.cite import one_line

    title = one_line(finding.title or finding.topic)
    if title[:1].isupper() and title[1:2].islower():
        title = title[0].lower() + title[1:]  # "Right to strike" but not "NGO funding"
    kind = finding.kind.replace("-", " ")
    return f"{title} {kind} [{one_line(finding.topic)}, {one_line(finding.severity)}]"


def violation_line(comparison: Comparison, finding: Finding) -> str:
    """The one line ``condiff check`` prints for a violation."""
    line = f"{where(comparison, finding)}: {describe(finding)}"
    # GitHub reads any log line starting with "::" as a workflow command.
    return " " + line if line.startswith("::") else line


def summary_line(comparison: Comparison, found: list[Finding], policy: Policy) -> str:
    """The gate's one-line verdict."""
    from collections import Counter

    from ..model import FINDING_KINDS

    total = len(comparison.findings)
    if not found and comparison.unchecked_languages:
        from ..rules import language_name

        names = " and ".join(map(language_name, comparison.unchecked_languages))
        return (f"condiff check: no violations, but rights not checked: no rule pack covers "
                f"{names} (--allow-uncovered)")
    if not found:
        return (f"condiff check: no violations ({total} finding{'s' * (total != 1)}, none "
                f"matches the policy: {policy.describe()})")
    kinds = Counter(f.kind for f in found)
    order = {k: i for i, k in enumerate(FINDING_KINDS)}
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(),
                                                     key=lambda kv: order.get(kv[0], 99)))
    n = len(found)
    return (f"condiff check: {n} violation{'s' * (n != 1)} ({detail}) among {total} "
            f"finding{'s' * (total != 1)}; policy: {policy.describe()}")


def gh_escape_data(text: str) -> str:
    """Escape a workflow-command message the way GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_escape_property(text: str) -> str:
    """Escape a workflow-command property value (``file=``, ``title=``)."""
    return gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _workspace_path(name: str) -> str:
    """The input as GitHub expects it: relative to the checkout; "" for bundled names and for
    files outside the checkout (such as the base version extracted to a temporary folder)."""
    if not os.path.isfile(name):
        return ""
    workspace = os.environ.get("GITHUB_WORKSPACE", "")
    if os.path.isabs(name) and workspace:
        rel = os.path.relpath(name, workspace)
        return "" if rel.startswith("..") else rel
    return name


def annotation(comparison: Comparison, finding: Finding, old_name: str, new_name: str) -> str:
    """A GitHub ``::error`` annotation pointing at the provision (new file first, else old)."""
    from ..render.cite import line_of, one_line

    props: list[str] = []
    location: tuple[str, int] | None = None
    for doc, refs, name in ((comparison.new, finding.new, new_name),
                            (comparison.old, finding.old, old_name)):
        path = _workspace_path(name)
        if path and refs:
            location = (path, line_of(doc, refs[0]))
            break
    if location is not None:
        props.append(f"file={gh_escape_property(location[0])}")
        if location[1]:
            props.append(f"line={location[1]}")
    title = f"condiff: {describe(finding)}"
    props.append(f"title={gh_escape_property(title)}")
    message = f"{where(comparison, finding)}: {describe(finding)}"
    if finding.annotation:
        message += "\n" + one_line(finding.annotation)
    return f"::error {','.join(props)}::{gh_escape_data(message)}"


def write_step_summary(path: str, text: str, inputs: list[str]) -> None:
    """Append ``text`` to the GitHub job summary file (it is append-only by design)."""
    from ..errors import CondiffError
    from ..io import same_file

    for source in inputs:
        if source and os.path.exists(path) and same_file(path, source):
            raise CondiffError("refusing to append the job summary to an input file",
                               path=path, hint="Check $GITHUB_STEP_SUMMARY")
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text if text.endswith("\n") else text + "\n")
    except OSError as exc:
        raise CondiffError(f"cannot append to the job summary: {exc.strerror or exc}",
                           path=path, hint="Check $GITHUB_STEP_SUMMARY") from None


#: GitHub refuses job summaries over 1 MiB per step; stay clear of it.
SUMMARY_LIMIT = 1_000_000


def fit_summary(report: str, limit: int = SUMMARY_LIMIT) -> str:
    """The report, cut before the concordance and the redlines when it is too big for GitHub.

    The verdict, the summary and the rights findings come first in the report, so they survive.
    """
    if len(report.encode("utf-8")) <= limit:
        return report
    note = ("\n*The concordance and the article-by-article redline are left out here: the "
            "report is larger than GitHub's job-summary limit. Run `condiff diff OLD NEW "
            "--format md` for the full report.*\n")
    head = report.split("\n## Concordance\n", 1)[0]
    budget = limit - len(note.encode("utf-8")) - 1
    if len(head.encode("utf-8")) > budget:
        head = head.encode("utf-8")[:budget].decode("utf-8", "ignore")
        head = head[: head.rfind("\n\n") + 1] if "\n\n" in head else head
    return head.rstrip("\n") + "\n" + note


def _inputs(*docs: Document) -> list[str]:
    return [d.path for d in docs if d.path]


def refuse_uncovered(old: Document, new: Document, policy: Policy) -> None:
    """Stop the gate when no rule pack covers the texts' language: "no violations" would
    then mean only that nothing was looked at.

    Raises:
        CondiffError: naming the language and how to add a pack (exit 2).
    """
    from ..errors import CondiffError
    from ..rules import language_name, load_registry, uncovered
    from ..rules.blocks import guess_language

    registry = load_registry(policy.rule_files, policy.disable_rules)
    missing = uncovered(registry.active(), [guess_language(old), guess_language(new)])
    if missing:
        names = " and ".join(map(language_name, missing))
        raise CondiffError(
            f"no rule pack covers {names}, so the rights of these texts cannot be checked",
            hint="Add a pack for it with --rules FILE (docs/rules.md, 'Adding a language'), "
            "or pass --allow-uncovered to run the gate without rights findings")


def run(args: argparse.Namespace) -> int:
    from ..pipeline import compare
    from ..policy import violations
    from .labels import label_documents
    from .parse import read_input

    policy = build_policy(args)
    old = read_input(args, args.old)
    new = read_input(args, args.new)
    old, new = label_documents(args, old, new)
    if not policy.allow_uncovered:
        refuse_uncovered(old, new, policy)
    # The verdict needs findings, not redlines: each redline is made only if the step
    # summary's report reads it.
    comparison = compare(old, new, rule_files=policy.rule_files,
                         disable_rules=policy.disable_rules, notes=args.notes, redlines=False)
    found = violations(comparison, policy)
    lines = [violation_line(comparison, f) for f in found]
    summary = summary_line(comparison, found, policy)
    if args.github:
        lines += [annotation(comparison, f, args.old, args.new) for f in found]
        target = os.environ.get("GITHUB_STEP_SUMMARY", "")
        if target:
            from ..render.markdown import escape, render

            report = render(comparison)
            inputs = _inputs(old, new) + ([args.notes] if args.notes else [])
            text = fit_summary(f"{escape(summary)}\n\n{report}")
            write_step_summary(target, text + "\n", inputs)
    lines.append(summary)
    print("\n".join(lines))
    return 1 if found else 0
