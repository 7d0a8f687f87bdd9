"""Reading Akoma Ntoso: structure, text, eIds, metadata, detection, refusals.

The fixtures in ``tests/fixtures/akn`` are short fictional laws written for these tests in the
shapes real producers use: an OASIS act with parts, chapters, articles, lists, notes, repealed
provisions and a schedule; the same Westminster-style act rendered twice (content wrapped in an
unnamed ``hcontainer`` and with another eId style, or put directly in the section); and two
versions of a LegalDocML.de statute whose positional eIds all shift when a section is inserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import condiff
from condiff.cli import main
from condiff.errors import CondiffError
from condiff.read import parse_string, read_document, sniff_akn
from condiff.read.akn import is_placeholder, label_from_num, parse_akn

from .akn_helpers import FIXTURES


def load(name: str) -> condiff.Document:
    return condiff.load(FIXTURES / name)


def test_structure_of_an_oasis_act() -> None:
    doc = load("oasis-articles.akn.xml")
    kinds = [(p.kind, p.label) for p in doc.provisions]
    assert kinds == [("preamble", ""), ("part", "I"), ("part", "II"), ("article", ""),
                     ("schedule", "1")]
    assert [u.label for u in doc.units() if u.kind == "article"] == ["1", "2a", "3", "4", "5",
                                                                     "", ""]
    art1 = doc.find("1")
    assert art1 is not None and art1.heading == "Membership"
    assert [(c.kind, c.label) for c in art1.children] == [("paragraph", "1"), ("paragraph", "2")]


def test_footnotes_and_their_call_signs_are_not_text() -> None:
    doc = load("oasis-articles.akn.xml")
    para = doc.find("1.1")
    assert para is not None
    assert para.text == "Every household on the shore may join the Union."
    duties = doc.find("2a")
    assert duties is not None and duties.heading == "Duties"
    assert "2019" not in " ".join(p.text + p.heading for p in doc.walk())


def test_list_introduction_items_and_closing_words() -> None:
    doc = load("oasis-articles.akn.xml")
    duties = doc.find("2a")
    assert duties is not None
    assert duties.text == "Each member shall:"
    assert [(c.kind, c.label, c.text) for c in duties.children] == [
        ("item", "a", "keep the nets in repair;"),
        ("item", "b", "attend the spring meeting."),
        ("subparagraph", "", "A member who is ill is excused."),
    ]
    votes = doc.find("5")
    assert votes is not None and votes.text == "At a meeting,"
    assert votes.children[-1].kind == "subparagraph"
    assert votes.children[-1].text == "and the result is written in the book."


def test_repealed_by_status_and_by_placeholder() -> None:
    doc = load("oasis-articles.akn.xml")
    for label in ("3", "4"):
        unit = doc.find(label)
        assert unit is not None and unit.repealed and unit.text == ""
    assert not any(p.repealed for p in doc.walk() if p.label not in ("3", "4"))


def test_text_outside_units_is_kept_as_an_unlabelled_article() -> None:
    doc = load("oasis-articles.akn.xml")
    closing = doc.provisions[3]
    assert closing.kind == "article" and closing.label == ""
    assert closing.heading == "Closing words"
    assert closing.blocks()[0].text.startswith("This charter replaces")
    schedule = doc.provisions[4]
    assert schedule.heading == "The banner"
    assert [b.text for b in schedule.children[0].blocks()] == [
        "The banner is blue with a white fish.", "It flies over the boathouse."]


def test_preamble_without_its_heading_word() -> None:
    doc = load("oasis-articles.akn.xml")
    assert doc.provisions[0].text == (
        "We who fish the lake and farm its shores agree to the rules below.")


def test_frbr_metadata() -> None:
    doc = load("oasis-articles.akn.xml")
    assert doc.title == "Charter of the Lakeside Union"
    assert doc.country == "xx"
    assert doc.language == "en"
    assert doc.date == "2019-06-30"
    assert doc.version == "2001 as amended to 2019-06-30"
    assert doc.source == "/akn/xx/act/2001/charter/eng@2019-06-30"


def test_file_eids_are_kept_but_ids_are_condiffs() -> None:
    doc = load("oasis-articles.akn.xml")
    item = doc.find("2a.b")
    assert item is not None
    assert item.eid == "art_2__list_1__item_b"
    assert item.id == "art_2a__item_b"


def test_two_renderings_read_the_same() -> None:
    wrapped = load("westminster-wrapped.akn.xml")
    direct = load("westminster-direct.akn.xml")
    assert wrapped.provisions == direct.provisions
    assert [u.eid for u in wrapped.units()] == ["sec_1", "sec_2"]
    assert [u.eid for u in direct.units()] == ["chp_1__sec_1", "chp_1__sec_2"]
    # sections are the units of an act without articles
    assert [(u.kind, u.label, u.heading) for u in direct.units()] == [
        ("article", "1", "Service"), ("article", "2", "Fares")]
    # the Cobalt placeholder title is no title
    assert direct.title == "" and wrapped.title == "Ferry Act"


def test_same_act_different_markup_compares_unchanged() -> None:
    result = condiff.compare(load("westminster-wrapped.akn.xml"),
                             load("westminster-direct.akn.xml"))
    assert [p.kind for p in result.alignment] == ["unchanged", "unchanged"]


def test_legaldocml_de_list_with_intro_points_and_closing_words() -> None:
    doc = load("ldml-de-old.xml")
    para = doc.find("7.1")
    assert para is not None and para.text == "Wer"
    assert [(c.kind, c.label) for c in para.children] == [
        ("item", "1"), ("item", "2"), ("subparagraph", "")]
    assert para.children[0].text == "ohne Fahrschein die Fähre betritt oder"
    assert doc.language == "de" and doc.country == "de" and doc.date == "2000-03-01"


def test_positional_eids_do_not_decide_alignment() -> None:
    old, new = load("ldml-de-old.xml"), load("ldml-de-new.xml")
    assert old.find("7") is not None and old.find("7").eid == "hauptteil-1_art-1"  # type: ignore[union-attr]
    assert new.find("7").eid == "hauptteil-1_art-2"  # type: ignore[union-attr]
    result = condiff.compare(old, new, rules=False)
    by_new = {p.new: p for p in result.alignment}
    assert by_new[("4",)].kind == "added"
    changed = by_new[("7",)]
    assert changed.old == ("7",) and changed.kind == "modified"
    ops = [op for pair in changed.paragraphs for op in pair.ops if op[0] != "="]
    assert ("-", "Abs.") in ops or any("Abs." in t for k, t in ops if k == "-")
    assert any("Absatz" in t for k, t in ops if k == "+")
    assert by_new[("9",)].kind == "unchanged"


@pytest.mark.parametrize(("num", "label"), [
    ("Art. 5a", "5a"), ("§ 20", "20"), ("(3)", "3"), ("1.", "1"), ("a. ", "a"), ("(a)", "a"),
    ("Artikel 34", "34"), ("Part A", "A"), ("Статья 83-1", "83-1"), ("XVII", "XVII"),
    ("3)", "3"), ("", ""), ("Article 24 (2)", "24 (2)"), ("((a))", "(a)"),
])
def test_label_from_num(num: str, label: str) -> None:
    assert label_from_num(" ".join(num.split())) == label


@pytest.mark.parametrize(("text", "placeholder"), [
    ("…", True), ("...", True), ("[Repealed]", True), ("Repealed", True), ("Исключена", True),
    ("weggefallen", True), ("Repealed provisions stay in the index.", False), ("1.", False),
])
def test_placeholder(text: str, placeholder: bool) -> None:
    assert is_placeholder(text) is placeholder


def test_detected_by_namespace_not_by_name(tmp_path: Path) -> None:
    data = (FIXTURES / "ldml-de-old.xml").read_bytes()
    plain = tmp_path / "statute-2000"  # no extension at all
    plain.write_bytes(data)
    assert sniff_akn(data)
    assert read_document(plain).find("7") is not None
    assert not sniff_akn(b"<html><body>Article 1</body></html>")
    assert not sniff_akn(b"Article 1\nEveryone is free.\n")


def test_utf16_file(tmp_path: Path) -> None:
    text = (FIXTURES / "westminster-direct.akn.xml").read_text(encoding="utf-8")
    path = tmp_path / "ferry-utf16"
    path.write_bytes(text.replace("<akomaNtoso", '<?xml version="1.0" encoding="UTF-16"?>\n'
                                  "<akomaNtoso", 1).encode("utf-16"))
    assert read_document(path).provisions == load("westminster-direct.akn.xml").provisions


def test_parse_string_with_a_declared_encoding() -> None:
    text = (FIXTURES / "oasis-articles.akn.xml").read_text(encoding="utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    doc = parse_string(text, "akn", path="x.xml")
    assert doc.provisions == load("oasis-articles.akn.xml").provisions


def test_other_xml_is_refused_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                              ) -> None:
    path = tmp_path / "page.xml"
    path.write_text("<html><body><p>Article 1</p></body></html>", encoding="utf-8")
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert "not an Akoma Ntoso document: the root element is html" in err
    assert err.count("\n") == 1


def test_broken_xml_names_the_line(tmp_path: Path) -> None:
    text = (FIXTURES / "westminster-direct.akn.xml").read_text(encoding="utf-8")
    broken = text.replace("</heading>", "</headin>", 1)
    with pytest.raises(CondiffError) as exc:
        parse_akn(broken.encode(), "broken.xml")
    assert str(exc.value).startswith("broken.xml:7:")
    assert "not well-formed XML" in str(exc.value)


def test_no_body_text() -> None:
    data = (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
            b'<act name="x"><meta/></act></akomaNtoso>')
    with pytest.raises(CondiffError, match="no body text"):
        parse_akn(data, "empty.xml")


def test_input_format_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ferry.txt"  # a misleading name
    path.write_bytes((FIXTURES / "westminster-direct.akn.xml").read_bytes())
    assert main(["parse", str(path), "--input-format", "akn"]) == 0
    assert "Art. 2 — Fares" in capsys.readouterr().out
