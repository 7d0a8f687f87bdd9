"""Article alignment: invariants on random documents, and the hard cases one by one."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from condiff.align import align_documents
from condiff.model import ALIGN_KINDS, MATCHED_BY, ArticlePair, Document, Provision, finalize
from condiff.redline import new_text, old_text

SYLLABLES = ["ka", "zu", "mi", "ro", "te", "pa", "li", "no", "sé", "да", "ни", "ст", "ß", "ö"]


def words(rng: random.Random, n: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(n)
    )


def article(label: str, *paras: str, heading: str = "", repealed: bool = False) -> Provision:
    kids = tuple(Provision("paragraph", str(i + 1), text=t) for i, t in enumerate(paras))
    return Provision("article", label, heading=heading, children=kids, repealed=repealed)


def document(*chapters: tuple[Provision, ...]) -> Document:
    provs = tuple(Provision("chapter", str(i + 1), children=c) for i, c in enumerate(chapters))
    return finalize(Document(title="t", provisions=provs))


def check_invariants(old: Document, new: Document, pairs: tuple[ArticlePair, ...]) -> None:
    """Every unit in exactly one entry as primary (secondary ones only where a paragraph of
    theirs moved), every block in exactly one paragraph pair, each pair's ops giving back both
    blocks' texts."""
    own_old = Counter(i for p in pairs for i in p.old_ids if i not in p.secondary_old_ids)
    own_new = Counter(i for p in pairs for i in p.new_ids if i not in p.secondary_new_ids)
    assert own_old == Counter(u.id for u in old.units())
    assert own_new == Counter(u.id for u in new.units())
    old_units = {u.id: u for u in old.units()}
    new_units = {u.id: u for u in new.units()}

    def blocks(units: dict[str, Provision], ids: tuple[str, ...]) -> dict[str, str]:
        return {b.id: b.text for i in ids if not units[i].repealed for b in units[i].blocks()}

    seen_old: Counter[str] = Counter()
    seen_new: Counter[str] = Counter()
    for p in pairs:
        assert p.kind in ALIGN_KINDS and p.matched_by in MATCHED_BY
        assert 0.0 <= p.score <= 1.0
        assert p.old or p.new
        assert (p.kind == "added") == (not p.old)
        assert (p.kind == "removed") == (not p.new)
        assert len(p.old) == len(p.old_ids) and len(p.new) == len(p.new_ids)
        assert set(p.secondary_old_ids) <= set(p.old_ids)
        assert set(p.secondary_new_ids) <= set(p.new_ids)
        old_blocks = blocks(old_units, p.old_ids)
        new_blocks = blocks(new_units, p.new_ids)
        secondary_old = blocks(old_units, p.secondary_old_ids)
        secondary_new = blocks(new_units, p.secondary_new_ids)
        for pp in p.paragraphs:
            if pp.old_id:
                assert old_text(pp.ops) == old_blocks[pp.old_id]
                seen_old[pp.old_id] += 1
            else:
                assert old_text(pp.ops) == ""
            if pp.new_id:
                assert new_text(pp.ops) == new_blocks[pp.new_id]
                seen_new[pp.new_id] += 1
            else:
                assert new_text(pp.ops) == ""
            # A moved paragraph is always a pair: evidence on both sides.
            if pp.old_id in secondary_old or pp.new_id in secondary_new:
                assert pp.old_id and pp.new_id
    all_old = blocks(old_units, tuple(old_units))
    all_new = blocks(new_units, tuple(new_units))
    assert seen_old == Counter(all_old.keys())
    assert seen_new == Counter(all_new.keys())


@st.composite
def doc_pair(draw: st.DrawFn) -> tuple[Document, Document]:
    rng = random.Random(draw(st.integers(0, 2**32)))
    n = draw(st.integers(0, 14))
    arts = [[words(rng, rng.randint(3, 25)) for _ in range(rng.randint(0, 4))] for _ in range(n)]
    repealed = [draw(st.booleans()) and rng.random() < 0.2 for _ in range(n)]
    labels = [str(i + 1) for i in range(n)]
    old_chs: list[list[Provision]] = [[], []]
    for i in range(n):
        old_chs[i * 2 // max(n, 1)].append(article(labels[i], *arts[i], repealed=repealed[i]))
    # The new version: drop, reword, reorder, split, merge and add, at random.
    new_arts: list[Provision] = []
    i = 0
    while i < n:
        action = rng.choice(["keep", "keep", "drop", "reword", "split", "merge", "add"])
        paras = list(arts[i])
        if action == "drop":
            i += 1
            continue
        if action == "reword" and paras:
            k = rng.randrange(len(paras))
            paras[k] = paras[k] + " " + words(rng, 3)
        if action == "merge" and i + 1 < n:
            paras += arts[i + 1]
            i += 1
        if action == "split" and len(paras) >= 2:
            new_arts.append(article("x", *paras[:1]))
            paras = paras[1:]
        if action == "add":
            new_arts.append(article("x", words(rng, 10)))
        new_arts.append(article("x", *paras, repealed=repealed[i] and rng.random() < 0.5))
        i += 1
    rng.shuffle(new_arts) if draw(st.booleans()) else None
    renumbered = [Provision(a.kind, str(k + draw(st.sampled_from([1, 2]))), a.heading, a.text,
                            a.children, a.repealed) for k, a in enumerate(new_arts)]
    half = len(renumbered) // 2
    old = document(tuple(old_chs[0]), tuple(old_chs[1]))
    new = document(tuple(renumbered[:half]), tuple(renumbered[half:]))
    return old, new


@given(doc_pair())
def test_every_unit_once_and_redlines_reproduce_texts(pair: tuple[Document, Document]) -> None:
    old, new = pair
    pairs, warnings = align_documents(old, new)
    check_invariants(old, new, pairs)
    assert warnings == []


@given(doc_pair())
def test_deterministic(pair: tuple[Document, Document]) -> None:
    old, new = pair
    assert align_documents(old, new) == align_documents(old, new)


def test_identical_documents_are_unchanged() -> None:
    rng = random.Random(1)
    doc = document(tuple(article(str(i), words(rng, 12), words(rng, 8)) for i in range(1, 9)))
    pairs, _ = align_documents(doc, doc)
    assert {p.kind for p in pairs} == {"unchanged"}
    assert all(p.matched_by == "exact" and p.score == 1.0 for p in pairs)


def test_content_decides_not_numbers() -> None:
    # Like Germany's Art. 23: the number is reused for unrelated text, the old text moved on.
    rng = random.Random(2)
    texts = [words(rng, 30) for _ in range(6)]
    fresh = words(rng, 30)
    old = document(tuple(article(str(i + 1), t) for i, t in enumerate(texts)))
    new_texts = [texts[0], texts[1], fresh, texts[2] + " " + words(rng, 3), *texts[3:]]
    new = document(tuple(article(str(i + 1), t) for i, t in enumerate(new_texts)))
    pairs, _ = align_documents(old, new)
    by_old = {p.old: p for p in pairs}
    assert by_old[("3",)].new == ("4",)
    assert by_old[("3",)].matched_by == "content"
    assert by_old[()].new == ("3",) and by_old[()].kind == "added"


def test_renumbered_and_moved() -> None:
    rng = random.Random(3)
    t = [words(rng, 20) for _ in range(6)]
    old = document(tuple(article(str(i + 1), t[i]) for i in range(3)),
                   tuple(article(str(i + 1), t[i]) for i in range(3, 6)))
    new = document((article("1", t[0]), article("2", t[1]), article("3", t[5])),
                   (article("4", t[2]), article("5", t[3]), article("7", t[4])))
    kinds = {(p.old, p.new): p.kind for p in align_documents(old, new)[0]}
    assert kinds == {(("1",), ("1",)): "unchanged", (("2",), ("2",)): "unchanged",
                     (("3",), ("4",)): "moved", (("6",), ("3",)): "moved",
                     (("4",), ("5",)): "renumbered", (("5",), ("7",)): "renumbered"}


def test_renumbered_chapter_moves_nothing() -> None:
    rng = random.Random(4)
    texts = [words(rng, 20) for _ in range(4)]
    old = document(tuple(article(str(i + 1), t) for i, t in enumerate(texts)))
    new = document((article("1", words(rng, 20)),),
                   tuple(article(str(i + 2), t) for i, t in enumerate(texts)))
    kinds = [p.kind for p in align_documents(old, new)[0] if p.old]
    assert kinds == ["renumbered"] * 4


def test_repealed_placeholders_never_attract_matches() -> None:
    rng = random.Random(5)
    a, b = words(rng, 20), words(rng, 20)
    old = document((article("1", a), article("2", "Repealed", repealed=True),
                    article("3", "Repealed", repealed=True)))
    new = document((article("1", a), article("2", "Repealed", repealed=True),
                    article("3", b), article("4", "Repealed", repealed=True)))
    got = {(p.old, p.new): (p.kind, p.matched_by) for p in align_documents(old, new)[0]}
    assert got == {
        (("1",), ("1",)): ("unchanged", "exact"),
        (("2",), ("2",)): ("unchanged", "number"),
        (("3",), ()): ("removed", "none"),
        ((), ("3",)): ("added", "none"),
        ((), ("4",)): ("added", "none"),
    }


def test_split_and_merge() -> None:
    rng = random.Random(6)
    p = [words(rng, 25) for _ in range(8)]
    old = document((article("1", p[0], p[1], p[2]), article("2", p[3]), article("3", p[4]),
                    article("4", p[5], p[6])))
    new = document((article("1", p[0], p[1]), article("2", p[2]), article("3", p[3], p[4]),
                    article("4", p[5], p[6])))
    got = {(p.old, p.new): p.kind for p in align_documents(old, new)[0]}
    assert got == {(("1",), ("1", "2")): "split", (("2", "3"), ("3",)): "merged",
                   (("4",), ("4",)): "unchanged"}


def test_paragraphs_aligned_inside_a_pair() -> None:
    rng = random.Random(7)
    p = [words(rng, 15) for _ in range(4)]
    old = document((article("24", p[0], p[1], p[2]),))
    new = document((article("27", p[0], p[1] + " " + words(rng, 2), p[3]),))
    (pair,), _ = align_documents(old, new)
    got = [(pp.old, pp.new, pp.kind) for pp in pair.paragraphs]
    assert got[:2] == [("24.1", "27.1", "unchanged"), ("24.2", "27.2", "modified")]
    assert sorted(got[2:], key=str) == sorted([("24.3", None, "removed"),
                                               (None, "27.3", "added")], key=str)


def test_empty_documents() -> None:
    empty = finalize(Document())
    rng = random.Random(8)
    doc = document((article("1", words(rng, 5)),))
    assert align_documents(empty, empty) == ((), [])
    assert [p.kind for p in align_documents(empty, doc)[0]] == ["added"]
    assert [p.kind for p in align_documents(doc, empty)[0]] == ["removed"]


def test_reworded_short_article_keeps_its_number() -> None:
    rng = random.Random(9)
    a, b = words(rng, 20), words(rng, 20)
    old = document((article("1", a), article("2", "everyone shall have the right of assembly"),
                    article("3", b)))
    new = document((article("1", a), article("2", "everyone may assemble"), article("3", b)))
    got = {(p.old, p.new): (p.kind, p.matched_by) for p in align_documents(old, new)[0]}
    assert got[(("2",), ("2",))] == ("modified", "number")


def test_reused_number_with_unrelated_text_stays_apart() -> None:
    rng = random.Random(10)
    a, b, c, d = (words(rng, 20) for _ in range(4))
    old = document((article("1", a), article("2", b), article("3", c)))
    new = document((article("1", a), article("2", d), article("3", c)))
    got = {(p.old, p.new): p.kind for p in align_documents(old, new)[0]}
    assert got[(("2",), ())] == "removed" and got[((), ("2",))] == "added"


def test_diff_budget_exceeded_is_reported_per_article() -> None:
    old_text_ = " ".join(f"a{i % 997} b{(i * 7) % 1009}" for i in range(20000))
    new_text_ = " ".join(f"a{(i * 3) % 991} b{(i * 5) % 1013}" for i in range(20000))
    old = document((article("12", old_text_),))
    new = document((article("12", new_text_),))
    (pair,), warnings = align_documents(old, new, diff_timeout=0.001)
    assert len(warnings) == 1 and "Art. 12" in warnings[0] and "budget" in warnings[0]
    (para,) = pair.paragraphs
    assert old_text(para.ops) == old_text_ and new_text(para.ops) == new_text_
