"""Plain-text reader: structure recovered from heading words, numbers and layout.

Constitutions reach us as text copied from web pages, Word files and PDF or OCR extractions. The
only structure left is a heading word and a number ("Статья 24", "Art. 14 -", "PART III"),
paragraph markers ("1.", "1)", "(1)", "(a)"), and layout. So this reader works in passes, one
module each, each simple and linear in the size of the text:

1. **Clean** (``clean``): drop layout tags, page numbers, OCR debris and page furniture (running
   headers and footers, copyright lines, page tags).
2. **Classify** (``lines``) every line with the language profile (``profiles.py``): find every
   article heading candidate in it (``sequence.Cand``: at the start, mid-line, at the end,
   misspelt), and which containers, preambles and amendments open it. If the detected language
   finds no heading at all, the other built-in profiles are tried.
3. **Numbering** (``sequence``): choose the article headings with the whole document in view,
   as the heaviest chain of increasing numbers; repair misprinted numbers where the chain has a
   gap of one. Then (``series``, ``ordinals``) find transitional, additional and final
   provisions numbered on their own after the last article.
4. When a text has no heading words at all (OCR'd "12. In this Part …", "3. Name of the Union"
   heading lines), the article numbers alone form the chain (``bare``).
5. **Re-join** hard-wrapped lines (``wrap``), then **build** the tree (``build``): containers
   nest by the profile's order, each unit's body is split into paragraphs and items by its
   markers, and placeholders such as "Repealed" or "Исключена" become repealed provisions.
   Title, date and source come from the front matter, whose title pages, metadata headers and
   tables of contents are dropped (``front``).
6. **Check** the numbering (:mod:`condiff.read.numbering`): gaps, repeats and numbers out of
   order are kept in ``Document.numbering`` and reported with a warning.

Everything a user can get wrong ends in :class:`~condiff.errors.CondiffError`; a text without any
recognisable structure is read as one article with a :class:`~condiff.errors.CondiffWarning`.
"""

from __future__ import annotations

import os
import warnings

from ...errors import CondiffWarning
from ...model import Document, Provision, finalize
from .. import numbering
from ..profiles import BUILTIN, Profile, detect_profile, load_profile
from .bare import apply_numbered
from .build import Builder, Node, freeze, is_repealed
from .clean import clean_lines
from .front import find_date, front_matter
from .lines import bare_roman_containers, classify_lines, has_units, split_heading
from .patterns import LABEL, Patterns, clean_label, compile_profile, label_key
from .tokens import Tok
from .wrap import join_wraps, wrap_width


def parse_text(
    text: str, path: str = "<text>", *, profile: str | os.PathLike[str] | Profile | None = None
) -> Document:
    """Read a plain-text constitution into a finalized Document.

    Args:
        text: The decoded text (see :func:`condiff.read.encoding.decode`).
        path: Shown in messages and kept as ``Document.path``.
        profile: A :class:`Profile`, a built-in language code ("ru"), a profile YAML file, or
            None to detect the language.

    Raises:
        CondiffError: for a bad profile file. A text without structure is not an error: it is
            read as one article, with a CondiffWarning.
    """
    if isinstance(profile, Profile):
        prof = profile
    elif profile is not None:
        prof = load_profile(profile)
    else:
        prof = detect_profile(text)
    lines = clean_lines(text)
    pats, tokens = classify_lines(prof, lines)
    if profile is None and not has_units(tokens):
        # Short or mixed texts can fool detection: try the other languages' heading words
        # (where any line starts with one) before falling back to bare numbers.
        for other in BUILTIN.values():
            other_pats = compile_profile(other)
            if other is prof or not any(map(other_pats.unit.match, filter(None, lines))):
                continue
            other_pats, other_tokens = classify_lines(other, lines)
            if has_units(other_tokens):
                prof, pats, tokens = other, other_pats, other_tokens
                break
    tokens = finish_structure(prof, pats, tokens)
    tokens = join_wraps(tokens, wrap_width(lines))
    builder = Builder(pats)
    builder.feed(tokens)
    front = front_matter(builder.pre, lines)
    pre = front.rest
    provisions = [freeze(n, pats) for n in builder.roots]
    has_preamble = any(p.kind == "preamble" for p in provisions)
    if pre and not has_preamble:
        provisions.insert(0, Provision(kind="preamble", text="\n".join(pre),
                                       line=builder.pre[0][1]))
    if not any(p.kind in ("article", "amendment") for p in _walk(provisions)):
        warnings.warn(
            f"{path}: no structure found: no article headings (looked for "
            f"{', '.join(prof.article)} in {prof.name}); read the whole text as one article. "
            "Pass --profile FILE.yaml with the heading words this text uses "
            "(see docs/profiles.md)",
            CondiffWarning,
            stacklevel=2,
        )
        body = "\n".join(t.text for t in tokens if t.kind == "text") or "\n".join(
            ln for ln in lines if ln)
        provisions = [Provision(kind="article", label="1", text=body.strip(), line=1)]
    doc = Document(title=front.title, language=prof.language, source=front.source,
                   date=front.date, provisions=tuple(provisions), path=path)
    return numbering.attach(finalize(doc))


def finish_structure(prof: Profile, pats: Patterns, tokens: list[Tok]) -> list[Tok]:
    """Articles by their bare numbers when no heading words were found; bare roman parts."""
    if not has_units(tokens):
        tokens = apply_numbered(tokens)
    if prof.containers and not any(t.kind == "head" and t.hkind in pats.rank for t in tokens):
        tokens = bare_roman_containers(tokens, prof)
    return tokens


def _walk(provisions: list[Provision]) -> list[Provision]:
    out: list[Provision] = []
    for p in provisions:
        out.extend(p.walk())
    return out


__all__ = [
    "BUILTIN", "LABEL", "Node", "Patterns", "clean_label", "compile_profile", "find_date",
    "freeze", "is_repealed", "label_key", "parse_text", "split_heading",
]
