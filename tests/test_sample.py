"""The bundled sample pair and its ground truth.

The sample is what every demo shows and what the engine is scored against, so these tests hold
it to its promises: size and shape targets, canonical YAML, an ``expected.yaml`` that validates
against its schema, references that all resolve, and kinds that agree with the texts themselves
(identical text must be paired as unchanged/renumbered/moved, changed text as modified, a split
must really distribute the old article, a removal must really be gone).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from condiff.corpora import expected_path, load_expected, resolve, schema_path
from condiff.model import Document, Provision
from condiff.read import read_document
from condiff.read.yaml_format import dump_yaml

from .conftest import ROOT

#: Topics of our own (not in the Constitute taxonomy).
OWN_TOPICS = {"apptoversight", "deathpen"}


@pytest.fixture(scope="module")
def old() -> Document:
    return read_document("sample:2009")


@pytest.fixture(scope="module")
def new() -> Document:
    return read_document("sample:2026")


@pytest.fixture(scope="module")
def expected() -> dict:
    return load_expected("sample")


def _text(unit: Provision) -> str:
    return " ".join(unit.full_text(" ").split())


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def _chapter(doc: Document) -> dict[str, str]:
    """Unit label → heading of the chapter it sits in ('' for the preamble)."""
    out = {}
    for unit, chain in doc.units_with_context():
        key = "preamble" if unit.kind == "preamble" else unit.label
        out[key] = next((c.heading for c in chain if c.kind == "chapter"), "")
    return out


def _unit(doc: Document, label: str) -> Provision:
    found = doc.find(label)
    assert found is not None and found.is_unit, f"{label!r} is not a unit of {doc.version}"
    return found


# --- shape and size ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["sample:2009", "sample:2026"])
def test_sample_meets_size_and_shape_targets(name: str) -> None:
    doc = read_document(name)
    articles = [u for u in doc.units() if u.kind == "article"]
    words = sum(len(p.text.split()) for p in doc.walk())
    chapters = [p for p in doc.walk() if p.kind == "chapter"]
    assert 50 <= len(articles) <= 70
    assert 6_000 <= words <= 10_000
    assert len(chapters) >= 6
    assert doc.units()[0].kind == "preamble" and doc.units()[0].text
    assert doc.language == "en" and doc.title and doc.version
    for art in articles:
        if art.repealed:
            continue
        paras = [c for c in art.children if c.kind == "paragraph"]
        assert paras, f"article {art.label} has no numbered paragraphs"
        assert [p.label for p in paras] == [str(i) for i in range(1, len(paras) + 1)]
    assert any(p.kind == "item" for p in doc.walk()), "a lettered item list is expected"


def test_old_version_has_inserted_label_and_repealed_placeholder(old: Document) -> None:
    labels = [u.label for u in old.units()]
    assert any("-" in label for label in labels)
    assert any(u.repealed for u in old.units())


@pytest.mark.parametrize("name", ["sample:2009", "sample:2026"])
def test_sample_files_are_canonical_yaml(name: str) -> None:
    path = resolve(name)
    assert dump_yaml(read_document(name)) == path.read_text(encoding="utf-8")


def test_repository_folder_points_at_the_packaged_files() -> None:
    folder = ROOT / "corpora" / "sample"
    if not folder.exists():
        pytest.skip("no corpora/sample in this checkout (installed package only)")
    for name in ("veridia-2009.yaml", "veridia-2026.yaml", "expected.yaml"):
        assert (folder / name).resolve() == (expected_path().parent / name).resolve()


# --- expected.yaml ----------------------------------------------------------------------------

def test_expected_validates_against_its_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load(expected_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_rejects_inconsistent_entries() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    base = {"condiff-expected": 1, "old": "a.yaml", "new": "b.yaml", "findings": []}
    bad_pairs = [
        {"old": ["1"], "new": ["2", "3"], "kind": "modified"},
        {"old": ["1"], "new": ["2"], "kind": "split"},
        {"old": ["1"], "new": [], "kind": "added"},
        {"old": ["1"], "new": ["1"], "kind": "shuffled"},
    ]
    for pair in bad_pairs:
        assert not validator.is_valid({**base, "alignment": [pair]}), pair


def test_expected_names_the_sample_files(expected: dict) -> None:
    folder = expected_path().parent
    assert (folder / expected["old"]).resolve() == resolve("sample:2009").resolve()
    assert (folder / expected["new"]).resolve() == resolve("sample:2026").resolve()


def test_every_unit_appears_exactly_once(old: Document, new: Document, expected: dict) -> None:
    primary = [e for e in expected["alignment"] if not e["secondary"]]
    seen_old = Counter(r for e in primary for r in e["old"])
    seen_new = Counter(r for e in primary for r in e["new"])
    all_old = ["preamble" if u.kind == "preamble" else u.label for u in old.units()]
    all_new = ["preamble" if u.kind == "preamble" else u.label for u in new.units()]
    assert sorted(seen_old) == sorted(all_old)
    assert sorted(seen_new) == sorted(all_new)
    assert max(seen_old.values()) == 1 and max(seen_new.values()) == 1


def test_kinds_agree_with_the_texts(old: Document, new: Document, expected: dict) -> None:
    old_ch, new_ch = _chapter(old), _chapter(new)
    # Which new chapter continues which old one: the majority of one-to-one pairs decides.
    votes: dict[str, Counter[str]] = {}
    for e in expected["alignment"]:
        if len(e["old"]) == 1 and len(e["new"]) == 1 and not e["secondary"]:
            votes.setdefault(old_ch[e["old"][0]], Counter())[new_ch[e["new"][0]]] += 1
    continues = {o: c.most_common(1)[0][0] for o, c in votes.items()}
    new_texts = {_text(u) for u in new.units()}
    old_texts = {_text(u) for u in old.units()}
    for e in expected["alignment"]:
        kind = e["kind"]
        olds = [_unit(old, r) for r in e["old"]]
        news = [_unit(new, r) for r in e["new"]]
        where = f"{e['old']} -> {e['new']} ({kind})"
        if e["secondary"]:
            # A paragraph of the old article went there: most of its words did too.
            target = _words(_text(news[0]))
            best = max(sum((_words(b.text) & target).values()) / sum(_words(b.text).values())
                       for b in olds[0].blocks())
            assert kind == "moved" and best >= 0.5, where
            continue
        if kind in ("unchanged", "renumbered", "modified", "moved"):
            o, n = olds[0], news[0]
            same_text = _text(o) == _text(n)
            same_place = continues[old_ch[e["old"][0]]] == new_ch[e["new"][0]]
            if kind != "moved":  # a moved article may also be reworded
                assert same_text == (kind != "modified"), where
            assert same_place == (kind != "moved"), where
            if kind == "unchanged":
                assert o.label == n.label, where
            if kind == "renumbered":
                assert o.label != n.label, where
        elif kind == "split":
            # Every old paragraph reappears, word for word, in one of the new articles.
            pieces = [" ".join(b.text.split()) for n in news for b in n.blocks()]
            for block in olds[0].blocks():
                assert " ".join(block.text.split()) in pieces, where
        elif kind == "merged":
            # Each old article contributes: most of its vocabulary is in the merged article.
            merged = _words(_text(news[0]))
            for o in olds:
                own = _words(_text(o))
                share = sum((own & merged).values()) / sum(own.values())
                assert share >= 0.5, f"{where}: only {share:.0%} of {o.label} in the merge"
        elif kind == "removed":
            assert olds[0].repealed or _text(olds[0]) not in new_texts, where
        elif kind == "added":
            assert _text(news[0]) not in old_texts, where
    # The converse: every identical-text pair in the documents is paired in the ground truth.
    paired = {(o, n) for e in expected["alignment"] for o in e["old"] for n in e["new"]}
    by_text: dict[str, str] = {_text(u): ("preamble" if u.kind == "preamble" else u.label)
                               for u in old.units() if not u.repealed}
    for u in new.units():
        label = "preamble" if u.kind == "preamble" else u.label
        if _text(u) in by_text:
            assert (by_text[_text(u)], label) in paired, f"identical {label} not paired"


def test_alignment_covers_every_kind_the_engine_must_handle(expected: dict) -> None:
    kinds = Counter(e["kind"] for e in expected["alignment"])
    for kind in ("unchanged", "modified", "renumbered", "moved", "split", "merged", "added",
                 "removed"):
        assert kinds[kind] >= 1, kind
    renumbered = sum(1 for e in expected["alignment"]
                     if e["old"] and e["new"] and e["old"] != e["new"])
    assert renumbered / len(expected["alignment"]) > 0.7, "most articles are renumbered"


def test_every_finding_reference_resolves(old: Document, new: Document, expected: dict) -> None:
    for f in expected["findings"]:
        for ref in f["old"]:
            assert old.find(ref) is not None, f"old {ref} ({f['topic']})"
        for ref in f["new"]:
            assert new.find(ref) is not None, f"new {ref} ({f['topic']})"


def test_finding_topics_are_constitute_keys_or_our_own(expected: dict) -> None:
    reference = ROOT.parent / "shared" / "reference" / "constitute-topics.txt"
    if not reference.is_file():
        pytest.skip(f"Constitute topic list not found at {reference}")
    keys = {line.split("\t", 1)[0] for line in reference.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")}
    for f in expected["findings"]:
        for topic in (f["topic"], *f["alt_topics"]):
            assert topic in keys or topic in OWN_TOPICS, topic


# Evidence words that must be present on one side and absent on the other: a finding that the
# texts do not bear out is a bug in the ground truth, not in the engine.
EVIDENCE = {
    ("strike", "removed"): ("strike", None),
    ("treatcon", "removed"): ("precedence", None),
    ("assoc", "restriction-added"): (None, "foreign"),
    ("express", "restriction-added"): (None, "public morality"),
    ("apptoversight", "oversight-removed"): ("elected by the senate", "appointed by the president"),
    ("cappun", "strengthened"): ("may be established", "prohibited"),
    ("privacy", "strengthened"): (None, "personal data"),
    ("env", "strengthened"): (None, "right to an environment"),
    ("citrev", "weakened"): (None, "deprived of citizenship only by"),
}


def test_findings_are_borne_out_by_the_texts(old: Document, new: Document,
                                             expected: dict) -> None:
    new_all = " ".join(_text(u) for u in new.units()).casefold()
    required = [f for f in expected["findings"] if f["required"]]
    assert {(f["topic"], f["kind"]) for f in required} == set(EVIDENCE)
    for f in required:
        gone, present = EVIDENCE[(f["topic"], f["kind"])]
        old_text = " ".join(old.find(r).full_text(" ") for r in f["old"]).casefold()
        new_text = " ".join(new.find(r).full_text(" ") for r in f["new"]).casefold()
        if gone:
            assert gone in old_text and gone not in new_text, f["topic"]
        if present:
            assert present in new_text and present not in old_text, f["topic"]
        if f["kind"] == "removed":
            assert gone is not None and gone not in new_all, f"{f['topic']} survives elsewhere"


def test_expected_file_has_no_tabs_or_trailing_space() -> None:
    text = Path(expected_path()).read_text(encoding="utf-8")
    assert "\t" not in text
    assert all(line == line.rstrip() for line in text.splitlines())
