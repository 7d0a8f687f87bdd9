"""condiff's own error type.

Every failure a user can cause (bad file, bad YAML, bad rule pack, unwritable output) is raised
as :class:`CondiffError`, whose ``str()`` is the one line the CLI prints: what went wrong, where
(``file:line:column``), and how to fix it. Anything else escaping to the CLI is a bug in condiff.
"""

from __future__ import annotations


class CondiffError(Exception):
    """A problem with the user's input or environment, explained for a person.

    Args:
        message: What went wrong ("expected a mapping, found a list").
        path: File concerned, if any.
        line: 1-based line, if known.
        column: 1-based column, if known.
        hint: How to fix it ("quote the value", "see docs/format.md").
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(self.format())

    @property
    def location(self) -> str:
        """``file:line:column`` (as much as is known), or ""."""
        parts = [self.path or ""]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts) if parts != [""] else ""

    def format(self) -> str:
        """The one-line message: ``location: message (hint)``."""
        text = self.message.rstrip(".")
        if self.location:
            text = f"{self.location}: {text}"
        if self.hint:
            text = f"{text}. {self.hint.rstrip('.')}."
        else:
            text += "."
        return text


class CondiffWarning(UserWarning):
    """Something odd but legitimate in the input (cp1252 fallback, no structure found)."""
