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


class _Index:
    """Every provision of one document under its reference and its id, with how people cite
    the ones whose reference is ambiguous."""

    __slots__ = ("by_id", "by_ref", "labels", "ordinal")

    def __init__(self) -> None:
        self.by_ref: dict[str, _Located] = {}
        self.by_id: dict[str, _Located] = {}
        #: Provision id → the labels under its unit ("5", "1"), an unlabelled one by position.
        self.labels: dict[str, tuple[str, ...]] = {}
        #: Provision id → its rank among provisions cited alike (2 for the second "52(5)(1)");
        #: absent when the citation is unique.
        self.ordinal: dict[str, int] = {}


_CACHE: dict[int, tuple[Document, _Index]] = {}


def _index(doc: Document) -> _Index:
    """Every reference and id of ``doc`` → its unit and the chain below the unit.

    Built once per document: reports cite thousands of paragraphs, and walking the tree for
    each would make rendering quadratic.
    """
    cached = _CACHE.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1]
    index = _Index()
    alike: dict[tuple[str, ...], list[str]] = {}

    def visit(unit: Provision, node: Provision, chain: tuple[Provision, ...],
              labels: tuple[str, ...]) -> None:
        if node.ref:
            index.by_ref.setdefault(node.ref.casefold(), (unit, chain))
        if node.id:
            index.by_id.setdefault(node.id, (unit, chain))
            index.labels[node.id] = labels
            alike.setdefault((unit.display_label, *labels), []).append(node.id)
        counters: dict[str, int] = {}
        for child in node.children:
            counters[child.kind] = counters.get(child.kind, 0) + 1
            label = child.label or str(counters[child.kind])
            visit(unit, child, (*chain, child), (*labels, label))

    for unit in doc.units():
        visit(unit, unit, (), ())
    for ids in alike.values():
        if len(ids) > 1:
            for rank, pid in enumerate(ids, 1):
                index.ordinal[pid] = rank
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[id(doc)] = (doc, index)
    return index


def locate(doc: Document, ref: str) -> tuple[Provision | None, tuple[Provision, ...]]:
    """The unit holding ``ref`` (a reference or an id) and the chain of sub-provisions down
    to it.

    Returns ``(None, ())`` when no provision of ``doc`` has that reference or id.
    """
    index = _index(doc)
    found = index.by_ref.get(ref.casefold()) or index.by_id.get(ref)
    return found if found is not None else (None, ())


def ordinal(n: int) -> str:
    """``1`` → ``1st``, ``2`` → ``2nd``, ``12`` → ``12th``, ``23`` → ``23rd``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _alike(doc: Document, unit: Provision, chain: tuple[Provision, ...]) -> str:
    """`` [2nd]`` when another provision of ``doc`` is cited the same way, else ""."""
    node = chain[-1] if chain else unit
    rank = _index(doc).ordinal.get(node.id)
    return f" [{ordinal(rank)}]" if rank else ""


def cite(doc: Document, ref: str) -> str:
    """How a reader cites ``ref`` of ``doc``: ``Art. 24(3)``, ``Preamble``, ``Amendment XIV(2)``.

    ``ref`` may also be a provision's id (``art_52__para_5__item_1_2``), which the pipeline
    uses where a reference would be ambiguous: it is cited by its labels, with its rank among
    provisions cited alike (``Art. 52(5)(1) [2nd]``), never by the id. Falls back to ``Art. `` +
    the dotted parts in brackets when ``ref`` is not in ``doc``. The result is visible and on
    one line, but not escaped for any markup.
    """
    unit, chain = locate(doc, ref)
    if unit is None:
        head, _, rest = ref.partition(".")
        text = f"Art. {head}" if head and head[0].isdigit() else head
        text += "".join(f"({part})" for part in rest.split(".") if part)
        return one_line(text)
    labels = _index(doc).labels.get((chain[-1] if chain else unit).id, ())
    return one_line(unit.display_label + "".join(f"({label})" for label in labels)
                    + _alike(doc, unit, chain))


def people_ref(doc: Document, ref: str) -> str:
    """The short reference people type for ``ref`` (``24.3``), also for a provision known
    only by its id: its labels joined with dots and its rank among provisions cited alike
    (``52.5.1 [2nd]``). Visible, on one line, not escaped."""
    unit, chain = locate(doc, ref)
    if unit is None:
        return one_line(ref)
    node = chain[-1] if chain else unit
    if node.ref and ref.casefold() == node.ref.casefold():
        return one_line(node.ref)
    if node.ref and not _index(doc).ordinal.get(node.id):
        return one_line(node.ref)
    head = unit.ref or unit.label or unit.display_label
    labels = _index(doc).labels.get(node.id, ())
    return one_line(".".join((head, *labels)) + _alike(doc, unit, chain))


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
