"""Akoma Ntoso from real producers: Fedlex (Switzerland), Laws.Africa (South Africa, two
renderings of one act), LegalDocML.de (a German statute in 1964 and 2017).

The files are read from ``../shared/corpora-akn`` (``CONDIFF_CORPORA_AKN``); the facts checked
here (article counts, which section is which) are in that folder's PROVENANCE.md.
"""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

import condiff
from condiff.model import Comparison, Document

from .akn_helpers import akn_path
from .conftest import raw_path

pytestmark = pytest.mark.corpora

SWISS = "switzerland-1999-rev2024-en.akn.xml"
SLAW = "south-africa-1996-slaw.akn.xml"
BLUEBELL = "south-africa-1996-bluebell.akn.xml"
DE_1964 = "de-vereinsgesetz-1964.ldml.xml"
DE_2017 = "de-vereinsgesetz-2017-consolidated.ldml.xml"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def test_swiss_all_articles_with_their_paragraphs() -> None:
    path = akn_path(SWISS)
    doc = condiff.load(path)
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    articles = list(tree.iter(f"{AKN}article"))
    assert len(articles) == 232
    units = {u.eid: u for u in doc.units()}
    for art in articles:
        unit = units[art.get("eId")]
        assert unit.kind == "article"
        expected = sum(1 for _ in art.iter(f"{AKN}paragraph"))
        got = sum(1 for node in unit.walk() if node.kind == "paragraph")
        assert got == expected, art.get("eId")
    labels = [u.label for u in doc.units() if u.eid.startswith("art_")]
    assert labels[:6] == ["1", "2", "3", "4", "5", "5a"] and labels[-1] == "197"
    assert doc.date == "2024-03-03" and doc.language == "en" and doc.country == "CH"
    assert "as amended to 2024-03-03" in doc.version


def _pairs_same_label(comparison: Comparison, old: Document, new: Document) -> tuple[int, int]:
    def labels(doc: Document) -> set[str]:
        return {u.label for u in doc.units() if u.kind == "article" and u.label}

    both = labels(old) & labels(new)
    paired = {o for pair in comparison.alignment for o in pair.old if o in both and o in pair.new}
    return len(paired), len(both)


def test_swiss_two_translations_pair_by_article() -> None:
    """2002 Constitute translation (plain text) against the 2024 Fedlex AKN translation."""
    old = condiff.load(raw_path("switzerland-1999-rev2002-en.txt"))
    new = condiff.load(akn_path(SWISS))
    comparison = condiff.compare(old, new, rules=False)
    paired, both = _pairs_same_label(comparison, old, new)
    assert both >= 195
    assert paired / both >= 0.95, f"{paired} of {both} articles present in both paired"


def _south_africa() -> tuple[Document, Document, Comparison]:
    old = condiff.load(akn_path(SLAW))
    new = condiff.load(akn_path(BLUEBELL))
    return old, new, condiff.compare(old, new, rules=False)


def test_south_africa_every_body_section_paired() -> None:
    old, new, comparison = _south_africa()
    for doc in (old, new):
        assert sum(1 for u in doc.units() if u.label and u.kind == "article") == 286
    body = [u for u, chain in old.units_with_context()
            if u.label and not any(c.kind == "schedule" for c in chain)]
    assert len(body) == 243
    entry_of = {pid: pair for pair in comparison.alignment for pid in pair.old_ids}
    for unit in body:
        pair = entry_of[unit.id]
        assert unit.label in pair.new, (unit.label, pair)
    changed = {unit.label for unit in body if entry_of[unit.id].kind != "unchanged"}
    assert changed == {"37"}  # the Table of Non-Derogable Rights, left unparsed by Bluebell


def test_south_africa_differences_are_the_conversion_errors() -> None:
    """The words that differ are Bluebell's left-over markup (table keywords, "SUBPART",
    "PARA", annexure headings turned into text) and the table-cell separators the slaw
    rendering's real table reads with: nothing of the law itself."""
    _, _, comparison = _south_africa()
    deleted: Counter[str] = Counter()
    inserted: Counter[str] = Counter()
    for pair in comparison.alignment:
        for para in pair.paragraphs:
            for op, text in para.ops:
                (deleted if op == "-" else inserted if op == "+" else Counter()).update(
                    text.split())
    artefacts = {"TABLE", "TR", "TC", "TC.akn--text-center", "TH.akn--text-center", "SUBPART",
                 "PARA", "1.", "-", "Annexure", "A", "B", "C", "D"}
    assert set(inserted - deleted) <= artefacts, inserted - deleted
    assert set(deleted - inserted) <= {"|"}, deleted - inserted
    assert (inserted - deleted)["TABLE"] == 1 and (inserted - deleted)["SUBPART"] == 4


def test_german_paragraph_20_change_shown_whatever_the_eids() -> None:
    old = condiff.load(akn_path(DE_1964))
    new = condiff.load(akn_path(DE_2017))
    assert old.find("20").eid == "hauptteil-1_art-1"  # type: ignore[union-attr]
    assert new.find("20").eid == "hauptteil-1_art-2"  # type: ignore[union-attr]
    comparison = condiff.compare(old, new, rules=False)
    pair = next(p for p in comparison.alignment if "20" in p.new)
    assert pair.old == ("20",) and pair.kind == "modified"
    changed = [p for p in pair.paragraphs if p.kind == "modified"]
    assert len(changed) == 1
    ops = list(changed[0].ops)
    old_text = "".join(t for op, t in ops if op != "+")
    new_text = "".join(t for op, t in ops if op != "-")
    assert "§ 9 Abs. 1 Satz 2, Abs. 2 Kennzeichen" in old_text
    assert "§ 9 Absatz 1 Satz 2, Absatz 2 oder 3 Kennzeichen" in new_text
    assert {p.kind for p in comparison.alignment if "34" in p.new} == {"unchanged"}
    assert next(p for p in comparison.alignment if "9" in p.new).kind == "added"


def test_german_metadata_from_frbr() -> None:
    old = condiff.load(akn_path(DE_1964))
    new = condiff.load(akn_path(DE_2017))
    assert (old.date, new.date) == ("1964-08-05", "2017-03-28")
    assert new.version == "1964 as amended to 2017-03-28"
    assert old.title == new.title == "Gesetz zur Regelung des öffentlichen Vereinsrechts"
    assert old.language == "de"


def test_amending_act_reads_its_instruction_as_text() -> None:
    doc = condiff.load(akn_path("de-vereinsgesetz-amending-act-2017.ldml.xml"))
    text = " ".join(p.text for p in doc.walk())
    assert "durch die Wörter" in text and "§ 9 Absatz 1 Satz 2, Absatz 2 oder 3" in text
