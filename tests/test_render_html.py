"""The HTML report: self-contained, no markup from the source text, same content as the Markdown."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

from condiff.render.html import render
from condiff.render.markdown import render as render_md

from .report_helpers import comparison, parser, tables

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "table",
    "thead", "tbody", "tr", "th", "td", "ul", "li", "em", "strong", "s", "h4", "a",
}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.struck: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag != "meta":
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.stack and self.stack[-1] == "s":
            self.struck.append(data)


def _collect(page: str) -> _Collect:
    p = _Collect()
    p.feed(page)
    p.close()
    return p


def test_html_is_self_contained_and_well_formed() -> None:
    page = render(comparison())
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    doc = _collect(page)
    assert not doc.stack  # every element closed, in order
    tags = [t for t, _ in doc.tags]
    assert set(tags) <= ALLOWED_TAGS, set(tags) - ALLOWED_TAGS
    assert tags.count("style") == 1 and "@media print" in page
    # Nothing is fetched from elsewhere and nothing runs; the only links lead to the page's
    # own headings.
    assert all(not ({"src", "onload", "onerror"} & set(attrs)) for _, attrs in doc.tags)
    hrefs = [dict(attrs)["href"] for _, attrs in doc.tags if "href" in dict(attrs)]
    assert hrefs and all(h.startswith("#") for h in hrefs)


def test_hostile_source_text_is_shown_not_run() -> None:
    page = render(comparison())
    doc = _collect(page)
    text = "".join(doc.text)
    assert "<script>alert(1)</script>" in text  # shown as text …
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # … because it is escaped
    assert "[l](javascript:x)" in text
    assert "The right to strike is recognised" in doc.struck


def test_same_content_as_markdown() -> None:
    c = comparison()
    md_tables = tables(parser().parse(render_md(c)))
    page = render(c)
    assert page.count("<table>") == len(md_tables)
    assert page.count("<tr>") == sum(len(t) for t in md_tables)
    assert "<title>Change report: Constitution of Veridia 2009 → Constitution of Veridia 2026" \
        "</title>" in page


def test_deterministic() -> None:
    assert render(comparison()) == render(comparison())


def test_hostile_title_and_language() -> None:
    c = comparison()
    c = replace(c, new=replace(c.new, language='en" onload="x()', title="</title><script>"))
    page = render(c, title="A <b>report</b> & co")
    doc = _collect(page)
    assert {t for t, _ in doc.tags} <= ALLOWED_TAGS
    html_attrs = doc.tags[0][1]
    assert html_attrs == {"lang": 'en" onload="x()'}
    assert "<title>A &lt;b&gt;report&lt;/b&gt; &amp; co</title>" in page


def test_contents_links_reach_their_headings() -> None:
    """Every link of the table of contents lands on a heading of the page (ids made as GitHub
    makes them), and the contents list the findings and every chapter."""
    from urllib.parse import unquote

    import condiff

    c = condiff.compare(condiff.load("sample:2009"), condiff.load("sample:2026"))
    page = render(c)
    doc = _collect(page)
    ids = [attrs["id"] for tag, attrs in doc.tags if tag in ("h1", "h2", "h3", "h4")]
    assert len(ids) == len(set(ids))
    hrefs = [unquote(str(attrs["href"]))[1:] for tag, attrs in doc.tags if tag == "a"]
    assert hrefs and set(hrefs) <= set(ids)
    assert "rights-findings" in hrefs and "1-right-to-strike-removed-high" in hrefs
    assert "chapter-ii--the-person-and-the-citizen" in hrefs
    # The same anchors, twice: they depend on the inputs only.
    assert render(c) == page


def test_github_slugs() -> None:
    from condiff.render.anchors import Slugger, slug

    assert slug("1. Right to strike: removed (high)") == "1-right-to-strike-removed-high"
    assert slug("Art. 24 → Art. 27 (modified)") == "art-24--art-27-modified"
    assert slug("Раздел II · Права и свободы") == "раздел-ii--права-и-свободы"
    s = Slugger()
    assert [s.slug("Notes"), s.slug("Notes"), s.slug("Notes-1"), s.slug("Notes")] == [
        "notes", "notes-1", "notes-1-1", "notes-2"]
