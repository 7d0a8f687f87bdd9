"""The plain-text reader's former single module, kept so that ``condiff.read.text_format``
imports keep working: the reader itself is the :mod:`condiff.read.text` package."""

from __future__ import annotations

from .text import LABEL, Patterns, compile_profile, find_date, label_key, parse_text

__all__ = ["LABEL", "Patterns", "compile_profile", "find_date", "label_key", "parse_text"]
