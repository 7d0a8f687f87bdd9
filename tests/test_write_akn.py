"""Writing Akoma Ntoso: valid against the OASIS schema, and read back to the same document.

``parse --format akn`` of any input must validate against ``akomantoso30.xsd`` and read back
equal (same metadata, same provisions, same text). ``diff --format akn`` writes the new version
with a lifecycle and one ``textualMod`` per changed alignment entry whose old and new hrefs
resolve. The schema and the real texts come from ``../shared``; tests skip when they are absent.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import condiff
from condiff.cli import main
from condiff.model import Document, Provision, finalize
from condiff.read.akn import AKN_NS, parse_akn
from condiff.render.akn import MOD_TYPE, document_xml, expression_uri

from .akn_helpers import FIXTURES, akn_path, schema_errors
from .conftest import corpora_raw_dir

A = f"{{{AKN_NS}}}"


def round_trip(doc: Document) -> Document:
    return parse_akn(document_xml(doc).encode("utf-8"), "round-trip.xml")


@pytest.mark.parametrize("name", ["sample:2009", "sample:2026"])
def test_bundled_sample_validates_and_round_trips(name: str) -> None:
    doc = condiff.load(name)
    xml = document_xml(doc)
    assert schema_errors(xml) == []
    back = round_trip(doc)
    assert back == doc
    assert [p.eid for p in back.walk()] == [p.id for p in doc.walk()]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_akn_fixtures_validate_and_round_trip(name: str) -> None:
    doc = condiff.load(FIXTURES / name)
    assert schema_errors(document_xml(doc)) == []
    assert round_trip(doc) == doc


def _raw_texts() -> list[str]:
    folder = corpora_raw_dir()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".txt", ".md")
                  and p.name != "PROVENANCE.md")


@pytest.mark.corpora
@pytest.mark.parametrize("name", _raw_texts() or ["(no corpora)"])
def test_every_real_text_validates_and_round_trips(name: str) -> None:
    if name == "(no corpora)":
        pytest.skip(f"reference corpora folder {corpora_raw_dir()} not found "
                    "(set CONDIFF_CORPORA_RAW)")
    doc = condiff.load(corpora_raw_dir() / name)
    xml = document_xml(doc)
    assert schema_errors(xml) == []
    back = round_trip(doc)
    assert back.provisions == doc.provisions
    assert back == doc


@pytest.mark.corpora
@pytest.mark.parametrize("name", ["switzerland-1999-rev2024-en.akn.xml",
                                  "south-africa-1996-slaw.akn.xml",
                                  "de-vereinsgesetz-2017-consolidated.ldml.xml"])
def test_real_akn_rewritten_validates_and_round_trips(name: str) -> None:
    doc = condiff.load(akn_path(name))
    assert schema_errors(document_xml(doc)) == []
    assert round_trip(doc) == doc


def test_frbr_metadata_from_the_document() -> None:
    doc = condiff.load("sample:2009")
    root = etree.fromstring(document_xml(doc).encode())
    ident = root.find(f"{A}act/{A}meta/{A}identification")
    assert ident is not None
    assert ident.find(f"{A}FRBRWork/{A}FRBRcountry").get("value") == doc.country  # type: ignore[union-attr]
    assert ident.find(f"{A}FRBRExpression/{A}FRBRlanguage").get("language") == "eng"  # type: ignore[union-attr]
    assert ident.find(f"{A}FRBRExpression/{A}FRBRdate").get("date") == doc.date  # type: ignore[union-attr]
    assert ident.find(f"{A}FRBRExpression/{A}FRBRuri").get("value") == expression_uri(doc)  # type: ignore[union-attr]
    nums = [n.text for n in root.iter(f"{A}num")]
    assert "Article 1" in nums and "(1)" in nums


def test_unknown_date_is_marked_and_reads_back_empty() -> None:
    doc = finalize(Document(title="Untitled draft", language="xx-test", provisions=(
        Provision(kind="article", label="1", text="Words."),)))
    xml = document_xml(doc)
    assert schema_errors(xml) == []
    root = etree.fromstring(xml.encode())
    date = root.find(f"{A}act/{A}meta/{A}identification/{A}FRBRWork/{A}FRBRdate")
    assert date is not None and date.get("name") == "unknown"
    assert round_trip(doc) == doc


# ---------------------------------------------------------------------------
# Property: any document condiff can hold survives the round trip
# ---------------------------------------------------------------------------

_WORD = st.text(alphabet=string.ascii_letters + "äöüßéçñДжя", min_size=1, max_size=8)
_LINE = st.lists(_WORD, min_size=1, max_size=6).map(" ".join).map(lambda s: s + ".")
_TEXT = st.lists(_LINE, min_size=0, max_size=3).map("\n".join)
_LABEL = st.one_of(st.just(""), st.from_regex(r"[0-9]{1,3}[a-z]?", fullmatch=True),
                   st.from_regex(r"[IVX]{1,4}", fullmatch=True),
                   st.from_regex(r"[a-z]", fullmatch=True),
                   st.from_regex(r"\([a-z]\)", fullmatch=True),
                   st.from_regex(r"[0-9]{1,2}-[0-9]", fullmatch=True))
_HEADING = st.one_of(st.just(""), st.lists(_WORD, min_size=1, max_size=4).map(" ".join))


def _sub(depth: int) -> st.SearchStrategy[Provision]:
    children = st.lists(_sub(depth + 1), max_size=3) if depth < 2 else st.just([])
    return st.builds(
        lambda kind, label, heading, text, kids, repealed: Provision(
            kind=kind, label=label, heading=heading, text="" if repealed else text,
            children=() if repealed else tuple(kids), repealed=repealed),
        st.sampled_from(("paragraph", "subparagraph", "item", "clause")), _LABEL, _HEADING,
        _TEXT, children, st.booleans().map(lambda b: b and depth > 1))


_UNIT = st.builds(
    lambda kind, label, heading, text, kids: Provision(
        kind=kind, label=label, heading=heading, text=text, children=tuple(kids)),
    st.sampled_from(("article", "article", "amendment", "preamble")), _LABEL, _HEADING, _TEXT,
    st.lists(_sub(1), max_size=3))
_CONTAINER = st.builds(
    lambda kind, label, heading, text, kids: Provision(
        kind=kind, label=label, heading=heading, text=text, children=tuple(kids)),
    st.sampled_from(("part", "chapter", "section", "title", "schedule", "division")),
    _LABEL, _HEADING, _TEXT, st.lists(_UNIT, max_size=3))
_DOC = st.builds(
    lambda title, version, date, language, country, top: finalize(Document(
        title=title, version=version, date=date, language=language, country=country,
        provisions=tuple(top))),
    _HEADING, st.sampled_from(("", "1995", "1995 as amended 2022")),
    st.sampled_from(("", "2026-03-15", "1999")), st.sampled_from(("", "en", "ru", "de", "kk")),
    st.sampled_from(("", "Veridia", "xx")),
    st.lists(st.one_of(_UNIT, _CONTAINER), min_size=0, max_size=4))


@given(_DOC)
def test_any_document_round_trips(doc: Document) -> None:
    xml = document_xml(doc)
    back = parse_akn(xml.encode("utf-8"), "prop.xml")
    assert back == doc


# ---------------------------------------------------------------------------
# diff --format akn
# ---------------------------------------------------------------------------


def _diff_akn(tmp_path: Path, old: str, new: str) -> tuple[etree._Element, condiff.Comparison]:
    out = tmp_path / "diff.akn.xml"
    assert main(["diff", old, new, "--format", "akn", "-o", str(out)]) == 1
    comparison = condiff.compare(condiff.load(old), condiff.load(new))
    return etree.fromstring(out.read_bytes()), comparison


def test_diff_akn_lists_each_change_as_a_textual_mod(tmp_path: Path) -> None:
    root, comparison = _diff_akn(tmp_path, "sample:2009", "sample:2026")
    assert schema_errors(etree.tostring(root)) == []
    meta = root.find(f"{A}act/{A}meta")
    assert meta is not None
    events = meta.findall(f"{A}lifecycle/{A}eventRef")
    assert [e.get("date") for e in events] == [comparison.old.date, comparison.new.date]
    mods = meta.findall(f"{A}analysis/{A}passiveModifications/{A}textualMod")
    changed = [p for p in comparison.alignment if p.kind != "unchanged"]
    assert len(mods) == len(changed) > 0
    for mod, pair in zip(mods, changed, strict=True):
        assert mod.get("type") == MOD_TYPE[pair.kind]
        assert [n.get("href") for n in mod.findall(f"{A}new")] == [f"#{i}" for i in pair.new_ids]
        assert [o.get("href", "").rpartition("#")[2] for o in mod.findall(f"{A}old")] == list(
            pair.old_ids)
    assert {m.get("type") for m in mods} >= {"substitution", "insertion", "repeal", "split",
                                             "join", "renumbering"}


def test_diff_akn_hrefs_resolve(tmp_path: Path) -> None:
    """Old hrefs name eIds of ``parse --format akn OLD``, new ones eIds of the output itself."""
    root, _ = _diff_akn(tmp_path, "sample:2009", "sample:2026")
    old_xml = tmp_path / "old.akn.xml"
    assert main(["parse", "sample:2009", "--format", "akn", "-o", str(old_xml)]) == 0
    old_root = etree.fromstring(old_xml.read_bytes())
    old_uri = old_root.find(f"{A}act/{A}meta/{A}identification/{A}FRBRExpression/"
                            f"{A}FRBRuri").get("value")  # type: ignore[union-attr]
    old_eids = {e.get("eId") for e in old_root.iter() if e.get("eId")}
    new_eids = {e.get("eId") for e in root.iter() if e.get("eId")}
    for node in root.iter(f"{A}old"):
        uri, _, eid = node.get("href", "").partition("#")
        assert uri == old_uri and eid in old_eids
    for node in root.iter(f"{A}new"):
        assert node.get("href", "")[1:] in new_eids
    assert round_trip(condiff.load("sample:2026")) == parse_akn(etree.tostring(root), "x")


@pytest.mark.corpora
def test_diff_akn_points_at_the_files_own_eids(tmp_path: Path) -> None:
    """When the old version is itself Akoma Ntoso, old hrefs use its own eIds and URI."""
    old = str(akn_path("de-vereinsgesetz-1964.ldml.xml"))
    new = str(akn_path("de-vereinsgesetz-2017-consolidated.ldml.xml"))
    root, comparison = _diff_akn(tmp_path, old, new)
    assert schema_errors(etree.tostring(root)) == []
    olds = [o.get("href") for o in root.iter(f"{A}old")]
    assert olds == [f"{comparison.old.source}#hauptteil-1_art-1"]
