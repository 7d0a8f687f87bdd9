"""Rules and notes through ``condiff.pipeline.compare`` (needs the real aligner)."""

from __future__ import annotations

from pathlib import Path

import pytest

from condiff.errors import CondiffError
from tests.test_rules_support import doc


def test_pipeline_runs_rules_and_attaches_notes(tmp_path: Path) -> None:
    pytest.importorskip("condiff.align", reason="the aligner (condiff.align) has not landed")
    from condiff.pipeline import compare

    old = doc("en", ("24", ["Work is free.", "The right to strike is recognised."]))
    new = doc("en", ("27", ["Work is free.", "Disputes are settled by law."]))
    notes = tmp_path / "notes.yaml"
    notes.write_text("condiff-notes: 1\nnotes:\n  - ref: old:24.2\n    text: Gone.\n"
                     "  - ref: new:99\n    text: Orphan.\n", encoding="utf-8")
    c = compare(old, new, notes=notes)
    strike = [f for f in c.findings if f.topic == "strike"]
    assert [f.kind for f in strike] == ["removed"]
    assert [n.text for n in strike[0].notes] == ["Gone."]
    assert len(c.notes) == 2
    assert any("new:99" in w for w in c.warnings)
    assert not [f for f in compare(old, new, disable_rules=["strike"]).findings
                if f.topic == "strike"]
    with pytest.raises(CondiffError):
        compare(old, new, disable_rules=["nonesuch"])
