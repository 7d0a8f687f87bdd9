"""Reviewer notes for the review UI: load, edit, save atomically, and never lose them.

The sidecar format, its reader and its atomic writer belong to :mod:`condiff.notes`; this
module keeps the state of one editing session on top of them. Every change is written at once
to ``<notes>.autosave`` (a crash, a closed terminal or a killed process then loses nothing); a
deliberate save writes the sidecar atomically (keeping ``<notes>.bak``) and removes the
autosave. On start an autosave left behind is recovered.
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
from ..notes import NotesFile, dump_notes, load_notes, merge_notes, save_notes


def autosave_path(path: Path) -> Path:
    """Where unsaved notes are kept between a change and the next save."""
    return path.with_name(path.name + ".autosave")


def load(path: str | os.PathLike[str]) -> list[Note]:
    """Notes stored in a sidecar file; [] when it does not exist yet."""
    return list(load_notes(path, missing_ok=True).notes)


def dump(notes: Sequence[Note], *, old_label: str = "", new_label: str = "") -> str:
    """The sidecar text for ``notes`` (``condiff-notes: 1``)."""
    return dump_notes(notes, old=old_label, new=new_label)


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
        #: The sidecar as last read or written; its digest guards against overwriting an edit
        #: someone made on disk meanwhile.
        self.stored = NotesFile(path=str(self.path))

    @classmethod
    def open(cls, path: str | os.PathLike[str], fallback: Iterable[Note] = (),
             **kwargs: Any) -> NotesSession:
        """Load the sidecar (or an autosave left by a crash, which wins), else ``fallback``."""
        target = Path(path)
        stored = load_notes(target, missing_ok=True)
        kwargs.setdefault("old_label", "")
        kwargs.setdefault("new_label", "")
        kwargs["old_label"] = stored.old or kwargs["old_label"]
        kwargs["new_label"] = stored.new or kwargs["new_label"]
        backup = autosave_path(target)
        if backup.exists():
            session = cls(target, load_notes(backup).notes, **kwargs)
            session.dirty = session.recovered = True
        elif stored.digest:
            session = cls(target, stored.notes, **kwargs)
        else:
            session = cls(target, fallback, **kwargs)
        session.stored = stored
        return session

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

    def delete(self, index: int) -> None:
        """Remove the note at ``index`` (autosaved at once, like every change)."""
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
            write_atomic(self.autosave_path, self.text(), inputs=self.inputs, private=True)

    def save(self) -> Path:
        """Write the sidecar atomically and drop the autosave.

        The previous file is kept as ``<notes>.bak``; if someone changed the file on disk since
        it was loaded, nothing is written (the autosave still holds everything).

        Raises:
            CondiffError: when the file changed on disk or cannot be written.
        """
        self.stored = save_notes(self.path, self.notes, old=self.old_label, new=self.new_label,
                                 expected_digest=self.stored.digest, inputs=self.inputs)
        self.dirty = False
        self.recovered = False
        self.discard_autosave()
        return self.path

    def save_over(self) -> Path:
        """"Keep mine": save over the file someone else changed (their version stays in
        ``<notes>.bak``)."""
        self.stored = save_notes(self.path, self.notes, old=self.old_label, new=self.new_label,
                                 expected_digest=None, inputs=self.inputs)
        self.dirty = self.recovered = False
        self.discard_autosave()
        return self.path

    def reload(self) -> int:
        """"Reload": the file as it is on disk now, with this session's notes it lacks added
        after its own (nothing is lost: a note changed on both sides shows both versions).

        Returns:
            How many of this session's notes were added to the file's.

        Raises:
            CondiffError: when the file cannot be read.
        """
        stored = load_notes(self.path, missing_ok=True)
        merged = merge_notes(stored.notes, self.notes)
        added = len(merged) - len(stored.notes)
        self.notes = list(merged)
        self.stored = stored
        self.old_label = stored.old or self.old_label
        self.new_label = stored.new or self.new_label
        self.dirty = added > 0
        if self.dirty:
            self.autosave()
        else:
            self.discard_autosave()
        return added

    def save_as(self, path: str | os.PathLike[str]) -> Path:
        """"Save as…": write the notes to a new file, which this session then keeps.

        Raises:
            CondiffError: when ``path`` exists already (someone's file is never replaced from
                here) or cannot be written.
        """
        target = Path(path)
        if target.exists():
            raise CondiffError("that file exists already; choose a new name", path=str(target),
                               hint="Save as… writes a new file and never replaces one")
        self.stored = save_notes(target, self.notes, old=self.old_label, new=self.new_label,
                                 expected_digest="", inputs=self.inputs)
        self.discard_autosave()
        self.path = target
        self.dirty = self.recovered = False
        return target

    def discard_autosave(self) -> None:
        """Remove the autosave (after a save, or when the reviewer chose to discard)."""
        with contextlib.suppress(OSError):
            self.autosave_path.unlink()
