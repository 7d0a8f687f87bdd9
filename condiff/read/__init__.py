"""Readers: files in any supported format become a :class:`~condiff.model.Document`.

``read_document`` is the single entry point the CLI, the TUI and the public API use. It resolves
bundled names (``sample:2009``), enforces the size limit, decodes bytes (``encoding.py``), picks
a format by extension or by sniffing, and hands the text to the matching reader.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import CondiffError
from ..model import Document
from .encoding import DEFAULT_MAX_BYTES, decode

FORMATS = ("yaml", "markdown", "text", "akn")
_EXT = {
    ".xml": "akn",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}


def max_bytes() -> int:
    """The input size limit: ``CONDIFF_MAX_BYTES`` if set, else 20 MB."""
    raw = os.environ.get("CONDIFF_MAX_BYTES", "")
    try:
        return int(raw) if raw else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def detect_format(path: str, text: str) -> str:
    """Format by file extension, else by content."""
    ext = Path(path).suffix.lower()
    if ext in _EXT:
        return _EXT[ext]
    head = text.lstrip()[:4000]
    if head.startswith("condiff:") or ("\nprovisions:" in head and ":" in head.split("\n")[0]):
        return "yaml"
    lines = [ln for ln in head.split("\n") if ln.strip()]
    if lines and sum(1 for ln in lines if ln.startswith("#")) >= max(2, len(lines) // 20):
        return "markdown"
    return "text"


def sniff_akn(data: bytes) -> bool:
    """Whether the bytes are XML in an Akoma Ntoso namespace (OASIS 3.0 or LegalDocML.de),
    judged from the first 4 KB without parsing: the namespace decides, not the file name."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and (b"docs.oasis-open.org/legaldocml/ns/akn/" in head
                                      or b"Inhaltsdaten.LegalDocML.de/" in head)


def is_bundled_name(name: str) -> bool:
    """Whether ``name`` names a bundled document (``sample:2009``) rather than a file: it has
    a colon, is not an existing file, and is not a Windows drive path (``C:...``)."""
    return ":" in name and not Path(name).exists() and not (len(name) > 1 and name[1] == ":")


def resolve_path(name: str) -> Path:
    """A file path, or a bundled corpus name such as ``sample:2009``."""
    if is_bundled_name(name):
        from ..corpora import resolve  # bundled corpora; imported only when named

        return resolve(name)
    return Path(name)


def read_document(
    name: str | os.PathLike[str],
    *,
    format: str | None = None,
    profile: str | os.PathLike[str] | None = None,
    limit: int | None = None,
) -> Document:
    """Read a constitution from a file (or bundled name) into a Document.

    Args:
        name: File path, or a bundled name like ``sample:2009``.
        format: "yaml", "markdown", "text" or "akn" (Akoma Ntoso XML); detected when None.
        profile: A heading-profile YAML file for plain text, overriding auto-detection.
        limit: Largest input in bytes (default :func:`max_bytes`).

    Raises:
        CondiffError: for anything wrong with the input, with file:line where known.
    """
    path = resolve_path(os.fspath(name))
    shown = os.fspath(name)
    limit = max_bytes() if limit is None else limit
    try:
        if path.is_dir():
            raise CondiffError("is a folder, not a file", path=shown,
                               hint="Name the constitution file inside it")
        size = path.stat().st_size
        if size > limit:
            raise CondiffError(
                f"the file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB input limit",
                path=shown,
                hint="Raise the limit with --max-size MB (or CONDIFF_MAX_BYTES) if it is "
                "really a constitution",
            )
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise CondiffError("no such file", path=shown,
                           hint="Check the path; bundled documents are listed by "
                           "'condiff corpora list'") from None
    except PermissionError:
        raise CondiffError("permission denied", path=shown,
                           hint="Check the file's permissions") from None
    except OSError as exc:
        raise CondiffError(f"cannot read the file: {exc.strerror or exc}", path=shown) from None
    if len(data) > limit:
        raise CondiffError(f"the input is over the {limit / 1e6:.0f} MB input limit", path=shown,
                           hint="Raise the limit with --max-size MB (or CONDIFF_MAX_BYTES)")
    if format == "akn" or (format is None and (
            _EXT.get(path.suffix.lower()) == "akn"
            or (path.suffix.lower() not in _EXT and sniff_akn(data)))):
        # XML is parsed from its bytes: it declares its own encoding.
        from .akn import parse_akn

        return parse_akn(data, shown)
    text = decode(data, shown)
    fmt = format or detect_format(str(path), text)
    return parse_string(text, fmt, path=shown, profile=profile)


def parse_string(
    text: str,
    format: str,
    *,
    path: str = "<string>",
    profile: str | os.PathLike[str] | None = None,
) -> Document:
    """Parse already-decoded text in the given format."""
    if format == "yaml":
        from .yaml_format import parse_yaml

        return parse_yaml(text, path)
    if format == "markdown":
        from .markdown_format import parse_markdown

        return parse_markdown(text, path, profile=profile)
    if format == "text":
        from .text import parse_text

        return parse_text(text, path, profile=profile)
    if format == "akn":
        from .akn import parse_akn

        return parse_akn(text.encode("utf-8"), path, encoding="utf-8")
    raise CondiffError(f"unknown format {format!r}", hint=f"Use one of: {', '.join(FORMATS)}")
