"""The CI gate's policy: which rights findings make ``condiff check`` fail.

A policy is three filters over the findings of a comparison: the finding kinds that fail the
build (``removed``, ``weakened`` …), the topics that matter (``strike``, ``treatcon`` …; empty
means all) and the lowest severity that counts. A repository keeps its policy in
``.condiff.yaml`` so every pull request is judged the same way; command-line options override it
for one run. The file is validated strictly, with ``file:line`` and a hint for every mistake,
because a typo in a CI policy that silently disables the gate is worse than no gate.

``.condiff.yaml``::

    condiff-policy: 1                 # optional format version
    fail-on: [removed, weakened, oversight-removed]
    topics: [strike, treatcon]        # optional; all topics when absent
    min-severity: medium              # optional; info when absent
    rules: [rules/extra.yaml]         # optional extra rule packs, relative to this file
    disable-rules: [express]          # optional topic keys to switch off
    allow-uncovered: false            # optional; true lets texts no rule pack covers pass
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # ``typing.Any`` only for the checker: ``condiff check`` starts without typing
    from typing import Any

from .errors import CondiffError
from .model import FINDING_KINDS, SEVERITIES, Comparison, Finding, finding_order

#: The policy file ``condiff check`` reads from the working directory when present.
DEFAULT_FILE = ".condiff.yaml"
#: Kinds that fail the gate unless the policy says otherwise: a right taken away or cut down.
DEFAULT_FAIL_ON: tuple[str, ...] = ("removed", "weakened", "restriction-added", "oversight-removed")
_KEYS = ("condiff-policy", "fail-on", "topics", "min-severity", "rules", "disable-rules",
         "allow-uncovered")
_HINT = "See docs/reports.md (section 'Policy file') for the format"


@dataclass(frozen=True)
class Policy:
    """Which findings fail the gate.

    Attributes:
        fail_on: Finding kinds that count as violations.
        topics: Topic keys that count; empty means every topic.
        min_severity: Lowest severity that counts (one of :data:`~condiff.model.SEVERITIES`).
        rule_files: Extra rule packs to load (paths as given, already resolved against the
            policy file's folder).
        disable_rules: Topic keys whose rules are switched off.
        allow_uncovered: Let the gate run on texts in a language no rule pack covers (their
            rights are then not checked); by default that is an error, never a silent pass.
        source: Where the policy came from ("defaults", ".condiff.yaml", "command line").
    """

    fail_on: tuple[str, ...] = DEFAULT_FAIL_ON
    topics: tuple[str, ...] = ()
    min_severity: str = "info"
    rule_files: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()
    allow_uncovered: bool = False
    source: str = "defaults"

    def describe(self) -> str:
        """One line for the gate's summary: what fails."""
        text = "fail on " + ", ".join(self.fail_on)
        if self.topics:
            text += "; topics " + ", ".join(self.topics)
        if self.min_severity != SEVERITIES[0]:
            text += f"; severity >= {self.min_severity}"
        return text


def _suggest(value: str, choices: Sequence[str]) -> str:
    import difflib  # only for a mistake's "did you mean"

    close = difflib.get_close_matches(value, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse_kinds(values: Iterable[str], *, where: str = "--fail-on", path: str | None = None,
                line: int | None = None) -> tuple[str, ...]:
    """Validate finding kinds; ``all`` stands for every kind.

    Raises:
        CondiffError: naming the bad kind, the valid ones and the closest match.
    """
    out: list[str] = []
    for raw in values:
        kind = raw.strip().lower()
        if not kind:
            continue
        if kind == "all":
            out.extend(k for k in FINDING_KINDS if k not in out)
            continue
        if kind not in FINDING_KINDS:
            raise CondiffError(
                f"unknown finding kind {raw.strip()!r} in {where}{_suggest(kind, FINDING_KINDS)}",
                path=path, line=line, hint="Choose from: all, " + ", ".join(FINDING_KINDS),
            )
        if kind not in out:
            out.append(kind)
    if not out:
        raise CondiffError(f"{where} names no finding kind", path=path, line=line,
                           hint="Give at least one of: all, " + ", ".join(FINDING_KINDS))
    return tuple(out)


def parse_severity(value: str, *, where: str = "--min-severity", path: str | None = None,
                   line: int | None = None) -> str:
    """Validate a severity level.

    Raises:
        CondiffError: naming the valid levels.
    """
    level = value.strip().lower()
    if level not in SEVERITIES:
        raise CondiffError(
            f"unknown severity {value.strip()!r} in {where}{_suggest(level, SEVERITIES)}",
            path=path, line=line, hint="Choose from: " + ", ".join(SEVERITIES),
        )
    return level


def parse_topics(values: Iterable[str], *, where: str = "--topics", path: str | None = None,
                 line: int | None = None) -> tuple[str, ...]:
    """Validate topic keys (lower-case words such as ``strike``, ``treatcon``)."""
    out: list[str] = []
    for raw in values:
        topic = raw.strip()
        if not topic:
            continue
        if any(ch.isspace() or ch in ",:" for ch in topic):
            raise CondiffError(f"{topic!r} in {where} is not a topic key", path=path, line=line,
                               hint="Topic keys are single words such as strike, treatcon")
        if topic not in out:
            out.append(topic)
    return tuple(out)


def split_list(text: str) -> list[str]:
    """``"removed, weakened"`` → ``["removed", "weakened"]`` (the CLI's comma lists)."""
    return [part for part in (p.strip() for p in text.split(",")) if part]


def _strings(node: Any, path: str, key: str) -> tuple[list[str], int]:
    import yaml

    from .safe_yaml import node_error, scalar

    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return split_list(scalar(node, path, key, _HINT)), line
    if not isinstance(node, yaml.SequenceNode):
        raise node_error(f"{key} must be a list of words, found a mapping", path, node, _HINT)
    return [scalar(item, path, f"an entry of {key}", _HINT) for item in node.value], line


def load_policy(path: str | os.PathLike[str]) -> Policy:
    """Read and validate a policy file.

    Raises:
        CondiffError: with ``file:line`` for a missing file, bad YAML, an unknown key, an
            unknown kind or severity, or a rule pack that does not exist.
    """
    import yaml

    from .safe_yaml import mapping, node_error, prescan, scalar

    shown = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CondiffError("policy file not found", path=shown,
                           hint="Check the --policy path, or drop the option") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CondiffError(f"cannot read the policy file: {exc}", path=shown) from None
    prescan(text, shown)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:  # pragma: no cover - prescan reports these first
        raise CondiffError(f"invalid YAML: {exc.problem}", path=shown) from None
    if root is None:
        return Policy(source=shown)
    fields = mapping(root, shown, "the policy", _KEYS, _HINT)
    policy = Policy(source=shown)
    if "condiff-policy" in fields:
        node = fields["condiff-policy"]
        if scalar(node, shown, "condiff-policy", _HINT) != "1":
            raise node_error("unsupported policy format version", shown, node,
                       "This condiff reads 'condiff-policy: 1'")
    if "fail-on" in fields:
        values, line = _strings(fields["fail-on"], shown, "fail-on")
        policy = replace(policy, fail_on=parse_kinds(values, where="fail-on", path=shown,
                                                     line=line))
    if "topics" in fields:
        values, line = _strings(fields["topics"], shown, "topics")
        policy = replace(policy, topics=parse_topics(values, where="topics", path=shown,
                                                     line=line))
    if "min-severity" in fields:
        node = fields["min-severity"]
        policy = replace(policy, min_severity=parse_severity(
            scalar(node, shown, "min-severity", _HINT), where="min-severity", path=shown,
            line=node.start_mark.line + 1))
    if "rules" in fields:
        values, line = _strings(fields["rules"], shown, "rules")
        folder = Path(path).parent
        files = []
        for value in values:
            candidate = folder / value
            if not candidate.is_file():
                raise CondiffError(f"rule pack {value!r} not found (looked in {folder or '.'})",
                                   path=shown, line=line,
                                   hint="Paths in the policy file are relative to it")
            files.append(str(candidate))
        policy = replace(policy, rule_files=tuple(files))
    if "disable-rules" in fields:
        values, line = _strings(fields["disable-rules"], shown, "disable-rules")
        policy = replace(policy, disable_rules=parse_topics(values, where="disable-rules",
                                                            path=shown, line=line))
    if "allow-uncovered" in fields:
        node = fields["allow-uncovered"]
        value = scalar(node, shown, "allow-uncovered", _HINT).strip().lower()
        if value not in ("true", "false", "yes", "no"):
            raise node_error("allow-uncovered must be true or false", shown, node, _HINT)
        policy = replace(policy, allow_uncovered=value in ("true", "yes"))
    return policy


def resolve_topics(policy: Policy, *, where: str = "--topics") -> Policy:
    """Check the policy's topics against the rules that will run; aliases become rule ids.

    A misspelt topic would make the gate pass forever, so it is an error, with the closest
    known key suggested.

    Raises:
        CondiffError: for a topic no bundled or extra rule pack defines.
    """
    if not policy.topics:
        return policy
    from .rules import load_registry

    registry = load_registry(policy.rule_files)
    known = sorted({rule.id for rule in registry})
    resolved: list[str] = []
    for topic in policy.topics:
        rule = registry.resolve(topic)
        if rule is None:
            raise CondiffError(
                f"no rule has the topic {topic!r} ({where}){_suggest(topic, known)}",
                hint="List the topic keys with: condiff rules list",
            )
        if rule.id not in resolved:
            resolved.append(rule.id)
    return replace(policy, topics=tuple(resolved))


def default_policy(folder: str | os.PathLike[str] = ".") -> Policy:
    """The policy in ``folder/.condiff.yaml`` when that file exists, else the defaults."""
    candidate = Path(folder) / DEFAULT_FILE
    return load_policy(candidate) if candidate.is_file() else Policy()


_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first; then in the order of :data:`~condiff.model.FINDING_KIND_TABLE`;
    otherwise the rule engine's order (the sort is stable)."""
    return sorted(findings, key=finding_order)


def matches(finding: Finding, policy: Policy) -> bool:
    """Whether one finding violates the policy."""
    return (
        finding.kind in policy.fail_on
        and (not policy.topics or finding.topic in policy.topics)
        and _RANK.get(finding.severity, -1) >= _RANK[policy.min_severity]
    )


def violations(comparison: Comparison, policy: Policy) -> list[Finding]:
    """The findings of ``comparison`` that violate ``policy``, most severe first."""
    return sort_findings(f for f in comparison.findings if matches(f, policy))
