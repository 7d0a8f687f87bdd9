"""The review UI's pure parts: navigator order, finding lookups, search, go-to, redline text,
notes storage. No terminal needed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from condiff.model import Note, ParagraphPair
from condiff.tui.notes_store import NotesSession, autosave_path, dump, load
from condiff.tui.redline_text import (
    DELETED,
    INSERTED,
    RIGHT_LOST,
    SEARCH_HIT,
    inline_text,
    needs_gap,
    side_text,
)
from condiff.tui.review_model import Mark, ReviewModel, note_side_ref, pair_label
from tests.tui_fixture import build_comparison, word_ops


@pytest.fixture(scope="module")
def model() -> ReviewModel:
    return ReviewModel(build_comparison())


def _index(model: ReviewModel, old: tuple[str, ...], new: tuple[str, ...]) -> int:
    for i, pair in enumerate(model.comparison.alignment):
        if pair.old == old and pair.new == new:
            return i
    raise AssertionError(f"no pair {old} → {new}")


def test_every_pair_listed_once_in_new_order(model: ReviewModel) -> None:
    listed = [e.index for e in model.entries]
    assert sorted(listed) == list(range(len(model.comparison.alignment)))
    new_labels = [model.comparison.alignment[i].new[0] for i in listed
                  if model.comparison.alignment[i].new and
                  model.comparison.alignment[i].new[0].isdigit()]
    assert new_labels == sorted(new_labels, key=int)


def test_removed_article_listed_under_its_old_chapter(model: ReviewModel) -> None:
    removed = model.entry_of(_index(model, ("9",), ()))
    assert "Parliament" in removed.group
    assert removed.label == "9 → —"
    # It follows the pair holding its old predecessor (old 8 → new 9).
    position = model.entries.index(removed)
    assert model.entries[position - 1].index == _index(model, ("8",), ("9",))


def test_findings_attach_to_their_pairs(model: ReviewModel) -> None:
    strike = next(i for i, f in enumerate(model.comparison.findings) if f.topic == "strike")
    assert model.finding_pair[strike] == _index(model, ("5",), ("6",))
    assoc = next(i for i, f in enumerate(model.comparison.findings) if f.topic == "assoc")
    assert model.finding_pair[assoc] == _index(model, (), ("3",))
    marks = model.marks_for("old", "art_5__para_3")
    assert [(m.start, m.end) for m in marks] == [(4, 19)]


def test_filters(model: ReviewModel) -> None:
    kinds = {model.comparison.alignment[e.index].kind for e in model.visible_entries("changed")}
    assert "unchanged" not in kinds
    rights = model.visible_entries("rights")
    assert rights and all(e.findings for e in rights)
    assert len(model.visible_entries("all")) == len(model.comparison.alignment)


def test_step_and_changed_step(model: ReviewModel) -> None:
    first = model.entries[0].index
    assert model.step(first, 1) == model.entries[1].index
    assert model.step(first, -1) is None
    nxt = model.step(first, 1, changed_only=True)
    assert nxt is not None and model.comparison.alignment[nxt].kind != "unchanged"


def test_search_wraps_and_reads_both_sides(model: ReviewModel) -> None:
    old_only = model.search("STRIKE", model.entries[0].index)
    assert old_only == _index(model, ("5",), ("6",))
    new_only = model.search("conciliation", old_only)  # only on the new side; wraps to itself
    assert new_only == old_only
    assert model.search("no such words here", 0) is None


@pytest.mark.parametrize(
    ("typed", "old", "new", "side"),
    [
        ("6", ("5",), ("6",), "new"),
        ("old:6", ("6",), ("7",), "old"),
        ("old 5.3", ("5",), ("6",), "old"),
        ("Art. 7", ("6",), ("7",), "new"),
        ("9", ("8",), ("9",), "new"),
        ("old:9", ("9",), (), "old"),
    ],
)
def test_goto(model: ReviewModel, typed: str, old: tuple[str, ...], new: tuple[str, ...],
              side: str) -> None:
    assert model.goto(typed) == (_index(model, old, new), side)


def test_goto_unknown(model: ReviewModel) -> None:
    assert model.goto("old:999") is None
    assert model.goto("") is None


def test_notes_for_pair_and_default_ref(model: ReviewModel) -> None:
    pair = _index(model, ("5",), ("6",))
    notes = [Note("old:5.3", "x"), Note("new:6", "y"), Note("new:7", "z")]
    assert [n.text for n in model.notes_for(pair, notes)] == ["x", "y"]
    strike = model.findings_by_pair[pair][0]
    assert model.default_note_ref(pair, strike) == "old:5.3"
    assert model.default_note_ref(pair) == "new:6"
    assert note_side_ref("old:5.3") == ("old", "5.3")


def test_pair_label() -> None:
    pair = build_comparison().alignment[3]
    assert pair_label(pair) == "— → 3"


def test_rows_rebuilt_when_aligner_left_them_empty(model: ReviewModel) -> None:
    index = _index(model, ("5",), ("6",))
    bare = replace(model.comparison.alignment[index], paragraphs=())
    comparison = replace(model.comparison, alignment=(
        *model.comparison.alignment[:index], bare, *model.comparison.alignment[index + 1:]))
    rows = ReviewModel(comparison).rows(index)
    assert [r.kind for r in rows] == ["unchanged", "unchanged", "modified"]


def _styles_of(text: object, needle: str) -> list[object]:
    from rich.text import Text

    assert isinstance(text, Text)
    start = text.plain.index(needle)
    return [span.style for span in text.spans if span.start <= start < span.end]


def test_side_text_styles_and_rights_highlight(model: ReviewModel) -> None:
    row = model.rows(_index(model, ("5",), ("6",)))[2]
    findings = model.comparison.findings
    old = side_text(row.ops, "old", marks=model.marks_for("old", row.old_id), findings=findings)
    new = side_text(row.ops, "new", findings=findings)
    assert old.plain == "The right to strike is recognised."
    assert new.plain == "Labour disputes are settled by conciliation as the law provides."
    strike_style = _styles_of(old, "strike")[-1]
    assert strike_style == DELETED + RIGHT_LOST
    assert _styles_of(old, "recognised") == [DELETED]
    assert _styles_of(new, "Labour") == [INSERTED]


def test_inline_text_keeps_both_sides_in_order() -> None:
    ops = word_ops("the cat sat", "the dog sat")
    text = inline_text(ops, query="sat")
    # A deletion and an insertion that touch are shown a space apart, never run together.
    assert text.plain == "the cat dog sat"
    assert _styles_of(text, "cat") == [DELETED]
    assert _styles_of(text, "dog") == [INSERTED]
    assert SEARCH_HIT in _styles_of(text, "sat")


def test_inline_never_runs_a_word_into_its_replacement() -> None:
    """The reviewer's case: a name extended before a full stop read "РеспубликиРеспублики
    Казахстан"; the kept word is kept once, and a replaced word stands apart from its
    replacement."""
    from condiff.redline import redline

    extended = inline_text(redline("суверенитет Республики.", "суверенитет Республики Казахстан."))
    assert extended.plain == "суверенитет Республики Казахстан."
    assert _styles_of(extended, "Казахстан") == [INSERTED]
    assert DELETED not in _styles_of(extended, "Республики")
    replaced = inline_text(redline("governed by law.", "governed by statute."))
    assert replaced.plain == "governed by law statute."
    assert _styles_of(replaced, "law") == [DELETED]
    assert _styles_of(replaced, "statute") == [INSERTED]


def test_escape_sequences_shown_not_obeyed() -> None:
    hostile = "Evil \x1b]52;c;ZXZpbA==\x07 [bold]markup[/bold] \u202eabc"
    ops = (("=", hostile),)
    text = side_text(ops, "old", marks=(Mark(0, 4, 0),),
                     findings=build_comparison().findings)
    assert "\x1b" not in text.plain and "\x07" not in text.plain
    assert "\u202e" not in text.plain
    assert "␛" in text.plain and "[bold]markup[/bold]" in text.plain
    # Highlight stays on the word "Evil" although the text got longer.
    assert _styles_of(text, "Evil")[-1] == RIGHT_LOST


@given(st.lists(st.tuples(st.sampled_from("=-+"), st.text(min_size=1, max_size=12)),
                max_size=12),
       st.text(max_size=3))
def test_side_texts_reproduce_both_versions(ops: list[tuple[str, str]], query: str) -> None:
    from condiff.sanitize import visible

    old = "".join(s for op, s in ops if op != "+")
    new = "".join(s for op, s in ops if op != "-")
    marks = (Mark(1, 5, 0),)
    findings = build_comparison().findings
    assert side_text(ops, "old", marks=marks, findings=findings, query=query).plain == \
        visible(old)
    assert side_text(ops, "new", marks=marks, findings=findings, query=query).plain == \
        visible(new)
    shown = "".join((" " if k and needs_gap(ops[k - 1], op) else "") + visible(op[1])
                    for k, op in enumerate(ops))
    assert inline_text(ops, old_marks=marks, findings=findings, query=query).plain == shown


def test_notes_roundtrip_and_autosave(tmp_path: Path) -> None:
    path = tmp_path / "kz.notes.yaml"
    session = NotesSession.open(path, old_label="A 2001", new_label="A 2024")
    session.put(Note("old:5.3", "Strike clause gone.", "Rev", ("strike",)))
    assert session.dirty and autosave_path(path).exists() and not path.exists()
    # A crash now: a new session recovers the autosave.
    recovered = NotesSession.open(path)
    assert recovered.recovered and [n.text for n in recovered.notes] == ["Strike clause gone."]
    session.save()
    assert not session.dirty and not autosave_path(path).exists()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["condiff-notes"] == 1 and data["old"] == "A 2001"
    assert data["notes"][0]["ref"] == "old:5.3" and data["notes"][0]["tags"] == ["strike"]
    assert [n.text for n in load(path)] == ["Strike clause gone."]
    # Editing with empty text deletes.
    session.put(Note("old:5.3", ""), 0)
    assert session.notes == []


def test_notes_never_written_over_an_input(tmp_path: Path) -> None:
    from condiff.errors import CondiffError

    doc = tmp_path / "new.yaml"
    doc.write_text("x", encoding="utf-8")
    session = NotesSession(doc, [Note("new:1", "t")], inputs=[doc])
    with pytest.raises(CondiffError):
        session.save()
    assert doc.read_text(encoding="utf-8") == "x"


def test_dump_is_the_shared_format() -> None:
    text = dump([Note("new:27.3", "t", "A", ("x",), "2026-01-01T00:00:00Z")], new_label="N")
    data = yaml.safe_load(text)
    assert data == {"condiff-notes": 1, "new": "N", "notes": [
        {"ref": "new:27.3", "author": "A", "text": "t", "tags": ["x"],
         "created": "2026-01-01T00:00:00Z"}]}


def test_paragraph_pair_contract_in_fixture() -> None:
    for pair in build_comparison().alignment:
        for row in pair.paragraphs:
            assert isinstance(row, ParagraphPair)
            assert row.ops


def test_review_command_errors_speak_to_people(capsys: pytest.CaptureFixture[str]) -> None:
    from condiff.cli import main

    assert main(["review", "only-one.txt"]) == 2
    assert "give two documents" in capsys.readouterr().err
    assert main(["review"]) == 2  # pytest's stdin is not a terminal
    assert "needs an interactive terminal" in capsys.readouterr().err


def test_save_refuses_to_overwrite_an_edit_made_on_disk(tmp_path: Path) -> None:
    from condiff.errors import CondiffError

    path = tmp_path / "n.notes.yaml"
    path.write_text("condiff-notes: 1\nnotes: []\n", encoding="utf-8")
    session = NotesSession.open(path)
    path.write_text("condiff-notes: 1\nnotes:\n  - ref: new:1\n    text: theirs\n",
                    encoding="utf-8")
    session.put(Note("new:2", "mine"))
    with pytest.raises(CondiffError, match="changed on disk"):
        session.save()
    assert "theirs" in path.read_text(encoding="utf-8")
    assert "mine" in autosave_path(path).read_text(encoding="utf-8")  # nothing lost


def test_unattached_notes_are_listed(model: ReviewModel) -> None:
    from condiff.tui.widgets.annotations import annotation_renderable

    notes = [Note("old:5.3", "here"), Note("old:99.9", "lost article")]
    assert [n.text for n in model.unattached_notes(notes)] == ["lost article"]
    text = annotation_renderable(model, 0, [], None, model.unattached_notes(notes)).plain
    assert "Notes on no article of either version (1)" in text and "lost article" in text
