"""The HTML change report: the Markdown report, rendered, in one self-contained file.

Why render the Markdown instead of writing HTML directly: there is then one report, one layout
and one set of escaping rules to test. markdown-it-py renders it with raw HTML switched off and
no link autodetection, so nothing in the source text can become a tag, a script or a link; the
Markdown layer has already escaped it, and markdown-it escapes again on output.

The file carries its own small stylesheet (no external fonts, scripts or images), so it can be
mailed, archived and printed as it is. Its only links are the table of contents' links to its
own headings, which get the ids GitHub would give them. Deletions (``<s>``) are red and struck,
insertions (``<strong>``, which the Markdown report reserves for inserted words) green and
underlined, which survives black-and-white printing too.
"""

from __future__ import annotations

import html
from typing import Any

from ..model import Comparison
from . import markdown
from .anchors import Slugger

STYLE = """\
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       color: #1f2328; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #d0d7de; padding-bottom: .3rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #d0d7de; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; vertical-align: top; }
th { background: #f6f8fa; text-align: left; }
s, del { color: #a40e26; background: #ffebe9; text-decoration: line-through; }
strong { color: #116329; background: #dafbe1; text-decoration: underline;
         font-weight: 600; }
em { color: #59636e; }
li { margin: .2rem 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  s, del, strong { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _heading_ids(state: Any) -> None:
    """Give every heading the id GitHub gives it, so the contents' ``#anchor`` links work
    in the HTML file as they do on GitHub (see :mod:`condiff.render.anchors`)."""
    slugger = Slugger()
    tokens = state.tokens
    for n, token in enumerate(tokens):
        if token.type == "heading_open" and n + 1 < len(tokens):
            inline = tokens[n + 1]
            text = "".join(child.content for child in inline.children or ()
                           if child.type in ("text", "code_inline"))
            token.attrSet("id", slugger.slug(text))


def _parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}) \
        .enable("table").enable("strikethrough")
    md.core.ruler.push("heading_ids", _heading_ids)
    return md


def slug(text: str) -> str:
    """A heading's anchor the way GitHub makes it: lower case, punctuation dropped, spaces
    to hyphens (``Redline of step 2`` → ``redline-of-step-2``)."""
    kept = "".join(ch for ch in text.lower() if ch.isalnum() or ch in " -_")
    return kept.replace(" ", "-")


def to_html(markdown_text: str, *, title: str, lang: str = "", anchors: bool = False) -> str:
    """Wrap rendered Markdown in a self-contained HTML page with the report stylesheet.

    With ``anchors``, every heading gets the ``id`` GitHub would give it, so the report's
    links to its own headings (``#step-2``) work in the HTML page too.
    """
    md = _parser()
    if anchors:
        tokens = md.parse(markdown_text)
        seen: dict[str, int] = {}
        for i, tok in enumerate(tokens):
            if tok.type == "heading_open":
                inline = tokens[i + 1]
                base = slug("".join(c.content for c in inline.children or ()
                                    if c.type in ("text", "code_inline")))
                n = seen.get(base, 0)
                seen[base] = n + 1
                tok.attrSet("id", base if n == 0 else f"{base}-{n}")
        body = md.renderer.render(tokens, md.options, {})
    else:
        body = md.render(markdown_text)
    lang_attr = f' lang="{html.escape(lang, quote=True)}"' if lang else ""
    return (
        "<!DOCTYPE html>\n"
        f"<html{lang_attr}>\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="condiff">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def render(comparison: Comparison, **options: Any) -> str:
    """The HTML change report; takes the same options as :func:`condiff.render.markdown.render`."""
    text = markdown.render(comparison, **options)
    first = text.split("\n", 1)[0].removeprefix("# ")
    # The title is the Markdown heading with its escapes undone: html.escape handles the rest.
    title = markdown.unescape(first)
    return to_html(text, title=title, lang=comparison.new.language or comparison.old.language)
