"""The rule engine's work grows linearly with the number of articles.

Many articles sharing a small vocabulary (every article carries the same rights) once made the
rules stage quadratic: each article pair scanned every carrier block of the topic, and every
mention. Timing would be flaky, so this counts work instead: every attribute read of a text
block the engine makes, for n and 2n articles. Linear work doubles; the old shape quadrupled
(measured ratio 2.8 at 80 → 160 articles, growing with n).
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from condiff.align import align_documents
from condiff.model import Comparison, Document, Provision, finalize
from condiff.rules import apply_rules, blocks, index

WORDS = ("everyone", "has", "the", "right", "to", "strike", "freedom", "of", "expression", "as",
         "provided", "by", "law", "shall", "may", "citizens", "court", "no", "one", "be",
         "deprived", "liberty", "guarantees")


def document(n: int, *, changed: bool) -> Document:
    """``n`` articles of two paragraphs drawn from :data:`WORDS`; the changed version drops
    "strike" from every third article."""
    rng = random.Random(7)
    units = []
    for i in range(1, n + 1):
        paragraphs = []
        for _ in range(2):
            words = [rng.choice(WORDS) for _ in range(24)]
            if changed and i % 3 == 0:
                words = [w for w in words if w != "strike"]
            paragraphs.append(" ".join(words) + ".")
        kids = tuple(Provision(kind="paragraph", label=str(k + 1), text=t)
                     for k, t in enumerate(paragraphs))
        units.append(Provision(kind="article", label=str(i), children=kids))
    return finalize(Document(title="t", language="en", provisions=tuple(units)))


def block_reads(n: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """Attribute reads of blocks by the rules stage for ``n`` articles."""
    old, new = document(n, changed=False), document(n, changed=True)
    alignment, _ = align_documents(old, new)
    reads = [0]

    class CountingBlock(index.Block):
        def __getattribute__(self, name: str) -> Any:
            reads[0] += 1
            return super().__getattribute__(name)

    with monkeypatch.context() as patch:
        patch.setattr(blocks, "Block", CountingBlock)
        apply_rules(Comparison(old=old, new=new, alignment=alignment))
    return reads[0]


def test_rules_work_grows_linearly_with_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    small = block_reads(100, monkeypatch)
    large = block_reads(200, monkeypatch)
    # The fixture must exercise the engine: many reads per article, not a skipped stage.
    assert small > 100 * 100
    assert large / small < 2.4, f"rules work {small} → {large} for 100 → 200 articles"
