"""Two translations of one constitution: the same number in the same place is the same article,
even when the translators chose headings that share no word.

The fixture is written for this test: three articles whose middle one is translated twice
("Ferries" / "Boat services") with wording that shares little beyond its subject.
"""

from __future__ import annotations

from condiff.align import align_documents
from condiff.model import Document, Provision, finalize


def _doc(middle_heading: str, middle_text: str, outer: tuple[str, str]) -> Document:
    return finalize(Document(title="t", provisions=(
        Provision("article", "1", heading="Lakes", text=outer[0]),
        Provision("article", "2", heading=middle_heading, text=middle_text),
        Provision("article", "3", heading="Harbours", text=outer[1]),
    )))


OUTER = ("The lakes belong to the people of every canton along their shores.",
         "Each harbour is run by the commune in which it lies, under federal rules.")


def test_lone_same_number_pairs_despite_a_new_heading() -> None:
    old = _doc("Ferries", "The state shall keep ferries running across the large lakes all "
               "year; fares are set by statute.", OUTER)
    new = _doc("Boat services", "Crossings of the large lakes are provided by the state "
               "throughout the year, at fares the law determines.", OUTER)
    pairs, _ = align_documents(old, new)
    middle = next(p for p in pairs if "2" in p.old)
    assert middle.new == ("2",) and middle.matched_by == "number"


def test_unrelated_text_under_a_reused_number_stays_apart() -> None:
    old = _doc("Ferries", "The state shall keep ferries running across the large lakes all "
               "year; fares are set by statute.", OUTER)
    new = _doc("Coinage", "Minting coins and printing banknotes is a federal monopoly.", OUTER)
    pairs, _ = align_documents(old, new)
    kinds = {p.kind for p in pairs if "2" in p.old or "2" in p.new}
    assert kinds == {"removed", "added"}
