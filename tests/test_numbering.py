"""Saying when a reader cannot find every article: the numbering checked after reading, the
warning every command prints, ``--strict``, the JSON field and the review summary line.

The texts are invented here (an imaginary republic); one test deletes headings from a real text
in a temporary copy, and skips when the real texts are absent.
"""

from __future__ import annotations

import dataclasses
import json
import re
import warnings
from pathlib import Path

import pytest

from condiff.cli import main
from condiff.model import Document, NumberingIssue, Provision, finalize
from condiff.read.numbering import NumberingWarning, check, describe, number_of
from condiff.read.text import parse_text
from tests.conftest import raw_path

SCHEMA = Path(__file__).resolve().parent.parent / "condiff/render/schema/condiff.diff-1.schema.json"


def _doc(*labels: str, kind: str = "article") -> Document:
    return finalize(Document(provisions=tuple(
        Provision(kind=kind, label=label, text=f"Text {i}.", line=i)
        for i, label in enumerate(labels, 1))))


def _text(numbers: list[int], *, skip: tuple[int, ...] = ()) -> str:
    lines = ["Constitution of the Republic of Veridia", ""]
    for n in numbers:
        if n in skip:
            lines.append(f"The council meets in the {n}th month to hear petitions.")
        else:
            lines.append(f"Article {n}")
            lines.append(f"Every citizen of the {n}th district may petition the council.")
        lines.append("")
    return "\n".join(lines)


def test_a_complete_numbering_has_no_issues() -> None:
    assert check(_doc("1", "2", "2a", "3", "3 bis", "4", "4-1", "5", "6-9", "10", "11")) == ()
    assert check(_doc("I", "II", "III", "IV")) == ()


def test_gaps_duplicates_and_order() -> None:
    issues = check(_doc("1", "2", "5", "6", "6", "8", "7"))
    assert [(i.kind, i.labels, i.after, i.before) for i in issues] == [
        ("gap", ("3", "4"), "2", "5"),
        ("duplicate", ("6",), "6", "8"),
        ("gap", ("7",), "6", "8"),
        ("order", ("7",), "8", ""),
    ]
    assert issues[0].line == 3 and issues[0].series == "main"


def test_roman_gaps_are_written_in_roman() -> None:
    [issue] = check(_doc("I", "II", "V"))
    assert issue.labels == ("III", "IV")


def test_transitional_series_are_checked_apart_and_restart() -> None:
    doc = finalize(Document(provisions=(
        *(Provision(kind="article", label=str(n), text="x") for n in (1, 2, 3)),
        *(Provision(kind="transitional", label=w, text="x")
          for w in ("Primera", "Segunda", "Primera", "Tercera")),
    )))
    [issue] = check(doc)
    assert (issue.kind, issue.series, issue.labels) == ("gap", "transitional", ("2",))


def test_ordinal_words_and_letters_count_as_numbers() -> None:
    assert number_of("Vigésimo octava")[:2] == (28, 28)  # type: ignore[index]
    assert number_of("Forty-sixth")[:2] == (46, 46)  # type: ignore[index]
    assert number_of("379-391")[:2] == (379, 391)  # type: ignore[index]
    assert check(_doc("A", "B", "C", "D", "I", kind="transitional")) == (
        NumberingIssue("gap", "transitional", ("E", "F", "G", "H"), "D", "I", 5),)


def test_describe_compresses_runs() -> None:
    issues = check(_doc("1", "2", *map(str, range(17, 41)), "41", "43", "43"))
    text = describe(issues)
    assert text.startswith("articles 3–16, 42 not found (headings not recognised?)")
    assert "article 43 read twice" in text


def test_reader_records_and_warns_about_lost_headings() -> None:
    text = _text(list(range(1, 13)), skip=(4, 7, 8))
    with pytest.warns(NumberingWarning, match=r"v\.txt: articles 4, 7, 8 not found"):
        doc = parse_text(text, "v.txt")
    assert [u.label for u in doc.units() if u.kind == "article"] == [
        str(n) for n in range(1, 13) if n not in (4, 7, 8)]
    assert [(i.kind, i.labels) for i in doc.numbering] == [("gap", ("4",)), ("gap", ("7", "8"))]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        clean = parse_text(_text(list(range(1, 13))), "clean.txt")
    assert clean.numbering == ()


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_commands_warn_and_strict_exits_2(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path, "old.txt", _text(list(range(1, 13))))
    new = _write(tmp_path, "new.txt", _text(list(range(1, 13)), skip=(4, 7, 8)))
    for argv in (["parse", new], ["diff", old, new], ["check", old, new]):
        code = main(argv)
        err = capsys.readouterr().err
        assert code in (0, 1), (argv, err)
        warning = [ln for ln in err.splitlines() if "not found" in ln]
        assert len(warning) == 1, (argv, err)
        assert warning[0].startswith("condiff: warning: ")
        assert "new.txt: articles 4, 7, 8 not found" in warning[0]
        assert "condiff parse" in warning[0]
    for argv in (["parse", new, "--strict"], ["diff", old, new, "--strict"],
                 ["check", old, new, "--strict"]):
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2, argv
        [line] = err.strip().splitlines()
        assert line.startswith("condiff: error: ") and "new.txt" in line
        assert "articles 4, 7, 8 not found" in line and "Traceback" not in err
    assert main(["parse", old, "--strict"]) == 0


def test_json_carries_the_numbering_and_matches_the_schema(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    old = _write(tmp_path, "old.txt", _text(list(range(1, 13))))
    new = _write(tmp_path, "new.txt", _text(list(range(1, 13)), skip=(7,)))
    main(["diff", old, new, "--format", "json", "--no-rules"])
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert "numbering" not in data["old"]
    [issue] = data["new"]["numbering"]
    assert issue["kind"] == "gap" and issue["labels"] == ["7"] and issue["series"] == "main"
    assert (issue["after"], issue["before"]) == ("6", "8") and issue["line"] > 0


def test_review_summary_names_the_gaps() -> None:
    pytest.importorskip("textual")
    from condiff.tui.widgets.summary import numbering_line

    clean = _doc("1", "2", "3")
    broken = dataclasses.replace(clean, numbering=check(_doc("1", "4")))
    assert numbering_line(clean, clean) == ""
    line = numbering_line(clean, broken)
    assert line.startswith("⚠ new: articles 2, 3 not found") and "condiff parse" in line


@pytest.mark.corpora
def test_real_text_with_three_headings_deleted(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    # A real text in a temporary copy (never into the project) with three article headings
    # turned into plain words: the warning names exactly those three numbers.
    source = raw_path("kazakhstan-1995-rev1998-en.txt").read_text(encoding="utf-8")
    for n in (17, 45, 46):
        source, count = re.subn(rf"(?m)^Article {n}\b\.?", "", source, count=1)
        assert count == 1, n
    path = _write(tmp_path, "kz.txt", source)
    assert main(["parse", path]) == 0
    err = capsys.readouterr().err
    assert "kz.txt: articles 17, 45, 46 not found" in err
    assert main(["parse", path, "--strict"]) == 2
    assert "articles 17, 45, 46 not found" in capsys.readouterr().err


@pytest.mark.parametrize(("word", "value"), [
    ("First", 1), ("Eight", 8), ("Forty-sixth", 46), ("TWENTY-SIX", 26), ("ninety-ninth", 99),
    ("PRIMERA", 1), ("tercer", 3), ("undécima", 11), ("DUODECIMA", 12), ("Decimotercera", 13),
    ("DECIMOCTAVA", 18), ("VIGESIMANOVENA", 29), ("Vigésimo octava", 28),
    ("Sexagésima segunda", 62), ("cuadragésimo", 40), ("Schedule", 0), ("primate", 0),
])
def test_ordinal_and_cardinal_words(word: str, value: int) -> None:
    from condiff.read.text.ordinals import ordinal_value

    assert ordinal_value(word) == value
