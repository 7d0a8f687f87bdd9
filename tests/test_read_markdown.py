"""Markdown reader on small invented documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from condiff.errors import CondiffWarning
from condiff.model import Document
from condiff.read.markdown_format import parse_markdown


def _labels(doc: Document, kind: str = "article") -> list[str]:
    return [u.label for u in doc.units() if u.kind == kind]


GERMAN = """---
Title: Grundordnung für Veridia
layout: default
---

# Grundordnung für Veridia (GO)

Ausfertigungsdatum
:   2009-05-01

## Präambel

Im Bewusstsein der Verantwortung hat sich das Volk
diese Ordnung gegeben.

## I. - Die Grundrechte

### Art 1

(1) Die Würde des Menschen ist
unantastbar.

(2) Das Volk bekennt sich zu den
Menschenrechten.

### Art 1a Schutz der Daten

Daten sind geschützt.

### Art 2 (weggefallen)

### Art 2a

-

## II. - Der Bund

### (XXXX) Art 3a und 4 (weggefallen)

### Art 5

Der Bund regelt:

1.  das Jagdwesen;
2.  den Naturschutz
    a)  in Wäldern,
    b)  an Seen;
3.  die Raumordnung.
"""


def test_german_grundgesetz_style() -> None:
    doc = parse_markdown(GERMAN, "go.md")
    assert doc.title == "Grundordnung für Veridia"
    assert doc.language == "de"
    assert _labels(doc) == ["1", "1a", "2", "2a", "3a", "4", "5"]
    preamble = doc.find("preamble")
    assert preamble is not None
    assert preamble.text == ("Im Bewusstsein der Verantwortung hat sich das Volk diese Ordnung "
                             "gegeben.")
    chapters = [p for p in doc.provisions if p.kind == "chapter"]
    assert [(c.label, c.heading) for c in chapters] == [("I", "Die Grundrechte"),
                                                         ("II", "Der Bund")]
    assert doc.find("1.1").text == "Die Würde des Menschen ist unantastbar."  # type: ignore[union-attr]
    assert doc.find("1a").heading == "Schutz der Daten"  # type: ignore[union-attr]
    for ref in ("2", "2a", "3a", "4"):
        node = doc.find(ref)
        assert node is not None and node.repealed and not node.text, ref
    art5 = doc.find("5")
    assert art5 is not None and art5.text == "Der Bund regelt:"
    assert [c.label for c in art5.children] == ["1", "2", "3"]
    assert [c.label for c in art5.children[1].children] == ["a", "b"]
    assert art5.children[1].children[1].text == "an Seen;"


def test_english_headings_at_any_level_and_lettered_lists() -> None:
    doc = parse_markdown(
        "# Constitution of Veridia\n\n#### Preamble\n\nWe the people.\n\n"
        "## Chapter I: Rights\n\n#### Article 1. Life\n\nEveryone has the right to life.\n\n"
        "#### Article 2\n\n1. First paragraph.\n2. Second paragraph:\n\n"
        "(a) item one;\n(b) item two.\n\n"
        "## Chapter II: State\n\n#### Article 2A\n\nInserted later.\n",
        "v.md",
    )
    assert doc.title == "Constitution of Veridia"
    assert _labels(doc) == ["1", "2", "2A"]
    assert doc.find("1").heading == "Life"  # type: ignore[union-attr]
    assert doc.find("2.2") is not None
    assert [c.kind for c in doc.provisions] == ["preamble", "chapter", "chapter"]


def test_russian_headings() -> None:
    doc = parse_markdown("## Раздел I. Общие положения\n\n### Статья 1.\n\n1. Республика.\n\n"
                         "### Статья 1-1\n\nИсключена.\n", "ru.md")
    assert doc.language == "ru"
    assert _labels(doc) == ["1", "1-1"]
    assert doc.find("1-1").repealed  # type: ignore[union-attr]


def test_us_style_sections_under_articles() -> None:
    doc = parse_markdown("## Article I\n\n### Section 1\n\nPowers.\n\n### Section 2\n\nHouse.\n\n"
                         "## Amendment XIV\n\n### Section 1\n\nCitizens.\n")
    art = doc.find("I")
    assert art is not None and [c.label for c in art.children] == ["1", "2"]
    assert _labels(doc, "amendment") == ["XIV"]


def test_markup_is_stripped_and_wraps_joined() -> None:
    doc = parse_markdown("### Art 7\n\nThe *state* protects **all**\n[people](http://x.test)"
                         " and `data`.\n")
    assert doc.find("7").text == "The state protects all people and data."  # type: ignore[union-attr]


def test_unknown_headings_become_divisions_or_subheadings() -> None:
    doc = parse_markdown("## Eingangsformel\n\nDer Rat hat beschlossen.\n\n## Art 1\n\nText.\n"
                         "### Erläuterung\n\nMehr.\n\n## Anhang EV\n\nAnlage.\n")
    kinds = [p.kind for p in doc.provisions]
    assert kinds == ["division", "article", "schedule"]
    assert doc.find("1").full_text() == "Text.\nErläuterung\nMehr."  # type: ignore[union-attr]


def test_no_structure_warns_and_keeps_text() -> None:
    with pytest.warns(CondiffWarning, match="no structure found"):
        doc = parse_markdown("# Notes\n\nSome prose about the weather.\n", "notes.md")
    units = doc.units()
    assert len(units) == 1 and "weather" in units[0].full_text()


def test_front_matter_language_and_date() -> None:
    doc = parse_markdown("---\ntitle: 'Veridia'\nlanguage: es\ndate: 2026-03-15\n---\n"
                         "## Artículo 1\n\nTexto.\n")
    assert (doc.title, doc.language, doc.date) == ("Veridia", "es", "2026-03-15")


def test_user_profile_applies_to_markdown_headings(tmp_path: Path) -> None:
    prof = tmp_path / "pt.yaml"
    prof.write_text("language: pt\narticle: [Artigo]\ncontainers:\n  title: [Título]\n",
                    encoding="utf-8")
    doc = parse_markdown("## Título I\n\n### Artigo 1.º\n\nUm.\n\n### Artigo 2\n\nDois.\n",
                         "pt.md", profile=prof)
    assert doc.language == "pt"
    assert _labels(doc) == ["1", "2"]
    assert doc.provisions[0].kind == "title"


def test_long_wrapped_paragraph() -> None:
    doc = parse_markdown("## Article 1\n\n" + "the people shall rest\n" * 20_000)
    assert doc.find("1").text.count("rest") == 20_000  # type: ignore[union-attr]


def test_markdown_provisions_know_their_source_lines() -> None:
    doc = parse_markdown("# T\n\n## Article 1\n\n(1) One.\n\n(2) Two.\n")
    assert [doc.find(r).line for r in ("1", "1.1", "1.2")] == [3, 5, 7]  # type: ignore[union-attr]
