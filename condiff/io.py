"""Writing outputs safely.

Reports and notes are written to a temporary file in the destination folder, flushed, fsynced and
renamed over the target, so a crash or a full disk never leaves a half-written file where a good
one was. condiff refuses to write over any of its inputs: a typo in ``-o`` must not destroy the
constitution it was reading.
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


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write ``data`` to ``path`` atomically (temp file + rename).

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
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
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
