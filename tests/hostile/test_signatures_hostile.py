"""Files of other kinds, named like anything: PDF, office (ZIP) and RTF files are refused by
their content with one line that says what the file is and how to convert it."""

from __future__ import annotations

import io
import zipfile

import pytest

from .conftest import assert_one_line_error, run_cli


def _office(member: str) -> bytes:
    """A minimal office container: a ZIP holding one XML part, as Word or LibreOffice write."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, "<doc><p>Article 1. Everyone may speak.</p></doc>")
    return buffer.getvalue()


# A PDF that is text from start to end (no NUL byte): decoded as cp1252 before, it ran
# through the text reader and exited 0.
_PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        b"Article 1 Everyone may speak.\ntrailer\n%%EOF\n")


@pytest.mark.parametrize(
    ("name", "data", "what", "how"),
    [
        ("draft.docx", _office("word/document.xml"), "ZIP archive", "libreoffice"),
        ("draft.odt", _office("content.xml"), "ZIP archive", "libreoffice"),
        ("draft.txt", _office("word/document.xml"), "ZIP archive", "libreoffice"),
        ("draft.pdf", _PDF, "PDF file", "pdftotext"),
        ("draft.md", b"\xef\xbb\xbf" + _PDF, "PDF file", "pdftotext"),
        ("draft", b"junk line\n" + _PDF, "PDF file", "pdftotext"),
        ("draft.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 600, "old Word", "txt"),
        ("draft.txt", b"{\\rtf1\\ansi Article 1 Everyone may speak.\\par}", "RTF", "txt"),
    ],
    ids=["docx", "odt", "zip-as-txt", "pdf", "pdf-with-bom", "pdf-after-junk", "ole2", "rtf"],
)
@pytest.mark.parametrize("command", ["parse", "diff"])
def test_other_kinds_refused_by_content(capsys, write, name, data, what, how, command):
    path = write(name, data)
    args = [command, str(path)] + (["sample:2026"] if command == "diff" else [])
    code, out, err = run_cli(capsys, *args)
    assert_one_line_error(code, err, name, what, "Convert it to text first", how, name)
    assert out == ""


def test_text_mentioning_a_pdf_is_read(capsys, write):
    path = write("notes.txt", "Article 1\nThe file %PDF-1.4 is cited here.\n")
    code, out, err = run_cli(capsys, "parse", str(path))
    assert code == 0, err
    assert "Art. 1" in out
