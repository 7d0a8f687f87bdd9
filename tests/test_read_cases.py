"""Reader cases, data-driven: each ``tests/fixtures/read/<case>.txt`` is read as plain text and
its outline compared with ``<case>.yaml`` (as markdown-it-py and bluebell test their parsers).

One case per heading shape the plain-text reader must handle. The texts are written for these
tests (imaginary republics), never taken from a real constitution. A case file holds:

``description``
    What the case shows.
``outline``
    Every unit in document order, as ``kind label`` ("preamble", "article 12",
    "transitional Primera").
``headings`` (optional)
    Unit label → its heading, for the units whose heading matters.
``texts`` (optional)
    Unit label → the words its text (its own and its paragraphs') starts with.
``repealed`` (optional)
    Labels of the units read as repealed placeholders (no text).
``absent`` (optional)
    Words no unit's text may contain (page furniture, front matter, a series heading).
``numbering`` (optional, default none)
    The numbering issues the reader must report, as ``kind series label,label``.
``language`` (optional)
    The language the reader must detect.

Add a case: write the two files, run ``pytest tests/test_read_cases.py``.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml

from condiff.model import Document, Provision
from condiff.read.text import parse_text

CASES = Path(__file__).resolve().parent / "fixtures" / "read"
NAMES = sorted(p.stem for p in CASES.glob("*.txt"))


def _expected(name: str) -> dict[str, Any]:
    data = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data.get("description") and data.get("outline"), name
    return data


def _read(name: str) -> Document:
    text = (CASES / f"{name}.txt").read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parse_text(text, f"{name}.txt")


def _find(doc: Document, label: str) -> Provision:
    kind, _, rest = label.partition(" ")
    for unit in doc.units():
        if (unit.kind, unit.label) == (kind, rest) or (unit.kind == "article" and
                                                      unit.label == label):
            return unit
    raise AssertionError(f"no unit {label!r} in {[u.label for u in doc.units()]}")


def test_every_case_has_its_expectation() -> None:
    assert len(NAMES) >= 10
    assert sorted(p.stem for p in CASES.glob("*.yaml")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_case(name: str) -> None:
    expected = _expected(name)
    doc = _read(name)
    outline = [f"{u.kind} {u.label}".strip() for u in doc.units()]
    assert outline == [str(x) for x in expected["outline"]]
    for label, heading in (expected.get("headings") or {}).items():
        assert _find(doc, str(label)).heading == heading, label
    for label, start in (expected.get("texts") or {}).items():
        text = " ".join(_find(doc, str(label)).full_text(" ").split())
        assert text.startswith(start), (label, text[:80])
    repealed = [u.label for u in doc.units() if u.repealed]
    assert repealed == [str(x) for x in expected.get("repealed") or []]
    everything = " ".join(u.full_text(" ") for u in doc.units())
    for words in expected.get("absent") or []:
        assert words not in everything, words
    issues = [f"{i.kind} {i.series} {','.join(i.labels)}" for i in doc.numbering]
    assert issues == list(expected.get("numbering") or [])
    if "language" in expected:
        assert doc.language == expected["language"]
