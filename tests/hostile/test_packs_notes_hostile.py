"""Hostile rule packs and notes files: tags, bombs, bad regexes, corruption, concurrent edits."""

from __future__ import annotations

import time

import pytest

from condiff.errors import CondiffError
from condiff.notes import load_notes, save_notes
from condiff.rules import load_registry

from .conftest import assert_one_line_error, run_cli

RULE = """\
condiff-rules: 1
rules:
  - id: strike
    title: Right to strike
    category: labour
    severity: high
    patterns:
      en: [{regex: "%s"}]
"""


@pytest.mark.parametrize(
    "body",
    [
        "condiff-rules: !!python/object/apply:os.system ['echo pwned']\n",
        "rules: !!python/name:os.system\n",
        "a: &a [x, x, x]\nb: [*a, *a]\n",
        "rules: " + "[" * 500 + "]" * 500 + "\n",
        "rules: [unclosed\n",
        "- a list\n",
    ],
)
def test_hostile_rule_pack_is_one_line_error(capsys, write, body):
    pack = write("pack.yaml", body)
    code, _, err = run_cli(capsys, "diff", "sample:2009", "sample:2026", "--rules", str(pack))
    assert_one_line_error(code, err, "pack.yaml")


@pytest.mark.parametrize("regex", ["(a+)+$", "(a|aa)*b", "(\\\\w+\\\\s?)*$", "(.*)*x"])
def test_catastrophic_regex_refused_at_load(write, regex):
    pack = write("redos.yaml", RULE % regex)
    start = time.monotonic()
    with pytest.raises(CondiffError) as info:
        load_registry(extra_files=[pack])
    assert "redos.yaml" in str(info.value)
    assert time.monotonic() - start < 5


@pytest.mark.parametrize(
    "body",
    [
        "condiff-notes: 1\nnotes: !!python/object/apply:os.system ['echo pwned']\n",
        "condiff-notes: 1\nnotes: [{ref: old:1, text: &t x}, {ref: old:2, text: *t}]\n",
        "condiff-notes: 1\nnotes: [unclosed\n",
        "condiff-notes: 1\nnotes:\n  - ref: nowhere:1\n    text: x\n",
        "condiff-notes: 1\nnotes:\n  - ref: old:1\n    text: [1, 2]\n",
        "\x00\x01binary",
    ],
)
def test_corrupt_notes_file_is_one_line_error(capsys, write, body):
    notes = write("notes.yaml", body)
    before = notes.read_bytes()
    code, _, err = run_cli(capsys, "diff", "sample:2009", "sample:2026", "--notes", str(notes))
    assert_one_line_error(code, err, "notes.yaml")
    assert notes.read_bytes() == before


def test_notes_changed_on_disk_are_never_overwritten(write):
    from condiff.model import Note

    path = write("notes.yaml", "condiff-notes: 1\nnotes:\n  - ref: old:24.3\n    text: mine\n")
    loaded = load_notes(path)
    # Someone else edits the file after we loaded it.
    path.write_text("condiff-notes: 1\nnotes:\n  - ref: old:4.3\n    text: theirs\n")
    with pytest.raises(CondiffError) as info:
        save_notes(path, [*loaded, Note(ref="new:27.3", text="added")],
                   expected_digest=loaded.digest)
    assert "changed" in str(info.value)
    assert "theirs" in path.read_text()
