"""Histories of real constitutions (read from ``../shared/corpora-raw``; skipped when absent).

Spain 1978 → 1992 → 2011 → 2024: three single-article reforms (13.2, 135, 49) and nothing else.
Chile 1980 → 2005 → 2012 → 2018: the 2005 reform ends the senators who sat by right (former
presidents, for life) or by designation; the amparo article (21) never changes. Mexico 1917 →
2011 → 2025: the 2011 reform renames Chapter I and rewrites article 1 on human rights and
treaties. English and Spanish series: the rights timelines agree with their steps' findings,
and a step is what ``condiff diff`` says of its pair.
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from condiff.history import History, load_history
from condiff.history.provision import find_provision

from .conftest import raw_path

pytestmark = pytest.mark.corpora

SPAIN = ("spain-1978-es", "spain-1978-rev1992-es", "spain-1978-rev2011-es",
         "spain-1978-rev2024-es")
CHILE = ("chile-1980-es", "chile-1980-rev2005-es", "chile-1980-rev2012-es",
         "chile-1980-rev2018-es")
MEXICO = ("mexico-1917-es", "mexico-1917-rev2011-es", "mexico-1917-rev2025-es")
ENGLISH = {
    "switzerland": ("switzerland-1874-en", "switzerland-1999-en", "switzerland-1999-rev2002-en"),
    "germany": ("germany-1949-rev2012-en", "germany-1949-rev2014-en"),
    "kazakhstan": ("kazakhstan-1995-rev1998-en", "kazakhstan-1995-rev2017-en"),
}


@cache
def _history(names: tuple[str, ...]) -> History:
    return load_history([str(raw_path(f"{n}.txt")) for n in names], jobs=1)


def history(names: tuple[str, ...]) -> History:
    for n in names:
        raw_path(f"{n}.txt")  # skips with the reason when a text is absent
    return _history(names)


def _lineage(h: History, version: int, label: str):  # type: ignore[no-untyped-def]
    return next(lin for lin in h.lineages if lin.labels[version] == label)


def _changed_steps(lin) -> list[int]:  # type: ignore[no-untyped-def]
    return [e.step for e in lin.events if e.kind != "unchanged"]


def test_spain_three_reforms_and_nothing_else() -> None:
    h = history(SPAIN)
    changed = {lin.labels[0]: _changed_steps(lin) for lin in h.lineages if lin.changed}
    assert changed == {"13": [0], "135": [1], "49": [2]}
    for lin in h.lineages:
        assert len(set(lin.labels)) == 1 and None not in lin.labels, lin.labels
        for e in lin.events:
            assert e.kind in ("unchanged", "modified")
    assert all(not s.structure for s in h.steps)
    # 13.2 is the paragraph that changed in 1992, and only then.
    para = find_provision(h, "13.2")
    assert para.paragraph and all(refs == ("13.2",) for refs in para.refs)
    kinds = [[pp.kind for pp in s.paragraphs] for s in para.steps]
    assert kinds == [["modified"], ["unchanged"], ["unchanged"]]


def test_chile_2005_senate_and_amparo() -> None:
    h = history(CHILE)
    senate = _lineage(h, 0, "45")
    assert senate.labels[1] == "49" and senate.events[0].kind == "modified"
    pair = h.steps[0].comparison.alignment[senate.events[0].pair]  # type: ignore[index]
    removed = {pp.old: "".join(t for op, t in pp.ops if op == "-")
               for pp in pair.paragraphs if pp.old and pp.old.startswith("45.")}
    # Former presidents sat for life; other senators were designated by the President.
    for_life = [ref for ref, text in removed.items() if "ex Presidentes" in text
                and "vitalicio" in text]
    designated = [ref for ref, text in removed.items()
                  if "designado" in text and "Presidente de la República" in text]
    assert for_life and designated, removed.keys()
    new_text = "".join(t for pp in pair.paragraphs for op, t in pp.ops if op != "-")
    assert "vitalicio" not in new_text and "ex Presidentes" not in new_text
    # The step is exactly what compare() (so `condiff diff`) gives for the pair, rights and all.
    from condiff.pipeline import compare

    assert h.steps[0].comparison == compare(h.versions[0].document, h.versions[1].document)
    amparo = _lineage(h, 0, "21")
    assert amparo.labels == ("21", "21", "21", "21")
    assert [e.kind for e in amparo.events] == ["unchanged"] * 3


def test_mexico_2011_chapter_one_and_article_one() -> None:
    h = history(MEXICO)
    retitled = [x for x in h.steps[0].structure
                if x.kind == "retitled" and x.container == "chapter" and x.old_label == "I"]
    assert len(retitled) == 1
    (chapter,) = retitled
    assert "Garantías Individuales" in chapter.old_heading
    assert "Derechos Humanos" in chapter.new_heading
    first = next(lin for lin in h.lineages if lin.labels[0] == "1o" and lin.labels[1] == "1o")
    event = first.events[0]
    assert event.kind in ("modified", "merged")
    pair = h.steps[0].comparison.alignment[event.pair]  # type: ignore[index]
    inserted = " ".join(t for pp in pair.paragraphs for op, t in pp.ops if op == "+")
    assert "derechos humanos" in inserted and "tratados internacionales" in inserted
    # The same article in the 2025 step.
    assert first.labels[2] == "1o"


SERIES = {**ENGLISH, "spain-es": SPAIN, "chile-es": CHILE}


@pytest.mark.parametrize("series", sorted(SERIES))
def test_rights_timelines_agree_with_their_steps(series: str) -> None:
    """English and Spanish series: every unit in one lineage, every version's rights known
    (both languages have packs), and a cell empties or fills exactly where a step says so."""
    h = history(SERIES[series])
    for v, version in enumerate(h.versions):
        held = sorted(lin.ids[v] for lin in h.lineages if lin.ids[v] is not None)
        assert held == sorted(u.id for u in version.document.units())
    assert h.rights, "the packs carry something in every constitution"
    for right in h.rights:
        assert all(cell is not None for cell in right.carried)  # both languages are covered
        for step in h.steps:
            before, after = right.carried[step.old], right.carried[step.new]
            found = {h.finding(e).kind for e in right.events if e.step == step.index}
            if before == () and after:
                assert found & {"added", "strengthened"}, (right.topic, step.index)
            if before and after == ():
                assert found & {"removed", "weakened"}, (right.topic, step.index)


def test_step_equals_condiff_diff_on_a_real_pair(capsys: pytest.CaptureFixture[str]) -> None:
    from condiff.cli import main

    names = [str(raw_path(f"{n}.txt")) for n in ENGLISH["kazakhstan"]]
    main(["history", *names, "--format", "json"])
    step = json.loads(capsys.readouterr().out)["steps"][0]
    main(["diff", *names, "--format", "json"])
    diff = json.loads(capsys.readouterr().out)
    assert step["alignment"] == diff["alignment"]
    assert step["findings"] == diff["findings"]
    assert step["warnings"] == diff["warnings"]
    assert any(f["kind"] != "moved" for f in step["findings"])
