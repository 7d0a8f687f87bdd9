"""Make untrusted document text safe to show in a terminal, a TUI or a report.

A constitution file from the internet may hold terminal escape sequences (colour changes, cursor
moves, OSC 52 clipboard writes, window-title changes) or bidirectional overrides (U+202E, the
"Trojan Source" trick) that make a removed word look present. Everything condiff prints passes
through :func:`visible`, which replaces such characters with a visible marker (``␛``, ``<U+202E>``)
instead of dropping them: the reviewer must see that something odd is there.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode bidi controls.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def _replace(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\x1b":
        return "␛"
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every control, escape and bidi-override character made visible."""
    return _UNSAFE.sub(_replace, text)


def is_clean(text: str) -> bool:
    """Whether ``text`` holds nothing :func:`visible` would change."""
    return _UNSAFE.search(text) is None
