"""Reviewer notes: a YAML sidecar keyed by references on the old or new side.

Notes are the reviewer's work, so this module is careful with them: a note whose reference no
longer resolves (the article was renumbered again, the text re-parsed) is kept and reported,
never dropped; saving is atomic, keeps the previous file as ``FILE.bak``, and refuses to
overwrite a file someone else changed on disk since it was loaded (two reviewers, or the TUI
and an editor, on the same file), so nobody's edit disappears silently. Format:
``docs/notes.md``.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import CondiffError
from .model import Comparison, Document, Finding, Note, Provision, normalize_ref

FORMAT_KEY = "condiff-notes"
FORMAT_VERSION = 1
SIDES = ("old", "new")
MAX_NOTES_BYTES = 10 * 1024 * 1024
_NOTE_KEYS = ("ref", "author", "text", "tags", "created")
_REF = re.compile(r"^(old|new):\s*(\S.*)$")


class NotesConflict(CondiffError):
    """Saving would overwrite an edit someone made to the notes file since it was loaded."""


@dataclass(frozen=True)
class NotesFile:
    """A loaded notes sidecar.

    Attributes:
        notes: The notes, in file order.
        old: Label of the old document ("" if not given).
        new: Label of the new document.
        path: Where it was read from ("" if built in memory).
        digest: SHA-256 of the bytes read ("" if the file did not exist): :func:`save_notes`
            compares it with the file on disk to detect someone else's edit.
    """

    notes: tuple[Note, ...] = ()
    old: str = ""
    new: str = ""
    path: str = ""
    digest: str = ""

    def __iter__(self) -> Iterator[Note]:
        return iter(self.notes)

    def __len__(self) -> int:
        return len(self.notes)


def split_ref(ref: str) -> tuple[str, str]:
    """``"old:24.3"`` → ``("old", "24.3")``.

    Raises:
        CondiffError: when the side prefix is missing or unknown.
    """
    m = _REF.match(ref.strip())
    if not m:
        raise CondiffError(f"note reference {ref!r} needs a side prefix",
                           hint="Write old:24.3 or new:27.3")
    return m.group(1), m.group(2).strip()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fail(path: str, line: int, message: str, hint: str | None = None) -> CondiffError:
    return CondiffError(message, path=path, line=line or None,
                        hint=hint or "See docs/notes.md for the notes format")


def parse_notes(text: str, path: str = "<string>") -> NotesFile:
    """Parse and validate notes YAML.

    Raises:
        CondiffError: with ``path:line`` for anything malformed.
    """
    from .safe_yaml import LineMap, line_of, load_with_lines

    data = load_with_lines(text, path)
    if data is None:
        return NotesFile(path=path)
    if not isinstance(data, LineMap):
        raise _fail(path, 1, "a notes file must be a mapping with condiff-notes: 1 and notes:")
    for key in data:
        if key not in (FORMAT_KEY, "old", "new", "notes"):
            raise _fail(path, data.key_lines[key], f"unknown key {key!r}",
                        hint="Allowed keys: condiff-notes, old, new, notes")
    if data.get(FORMAT_KEY) != FORMAT_VERSION:
        raise _fail(path, line_of(data, FORMAT_KEY, 1),
                    f"expected {FORMAT_KEY}: {FORMAT_VERSION} at the top of the notes file")

    def text_of(value: Any, what: str, line: int) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise _fail(path, line, f"{what} must be text", hint="Quote the value")
        return str(value)

    raw = data.get("notes", [])
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise _fail(path, line_of(data, "notes"), "notes must be a list")
    notes: list[Note] = []
    for item in raw:
        line = line_of(item, default=line_of(data, "notes"))
        if not isinstance(item, LineMap):
            raise _fail(path, line, "each note must be a mapping with ref and text")
        for key in item:
            if key not in _NOTE_KEYS:
                raise _fail(path, item.key_lines[key], f"unknown key {key!r} in a note",
                            hint=f"Allowed keys: {', '.join(_NOTE_KEYS)}")
        for key in ("ref", "text"):
            if key not in item:
                raise _fail(path, line, f"a note needs {key!r}")
        ref = text_of(item["ref"], "ref", line_of(item, "ref")).strip()
        try:
            side, target = split_ref(ref)
        except CondiffError as exc:
            raise _fail(path, line_of(item, "ref"), exc.message, exc.hint) from None
        body = text_of(item["text"], "text", line_of(item, "text"))
        if not body.strip():
            raise _fail(path, line_of(item, "text"), "a note's text must not be empty")
        tags_raw = item.get("tags", [])
        if tags_raw is None:
            tags_raw = []
        if isinstance(tags_raw, str):
            tags_raw = [tags_raw]
        if not isinstance(tags_raw, list):
            raise _fail(path, line_of(item, "tags"), "tags must be a list of words")
        tags = tuple(text_of(t, "a tag", line_of(item, "tags")).strip() for t in tags_raw)
        notes.append(Note(
            ref=f"{side}:{target}", text=body.rstrip("\n"),
            author=text_of(item.get("author"), "author", line_of(item, "author")).strip(),
            tags=tuple(t for t in tags if t),
            created=text_of(item.get("created"), "created", line_of(item, "created")).strip(),
        ))
    return NotesFile(
        notes=tuple(notes),
        old=text_of(data.get("old"), "old", line_of(data, "old")).strip(),
        new=text_of(data.get("new"), "new", line_of(data, "new")).strip(),
        path=path,
    )


def load_notes(path: str | os.PathLike[str], *, missing_ok: bool = False) -> NotesFile:
    """Read a notes sidecar.

    Args:
        path: The notes file.
        missing_ok: Return an empty :class:`NotesFile` for a file that does not exist yet (a
            reviewer starting fresh) instead of failing.

    Raises:
        CondiffError: when the file is missing (unless ``missing_ok``), unreadable, too large,
            not UTF-8 or malformed.
    """
    from .rules.packs import decode_utf8, read_small_file

    p = Path(path)
    data = read_small_file(p, "notes file", MAX_NOTES_BYTES, "Check the path given to --notes",
                           missing_ok=missing_ok)
    if data is None:
        return NotesFile(path=str(p))
    text = decode_utf8(data, p, "notes file")
    return replace(parse_notes(text, str(p)), digest=_digest(data))


def merge_notes(*groups: Iterable[Note]) -> tuple[Note, ...]:
    """All notes of several sources in order, each identical note once."""
    seen: dict[Note, None] = {}
    for group in groups:
        for note in group:
            seen.setdefault(note, None)
    return tuple(seen)


def dump_notes(notes: Iterable[Note], *, old: str = "", new: str = "") -> str:
    """The notes as YAML text in the documented format."""
    import yaml

    data: dict[str, Any] = {FORMAT_KEY: FORMAT_VERSION}
    if old:
        data["old"] = old
    if new:
        data["new"] = new
    items: list[dict[str, Any]] = []
    for note in notes:
        split_ref(note.ref)  # refuse to write a reference without a side
        item: dict[str, Any] = {"ref": note.ref}
        if note.author:
            item["author"] = note.author
        item["text"] = note.text
        if note.tags:
            item["tags"] = list(note.tags)
        if note.created:
            item["created"] = note.created
        items.append(item)
    data["notes"] = items
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return "# condiff reviewer notes (format: docs/notes.md)\n" + body


def save_notes(
    path: str | os.PathLike[str],
    notes: Iterable[Note],
    *,
    old: str = "",
    new: str = "",
    expected_digest: str | None = None,
    backup: bool = True,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> NotesFile:
    """Write notes atomically, keeping the previous file as ``FILE.bak``.

    Args:
        path: The notes file.
        notes: What to write.
        old: Label of the old document.
        new: Label of the new document.
        expected_digest: The ``digest`` of the :class:`NotesFile` these notes were loaded
            from ("" if the file did not exist then). If the file on disk differs, nothing is
            written and :class:`CondiffError` says so. ``None`` skips the check.
        backup: Copy the current file to ``FILE.bak`` (atomically) before replacing it.
        inputs: Files that must never be overwritten (the documents under review).

    Returns:
        The saved file, with its new digest (pass it to the next save).

    Raises:
        NotesConflict: on a conflicting edit on disk.
        CondiffError: when the file cannot be written.
    """
    from .io import write_atomic

    p = Path(path)
    notes = tuple(notes)
    try:
        current: bytes | None = p.read_bytes()
    except FileNotFoundError:
        current = None
    except OSError as exc:
        raise CondiffError(f"cannot read notes before saving: {exc.strerror or exc}",
                           path=str(p)) from None
    if expected_digest is not None:
        on_disk = _digest(current) if current is not None else ""
        if on_disk != expected_digest:
            raise NotesConflict(
                "the notes file changed on disk since it was loaded; not overwriting "
                "someone else's edit", path=str(p),
                hint="In condiff review choose Reload, Keep mine or Save as…; elsewhere, "
                "open the file again, add your notes to it and save")
    text = dump_notes(notes, old=old, new=new)
    if backup and current is not None:
        write_atomic(f"{p}.bak", current, inputs=[*inputs, p], private=True)
    write_atomic(p, text, inputs=inputs, private=True)
    data = text.encode("utf-8")
    return NotesFile(notes=notes, old=old, new=new, path=str(p), digest=_digest(data))


# ---------------------------------------------------------------------------
# Attaching notes to a comparison
# ---------------------------------------------------------------------------


def resolve(note: Note, comparison: Comparison) -> Provision | None:
    """The provision a note points at, or None when its reference no longer resolves."""
    side, target = split_ref(note.ref)
    doc: Document = comparison.old if side == "old" else comparison.new
    return doc.find(target)


def _covers(note_node: Provision, ref: str, doc: Document) -> bool:
    """Whether a note on ``note_node`` concerns the provision ``ref`` (itself or inside)."""
    target = doc.find(ref)
    if target is None:
        return normalize_ref(note_node.ref) == normalize_ref(ref)
    return target.id == note_node.id or target.id.startswith(note_node.id + "__")


def orphans(comparison: Comparison, notes: Iterable[Note]) -> tuple[Note, ...]:
    """Notes whose reference resolves in neither document version it names."""
    return tuple(n for n in notes if resolve(n, comparison) is None)


def attach_notes(comparison: Comparison, notes: Iterable[Note]) -> Comparison:
    """Put every note into ``comparison.notes`` and onto the findings it concerns.

    A note attaches to a finding when it names one of the finding's references on the same
    side, or a provision containing it (a note on ``old:24`` concerns a finding on ``24.3``).
    Notes that resolve nowhere are kept in ``comparison.notes`` and named in
    ``comparison.warnings``; they are never dropped.
    """
    all_notes = merge_notes(comparison.notes, notes)
    resolved: list[tuple[Note, str, Provision]] = []
    warnings = list(comparison.warnings)
    for note in all_notes:
        node = resolve(note, comparison)
        if node is None:
            warnings.append(f"note {note.ref} ({_short(note.text)}) no longer matches a "
                            "provision; it is kept in the notes file")
            continue
        resolved.append((note, split_ref(note.ref)[0], node))

    def for_finding(f: Finding) -> tuple[Note, ...]:
        mine = [n for n, side, node in resolved
                if any(_covers(node, r, comparison.old if side == "old" else comparison.new)
                       for r in (f.old if side == "old" else f.new))]
        return merge_notes(f.notes, mine)

    findings = tuple(replace(f, notes=for_finding(f)) for f in comparison.findings)
    return replace(comparison, notes=all_notes, findings=findings, warnings=tuple(warnings))


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
