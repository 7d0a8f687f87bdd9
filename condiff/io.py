"""Writing outputs safely.

Reports and notes are written to a temporary file in the destination folder, flushed, fsynced and
renamed over the target, so a crash or a full disk never leaves a half-written file where a good
one was. condiff refuses to write over any of its inputs: a typo in ``-o`` must not destroy the
constitution it was reading.

Permissions: a new report is created with the mode any other program gives a new file (0666
less the umask, so 0644 under the usual 022) because reports are made to be shared; the
temporary file ``mkstemp`` creates is private (0600) and would otherwise keep that mode after
the rename. Reviewer notes, their autosave and the pack cache ask for ``private=True`` and stay
0600. A file that already exists keeps its mode either way.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import CondiffError


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same existing file (symlinks and hard links included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def current_umask() -> int:
    """The process umask, read without changing it where the system allows.

    ``os.umask`` can only be read by setting it, which for a moment changes the mode of files
    other threads create; Linux shows it in ``/proc/self/status``, so that is tried first.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    private: bool = False,
) -> None:
    """Write ``data`` to ``path`` atomically (temp file + rename).

    A new file gets mode 0666 less the umask (like any file a program creates), or 0600 with
    ``private``; an existing file keeps its mode.

    Raises:
        CondiffError: if ``path`` is one of ``inputs``, or the folder is missing or unwritable.
    """
    target = Path(path)
    for source in inputs:
        if source and same_file(target, source):
            raise CondiffError(
                "refusing to write the output over an input file", path=str(target),
                hint="Choose another output name with -o",
            )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise CondiffError("the output folder does not exist", path=str(target),
                           hint=f"Create {folder} first or choose another -o path")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CondiffError(f"cannot write to the output folder: {exc.strerror or exc}",
                           path=str(target), hint="Choose a folder you can write to") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            if target.exists():
                os.chmod(tmp, target.stat().st_mode & 0o7777)
            elif not private:
                os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise CondiffError(f"cannot write the output: {exc.strerror or exc}",
                           path=str(target)) from None


def emit(text: str, output: str | None, *, inputs: Iterable[str] = ()) -> None:
    """Write ``text`` to the ``-o`` file atomically, or to stdout when ``output`` is None/"-"."""
    if output and output != "-":
        write_atomic(output, text, inputs=inputs)
    else:
        sys.stdout.write(text)
        if text and not text.endswith("\n"):
            sys.stdout.write("\n")
