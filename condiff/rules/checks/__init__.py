"""The checks the engine runs for every rule, in order (as markdown-it-py orders its rules).

A check is a plain function ``check(rule, ctx) -> list[Finding]`` with a companion
``applies(rule, ctx) -> bool`` saying whether it has anything to look at (patterns for both
languages, offices, restrictions). :data:`CHECKS` is the default, ordered list; a caller may run
a subset (``run_rules(..., checks=…)``) or switch one off by name (:func:`without`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ...model import Finding
from ..context import Context
from ..packs import Rule
from . import cues, existence, oversight, restriction


@dataclass(frozen=True)
class Check:
    """One named check.

    Attributes:
        name: What it is called ("existence").
        run: The check itself.
        applies: Whether it has anything to look at for a rule in this run.
    """

    name: str
    run: Callable[[Rule, Context], list[Finding]]
    applies: Callable[[Rule, Context], bool]


#: Every check, in the order they run: appointments first (they need no patterns), then
#: whether the right is still there, then its wording, then rule-specific restrictions.
CHECKS: tuple[Check, ...] = (
    Check("oversight", oversight.check, oversight.applies),
    Check("existence", existence.check, existence.applies),
    Check("cues", cues.check, cues.applies),
    Check("restriction", restriction.check, restriction.applies),
)


def without(names: Iterable[str], checks: tuple[Check, ...] = CHECKS) -> tuple[Check, ...]:
    """``checks`` minus the named ones.

    Raises:
        KeyError: for a name no check has.
    """
    drop = set(names)
    unknown = drop - {c.name for c in checks}
    if unknown:
        raise KeyError(f"no check named {', '.join(sorted(unknown))}")
    return tuple(c for c in checks if c.name not in drop)
