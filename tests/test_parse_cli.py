"""``condiff parse`` on good and bad input, run in-process (and once as a real process).

Every refusal must be exactly one line on stderr, name the file (and the line where there is
one), say what to do, exit 2, and never show a traceback.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from condiff.cli import main
from condiff.read import read_document
from condiff.read.yaml_format import parse_yaml

ARTICLES = (
    "Article 1\n1. Everyone has the right to rest.\n2. Everyone may strike.\nArticle 2\nText.\n"
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _assert_refused(code: int, err: str, name: str, *words: str, line: int | None = None) -> None:
    assert code == 2
    lines = err.strip().split("\n")
    assert len(lines) == 1, err
    assert lines[0].startswith("condiff: error: ")
    assert name in lines[0]
    assert "Traceback" not in err
    if line is not None:
        assert f"{name}:{line}" in lines[0], lines[0]
    for word in words:
        assert word.casefold() in lines[0].casefold(), (word, lines[0])


@pytest.mark.parametrize(
    ("name", "data", "words", "line"),
    [
        ("empty.txt", b"", ("empty", "pass a file"), None),
        ("blank.md", b"\n  \n\t\n", ("empty",), None),
        ("binary.txt", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8, ("binary", "extract"),
         1),
        ("nul.txt", b"Article 1\nText\x00more\n", ("binary",), 2),
        ("bad16.txt", codecs.BOM_UTF16_LE + b"A\x00\x00\xd8", ("UTF-16", "UTF-8"), None),
        ("invalid.yaml", b"title: x\nprovisions:\n  - kind: article\n   label: 1\n",
         ("invalid YAML", "indentation"), 4),
        ("python.yaml",
         b"title: !!python/object/apply:os.system ['echo hi']\nprovisions: []\n",
         ("tag", "remove the tag"), 1),
        ("schema.yaml", b"title: x\nprovisions:\n  - kind: planet\n    label: '1'\n",
         ("unknown kind", "Use one of"), 3),
        ("schema2.yaml", b"title: x\nprovisions:\n  - kind: article\n    colour: red\n",
         ("unknown key", "Allowed keys"), 4),
        ("nolist.yaml", b"title: x\n", ("no 'provisions'",), 1),
    ],
)
def test_bad_input_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes,
    words: tuple[str, ...], line: int | None,
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = _run(capsys, "parse", str(path))
    assert out == ""
    _assert_refused(code, err, name, *words, line=line)


def test_undecodable_bytes_fall_back_or_refuse(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    # 0x81, 0x8d, 0x8f, 0x90, 0x9d are undefined in cp1252 and this is not cp1251 text.
    path = tmp_path / "junk.txt"
    path.write_bytes(b"Article 1\nText \x81\x8d\x8f\x90\x9d here.\n")
    code, _, err = _run(capsys, "parse", str(path))
    _assert_refused(code, err, "junk.txt", "not valid UTF-8", "iconv", line=2)


def test_missing_file_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "parse", str(tmp_path / "nope.txt"))
    _assert_refused(code, err, "nope.txt", "no such file")
    code, _, err = _run(capsys, "parse", str(tmp_path))
    _assert_refused(code, err, str(tmp_path), "folder")


def test_bad_profile_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "c.txt"
    text.write_text(ARTICLES, encoding="utf-8")
    prof = tmp_path / "p.yaml"
    prof.write_text("language: pt\n", encoding="utf-8")
    code, _, err = _run(capsys, "parse", str(text), "--profile", str(prof))
    _assert_refused(code, err, "p.yaml", "article:", "docs/profiles.md")


def test_utf16_with_bom_and_crlf_parse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crlf = ARTICLES.replace("\n", "\r\n")
    for name, data in (
        ("utf16.txt", codecs.BOM_UTF16_LE + crlf.encode("utf-16-le")),
        ("utf16be.txt", codecs.BOM_UTF16_BE + crlf.encode("utf-16-be")),
        ("bom8.txt", codecs.BOM_UTF8 + crlf.encode()),
        ("crlf.txt", crlf.encode()),
        ("cr.txt", ARTICLES.replace("\n", "\r").encode()),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        code, out, err = _run(capsys, "parse", str(path), "--format", "yaml")
        assert code == 0, err
        assert err == ""
        doc = parse_yaml(out, name)
        assert [u.label for u in doc.units()] == ["1", "2"], name
        assert doc.find("1.2").text == "Everyone may strike.", name  # type: ignore[union-attr]


def test_cp1251_fallback_warns_once_and_parses(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    text = ("Статья 1\n1. Каждый имеет право на отдых и на труд в условиях безопасности.\n"
            "Статья 2\nГосударство охраняет права граждан и поддерживает их свободы.\n")
    path = tmp_path / "old-ru.txt"
    path.write_bytes(text.encode("cp1251"))
    code, out, err = _run(capsys, "parse", str(path))
    assert code == 0
    warning_lines = [ln for ln in err.strip().split("\n") if ln]
    assert len(warning_lines) == 1
    assert warning_lines[0].startswith("condiff: warning: ") and "cp1251" in warning_lines[0]
    assert "old-ru.txt:1" in warning_lines[0]
    assert "Art. 1" in out and "Art. 2" in out


def test_tree_output_counts_and_outline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.txt"
    path.write_text("Constitution of Testland\n" + ARTICLES + "Article 3\nRepealed.\n",
                    encoding="utf-8")
    code, out, err = _run(capsys, "parse", str(path))
    assert code == 0, err
    assert out.startswith("Constitution of Testland\n")
    assert "article 3" in out and "paragraph 2" in out and "repealed 1" in out
    assert "Art. 3 [repealed]" in out


def test_json_and_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.txt"
    path.write_text(ARTICLES, encoding="utf-8")
    out_path = tmp_path / "c.json"
    code, out, err = _run(capsys, "parse", str(path), "-f", "json", "-o", str(out_path))
    assert code == 0, err
    assert out == ""
    data = json.loads(out_path.read_text(encoding="utf-8"))
    assert [p["label"] for p in data["provisions"]] == ["1", "2"]
    # never overwrite the input
    code, _, err = _run(capsys, "parse", str(path), "-f", "yaml", "-o", str(path))
    assert code == 2 and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == ARTICLES


def test_yaml_output_rereads_equal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.txt"
    path.write_text(ARTICLES, encoding="utf-8")
    out_path = tmp_path / "c.yaml"
    code, _, err = _run(capsys, "parse", str(path), "--format", "yaml", "-o", str(out_path))
    assert code == 0, err
    assert read_document(out_path) == read_document(path)


def test_real_process_refuses_binary_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    proc = subprocess.run(
        [sys.executable, "-m", "condiff", "parse", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "image.md" in proc.stderr
    assert "Traceback" not in proc.stderr
