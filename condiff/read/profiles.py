"""Heading profiles: the words each language uses for the structure of a constitution.

A plain-text constitution carries its structure only in words at the start of lines ("Статья 5",
"Artikel 5", "Chapter II"). A profile lists those words per language, in the order of the
hierarchy, so the text reader needs no language-specific code: Portuguese, French or Kazakh
texts are handled by writing a small YAML profile (``docs/profiles.md``) rather than by changing
condiff. The built-in profiles are plain Python data so reading a text never pays for the YAML
parser; a user profile file is loaded (and validated strictly) only when ``--profile`` names one.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import CondiffError
from ..model import CONTAINER_KINDS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing when reading
if TYPE_CHECKING:
    from typing import Any

PROFILE_VERSION = 1
_HINT = "See docs/profiles.md for the profile format"


@dataclass(frozen=True)
class Profile:
    """Heading words of one language.

    Attributes:
        language: BCP 47 code written into the Document ("en", "ru").
        name: Human name ("English").
        preamble: Words that head a preamble ("Preamble").
        article: Words that head an article, followed by its number ("Article", "Art.").
        amendment: Words that head an amendment ("Amendment").
        containers: ``(kind, words)`` pairs from the outermost grouping to the innermost
            (part before chapter before section): the order decides nesting.
        repealed: Words or phrases that, opening a provision's whole (short) text, mark it as a
            repealed placeholder ("Repealed", "Исключена", "weggefallen").
        stopwords: Frequent words of the language, used only to detect it.
        script: "latin", "cyrillic", "greek", "arabic", … used only to detect the language.
    """

    language: str
    name: str
    preamble: tuple[str, ...] = ()
    article: tuple[str, ...] = ()
    amendment: tuple[str, ...] = ()
    containers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    repealed: tuple[str, ...] = ()
    stopwords: tuple[str, ...] = ()
    script: str = "latin"


ENGLISH = Profile(
    language="en",
    name="English",
    preamble=("Preamble",),
    article=("Article", "Art."),
    amendment=("Amendment",),
    containers=(
        ("schedule", ("Schedule", "Annex", "Appendix")),
        ("part", ("Part",)),
        ("title", ("Title",)),
        ("chapter", ("Chapter",)),
        ("division", ("Section",)),
        ("subsection", ("Subsection",)),
    ),
    repealed=("[Repealed]", "(Repealed)", "Repealed", "(Omitted)", "[Omitted]", "Omitted",
              "Rep. by", "Rep.", "Deleted", "(Deleted)"),
    stopwords=("the", "of", "and", "shall", "to", "in", "be", "by"),
)

RUSSIAN = Profile(
    language="ru",
    name="Russian",
    preamble=("Преамбула",),
    article=("Статья", "Ст."),
    amendment=("Поправка",),
    containers=(
        ("part", ("Часть",)),
        ("division", ("Раздел",)),
        ("chapter", ("Глава",)),
        ("subsection", ("Параграф", "§")),
    ),
    repealed=("Исключена", "Исключен", "Исключено", "Исключены", "Утратила силу",
              "Утратил силу", "Утратило силу"),
    stopwords=("и", "в", "на", "не", "с", "по", "или", "его"),
    script="cyrillic",
)

GERMAN = Profile(
    language="de",
    name="German",
    preamble=("Präambel",),
    article=("Artikel", "Art.", "§"),
    amendment=(),
    containers=(
        ("part", ("Teil",)),
        ("division", ("Abschnitt",)),
        ("subsection", ("Unterabschnitt",)),
        ("chapter", ("Kapitel",)),
    ),
    repealed=("(weggefallen)", "weggefallen", "(aufgehoben)", "aufgehoben"),
    stopwords=("der", "die", "und", "des", "das", "den", "nicht", "wird"),
)

SPANISH = Profile(
    language="es",
    name="Spanish",
    preamble=("Preámbulo",),
    article=("Artículo", "Art."),
    amendment=("Enmienda",),
    containers=(
        ("part", ("Parte",)),
        ("title", ("Título",)),
        ("chapter", ("Capítulo",)),
        ("division", ("Sección",)),
    ),
    repealed=("(Derogado)", "Derogado", "(Derogada)", "Derogada", "(Suprimido)", "Suprimido"),
    stopwords=("el", "la", "de", "los", "las", "y", "que", "del"),
)

FRENCH = Profile(
    language="fr",
    name="French",
    preamble=("Préambule",),
    article=("Article", "Art."),
    amendment=("Amendement",),
    containers=(
        ("part", ("Partie",)),
        ("title", ("Titre",)),
        ("chapter", ("Chapitre",)),
        ("division", ("Section",)),
    ),
    repealed=("(Abrogé)", "Abrogé", "(Abrogée)", "Abrogée", "[Abrogé]"),
    stopwords=("le", "la", "les", "des", "et", "est", "du", "au"),
)

PORTUGUESE = Profile(
    language="pt",
    name="Portuguese",
    preamble=("Preâmbulo",),
    article=("Artigo", "Art."),
    amendment=("Emenda",),
    containers=(
        ("part", ("Parte",)),
        ("title", ("Título",)),
        ("chapter", ("Capítulo",)),
        ("division", ("Secção", "Seção")),
    ),
    repealed=("(Revogado)", "Revogado", "(Revogada)", "Revogada"),
    stopwords=("o", "os", "da", "do", "das", "dos", "e", "não"),
)

ITALIAN = Profile(
    language="it",
    name="Italian",
    preamble=("Preambolo",),
    article=("Articolo", "Art."),
    amendment=(),
    containers=(
        ("part", ("Parte",)),
        ("title", ("Titolo",)),
        ("chapter", ("Capo",)),
        ("division", ("Sezione",)),
    ),
    repealed=("(Abrogato)", "Abrogato", "(Abrogata)", "Abrogata"),
    stopwords=("il", "di", "e", "la", "che", "per", "una", "della", "è"),
)

#: Built-in profiles by language code. The first four are the ones condiff is tested on with
#: real constitutions; French, Portuguese and Italian only on small texts.
BUILTIN: dict[str, Profile] = {
    p.language: p for p in (ENGLISH, RUSSIAN, GERMAN, SPANISH, FRENCH, PORTUGUESE, ITALIAN)
}

#: Runs of each script's letters (runs, not single letters: a list per word is cheaper to
#: make than one per letter; the letters are counted from the runs' lengths).
_SCRIPTS = (
    ("cyrillic", re.compile(r"[\u0400-\u04ff]+")),
    ("greek", re.compile(r"[\u0370-\u03ff]+")),
    ("arabic", re.compile(r"[\u0600-\u06ff]+")),
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]+")),
)
_WORD = re.compile(r"\w+")


def detect_script(sample: str) -> str:
    """The dominant script of a text sample ("latin", "cyrillic", …)."""
    counts = {name: sum(map(len, rx.findall(sample))) for name, rx in _SCRIPTS}
    return max(counts, key=lambda k: counts[k]) if any(counts.values()) else "latin"


def _heading_hits(profile: Profile, folded_lines: list[str]) -> int:
    words = [w for w in (*profile.preamble, *profile.article, *profile.amendment)
             if w != "Art."]
    words += [w for _, ws in profile.containers for w in ws]
    starts = tuple(w.casefold() for w in words)
    return sum(1 for ln in folded_lines if ln.startswith(starts))


def detect_profile(text: str, profiles: Mapping[str, Profile] = BUILTIN) -> Profile:
    """The profile that fits a text best: its script first, then its heading words, then its
    most frequent little words. Falls back to English for Latin script and to the first
    profile of a script otherwise."""
    sample = text[:60_000]
    script = detect_script(text[:8_000])
    candidates = [p for p in profiles.values() if p.script == script] or list(profiles.values())
    if len(candidates) == 1:
        return candidates[0]
    # Lines are case-folded once for all the candidates, and words counted in C.
    folded = [ln.casefold() for ln in (raw.strip() for raw in sample.split("\n")) if ln]
    words = _WORD.findall(sample[:20_000])
    freq = Counter(map(str.casefold, words))

    def score(p: Profile) -> float:
        stop = sum(freq.get(w, 0) for w in p.stopwords) / max(1, len(words))
        return _heading_hits(p, folded) * 2.0 + stop * 1000.0

    return max(candidates, key=score)


# ---------------------------------------------------------------------------
# User profile files
# ---------------------------------------------------------------------------

_KEYS = ("condiff-profile", "language", "name", "preamble", "article", "amendment",
         "containers", "repealed", "stopwords", "script")


def _words(value: Any, key: str, path: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise CondiffError(f"'{key}' must be a list of words", path=path, hint=_HINT)
    out = tuple(str(v).strip() for v in value if str(v).strip())
    for w in out:
        if len(w) > 60 or "\n" in w:
            raise CondiffError(f"'{key}' entry {w[:30]!r} is not a heading word", path=path,
                               hint="Give the word as printed at the start of a line, "
                               "e.g. 'Artigo'")
    return out


def profile_from_mapping(data: Any, path: str = "<profile>") -> Profile:
    """Validate the plain data of a profile file and build the Profile.

    Raises:
        CondiffError: naming the file and the offending key, saying what was expected.
    """
    if not isinstance(data, dict):
        raise CondiffError("a profile must be a mapping of keys (language, article, …)",
                           path=path, hint=_HINT)
    unknown = [str(k) for k in data if k not in _KEYS]
    if unknown:
        raise CondiffError(f"unknown key {unknown[0]!r} in the profile", path=path,
                           hint=f"Allowed keys: {', '.join(_KEYS)}")
    version = data.get("condiff-profile", PROFILE_VERSION)
    if str(version) != str(PROFILE_VERSION):
        raise CondiffError(f"unsupported profile version {version}", path=path,
                           hint=f"This condiff reads 'condiff-profile: {PROFILE_VERSION}'")
    base_code = str(data.get("language") or "").strip()
    if not base_code or not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", base_code):
        raise CondiffError("the profile needs 'language:' with a language code such as 'pt'",
                           path=path, hint=_HINT)
    article = _words(data.get("article"), "article", path)
    if not article:
        raise CondiffError("the profile needs 'article:' with at least one heading word "
                           "(e.g. [Artigo, Art.])", path=path, hint=_HINT)
    containers_raw = data.get("containers") or {}
    if not isinstance(containers_raw, dict):
        raise CondiffError("'containers' must map a kind (part, chapter, …) to its words, "
                           "outermost first", path=path, hint=_HINT)
    containers: list[tuple[str, tuple[str, ...]]] = []
    for kind, words in containers_raw.items():
        if kind not in CONTAINER_KINDS:
            raise CondiffError(f"unknown container kind {kind!r} in 'containers'", path=path,
                               hint=f"Use one of: {', '.join(CONTAINER_KINDS)}")
        containers.append((str(kind), _words(words, f"containers.{kind}", path)))
    script = str(data.get("script") or "").strip()
    if script and script not in {name for name, _ in _SCRIPTS}:
        raise CondiffError(f"unknown script {script!r}", path=path,
                           hint="Use latin, cyrillic, greek or arabic, or leave it out")
    return Profile(
        language=base_code,
        name=str(data.get("name") or base_code),
        preamble=_words(data.get("preamble"), "preamble", path),
        article=article,
        amendment=_words(data.get("amendment"), "amendment", path),
        containers=tuple(containers),
        repealed=_words(data.get("repealed"), "repealed", path),
        stopwords=_words(data.get("stopwords"), "stopwords", path),
        script=script or "latin",
    )


def load_profile(name: str | os.PathLike[str]) -> Profile:
    """A built-in profile by language code ("ru"), or a user profile YAML file.

    Raises:
        CondiffError: if the file is missing, not valid YAML, or not a valid profile.
    """
    text_name = os.fspath(name)
    if text_name in BUILTIN and not os.path.exists(text_name):
        return BUILTIN[text_name]
    try:
        with open(text_name, "rb") as fh:
            raw = fh.read(1_000_001)
    except FileNotFoundError:
        raise CondiffError("no such profile file", path=text_name,
                           hint="Give a YAML profile file (see docs/profiles.md) or a built-in "
                           f"language code: {', '.join(BUILTIN)}") from None
    except OSError as exc:
        raise CondiffError(f"cannot read the profile: {exc.strerror or exc}",
                           path=text_name) from None
    if len(raw) > 1_000_000:
        raise CondiffError("the profile file is over 1 MB", path=text_name, hint=_HINT)
    from .encoding import decode

    text = decode(raw, text_name)
    import yaml

    from ..safe_yaml import prescan, yaml_error

    prescan(text, text_name)
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        raise yaml_error(exc, text_name) from None
    except yaml.YAMLError as exc:
        raise CondiffError(f"invalid YAML: {exc}", path=text_name, hint=_HINT) from None
    return profile_from_mapping(data, text_name)
