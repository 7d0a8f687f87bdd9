"""Turning the bytes of an input file into text, or refusing them clearly.

Constitutions arrive as UTF-8 (with or without a BOM), as UTF-16 from Word exports, and as
legacy Windows code pages from old government sites. We decode strictly and fall back to cp1251
(Cyrillic) or cp1252 (Western) only with a warning, because a wrong guess silently corrupts every
word the differ sees. Binary files and NUL bytes are refused: no constitution contains them.
"""

from __future__ import annotations

import codecs
import os
import re
import warnings

from ..errors import CondiffError, CondiffWarning

#: Default largest input accepted, in bytes (override with --max-size / CONDIFF_MAX_BYTES).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


#: Leading bytes of files people mistake for texts: (signature, what it is, how to convert it).
#: Judged by content, not by name: a Word file saved as ``.txt`` or a PDF without an
#: extension must fail as clearly as ``constitution.pdf``.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF file", "pdftotext -layout {name} constitution.txt"),
    (b"PK\x03\x04", "a ZIP archive (a Word .docx, OpenDocument .odt or another office file)",
     "libreoffice --headless --convert-to txt {name} (or pandoc {name} -t plain -o "
     "constitution.txt)"),
    (b"PK\x05\x06", "an empty ZIP archive", "unpack it and pass the text file inside"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word or Excel file (.doc, .xls)",
     "libreoffice --headless --convert-to txt {name}"),
    (b"{\\rtf", "an RTF document", "libreoffice --headless --convert-to txt {name}"),
)


def refuse_documents_of_other_kinds(data: bytes, path: str) -> None:
    """Refuse PDF, office and archive files by their first bytes, saying how to convert them.

    Raises:
        CondiffError: naming what the file is and a command that extracts its text.
    """
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, what, how in _SIGNATURES:
        # The PDF standard lets a few bytes of junk precede the header (on a line of its own).
        if head.startswith(magic) or (magic == b"%PDF-" and b"\n" + magic in head):
            import shlex  # only for the message

            name = shlex.quote(os.path.basename(path) or "FILE")
            raise CondiffError(
                f"this is {what}, not a text, Markdown or YAML document", path=path,
                hint=f"Convert it to text first: {how.format(name=name)}",
            )


def decode(data: bytes, path: str) -> str:
    """Decode an input file's bytes to text with normalised newlines.

    Raises:
        CondiffError: for empty, binary or undecodable input, and for PDF, office or
            archive files (whatever their name).
    """
    refuse_documents_of_other_kinds(data, path)
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        encoding, body = "utf-32", data
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    if encoding == "utf-8":
        nul = body.find(b"\x00")
        if nul >= 0:
            line, column = _position(body, nul)
            raise CondiffError(
                "this is a binary file (NUL byte), not a text, Markdown or YAML document",
                path=path, line=line, column=column,
                hint="Extract the text first (e.g. pdftotext for a PDF) and pass the .txt file",
            )
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise CondiffError(
                f"the file starts with a {encoding.upper()} byte-order mark but is not valid "
                f"{encoding.upper()}", path=path,
                hint="Re-save the file as UTF-8",
            ) from None
        text = _legacy(body, path, exc)
    if "\x00" in text:
        raise CondiffError("the text contains NUL characters", path=path,
                           hint="Re-save the file as plain UTF-8 text")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CondiffError("the file is empty", path=path,
                           hint="Pass a file that holds the constitution's text")
    if _looks_binary(text):
        raise CondiffError(
            "this looks like a binary file, not a text, Markdown or YAML document", path=path,
            hint="Extract the text first (e.g. pdftotext for a PDF) and pass the .txt file",
        )
    return text


#: Control characters no text file holds: C0 controls except tab, newline, vertical tab, form
#: feed and escape (escapes are shown harmlessly by ``sanitize``, not refused).
_CONTROLS = re.compile("[\x00-\x08\x0d-\x1a\x1c-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = len(_CONTROLS.findall(sample))
    return controls > max(8, len(sample) // 20)


def _legacy(body: bytes, path: str, exc: UnicodeDecodeError) -> str:
    line, column = _position(body, exc.start)
    high = [b for b in body if b >= 0x80]
    # cp1251 puts Cyrillic letters at 0xC0-0xFF; Western text uses those bytes far more sparsely
    # and mostly as isolated accented letters between ASCII letters.
    cyr = sum(1 for b in high if b >= 0xC0)
    cyrillic = bool(high) and cyr / len(high) > 0.6 and len(high) > 0.2 * len(body)
    encoding = "cp1251" if cyrillic else "cp1252"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        raise CondiffError(
            f"the file is not valid UTF-8 (first bad byte at line {line}, column {column}) and "
            "not a recognised legacy encoding", path=path, line=line, column=column,
            hint="Convert it to UTF-8, e.g. iconv -f <encoding> -t utf-8",
        ) from None
    warnings.warn(
        f"{path}:{line}:{column}: not valid UTF-8; read as {encoding}. "
        "Check the output and convert the file to UTF-8 if words look wrong",
        CondiffWarning,
        stacklevel=2,
    )
    return text
