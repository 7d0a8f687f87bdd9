"""Rule packs: YAML files that say what a right looks like in each language.

Packs are data so that a monitor can add a language or a topic without touching code, and so
that a bad pack fails at load time with ``file:line`` and a fix, never in the middle of a run.
Everything a pack says is validated here: unknown keys are refused (a typo must not silently
switch a rule off), severities and types are checked, and every regular expression is compiled
and screened for shapes that backtrack catastrophically (nested unbounded repeats,
backreferences), because a rule pack is input and may be hostile. The format is documented in
``docs/rules.md``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CondiffError
from ..model import SEVERITIES
from ..safe_yaml import LineList as _Seq
from ..safe_yaml import LineMap as _Map
from ..safe_yaml import line_of as _line_of
from ..safe_yaml import load_with_lines as load_yaml_with_lines
from .stem import fold, language_key, normalize, stem

try:  # Python 3.11+: the parser moved
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parse

FORMAT_KEY = "condiff-rules"
FORMAT_VERSION = 1
#: What a rule protects, which decides how negation is read (see docs/rules.md).
RULE_TYPES: tuple[str, ...] = ("right", "prohibition", "institution")
#: Where a rule's id comes from.
SOURCES: tuple[str, ...] = ("constitute", "condiff")
#: Cue families a pack may define per language (see docs/rules.md).
CUE_KINDS: tuple[str, ...] = (
    "limitation",  # a limitation clause: "as provided by law", "public morality"
    "strong",  # a firm guarantee: "guarantees", "shall", "гарантируется"
    "weak",  # a soft one: "recognises", "may", "признается", "strives"
    "universal",  # everyone: "everyone", "каждый"
    "citizens",  # citizens only: "citizens", "граждане"
    "negation",  # "no", "not", "не", "никто"
    "affirmative",  # wording with a "not" that negates nothing: "not prohibited by law"
    "deprivation",  # "deprived", "restricted", "лишен": a negated deprivation protects
    "prohibition",  # "prohibited", "запрещается"
    "frame",  # rights wording around a framed phrase: "right to", "freedom of", "guaranteed"
    "office",  # a ministry's or office's name ("Minister of Housing"): a topic word in it is
    # part of a name, not a right
    "aims",  # introduces a list of legitimate aims: "in the interests of", "в целях"
    "legislature",  # "Senate", "Parliament", "Сенат"
    "approval",  # "consent", "confirms", "с согласия"
    "election",  # "elects", "elected", "избирается", "gewählt"
    "appointment",  # "appoints", "назначает"
    "executive",  # "President", "Президент"
)
MAX_REGEX_LENGTH = 300
MAX_PHRASE_WORDS = 12
MAX_WITHIN = 60

_ID = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_LANG = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class Term:
    """One word of a phrase: compared by stem, as a prefix when written ``word*``, or as this
    exact form when written ``=word``."""

    text: str
    prefix: bool
    stem: str
    exact: bool = False

    def matches(self, norm: str, token_stem: str) -> bool:
        """Whether a token (normalised form and stem) is this word."""
        if self.prefix:
            return norm.startswith(self.text)
        if self.exact:
            return norm == self.text
        return token_stem == self.stem or norm == self.text


@dataclass(frozen=True)
class Pattern:
    """What to look for: a phrase, terms near each other, or a (screened) regex.

    Attributes:
        kind: "phrase", "near" or "regex".
        phrases: For "phrase" one phrase; for "near" every phrase that must occur.
        within: For "near": the largest distance in words between the first and last term;
            for a framed phrase: how far from it the framing words may stand.
        framed: A phrase that names the right's object ("assemble", "life", "worship") and
            carries it only when rights wording frames it: a ``frame`` cue ("right to",
            "freedom of", "guaranteed", "inviolable") within ``within`` words in its clause,
            or a list lead-in ("… has the following rights:") when the phrase opens an item.
        affirm: In a prohibition rule, a pattern naming the protected good ("physical
            integrity"), read as a right is (affirmed it carries, denied it does not),
            not as the threat the rule forbids ("torture").
        regex: For "regex": the compiled expression.
        weight: How much a match counts towards a provision carrying the topic (1.0 = alone).
        source: The pattern as written in the pack (for ``condiff rules explain``).
        line: Line in the pack.
    """

    kind: str
    phrases: tuple[tuple[Term, ...], ...] = ()
    within: int = 0
    regex: re.Pattern[str] | None = None
    weight: float = 1.0
    source: str = ""
    line: int = 0
    framed: bool = False
    affirm: bool = False


#: language → patterns
Patterns = Mapping[str, tuple[Pattern, ...]]


@dataclass(frozen=True)
class Rule:
    """A right or guarantee the engine looks for.

    Attributes:
        id: Constitute topic key ("strike") or one of condiff's own keys ("apptoversight").
        title: Human title.
        category: Family ("labour", "expression", "international-law", …).
        severity: Severity of losing it; one of :data:`~condiff.model.SEVERITIES`.
        type: "right" (a negated mention denies it), "prohibition" (the negation *is* the
            guarantee: "no one shall be tortured"), "institution" (negation is irrelevant).
        source: "constitute" when ``id`` is a Constitute Project key, "condiff" for our own.
        aliases: Other names accepted by ``--disable-rule`` and ``rules explain``.
        annotation: Why it matters, in plain words.
        references: International standards.
        patterns: What carries the topic, per language.
        exclude: Phrases that make an overlapping match not count ("strike out"), per language.
        safeguards: Concrete protections whose loss weakens the right ("72 hours", "free").
        restrictions: Restrictions on the right that are findings when new
            ("foreign funding of non-profits must be disclosed").
        offices: For appointment oversight: office name → patterns per language.
        pack: Name of the pack that defined it.
        path: File of the pack ("" for built-in strings).
        line: Line of the rule in the pack.
    """

    id: str
    title: str
    category: str
    severity: str
    type: str = "right"
    source: str = "constitute"
    aliases: tuple[str, ...] = ()
    annotation: str = ""
    references: tuple[str, ...] = ()
    patterns: Patterns = field(default_factory=dict)
    exclude: Patterns = field(default_factory=dict)
    safeguards: Patterns = field(default_factory=dict)
    restrictions: Patterns = field(default_factory=dict)
    offices: Mapping[str, Patterns] = field(default_factory=dict)
    pack: str = ""
    path: str = ""
    line: int = 0

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages the rule has patterns for, sorted."""
        langs = set(self.patterns)
        for office in self.offices.values():
            langs |= set(office)
        return tuple(sorted(langs))


#: language → cue kind → ((cue id, pattern), …)
Cues = Mapping[str, Mapping[str, tuple[tuple[str, Pattern], ...]]]


@dataclass(frozen=True)
class Pack:
    """One loaded pack file."""

    name: str
    description: str
    path: str
    rules: tuple[Rule, ...] = ()
    cues: Cues = field(default_factory=dict)


# ---------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------


class _Ctx:
    """Where we are in a pack, to make errors point at ``file:line``."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, message: str, line: int, hint: str | None = None) -> CondiffError:
        return CondiffError(message, path=self.path, line=line or None,
                            hint=hint or "See docs/rules.md for the pack format")

    def mapping(self, value: Any, what: str, line: int, allowed: tuple[str, ...],
                required: tuple[str, ...] = ()) -> _Map:
        if not isinstance(value, _Map):
            raise self.fail(f"{what} must be a mapping", line)
        for key in value:
            if key not in allowed:
                raise self.fail(f"unknown key {key!r} in {what}", value.key_lines[key],
                                hint=f"Allowed keys: {', '.join(allowed)}")
        for key in required:
            if key not in value:
                raise self.fail(f"{what} needs {key!r}", value.line)
        return value

    def text(self, value: Any, what: str, line: int, *, empty: bool = False) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(f"{what} must be text", line, hint="Quote the value")
        text = str(value).strip()
        if not text and not empty:
            raise self.fail(f"{what} must not be empty", line)
        return text

    def texts(self, value: Any, what: str, line: int) -> tuple[str, ...]:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return (self.text(value, what, line),)
        if not isinstance(value, list):
            raise self.fail(f"{what} must be a list of texts", line)
        return tuple(self.text(v, what, _line_of(value, default=line)) for v in value)


def check_regex(source: str) -> re.Pattern[str]:
    """Compile a pack regex, refusing shapes that can make matching hang.

    Refused: longer than :data:`MAX_REGEX_LENGTH`; backreferences; an unbounded repeat inside
    another repeat (``(a+)+``, ``(\\w*x?)*``), the classic catastrophic-backtracking shape; more
    than three unbounded repeats in total. Matching time is further bounded by the engine, which
    only ever runs a regex over one provision's text (capped in length).

    Raises:
        ValueError: saying what is wrong, for the caller to turn into a ``file:line`` error.
    """
    if len(source) > MAX_REGEX_LENGTH:
        raise ValueError(f"regex longer than {MAX_REGEX_LENGTH} characters")
    try:
        parsed = _sre_parse.parse(source)
    except re.error as exc:
        raise ValueError(f"invalid regex: {exc}") from None
    unbounded = 0
    maxrepeat = _sre_parse.MAXREPEAT

    def walk(items: Any, depth: int) -> None:
        nonlocal unbounded
        for op, arg in items:
            name = str(op)
            if name in ("GROUPREF", "GROUPREF_EXISTS"):
                raise ValueError("backreferences are not allowed in rule regexes")
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                _low, high, body = arg
                is_unbounded = high == maxrepeat or high > 100
                if is_unbounded:
                    unbounded += 1
                    if depth > 0:
                        raise ValueError(
                            "nested unbounded repeat (like (a+)+) can backtrack "
                            "catastrophically; rewrite without the outer repeat")
                walk(body, depth + (1 if is_unbounded or high > 1 else 0))
            elif name == "SUBPATTERN":
                walk(arg[-1], depth)
            elif name == "BRANCH":
                for branch in arg[1]:
                    walk(branch, depth)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(arg[1], depth)
    walk(parsed, 0)
    if unbounded > 3:
        raise ValueError("more than three unbounded repeats (*, +, {n,}) in one regex")
    return re.compile(source, re.IGNORECASE)


_REGEX_CHARS = re.compile(r"[\[\](){}?+\\^$]")


def _terms(phrase: str, language: str) -> tuple[Term, ...]:
    words = [w for w in re.split(r"[\s,]+", phrase.strip()) if w]
    terms: list[Term] = []
    for word in words:
        prefix = word.endswith("*")
        exact = word.startswith("=")
        if prefix and exact:
            raise ValueError(f"a word cannot be both exact (=) and a prefix (*): {word!r}")
        core = normalize(word.strip("*="))
        if _REGEX_CHARS.search(core):
            raise ValueError(f"{word!r} is not a word: a phrase is words, not a regex "
                             "(write alternatives as 'a|b', or use {regex: ...})")
        core = re.sub(r"[^\w'-]", "", core)
        if not core:
            raise ValueError(f"empty word in phrase {phrase!r}")
        terms.append(Term(fold(core, language), prefix,
                          "" if prefix or exact else stem(core, language), exact))
    if not terms:
        raise ValueError("empty phrase")
    if len(terms) > MAX_PHRASE_WORDS:
        raise ValueError(f"phrase longer than {MAX_PHRASE_WORDS} words")
    return tuple(terms)


#: Most patterns one written pattern may expand to through alternatives ("a|b").
MAX_ALTERNATIVES = 64
#: Words between a ``framed`` phrase and the rights wording that frames it, by default.
FRAME_WITHIN = 8


def _alternatives(text: str) -> list[str]:
    """``"re-elect*|reelect*"`` → both phrases; a phrase without ``|`` stands alone."""
    return [alt.strip() for alt in text.split("|") if alt.strip()] or [text]


def _expand(slots: list[list[str]]) -> list[tuple[str, ...]]:
    """Every choice of one alternative per slot (a near pattern's phrases), bounded."""
    out: list[tuple[str, ...]] = [()]
    for slot in slots:
        out = [(*done, alt) for done in out for alt in slot]
        if len(out) > MAX_ALTERNATIVES:
            raise ValueError(f"more than {MAX_ALTERNATIVES} combinations of alternatives")
    return out


def _patterns_of(ctx: _Ctx, value: Any, language: str, line: int) -> tuple[Pattern, ...]:
    """The pattern(s) one pack entry stands for: one per combination of alternatives."""
    try:
        if isinstance(value, str):
            return tuple(Pattern("phrase", (_terms(alt, language),), source=alt, line=line)
                         for alt in _alternatives(value))
        spec = ctx.mapping(value, "pattern", line, ("phrase", "near", "within", "regex",
                                                    "weight", "framed", "affirm"))
        line = spec.line
        weight = spec.get("weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not (
            0 < weight <= 1
        ):
            raise ctx.fail("weight must be a number above 0 and at most 1",
                           _line_of(spec, "weight"))
        affirm = spec.get("affirm", False)
        if not isinstance(affirm, bool):
            raise ctx.fail("affirm must be true or false", _line_of(spec, "affirm"))
        chosen = [k for k in ("phrase", "near", "regex", "framed") if k in spec]
        if len(chosen) != 1:
            raise ctx.fail("a pattern needs exactly one of phrase, near, framed, regex", line)
        kind = chosen[0]
        within_default = FRAME_WITHIN if kind == "framed" else 10
        within = spec.get("within", within_default)
        if isinstance(within, bool) or not isinstance(within, int) or not (
            1 <= within <= MAX_WITHIN
        ):
            raise ctx.fail(f"within must be a whole number from 1 to {MAX_WITHIN}",
                           _line_of(spec, "within", line))
        if kind in ("phrase", "framed"):
            text = ctx.text(spec[kind], kind, line)
            return tuple(Pattern("phrase", (_terms(alt, language),), weight=float(weight),
                                 within=within if kind == "framed" else 0,
                                 framed=kind == "framed", affirm=affirm,
                                 source=f"{alt} [framed /{within}]" if kind == "framed"
                                 else alt, line=line)
                         for alt in _alternatives(text))
        if kind == "near":
            items = ctx.texts(spec["near"], "near", line)
            if len(items) < 2:
                raise ctx.fail("near needs at least two phrases", line)
            return tuple(Pattern("near", tuple(_terms(t, language) for t in combo),
                                 within=within, weight=float(weight), affirm=affirm,
                                 source=" ~ ".join(combo) + f" /{within}", line=line)
                         for combo in _expand([_alternatives(t) for t in items]))
        source = ctx.text(spec["regex"], "regex", line)
        return (Pattern("regex", regex=check_regex(source), weight=float(weight),
                        affirm=affirm, source=f"/{source}/", line=line),)
    except ValueError as exc:
        raise ctx.fail(str(exc), line, hint="Fix the pattern (see docs/rules.md)") from None


def _pattern(ctx: _Ctx, value: Any, language: str, line: int) -> Pattern:
    """One pattern (the first, when alternatives make several)."""
    return _patterns_of(ctx, value, language, line)[0]


def _per_language(ctx: _Ctx, value: Any, what: str, line: int) -> dict[str, tuple[Pattern, ...]]:
    if not isinstance(value, _Map):
        raise ctx.fail(f"{what} must map language codes (en, ru, de) to lists of patterns", line)
    out: dict[str, tuple[Pattern, ...]] = {}
    for lang, items in value.items():
        lang_line = value.key_lines[lang]
        if not _LANG.match(lang):
            raise ctx.fail(f"{lang!r} is not a language code", lang_line,
                           hint="Use a two- or three-letter code such as en, ru, de")
        if not isinstance(items, list):
            items = _Seq([items])
            items.line = lang_line
        if not items:
            raise ctx.fail(f"{what} for {lang!r} is empty", lang_line)
        out[lang] = tuple(p for item in items
                          for p in _patterns_of(ctx, item, lang,
                                                _line_of(item, default=lang_line)))
    return out


_RULE_KEYS = ("id", "title", "category", "severity", "type", "source", "aliases",
              "annotation", "references", "patterns", "exclude", "safeguards",
              "restrictions", "offices")


def _rule(ctx: _Ctx, value: Any, pack: str, line: int) -> Rule:
    spec = ctx.mapping(value, "rule", line, _RULE_KEYS,
                       ("id", "title", "category", "severity", "annotation"))
    line = spec.line

    def at(key: str) -> int:
        return _line_of(spec, key, line)

    rid = ctx.text(spec["id"], "id", at("id"))
    if not _ID.match(rid):
        raise ctx.fail(f"rule id {rid!r} must be lower case letters, digits, - or _",
                       at("id"))
    severity = ctx.text(spec["severity"], "severity", at("severity"))
    if severity not in SEVERITIES:
        raise ctx.fail(f"unknown severity {severity!r}", at("severity"),
                       hint=f"Use one of {', '.join(SEVERITIES)}")
    rtype = ctx.text(spec.get("type", "right"), "type", at("type"))
    if rtype not in RULE_TYPES:
        raise ctx.fail(f"unknown rule type {rtype!r}", at("type"),
                       hint=f"Use one of {', '.join(RULE_TYPES)}")
    source = ctx.text(spec.get("source", "constitute"), "source", at("source"))
    if source not in SOURCES:
        raise ctx.fail(f"unknown source {source!r}", at("source"),
                       hint=f"Use one of {', '.join(SOURCES)}")
    aliases = ctx.texts(spec.get("aliases", []), "aliases", at("aliases"))
    for alias in aliases:
        if not _ID.match(alias):
            raise ctx.fail(f"alias {alias!r} must look like a rule id", at("aliases"))
    patterns = _per_language(ctx, spec["patterns"], "patterns", at("patterns")) \
        if "patterns" in spec else {}
    offices: dict[str, dict[str, tuple[Pattern, ...]]] = {}
    if "offices" in spec:
        raw = spec["offices"]
        if not isinstance(raw, _Map) or not raw:
            raise ctx.fail("offices must map office names to patterns per language",
                           at("offices"))
        for name, pats in raw.items():
            offices[name] = _per_language(ctx, pats, f"office {name!r}", raw.key_lines[name])
    if not patterns and not offices:
        raise ctx.fail(f"rule {rid!r} needs patterns (or offices)", line)
    return Rule(
        id=rid,
        title=ctx.text(spec["title"], "title", at("title")),
        category=ctx.text(spec["category"], "category", at("category")),
        severity=severity,
        type=rtype,
        source=source,
        aliases=aliases,
        annotation=" ".join(ctx.text(spec["annotation"], "annotation",
                                     at("annotation")).split()),
        references=ctx.texts(spec.get("references", []), "references", at("references")),
        patterns=patterns,
        exclude=_per_language(ctx, spec["exclude"], "exclude", at("exclude"))
        if "exclude" in spec else {},
        safeguards=_per_language(ctx, spec["safeguards"], "safeguards", at("safeguards"))
        if "safeguards" in spec else {},
        restrictions=_per_language(ctx, spec["restrictions"], "restrictions",
                                   at("restrictions")) if "restrictions" in spec else {},
        offices=offices,
        pack=pack,
        path=ctx.path,
        line=line,
    )


def _cues(ctx: _Ctx, value: Any, line: int) -> dict[str, dict[str, tuple[tuple[str, Pattern],
                                                                          ...]]]:
    if not isinstance(value, _Map):
        raise ctx.fail("cues must map language codes to cue kinds", line)
    out: dict[str, dict[str, tuple[tuple[str, Pattern], ...]]] = {}
    for lang, kinds in value.items():
        lang_line = value.key_lines[lang]
        if not _LANG.match(lang):
            raise ctx.fail(f"{lang!r} is not a language code", lang_line)
        kinds = ctx.mapping(kinds, f"cues for {lang!r}", lang_line, CUE_KINDS)
        per_kind: dict[str, tuple[tuple[str, Pattern], ...]] = {}
        for kind, cues in kinds.items():
            kind_line = kinds.key_lines[kind]
            if not isinstance(cues, _Map):
                raise ctx.fail(f"cues {lang}.{kind} must map cue names to lists of patterns",
                               kind_line)
            items: list[tuple[str, Pattern]] = []
            for cue_id, pats in cues.items():
                cue_line = cues.key_lines[cue_id]
                if not _ID.match(cue_id):
                    raise ctx.fail(f"cue name {cue_id!r} must look like an id", cue_line)
                if not isinstance(pats, list):
                    pats = _Seq([pats])
                for item in pats:
                    items.extend((cue_id, p) for p in _patterns_of(
                        ctx, item, lang, _line_of(item, default=cue_line)))
            per_kind[kind] = tuple(items)
        out[lang] = per_kind
    return out


def parse_pack(text: str, path: str = "<string>") -> Pack:
    """Parse and validate one pack from YAML text.

    Raises:
        CondiffError: with ``path:line`` for anything malformed.
    """
    ctx = _Ctx(path)
    data = load_yaml_with_lines(text, path)
    if data is None:
        raise ctx.fail("the rule pack is empty", 1)
    top = ctx.mapping(data, "rule pack", 1, (FORMAT_KEY, "pack", "description", "cues",
                                             "rules"), (FORMAT_KEY, "pack"))
    if top[FORMAT_KEY] != FORMAT_VERSION:
        raise ctx.fail(f"unsupported {FORMAT_KEY} version {top[FORMAT_KEY]!r}",
                       _line_of(top, FORMAT_KEY), hint=f"This condiff reads version "
                       f"{FORMAT_VERSION}")
    name = ctx.text(top["pack"], "pack", _line_of(top, "pack"))
    rules_raw = top.get("rules", [])
    if not isinstance(rules_raw, list):
        raise ctx.fail("rules must be a list", _line_of(top, "rules"))
    rules = tuple(_rule(ctx, item, name, _line_of(item, default=_line_of(top, "rules")))
                  for item in rules_raw)
    seen: dict[str, int] = {}
    for rule in rules:
        for key in (rule.id, *rule.aliases):
            if key in seen:
                raise ctx.fail(f"rule id or alias {key!r} defined twice in this pack",
                               rule.line, hint=f"First defined on line {seen[key]}")
            seen[key] = rule.line
    cues = _cues(ctx, top["cues"], _line_of(top, "cues")) if "cues" in top else {}
    description = ctx.text(top.get("description", ""), "description",
                           _line_of(top, "description"), empty=True)
    return Pack(name=name, description=" ".join(description.split()), path=path, rules=rules,
                cues=cues)


MAX_PACK_BYTES = 2 * 1024 * 1024


def read_small_file(path: Path, what: str, max_bytes: int, missing_hint: str, *,
                    missing_ok: bool = False) -> bytes | None:
    """Bytes of a small input file (pack, notes), or None if missing and ``missing_ok``.

    Raises:
        CondiffError: missing (unless ``missing_ok``), a folder, too large, unreadable.
    """
    try:
        if path.stat().st_size > max_bytes:
            raise CondiffError(f"{what} is larger than {max_bytes // 1024} KB", path=str(path),
                               hint="Split it into several files")
        return path.read_bytes()
    except FileNotFoundError:
        if missing_ok:
            return None
        raise CondiffError(f"{what} not found", path=str(path), hint=missing_hint) from None
    except IsADirectoryError:
        raise CondiffError(f"{what} is a folder, not a file", path=str(path)) from None
    except OSError as exc:
        raise CondiffError(f"cannot read {what}: {exc.strerror or exc}",
                           path=str(path)) from None


def decode_utf8(data: bytes, path: Path, what: str) -> str:
    """UTF-8 text (a BOM is dropped).

    Raises:
        CondiffError: naming the offset of the first bad byte.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CondiffError(f"{what} is not UTF-8", path=str(path),
                           hint=f"Re-save it as UTF-8 (bad byte at offset {exc.start})") from None


def load_pack(path: str | os.PathLike[str]) -> Pack:
    """Read and validate a pack file.

    Raises:
        CondiffError: when the file is missing, too large, not UTF-8 or malformed.
    """
    p = Path(path)
    data = read_small_file(p, "rule pack", MAX_PACK_BYTES, "Check the path given to --rules")
    if data is None:  # pragma: no cover - read_small_file raises when missing_ok is False
        raise CondiffError("rule pack not found", path=str(p))
    text = decode_utf8(data, p, "rule pack")
    return parse_pack(text, str(p))


def builtin_pack_paths() -> tuple[Path, ...]:
    """The packs shipped with condiff, in load order (file name order)."""
    folder = Path(__file__).resolve().parent / "packs"
    return tuple(sorted(folder.glob("*.yaml")))


def iter_patterns(patterns: Patterns, language: str) -> Iterator[Pattern]:
    """Patterns for a document language ("ru-KZ" uses the "ru" ones)."""
    yield from patterns.get(language_key(language), ())
