"""Reviewer notes: load with validation, merge, attach to findings, atomic save with a backup,
conflict detection, and orphans kept and warned about (file contents checked)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from condiff.errors import CondiffError
from condiff.model import Comparison, Finding, Note
from condiff.notes import (
    NotesFile,
    attach_notes,
    dump_notes,
    load_notes,
    merge_notes,
    orphans,
    parse_notes,
    save_notes,
    split_ref,
)
from tests.test_rules_support import doc

SAMPLE = """\
condiff-notes: 1
old: "Veridia 2009"
new: "Veridia 2026"
notes:
  - ref: old:24.3
    author: A. Reviewer
    text: The strike clause is gone.
    tags: [strike, follow-up]
    created: "2026-11-27T10:00:00Z"
  - ref: new:27
    text: Check the labour article as a whole.
  - ref: old:99.9
    author: B. Monitor
    text: This article was renumbered again.
"""


def comparison() -> Comparison:
    old = doc("en", ("24", ["Work is free.", "Workers may strike.", "Rest is guaranteed."]))
    new = doc("en", ("27", ["Work is free.", "Disputes go to court.", "Rest is guaranteed."]))
    finding = Finding(topic="strike", title="Right to strike", kind="removed",
                      severity="high", confidence=0.9, old=("24.2",), new=("27.2",))
    other = Finding(topic="life", title="Life", kind="moved", severity="info", confidence=0.5,
                    old=("24.1",), new=("27.1",))
    return Comparison(old=old, new=new, findings=(finding, other))


def test_parse_notes_reads_every_field() -> None:
    nf = parse_notes(SAMPLE, "notes.yaml")
    assert nf.old == "Veridia 2009" and nf.new == "Veridia 2026"
    assert len(nf) == 3
    first = nf.notes[0]
    assert first == Note(ref="old:24.3", text="The strike clause is gone.",
                         author="A. Reviewer", tags=("strike", "follow-up"),
                         created="2026-11-27T10:00:00Z")
    assert nf.notes[1].author == "" and nf.notes[1].tags == ()


@pytest.mark.parametrize(("text", "message", "line"), [
    ("condiff-notes: 1\nnotes:\n  - ref: 24.3\n    text: x\n", "needs a side prefix", 3),
    ("condiff-notes: 1\nnotes:\n  - ref: middle:24.3\n    text: x\n", "side prefix", 3),
    ("condiff-notes: 1\nnotes:\n  - ref: old:1\n    text: x\n    mood: sad\n",
     "unknown key 'mood'", 5),
    ("condiff-notes: 1\nnotes:\n  - ref: old:1\n", "needs 'text'", 3),
    ("condiff-notes: 1\nnotes:\n  - ref: old:1\n    text: '  '\n", "must not be empty", 4),
    ("condiff-notes: 1\nnotes:\n  - ref: old:1\n    text: x\n    tags: {a: 1}\n",
     "tags must be a list", 5),
    ("condiff-notes: 2\nnotes: []\n", "expected condiff-notes: 1", 1),
    ("condiff-notes: 1\nnotes: {}\n", "notes must be a list", 2),
    ("condiff-notes: 1\nextra: 1\n", "unknown key 'extra'", 2),
    ("- just a list\n", "must be a mapping", 1),
    ("condiff-notes: 1\nnotes: [\n", "invalid YAML", None),
])
def test_bad_notes_fail_with_file_and_line(text: str, message: str, line: int | None) -> None:
    with pytest.raises(CondiffError) as err:
        parse_notes(text, "n.yaml")
    assert message in str(err.value)
    assert str(err.value).startswith("n.yaml")
    if line is not None:
        assert err.value.line == line


def test_load_notes_file_problems(tmp_path: Path) -> None:
    with pytest.raises(CondiffError, match="not found"):
        load_notes(tmp_path / "none.yaml")
    empty = load_notes(tmp_path / "none.yaml", missing_ok=True)
    assert len(empty) == 0 and empty.digest == ""
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("condiff-notes: 1\nold: caf\xe9\n".encode("latin-1"))
    with pytest.raises(CondiffError, match="not UTF-8"):
        load_notes(latin)


def test_attach_notes_to_findings_and_keep_orphans() -> None:
    c = attach_notes(comparison(), parse_notes(SAMPLE))
    strike = next(f for f in c.findings if f.topic == "strike")
    life = next(f for f in c.findings if f.topic == "life")
    # new:27 covers 27.2 and 27.1 (the whole article); old:24.3 is not 24.2
    assert [n.ref for n in strike.notes] == ["new:27"]
    assert [n.ref for n in life.notes] == ["new:27"]
    assert len(c.notes) == 3  # the orphan is kept
    assert any("old:99.9" in w and "kept" in w for w in c.warnings)
    assert [n.ref for n in orphans(c, c.notes)] == ["old:99.9"]


def test_note_on_exact_ref_attaches() -> None:
    note = Note(ref="old:Art. 24(2)", text="Strike clause.")
    c = attach_notes(comparison(), [note])
    strike = next(f for f in c.findings if f.topic == "strike")
    assert strike.notes == (note,)
    assert not c.warnings


def test_merge_notes_keeps_order_and_drops_exact_duplicates() -> None:
    a = Note(ref="old:1", text="one")
    b = Note(ref="new:2", text="two")
    assert merge_notes([a, b], [b, a, Note(ref="old:1", text="one", author="X")]) == (
        a, b, Note(ref="old:1", text="one", author="X"))


def test_save_round_trip_backup_and_content(tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    loaded = load_notes(path)
    added = Note(ref="new:27.2", text="Ask the drafters: «почему?»", author="C",
                 tags=("question",))
    saved = save_notes(path, (*loaded.notes, added), old=loaded.old, new=loaded.new,
                       expected_digest=loaded.digest)
    # the backup holds exactly the previous bytes
    assert (tmp_path / "notes.yaml.bak").read_text(encoding="utf-8") == SAMPLE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["condiff-notes"] == 1 and data["old"] == "Veridia 2009"
    assert data["notes"][0] == {"ref": "old:24.3", "author": "A. Reviewer",
                                "text": "The strike clause is gone.",
                                "tags": ["strike", "follow-up"],
                                "created": "2026-11-27T10:00:00Z"}
    assert data["notes"][3] == {"ref": "new:27.2", "author": "C",
                                "text": "Ask the drafters: «почему?»", "tags": ["question"]}
    assert load_notes(path).notes == (*loaded.notes, added)
    assert saved.digest == load_notes(path).digest
    # no temporary files left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.yaml", "notes.yaml.bak"]


def test_save_refuses_to_overwrite_someone_elses_edit(tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    mine = load_notes(path)
    theirs = SAMPLE + "  - ref: new:1\n    text: Their note.\n"
    path.write_text(theirs, encoding="utf-8")
    with pytest.raises(CondiffError, match="changed on disk"):
        save_notes(path, mine.notes, expected_digest=mine.digest)
    assert path.read_text(encoding="utf-8") == theirs  # untouched
    assert not (tmp_path / "notes.yaml.bak").exists()
    # the way out: reload, merge, save against the new digest
    again = load_notes(path)
    merged = merge_notes(again.notes, [Note(ref="old:1", text="Mine.")])
    save_notes(path, merged, expected_digest=again.digest)
    texts = [n.text for n in load_notes(path).notes]
    assert "Their note." in texts and "Mine." in texts


def test_save_new_file_expects_absence(tmp_path: Path) -> None:
    path = tmp_path / "fresh.yaml"
    nf = load_notes(path, missing_ok=True)
    save_notes(path, [Note(ref="old:1", text="First.")], expected_digest=nf.digest)
    assert not (tmp_path / "fresh.yaml.bak").exists()
    path.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(CondiffError, match="changed on disk"):
        save_notes(path, [], expected_digest=nf.digest)


def test_save_refuses_inputs_and_bad_refs(tmp_path: Path) -> None:
    constitution = tmp_path / "old.txt"
    constitution.write_text("Article 1\nText.\n", encoding="utf-8")
    with pytest.raises(CondiffError, match="refusing"):
        save_notes(constitution, [Note(ref="old:1", text="x")], inputs=[constitution])
    assert constitution.read_text(encoding="utf-8") == "Article 1\nText.\n"
    with pytest.raises(CondiffError, match="side prefix"):
        dump_notes([Note(ref="24.3", text="x")])


def test_split_ref() -> None:
    assert split_ref("old:24.3") == ("old", "24.3")
    assert split_ref(" new: Art. 27(3) ") == ("new", "Art. 27(3)")
    with pytest.raises(CondiffError):
        split_ref("24.3")


def test_notes_file_is_iterable() -> None:
    nf = NotesFile(notes=(Note(ref="old:1", text="x"),))
    assert list(nf) == list(nf.notes)
