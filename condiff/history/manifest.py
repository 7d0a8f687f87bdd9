"""The versions of a history: from a small YAML manifest or from the command line.

A manifest lists the versions oldest first::

    title: Constitution of Spain          # optional
    versions:
      - path: spain-1978.txt              # relative to the manifest; or a bundled name
        label: "1978"                     # optional; default: the document's version, else
        date: 1978-12-29                  #   the date, else the file name. date: optional
      - path: spain-1992.txt
        label: "1992"
        date: 1992-08-27

Everything wrong with it is one line naming the manifest, the line and the entry (invalid YAML,
a missing file, a label used twice, fewer than two versions, dates out of order), raised as a
:class:`~condiff.errors.CondiffError` before any version is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CondiffError

#: Keys an entry of ``versions`` may have.
ENTRY_KEYS: tuple[str, ...] = ("path", "label", "date")
#: Largest manifest read (it lists files; it does not hold constitutions).
MAX_MANIFEST_BYTES = 1_000_000
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_MANIFEST_KEY = re.compile(r"^versions\s*:", re.MULTILINE)
_HINT = "See docs/history.md for the manifest format"


@dataclass(frozen=True)
class VersionSpec:
    """One version to read, as the manifest or the command line names it.

    Attributes:
        name: What to read: a path (made relative to the working folder) or a bundled name.
        given: The path or name as written by the user.
        label: The label given, or "" to take one from the document.
        date: The date given (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), or "".
        manifest: The manifest file it was listed in, or "" for the command line.
        line: 1-based line of its entry in the manifest (0 on the command line).
        entry: 1-based position in the list of versions.
    """

    name: str
    given: str
    label: str = ""
    date: str = ""
    manifest: str = ""
    line: int = 0
    entry: int = 0

    def where(self) -> str:
        """``entry 3 ('2011')`` or ``entry 3`` (for messages)."""
        shown = self.label or self.given
        return f"entry {self.entry} ({shown!r})" if shown else f"entry {self.entry}"


@dataclass(frozen=True)
class Manifest:
    """A parsed manifest.

    Attributes:
        path: The manifest file.
        title: The ``title`` it gives, or "".
        versions: The versions it lists, oldest first.
    """

    path: str
    title: str
    versions: tuple[VersionSpec, ...]


def looks_like_manifest(name: str) -> bool:
    """Whether ``name`` is a YAML file whose top-level mapping has a ``versions`` key (a
    canonical constitution YAML has ``provisions`` instead)."""
    path = Path(name)
    if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(MAX_MANIFEST_BYTES).decode("utf-8", "replace")
    except OSError:
        return False
    return bool(_MANIFEST_KEY.search(head))


def _error(path: str, node: Any, message: str, hint: str | None = _HINT) -> CondiffError:
    mark = getattr(node, "start_mark", None)
    return CondiffError(message, path=path, line=mark.line + 1 if mark is not None else None,
                        hint=hint)


def _scalar(path: str, node: Any, what: str) -> str:
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
        raise _error(path, node, f"{what} must be text, found {kind}")
    if node.tag == "tag:yaml.org,2002:null":
        return ""
    return str(node.value).strip()


def _is_bundled(name: str) -> bool:
    from ..read import is_bundled_name

    return is_bundled_name(name)


def _compose(path: str) -> Any:
    import yaml

    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise CondiffError("no such manifest", path=path,
                           hint="Check the path of the versions file") from None
    except OSError as exc:
        raise CondiffError(f"cannot read the manifest: {exc.strerror or exc}",
                           path=path) from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise CondiffError(f"the manifest is over {MAX_MANIFEST_BYTES // 1_000_000} MB",
                           path=path, hint="A manifest lists files; put the texts in files")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CondiffError(f"the manifest is not UTF-8 (byte {exc.start})", path=path,
                           hint="Save it as UTF-8") from None
    try:
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise CondiffError(f"not valid YAML: {exc.problem or exc.context or 'syntax error'}",
                           path=path, line=mark.line + 1 if mark else None,
                           column=mark.column + 1 if mark else None,
                           hint="Check the indentation and quoting on that line") from None
    except yaml.YAMLError as exc:
        raise CondiffError(f"not valid YAML: {exc}", path=path,
                           hint="Check the file is a YAML manifest") from None


def load_manifest(path: str) -> Manifest:
    """Read and check a manifest (each listed file must exist).

    Raises:
        CondiffError: one line naming the manifest, the line and the entry.
    """
    import yaml

    root = _compose(path)
    if not isinstance(root, yaml.MappingNode):
        raise _error(path, root, "expected a mapping with a 'versions' list")
    title = ""
    versions_node = None
    for key_node, value in root.value:
        key = _scalar(path, key_node, "a key")
        if key == "versions":
            versions_node = value
        elif key == "title":
            title = _scalar(path, value, "title")
        else:
            raise _error(path, key_node, f"unknown key {key!r}",
                         "A manifest has 'versions' (and optionally 'title')")
    if not isinstance(versions_node, yaml.SequenceNode):
        raise _error(path, versions_node or root, "expected 'versions:' with a list of "
                     "entries (path, label, date)")
    folder = Path(path).parent
    specs: list[VersionSpec] = []
    for number, node in enumerate(versions_node.value, start=1):
        specs.append(_entry(path, folder, number, node))
    check_specs(specs)
    return Manifest(path, title, tuple(specs))


def _entry(path: str, folder: Path, number: int, node: Any) -> VersionSpec:
    import yaml

    if isinstance(node, yaml.ScalarNode):  # a bare path is accepted too
        fields = {"path": (_scalar(path, node, f"entry {number}"), node)}
    elif isinstance(node, yaml.MappingNode):
        fields = {}
        for key_node, value in node.value:
            key = _scalar(path, key_node, "a key")
            if key not in ENTRY_KEYS:
                raise _error(path, key_node, f"entry {number}: unknown key {key!r}",
                             f"An entry has {', '.join(ENTRY_KEYS)}")
            fields[key] = (_scalar(path, value, f"entry {number}: {key}"), value)
    else:
        raise _error(path, node, f"entry {number} must be a mapping (path, label, date)")
    line = node.start_mark.line + 1
    given = fields.get("path", ("", node))[0]
    label = fields.get("label", ("", node))[0]
    date = fields.get("date", ("", node))[0]
    shown = f"entry {number} ({label!r})" if label else f"entry {number}"
    if not given:
        raise CondiffError(f"{shown} has no 'path'", path=path, line=line, hint=_HINT)
    if date and not _DATE.match(date):
        raise _error(path, fields["date"][1], f"{shown}: date {date!r} is not YYYY, YYYY-MM "
                     "or YYYY-MM-DD", "Write the date like 2011-09-27")
    if _is_bundled(given):
        from ..read import resolve_path

        try:
            resolve_path(given)
        except CondiffError as exc:
            raise CondiffError(f"{shown}: {exc.message}", path=path, line=line,
                               hint="See 'condiff corpora list' for bundled names") from None
        name = given
    else:
        target = Path(given) if Path(given).is_absolute() else folder / given
        if not target.is_file():
            why = "is a folder, not a file" if target.is_dir() else "no such file"
            raise CondiffError(f"{shown}: {why}: {given}", path=path, line=line,
                               hint="Paths in a manifest are relative to the manifest's folder")
        name = str(target)
    return VersionSpec(name, given, label, date, path, line, number)


def _place(spec: VersionSpec) -> dict[str, Any]:
    if spec.manifest:
        return {"path": spec.manifest, "line": spec.line or None}
    return {"path": spec.given}


def check_specs(specs: Sequence[VersionSpec]) -> None:
    """At least two versions, labels unique, dates (where given) not going backwards.

    Raises:
        CondiffError: naming the manifest line (or the file) of the offending entry.
    """
    if len(specs) < 2:
        where = specs[0].manifest if specs and specs[0].manifest else None
        count = f"{len(specs)} version" + ("s" if len(specs) != 1 else "")
        raise CondiffError(f"{count} given; a history needs at least two", path=where,
                           hint="List the versions oldest first" if where else
                           "Give two or more versions (files or a manifest), oldest first")
    check_labels(specs)
    previous: VersionSpec | None = None
    for spec in specs:
        if not spec.date:
            continue
        if previous is not None and spec.date < previous.date:
            raise CondiffError(
                f"{spec.where()}: date {spec.date} is before the date of {previous.where()}, "
                f"{previous.date}", **_place(spec),
                hint="List the versions oldest first (or correct the date)")
        previous = spec


def check_labels(specs: Sequence[VersionSpec], labels: Sequence[str] | None = None) -> None:
    """Labels (given, or ``labels`` when taken from the documents) must be unique.

    Raises:
        CondiffError: naming the second entry with a label already used.
    """
    seen: dict[str, VersionSpec] = {}
    for i, spec in enumerate(specs):
        label = labels[i] if labels is not None else spec.label
        if not label:
            continue
        key = label.casefold()
        if key in seen:
            first = seen[key]
            hint = ("Give each version its own label" if spec.manifest else
                    "Give the versions distinct labels in a manifest (see docs/history.md)")
            raise CondiffError(
                f"entry {spec.entry}: label {label!r} is already used by entry {first.entry}"
                + (f" (line {first.line})" if first.line else f" ({first.given})"),
                **_place(spec), hint=hint)
        seen[key] = spec


def specs_from_arguments(names: Sequence[str]) -> tuple[str, tuple[VersionSpec, ...]]:
    """The versions named on the command line: one manifest, or two or more documents.

    Returns:
        ``(title, versions)``; the title is the manifest's, or "".

    Raises:
        CondiffError: for a bad manifest or fewer than two versions.
    """
    if len(names) == 1 and looks_like_manifest(names[0]):
        manifest = load_manifest(names[0])
        return manifest.title, manifest.versions
    for name in names:
        if looks_like_manifest(name):
            raise CondiffError("a manifest must be the only argument", path=name,
                               hint="Give either one manifest or the version files")
    specs = tuple(VersionSpec(name, name, entry=i) for i, name in enumerate(names, start=1))
    check_specs(specs)
    return "", specs
