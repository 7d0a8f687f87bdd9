"""The compact, lazily made redline that paragraph pairs hold (``condiff.redline.Redline``)."""

from __future__ import annotations

import pickle
import warnings
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import condiff.redline as redline_module
from condiff.cli import main
from condiff.errors import CondiffWarning
from condiff.pipeline import compare
from condiff.read import read_document
from condiff.redline import Redline, new_text, old_text, redline_status

TEXT = st.text(st.sampled_from("ab ,\n\u202eé"), max_size=40)


@given(TEXT, TEXT)
def test_reads_as_the_ops_it_replaces(old: str, new: str) -> None:
    lazy = Redline(old, new)
    ops, _ = redline_status(old, new)
    assert tuple(lazy) == ops and lazy == ops and len(lazy) == len(ops)
    assert old_text(lazy) == old and new_text(lazy) == new
    assert bool(lazy) == bool(ops)
    if ops:
        assert lazy[0] == ops[0] and lazy[-1] == ops[-1] and lazy[1:] == ops[1:]
    assert hash(lazy) == hash(ops)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every redline diff-match-patch is asked to make, as (old, new)."""
    made: list[tuple[str, str]] = []
    real = redline_module.redline_status

    def counting(old: str, new: str, *, timeout: float = 2.0) -> Any:
        made.append((old, new))
        return real(old, new, timeout=timeout)

    monkeypatch.setattr(redline_module, "redline_status", counting)
    return made


def test_made_once_on_first_read(calls: list[tuple[str, str]]) -> None:
    lazy = Redline("the right to strike", "the right to work")
    assert calls == []
    assert list(lazy) == list(lazy)
    assert len(calls) == 1


def test_survives_pickling_before_and_after_it_is_made() -> None:
    lazy = Redline("a b c", "a c d")
    fresh = pickle.loads(pickle.dumps(lazy))
    assert fresh == lazy
    tuple(lazy)
    made = pickle.loads(pickle.dumps(lazy))
    assert tuple(made) == tuple(lazy)


def test_late_redline_over_budget_warns_naming_the_articles() -> None:
    old = " ".join(f"a{i % 997} b{(i * 7) % 1009}" for i in range(20000))
    new = " ".join(f"a{(i * 3) % 991} b{(i * 5) % 1013}" for i in range(20000))
    lazy = Redline(old, new, timeout=0.001, where="Art. 7 → Art. 9")
    with pytest.warns(CondiffWarning, match=r"Art\. 7 → Art\. 9: word diff exceeded"):
        ops = tuple(lazy)
    assert old_text(ops) == old and new_text(ops) == new
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tuple(lazy)  # said once, when it was made


def test_compare_without_redlines_gives_the_same_redlines_when_read() -> None:
    old, new = read_document("sample:2009"), read_document("sample:2026")
    eager = compare(old, new, rules=False)
    lazy = compare(old, new, rules=False, redlines=False)
    assert [[tuple(p.ops) for p in a.paragraphs] for a in eager.alignment] == \
        [[tuple(p.ops) for p in a.paragraphs] for a in lazy.alignment]


def test_check_makes_no_redline(calls: list[tuple[str, str]],
                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "sample:2009", "sample:2026"]) == 1
    assert "strike" in capsys.readouterr().out
    assert calls == []
    assert main(["diff", "sample:2009", "sample:2026", "--format", "json"]) == 1
    assert calls
