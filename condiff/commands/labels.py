"""What to call the two versions: the label a reader sees in every header, report and the UI.

A consolidated text is not the text as adopted: the 1995 Kazakh constitution "as amended 2022"
is what a reviewer compares, and a report that calls it "(1995-08-30)" misleads. A version's
label comes, first to last:

1. ``--label`` (given twice: the old version's, then the new one's), for any file;
2. the document itself: ``version`` in canonical YAML or in Markdown front matter;
3. the registry of real texts (``condiff corpora list --registry``), when the file is byte for
   byte a registered reference copy: its version ("1995, as amended 2022 (…)") and country.

Cheap enough for ``condiff check``: the registry is opened only when a file has no version, and
hashed only when the file's size is one the registry lists.
"""

from __future__ import annotations

import argparse
import os
import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from ..model import Document


def add_label_arguments(parser: argparse.ArgumentParser) -> None:
    """``--label TEXT`` (twice: old, then new), as ``diff -L`` names its two inputs."""
    parser.add_argument(
        "--label", metavar="TEXT", action="append", default=[],
        help="what to call a version in headers and reports, e.g. '1995 as amended to 2022'; "
        "give it twice for OLD then NEW (default: the file's own version, else the registry's "
        "for a registered reference text)")


def _sha256(data: bytes) -> str:
    # CPython's own SHA-256 (no OpenSSL to load: a few milliseconds of `condiff check`);
    # hashlib where that module is missing.
    try:
        from _sha2 import sha256  # type: ignore[import-not-found]  # Python 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef]
        except ImportError:
            from hashlib import sha256
    return str(sha256(data).hexdigest())


def _registry_entry(path: str) -> dict[str, str] | None:
    """The ``country`` and ``version`` of the registry entry whose reference file is byte for
    byte the file at ``path``. The registry is condiff's own file, one ``key: value`` a line,
    so its entry is read without loading a YAML parser."""
    from ..corpora import DATA_DIR

    try:
        size = os.path.getsize(path)
        registry = (DATA_DIR / "registry.yaml").read_text(encoding="utf-8")
    except OSError:
        return None
    if not re.search(rf"^\s*bytes:\s*{size}\s*$", registry, re.MULTILINE):
        return None
    try:
        with open(path, "rb") as fh:
            digest = _sha256(fh.read())
    except OSError:
        return None
    for entry in re.split(r"^  - ", registry, flags=re.MULTILINE)[1:]:
        if re.search(rf"^\s*sha256:\s*{digest}\s*$", entry, re.MULTILINE):
            fields = dict(re.findall(r"^\s{0,4}(country|version):\s*(.*?)\s*$", entry,
                                     re.MULTILINE))
            return {k: v.strip("'\"") for k, v in fields.items()}
    return None


def known_version(doc: Document) -> Document:
    """``doc`` with the registry's version (and country) when it has none of its own and its
    file is a registered reference text."""
    from dataclasses import replace

    if doc.version or not doc.path:
        return doc
    entry = _registry_entry(doc.path)
    if entry is None:
        return doc
    return replace(doc, version=entry.get("version", ""),
                   country=doc.country or entry.get("country", ""))


def label_documents(args: argparse.Namespace, old: Document,
                    new: Document) -> tuple[Document, Document]:
    """Both documents with the version labels a reader should see.

    Raises:
        CondiffError: when ``--label`` is given more than twice.
    """
    from dataclasses import replace

    from ..errors import CondiffError

    labels = list(getattr(args, "label", None) or [])
    if len(labels) > 2:
        raise CondiffError(f"--label was given {len(labels)} times; it names the old version, "
                           "then the new one", hint="Give --label at most twice")
    old, new = known_version(old), known_version(new)
    if labels:
        old = replace(old, version=labels[0].strip())
    if len(labels) > 1:
        new = replace(new, version=labels[1].strip())
    return old, new
