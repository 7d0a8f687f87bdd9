"""The Markdown report: structure, safety against hostile text, redline markers, determinism.

Every report is parsed with markdown-it-py (CommonMark + GFM tables + strikethrough) and its
structure is checked: headings in order, table shapes, strikethrough where words were removed,
and no HTML token whatever the source text holds.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from condiff.model import ALIGN_KINDS, FINDING_KINDS, Comparison, Finding, Note
from condiff.render.markdown import HAIR_SPACE, clusters, escape, redline, render
from condiff.sanitize import visible

from .report_helpers import (
    HOSTILE,
    assert_golden,
    comparison,
    headings,
    need_pipeline,
    parser,
    sample_comparison,
    section,
    tables,
    walk,
    word_ops,
)

H2_ORDER = ["Contents", "Summary", "Rights findings", "Reviewer notes", "Warnings", "Concordance",
            "Article by article"]


def _parse(text: str):  # type: ignore[no-untyped-def]
    return parser().parse(text)


def _no_html(tokens) -> None:  # type: ignore[no-untyped-def]
    kinds = {t.type for t in walk(tokens)}
    assert not kinds & {"html_inline", "html_block"}, kinds
    assert "image" not in kinds and "code_inline" not in kinds
    # The only links are the table of contents' links to the report's own headings.
    hrefs = [t.attrGet("href") for t in walk(tokens) if t.type == "link_open"]
    assert all(re.fullmatch(r"#[\w%-]+", str(h)) for h in hrefs), hrefs


def test_report_headings_in_order() -> None:
    c = comparison()
    tokens = _parse(render(c))
    heads = headings(tokens)
    assert heads[0] == ("h1", "Change report: Constitution of Veridia 2009 → Constitution of "
                              "Veridia 2026")
    assert [t for tag, t in heads if tag == "h2"] == H2_ORDER
    h3 = [t for tag, t in heads if tag == "h3"]
    # Findings first, most severe first, then the chapters with one heading per changed
    # article under them.
    assert h3[:3] == ["1. Right to strike: removed (critical)",
                      "2. Treaty priority over laws: removed (high)",
                      "3. Freedom of expression: moved (low)"]
    assert h3[3:] == ["Chapter I", "Chapter II"]
    changed = [p for p in c.alignment if p.kind != "unchanged"]
    h4 = [t for tag, t in heads if tag == "h4"]
    assert len(h4) == len(changed)
    assert h4[0] == "Art. 4 → Art. 5 (renumbered)"


def test_summary_and_concordance_tables() -> None:
    c = comparison()
    tokens = _parse(render(c))
    versions = tables(tokens)[0]
    articles, rights = tables(section(tokens, "Summary"))
    assert versions[0] == ["", "Old", "New"]
    assert ["Version", "2009", "2026"] in versions
    assert [row[0] for row in articles[1:]] == [k.capitalize() for k in ALIGN_KINDS]
    counts = {row[0].lower(): int(row[1]) for row in articles[1:]}
    assert sum(counts.values()) == len(c.alignment)
    assert counts["renumbered"] == 2 and counts["added"] == 1 and counts["removed"] == 1
    labels = [k.replace("-", " ").capitalize() for k in FINDING_KINDS]
    assert [row[0] for row in rights[1:-1]] == labels
    assert rights[-1] == ["Total", "3"]
    assert {r[0]: r[1] for r in rights[1:]}["Removed"] == "2"
    (concordance,) = tables(section(tokens, "Concordance"))
    assert concordance[0] == ["Old", "New", "Change", "Similarity", "Matched by"]
    assert len(concordance) == 1 + len(c.alignment)
    assert all(len(row) == 5 for row in concordance)
    assert concordance[2] == ["Art. 4", "Art. 5", "renumbered", "80%", "content"]
    assert concordance[4][:3] == ["Art. 30", "—", "removed"]


def test_findings_show_old_and_new_wording_with_markers() -> None:
    tokens = _parse(render(comparison()))
    block = section(tokens, "Rights findings")
    inline = [t for t in block if t.type == "inline"]
    old_strike = next(t for t in inline if t.content.startswith("*Old, Art. 24(3):*"))
    struck = _struck(old_strike.children)
    # Punctuation is its own token: the full stop both sentences end with stays unmarked.
    assert struck == ["The right to strike is recognised"]
    new_strike = next(t for t in inline if t.content.startswith("*New, Art. 27(3):*"))
    assert _bold(new_strike.children) == ["Labour disputes are settled by the courts"]
    assert not _struck(new_strike.children)  # the new wording shows insertions only
    treaty = next(t for t in inline if t.content.startswith("*Old, Art. 4(3):*"))
    assert _struck(treaty.children) == ["take precedence over", "of Veridia"]
    texts = [inline_plain(t) for t in inline]
    assert any(t.startswith("Why it matters: Workers lose") for t in texts)
    assert "ICESCR art. 8(1)(d)" in texts and "ILO C087" in texts
    assert any("A. Reviewer" in t and "Strike clause gone | *check* <b>ILO</b>" in t
               for t in texts)


def inline_plain(tok) -> str:  # type: ignore[no-untyped-def]
    return "".join(c.content for c in tok.children if c.type == "text")


def _between(children, open_type: str, close_type: str) -> list[str]:  # type: ignore[no-untyped-def]
    out, current = [], None
    for c in children:
        if c.type == open_type:
            current = []
        elif c.type == close_type and current is not None:
            out.append("".join(current))
            current = None
        elif current is not None and c.type == "text":
            current.append(c.content)
    return out


def _struck(children) -> list[str]:  # type: ignore[no-untyped-def]
    return _between(children, "s_open", "s_close")


def _bold(children) -> list[str]:  # type: ignore[no-untyped-def]
    return _between(children, "strong_open", "strong_close")


def test_hostile_text_stays_text() -> None:
    c = comparison()
    text = render(c)
    tokens = _parse(text)
    _no_html(tokens)
    # The removed article's hostile text shows up literally, struck through, in one list item.
    redlines = section(tokens, "Article by article")
    struck = [s for t in redlines if t.type == "inline" for s in _struck(t.children)]
    assert " ".join(HOSTILE.split("\n")[0].split()) in struck
    # Notes table: one row, four cells, despite the "|" in the note text.
    (notes,) = tables(section(tokens, "Reviewer notes"))
    assert len(notes) == 2 and notes[1][3] == "Strike clause gone | *check* <b>ILO</b>"


def test_hostile_labels_headings_and_titles() -> None:
    c = comparison()
    old = replace(c.old, title="T | <script>x</script> *", version="1\n# v")
    line = "\x1b]52;c;evil\x07 \u202e"
    c = replace(c, old=old, warnings=(line,),
                notes=(Note(ref="old:1", text="x\n\n| a | b |\n|---|---|", author="`b`"),))
    tokens = _parse(render(c))
    _no_html(tokens)
    h1 = headings(tokens)[0][1]
    assert h1.startswith("Change report: T | <script>x</script> * 1 # v →")
    assert [t for tag, t in headings(tokens) if tag == "h2"] == H2_ORDER
    (notes,) = tables(section(tokens, "Reviewer notes"))
    assert notes[1] == ["old:1", "`b`", "", "x | a | b | |---|---|"]
    warning = next(t for t in section(tokens, "Warnings") if t.type == "inline")
    assert "\x1b" not in warning.content and "\u202e" not in warning.content
    assert "␛" in warning.content and "<U+202E>" in inline_plain(warning)


def test_no_findings_and_no_changes() -> None:
    c = comparison()
    same = Comparison(old=c.old, new=c.old, alignment=c.alignment[:1])
    tokens = _parse(render(same))
    heads = [t for tag, t in headings(tokens) if tag == "h2"]
    assert heads == ["Contents", "Summary", "Rights findings", "Concordance",
                     "Article by article"]
    body = [inline_plain(t) for t in section(tokens, "Rights findings") if t.type == "inline"]
    assert body == ["No rights findings: no rule matched a change between the two versions."]
    assert "No article changed." in render(same)


def test_golden_hand_built_report() -> None:
    assert_golden("handbuilt-report.md", render(comparison()))


def test_golden_sample_report() -> None:
    c = sample_comparison()
    text = render(c)
    tokens = _parse(text)
    _no_html(tokens)
    assert [t for tag, t in headings(tokens) if tag == "h2"][:3] == [
        "Contents", "Summary", "Rights findings"]
    (concordance,) = tables(section(tokens, "Concordance"))
    assert len(concordance) == 1 + len(c.alignment)
    assert_golden("sample-report.md", text)


def test_deterministic_and_timestamp_only_on_request() -> None:
    c = comparison()
    assert render(c) == render(comparison())
    assert "Generated" not in render(c)
    stamped = render(c, timestamp="2026-11-27T06:00:00Z")
    assert "*Generated 2026-11-27T06:00:00Z by condiff.*" in stamped
    assert re.search(r"Generated \d{4}-\d\d-\d\dT", render(c, timestamp=True))


def test_module_is_callable_for_scripts() -> None:
    import condiff.render.markdown as md

    assert md(comparison()) == render(comparison())


def test_unchanged_options() -> None:
    c = comparison()
    h4 = [t for tag, t in headings(_parse(render(c, unchanged_text=True))) if tag == "h4"]
    assert "Art. 1 → Art. 1 (unchanged)" in h4
    # --only-changed: unchanged articles leave the concordance, unchanged paragraphs the redline.
    tokens = _parse(render(c, unchanged=False))
    (concordance,) = tables(section(tokens, "Concordance"))
    assert len(concordance) == 1 + len([p for p in c.alignment if p.kind != "unchanged"])
    items = [t.content for t in section(tokens, "Article by article") if t.type == "inline"]
    assert not any(i.startswith("*Art. 4(1) → Art. 5(1):*") for i in items)
    assert any(i.startswith("*Art. 4(3) → Art. 5(3):*") for i in items)


def test_finding_without_paragraph_pairs_falls_back_to_document_text() -> None:
    c = comparison()
    f = Finding(topic="x", title="Odd", kind="removed", severity="medium", confidence=1.0,
                old=("24.1",), new=())
    c = replace(c, alignment=(), findings=(f,))
    text = render(c)
    assert "*Old, Art. 24(1):* Everyone has the right to work." in text


def test_md_renderer_does_not_import_markdown_it() -> None:
    code = ("import sys, condiff.render.markdown as m; "
            "assert 'markdown_it' not in sys.modules, 'markdown_it imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------------------
# Property tests: any text, any redline
# ---------------------------------------------------------------------------

_ALPHABET = st.sampled_from([*"ab Zя1.-+=#>|*_`~<>&[]()!\\:\n\t", "\x1b", "\u202e", "  "])
_TEXTS = st.lists(_ALPHABET, max_size=40).map("".join)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@given(_TEXTS, _TEXTS)
def test_redline_is_inert_and_complete(old: str, new: str) -> None:
    ops = word_ops(old, new)
    for side, want in (("old", old), ("new", new)):
        line = redline(ops, side)
        assert "\n" not in line
        tokens = _parse(f"- L: {line}\n\n| a | b |\n| --- | --- |\n| x | {line} |\n")
        _no_html(tokens)
        kinds = [t.type for t in tokens]
        assert kinds.count("bullet_list_open") == 1 and kinds.count("tr_open") == 2
        item = next(t for t in tokens if t.type == "inline")
        # Markers hide nothing: the visible text is the whole side's text.
        assert _squash(inline_plain(item)) == "L:" + _squash(visible(want))
        cells = tables(tokens)[0][1]
        assert len(cells) == 2 and _squash(cells[1]) == _squash(visible(want))
        expected = sum(1 for k, o, n in clusters(ops)
                       if k == "~" and (o if side == "old" else n).strip()
                       and o.split() != n.split())
        marker = "s_open" if side == "old" else "strong_open"
        assert [t.type for t in item.children].count(marker) == expected


@given(_TEXTS)
def test_escape_renders_as_itself(text: str) -> None:
    tokens = _parse(f"x {escape(text)}\n")
    _no_html(tokens)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert inline_plain(tokens[1]) == " ".join(("x " + visible(text)).split())


def test_clusters_take_whole_words_and_punctuation_apart() -> None:
    ops = (("=", "Art. 24"), ("-", "(3)"), ("+", "(4)"), ("=", " applies."))
    assert clusters(ops) == [("=", "Art. 24(", "Art. 24("), ("~", "3", "4"),
                             ("=", ") applies.", ") applies.")]
    assert redline(ops) == "Art. 24(~~3~~ **4**) applies."
    # A change inside a word still takes the whole word.
    assert redline((("=", "the guarant"), ("-", "ee"), ("+", "ies"), ("=", " apply"))) == \
        "the ~~guarantee~~ **guaranties** apply"
    # Whitespace-only changes are not shown as changes.
    assert redline((("=", "a"), ("-", "\n"), ("+", " "), ("=", "b"))) == "a b"


def test_moved_comma_is_not_a_changed_word() -> None:
    """The reviewer's case: only a comma and the words after it went; the word before the comma
    is not struck and re-inserted."""
    from condiff.redline import redline as word_redline

    ops = word_redline("способов их разрешения, включая право на забастовку.",
                       "способов их разрешения.")
    both, old, new = redline(ops), redline(ops, "old"), redline(ops, "new")
    assert both == old == f"способов их разрешения{HAIR_SPACE}~~, включая право на забастовку~~."
    assert new == "способов их разрешения."
    tokens = _parse(f"x {both}\n")
    assert _struck(tokens[1].children) == [", включая право на забастовку"]
    # The same for a comma that became a semicolon between two kept words.
    ops = word_redline("courts, tribunals", "courts; tribunals")
    assert _struck(_parse(redline(ops, "old") + "\n")[1].children) == [","]
    assert _bold(_parse(redline(ops, "new") + "\n")[1].children) == [";"]


def test_every_finding_kind_counts() -> None:
    c = comparison()
    many = tuple(Finding(topic="t", title=k, kind=k, severity="low", confidence=1.0)
                 for k in FINDING_KINDS)
    tokens = _parse(render(replace(c, findings=many)))
    rights = tables(section(tokens, "Summary"))[1]
    assert all(row[1] == "1" for row in rights[1:-1])
    assert rights[-1] == ["Total", str(len(FINDING_KINDS))]


# ---------------------------------------------------------------------------
# The README / docs example, and the real pipeline
# ---------------------------------------------------------------------------


def test_docs_api_example_runs(tmp_path: Path) -> None:
    need_pipeline()
    docs = (Path(__file__).resolve().parent.parent / "docs" / "reports.md").read_text("utf-8")
    code = docs.split("<!-- example: api -->\n```python\n", 1)[1].split("```", 1)[0]
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith("rights removed")
    report = (tmp_path / "veridia-report.md").read_text("utf-8")
    assert headings(_parse(report))[0][0] == "h1"


def test_kazakhstan_report_opens_with_strike_and_treaty_priority() -> None:
    need_pipeline()
    import condiff
    from condiff.policy import sort_findings

    from .conftest import raw_path

    old = condiff.load(raw_path("kazakhstan-1995-rev2022-ru.txt"))
    new = condiff.load(raw_path("kazakhstan-2026-ru.txt"))
    c = condiff.compare(old, new)
    tokens = _parse(render(c))
    _no_html(tokens)
    first = sort_findings(c.findings)[:2]
    assert {(f.topic, f.kind) for f in first} == {("strike", "removed"), ("treatcon", "removed")}
    refs = {f.topic: f.old for f in first}
    assert "24.3" in refs["strike"] and "4.3" in refs["treatcon"]
    block = section(tokens, "Rights findings")
    h3 = [t for tag, t in headings(block) if tag == "h3"]
    assert h3[:2] == [f"{n}. {f.title}: removed ({f.severity})" for n, f in enumerate(first, 1)]
    # The strike finding's old wording shows the strike clause struck through.
    starts = [i for i, t in enumerate(block) if t.type == "heading_open" and t.tag == "h3"]
    n = next(i for i, f in enumerate(first) if f.topic == "strike")
    own = block[starts[n]:[*starts, len(block)][n + 1]]
    struck = [s for t in own if t.type == "inline" for s in _struck(t.children)]
    assert any("забастовк" in s.lower() for s in struck), struck


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_cli_reports_deterministic_and_never_over_an_input(tmp_path: Path, fmt: str) -> None:
    need_pipeline()
    from condiff.cli import main

    from .report_helpers import NEW_YAML, OLD_YAML

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD_YAML, encoding="utf-8")
    new.write_text(NEW_YAML, encoding="utf-8")
    outs = [tmp_path / f"r{i}.{fmt}" for i in (1, 2)]
    for out in outs:
        assert main(["diff", str(old), str(new), "--format", fmt, "-o", str(out)]) == 1
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert main(["diff", str(old), str(new), "--format", fmt, "-o", str(new)]) == 2
    assert new.read_text(encoding="utf-8") == NEW_YAML
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["old.yaml", "new.yaml", *(o.name for o in outs)])  # no temporary file left behind


@given(_TEXTS, _TEXTS)
def test_clusters_keep_both_texts(old: str, new: str) -> None:
    segments = clusters(word_ops(old, new))
    # Whitespace-only changes are shown as the new spacing, so compare without whitespace.
    assert _squash("".join(o for _, o, _ in segments)) == _squash(old)
    assert _squash("".join(n for _, _, n in segments)) == _squash(new)
    assert all(k == "=" or o != n for k, o, n in segments)
