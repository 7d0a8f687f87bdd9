"""History reports: Markdown (the diff report's checks), HTML anchors, the condiff.history/1
JSON and its schema, and that each step of the JSON is ``condiff diff`` of its pair."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource

from condiff.cli import main
from condiff.history import History, load_history
from condiff.history.provision import find_provision
from condiff.render import history_html, history_json, history_markdown, history_text
from condiff.render.schema import load

from .report_helpers import HOSTILE, assert_golden, headings, parser, section, tables, walk
from .test_history import FIXTURES, MANIFEST, lorvan

H2 = ["Summary", "Rights over time", "Provisions over time", "Warnings", "Steps", "Redlines"]


def _parse(text: str):  # type: ignore[no-untyped-def]
    return parser().parse(text)


def _slugs(tokens) -> set[str]:  # type: ignore[no-untyped-def]
    from condiff.render.html import slug

    return {slug(text) for _, text in headings(tokens)}


def _inert(tokens) -> None:  # type: ignore[no-untyped-def]
    """The diff report's safety check, except that links to the report's own headings are
    allowed (and must land on a heading)."""
    kinds = {t.type for t in walk(tokens)}
    assert not kinds & {"html_inline", "html_block"}, kinds
    assert "image" not in kinds and "code_inline" not in kinds
    targets = _slugs(tokens)
    for tok in walk(tokens):
        if tok.type == "link_open":
            href = str(tok.attrGet("href"))
            assert href.startswith("#") and href[1:] in targets, href


def _rectangular(tokens) -> None:  # type: ignore[no-untyped-def]
    for table in tables(tokens):
        assert len({len(row) for row in table}) == 1, table


def test_markdown_layout() -> None:
    h = lorvan()
    text = history_markdown.render(h)
    tokens = _parse(text)
    _inert(tokens)
    _rectangular(tokens)
    heads = headings(tokens)
    assert heads[0] == ("h1", "History: Constitution of the Republic of Lorvan")
    assert [t for tag, t in heads if tag == "h2"] == [x for x in H2 if x != "Warnings"]
    h3 = [t for tag, t in heads if tag == "h3"]
    assert [t for t in h3 if t.startswith("Step ")] == ["Step 1", "Step 2", "Step 3"]
    assert [t for t in h3 if t.startswith("Redline of")] == [
        "Redline of step 1", "Redline of step 2", "Redline of step 3"]
    rights = tables(section(tokens, "Rights over time"))[0]
    assert rights[0] == ["Right", "2001", "2008", "2015", "2022"]
    strike = next(row for row in rights if row[0].startswith("Right to strike"))
    assert strike[1:] == ["5.3", "5.3", "— ✗ removed", "5.3 + added"]
    provisions = tables(section(tokens, "Provisions over time"))[0]
    assert provisions[0] == ["2001", "2008", "2015", "2022"]
    assert ["10", "11 #", "— -", "13 ↺"] in provisions
    assert ["8", "8 ✝", "8", "8 ↺"] in provisions


def test_markdown_step_redline_is_the_diff_report_of_the_pair() -> None:
    """A step's redline section holds the diff report's concordance and article sections (as
    ``condiff diff --only-changed`` writes them; ``--all`` adds the unchanged ones)."""
    from condiff.render.markdown import render as diff_report

    h = lorvan()
    text = history_markdown.render(h)
    step = h.steps[1]
    own = diff_report(step.comparison, unchanged=False)
    article = own.split("## Article by article\n\n", 1)[1]
    # The diff report's article headings are one level deeper in the history report.
    for block in article.split("\n### ")[1:]:
        assert "\n#### " + block.split("\n", 1)[0] in text
    concordance = own.split("## Concordance\n\n", 1)[1].split("\n\n", 1)[0]
    assert concordance in text


def test_markdown_hostile_text_stays_text(tmp_path: Path) -> None:
    base = (FIXTURES / "lorvan-2001.yaml").read_text(encoding="utf-8")
    hostile = json.dumps(HOSTILE)
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(base.replace("title: Constitution of the Republic of Lorvan",
                                f"title: {hostile}"), encoding="utf-8")
    new.write_text(base.replace("The capital of Lorvan is the city of Essery.", hostile[1:-1])
                   .replace('label: "11"', 'label: "11 | <b>*"'), encoding="utf-8")
    manifest = tmp_path / "versions.yaml"
    manifest.write_text('versions:\n  - {path: old.yaml, label: "a | <i>b</i> *"}\n'
                        '  - {path: new.yaml, label: "[x](javascript:y)"}\n', encoding="utf-8")
    h = load_history([str(manifest)], jobs=1)
    tokens = _parse(history_markdown.render(h, unchanged=True))
    _inert(tokens)
    _rectangular(tokens)
    rights = tables(section(tokens, "Rights over time"))[0]
    assert rights[0][1:] == ["a | <i>b</i> *", "[x](javascript:y)"]
    page = history_html.render(h)
    assert "<script>" not in page and "javascript:y\"" not in page


def test_html_links_land_on_headings() -> None:
    page = history_html.render(lorvan())
    ids = set(re.findall(r'id="([^"]+)"', page))
    hrefs = set(re.findall(r'href="#([^"]+)"', page))
    assert hrefs and hrefs <= ids
    assert {"step-1", "redline-of-step-1", "rights-over-time"} <= ids
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page


def test_golden_reports() -> None:
    h = lorvan()
    # The text names the files in its `condiff diff` lines: relative to the project, so the
    # golden file does not depend on where the project is checked out.
    root = str(FIXTURES.parent.parent.parent) + "/"
    assert_golden("history-lorvan.md", history_markdown.render(h).replace(root, ""))
    assert_golden("history-lorvan.txt", history_text.render(h).replace(root, ""))


def test_provision_reports() -> None:
    h = lorvan()
    found = find_provision(h, "2008:11")
    text = history_text.render_provision(h, found)
    assert text.startswith("Provision 2008:11: changes over time (4 versions)")
    assert "Step 2: 2008 → 2015: removed" in text and "Step 3: 2015 → 2022: reinserted" in text
    tokens = _parse(history_markdown.render_provision(h, found))
    _inert(tokens)
    assert tables(tokens)[0][1:] == [["2001", "2001-05-01", "10"], ["2008", "2008-09-12", "11"],
                                     ["2015", "2015-03-30", "—"], ["2022", "2022-06-18", "13"]]


def test_deterministic_and_timestamp() -> None:
    h = lorvan()
    assert history_markdown.render(h) == history_markdown.render(lorvan(jobs=2))
    assert "Generated" not in history_markdown.render(h)
    assert "*Generated 2026-01-02T03:04:05Z by condiff.*" in history_markdown.render(
        h, timestamp="2026-01-02T03:04:05Z")
    data = json.loads(history_json.render(h, timestamp=True))
    assert re.match(r"\d{4}-\d\d-\d\dT", data["generated"])


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------


def _validator() -> jsonschema.Draft202012Validator:
    diff, hist = load("condiff.diff/1"), load("condiff.history/1")
    jsonschema.Draft202012Validator.check_schema(hist)
    registry: Registry[Any] = Registry().with_resources(
        [(s["$id"], Resource.from_contents(s)) for s in (diff, hist)])
    return jsonschema.Draft202012Validator(hist, registry=registry)


def _history_json(h: History) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(history_json.render(h))
    return data


def test_json_validates_and_bad_variants_do_not() -> None:
    v = _validator()
    data = _history_json(lorvan())
    v.validate(data)
    assert data["schema"] == "condiff.history/1"
    assert [x["label"] for x in data["versions"]] == ["2001", "2008", "2015", "2022"]
    assert len(data["steps"]) == 3 and len(data["lineages"]) == len(lorvan().lineages)
    broken: list[dict[str, Any]] = []
    for path, value in ((["steps", 0, "alignment", 0, "kind"], "teleported"),
                        (["steps", 0, "findings"], [{"topic": 1}]),
                        (["lineages", 0, "events", 0, "kind"], "vanished"),
                        (["rights", 0, "carried"], "5.3"),
                        (["versions"], [{"label": "only"}]),
                        (["steps", 0, "old"], -1)):
        bad = copy.deepcopy(data)
        target: Any = bad
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        broken.append(bad)
    for bad in broken:
        assert not v.is_valid(bad)


def test_json_of_the_sample_validates() -> None:
    h = load_history(["sample:2009", "sample:2026"], jobs=1)
    data = _history_json(h)
    _validator().validate(data)
    strike = next(r for r in data["rights"] if r["topic"] == "strike")
    assert strike["carried"] == [["24.3"], []]
    assert [(e["step"], e["kind"]) for e in strike["events"]] == [(0, "removed")]


def test_each_step_equals_condiff_diff_of_the_pair(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", str(MANIFEST), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    files = sorted(FIXTURES.glob("lorvan-*.yaml"))
    for k, step in enumerate(data["steps"]):
        assert main(["diff", str(files[k]), str(files[k + 1]), "--format", "json"]) == 1
        diff = json.loads(capsys.readouterr().out)
        assert step["alignment"] == diff["alignment"]
        assert step["findings"] == diff["findings"]
        assert step["warnings"] == diff["warnings"]
        for key in ("title", "version", "date", "language"):
            assert data["versions"][step["old"]][key] == diff["old"][key]
            assert data["versions"][step["new"]][key] == diff["new"][key]


def test_cli_reports_deterministic(tmp_path: Path) -> None:
    for fmt in ("md", "html", "json"):
        outs = [tmp_path / f"h{i}.{fmt}" for i in (1, 2)]
        for i, out in enumerate(outs, start=1):
            assert main(["history", str(MANIFEST), "-f", fmt, "-o", str(out),
                         "-j", str(i)]) == 1
        assert outs[0].read_bytes() == outs[1].read_bytes()
