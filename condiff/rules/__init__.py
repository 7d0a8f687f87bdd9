"""Rights rules: which rights a constitution carries, and what a new version did to them.

The bundled packs (``condiff/rules/packs/*.yaml``) and any ``--rules FILE`` packs are loaded, in
that order, into one named, ordered :class:`Registry` (in the spirit of markdown-it-py's
``Ruler``): rules run in registry order, can be switched off by id or alias
(``--disable-rule strike``), and a later pack that defines an id already present replaces the
earlier rule in place, so a user can override a bundled rule without forking the package.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..errors import CondiffError
from ..model import Comparison
from .packs import Cues, Pack, Pattern, Rule, builtin_pack_paths, load_pack

__all__ = ["Pack", "Registry", "Rule", "apply_rules", "language_name", "load_registry",
           "uncovered", "uncovered_message"]

#: Names of the languages people most often meet, for messages ("Spanish (es)").
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "ru": "Russian",
    "pt": "Portuguese", "it": "Italian", "nl": "Dutch", "pl": "Polish", "uk": "Ukrainian",
    "kk": "Kazakh", "ar": "Arabic", "zh": "Chinese", "tr": "Turkish", "ca": "Catalan",
    "sv": "Swedish", "ro": "Romanian", "el": "Greek", "ja": "Japanese", "ko": "Korean",
}


def language_name(code: str) -> str:
    """``"es"`` → ``"Spanish (es)"``; an unknown code stands alone; "" → "an unknown language"."""
    if not code:
        return "an unknown language"
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else code


def uncovered_message(languages: Sequence[str]) -> str:
    """What a user reads when no rule pack covers a comparison's languages: which, and how
    to add one."""
    names = " and ".join(language_name(lang) for lang in languages)
    return (f"rights not checked: no rule pack covers {names}; add one with --rules FILE "
            "(docs/rules.md, 'Adding a language')")


def uncovered(rules: Iterable[Rule], languages: Sequence[str]) -> tuple[str, ...]:
    """The languages among ``languages`` (one per document of a comparison) that keep the
    rules from checking rights: those no rule has patterns for, or, when each has some, both
    when no rule covers the two together. Empty when some rule covers them all."""
    rules = list(rules)
    langs = list(dict.fromkeys(languages))
    if any(all(lang in rule.patterns for lang in langs) for rule in rules):
        return ()
    alone = [lang for lang in langs if not any(lang in rule.patterns for rule in rules)]
    return tuple(alone or langs)


class MergedCues(Mapping[str, Mapping[str, tuple[tuple[str, Pattern], ...]]]):
    """The cue vocabulary of the loaded packs, per language, merged in pack order (a later
    pack's cue replaces an earlier one of the same name). A language is merged when first
    asked for: a run reads the cues of its documents' languages only, and the bundled packs
    come from their cache undecoded (see :mod:`condiff.rules.cache`)."""

    def __init__(self) -> None:
        self._sources: list[Cues] = []
        self._merged: dict[str, dict[str, tuple[tuple[str, Pattern], ...]]] = {}

    def add(self, cues: Cues) -> None:
        self._sources.append(cues)
        self._merged.clear()

    def __getitem__(self, lang: str) -> dict[str, tuple[tuple[str, Pattern], ...]]:
        found = self._merged.get(lang)
        if found is None:
            if not any(lang in source for source in self._sources):
                raise KeyError(lang)
            found = {}
            for source in self._sources:
                for kind, items in source.get(lang, {}).items():
                    ids = {cue_id for cue_id, _ in items}
                    kept = tuple(x for x in found.get(kind, ()) if x[0] not in ids)
                    found[kind] = kept + tuple(items)
            self._merged[lang] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(lang for source in self._sources for lang in source))

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass
class Registry:
    """Rules in order, each on or off, plus the cue vocabulary of every language."""

    rules: list[Rule] = field(default_factory=list)
    disabled: set[str] = field(default_factory=set)
    cues: MergedCues = field(default_factory=MergedCues)
    packs: list[Pack] = field(default_factory=list)

    def add_pack(self, pack: Pack) -> None:
        """Append a pack's rules (replacing same-id rules in place) and merge its cues."""
        self.packs.append(pack)
        for rule in pack.rules:
            for i, old in enumerate(self.rules):
                if old.id == rule.id:
                    self.rules[i] = rule
                    break
            else:
                self.rules.append(rule)
        if pack.cues:
            self.cues.add(pack.cues)

    def resolve(self, key: str) -> Rule | None:
        """The rule with this id or alias, or None."""
        key = key.strip().casefold()
        for rule in self.rules:
            if rule.id == key or key in rule.aliases:
                return rule
        return None

    def disable(self, key: str) -> None:
        """Switch a rule off by id or alias.

        Raises:
            CondiffError: if no rule has that id or alias.
        """
        rule = self.resolve(key)
        if rule is None:
            raise CondiffError(
                f"no rule named {key!r} to disable",
                hint="List the rule ids with: condiff rules list")
        self.disabled.add(rule.id)

    def enable(self, key: str) -> None:
        """Switch a rule back on."""
        rule = self.resolve(key)
        if rule is not None:
            self.disabled.discard(rule.id)

    def is_enabled(self, rule_id: str) -> bool:
        return rule_id not in self.disabled

    def active(self) -> tuple[Rule, ...]:
        """Enabled rules, in order."""
        return tuple(r for r in self.rules if r.id not in self.disabled)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def frozen_cues(self) -> Cues:
        """The cues, per language (merged when a language is first read)."""
        return self.cues


@lru_cache(maxsize=1)
def _builtin_packs() -> tuple[Pack, ...]:
    """The bundled packs, parsed once per process (they are frozen data), through the cache of
    their parsed form (:mod:`condiff.rules.cache`)."""
    from .cache import cached_packs

    return cached_packs(builtin_pack_paths(), load_pack)


def load_registry(
    extra_files: Iterable[str | os.PathLike[str]] = (),
    disabled: Iterable[str] = (),
    *,
    builtin: bool = True,
) -> Registry:
    """The bundled packs, then ``extra_files`` in order, with ``disabled`` rules switched off.

    Raises:
        CondiffError: for a malformed pack (``file:line``) or an unknown rule to disable.
    """
    registry = Registry()
    if builtin:
        for pack in _builtin_packs():
            registry.add_pack(pack)
    for extra in extra_files:
        registry.add_pack(load_pack(extra))
    for key in disabled:
        registry.disable(key)
    return registry


def apply_rules(
    comparison: Comparison,
    *,
    rule_files: Sequence[str | os.PathLike[str]] = (),
    disabled: Sequence[str] = (),
    registry: Registry | None = None,
) -> Comparison:
    """Run the enabled rules over a comparison and fill its ``findings`` (most severe first).

    Raises:
        CondiffError: for a malformed pack or an unknown rule to disable.
    """
    from .blocks import guess_language
    from .engine import run_rules

    if registry is None:
        registry = load_registry(rule_files, disabled)
    findings, warnings = run_rules(comparison, registry.active(), registry.frozen_cues())
    missing = uncovered(registry.active(), [guess_language(comparison.old),
                                            guess_language(comparison.new)])
    return replace(comparison, findings=findings,
                   warnings=tuple(comparison.warnings) + warnings,
                   unchecked_languages=missing)
