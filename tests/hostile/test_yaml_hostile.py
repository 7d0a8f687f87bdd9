"""Hostile YAML: bombs, deep nesting, code-execution tags, duplicate keys, wrong types."""

from __future__ import annotations

import pytest

from .conftest import assert_one_line_error, run_cli

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
provisions: [*g]
"""


def test_billion_laughs_refused(capsys, write):
    path = write("bomb.yaml", BILLION_LAUGHS)
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "bomb.yaml:1:", "anchor")


def test_deep_nesting_refused(capsys, write):
    depth = 10_000
    path = write("deep.yaml", "provisions: " + "[" * depth + "]" * depth + "\n")
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "deep.yaml:1:", "nested more than")


def test_deep_block_nesting_refused(capsys, write):
    lines = ["provisions:"]
    for i in range(200):
        lines.append("  " * (i + 1) + "- children:")
    path = write("deepblock.yaml", "\n".join(lines) + "\n")
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "deepblock.yaml:", "nested more than")


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "!!python/object:builtins.dict {}",
        "!!python/name:os.system",
        "!custom thing",
        "!!binary aGVsbG8=",
    ],
)
def test_tags_refused(capsys, write, tag):
    path = write("tag.yaml", f"title: {tag}\nprovisions: []\n")
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "tag.yaml:1:", "tag")


def test_duplicate_keys_refused(capsys, write):
    path = write("dup.yaml", "title: A\ntitle: B\nprovisions: []\n")
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "dup.yaml:2:1", "duplicate key 'title'")


@pytest.mark.parametrize(
    ("body", "where", "what"),
    [
        ("provisions: {a: 1}\n", ":1:13", "must be a list"),
        ("provisions:\n  - kind: article\n    label: [1, 2]\n", ":3:12", "label must be text"),
        ("provisions:\n  - kind: clown\n", ":2:11", "unknown kind 'clown'"),
        ("provisions:\n  - label: '1'\n", ":2:5", "no 'kind'"),
        ("provisions:\n  - kind: article\n    repealed: maybe\n", ":3:15", "true or false"),
        ("provisions:\n  - kind: article\n    colour: red\n", ":3:5", "unknown key 'colour'"),
        ("- just\n- a list\n", ":1:1", "must be a mapping"),
        ("title: x\n", ":1:1", "no 'provisions'"),
        ("condiff: 7\nprovisions: []\n", ":1:10", "format version"),
    ],
)
def test_schema_errors_name_line_and_column(capsys, write, body, where, what):
    path = write("bad.yaml", body)
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, f"bad.yaml{where}", what)


def test_huge_integer_label_is_just_a_label(capsys, write):
    big = "9" * 20_000
    path = write("big.yaml", f"provisions:\n  - kind: article\n    label: {big}\n    text: x\n")
    code, out, err = run_cli(capsys, "parse", str(path), "--format", "yaml")
    assert code == 0, err
    assert big in out


def test_invalid_yaml_syntax(capsys, write):
    path = write("syntax.yaml", "title: [unclosed\nprovisions: []\n")
    code, _, err = run_cli(capsys, "parse", str(path))
    assert_one_line_error(code, err, "syntax.yaml:", "invalid YAML")
