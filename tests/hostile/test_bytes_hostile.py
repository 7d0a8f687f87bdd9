"""Hostile bytes: empty, binary, NUL, broken encodings, huge inputs, no structure."""

from __future__ import annotations

import codecs
import contextlib
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from condiff.errors import CondiffError
from condiff.read import parse_string, read_document

from .conftest import assert_one_line_error, run_cli


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"", "empty"),
        (b"   \n\t\n  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (b"Article 1\nText\x00with a NUL\n", "NUL"),
        (bytes(range(1, 32)) * 300, "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "UTF-16"),
    ],
)
@pytest.mark.parametrize("ext", [".txt", ".md", ".yaml"])
def test_refused_with_one_line(capsys, write, data, what, ext):
    path = write("input" + ext, data)
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "input" + ext, what)


def test_invalid_utf8_falls_back_with_warning(capsys, write):
    # Western European text saved as cp1252: decodes with a warning, words intact.
    text = "Article 1\nLa libert\xe9 d'expression est garantie.\n"
    path = write("legacy.txt", text.encode("cp1252"))
    code, out, err = run_cli(capsys, "parse", str(path), "--format", "yaml")
    assert code == 0, err
    assert "liberté" in out
    assert "warning" in err and "cp1252" in err and "legacy.txt:2:" in err


def test_cyrillic_cp1251_fallback(capsys, write):
    text = "Статья 1\nКаждый имеет право на жизнь. Государство гарантирует свободу слова.\n"
    path = write("legacy-ru.txt", text.encode("cp1251"))
    code, out, err = run_cli(capsys, "parse", str(path), "--format", "yaml")
    assert code == 0, err
    assert "Каждый имеет право" in out
    assert "cp1251" in err


def test_mixed_encodings_do_not_crash(capsys, write):
    data = "Article 1\nFirst é.\n".encode() + "Article 2\nSecond é.\n".encode("cp1252")
    path = write("mixed.txt", data)
    code, _, err = run_cli(capsys, "parse", str(path))
    assert code == 0, err
    assert "warning" in err


def test_over_size_limit_is_refused_quickly(capsys, write, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing 50 MB
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "huge.txt", "input limit", "--max-size")


def test_max_size_option_lowers_the_limit(capsys, write):
    path = write("small.txt", "Article 1\n" + "word " * 1000)
    code, _, err = run_cli(capsys, "parse", str(path), "--max-size", "0.001")
    assert_one_line_error(code, err, "small.txt", "input limit")


def test_single_5mb_line(write):
    path = write("oneline.txt", "Article 1 " + "freedom " * (5 * 1024 * 1024 // 8))
    doc = read_document(path)
    assert doc.units()
    assert sum(len(u.full_text()) for u in doc.units()) > 4_000_000


def test_100000_tiny_articles(write):
    body = "".join(f"Article {i}\nText {i}.\n" for i in range(1, 100_001))
    doc = read_document(write("many.txt", body))
    units = [u for u in doc.units() if u.kind == "article"]
    assert len(units) == 100_000
    assert units[-1].label == "100000"


def test_no_structure_is_one_provision_with_warning(write):
    path = write("prose.txt", "Just a letter to the editor.\nIt has no articles at all.\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = read_document(path)
    assert len(doc.units()) == 1
    assert "editor" in doc.units()[0].full_text()
    assert any("structure" in str(w.message) for w in caught)


@given(st.binary(max_size=2000))
def test_random_bytes_raise_only_condiff_error(data):
    import os
    import tempfile

    for ext in (".txt", ".md", ".yaml"):
        fd, name = tempfile.mkstemp(suffix=ext)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            with warnings.catch_warnings(), contextlib.suppress(CondiffError):
                warnings.simplefilter("ignore")
                read_document(name)
        finally:
            os.unlink(name)


@given(st.text(max_size=3000), st.sampled_from(["text", "markdown", "yaml"]))
def test_random_text_raises_only_condiff_error(text, fmt):
    with warnings.catch_warnings(), contextlib.suppress(CondiffError):
        warnings.simplefilter("ignore")
        parse_string(text, fmt, path="random")
