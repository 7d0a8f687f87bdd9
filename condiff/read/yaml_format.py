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

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing when reading
if TYPE_CHECKING:
    from typing import Any

FORMAT_VERSION = 1
MAX_DEPTH = 64

_DOC_KEYS = ("condiff", "title", "country", "version", "date", "language", "source", "provisions")
_PROV_KEYS = ("kind", "label", "heading", "text", "repealed", "children")
_STD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}
_HINT = "See docs/format.md for the canonical YAML format"
# libyaml's C scanner and emitter are ~15x faster on a 600 KB constitution (3.7 s → 0.25 s to
# read) and give the same events, nodes and marks; the pure-Python classes are the fallback.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _err(message: str, path: str, node: Any = None, hint: str | None = _HINT) -> CondiffError:
    mark = getattr(node, "start_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return CondiffError(message, path=path, line=line, column=column, hint=hint)


def _prescan(text: str, path: str) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise _err(
                    "YAML aliases (*name) are not allowed in a condiff document",
                    path,
                    event,
                    "Write the text out in full instead of referring to an anchor",
                )
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise _err(
                    f"YAML anchors (&{anchor}) are not allowed in a condiff document",
                    path,
                    event,
                    "Remove the anchor and write the text out in full",
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in _STD_TAGS and tag != "!":
                raise _err(
                    f"YAML tag {tag!r} is not allowed",
                    path,
                    event,
                    "condiff documents hold plain strings, lists and mappings only; remove the tag",
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _err(
                        f"the YAML is nested more than {MAX_DEPTH} levels deep",
                        path,
                        event,
                        "A constitution needs a handful of levels; check the indentation",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, path) from None
    except yaml.YAMLError as exc:
        raise _reader_error(exc, text, path) from None


def _reader_error(exc: yaml.YAMLError, text: str, path: str) -> CondiffError:
    """A character YAML refuses (control characters): say where it is."""
    position = getattr(exc, "position", None)
    line = column = None
    if isinstance(position, int) and 0 <= position <= len(text):
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
    char = getattr(exc, "character", None)
    what = f"character {char!r}" if isinstance(char, str) else "a character"
    return CondiffError(f"invalid YAML: {what} is not allowed in YAML text", path=path,
                        line=line, column=column,
                        hint="Remove the control character or re-save the file as plain text")


def _yaml_error(exc: yaml.MarkedYAMLError, path: str) -> CondiffError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if "nesting depth" in problem:  # libyaml's own limit, met before our event count
        return CondiffError(
            f"the YAML is nested more than {MAX_DEPTH} levels deep",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="A constitution needs a handful of levels; check the indentation",
        )
    return CondiffError(
        f"invalid YAML: {problem}",
        path=path,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        hint="Check the indentation and quoting on that line (quote text containing ': ' or '#')",
    )


def _scalar(node: Any, path: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        found = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        raise _err(f"{what} must be text, found {found}", path, node)
    if node.tag == "tag:yaml.org,2002:null":
        return ""
    return str(node.value).strip()


def _mapping(node: Any, path: str, what: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(node, yaml.MappingNode):
        is_list = isinstance(node, yaml.SequenceNode)
        found = "a list" if is_list else repr(_scalar(node, path, what))
        raise _err(f"{what} must be a mapping of keys ({', '.join(allowed)}), found {found}",
                   path, node)
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node, path, "a key")
        if key in out:
            raise _err(f"duplicate key {key!r} in {what}", path, key_node,
                       "Each key may appear once; merge the two entries")
        if key not in allowed:
            raise _err(f"unknown key {key!r} in {what}", path, key_node,
                       f"Allowed keys: {', '.join(allowed)}")
        out[key] = value_node
    return out


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
    _prescan(text, path)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, path) from None
    except yaml.YAMLError as exc:
        raise _reader_error(exc, text, path) from None
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
