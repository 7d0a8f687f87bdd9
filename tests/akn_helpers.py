"""Where the real Akoma Ntoso files and the OASIS schema are, and how tests validate against it.

The files in ``../shared/corpora-akn`` (override with ``CONDIFF_CORPORA_AKN``) are never copied
into the project; tests that need them skip, saying why, when they are absent. Validation uses
lxml's XML Schema with a parser that may not touch the network: the schema imports ``xml.xsd``
from the same folder, so it resolves offline or not at all.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "akn"


def corpora_akn_dir() -> Path:
    env = os.environ.get("CONDIFF_CORPORA_AKN")
    return Path(env) if env else ROOT.parent / "shared" / "corpora-akn"


def akn_path(name: str) -> Path:
    """Path of one real Akoma Ntoso file; skips the test with the reason when absent."""
    path = corpora_akn_dir() / name
    if not path.is_file():
        pytest.skip(f"real Akoma Ntoso file {name} not found in {corpora_akn_dir()} "
                    "(set CONDIFF_CORPORA_AKN to the folder holding it)")
    return path


@functools.cache
def _schema(folder: str) -> object:
    from lxml import etree

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(os.path.join(folder, "akomantoso30.xsd"), parser))


def schema_errors(xml: bytes | str) -> list[str]:
    """The OASIS schema's complaints about ``xml`` ([] when valid); skips without the schema."""
    from lxml import etree

    folder = corpora_akn_dir() / "schema"
    if not (folder / "akomantoso30.xsd").is_file():
        pytest.skip(f"akomantoso30.xsd not found in {folder} (set CONDIFF_CORPORA_AKN)")
    schema = _schema(str(folder))
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    doc = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    if schema.validate(doc):  # type: ignore[attr-defined]
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]
