"""Rule packs: the bundled ones are complete, and bad packs fail at load with file:line."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from condiff.errors import CondiffError
from condiff.rules import load_registry
from condiff.rules.packs import builtin_pack_paths, check_regex, load_pack, parse_pack
from tests.conftest import ROOT

REQUIRED = ["strike", "jointrde", "assoc", "assem", "express", "press", "censor", "freerel",
            "privacy", "life", "deathpen", "torture", "equal", "fairtri", "detention",
            "healthr", "educate", "work", "socsec", "property", "vote", "citizenship",
            "exile", "marriage", "treatcon", "intlaw", "intrght", "ombuds", "judind",
            "hosterml", "apptoversight"]


def test_bundled_packs_cover_the_required_topics_in_english_and_russian() -> None:
    registry = load_registry()
    for key in REQUIRED:
        rule = registry.resolve(key)
        assert rule is not None, key
        assert {"en", "ru"} <= set(rule.languages), key
        assert rule.annotation and rule.references, key
    both = [r for r in registry if {"en", "ru"} <= set(r.languages)]
    assert len(both) >= 30
    assert all("de" in r.languages for r in registry)


def test_constitute_ids_are_constitute_keys() -> None:
    topics = ROOT.parent / "shared" / "reference" / "constitute-topics.txt"
    if not topics.is_file():
        pytest.skip(f"Constitute topic list not found at {topics}")
    keys = {line.split("\t")[0] for line in topics.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")}
    registry = load_registry()
    wrong = [r.id for r in registry if r.source == "constitute" and r.id not in keys]
    assert not wrong
    ours = [r.id for r in registry if r.source == "condiff"]
    assert "apptoversight" in ours
    assert not set(ours) & keys


def test_every_bundled_pack_loads_alone() -> None:
    paths = builtin_pack_paths()
    assert len(paths) >= 5
    for path in paths:
        assert load_pack(path).name


def _pack(body: str) -> str:
    return "condiff-rules: 1\npack: t\nrules:\n" + body


GOOD_RULE = ("  - id: strike\n    title: Strike\n    category: labour\n    severity: high\n"
             "    annotation: Why.\n    patterns:\n      en: [\"strike\"]\n")


@pytest.mark.parametrize(("text", "message", "line"), [
    (_pack(GOOD_RULE + "    colour: red\n"), "unknown key 'colour'", 11),
    (_pack(GOOD_RULE.replace("severity: high", "severity: huge")), "unknown severity", 7),
    (_pack(GOOD_RULE.replace("en: [", "english: [")), "not a language code", 10),
    (_pack(GOOD_RULE.replace("    title: Strike\n", "")), "needs 'title'", 4),
    (_pack(GOOD_RULE + GOOD_RULE), "defined twice", 11),
    (_pack(GOOD_RULE.replace('["strike"]', '[{regex: "(a+)+b"}]')), "nested unbounded", 10),
    (_pack(GOOD_RULE.replace('["strike"]', '[{regex: "(a)\\\\1"}]')), "backreferences", 10),
    (_pack(GOOD_RULE.replace('["strike"]', '[{regex: "[unclosed"}]')), "invalid regex", 10),
    (_pack(GOOD_RULE.replace('["strike"]', '[{near: ["a"]}]')), "at least two", 10),
    (_pack(GOOD_RULE.replace('["strike"]', '[{near: ["a", "b"], within: 500}]')),
     "within must be", 10),
    (_pack(GOOD_RULE.replace("type", "x").replace("    annotation", "    type: odd\n"
                                                 "    annotation")), "unknown rule type", 8),
    ("condiff-rules: 2\npack: t\n", "unsupported condiff-rules version", 1),
    ("pack: t\n", "needs 'condiff-rules'", 1),
    ("condiff-rules: 1\npack: t\nrules: [\n", "invalid YAML", None),
    ("condiff-rules: 1\npack: t\npack: u\n", "appears twice", 3),
    ("", "empty", 1),
])
def test_bad_packs_fail_with_file_and_line(text: str, message: str, line: int | None) -> None:
    with pytest.raises(CondiffError) as err:
        parse_pack(text, "bad.yaml")
    assert message in str(err.value)
    assert str(err.value).startswith("bad.yaml")
    if line is not None:
        assert err.value.line == line, str(err.value)


@pytest.mark.parametrize("source", [r"(a+)+$", r"(\w*\s?)*x", r"(x|y+)*z", r"((ab)*c+)*",
                                    r"(?:a{1,}){2,}", "a" * 400])
def test_catastrophic_regexes_are_refused(source: str) -> None:
    with pytest.raises(ValueError):
        check_regex(source)


def test_accepted_regex_runs_fast_on_hostile_text() -> None:
    pattern = check_regex(r"\b\d{1,3}\s*hours?\b")
    start = time.perf_counter()
    pattern.search("1" * 50_000 + " x")
    assert time.perf_counter() - start < 1.0


def test_billion_laughs_refused() -> None:
    lines = ["condiff-rules: 1", "pack: t", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    with pytest.raises(CondiffError):
        parse_pack("\n".join(lines) + "\n", "bomb.yaml")


def test_load_pack_file_errors(tmp_path: Path) -> None:
    with pytest.raises(CondiffError, match="not found"):
        load_pack(tmp_path / "missing.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("pack: caf\xe9\n".encode("latin-1"))
    with pytest.raises(CondiffError, match="not UTF-8"):
        load_pack(bad)
    with pytest.raises(CondiffError, match="folder"):
        load_pack(tmp_path)


def test_exact_and_prefix_terms() -> None:
    pack = parse_pack(_pack(GOOD_RULE.replace('["strike"]', '["=граждане", "забастовк*"]')))
    terms = [p.phrases[0][0] for p in pack.rules[0].patterns["en"]]
    assert terms[0].exact and terms[0].matches("граждане", "граждан")
    assert not terms[0].matches("граждан", "граждан")
    assert terms[1].prefix and terms[1].matches("забастовку", "")
    with pytest.raises(CondiffError):
        parse_pack(_pack(GOOD_RULE.replace('["strike"]', '["=bad*"]')))


@given(st.text(max_size=300))
def test_any_text_either_loads_or_fails_cleanly(text: str) -> None:
    try:
        parse_pack(text, "fuzz.yaml")
    except CondiffError as exc:
        assert re.match(r"^fuzz\.yaml", str(exc))


def test_unknown_disable_key_is_refused() -> None:
    with pytest.raises(CondiffError, match="no rule named 'nonesuch'"):
        load_registry(disabled=["nonesuch"])
    registry = load_registry(disabled=["deathpen"])
    assert not registry.is_enabled("cappun")
    registry.enable("deathpen")
    assert registry.is_enabled("cappun")
