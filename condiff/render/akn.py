"""Akoma Ntoso 3.0 out: one document (``parse --format akn``) or a comparison (``diff``).

The output validates against the OASIS schema ``akomantoso30.xsd`` and reads back through
:mod:`condiff.read.akn` to the same provisions and text. Each condiff kind has one element
(``article``, ``chapter``, ``paragraph``, ``point`` for items); kinds Akoma Ntoso has no
element for, and elements the reader would otherwise take for something else (a ``section``
in a document without articles, an empty container), are written as ``hcontainer`` named after
the kind, which the reader maps back. eIds are condiff's own ids, which already follow the OASIS
naming convention (``chp_2__art_9`` style paths, ``art_24__para_3``), so they are unique and
stable across re-runs. Numbers are written as printed with the language's word
(``<num>Article 5</num>``, ``<num>Статья 5</num>``), sub-provision numbers in brackets.

FRBR metadata is built from the document: country, language (ISO 639-2 as FRBRlanguage wants),
date (``0001-01-01`` named "unknown" when the document has none: the schema requires a date),
title. A ``<proprietary>`` block keeps condiff's exact metadata (a version label such as
"1995 as amended 2022" has no FRBR slot) so a re-read is equal to the original.

``diff --format akn`` writes the NEW document with a ``<lifecycle>`` (the old and the new
version as events) and ``<analysis><passiveModifications>``: one ``textualMod`` per changed
entry of the alignment, typed from condiff's kinds (modified → substitution, added →
insertion, removed → repeal, renumbered and moved → renumbering, split → split, merged →
join), with ``<old>`` pointing at the old version's eIds (the file's own eIds when the old
version was itself Akoma Ntoso) and ``<new>``/``<destination>`` at the new document's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from lxml import etree

from ..model import (
    CONTAINER_KINDS,
    SUBUNIT_KINDS,
    UNIT_KINDS,
    ArticlePair,
    Comparison,
    Document,
    Provision,
)
from ..read.akn import AKN_NS, CONDIFF_NS, LANGUAGE_3TO2, META_FIELDS

_A = f"{{{AKN_NS}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Placeholder for a date the document does not state (the schema requires one).
UNKNOWN_DATE = "0001-01-01"
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SINGLE_WORD = re.compile(r"^[^\W\d_]+\.?$")
_SLUG = re.compile(r"[^0-9a-z]+")
# Characters XML 1.0 cannot hold at all (C0 controls but tab and line feed, lone surrogates,
# U+FFFE/U+FFFF); readers never produce them, but a hand-written YAML could.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LANGUAGE_2TO3 = {two: three for three, two in reversed(LANGUAGE_3TO2.items())}

#: condiff kind → Akoma Ntoso element.
ELEMENT = {
    "book": "book", "part": "part", "title": "title", "division": "division",
    "chapter": "chapter", "section": "section", "subsection": "subsection",
    "article": "article", "paragraph": "paragraph", "subparagraph": "subparagraph",
    "item": "point", "clause": "clause",
}
#: alignment kind → textualMod type.
MOD_TYPE = {
    "modified": "substitution", "added": "insertion", "removed": "repeal",
    "renumbered": "renumbering", "moved": "renumbering", "split": "split", "merged": "join",
}


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.casefold()).strip("-")


def language3(code: str) -> str:
    """``en`` → ``eng`` (FRBRlanguage holds ISO 639-2); "" → ``und``."""
    code = code.strip()
    if not code:
        return "und"
    return _LANGUAGE_2TO3.get(code.casefold().split("-")[0], code)


def _words(language: str) -> dict[str, str]:
    """The word printed before a number, per kind, in the document's language."""
    from ..read.profiles import BUILTIN

    words = {kind: kind.capitalize() for kind in (*CONTAINER_KINDS, *UNIT_KINDS)}
    profile = BUILTIN.get(language.casefold().split("-")[0]) if language else None
    if profile is not None:
        choices: list[tuple[str, tuple[str, ...]]] = [
            ("article", profile.article), ("amendment", profile.amendment),
            *profile.containers]
        for kind, options in choices:
            word = next((w for w in options if _SINGLE_WORD.match(w)), "")
            if word:
                words[kind] = word
    return words


def work_uri(doc: Document) -> str:
    """The FRBR work URI, after the OASIS naming convention: ``/akn/<country>/act/<year>/…``."""
    country = _slug(doc.country) or "unknown"
    year = doc.date[:4] if doc.date[:4].isdigit() else "unknown"
    return f"/akn/{country}/act/{year}/constitution"


def expression_uri(doc: Document) -> str:
    """The FRBR expression URI: the work, the language and the version's date (or label)."""
    stamp = doc.date or _slug(doc.version) or _slug(PurePath(doc.path).stem) or "unknown"
    return f"{work_uri(doc)}/{language3(doc.language)}@{stamp}"


def source_uri(doc: Document) -> str:
    """Where eIds of ``doc`` resolve: the Akoma Ntoso file it was read from (whose eIds its
    provisions keep), else the expression URI condiff gives it when writing it."""
    if doc.source and not any(ch.isspace() for ch in doc.source) and any(
            p.eid for p in doc.walk()):
        return doc.source
    return expression_uri(doc)


def eid_in_source(doc: Document, pid: str) -> str:
    """The eId that names provision ``pid`` of ``doc`` in :func:`source_uri`."""
    node = doc.by_id(pid)
    if node is not None and node.eid and source_uri(doc) == doc.source:
        return node.eid
    return pid


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.words = _words(doc.language)
        self.has_articles = any(u.kind == "article" for u in doc.units())

    def el(self, parent: etree._Element, tag: str, /, **attrs: str) -> etree._Element:
        return etree.SubElement(parent, _A + tag, {k: _xml_text(v) for k, v in attrs.items()})

    def lines(self, parent: etree._Element, text: str) -> None:
        for line in text.split("\n"):
            self.el(parent, "p").text = _xml_text(line)

    def element_for(self, node: Provision, in_unit: bool) -> tuple[str, dict[str, str]]:
        kind = node.kind
        if node.is_unit and not in_unit:
            if kind == "article":
                return "article", {}
            return "hcontainer", {"name": kind}
        if in_unit:
            if kind in SUBUNIT_KINDS:
                return ELEMENT[kind], {}
            return "hcontainer", {"name": kind}
        if kind in CONTAINER_KINDS and kind in ELEMENT and any(
                c.is_unit for c in node.walk()) and (kind != "section" or self.has_articles):
            return ELEMENT[kind], {}
        return "hcontainer", {"name": kind}

    def number(self, node: Provision, in_unit: bool) -> str:
        if (in_unit and not node.is_unit) or node.kind in SUBUNIT_KINDS:
            return f"({node.label})"
        return f"{self.words.get(node.kind, node.kind.capitalize())} {node.label}"

    def provision(self, parent: etree._Element, node: Provision, in_unit: bool) -> None:
        name, attrs = self.element_for(node, in_unit)
        if node.id:
            attrs["eId"] = node.id
        if node.repealed:
            attrs["status"] = "removed"
        el = self.el(parent, name, **attrs)
        if node.label:
            self.el(el, "num").text = _xml_text(self.number(node, in_unit))
        if node.heading:
            self.el(el, "heading").text = _xml_text(node.heading)
        now_in_unit = in_unit or node.is_unit
        kids = list(node.children)
        if not now_in_unit:
            # A container's own words (an introduction under a chapter heading) go in its
            # <intro>; the reader reads <content> outside units as an unlabelled article.
            if node.text:
                self.lines(self.el(el, "intro"), node.text)
            for child in kids:
                self.provision(el, child, False)
            return
        if not kids:
            if node.text:
                self.lines(self.el(el, "content"), node.text)
            return
        if node.text:
            self.lines(self.el(el, "intro"), node.text)
        wrap = None
        last = kids[-1]
        if (now_in_unit and len(kids) > 1 and last.kind == "subparagraph" and not last.label
                and not last.heading and not last.children and not last.repealed and last.text):
            wrap = kids.pop()
        for child in kids:
            self.provision(el, child, now_in_unit)
        if wrap is not None:
            self.lines(self.el(el, "wrapUp"), wrap.text)

    def meta(self, act: etree._Element) -> etree._Element:
        doc = self.doc
        meta = self.el(act, "meta")
        ident = self.el(meta, "identification", source="#condiff")
        date = doc.date if _FULL_DATE.match(doc.date) else UNKNOWN_DATE
        date_name = "version" if date != UNKNOWN_DATE else "unknown"
        work, expr = work_uri(doc), expression_uri(doc)
        w = self.el(ident, "FRBRWork")
        self.el(w, "FRBRthis", value=f"{work}/!main")
        self.el(w, "FRBRuri", value=work)
        if doc.title:
            self.el(w, "FRBRalias", value=doc.title, name="title")
        self.el(w, "FRBRdate", date=date, name=date_name)
        self.el(w, "FRBRauthor", href="")
        self.el(w, "FRBRcountry", value=doc.country or "unknown")
        e = self.el(ident, "FRBRExpression")
        self.el(e, "FRBRthis", value=f"{expr}/!main")
        self.el(e, "FRBRuri", value=expr)
        self.el(e, "FRBRdate", date=date, name=date_name)
        self.el(e, "FRBRauthor", href="")
        if doc.version:
            self.el(e, "FRBRversionNumber", value=doc.version)
        self.el(e, "FRBRlanguage", language=language3(doc.language))
        m = self.el(ident, "FRBRManifestation")
        self.el(m, "FRBRthis", value=f"{expr}/!main.xml")
        self.el(m, "FRBRuri", value=f"{expr}.akn")
        self.el(m, "FRBRdate", date=date, name=date_name)
        self.el(m, "FRBRauthor", href="#condiff")
        self.el(m, "FRBRformat", value="application/akn+xml")
        return meta

    def tail_meta(self, meta: etree._Element, refs: Iterable[tuple[str, str, str, str]]) -> None:
        references = self.el(meta, "references", source="#condiff")
        self.el(references, "TLCOrganization", eId="condiff", href="/ontology/organization/condiff",
                showAs="condiff")
        for element, eid, href, show in refs:
            self.el(references, element, eId=eid, href=href, showAs=show or href)
        proprietary = self.el(meta, "proprietary", source="#condiff")
        own = etree.SubElement(proprietary, f"{{{CONDIFF_NS}}}document",
                               nsmap={"condiff": CONDIFF_NS})
        for key in META_FIELDS:
            value = getattr(self.doc, key)
            if value:
                own.set(key, _xml_text(value))

    def body(self, act: etree._Element) -> None:
        provisions = list(self.doc.provisions)
        if self.doc.title:
            preface = self.el(act, "preface")
            long_title = self.el(preface, "longTitle")
            p = self.el(long_title, "p")
            self.el(p, "docTitle").text = _xml_text(self.doc.title)
        first = provisions[0] if provisions else None
        if (first is not None and first.kind == "preamble" and first.text and not first.label
                and not first.heading and not first.children and not first.repealed
                and len(provisions) > 1):
            attrs = {"eId": first.id} if first.id else {}
            self.lines(self.el(act, "preamble", **attrs), first.text)
            provisions = provisions[1:]
        body = self.el(act, "body")
        for node in provisions:
            self.provision(body, node, False)
        if not provisions:
            self.el(body, "hcontainer", name="empty")  # the schema wants a non-empty body


def _tree(doc: Document) -> tuple[_Writer, etree._Element, etree._Element, etree._Element]:
    root = etree.Element(_A + "akomaNtoso", nsmap={None: AKN_NS})
    writer = _Writer(doc)
    act = writer.el(root, "act", name="constitution")
    meta = writer.meta(act)
    return writer, root, act, meta


def _serialize(root: etree._Element) -> str:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data.decode("utf-8")


def document_xml(doc: Document) -> str:
    """One document as Akoma Ntoso 3.0 XML (``condiff parse FILE --format akn``)."""
    writer, root, act, meta = _tree(doc)
    writer.tail_meta(meta, ())
    writer.body(act)
    return _serialize(root)


def _name(doc: Document) -> str:
    return " ".join(x for x in (doc.title, doc.version) if x) or PurePath(doc.path).name


def _event_date(doc: Document) -> str:
    return doc.date if _FULL_DATE.match(doc.date) else UNKNOWN_DATE


def modifications(comparison: Comparison) -> list[tuple[str, ArticlePair]]:
    """The alignment entries a ``textualMod`` is written for, with their types."""
    return [(MOD_TYPE[pair.kind], pair) for pair in comparison.alignment
            if pair.kind in MOD_TYPE]


def render(comparison: Comparison, **options: Any) -> str:
    """The NEW document as Akoma Ntoso, with the changes from OLD as lifecycle and passive
    modifications (``condiff diff OLD NEW --format akn``). Options of other formats
    (colour, unchanged, timestamp) do not apply and are ignored."""
    old, new = comparison.old, comparison.new
    writer, root, act, meta = _tree(new)
    old_uri = source_uri(old)
    if old_uri == expression_uri(new):
        old_uri += "-old"  # two versions with the same name, date and language
    lifecycle = writer.el(meta, "lifecycle", source="#condiff")
    writer.el(lifecycle, "eventRef", eId="evt_1", date=_event_date(old), source="#ref_old",
              type="generation")
    writer.el(lifecycle, "eventRef", eId="evt_2", date=_event_date(new), source="#ref_new",
              type="amendment")
    mods = modifications(comparison)
    if mods:
        analysis = writer.el(meta, "analysis", source="#condiff")
        passive = writer.el(analysis, "passiveModifications")
        for i, (mod_type, pair) in enumerate(mods, 1):
            mod = writer.el(passive, "textualMod", eId=f"pmod_{i}", type=mod_type)
            writer.el(mod, "source", href="#ref_new")
            olds = [f"{old_uri}#{eid_in_source(old, pid)}" for pid in pair.old_ids]
            news = [f"#{pid}" for pid in pair.new_ids]
            for href in news or olds:
                writer.el(mod, "destination", href=href)
            for href in olds:
                writer.el(mod, "old", href=href)
            for href in news:
                writer.el(mod, "new", href=href)
    writer.tail_meta(meta, (("original", "ref_old", old_uri, _name(old)),
                            ("passiveRef", "ref_new", expression_uri(new), _name(new))))
    writer.body(act)
    return _serialize(root)
