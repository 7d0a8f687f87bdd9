"""A cache of the bundled rule packs, parsed and validated, as JSON.

Why: every ``condiff check`` needs the bundled packs, and reading them from YAML (import PyYAML,
compose with line marks, validate, stem every phrase) costs about as much as reading both
constitutions. The packs only change when condiff does, so their parsed form is kept in the
user's cache folder, keyed by a hash of the pack files and condiff's version, and read back in
a few milliseconds, the way Python keeps ``.pyc`` files.

Why JSON and not pickle: loading a pickle runs code, and a cache file is not something condiff
should have to trust. From JSON only data can come back; every regex is screened again by
:func:`~condiff.rules.packs.check_regex` on the way in, and a file that is not exactly what this
module writes is ignored (and rebuilt). The cache is only used for the bundled packs; a
``--rules`` pack is always parsed from its YAML.

``CONDIFF_CACHE_DIR`` moves the folder (default ``$XDG_CACHE_HOME/condiff``, else
``~/.cache/condiff``); ``CONDIFF_NO_CACHE=1`` switches the cache off.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .packs import Cues, Pack, Pattern, Patterns, Rule, Term, check_regex

#: Bump when the layout below changes.
SCHEMA = 3


def cache_dir() -> Path | None:
    """Folder of condiff's caches, or None when caching is switched off."""
    if os.environ.get("CONDIFF_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("CONDIFF_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return Path(base) / "condiff"
    try:
        return Path.home() / ".cache" / "condiff"
    except RuntimeError:  # no home folder to be found
        return None


# --------------------------------------------------------------------------- to JSON


def _pattern_out(p: Pattern) -> list[Any]:
    return [p.kind, [[[t.text, t.prefix, t.stem, t.exact] for t in ph] for ph in p.phrases],
            p.within, p.regex.pattern if p.regex is not None else None, p.weight, p.source,
            p.line, p.framed, p.affirm, p.mention]


def _patterns_out(patterns: Patterns) -> dict[str, list[Any]]:
    return {lang: [_pattern_out(p) for p in items] for lang, items in patterns.items()}


def _rule_out(r: Rule) -> dict[str, Any]:
    return {
        "id": r.id, "title": r.title, "category": r.category, "severity": r.severity,
        "type": r.type, "source": r.source, "aliases": list(r.aliases),
        "annotation": r.annotation, "references": list(r.references),
        "patterns": _patterns_out(r.patterns), "exclude": _patterns_out(r.exclude),
        "safeguards": _patterns_out(r.safeguards),
        "restrictions": _patterns_out(r.restrictions),
        "offices": {name: _patterns_out(p) for name, p in r.offices.items()},
        "pack": r.pack, "path": r.path, "line": r.line,
    }


def pack_to_data(pack: Pack) -> dict[str, Any]:
    """A pack as plain JSON data."""
    return {
        "name": pack.name, "description": pack.description, "path": pack.path,
        "rules": [_rule_out(r) for r in pack.rules],
        "cues": {lang: {kind: [[cue_id, _pattern_out(p)] for cue_id, p in items]
                        for kind, items in kinds.items()}
                 for lang, kinds in pack.cues.items()},
    }


# --------------------------------------------------------------------------- from JSON


_TERMS: dict[tuple[str, bool, str, bool], Term] = {}


def _term_in(text: Any, prefix: Any, stem_: Any, exact: Any) -> Term:
    key = (str(text), bool(prefix), str(stem_), bool(exact))
    found = _TERMS.get(key)
    if found is None:
        found = _TERMS[key] = Term(*key)
    return found


def _pattern_in(d: list[Any]) -> Pattern:
    kind, phrases, within, regex, weight, source, line, framed, affirm, mention = d
    return Pattern(
        kind=str(kind),
        phrases=tuple(tuple(_term_in(*t) for t in ph) for ph in phrases),
        within=int(within),
        regex=check_regex(str(regex)) if regex is not None else None,
        weight=float(weight), source=str(source), line=int(line), framed=bool(framed),
        affirm=bool(affirm), mention=bool(mention))


class _Lazy(Mapping[str, tuple[Any, ...]]):
    """Patterns (or cues) per key, decoded from the cache's data when a key is first read: a
    run needs the patterns of its documents' languages only, and decoding every language of
    every rule costs more than the rest of reading the packs."""

    __slots__ = ("_decode", "_done", "_raw")

    def __init__(self, raw: Mapping[str, Sequence[Any]],
                 decode: Callable[[Any], Any]) -> None:
        self._raw = {str(k): v for k, v in raw.items()}
        self._decode = decode
        self._done: dict[str, tuple[Any, ...]] = {}

    def __getitem__(self, key: str) -> tuple[Any, ...]:
        found = self._done.get(key)
        if found is None:
            try:
                found = tuple(self._decode(x) for x in self._raw[key])
            except KeyError:
                raise
            except (ValueError, TypeError, IndexError) as exc:
                from ..errors import CondiffError

                folder = cache_dir()
                raise CondiffError(f"the cache of the bundled rule packs is damaged ({exc})",
                                   path=str(folder) if folder else None,
                                   hint="Delete that folder, or set CONDIFF_NO_CACHE=1"
                                   ) from None
            self._done[key] = found
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def _screen(d: Any) -> None:
    """Check a pattern's data without building it: the shape, and every regex (screened
    as a pack's would be). A cache that fails is ignored and rebuilt, never half-used."""
    if not isinstance(d, list) or len(d) != 10:
        raise ValueError("not a pattern")
    if d[3] is not None:
        check_regex(str(d[3]))


def _patterns_in(d: Mapping[str, Sequence[Any]]) -> Mapping[str, tuple[Pattern, ...]]:
    for items in d.values():
        for item in items:
            _screen(item)
    return _Lazy(d, _pattern_in)


def _cue_in(d: list[Any]) -> tuple[str, Pattern]:
    cue_id, p = d
    return str(cue_id), _pattern_in(p)


def _rule_in(d: Mapping[str, Any]) -> Rule:
    return Rule(
        id=str(d["id"]), title=str(d["title"]), category=str(d["category"]),
        severity=str(d["severity"]), type=str(d["type"]), source=str(d["source"]),
        aliases=tuple(map(str, d["aliases"])), annotation=str(d["annotation"]),
        references=tuple(map(str, d["references"])),
        patterns=_patterns_in(d["patterns"]), exclude=_patterns_in(d["exclude"]),
        safeguards=_patterns_in(d["safeguards"]), restrictions=_patterns_in(d["restrictions"]),
        offices={str(name): _patterns_in(p) for name, p in d["offices"].items()},
        pack=str(d["pack"]), path=str(d["path"]), line=int(d["line"]))


def pack_from_data(d: Mapping[str, Any]) -> Pack:
    """The pack :func:`pack_to_data` made.

    Raises:
        ValueError, TypeError, KeyError: when the data is not what :func:`pack_to_data` writes
            (or a regex in it fails the screening).
    """
    for kinds in d["cues"].values():
        for items in kinds.values():
            for _, item in items:
                _screen(item)
    cues: Cues = {str(lang): _Lazy(kinds, _cue_in) for lang, kinds in d["cues"].items()}
    return Pack(name=str(d["name"]), description=str(d["description"]), path=str(d["path"]),
                rules=tuple(_rule_in(r) for r in d["rules"]), cues=cues)


# --------------------------------------------------------------------------- the cache


def _key(paths: Sequence[Path]) -> str:
    """Names the exact pack files and condiff version. CRC-32 and Adler-32 over the contents,
    not SHA-256: loading OpenSSL for hashlib costs more than reading the whole cache, and this
    key only has to notice a changed pack, not resist forgery (only the user's own, private
    files are ever read back)."""
    from .. import __version__

    head = f"condiff {__version__} packs {SCHEMA}".encode()
    crc, adler = zlib.crc32(head), zlib.adler32(head)
    for path in paths:
        data = path.read_bytes()
        name = f"\n{path.name} {len(data)}\n".encode()
        crc, adler = zlib.crc32(data, zlib.crc32(name, crc)), zlib.adler32(data,
                                                                         zlib.adler32(name, adler))
    return f"{crc:08x}{adler:08x}{len(paths):02x}"


def _trusted(path: Path) -> bool:
    """Only a file of this user's that nobody else may write is read back."""
    try:
        info = path.stat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def cached_packs(paths: Sequence[Path], parse: Callable[[Path], Pack]) -> tuple[Pack, ...]:
    """The packs at ``paths``, from the cache when it holds exactly these files, else parsed
    with ``parse`` (and the cache refreshed). Cache trouble of any kind costs only speed."""
    folder = cache_dir()
    if folder is None:
        return tuple(parse(p) for p in paths)
    try:
        key = _key(paths)
    except OSError:
        return tuple(parse(p) for p in paths)  # let the parser say what is wrong
    file = folder / f"packs-{key}.json"
    if _trusted(file):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if data.get("schema") == SCHEMA and data.get("key") == key:
                return tuple(pack_from_data(d) for d in data["packs"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass  # unreadable or not ours: parse the YAML and write it anew
    packs = tuple(parse(p) for p in paths)
    try:
        from ..io import write_atomic

        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        text = json.dumps({"schema": SCHEMA, "key": key,
                           "packs": [pack_to_data(p) for p in packs]}, ensure_ascii=False)
        write_atomic(str(file), text, private=True)
        for stale in folder.glob("packs-*.json"):  # other versions' packs: one file, not many
            if stale.name != file.name:
                stale.unlink(missing_ok=True)
    except Exception:  # a cache that cannot be written is only slower
        pass
    return packs
