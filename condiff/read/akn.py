"""Akoma Ntoso (OASIS LegalDocML 3.0, and the LegalDocML.de profile) into a Document.

Parliaments, the EU, Laws.Africa and the German federal register keep legislation as Akoma
Ntoso XML, where the structure is explicit: ``article``, ``section``, ``paragraph``, ``point``,
``num``, ``heading``. Reading it is mostly a matter of deciding, for each element, what it is in
condiff's model, because producers use the vocabulary differently:

- The unit of comparison is ``article`` when the document has any; otherwise ``section`` (acts
  in the Westminster tradition number sections, not articles). Both become condiff articles,
  as a "Section 5" heading does in plain text.
- Inside a unit, every hierarchical element is a sub-provision (``paragraph``, ``subsection``
  and ``alinea`` become paragraphs, ``point`` and list items become items). Wrappers without
  a number or heading of their own (``list``, ``blockList``, ``content``, an unnamed
  ``hcontainer``) are transparent, so two renderings of the same act that wrap a section's
  text differently read the same.
- An introduction before sub-provisions (``intro``, ``listIntroduction``) is the parent's own
  text; closing words after them (``wrapUp``, a paragraph after a list) become an unlabelled
  sub-paragraph at the end, since a provision's own text comes before its children.
- Text outside any unit (a schedule made only of paragraphs, final provisions in a
  ``proviso``) becomes an unlabelled article of its container, so no words are lost.
- Attachments (schedules) become schedule containers after the body.
- Footnotes (``authorialNote``), editorial remarks and placeholders are not the law's words and
  are left out. A provision marked ``status="removed"``, or whose whole text is a repealed
  placeholder ("[Repealed]", "…"), is a repealed provision.

The file's ``eId`` is kept on each provision (:attr:`~condiff.model.Provision.eid`) as identity
within this file only; ids used by condiff come from :func:`~condiff.model.finalize` as for every
other format, and alignment goes by content. The FRBR work and expression metadata give the
document's country, language, date and "as amended to" version. Documents condiff wrote itself
carry the exact metadata in a ``<proprietary>`` block, so they read back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from ..errors import CondiffError
from ..model import CONTAINER_KINDS, KINDS, UNIT_KINDS, Document, Provision, finalize
from .safe_xml import parse_xml

#: The OASIS Akoma Ntoso 3.0 namespace.
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: Namespace of condiff's own metadata inside ``<proprietary>``.
CONDIFF_NS = "https://condiff.org/ns/akn-meta/1"
#: Namespaces read as Akoma Ntoso: the OASIS one (and its drafts) and LegalDocML.de's.
_AKN_PREFIXES = (AKN_NS, "http://Inhaltsdaten.LegalDocML.de/")
_DOCUMENT_TYPES = ("act", "bill", "doc", "statement", "amendment", "judgment", "portion",
                   "debateReport", "debate", "officialGazette", "amendmentList",
                   "documentCollection")
_BODIES = ("body", "mainBody", "judgmentBody", "debateBody", "amendmentBody", "portionBody",
           "collectionBody")

#: Elements that are containers above the units, with their condiff kinds.
_CONTAINER_KIND = {
    "book": "book", "tome": "book", "part": "part", "subpart": "division", "title": "title",
    "subtitle": "division", "division": "division", "subdivision": "division",
    "chapter": "chapter", "subchapter": "division", "section": "section",
    "subsection": "subsection", "level": "division", "hcontainer": "division",
    "rule": "division", "transitional": "division",
}
#: Elements below a unit, with their condiff kinds (others become clauses).
_SUBUNIT_KIND = {
    "paragraph": "paragraph", "subsection": "paragraph", "alinea": "paragraph",
    "subparagraph": "subparagraph", "point": "item", "item": "item", "indent": "item",
    "clause": "clause", "subclause": "clause",
}
#: Containers that stay containers even when they hold no unit (a chapter whose articles
#: were all repealed); an unnamed ``hcontainer`` or a ``subsection`` outside units does not.
_HEADED_CONTAINERS = frozenset(_CONTAINER_KIND) - {"hcontainer", "subsection"}
_HIERARCHY = frozenset({
    "clause", "section", "part", "paragraph", "chapter", "title", "article", "book", "tome",
    "division", "list", "point", "indent", "alinea", "rule", "subrule", "proviso",
    "subsection", "subpart", "subparagraph", "subchapter", "subtitle", "subdivision",
    "subclause", "sublist", "level", "transitional", "hcontainer",
})
#: Wrappers whose children are read as if they were the parent's.
_TRANSPARENT = frozenset({"content", "intro", "blockList", "list", "sublist", "container",
                          "blockContainer", "tblock", "div", "ul", "ol", "formula", "recitals",
                          "recital", "citations", "citation", "longTitle", "wrapUp"})
#: Elements whose words are not the law's: footnotes, editorial remarks, markers.
_SKIP = frozenset({"authorialNote", "note", "noteRef", "remark", "placeholder", "eop", "img",
                   "marker", "popup", "meta", "componentRef", "documentRef", "fillIn", "omissis"})
_BREAKS = frozenset({"eol", "br"})
_NOTES = frozenset({"authorialNote", "note", "noteRef"})
_NOTE_MARKS = "*†‡"
_LIST_ITEMS = frozenset({"item", "li"})
_CELL_BLOCKS = frozenset({"p", "block", "blockList", "listIntroduction", "item", "ul", "ol",
                          "li"})
_META_CHILDREN = frozenset({"num", "heading", "subheading"})
_PREAMBLE_WORDS = frozenset({"preamble", "preámbulo", "préambule", "präambel", "preambolo",
                             "preâmbulo", "преамбула"})
_ELLIPSIS = re.compile(r"^[.…\s]+$")
_NEWLINE_RUN = re.compile(r"[ \t]*[\r\n]\s*")
_NUM_WORD = re.compile(r"^(?:§§?|[^\W\d_]+\.?)$")
_ATTACHMENT_NUMBER = re.compile(r"^\s*[^\W\d_]+\.?\s+([0-9]+[A-Za-z]?|[IVXLCDM]+|[A-Z])\s*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EXPRESSION_DATE = re.compile(r"@(\d{4}-\d{2}-\d{2})")

#: ISO 639-2 (as FRBRlanguage holds them) → the BCP 47 codes condiff uses.
LANGUAGE_3TO2 = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "por": "pt",
    "ita": "it", "rus": "ru", "kaz": "kk", "nld": "nl", "dut": "nl", "pol": "pl", "ara": "ar",
    "zho": "zh", "chi": "zh", "swe": "sv", "fin": "fi", "dan": "da", "nor": "no", "ell": "el",
    "gre": "el", "tur": "tr", "ukr": "uk", "ron": "ro", "rum": "ro", "hun": "hu", "ces": "cs",
    "cze": "cs", "slk": "sk", "slo": "sk", "slv": "sl", "hrv": "hr", "srp": "sr", "bul": "bg",
    "lit": "lt", "lav": "lv", "est": "et", "gle": "ga", "mlt": "mt", "afr": "af", "zul": "zu",
    "xho": "xh", "swa": "sw", "roh": "rm", "lat": "la", "jpn": "ja", "kor": "ko", "hin": "hi",
}


def is_akn_namespace(ns: str) -> bool:
    """Whether ``ns`` is an Akoma Ntoso namespace condiff reads."""
    return any(ns.startswith(prefix) for prefix in _AKN_PREFIXES)


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


class _Reader:
    """One pass over one document; holds the namespace and the unit element of this file."""

    def __init__(self, ns: str, path: str) -> None:
        self.ns = ns
        self.path = path
        self.unit_tag = "article"
        #: The file was written by condiff, whose numbers are exactly "Word label" or
        #: "(label)": read them back exactly instead of guessing what a producer meant.
        self.exact = False

    # -- elements ---------------------------------------------------------------------------

    def kids(self, el: etree._Element) -> Iterable[etree._Element]:
        """Child elements in the document's namespace (foreign ones, e.g. ``fedlex:*``, and
        comments are skipped)."""
        prefix = "{" + self.ns + "}"
        for child in el:
            tag = child.tag
            if isinstance(tag, str) and tag.startswith(prefix):
                yield child

    def child(self, el: etree._Element, name: str) -> etree._Element | None:
        return el.find(f"{{{self.ns}}}{name}")

    def is_unit(self, el: etree._Element) -> bool:
        name = _local(el)
        if name == self.unit_tag:
            return True
        return name == "hcontainer" and el.get("name") in UNIT_KINDS

    def has_unit(self, el: etree._Element) -> bool:
        """Whether ``el`` holds a unit anywhere below it."""
        for node in el.iterdescendants(f"{{{self.ns}}}{self.unit_tag}",
                                       f"{{{self.ns}}}hcontainer"):
            if self.is_unit(node):
                return True
        return False

    # -- text -------------------------------------------------------------------------------

    def inline(self, el: etree._Element) -> str:
        """The words of an inline run, without footnotes and remarks, on one line."""
        parts: list[str] = []

        def visit(node: etree._Element) -> None:
            if node.text:
                parts.append(node.text)
            for sub in node:
                name = _local(sub)
                tail = sub.tail or ""
                if name in _BREAKS:
                    parts.append(" ")
                elif name and name not in _SKIP:
                    visit(sub)
                elif name in _NOTES:
                    # A footnote's call sign printed beside it ("Heading*") goes with it.
                    tail = tail.lstrip(_NOTE_MARKS)
                if tail:
                    parts.append(tail)

        visit(el)
        return clean("".join(parts))

    def cell(self, el: etree._Element) -> str:
        """A table cell on one line; the blocks in it (several ``p``) joined by a space."""
        blocks = [sub for sub in self.kids(el) if _local(sub) in _CELL_BLOCKS]
        if not blocks:
            return self.inline(el)
        return " ".join(t for t in (self.inline(b) for b in blocks) if t)

    def label(self, el: etree._Element) -> str:
        num = self.child(el, "num")
        if num is None:
            return ""
        if self.exact:
            text = "".join(num.itertext())
            if text.startswith("(") and text.endswith(")"):
                return text[1:-1]
            return text.partition(" ")[2]
        return label_from_num(self.inline(num))

    def heading(self, el: etree._Element) -> str:
        parts = []
        for name in ("heading", "subheading"):
            node = self.child(el, name)
            if node is not None:
                text = self.inline(node)
                if text:
                    parts.append(text)
        return " ".join(parts)

    # -- provisions -------------------------------------------------------------------------

    def container_level(self, elements: Iterable[etree._Element]) -> list[Provision]:
        """Provisions from elements that sit above the units (a body, a chapter)."""
        out: list[Provision] = []
        loose: list[etree._Element] = []

        def flush() -> None:
            # A cross-heading alone between units titles them and is dropped; with other
            # loose text it is a line of that text.
            if loose and not all(_is_crossheading(el) for el in loose):
                unit = self.loose_unit(loose)
                if unit is not None:
                    out.append(unit)
            loose.clear()

        for el in elements:
            name = _local(el)
            if name in _META_CHILDREN or name == "componentRef":
                continue
            if self.is_unit(el):
                flush()
                out.append(self.unit(el))
            elif name == "hcontainer" and el.get("name") in KINDS:
                # condiff's own spelling of a kind Akoma Ntoso has no element for
                flush()
                kind = str(el.get("name"))
                if kind in CONTAINER_KINDS:
                    out.append(self.container(el, kind))
                elif kind in UNIT_KINDS:
                    out.append(self.unit(el))
                else:
                    out.append(self.sub_provision(el))
            elif _is_crossheading(el):
                loose.append(el)
            elif name in _HIERARCHY and self.has_unit(el):
                flush()
                out.append(self.container(el, _CONTAINER_KIND.get(name, "division")))
            elif name in _HIERARCHY and (self.child(el, "heading") is not None
                                         or name in _HEADED_CONTAINERS):
                # A headed block with no unit inside (final provisions, an annexure, a
                # chapter whose articles were all repealed): its own unit, in its container
                # when it is one.
                flush()
                out.append(self.headed_block(el, name))
            else:
                loose.append(el)
        flush()
        return out

    def container(self, el: etree._Element, kind: str) -> Provision:
        """A container: its ``intro`` is its own text (words under a chapter heading); any
        other text in it becomes an unlabelled article of it."""
        intro = [c for c in self.kids(el) if _local(c) == "intro"]
        acc = _Accumulator()
        for node in intro:
            self.collect(node, acc)
        return Provision(kind=kind, label=self.label(el), heading=self.heading(el),
                         text="\n".join(acc.lines),
                         children=tuple(self.container_level(
                             c for c in self.kids(el) if _local(c) != "intro")),
                         line=el.sourceline or 0, eid=el.get("eId", ""))

    def headed_block(self, el: etree._Element, name: str) -> Provision:
        kind = _CONTAINER_KIND.get(name)
        if kind is None or name == "hcontainer":
            return self.unit(el)
        # A container with text but no units: keep the container, its text in one
        # unlabelled unit.
        return self.container(el, kind)

    def loose_unit(self, elements: list[etree._Element]) -> Provision | None:
        acc = _Accumulator()
        for el in elements:
            self.collect(el, acc)
        if not acc.lines and not acc.children:
            return None
        first = elements[0]
        return acc.provision("article", "", "", first.sourceline or 0, "")

    def unit(self, el: etree._Element) -> Provision:
        name = _local(el)
        kind = "article"
        if name == "hcontainer" and el.get("name") in UNIT_KINDS:
            kind = str(el.get("name"))
        return self.finish(el, kind)

    def finish(self, el: etree._Element, kind: str) -> Provision:
        """The provision ``el`` is, as ``kind``: its number, heading, text and children."""
        acc = _Accumulator()
        for sub in self.kids(el):
            if _local(sub) not in _META_CHILDREN:
                self.collect(sub, acc)
        removed = el.get("status") == "removed"
        prov = acc.provision(kind, self.label(el), self.heading(el), el.sourceline or 0,
                             el.get("eId", ""))
        if removed:
            return Provision(kind=prov.kind, label=prov.label, heading=prov.heading,
                             text=prov.text, children=prov.children, repealed=True,
                             line=prov.line, eid=prov.eid)
        if not prov.children and prov.text and is_placeholder(prov.text):
            return Provision(kind=prov.kind, label=prov.label, heading=prov.heading,
                             repealed=True, line=prov.line, eid=prov.eid)
        return prov

    def sub_provision(self, el: etree._Element) -> Provision:
        name = _local(el)
        kind = _SUBUNIT_KIND.get(name, "clause")
        if name == "hcontainer" and el.get("name") in KINDS:
            kind = str(el.get("name"))
        return self.finish(el, kind)

    def collect(self, el: etree._Element, acc: _Accumulator) -> None:
        """Add what ``el`` says, inside a unit, to ``acc``: text lines or sub-provisions."""
        name = _local(el)
        if name in _SKIP or name in _META_CHILDREN:
            return
        if name == "wrapUp" or name == "listWrapUp":
            acc.close_trailing()
            acc.trailing_next = True
            for sub in self.kids(el):
                self.collect(sub, acc)
            if name == "listWrapUp" and not len(el):
                acc.add_line(self.inline(el))
            acc.close_trailing()
            return
        if (name == "hcontainer" and el.get("name") == "crossheading") or name == "crossHeading":
            acc.add_line(self.heading(el) if name == "hcontainer" else self.inline(el))
            return
        if name in _LIST_ITEMS or (name in _HIERARCHY and name not in _TRANSPARENT and not (
                name == "hcontainer" and el.get("name") not in KINDS
                and self.child(el, "num") is None and self.child(el, "heading") is None)):
            acc.add_child(self.item(el) if name in _LIST_ITEMS else self.sub_provision(el))
            return
        if name in _TRANSPARENT or name == "hcontainer":
            for sub in self.kids(el):
                self.collect(sub, acc)
            return
        if name == "table":
            for row in el.iter(f"{{{self.ns}}}tr"):
                cells = [self.cell(cell) for cell in self.kids(row)]
                acc.add_line(" | ".join(c for c in cells if c))
            return
        if name == "toc":
            return
        # p, listIntroduction, block, heading-like blocks, foreign blocks: one line each.
        nested = [sub for sub in self.kids(el) if _local(sub) in _TRANSPARENT | {"table"}
                  and _local(sub) not in ("formula",)]
        if nested and name not in ("p", "listIntroduction"):
            for sub in self.kids(el):
                self.collect(sub, acc)
            return
        acc.add_line(self.inline(el))

    def item(self, el: etree._Element) -> Provision:
        """A ``blockList`` item: its number, its text, and any list nested in it."""
        return self.finish(el, "item")

    def preamble(self, el: etree._Element) -> Provision | None:
        acc = _Accumulator()
        for sub in self.kids(el):
            self.collect(sub, acc)
        lines = list(acc.lines)
        if lines and lines[0].casefold().strip(" :.") in _PREAMBLE_WORDS:
            lines = lines[1:]  # the word "Preamble" printed as its first line
        if not lines and not acc.children:
            return None
        return Provision(kind="preamble", text="\n".join(lines), children=tuple(acc.children),
                         line=el.sourceline or 0, eid=el.get("eId", ""))


@dataclass
class _Accumulator:
    """Text lines and sub-provisions of one provision, in reading order."""

    lines: list[str] = field(default_factory=list)
    children: list[Provision] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)
    trailing_next: bool = False

    def add_line(self, line: str) -> None:
        if not line:
            return
        if self.children or self.trailing_next:
            self.trailing.append(line)
        else:
            self.lines.append(line)

    def add_child(self, child: Provision) -> None:
        self.close_trailing()
        self.children.append(child)

    def close_trailing(self) -> None:
        if self.trailing:
            self.children.append(Provision(kind="subparagraph", text="\n".join(self.trailing)))
            self.trailing = []
        self.trailing_next = False

    def provision(self, kind: str, label: str, heading: str, line: int, eid: str) -> Provision:
        self.close_trailing()
        return Provision(kind=kind, label=label, heading=heading, text="\n".join(self.lines),
                         children=tuple(self.children), line=line, eid=eid)


def _is_crossheading(el: etree._Element) -> bool:
    name = _local(el)
    return name == "crossHeading" or (name == "hcontainer" and el.get("name") == "crossheading")


def clean(text: str) -> str:
    """Inline text on one line: line breaks of pretty-printed XML (and the indentation after
    them) become one space, and the ends are trimmed. Other spacing is the text's own."""
    return _NEWLINE_RUN.sub(" ", text).strip()


def label_from_num(num: str) -> str:
    """The label in a ``num``: ``Art. 5a`` → ``5a``, ``§ 20`` → ``20``, ``(3)`` → ``3``,
    ``1.`` → ``1``, ``a.`` → ``a``. One leading word (when something follows it), one pair
    of enclosing brackets and one final full stop are taken off, nothing more."""
    words = num.split()
    if len(words) >= 2 and _NUM_WORD.match(words[0]):
        words = words[1:]
    text = " ".join(words)
    if len(text) > 2 and text[0] == "(" and text[-1] == ")" and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    elif len(text) > 1 and (text[-1] == "." or (text[-1] == ")" and "(" not in text)):
        text = text[:-1]
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def is_placeholder(text: str) -> bool:
    """Whether a provision's whole text only marks it as repealed ("[Repealed]", "…")."""
    if _ELLIPSIS.match(text):
        return True
    from .profiles import BUILTIN

    folded = text.strip().casefold()
    if len(folded) > 60:
        return False
    for profile in BUILTIN.values():
        for phrase in profile.repealed:
            word = phrase.casefold()
            if folded == word or folded.strip("[]().") == word.strip("[]()."):
                return True
    return False


# ---------------------------------------------------------------------------
# Metadata
# ---------------------------------------------------------------------------


#: Document fields the metadata gives.
META_FIELDS = ("title", "country", "version", "date", "language", "source")


def language_code(code: str) -> str:
    """``eng`` → ``en``; two-letter and unknown codes unchanged."""
    code = code.strip()
    return LANGUAGE_3TO2.get(code.casefold(), code)


def _dates(el: etree._Element | None, r: _Reader) -> list[tuple[str, str]]:
    if el is None:
        return []
    out = []
    for node in el.iterchildren(f"{{{r.ns}}}FRBRdate"):
        date = (node.get("date") or "").strip()
        if date and (node.get("name") or "") != "unknown":
            out.append((date, node.get("name") or ""))
    return out


def _value(el: etree._Element | None, r: _Reader, name: str, attr: str = "value") -> str:
    if el is None:
        return ""
    node = el.find(f"{{{r.ns}}}{name}")
    return (node.get(attr) or "").strip() if node is not None else ""


def _metadata(doc_el: etree._Element, r: _Reader) -> dict[str, str]:
    meta = r.child(doc_el, "meta")
    own = meta.find(f"{{{r.ns}}}proprietary/{{{CONDIFF_NS}}}document") if meta is not None \
        else None
    if own is not None:
        return {k: own.get(k, "") for k in META_FIELDS}
    ident = r.child(meta, "identification") if meta is not None else None
    work = r.child(ident, "FRBRWork") if ident is not None else None
    expr = r.child(ident, "FRBRExpression") if ident is not None else None
    language = language_code(_value(expr, r, "FRBRlanguage", "language"))
    title = ""
    if work is not None:
        for node in work.iterchildren(f"{{{r.ns}}}FRBRname"):
            lang = node.get("{http://www.w3.org/XML/1998/namespace}lang")
            if lang and language and language_code(lang) == language:
                title = (node.get("value") or "").strip()
                break
        if not title:
            for node in work.iterchildren(f"{{{r.ns}}}FRBRalias"):
                value = (node.get("value") or "").strip()
                if node.get("name") in ("title", "short", "shortTitle") and value \
                        and value.casefold() != "untitled":
                    title = value
                    break
    if not title:
        preface = r.child(doc_el, "preface")
        if preface is not None:
            for name in ("docTitle", "shortTitle"):
                node = preface.find(f".//{{{r.ns}}}{name}")
                if node is not None and r.inline(node):
                    title = r.inline(node)
                    break
    work_dates = sorted(d for d, _ in _dates(work, r))
    expr_uri = _value(expr, r, "FRBRuri") or _value(expr, r, "FRBRthis")
    found = _EXPRESSION_DATE.search(expr_uri)
    expr_dates = sorted(d for d, _ in _dates(expr, r) if _ISO_DATE.match(d))
    date = found.group(1) if found else (expr_dates[-1] if expr_dates else "")
    work_date = work_dates[0] if work_dates else ""
    version = work_date[:4]
    if date and date[:4] != version and version:
        version = f"{version} as amended to {date}"
    elif not version:
        version = date[:4]
    return {"title": title, "country": _value(work, r, "FRBRcountry"), "version": version,
            "date": date or (work_date if _ISO_DATE.match(work_date) else ""),
            "language": language, "source": expr_uri or _value(work, r, "FRBRuri")}


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def parse_akn(data: bytes, path: str = "<akn>", *, encoding: str | None = None) -> Document:
    """Read an Akoma Ntoso document.

    Args:
        data: The file's bytes.
        path: File name for messages and ``Document.path``.
        encoding: Override the encoding the XML declares.

    Raises:
        CondiffError: not well-formed or hostile XML, or XML that is not Akoma Ntoso.
    """
    root = parse_xml(data, path, encoding=encoding)
    qname = etree.QName(root)
    ns = qname.namespace or ""
    if qname.localname != "akomaNtoso" or not is_akn_namespace(ns):
        shown = f"{{{ns}}}{qname.localname}" if ns else qname.localname
        raise CondiffError(f"not an Akoma Ntoso document: the root element is {shown}",
                           path=path, line=root.sourceline,
                           hint=f"condiff reads Akoma Ntoso 3.0 (<akomaNtoso xmlns=\"{AKN_NS}\">)"
                           " and LegalDocML.de; give other XML a .txt name after extracting "
                           "its text")
    reader = _Reader(ns, path)
    doc_el = next((c for c in reader.kids(root) if _local(c) in _DOCUMENT_TYPES), None)
    if doc_el is None:
        raise CondiffError("the Akoma Ntoso file holds no document (act, bill, doc, …)",
                           path=path, line=root.sourceline,
                           hint="Check the file is a complete Akoma Ntoso document")
    reader.exact = doc_el.find(f"{{{ns}}}meta/{{{ns}}}proprietary/{{{CONDIFF_NS}}}document") \
        is not None
    prefix = f"{{{ns}}}"
    if next(doc_el.iter(prefix + "article"), None) is None and \
            next(doc_el.iter(prefix + "section"), None) is not None:
        reader.unit_tag = "section"
    provisions: list[Provision] = []
    preamble = reader.child(doc_el, "preamble")
    if preamble is not None:
        pre = reader.preamble(preamble)
        if pre is not None:
            provisions.append(pre)
    body = next((c for c in reader.kids(doc_el) if _local(c) in _BODIES), None)
    if body is not None:
        provisions.extend(reader.container_level(reader.kids(body)))
    attachments = reader.child(doc_el, "attachments")
    if attachments is None:
        attachments = reader.child(doc_el, "components")  # Akoma Ntoso 2.0's name
    if attachments is not None:
        for att in reader.kids(attachments):
            provisions.extend(_attachment(att, reader))
    if not reader.exact and not any(p.is_unit or p.is_container for p in provisions):
        raise CondiffError("the Akoma Ntoso document has no body text", path=path,
                           line=doc_el.sourceline,
                           hint="condiff compares the provisions in <body>; this file has none")
    meta = _metadata(doc_el, reader)
    return finalize(Document(title=meta["title"], country=meta["country"],
                             version=meta["version"], date=meta["date"],
                             language=meta["language"], source=meta["source"],
                             provisions=tuple(provisions), path=path))


def _attachment(att: etree._Element, reader: _Reader) -> list[Provision]:
    """A schedule: its heading (``Schedule 1``) gives the label, its subheading the heading."""
    inner = next((c for c in reader.kids(att) if _local(c) in _DOCUMENT_TYPES), None)
    if inner is None:
        inner = att
    heading = reader.inline(h) if (h := reader.child(att, "heading")) is not None else ""
    sub = reader.inline(s) if (s := reader.child(att, "subheading")) is not None else ""
    label = reader.label(att)
    match = _ATTACHMENT_NUMBER.match(heading)
    if not label and match:
        label, heading = match.group(1), sub
    elif sub:
        heading = f"{heading} {sub}".strip()
    body = next((c for c in reader.kids(inner) if _local(c) in _BODIES), None)
    children = reader.container_level(reader.kids(body)) if body is not None else []
    if not children and not heading:
        return []
    return [Provision(kind="schedule", label=label, heading=heading, children=tuple(children),
                      line=att.sourceline or 0, eid=att.get("eId", ""))]
