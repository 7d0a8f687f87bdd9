"""Run ``compare`` in a forked process while the review UI starts.

Starting Textual (importing it, parsing CSS, the first layout) and comparing two long
constitutions each take a good part of a second; done one after the other they miss the
one-second target for the first screen. Where ``fork`` exists the comparison runs in a child
process on another core, and the result comes back pickled through a pipe (frozen dataclasses
pickle cheaply). Elsewhere it runs in a thread, which is correct, only not parallel.

Imports no Textual: the fork happens before the UI is imported, so the child never loads it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from ..errors import CondiffError
from ..model import Comparison, Document


@dataclass
class Outcome:
    """What the comparison produced: a result, or an error to report, and any warnings."""

    comparison: Comparison | None = None
    error: CondiffError | None = None
    crash: str = ""
    warnings: list[str] = field(default_factory=list)


def _compute(old: Document, new: Document, options: dict[str, Any]) -> Outcome:
    from ..pipeline import compare

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = compare(old, new, **options)
        except CondiffError as exc:
            return Outcome(error=exc, warnings=[str(w.message) for w in caught])
    return Outcome(comparison=result, warnings=[str(w.message) for w in caught])


def _pack(outcome: Outcome) -> tuple[Any, ...]:
    err = outcome.error
    fields = (err.message, err.path, err.line, err.column, err.hint) if err else None
    return (outcome.comparison, fields, outcome.crash, outcome.warnings)


def _unpack(data: tuple[Any, ...]) -> Outcome:
    comparison, fields, crash, caught = data
    error = None
    if fields is not None:
        message, path, line, column, hint = fields
        error = CondiffError(message, path=path, line=line, column=column, hint=hint)
    return Outcome(comparison, error, crash, caught)


def _child(conn: Connection, old: Document, new: Document, options: dict[str, Any]) -> None:
    try:
        outcome = _compute(old, new, options)
    except BaseException as exc:  # reported by the parent as a bug
        outcome = Outcome(crash=f"{type(exc).__name__}: {exc}")
    try:
        conn.send(_pack(outcome))
    finally:
        conn.close()


def start_compare(old: Document, new: Document, **options: Any) -> Callable[[], Outcome]:
    """Start comparing at once; returns a function that waits for the outcome."""
    if "fork" in multiprocessing.get_all_start_methods() and os.name == "posix":
        ctx = multiprocessing.get_context("fork")
        receiver, sender = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_child, args=(sender, old, new, options), daemon=True)
        process.start()
        sender.close()

        def wait() -> Outcome:
            try:
                data = receiver.recv()
            except EOFError:
                process.join()
                return Outcome(crash=f"the comparison process stopped (exit code "
                               f"{process.exitcode})")
            finally:
                receiver.close()
            process.join()
            return _unpack(data)

        return wait

    box: list[Outcome] = []

    def run() -> None:
        try:
            box.append(_compute(old, new, options))
        except BaseException as exc:  # reported by the parent as a bug
            box.append(Outcome(crash=f"{type(exc).__name__}: {exc}"))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def join() -> Outcome:
        thread.join()
        return box[0]

    return join
