"""Parsing untrusted XML without letting the file reach outside itself.

An XML file can ask its parser to do far more than read it: a DTD can declare entities that
expand a few hundred bytes into gigabytes ("billion laughs"), or that pull in a local file or a
URL ("external entities"), and a file can nest elements deep enough to exhaust the stack. None of
that has a place in legislation: Akoma Ntoso documents need no DTD at all. So condiff refuses
any document type declaration outright, before the real parse, and then parses with lxml set so
that even a declaration that slipped past could do nothing: no entity expansion, no DTD loading,
no network, libxml2's own limits on depth (256) and text-node size (10 MB) left switched on.

The DTD check runs the standard library's expat over the prolog only (everything before the
root element, the one place a DOCTYPE may appear) and stops at the first element, so it costs
microseconds whatever the size of the file. Errors are :class:`~condiff.errors.CondiffError`
with file:line and never quote an entity's value or a referenced file.
"""

from __future__ import annotations

import xml.parsers.expat

from lxml import etree

from ..errors import CondiffError

#: Deepest element nesting accepted (libxml2's own limit without its "huge" option).
MAX_DEPTH = 256

_DTD_HINT = ("Akoma Ntoso needs no DTD: remove the <!DOCTYPE …> declaration (condiff never "
             "expands entities or reads files an XML file points to)")


class _PrologDone(Exception):
    """Raised by the expat handler at the root element: the prolog held no DTD."""


class _Refused(Exception):
    def __init__(self, what: str, line: int) -> None:
        super().__init__(what)
        self.what = what
        self.line = line


def _check_prolog(data: bytes) -> None:
    """Refuse a DOCTYPE (and with it every entity declaration) before the real parse."""
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def doctype(name: str, *_: object) -> None:
        raise _Refused("the XML declares a document type (<!DOCTYPE>)", parser.CurrentLineNumber)

    def entity(name: str, *_: object) -> None:
        raise _Refused("the XML declares an entity", parser.CurrentLineNumber)

    def start(name: str, attrs: object) -> None:
        raise _PrologDone

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    step = 1 << 16
    try:
        for offset in range(0, len(data), step):
            parser.Parse(data[offset:offset + step], False)
        parser.Parse(b"", True)
    except _PrologDone:
        return
    except xml.parsers.expat.ExpatError:
        # Not well-formed, or an encoding expat lacks: lxml reports the first with a better
        # message, and parses the second with the DTD switched off and checked again below.
        return


def _parser(encoding: str | None) -> etree.XMLParser:
    # A new parser per call: lxml parsers are not thread-safe and the review UI reads
    # documents in a worker thread.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        encoding=encoding,
    )


def _syntax_error(exc: etree.XMLSyntaxError, path: str) -> CondiffError:
    entry = exc.error_log.last_error if exc.error_log else None
    message = (entry.message if entry is not None else str(exc.msg or exc)).strip()
    line = entry.line if entry is not None and entry.line > 0 else exc.lineno
    column = entry.column if entry is not None and entry.column > 0 else None
    if "Excessive depth" in message:
        return CondiffError(f"the XML is nested more than {MAX_DEPTH} levels deep", path=path,
                            line=line, hint="A law needs a few dozen levels at most; the file is "
                            "damaged or hostile")
    if "huge text node" in message or "too long" in message or "too large" in message:
        return CondiffError("the XML holds a text node over 10 MB", path=path, line=line,
                            hint="No provision is that long; the file is damaged or hostile")
    if "amplification" in message or "ntity" in message:
        return CondiffError("the XML uses entities, which condiff refuses", path=path, line=line,
                            hint=_DTD_HINT)
    return CondiffError(f"not well-formed XML: {message}", path=path, line=line, column=column,
                        hint="Check the file is complete and was saved as XML")


def parse_xml(data: bytes, path: str, *, encoding: str | None = None) -> etree._Element:
    """Parse untrusted XML bytes into an lxml element tree, refusing DTDs and entities.

    Args:
        data: The file's bytes (the encoding declaration inside is honoured).
        path: File name for messages.
        encoding: Override the declared encoding (for text already decoded and re-encoded).

    Raises:
        CondiffError: the XML has a DOCTYPE or entity declaration, is not well-formed, nests
            too deeply or holds an oversized text node.
    """
    try:
        _check_prolog(data)
    except _Refused as exc:
        raise CondiffError(exc.what, path=path, line=exc.line, hint=_DTD_HINT) from None
    try:
        root = etree.fromstring(data, _parser(encoding))
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None
    except ValueError as exc:  # lxml refuses some inputs before parsing (e.g. empty)
        raise CondiffError(f"not well-formed XML: {exc}", path=path) from None
    if root is None:
        raise CondiffError("the XML file has no root element", path=path)
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
        # Only reached when expat could not read the prolog (an encoding it lacks); the
        # parse above expanded nothing, but the document is refused all the same.
        raise CondiffError("the XML declares a document type (<!DOCTYPE>)", path=path,
                           hint=_DTD_HINT)
    return root
