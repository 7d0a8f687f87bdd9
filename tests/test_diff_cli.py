"""``condiff diff``: exit codes like diff, text and JSON output, colour, safety of the output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from condiff.cli import main
from condiff.render import FORMATS

OLD = """\
condiff: 1
title: Test constitution
version: "1"
language: en
provisions:
  - kind: chapter
    label: I
    children:
      - kind: article
        label: "1"
        children:
          - {kind: paragraph, label: "1", text: Everyone has the right to rest.}
          - {kind: paragraph, label: "2", text: "Everyone may strike, as the law provides."}
      - kind: article
        label: "2"
        text: The capital is Riverton.
      - kind: article
        label: "3"
        text: "Terminal \\e[31m red and \\u202e reversed text."
"""

NEW = OLD.replace('version: "1"', 'version: "2"').replace(
    "Everyone may strike, as the law provides.", "Everyone may work, as the law provides.")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_no_differences_exit_0(capsys: pytest.CaptureFixture[str],
                               files: tuple[Path, Path]) -> None:
    old, _ = files
    code, out, err = _run(capsys, "diff", str(old), str(old), "--no-rules")
    assert code == 0, err
    assert "[-" not in out and "{+" not in out


def test_differences_exit_1_with_plain_markers(capsys: pytest.CaptureFixture[str],
                                               files: tuple[Path, Path]) -> None:
    old, new = files
    code, out, err = _run(capsys, "diff", str(old), str(new), "--no-rules", "--no-color")
    assert code == 1, err
    assert "[-strike-]{+work+}" in out.replace(" ", "")
    assert "== Art. 1  [modified" in out
    assert "\x1b" not in out  # not a TTY: no colour, and the hostile escape is made visible
    assert "␛" in out and "<U+202E>" in out


def test_only_changed(capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]) -> None:
    old, new = files
    _, out, _ = _run(capsys, "diff", str(old), str(new), "--no-rules", "--only-changed")
    assert "Art. 1" in out and "== Art. 2" not in out and "Riverton" not in out


def test_json_contract(capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]) -> None:
    old, new = files
    code, out, _ = _run(capsys, "diff", str(old), str(new), "--no-rules", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["schema"] == "condiff.diff/1"
    assert data["old"]["version"] == "1" and data["new"]["language"] == "en"
    first = data["alignment"][0]
    assert first["old"] == ["1"] and first["new"] == ["1"] and first["kind"] == "modified"
    assert first["matched_by"] == "content"
    para = first["paragraphs"][1]
    assert para["old"] == "1.2" and para["new"] == "1.2" and para["kind"] == "modified"
    assert ["-", "strike"] in para["ops"] and ["+", "work"] in para["ops"]
    assert "".join(t for op, t in para["ops"] if op != "+") == (
        "Everyone may strike, as the law provides.")
    assert data["findings"] == [] and data["warnings"] == []


def test_json_is_deterministic(capsys: pytest.CaptureFixture[str],
                               files: tuple[Path, Path]) -> None:
    old, new = files
    outs = {_run(capsys, "diff", str(old), str(new), "--no-rules", "-f", "json")[1]
            for _ in range(2)}
    assert len(outs) == 1


def test_output_file_and_input_protection(capsys: pytest.CaptureFixture[str],
                                          files: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = files
    target = tmp_path / "diff.json"
    code, out, _ = _run(capsys, "diff", str(old), str(new), "--no-rules", "-f", "json",
                        "-o", str(target))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "condiff.diff/1"
    code, _, err = _run(capsys, "diff", str(old), str(new), "--no-rules", "-o", str(new))
    assert code == 2 and "refusing to write" in err
    assert new.read_text(encoding="utf-8") == NEW


def test_missing_input_is_one_line_error(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    code, _, err = _run(capsys, "diff", str(tmp_path / "nope.txt"), str(tmp_path / "x.txt"))
    assert code == 2
    assert err.count("\n") == 1 and "nope.txt" in err and "Traceback" not in err


def test_color_on_a_terminal(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    old, new = files
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    _, out, _ = _run(capsys, "diff", str(old), str(new), "--no-rules")
    assert "\x1b[31;9mstrike" in out and "\x1b[32;4mwork" in out
    _, out, _ = _run(capsys, "diff", str(old), str(new), "--no-rules", "--no-color")
    assert "\x1b[3" not in out


def test_format_choices_come_from_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["diff", "--help"])
    out = capsys.readouterr().out
    for name in FORMATS:
        assert name in out
    assert "examples:" in out


def test_sample_pair_with_rules(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("condiff.rules")
    code, out, _ = _run(capsys, "diff", "sample:2009", "sample:2026", "-f", "json")
    assert code == 1
    data = json.loads(out)
    assert any(f["topic"] == "strike" and f["kind"] == "removed" for f in data["findings"])
    assert any(e["old"] == ["24"] and e["new"] == ["27"] for e in data["alignment"])


def test_timestamp_is_opt_in(capsys):
    """Reports are byte-identical by default; --timestamp adds the generation time."""
    import json

    from condiff.cli import main

    main(["diff", "sample:2009", "sample:2026", "--format", "json", "--no-rules"])
    plain = capsys.readouterr().out
    assert "generated" not in json.loads(plain)
    main(["diff", "sample:2009", "sample:2026", "--format", "json", "--no-rules", "--timestamp"])
    stamped = json.loads(capsys.readouterr().out)
    assert stamped["generated"].endswith("Z")
    main(["diff", "sample:2009", "sample:2026", "--format", "md", "--no-rules", "--timestamp"])
    assert "*Generated 20" in capsys.readouterr().out


def test_coloured_redline_keeps_replaced_words_apart() -> None:
    """Colour alone marks a replacement; without a space "law" and "statute" read as one word."""
    from condiff.model import ArticlePair, Comparison, Document, ParagraphPair
    from condiff.render.text import render

    pp = ParagraphPair("1", "1", None, None, "modified",
                       (("=", "governed by "), ("-", "law"), ("+", "statute"), ("=", ".")))
    pair = ArticlePair(("1",), ("1",), (), (), "modified", 0.8, "number", (pp,))
    c = Comparison(Document(), Document(), alignment=(pair,))
    coloured = render(c, color=True)
    assert "law\x1b[0m \x1b[32;4mstatute" in coloured
    assert "[-law-]{+statute+}" in render(c, color=False)
