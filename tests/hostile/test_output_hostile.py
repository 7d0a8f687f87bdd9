"""Hostile text reaching outputs: escapes, bidi overrides, Markdown/HTML injection."""

from __future__ import annotations

import json

import pytest

from .conftest import run_cli

ESCAPES = [
    "\x1b[31mred\x1b[0m",  # colour
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x1b]52;c;cHduZWQ=\x07",  # OSC 52 clipboard write
    "\x1b]0;owned title\x07",  # window title
    "\x9b31m",  # C1 CSI
]
BIDI = "\u202e"  # RIGHT-TO-LEFT OVERRIDE ("Trojan Source")
RAW = ["\x1b", "\x07", "\x9b", BIDI]


def _doc(extra: str) -> str:
    return f"""\
title: "Hostile test"
provisions:
  - kind: article
    label: "1"
    heading: "Heading |pipe| `tick` <script>alert(1)</script>"
    children:
      - "Everyone has the right to strike. {extra} | * _ ` <b>x</b>"
      - "Freedom of expression is guaranteed."
"""


def _docs(write, payload: str):
    old = write("old.yaml", _doc(payload).replace("\x1b", "\\e").replace("\x07", "\\a")
                .replace("\x9b", "\\x9b").replace(BIDI, "\\u202e"))
    body = _doc(payload + " changed").replace("right to strike", "right to rest")
    new = write("new.yaml", body.replace("\x1b", "\\e").replace("\x07", "\\a")
                .replace("\x9b", "\\x9b").replace(BIDI, "\\u202e"))
    return old, new


def _yaml_escape_ok(write) -> None:
    """The YAML double-quoted escapes above really produce the raw characters."""
    from condiff.read import read_document

    old, _ = _docs(write, ESCAPES[0] + BIDI)
    text = read_document(old).units()[0].full_text()
    assert "\x1b" in text and BIDI in text


@pytest.mark.parametrize("payload", [*ESCAPES, BIDI + "evil" + "\u202c"])
@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_no_raw_control_characters_in_outputs(capsys, write, payload, fmt):
    _yaml_escape_ok(write)
    old, new = _docs(write, payload)
    code, out, err = run_cli(capsys, "diff", str(old), str(new), "--format", fmt)
    assert code == 1, err
    if fmt == "json":
        # JSON escapes control characters itself; the decoded data keeps the truth.
        json.loads(out)
        assert "\x1b" not in out and "\x07" not in out
        return
    for ch in RAW:
        assert ch not in out, (fmt, repr(ch))
    assert "\x1b" not in err


def test_check_output_is_sanitised(capsys, write):
    old, new = _docs(write, ESCAPES[2] + BIDI)
    _, out, err = run_cli(capsys, "check", str(old), str(new), "--github")
    for ch in RAW:
        assert ch not in out and ch not in err


def test_markdown_report_injects_no_markup(capsys, write):
    from markdown_it import MarkdownIt

    old, new = _docs(write, "<script>alert('x')</script> | col | `code")
    code, out, _ = run_cli(capsys, "diff", str(old), str(new), "--format", "md")
    assert code == 1
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(out)

    def walk(toks):
        for t in toks:
            yield t
            if t.children:
                yield from walk(t.children)

    assert not [t for t in walk(tokens) if t.type in ("html_inline", "html_block")]


def test_html_report_has_no_script_from_source(capsys, write):
    old, new = _docs(write, "<script>alert('x')</script><img src=x onerror=alert(1)>")
    code, out, _ = run_cli(capsys, "diff", str(old), str(new), "--format", "html")
    assert code == 1
    assert "<script>alert" not in out
    assert "<img src=x" not in out
