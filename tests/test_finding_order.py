"""One table of finding kinds (``condiff.model.FINDING_KIND_TABLE``): the engine, the CI
policy, the Markdown report, the text and JSON outputs, the review UI and the JSON Schema all
list findings in its order (most severe first, then by kind), so a reader never meets the same
findings in two orders."""

from __future__ import annotations

import json
import re
from functools import lru_cache

import pytest

from condiff.model import (
    FINDING_KIND,
    FINDING_KIND_TABLE,
    FINDING_KINDS,
    REASONS,
    SEVERITIES,
    Comparison,
    Finding,
    finding_order,
)
from condiff.policy import DEFAULT_FAIL_ON, sort_findings
from condiff.read import read_document
from condiff.render import json as render_json
from condiff.render import markdown, text
from condiff.render.schema import load, shipped
from tests.conftest import raw_path
from tests.test_rules_support import compare

_HEADING = re.compile(r"^### \d+\. (.*): ([a-z ]+) \((\w+)\)$")


def _markdown_order(c: Comparison) -> list[tuple[str, str]]:
    out = []
    for line in markdown.render(c).splitlines():
        m = _HEADING.match(line)
        if m:
            out.append((m.group(1), m.group(2).replace(" ", "-")))
    return out


def _text_order(c: Comparison) -> list[tuple[str, str]]:
    lines = text.render(c, color=False).splitlines()
    at = next(i for i, line in enumerate(lines) if line.endswith("rights findings:"))
    out = []
    for line in lines[at + 1:at + 1 + len(c.findings)]:
        title, rest = line.strip().rsplit(": ", 1)
        out.append((title, rest.split(" [", 1)[0]))
    return out


def _json_order(c: Comparison) -> list[tuple[str, str]]:
    data = json.loads(render_json.render(c))
    return [(f["title"], f["kind"]) for f in data["findings"]]


@lru_cache(maxsize=2)
def _pair(old: str, new: str) -> Comparison:
    return compare(read_document(old), read_document(new))


def _check_orders(c: Comparison) -> None:
    assert c.findings, "the pair must give findings for this test to mean anything"
    engine = [(f.title, f.kind) for f in c.findings]
    assert [(f.title, f.kind) for f in sort_findings(c.findings)] == engine
    assert _json_order(c) == engine
    assert _markdown_order(c) == engine
    assert _text_order(c) == engine
    keys = [finding_order(f) for f in c.findings]
    assert keys == sorted(keys)


def test_sample_pair_lists_findings_in_one_order() -> None:
    _check_orders(_pair("sample:2009", "sample:2026"))


@pytest.mark.corpora
def test_kazakhstan_lists_findings_in_one_order() -> None:
    old = raw_path("kazakhstan-1995-rev2022-ru.txt")
    new = raw_path("kazakhstan-2026-ru.txt")
    _check_orders(_pair(str(old), str(new)))


def test_the_review_header_counts_kinds_in_table_order() -> None:
    pytest.importorskip("textual")
    from condiff.tui.review_model import ReviewModel
    from condiff.tui.widgets.summary import summary_text

    c = _pair("sample:2009", "sample:2026")
    shown = summary_text(ReviewModel(c)).plain.split("   ", 1)[1]  # after the article counts
    places = []
    for kind in FINDING_KINDS:
        n = sum(f.kind == kind for f in c.findings)
        if n:
            spec = FINDING_KIND[kind]
            places.append(shown.index(f"{n} {spec.one if n == 1 else spec.many}"))
    assert len(places) > 2 and places == sorted(places)


def test_schema_reads_the_table_and_the_shipped_file_agrees() -> None:
    for schema in (load(), shipped()):
        finding = schema["$defs"]["finding"]["properties"]
        assert finding["kind"]["enum"] == list(FINDING_KINDS)
        assert finding["reasons"]["items"]["enum"] == list(REASONS)
        assert finding["severity"]["enum"] == list(SEVERITIES)


def test_table_defaults_drive_the_engine_and_the_gate() -> None:
    from condiff.rules.context import make_finding
    from condiff.rules.packs import Rule

    rule = Rule(id="x", title="X", category="c", severity="high")
    for kind in FINDING_KIND_TABLE:
        f = make_finding(rule, kind.name)
        assert f.confidence == kind.confidence
        expected = "info" if kind.severity_steps is None else SEVERITIES[
            SEVERITIES.index("high") - kind.severity_steps]
        assert f.severity == expected
    assert set(DEFAULT_FAIL_ON) == {k.name for k in FINDING_KIND_TABLE
                                    if k.effect in ("loss", "cut")}


def test_sorting_keeps_the_engine_order_within_a_kind() -> None:
    def f(kind: str, severity: str, topic: str) -> Finding:
        return Finding(topic=topic, title=topic, kind=kind, severity=severity, confidence=0.5)

    given = [f("added", "info", "a"), f("weakened", "medium", "b"), f("removed", "medium", "c"),
             f("restriction-added", "medium", "d"), f("weakened", "medium", "e")]
    assert [x.topic for x in sort_findings(given)] == ["c", "b", "e", "d", "a"]
