"""Citations people read: ``24.3`` → ``Art. 24(3)``.

References in the model are compact (``24.3``, ``Amendment XIV.2``, ``preamble``) because people
type them; reports and the CI gate print them the way a lawyer cites them. Labels may themselves
contain dots (``"1.10"``), so the split between article and paragraph labels is taken from the
document tree, never guessed from the string, unless the provision is not in the document.
Shared by the Markdown report and ``condiff check``; imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Document, Provision
from ..sanitize import visible


def one_line(text: str) -> str:
    """``text`` made visible (controls, bidi overrides) and folded onto one line."""
    return " ".join(visible(text).split())


_Located = tuple[Provision, tuple[Provision, ...]]
_CACHE: dict[int, tuple[Document, dict[str, _Located]]] = {}


def _index(doc: Document) -> dict[str, _Located]:
    """Every reference of ``doc`` (casefolded) → its unit and the chain below the unit.

    Built once per document: reports cite thousands of paragraphs, and walking the tree for
    each would make rendering quadratic.
    """
    cached = _CACHE.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1]
    index: dict[str, _Located] = {}

    def visit(unit: Provision, node: Provision, chain: tuple[Provision, ...]) -> None:
        if node.ref:
            index.setdefault(node.ref.casefold(), (unit, chain))
        for child in node.children:
            visit(unit, child, (*chain, child))

    for unit in doc.units():
        visit(unit, unit, ())
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[id(doc)] = (doc, index)
    return index


def locate(doc: Document, ref: str) -> tuple[Provision | None, tuple[Provision, ...]]:
    """The unit holding ``ref`` and the chain of sub-provisions down to it.

    Returns ``(None, ())`` when no provision of ``doc`` has that reference.
    """
    found = _index(doc).get(ref.casefold())
    return found if found is not None else (None, ())


def cite(doc: Document, ref: str) -> str:
    """How a reader cites ``ref`` of ``doc``: ``Art. 24(3)``, ``Preamble``, ``Amendment XIV(2)``.

    Falls back to ``Art. `` + the dotted parts in brackets when ``ref`` is not in ``doc``.
    The result is visible and on one line, but not escaped for any markup.
    """
    unit, chain = locate(doc, ref)
    if unit is None:
        head, _, rest = ref.partition(".")
        text = f"Art. {head}" if head and head[0].isdigit() else head
        text += "".join(f"({part})" for part in rest.split(".") if part)
        return one_line(text)
    labels = []
    parent = unit
    for node in chain:
        # An unlabelled sub-provision is cited by the position its ref records.
        labels.append(node.label or node.ref[len(parent.ref) + 1 :])
        parent = node
    return one_line(unit.display_label + "".join(f"({label})" for label in labels))


def cite_all(doc: Document, refs: Iterable[str]) -> str:
    """Several citations joined with commas; "—" when there are none."""
    out = [cite(doc, r) for r in refs]
    return ", ".join(out) if out else "—"


def line_of(doc: Document, ref: str) -> int:
    """Source line of the provision ``ref`` (or of its unit), 0 when unknown."""
    unit, chain = locate(doc, ref)
    for node in (*reversed(chain), unit):
        if node is not None and node.line:
            return node.line
    return 0
