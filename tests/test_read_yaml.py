"""Canonical YAML reader and writer: the documented example, shorthand, round trip, errors.

(Attacks on the YAML reader — aliases, tags, nesting bombs — are in tests/hostile.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from condiff.errors import CondiffError
from condiff.model import Document, Provision, finalize
from condiff.read import parse_string, read_document
from condiff.read.yaml_format import dump_yaml, parse_yaml

ROOT = Path(__file__).resolve().parent.parent


def _format_example() -> str:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    m = re.search(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert m, "docs/format.md lost its example"
    return m.group(1)


def test_documented_example_reads_as_described() -> None:
    doc = parse_yaml(_format_example(), "format.md")
    assert doc.language == "en" and doc.date == "2009-05-01" and doc.version == "2009"
    assert [u.label for u in doc.units() if u.kind == "article"] == ["1", "2", "2-1", "3"]
    assert doc.find("2.2.b") is not None and doc.find("2.2.b").kind == "item"  # type: ignore[union-attr]
    shorthand = doc.find("2-1")
    assert shorthand is not None and [c.kind for c in shorthand.children] == ["paragraph"] * 2
    assert doc.find("2-1.2") is not None
    assert doc.find("3").repealed  # type: ignore[union-attr]
    assert doc.by_id("art_2__para_2__item_a") is not None


def test_documented_example_round_trips() -> None:
    doc = parse_yaml(_format_example(), "format.md")
    assert parse_yaml(dump_yaml(doc)) == doc


def test_labels_stay_strings_as_written() -> None:
    doc = parse_yaml("provisions:\n  - kind: article\n    label: 1.10\n  - kind: article\n"
                     "    label: 007\n  - kind: article\n    label: yes\n")
    assert [u.label for u in doc.units()] == ["1.10", "007", "yes"]


def test_dump_is_canonical_and_readable() -> None:
    doc = finalize(Document(title="T", language="ru", provisions=(
        Provision(kind="article", label="24", children=(
            Provision(kind="paragraph", label="3", text="Строка один.\nСтрока два."),
        )),
        Provision(kind="article", label="25", repealed=True),
    )))
    text = dump_yaml(doc)
    assert text.startswith("condiff: 1\ntitle: T\nlanguage: ru\nprovisions:\n")
    assert "Строка один." in text  # unicode kept readable
    assert "text: |" in text  # multi-line text as a block
    assert "repealed: true" in text
    assert parse_yaml(text) == doc


@pytest.mark.parametrize(
    ("body", "where", "what"),
    [
        ("title: x\nprovisions:\n  - kind: article\n    label: [1, 2]\n", ":4:12", "must be text"),
        ("title: x\nprovisions:\n  - label: '1'\n", ":3:5", "has no 'kind'"),
        ("title: x\nprovisions:\n  - kind: article\n    repealed: maybe\n", ":4:15",
         "true or false"),
        ("condiff: 2\nprovisions: []\n", ":1:10", "unsupported format version"),
        ("title: x\nprovisions: {a: 1}\n", ":2:13", "must be a list"),
        ("title: x\nprovisions:\n  - kind: article\n    children: text\n", ":4:15",
         "must be a list"),
        ("- just\n- a list\n", ":1:1", "must be a mapping"),
    ],
)
def test_schema_errors_say_where_and_what(body: str, where: str, what: str) -> None:
    with pytest.raises(CondiffError) as info:
        parse_yaml(body, "doc.yaml")
    message = str(info.value)
    assert f"doc.yaml{where}" in message, message
    assert what in message


def test_empty_yaml_document() -> None:
    with pytest.raises(CondiffError, match="empty"):
        parse_yaml("# only a comment\n", "c.yaml")


def test_format_is_detected_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "constitution"
    path.write_text("condiff: 1\ntitle: T\nprovisions:\n  - kind: article\n    label: '1'\n",
                    encoding="utf-8")
    assert read_document(path).title == "T"
    md = tmp_path / "notes"
    md.write_text("# T\n\n## Article 1\n\nText.\n\n## Article 2\n\nMore.\n", encoding="utf-8")
    assert [u.label for u in read_document(md).units()] == ["1", "2"]


def test_unknown_format_name() -> None:
    with pytest.raises(CondiffError, match="unknown format"):
        parse_string("x", "docx")
