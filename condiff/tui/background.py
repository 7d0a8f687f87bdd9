"""Run ``compare`` in a forked process while the review UI starts, in two stages.

Starting Textual (importing it, parsing CSS, the first layout) and comparing two long
constitutions each take a good part of a second; done one after the other they miss the
one-second target for the first screen. Where ``fork`` exists the comparison runs in a child
process on another core and its results come back pickled through a pipe (frozen dataclasses
pickle cheaply). Elsewhere it runs in a thread, which is correct, only not parallel.

Two messages come back: the comparison as soon as the redlines exist (``compare``'s
``on_aligned`` hook), then the finished one with the rights findings. The UI shows the first at
once and adds the findings when they arrive.

Imports no Textual: the fork happens before the UI is imported, so the child never loads it.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import CondiffError
from ..model import Comparison, Document


@dataclass
class Outcome:
    """What the comparison produced: a result, or an error to report, and any warnings.

    Attributes:
        comparison: The finished comparison, or None when it failed.
        error: A user-facing error (bad rule pack …), reported by the CLI after the UI exits.
        crash: Description of an unexpected exception (a bug).
        warnings: Warnings raised while comparing.
        seconds: Time the comparison took in the background (wall clock).
        cpu_aligned: CPU seconds the background spent until the redline was ready.
        cpu_seconds: CPU seconds the background spent in all.
    """

    comparison: Comparison | None = None
    error: CondiffError | None = None
    crash: str = ""
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu_aligned: float = 0.0
    cpu_seconds: float = 0.0


class Loader(Protocol):
    """What the review app waits on (in a worker thread)."""

    def aligned(self) -> Comparison | None:
        """The comparison without findings, as soon as it exists; None if it never will."""

    def result(self) -> Outcome:
        """The finished outcome."""


class Ready:
    """A loader whose outcome is already known (tests, or a function's result)."""

    def __init__(self, outcome: Outcome | Callable[[], Outcome]) -> None:
        self._outcome = outcome

    def aligned(self) -> Comparison | None:
        return None

    def result(self) -> Outcome:
        return self._outcome if isinstance(self._outcome, Outcome) else self._outcome()


Send = Callable[[tuple[str, Any]], None]


def _compute(old: Document, new: Document, options: dict[str, Any], send: Send) -> None:
    """Compare and send ("aligned", comparison) then ("done", packed outcome)."""
    from ..pipeline import compare

    start, cpu = time.perf_counter(), time.process_time()
    cpu_aligned = 0.0

    def aligned(partial: Comparison) -> None:
        nonlocal cpu_aligned
        cpu_aligned = time.process_time() - cpu
        send(("aligned", partial))

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = compare(old, new, on_aligned=aligned, **options)
                outcome = Outcome(comparison=result)
            except CondiffError as exc:
                outcome = Outcome(error=exc)
        outcome.warnings = [str(w.message) for w in caught]
    except BaseException as exc:  # reported by the parent as a bug
        outcome = Outcome(crash=f"{type(exc).__name__}: {exc}")
    outcome.seconds = time.perf_counter() - start
    outcome.cpu_aligned, outcome.cpu_seconds = cpu_aligned, time.process_time() - cpu
    send(("done", _pack(outcome)))


def _pack(outcome: Outcome) -> tuple[Any, ...]:
    # CondiffError takes keyword arguments, which exceptions do not pickle: send its fields.
    err = outcome.error
    fields = (err.message, err.path, err.line, err.column, err.hint) if err else None
    return (outcome.comparison, fields, outcome.crash, outcome.warnings, outcome.seconds,
            outcome.cpu_aligned, outcome.cpu_seconds)


def _unpack(data: tuple[Any, ...]) -> Outcome:
    comparison, fields, crash, caught, seconds, cpu_aligned, cpu_seconds = data
    error = None
    if fields is not None:
        message, path, line, column, hint = fields
        error = CondiffError(message, path=path, line=line, column=column, hint=hint)
    return Outcome(comparison, error, crash, caught, seconds, cpu_aligned, cpu_seconds)


class BackgroundCompare:
    """A comparison running in a child process (or a thread where fork is missing)."""

    def __init__(self, old: Document, new: Document, options: dict[str, Any]) -> None:
        self._partial: Comparison | None = None
        self._outcome: Outcome | None = None
        self._receive: Callable[[], tuple[str, Any]]
        self._finish: Callable[[], int | None] = lambda: None
        if "fork" in multiprocessing.get_all_start_methods() and os.name == "posix":
            ctx = multiprocessing.get_context("fork")
            receiver, sender = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_compute, args=(old, new, options, sender.send),
                                  daemon=True)
            process.start()
            sender.close()

            def finish() -> int | None:
                receiver.close()
                process.join()
                return process.exitcode

            self._receive, self._finish = receiver.recv, finish
        else:
            box: queue.Queue[tuple[str, Any]] = queue.Queue()
            threading.Thread(target=_compute, args=(old, new, options, box.put),
                             daemon=True).start()
            self._receive = box.get

    def _next(self) -> bool:
        """Take the next message; False when the child is gone."""
        try:
            kind, payload = self._receive()
        except (EOFError, OSError):
            code = self._finish()
            self._outcome = Outcome(crash=f"the comparison process stopped (exit code {code})")
            return False
        if kind == "aligned":
            self._partial = payload
        else:
            self._outcome = _unpack(payload)
            self._finish()
        return True

    def aligned(self) -> Comparison | None:
        """Wait for the comparison without findings (None if it failed before that)."""
        while self._partial is None and self._outcome is None and self._next():
            pass
        return self._partial

    def result(self) -> Outcome:
        """Wait for the finished comparison."""
        while self._outcome is None and self._next():
            pass
        assert self._outcome is not None
        return self._outcome


def start_compare(old: Document, new: Document, **options: Any) -> BackgroundCompare:
    """Start comparing at once (options as for :func:`condiff.pipeline.compare`)."""
    return BackgroundCompare(old, new, options)
