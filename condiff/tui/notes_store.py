"""Reviewer notes for the review UI: load, edit, save atomically, and never lose them.

The notes sidecar format belongs to :mod:`condiff.notes`; this module is the only place the
TUI touches it, so the UI does not care whether that module or the small fallback below reads
the file. Every change is written at once to ``<notes>.autosave`` (a crash, a closed terminal or
a killed process then loses nothing); a deliberate save writes the sidecar atomically and
removes the autosave. On start an autosave left behind is recovered.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import CondiffError
from ..io import write_atomic
from ..model import Note


def autosave_path(path: Path) -> Path:
    """Where unsaved notes are kept between a change and the next save."""
    return path.with_name(path.name + ".autosave")


def _load_fallback(path: Path) -> list[Note]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CondiffError(f"cannot read the notes file: {exc}", path=str(path),
                           hint="Fix the YAML or choose another file with --notes") from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("notes", []), list):
        raise CondiffError("not a condiff notes file (expected a 'notes:' list)", path=str(path),
                           hint="See 'condiff review --help' for the notes format")
    notes: list[Note] = []
    for item in data.get("notes") or []:
        if not isinstance(item, dict) or "ref" not in item:
            raise CondiffError("every note needs a 'ref' such as old:24.3", path=str(path))
        tags = item.get("tags") or []
        notes.append(Note(ref=str(item["ref"]), text=str(item.get("text", "")),
                          author=str(item.get("author", "") or ""),
                          tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (),
                          created=str(item.get("created", "") or "")))
    return notes


def load(path: str | os.PathLike[str]) -> list[Note]:
    """Notes stored in a sidecar file; [] when it does not exist yet."""
    target = Path(path)
    if not target.exists():
        return []
    try:
        from ..notes import load_notes  # the shared reader, when present
    except ImportError:
        return _load_fallback(target)
    return list(load_notes(target))


def dump(notes: Sequence[Note], *, old_label: str = "", new_label: str = "") -> str:
    """The sidecar text for ``notes`` (``condiff-notes: 1``)."""
    import yaml

    data: dict[str, Any] = {"condiff-notes": 1}
    if old_label:
        data["old"] = old_label
    if new_label:
        data["new"] = new_label
    items: list[dict[str, Any]] = []
    for note in notes:
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
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


class NotesSession:
    """The notes being edited in one review, with their unsaved state.

    Args:
        path: The sidecar file notes are saved to.
        notes: Notes to start from.
        old_label: Label of the old document, recorded in the file.
        new_label: Label of the new document.
        inputs: Files that must never be overwritten (the two documents).
    """

    def __init__(self, path: str | os.PathLike[str], notes: Iterable[Note] = (), *,
                 old_label: str = "", new_label: str = "",
                 inputs: Sequence[str | os.PathLike[str]] = ()) -> None:
        self.path = Path(path)
        self.notes: list[Note] = list(notes)
        self.old_label = old_label
        self.new_label = new_label
        self.inputs = [os.fspath(p) for p in inputs if p]
        self.dirty = False
        self.recovered = False

    @classmethod
    def open(cls, path: str | os.PathLike[str], fallback: Iterable[Note] = (),
             **kwargs: Any) -> NotesSession:
        """Load the sidecar (or an autosave left by a crash, which wins), else ``fallback``."""
        target = Path(path)
        backup = autosave_path(target)
        if backup.exists():
            session = cls(target, load(backup), **kwargs)
            session.dirty = session.recovered = True
            return session
        if target.exists():
            return cls(target, load(target), **kwargs)
        return cls(target, fallback, **kwargs)

    @property
    def autosave_path(self) -> Path:
        """Where this session's unsaved notes are kept."""
        return autosave_path(self.path)

    def find(self, ref: str) -> int | None:
        """Index of the first note on ``ref``, or None."""
        for i, note in enumerate(self.notes):
            if note.ref == ref:
                return i
        return None

    def put(self, note: Note, index: int | None = None) -> None:
        """Add a note, or replace the one at ``index``; an empty text deletes it."""
        if not note.created:
            stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
            note = Note(note.ref, note.text, note.author, note.tags, stamp)
        if index is None:
            if note.text.strip():
                self.notes.append(note)
        elif note.text.strip():
            self.notes[index] = note
        else:
            del self.notes[index]
        self.dirty = True
        self.autosave()

    def text(self) -> str:
        """The sidecar content for the current notes."""
        return dump(self.notes, old_label=self.old_label, new_label=self.new_label)

    def autosave(self) -> None:
        """Write the unsaved notes next to the sidecar; silent when the folder is read-only,
        since the explicit save will then report the problem."""
        with contextlib.suppress(CondiffError):
            write_atomic(self.autosave_path, self.text(), inputs=self.inputs)

    def save(self) -> Path:
        """Write the sidecar atomically and drop the autosave.

        Raises:
            CondiffError: when the file cannot be written.
        """
        write_atomic(self.path, self.text(), inputs=self.inputs)
        self.dirty = False
        self.recovered = False
        self.discard_autosave()
        return self.path

    def discard_autosave(self) -> None:
        """Remove the autosave (after a save, or when the reviewer chose to discard)."""
        with contextlib.suppress(OSError):
            self.autosave_path.unlink()
