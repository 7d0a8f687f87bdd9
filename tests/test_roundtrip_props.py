"""Property tests: canonical YAML round-trips, real texts survive conversion, and the readers
never fail with anything but CondiffError on arbitrary input."""

from __future__ import annotations

import warnings
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from condiff.errors import CondiffError
from condiff.model import CONTAINER_KINDS, SUBUNIT_KINDS, Document, Provision, finalize
from condiff.read import read_document
from condiff.read.markdown_format import parse_markdown
from condiff.read.text import parse_text
from condiff.read.yaml_format import dump_yaml, parse_yaml
from tests.conftest import corpora_raw_dir

# Text a constitution may hold: any letters, digits, punctuation and spaces of any script,
# plus newlines and tabs. Values are stripped because the format trims surrounding whitespace.
_CHARS = st.characters(
    categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029\x85"
)
_text = st.text(st.one_of(_CHARS, st.sampled_from("\n\t ")), max_size=80).map(str.strip)
_label = st.one_of(
    st.integers(0, 400).map(str),
    st.sampled_from(["83-1", "16a", "2A", "XIV", "1.10", "007", "5bis", "yes", "null", "~"]),
    st.text(_CHARS, min_size=1, max_size=6).map(str.strip),
)


def _sub(depth: int) -> st.SearchStrategy[Provision]:
    children = st.just(()) if depth <= 0 else st.lists(_sub(depth - 1), max_size=3).map(tuple)
    return st.builds(Provision, kind=st.sampled_from(SUBUNIT_KINDS), label=_label,
                     text=_text, children=children, repealed=st.booleans())


_unit = st.builds(
    Provision,
    kind=st.sampled_from(["article", "amendment", "preamble"]),
    label=_label,
    heading=_text.map(lambda t: " ".join(t.split())),
    text=_text,
    children=st.lists(_sub(1), max_size=3).map(tuple),
    repealed=st.booleans(),
)
_container = st.builds(
    Provision,
    kind=st.sampled_from(CONTAINER_KINDS),
    label=_label,
    heading=_text,
    children=st.lists(_unit, max_size=4).map(tuple),
)
_documents = st.builds(
    Document,
    title=_text,
    country=_text,
    version=_text,
    date=st.sampled_from(["", "2009-05-01", "2026"]),
    language=st.sampled_from(["", "en", "ru", "de-CH"]),
    source=_text,
    provisions=st.lists(st.one_of(_unit, _container), max_size=5).map(tuple),
).map(finalize)


@given(_documents)
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_yaml_round_trip(doc: Document) -> None:
    again = parse_yaml(dump_yaml(doc), "generated.yaml")
    assert again == doc


@cache
def _real_files() -> tuple[str, ...]:
    folder = corpora_raw_dir()
    if not folder.is_dir():
        return ()
    return tuple(sorted(str(p) for p in [*folder.glob("*.txt"), *folder.glob("*-??.md")]))


@pytest.mark.corpora
@pytest.mark.parametrize("index", range(14))
def test_real_texts_convert_to_yaml_and_back(index: int) -> None:
    files = _real_files()
    if index >= len(files):
        pytest.skip(f"no real text number {index} in {corpora_raw_dir()}")
    doc = read_document(files[index])
    again = parse_yaml(dump_yaml(doc), "converted.yaml")
    assert again == doc
    assert len(again.units()) == len(doc.units())


_NOISE = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(["\n", "Article ", "Art. ", "Статья ", "Artikel ", "Section ", "Part ",
                         "(1) ", "1. ", "a) ", "I. ", "Repealed", "Исключена", "# ", "## Art ",
                         "1.-(1) ", "---\n", "- ", "83-1", "XIV", "Preamble\n", "[", "]"]),
    ),
    max_size=120,
).map("".join)


@given(_NOISE)
def test_text_reader_only_raises_condiff_errors(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = parse_text(text, "noise.txt")
        except CondiffError:
            return
    assert doc.units()  # something is always returned: at least one article
    assert parse_yaml(dump_yaml(doc)) == doc


@given(_NOISE)
def test_markdown_reader_only_raises_condiff_errors(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = parse_markdown(text, "noise.md")
        except CondiffError:
            return
    assert doc.units()
    assert parse_yaml(dump_yaml(doc)) == doc
