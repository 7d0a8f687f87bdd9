"""The bundled sample pair: the aligner reproduces the whole concordance of expected.yaml."""

from __future__ import annotations

from typing import Any

import pytest

from condiff.align import align_documents
from condiff.model import ArticlePair
from condiff.read import read_document


def _expected() -> dict[str, Any]:
    try:
        from condiff.corpora import expected_path, load_expected
    except ImportError:
        pytest.skip("condiff.corpora (the bundled sample) is not there")
    if not expected_path("sample").is_file():
        pytest.skip("corpora/sample/expected.yaml is not there")
    return load_expected("sample")


@pytest.fixture(scope="module")
def alignment() -> tuple[ArticlePair, ...]:
    _expected()
    old, new = read_document("sample:2009"), read_document("sample:2026")
    pairs, warnings = align_documents(old, new)
    assert warnings == []
    return pairs


def _key(old: Any, new: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(str(x) for x in old), tuple(str(x) for x in new)


def test_every_expected_entry_is_found(alignment: tuple[ArticlePair, ...]) -> None:
    expected = {_key(e["old"], e["new"]) for e in _expected()["alignment"]}
    found = {(p.old, p.new) for p in alignment}
    assert sorted(expected - found) == []
    assert sorted(found - expected) == []


def test_kinds_agree(alignment: tuple[ArticlePair, ...]) -> None:
    kinds = {(p.old, p.new): p.kind for p in alignment}
    wrong = [(e["old"], e["new"], e["kind"], kinds.get(_key(e["old"], e["new"])))
             for e in _expected()["alignment"]
             if kinds.get(_key(e["old"], e["new"])) != e["kind"]]
    assert wrong == []


def test_order_follows_the_expected_file(alignment: tuple[ArticlePair, ...]) -> None:
    expected = [_key(e["old"], e["new"]) for e in _expected()["alignment"]]
    assert [(p.old, p.new) for p in alignment] == expected


def test_moved_paragraph_entry_names_its_units_as_secondary(
        alignment: tuple[ArticlePair, ...]) -> None:
    moved = [p for p in alignment if p.secondary_old_ids or p.secondary_new_ids]
    expected = [_key(e["old"], e["new"]) for e in _expected()["alignment"] if e["secondary"]]
    assert [(p.old, p.new) for p in moved] == expected
    for p in moved:
        assert p.secondary_old_ids == p.old_ids and p.secondary_new_ids == p.new_ids
        (pp,) = p.paragraphs
        assert pp.old_id and pp.new_id
