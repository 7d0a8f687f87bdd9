"""Numbers written as words: the ordinals ("Second", "Forty-sixth", "Vigésimo octava") and
cardinals ("ONE", "Eight") that number transitional and final provisions, in English and
Spanish, from one to ninety-nine."""

from __future__ import annotations

import functools
import re

_EN_UNITS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
_EN_UNITS_TH = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
)
_EN_TENS = (
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)
_EN_TENS_TH = (
    "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
    "ninetieth",
)
#: Spanish ordinal stems (without the -o/-a ending) and their values.
_ES_UNITS = {"primer": 1, "segund": 2, "tercer": 3, "cuart": 4, "quint": 5, "sext": 6,
             "septim": 7, "setim": 7, "octav": 8, "noven": 9, "non": 9}
_ES_TENS = {"decim": 10, "vigesim": 20, "trigesim": 30, "cuadragesim": 40, "quincuagesim": 50,
            "sexagesim": 60, "septuagesim": 70, "octogesim": 80, "nonagesim": 90}
_ES_SPECIAL = {"undecim": 11, "duodecim": 12}


def fold(word: str) -> str:
    """Lower case without accents, spaces or hyphens ("Vigésimo octava" → "vigesimooctava")."""
    import unicodedata  # only when a word is read as a number

    text = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in text if ch.isalpha())


@functools.cache
def _english() -> dict[str, int]:
    table: dict[str, int] = {}
    for i, (card, ordi) in enumerate(zip(_EN_UNITS, _EN_UNITS_TH, strict=True), 1):
        table[card] = table[ordi] = i
    for t, (tens, tens_th) in enumerate(zip(_EN_TENS, _EN_TENS_TH, strict=True), 2):
        table[tens] = table[tens_th] = 10 * t
        for u in range(9):
            table[tens + _EN_UNITS[u]] = table[tens + _EN_UNITS_TH[u]] = 10 * t + u + 1
    return table


def _spanish(word: str) -> int:
    for stem, value in _ES_SPECIAL.items():
        if re.fullmatch(stem + r"[oa]s?", word):
            return value
    for stem, tens in _ES_TENS.items():
        if word.startswith(stem):
            rest = word[len(stem):]
            if re.fullmatch(r"[oa]s?", rest):
                return tens
            # "decimoprimera", "decimaoctava" and "decimoctava" (one o for two) alike
            unit = _es_unit(rest[1:]) if rest[:1] in ("o", "a") else 0
            unit = unit or _es_unit(rest)
            return tens + unit if unit else 0
    return _es_unit(word)


def _es_unit(word: str) -> int:
    for stem, value in _ES_UNITS.items():
        if re.fullmatch(stem + r"(?:[oa]s?)?", word) and (word != stem or stem in (
                "primer", "tercer")):
            return value
    return 0


def ordinal_value(word: str) -> int:
    """The number a word writes (1-99), or 0: "Second" → 2, "Forty-sixth" → 46, "ONE" → 1,
    "Eight" → 8, "DECIMOPRIMERA" → 11, "Vigésimo octava" → 28, "undécima" → 11."""
    folded = fold(word)
    if not folded or len(folded) > 30:
        return 0
    return _english().get(folded) or _spanish(folded)


#: An ordinal or cardinal word as a regular expression (English and Spanish), for finding
#: headings written with one ("PRIMERA.-", "Forty-sixth.—", "Vigésimo octava").
WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]?(?:first|second|"
    r"third|fourth|fifth|sixth|seventh|eighth|ninth|one|two|three|four|five|six|seven|eight|"
    r"nine))?|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|(?:d[eé]cim|vig[eé]sim|trig[eé]sim|cuadrag[eé]sim|quincuag[eé]sim|sexag[eé]sim"
    r"|septuag[eé]sim|octog[eé]sim|nonag[eé]sim)[oa]?(?:[ ]?(?:primer|segund|tercer|cuart"
    r"|quint|sext|s[eé]ptim|s[eé]tim|octav|noven)[oa])?"
    r"|und[eé]cim[oa]|duod[eé]cim[oa]|primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]"
    r"|sext[oa]|s[eé]ptim[oa]|octav[oa]|noven[oa])"
)
