"""The readers' fast paths give exactly what the plain definitions give.

Reading got faster by skipping work that cannot change the result: blanks collapsed only when
a text holds some, Markdown inline syntax parsed only where a paragraph has any, hard-wrapped
paragraphs joined in one step, control characters and scripts counted by regular expressions.
Each property below states the plain definition and checks the fast path against it on
generated inputs built from the characters that matter (blanks of every kind, markers, hyphens,
inline syntax). The CLI tests check that a command run by name loads only its own module.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from condiff.cli import COMMANDS, _to_configure
from condiff.read.encoding import _looks_binary
from condiff.read.markdown_format import _inline_text, _join_lines, _lines_of, _markdown
from condiff.read.profiles import _SCRIPTS, detect_script
from condiff.read.text.clean import clean_lines


def texts(*pieces: str, max_size: int = 40) -> st.SearchStrategy[str]:
    """Texts glued from meaningful pieces and arbitrary characters."""
    piece = st.one_of(st.sampled_from(pieces), st.characters(), st.text(max_size=3))
    return st.lists(piece, max_size=max_size).map("".join)


BLANKS = (" ", "  ", "\t", "\u00a0", "\u2000", "\u2007", "\u200b", "\u3000", "\f", "\u2028",
          "\u2029", "\n", "\x0b", "\x1c", "\x85", "a", "Б", "1.")


@given(texts(*BLANKS))
def test_clean_lines_is_collapse_then_strip(text: str) -> None:
    if "<" in text:  # layout tags ("<title>", "<list_1>") are dropped first
        text = re.sub(r"[ \t]*</?(?:title|list|list_\d{1,2}|p|br|item)>[ \t]*$", "", text,
                      flags=re.MULTILINE)
    # a page break opening a line is dropped (line numbers stay the file's), others break lines
    text_lines = text.replace("\n\f", "\n").replace("\f", "\n").replace("\u2028", "\n") \
        .replace("\u2029", "\n")
    spaces = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
    expected = [spaces.sub(" ", ln).strip() for ln in text_lines.split("\n")]
    assert clean_lines(text) == expected


PARAGRAPH = ("a) ", "(1) ", "(ab) ", "b)\t", "z)", "-", "- \n", "-\u00a0\n", "Ein-", "wohner",
             "\n", "\n  ", "\n\n", " ", "\t", "\u00a0", "\u2003", "\x85", "\u2028", "x", "X")


@given(texts(*PARAGRAPH))
def test_paragraph_lines_fast_path_matches_line_by_line(text: str) -> None:
    assert _lines_of(text) == _join_lines(text)


MARKDOWN = ("*", "**", "_", "`", "[", "]", "(", ")", "!", "<", ">", "&amp;", "&#65;", "\\",
            "\\*", "  \n", "\\\n", "\n", "\n\n", "# ", "## ", "- ", "1. ", "> ", "    ",
            "<b>", "<http://x.org>", "[a]: /u\n", "[a]", "Art. 5", "(1) ", "a) ", "x", " ")


@given(texts(*MARKDOWN))
def test_inline_text_where_parsed_only_as_needed(text: str) -> None:
    """The reader skips inline parsing of plain paragraphs; the lines it reads from every
    inline token are those of a full CommonMark parse."""
    from markdown_it import MarkdownIt

    fast = [t for t in _markdown().parse(text) if t.type == "inline"]
    full = [t for t in MarkdownIt("commonmark").parse(text) if t.type == "inline"]
    assert len(fast) == len(full)
    for a, b in zip(fast, full, strict=True):
        assert _lines_of(_inline_text(a)) == _lines_of(_inline_text(b))
        assert " ".join(_inline_text(a).split()) == " ".join(_inline_text(b).split())


@given(texts("\x00", "\x01", "\x08", "\t", "\n", "\x0b", "\x0c", "\r", "\x1a", "\x1b",
             "\x1f", " ", "a", max_size=200))
def test_binary_sniffing_counts_controls(text: str) -> None:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\n\t\f\v\x1b")
    assert _looks_binary(text) == (controls > max(8, len(sample) // 20))


@given(texts("a", "Z", "é", "ǿ", "ɐ", "б", "Ж", "α", "Ω", "ب", "1", " ", "\n"))
def test_script_counts_from_runs(text: str) -> None:
    singles = {name: len(re.findall(rx.pattern.rstrip("+"), text)) for name, rx in _SCRIPTS}
    runs = {name: sum(map(len, rx.findall(text))) for name, rx in _SCRIPTS}
    assert runs == singles
    expected = max(singles, key=lambda k: singles[k]) if any(singles.values()) else "latin"
    assert detect_script(text) == expected


# ---------------------------------------------------------------------------
# The CLI builds only what the command line runs
# ---------------------------------------------------------------------------


def test_only_the_named_command_is_built() -> None:
    assert _to_configure(["check", "a", "b"]) == ("check",)
    assert _to_configure(["--debug", "rules", "list"]) == ("rules",)
    assert _to_configure(["--version"]) == ()
    assert _to_configure(["--help"]) == ()
    assert _to_configure([]) == ()
    assert _to_configure(["chek", "a"]) == ()
    # a command word that is not first: argparse decides, so every command is built
    assert _to_configure(["--bogus", "check", "a", "b"]) is None
    assert _to_configure(["-h", "diff"]) is None
    assert set(COMMANDS) >= {"check", "parse"}


def _modules_after(code: str) -> list[str]:
    probe = (f"import sys, json\nfrom condiff.cli import main\ntry:\n    {code}\n"
             "except SystemExit:\n    pass\n"
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith('condiff'))))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=True)
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_version_loads_no_command_options_and_no_model() -> None:
    loaded = _modules_after("main(['--version'])")
    assert "condiff.model" not in loaded
    assert "condiff.render" not in loaded


def test_a_command_run_by_name_imports_only_its_module() -> None:
    loaded = _modules_after("main(['parse', 'sample:2009', '--format', 'json'])")
    assert "condiff.commands.parse" in loaded
    for other in ("diff", "review", "rules", "corpora", "check"):
        assert f"condiff.commands.{other}" not in loaded


NUMBERS = ("1", "12", "123", "1234", ".", " ", "'", "‘", "-", "—", "–", "\t", "A", "b", "(",
           "\"", "“", "\n", "x")


@given(texts(*NUMBERS))
def test_bare_number_expression_starts_with_its_digit(text: str) -> None:
    """The bare-number expression checks the character before the number after its first
    digit (so that searching can skip to digits); it finds what "at the start or after a
    blank, quote or full stop" finds."""
    from condiff.read.text.bare import NUMBERED

    plain = re.compile(
        r"(?:^|(?<=[\s'‘.]))(?P<label>\d{1,3}(?:-\d{1,3})?[A-Z]{0,2})(?P<space>[ ]?)\."
        r"(?P<dash>[ \t]?[-—–]{1,4}[ \t]?(?=[(\w]))?"
        r"[ \t]*(?=[(A-Z\"“‘'\w])"
    )
    fast = NUMBERED()
    assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
        (m.span(), m.groupdict()) for m in plain.finditer(text)]
    for pos in range(len(text)):
        a, b = fast.match(text, pos), plain.match(text, pos)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))
