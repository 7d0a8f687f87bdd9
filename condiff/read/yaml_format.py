"""Canonical YAML format: reading with precise errors, and writing.

The format is documented in ``docs/format.md``. Reading never constructs Python objects from
tags: the text is first scanned as an event stream (cheap, iterative) to refuse anchors and
aliases (the "billion laughs" bomb), non-standard tags (``!!python/object``) and absurd nesting,
then composed into nodes whose marks give ``file:line:column`` for every validation error. Scalars
are taken as the raw strings written, so ``label: 1.10`` stays "1.10", and a 10,000-digit
"integer" is just a label.
"""

from __future__ import annotations

import yaml

from ..errors import CondiffError
from ..model import KINDS, SUBUNIT_KINDS, Document, Provision, finalize
from ..safe_yaml import loader, mapping, node_error, prescan, reader_error, scalar, yaml_error

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing when reading
if TYPE_CHECKING:
    from typing import Any

FORMAT_VERSION = 1

_DOC_KEYS = ("condiff", "title", "country", "version", "date", "language", "source", "provisions")
_PROV_KEYS = ("kind", "label", "heading", "text", "repealed", "children")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}
_HINT = "See docs/format.md for the canonical YAML format"
# libyaml's C emitter is ~15x faster on a 600 KB constitution and gives the same text; the
# pure-Python class is the fallback.
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _err(message: str, path: str, node: Any = None, hint: str | None = _HINT) -> CondiffError:
    return node_error(message, path, node, hint)


def _scalar(node: Any, path: str, what: str) -> str:
    return scalar(node, path, what, _HINT)


def _mapping(node: Any, path: str, what: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    return mapping(node, path, what, allowed, _HINT)


def _provision(node: Any, path: str, parent_kind: str | None, position: int) -> Provision:
    if isinstance(node, yaml.ScalarNode) and parent_kind is not None:
        # Shorthand: a bare string inside an article is its next numbered paragraph.
        kind = "item" if parent_kind in SUBUNIT_KINDS else "paragraph"
        return Provision(kind=kind, label=str(position), text=_scalar(node, path, "text"),
                         line=node.start_mark.line + 1)
    fields = _mapping(node, path, "a provision", _PROV_KEYS)
    if "kind" in fields:
        kind = _scalar(fields["kind"], path, "kind")
    elif parent_kind in ("article", "amendment", "preamble"):
        kind = "paragraph"
    elif parent_kind in SUBUNIT_KINDS:
        kind = "item"
    else:
        raise _err("provision has no 'kind'", path, node,
                   f"Add 'kind:' with one of: {', '.join(KINDS)}")
    if kind not in KINDS:
        raise _err(f"unknown kind {kind!r}", path, fields["kind"],
                   f"Use one of: {', '.join(KINDS)}")
    repealed = False
    if "repealed" in fields:
        raw = _scalar(fields["repealed"], path, "repealed").lower()
        if raw not in _TRUE | _FALSE:
            raise _err(f"'repealed' must be true or false, found {raw!r}", path, fields["repealed"])
        repealed = raw in _TRUE
    children: list[Provision] = []
    if "children" in fields:
        seq = fields["children"]
        if not isinstance(seq, yaml.SequenceNode):
            raise _err("'children' must be a list", path, seq)
        for i, child in enumerate(seq.value, 1):
            children.append(_provision(child, path, kind, i))
    return Provision(
        kind=kind,
        label=_scalar(fields["label"], path, "label") if "label" in fields else "",
        heading=_scalar(fields["heading"], path, "heading") if "heading" in fields else "",
        text=_scalar(fields["text"], path, "text") if "text" in fields else "",
        children=tuple(children),
        repealed=repealed,
        line=node.start_mark.line + 1,
    )


def parse_yaml(text: str, path: str = "<yaml>") -> Document:
    """Read a canonical YAML document.

    Raises:
        CondiffError: with file:line:column for any syntax or schema problem.
    """
    prescan(text, path)
    try:
        root = yaml.compose(text, Loader=loader())
    except yaml.MarkedYAMLError as exc:
        raise yaml_error(exc, path) from None
    except yaml.YAMLError as exc:
        raise reader_error(exc, text, path) from None
    except RecursionError:
        raise CondiffError("the YAML is nested too deeply", path=path) from None
    if root is None:
        raise CondiffError("the YAML document is empty", path=path,
                           hint="A condiff document needs at least 'title' and 'provisions'")
    fields = _mapping(root, path, "the document", _DOC_KEYS)
    if "condiff" in fields:
        version = _scalar(fields["condiff"], path, "condiff")
        if version != str(FORMAT_VERSION):
            raise _err(f"unsupported format version condiff: {version}", path, fields["condiff"],
                       f"This condiff reads format version {FORMAT_VERSION}")
    if "provisions" not in fields:
        raise _err("the document has no 'provisions' list", path, root)
    seq = fields["provisions"]
    if not isinstance(seq, yaml.SequenceNode):
        raise _err("'provisions' must be a list", path, seq)
    provisions = tuple(_provision(n, path, None, i) for i, n in enumerate(seq.value, 1))
    meta = {k: _scalar(fields[k], path, k) for k in _DOC_KEYS[1:-1] if k in fields}
    return finalize(Document(
        title=meta.get("title", ""), country=meta.get("country", ""),
        version=meta.get("version", ""), date=meta.get("date", ""),
        language=meta.get("language", ""), source=meta.get("source", ""),
        provisions=provisions, path=path))


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


class _Dumper(_BaseDumper):  # type: ignore[misc]
    pass


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\n" in data and data == data.strip() and all(
        ch == "\n" or ch == "\t" or ch >= " " for ch in data
    ) and "\r" not in data and not any(line != line.rstrip() for line in data.split("\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _str_presenter)


def provision_to_dict(p: Provision) -> dict[str, Any]:
    """Plain-data form of a provision, leaving out empty fields."""
    out: dict[str, Any] = {"kind": p.kind}
    if p.label:
        out["label"] = p.label
    if p.heading:
        out["heading"] = p.heading
    if p.text:
        out["text"] = p.text
    if p.repealed:
        out["repealed"] = True
    if p.children:
        out["children"] = [provision_to_dict(c) for c in p.children]
    return out


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Plain-data form of a document in canonical key order."""
    out: dict[str, Any] = {"condiff": FORMAT_VERSION}
    for key in ("title", "country", "version", "date", "language", "source"):
        value = getattr(doc, key)
        if value:
            out[key] = value
    out["provisions"] = [provision_to_dict(p) for p in doc.provisions]
    return out


def dump_yaml(doc: Document) -> str:
    """Canonical YAML text of a document; ``parse_yaml(dump_yaml(d)) == d``."""
    return yaml.dump(
        document_to_dict(doc),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
