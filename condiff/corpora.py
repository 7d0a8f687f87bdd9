"""Bundled corpora: documents that ship inside the package and can be named on the command line.

A fresh install has no constitution to try condiff on, and real texts cannot be shipped, so the
package carries its own fictional pair (``sample:2009`` → ``sample:2026``, the Republic of
Veridia) together with its ground truth (``expected.yaml``), which the engine's tests score
against, and a short fictional constitution in four versions (``lorvan:2001`` …
``lorvan:2022``) to try ``condiff history`` on. The files live in ``condiff/corpora_data/`` so
that every kind of install (editable, wheel, sdist) finds them next to this module;
``corpora/sample`` and ``corpora/lorvan`` in the source tree point there.

Names are looked up in a fixed table, never joined onto a path, so a name such as
``sample:../../etc/passwd`` cannot reach outside the data folder: it is simply not in the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CondiffError

#: Folder holding the bundled files (package data).
DATA_DIR = Path(__file__).resolve().parent / "corpora_data"


@dataclass(frozen=True)
class Bundled:
    """One bundled document.

    Attributes:
        name: Canonical name users type (``sample:2009``).
        corpus: The corpus it belongs to (``sample``).
        file: File name inside ``corpora_data/<corpus>/``.
        aliases: Other accepted names (``sample:veridia-2009``, ``sample:old``).
        description: One line saying what it is.
    """

    name: str
    corpus: str
    file: str
    aliases: tuple[str, ...] = ()
    description: str = ""

    @property
    def path(self) -> Path:
        """Where the file is in this installation."""
        return DATA_DIR / self.corpus / self.file


@dataclass(frozen=True)
class BundledInfo:
    """What ``condiff corpora list`` shows about a bundled document (read from the file)."""

    bundled: Bundled
    title: str
    version: str
    language: str
    articles: int
    words: int
    chapters: int = 0
    preamble: bool = False
    extra: dict[str, str] = field(default_factory=dict)


#: The bundled documents, in the order ``condiff corpora list`` shows them.
BUNDLED: tuple[Bundled, ...] = (
    Bundled(
        "sample:2009",
        "sample",
        "veridia-2009.yaml",
        aliases=("sample:veridia-2009", "sample:old"),
        description="Veridia (fictional), original 2009 text: two-chamber parliament, "
        "right to strike, treaties above laws",
    ),
    Bundled(
        "sample:2026",
        "sample",
        "veridia-2026.yaml",
        aliases=("sample:veridia-2026", "sample:new"),
        description="Veridia (fictional), sweeping 2026 revision modelled on the kinds of "
        "change Kazakhstan made in 2026",
    ),
    # A small history: `condiff history lorvan:2001 lorvan:2008 lorvan:2015 lorvan:2022`.
    Bundled("lorvan:2001", "lorvan", "lorvan-2001.yaml",
            description="Lorvan (fictional), first of four versions of a short constitution"),
    Bundled("lorvan:2008", "lorvan", "lorvan-2008.yaml",
            description="Lorvan 2008: capital moved, fisheries article repealed, Chapter II "
            "retitled, the article on the Assembly split"),
    Bundled("lorvan:2015", "lorvan", "lorvan-2015.yaml",
            description="Lorvan 2015: right to strike dropped, assembly restricted, the "
            "article on elections gone"),
    Bundled("lorvan:2022", "lorvan", "lorvan-2022.yaml",
            description="Lorvan 2022: strike restored, a new text under the repealed number, "
            "elections back as Article 13, Articles 1 and 2 merged"),
)

#: Ground truth of a bundled pair, by corpus.
EXPECTED: dict[str, str] = {"sample": "expected.yaml"}

_NAME_OK = re.compile(r"^[a-z0-9][a-z0-9_.-]*:[a-z0-9][a-z0-9_.-]*$")


def list_bundled() -> tuple[Bundled, ...]:
    """Every bundled document, in display order."""
    return BUNDLED


def _allowed() -> str:
    return ", ".join(b.name for b in BUNDLED)


def lookup(name: str) -> Bundled:
    """The bundled document called ``name`` (canonical name or alias, case-insensitive).

    Raises:
        CondiffError: if the name is not bundled, or looks like an attempt to name a path.
    """
    key = name.strip().casefold()
    hint = f"Bundled documents are: {_allowed()} (see 'condiff corpora list')"
    if not _NAME_OK.match(key) or ".." in key:
        raise CondiffError(f"{name!r} is not a bundled document name", hint=hint)
    for b in BUNDLED:
        if key == b.name or key in b.aliases:
            return b
    raise CondiffError(f"no bundled document called {name!r}", hint=hint)


def resolve(name: str) -> Path:
    """The file of a bundled document: ``resolve("sample:2009")`` → ``…/veridia-2009.yaml``.

    Raises:
        CondiffError: for unknown names, names with path parts, or a broken installation.
    """
    bundled = lookup(name)
    path = bundled.path
    if not path.is_file():
        raise CondiffError(
            f"the bundled file for {bundled.name} is missing from this installation",
            path=str(path),
            hint="Reinstall condiff; package data (condiff/corpora_data) was not installed",
        )
    return path


def expected_path(corpus: str = "sample") -> Path:
    """The ground-truth file (``expected.yaml``) of a bundled pair."""
    if corpus not in EXPECTED:
        raise CondiffError(f"no ground truth for corpus {corpus!r}",
                           hint=f"Known: {', '.join(EXPECTED)}")
    return DATA_DIR / corpus / EXPECTED[corpus]


def schema_path(corpus: str = "sample") -> Path:
    """The JSON Schema that ``expected.yaml`` follows."""
    return expected_path(corpus).with_name("expected.schema.json")


def load_expected(corpus: str = "sample") -> dict[str, Any]:
    """The ground truth of a bundled pair as plain data (see ``docs/expected-format.md``).

    Keys: ``old``, ``new`` (file names), ``alignment`` (list of ``{old, new, kind, secondary}``) and
    ``findings`` (list of ``{topic, kind, old, new, alt_kinds, alt_topics, required}``), with the
    optional fields filled in with their defaults.
    """
    import yaml

    path = expected_path(corpus)
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    for entry in data.get("alignment", []):
        entry.setdefault("note", "")
        entry.setdefault("secondary", False)
    for finding in data.get("findings", []):
        finding.setdefault("alt_kinds", [])
        finding.setdefault("alt_topics", [])
        finding.setdefault("required", True)
        finding.setdefault("note", "")
    return data


def refs_overlap(expected: list[str] | tuple[str, ...],
                 reported: list[str] | tuple[str, ...]) -> bool:
    """Whether reported references cover an expected side, as ``docs/expected-format.md`` defines.

    A side is compared only when both name references on it (an ``added`` finding has no old
    provision to point at, whatever the ground truth's alternative kinds). Then some expected
    reference must equal a reported one, or contain it / be contained in it at a ``.`` boundary
    (``18`` ~ ``18.4``).
    """
    if not expected or not reported:
        return True
    for e in expected:
        for r in reported:
            if e == r or r.startswith(e + ".") or e.startswith(r + "."):
                return True
    return False


def finding_matches(expected: dict[str, Any], topic: str, kind: str,
                    old: list[str] | tuple[str, ...], new: list[str] | tuple[str, ...]) -> bool:
    """Whether a reported finding satisfies one expected finding of ``load_expected()``."""
    topics = {expected["topic"], *expected.get("alt_topics", [])}
    kinds = {expected["kind"], *expected.get("alt_kinds", [])}
    return (topic in topics and kind in kinds
            and refs_overlap(expected.get("old", []), old)
            and refs_overlap(expected.get("new", []), new))


def info(bundled: Bundled) -> BundledInfo:
    """Read a bundled document and summarise it for listings."""
    from .read import read_document

    doc = read_document(str(resolve(bundled.name)))
    units = doc.units()
    return BundledInfo(
        bundled=bundled,
        title=doc.title,
        version=doc.version,
        language=doc.language,
        articles=sum(1 for u in units if u.kind == "article"),
        words=sum(len(p.text.split()) for p in doc.walk()),
        chapters=sum(1 for p in doc.walk() if p.kind == "chapter"),
        preamble=any(u.kind == "preamble" for u in units),
    )
