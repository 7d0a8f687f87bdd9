"""Reading YAML nobody vouches for: the one home of the checks every YAML input goes through.

Documents, profiles, rule packs, policies and notes files may come from anyone, so each is
scanned as an event stream first (:func:`prescan`): anchors and aliases (the "billion laughs"
bomb), tags that would construct objects (``!!python/object``) and absurd nesting are refused
with ``file:line:column`` before anything is built. Then either the nodes are composed and
checked one by one (:func:`scalar`, :func:`mapping`, as the document reader does), or the file is
turned into plain values that remember their source lines (:func:`load_with_lines`, for packs
and notes), so that every later error can name the line.

PyYAML is imported on first use, never at start-up: ``condiff check`` usually reads its bundled
rule packs from a cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import CondiffError

if TYPE_CHECKING:
    import yaml

#: Deepest nesting of mappings and lists accepted (a constitution needs a handful of levels).
MAX_DEPTH = 64
#: Most values one file may expand to.
MAX_NODES = 100_000

_STD_TAGS = frozenset((
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
))
_STR_TAG = "tag:yaml.org,2002:str"


def loader() -> Any:
    """libyaml's C loader where installed (~15x faster on a 600 KB text, same events, nodes
    and marks), else PyYAML's pure-Python one."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def node_error(message: str, path: str, node: Any = None,
               hint: str | None = None) -> CondiffError:
    """An error at the position of a YAML node or event (``file:line:column``)."""
    mark = getattr(node, "start_mark", None)
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return CondiffError(message, path=path, line=line, column=column, hint=hint)


def prescan(text: str, path: str) -> None:
    """Refuse anchors, aliases, non-standard tags and nesting deeper than :data:`MAX_DEPTH`.

    Raises:
        CondiffError: naming the line and column, for those and for YAML syntax errors.
    """
    import yaml

    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader()):
            if isinstance(event, yaml.AliasEvent):
                raise node_error(
                    "YAML aliases (*name) are not allowed in a condiff document",
                    path,
                    event,
                    "Write the text out in full instead of referring to an anchor",
                )
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise node_error(
                    f"YAML anchors (&{anchor}) are not allowed in a condiff document",
                    path,
                    event,
                    "Remove the anchor and write the text out in full",
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in _STD_TAGS and tag != "!":
                raise node_error(
                    f"YAML tag {tag!r} is not allowed",
                    path,
                    event,
                    "condiff documents hold plain strings, lists and mappings only; remove the tag",
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise node_error(
                        f"the YAML is nested more than {MAX_DEPTH} levels deep",
                        path,
                        event,
                        "A constitution needs a handful of levels; check the indentation",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise yaml_error(exc, path) from None
    except yaml.YAMLError as exc:
        raise reader_error(exc, text, path) from None


def reader_error(exc: yaml.YAMLError, text: str, path: str) -> CondiffError:
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


def yaml_error(exc: yaml.MarkedYAMLError, path: str) -> CondiffError:
    """A YAML syntax error as a CondiffError naming the line, column and a likely fix."""
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


def scalar(node: Any, path: str, what: str, hint: str | None = None) -> str:
    """The text of a scalar node, stripped ("" for null).

    Raises:
        CondiffError: at the node, when it is a list or a mapping.
    """
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        found = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        raise node_error(f"{what} must be text, found {found}", path, node, hint)
    if node.tag == "tag:yaml.org,2002:null":
        return ""
    return str(node.value).strip()


def mapping(node: Any, path: str, what: str, allowed: tuple[str, ...],
            hint: str | None = None) -> dict[str, Any]:
    """The value nodes of a mapping node by key, every key checked against ``allowed``.

    Raises:
        CondiffError: at the node, for a non-mapping, a duplicate key or an unknown key.
    """
    import yaml

    if not isinstance(node, yaml.MappingNode):
        is_list = isinstance(node, yaml.SequenceNode)
        found = "a list" if is_list else repr(scalar(node, path, what, hint))
        raise node_error(f"{what} must be a mapping of keys ({', '.join(allowed)}), found "
                         f"{found}", path, node, hint)
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = scalar(key_node, path, "a key", hint)
        if key in out:
            raise node_error(f"duplicate key {key!r} in {what}", path, key_node,
                             "Each key may appear once; merge the two entries")
        if key not in allowed:
            raise node_error(f"unknown key {key!r} in {what}", path, key_node,
                             f"Allowed keys: {', '.join(allowed)}")
        out[key] = value_node
    return out


# ---------------------------------------------------------------------------
# Plain values that remember their lines
# ---------------------------------------------------------------------------


class LineMap(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A list that remembers its line."""

    line: int = 0


def _convert(node: yaml.Node, path: str, budget: list[int] | None = None,
             constructor: yaml.constructor.SafeConstructor | None = None) -> Any:
    import yaml

    # Aliases make a small file expand exponentially ("billion laughs"): count every node.
    budget = budget if budget is not None else [MAX_NODES]
    constructor = constructor if constructor is not None else yaml.constructor.SafeConstructor()
    budget[0] -= 1
    if budget[0] < 0:
        raise CondiffError("the YAML expands to too many values (aliases?)", path=path,
                           hint="Write the file without YAML aliases")
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LineMap()
        out.line = line
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path, budget, constructor)
            if not isinstance(key, str):
                raise CondiffError("keys must be text", path=path,
                                   line=key_node.start_mark.line + 1)
            if key in out:
                raise CondiffError(f"key {key!r} appears twice", path=path,
                                   line=key_node.start_mark.line + 1,
                                   hint="Keep one of them")
            out[key] = _convert(value_node, path, budget, constructor)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LineList(_convert(item, path, budget, constructor) for item in node.value)
        seq.line = line
        return seq
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR_TAG:  # what SafeConstructor.construct_yaml_str returns
            return node.value
        try:
            return constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            # Implicit types PyYAML resolves but cannot build ("=" is the 'value' type, "<<"
            # the merge key): to a pack or notes file they are just text.
            return node.value
    raise CondiffError("unsupported YAML node", path=path, line=line)  # pragma: no cover


def load_with_lines(text: str, path: str) -> Any:
    """Parse YAML into plain values whose mappings and lists remember their source lines
    (:class:`LineMap`, :class:`LineList`; used for ``file:line`` errors by rule packs and the
    notes sidecar). Returns None for an empty document.

    Raises:
        CondiffError: for YAML syntax errors, non-text keys and duplicate keys.
    """
    # Same gate as documents: no anchors/aliases, no tags that would construct objects, bounded
    # nesting; a pack or notes file from someone else is as untrusted as a document.
    import yaml

    prescan(text, path)
    try:
        try:
            node = yaml.compose(text, Loader=loader())
        except UnicodeEncodeError:  # lone surrogates: libyaml takes only encodable text
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CondiffError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
                           path=path, line=mark.line + 1 if mark else None,
                           column=mark.column + 1 if mark else None,
                           hint="Check indentation and quoting") from None
    return None if node is None else _convert(node, path)


def line_of(obj: Any, key: str | None = None, default: int = 0) -> int:
    """The source line of a value from :func:`load_with_lines` (of ``key`` in a mapping when
    given and present), or ``default`` for a plain value."""
    if isinstance(obj, LineMap):
        if key is not None and key in obj.key_lines:
            return obj.key_lines[key]
        return obj.line
    if isinstance(obj, LineList):
        return obj.line
    return default
