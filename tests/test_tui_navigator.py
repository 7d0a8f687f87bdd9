"""The article list's chapter labels: distinct at 80 columns and up, whatever the structure
(a removed article of an old chapter between two articles of a new one; two chapters with the
same number and heading in different parts)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rich.text import Text

import condiff
from condiff.model import Comparison
from condiff.read import parse_string
from condiff.render.chapters import group_labels
from condiff.tui.app import make_app
from condiff.tui.review_model import ReviewModel
from condiff.tui.widgets.navigator import Navigator

OLD = """\
title: Charter of Velm
version: "1990"
provisions:
  - kind: part
    label: "1"
    children:
      - kind: chapter
        label: "1"
        heading: General provisions
        children:
          - {kind: article, label: "1", text: Velm is a republic of free citizens.}
          - {kind: article, label: "2", text: The capital of Velm is the town of Orrin.}
      - kind: chapter
        label: "2"
        heading: Courts
        children:
          - {kind: article, label: "3", text: Judges are independent and obey only the law.}
          - {kind: article, label: "4", text: Military tribunals try soldiers in wartime only.}
  - kind: part
    label: "2"
    children:
      - kind: chapter
        label: "1"
        heading: General provisions
        children:
          - {kind: article, label: "5", text: This charter enters into force on adoption.}
          - {kind: article, label: "6", text: Earlier laws remain in force unless contrary.}
"""
NEW = """\
title: Charter of Velm
version: "2020"
provisions:
  - kind: part
    label: "1"
    children:
      - kind: chapter
        label: "1"
        heading: General provisions
        children:
          - {kind: article, label: "1", text: Velm is a republic of free citizens.}
          - {kind: article, label: "2", text: The capital of Velm is the town of Orrin.}
      - kind: chapter
        label: "2"
        heading: Justice
        children:
          - {kind: article, label: "3", text: Judges are independent and obey only the law.}
          - {kind: article, label: "4", text: Hearings are public unless a statute says otherwise.}
  - kind: part
    label: "2"
    children:
      - kind: chapter
        label: "1"
        heading: General provisions
        children:
          - {kind: article, label: "5", text: This charter enters into force on adoption.}
          - {kind: article, label: "6", text: Earlier laws remain in force unless contrary.}
"""


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return condiff.compare(parse_string(OLD, "yaml"), parse_string(NEW, "yaml"), rules=False)


def _runs(labels: list[str]) -> list[str]:
    return [label for n, label in enumerate(labels) if label and (n == 0 or labels[n - 1] != label)]


def test_every_run_has_its_own_label(comparison: Comparison) -> None:
    model = ReviewModel(comparison)
    runs = _runs([e.group for e in model.entries])
    assert runs == [
        "Part 1 › Chapter 1 · General provisions",
        "Chapter 2 · Justice",
        "old Chapter 2 · Courts",
        "Chapter 2 (cont.) · Justice",
        "Part 2 › Chapter 1 · General provisions",
    ]
    assert len(set(runs)) == len(runs)
    # The report groups its article-by-article section with the same function.
    order = list(range(len(comparison.alignment)))
    assert len(set(_runs(group_labels(comparison, order)))) == len(_runs(
        group_labels(comparison, order)))


@pytest.mark.parametrize("width", [80, 140])
def test_labels_distinct_as_shown(comparison: Comparison, tmp_path: Path, width: int) -> None:
    app = make_app(comparison, notes_path=tmp_path / "n.yaml", author="T")

    async def drive() -> None:
        async with app.run_test(size=(width, 30)) as pilot:
            await pilot.pause()
            nav = app.main.query_one(Navigator)
            room = nav.scrollable_content_region.width
            shown = []
            for option in nav.options:
                if option.disabled:
                    prompt = option.prompt
                    assert isinstance(prompt, Text)
                    cut = prompt.copy()
                    cut.truncate(room, overflow="ellipsis")
                    shown.append(cut.plain)
            assert len(shown) == 5 and len(set(shown)) == len(shown), shown
            assert any(s.startswith("old ") for s in shown)

    asyncio.run(drive())


@pytest.mark.corpora
def test_kazakhstan_chapters_distinct() -> None:
    from tests.conftest import raw_path

    c = condiff.compare(condiff.load(raw_path("kazakhstan-1995-rev2022-ru.txt")),
                        condiff.load(raw_path("kazakhstan-2026-ru.txt")), rules=False)
    runs = _runs([e.group for e in ReviewModel(c).entries])
    assert len(set(runs)) == len(runs)
    # At the narrowest list (80 columns: 22 cells of text) they still differ.
    assert len({r[:21] for r in runs}) == len(runs)
