"""Plain-text reader on small invented texts: one behaviour per test.

The texts here are written for the tests (an imaginary republic), never taken from real
constitutions.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from condiff.errors import CondiffError, CondiffWarning
from condiff.model import Document
from condiff.read.profiles import BUILTIN, detect_profile, load_profile, profile_from_mapping
from condiff.read.text import label_key, parse_text


def _labels(doc: Document, kind: str = "article") -> list[str]:
    return [u.label for u in doc.units() if u.kind == kind]


def test_english_structure_and_paragraph_markers() -> None:
    doc = parse_text(
        "Constitution of the Republic of Veridia\n"
        "Adopted by referendum on 1 May 2009.\n\n"
        "Preamble\nWe, the people of Veridia, adopt this Constitution.\n\n"
        "Part I. Foundations\n"
        "Chapter 1. The State\n"
        "Article 1. Sovereignty\n"
        "1. Veridia is a democratic state.\n"
        "2. Power belongs to the people:\n"
        "(a) through elections;\n"
        "(b) through referendums.\n"
        "Article 2\n"
        "The capital is Lumen.\n"
        "Chapter 2. Rights\n"
        "Article 3\n"
        "(1) Everyone has the right to life.\n"
        "(2) No one shall be tortured.\n",
        "v.txt",
    )
    assert doc.title == "Constitution of the Republic of Veridia"
    assert doc.language == "en"
    assert _labels(doc) == ["1", "2", "3"]
    preamble = doc.find("preamble")
    assert preamble is not None and preamble.text.startswith("We, the people")
    part = doc.provisions[1]
    assert (part.kind, part.label, part.heading) == ("part", "I", "Foundations")
    assert [c.kind for c in part.children] == ["chapter", "chapter"]
    art1 = doc.find("1")
    assert art1 is not None and art1.heading == "Sovereignty"
    item = doc.find("1.2.b")
    assert item is not None and item.kind == "item" and item.text == "through referendums."
    assert doc.find("2") is not None and doc.find("2").text == "The capital is Lumen."  # type: ignore[union-attr]
    assert doc.find("3.2") is not None


def test_metadata_lines_are_not_a_preamble() -> None:
    doc = parse_text(
        "Constitution of Veridia\nAdopted on 2 March 2026. Official source: Gazette 12/2026.\n"
        "Article 1\nText one.\nArticle 2\nText two.\n",
    )
    assert not any(u.kind == "preamble" for u in doc.units())
    assert "Gazette" in doc.source


@pytest.mark.parametrize(
    ("text", "language", "labels"),
    [
        ("Преамбула\nМы, народ.\nРаздел I. Основы\nГлава 1. Государство\nСтатья 1.\n"
         "1. Республика едина.\n2. Власть принадлежит народу.\nСтатья 1-1\nВставлена.\n"
         "Статья 2\nИсключена.\n", "ru", ["1", "1-1", "2"]),
        ("Präambel\nIm Bewusstsein der Verantwortung.\nI. Abschnitt Grundrechte\n"
         "Artikel 1\n(1) Die Würde ist unantastbar.\n(2) Das Volk bekennt sich dazu.\n"
         "Artikel 16a\n(1) Verfolgte genießen Asyl.\nArt. 17\n(weggefallen)\n", "de",
         ["1", "16a", "17"]),
        ("Preámbulo\nLa Nación, deseando la justicia.\nTítulo I. De los derechos\n"
         "Capítulo 1. Disposiciones\nArtículo 1.\n1. El Estado es social y democrático.\n"
         "Artículo 2.\nDerogado.\n", "es", ["1", "2"]),
    ],
)
def test_languages_are_detected_and_read(text: str, language: str, labels: list[str]) -> None:
    doc = parse_text(text)
    assert doc.language == language
    assert _labels(doc) == labels
    assert any(u.kind == "preamble" for u in doc.units())
    last = doc.find(labels[-1])
    assert last is not None and last.repealed and last.text == ""


def test_russian_sections_and_chapters_nest_by_profile_order() -> None:
    doc = parse_text("Раздел I. Общие\nГлава 1. Первая\nСтатья 1\nТекст.\nГлава 2. Вторая\n"
                     "Статья 2\nТекст.\nРаздел II. Другие\nСтатья 3\nТекст.\n")
    top = [(p.kind, p.label) for p in doc.provisions]
    assert top == [("division", "I"), ("division", "II")]
    assert [c.label for c in doc.provisions[0].children] == ["1", "2"]


@pytest.mark.parametrize(
    "placeholder",
    ["Repealed", "[Repealed]", "(Omitted)", "Rep. by the Fourth Amendment Act, 1990.",
     "Repealed by Act 5 of 2001."],
)
def test_english_repealed_placeholders(placeholder: str) -> None:
    doc = parse_text(f"Article 1\nSome text here.\nArticle 2\n{placeholder}\nArticle 3\nMore.\n")
    art = doc.find("2")
    assert art is not None and art.repealed and not art.text
    assert not doc.find("1").repealed  # type: ignore[union-attr]


def test_repealed_paragraph_inside_article() -> None:
    doc = parse_text("Статья 5\n1. Первый пункт.\n2. Исключен Законом от 01.01.2000.\n"
                     "3. Третий пункт.\n")
    para = doc.find("5.2")
    assert para is not None and para.repealed and para.text == ""
    assert doc.find("5.3").text == "Третий пункт."  # type: ignore[union-attr]


def test_marker_styles_nest_in_order_of_appearance() -> None:
    doc = parse_text("Article 7\n1) The council:\na) meets monthly;\nb) votes openly;\n"
                     "2) The chair:\n(i) convenes;\n(ii) presides.\n")
    art = doc.find("7")
    assert art is not None
    assert [c.label for c in art.children] == ["1", "2"]
    assert [c.label for c in art.children[0].children] == ["a", "b"]
    assert [c.label for c in art.children[1].children] == ["i", "ii"]


def test_lettered_item_i_after_h_is_a_letter() -> None:
    lines = "\n".join(f"({c}) item {c};" for c in "abcdefghij")
    doc = parse_text(f"Article 1\nThe list:\n{lines}\n")
    art = doc.find("1")
    assert art is not None
    assert [c.label for c in art.children] == list("abcdefghij")


def test_roman_and_inserted_labels() -> None:
    doc = parse_text("Article I\nOne.\nArticle II\nTwo.\nArticle IIA\nTwo and a half.\n"
                     "Article 21A\nOther.\n")
    assert _labels(doc) == ["I", "II", "IIA", "21A"]
    assert label_key("XIV") == (14, "") and label_key("83-1") == (83, "-1")
    assert label_key("16a") < label_key("17") and label_key("2A") > label_key("2")


def test_hard_wrapped_lines_are_rejoined() -> None:
    wrapped = (
        "Article 1\n"
        "Everyone has the right to freedom of peaceful assembly and to freedom\n"
        "of association with others, including the right to form and to join\n"
        "trade unions for the protection of their interests and the interests\n"
        "of their members.\n"
        "Article 2\nShort.\n"
    ) * 4
    doc = parse_text(wrapped.replace("Article 1", "Article 9", 1))
    art = doc.find("9")
    assert art is not None
    assert "\n" not in art.text and art.text.endswith("their members.")


def test_page_numbers_running_headers_and_ocr_debris_are_dropped() -> None:
    header = "Federal Constitution of the Republic of Veridia"
    body = []
    for n in range(1, 7):
        body.append(f"Article {n}\nThe text of article {n} begins here and")
        body.append(f"\n{n + 10}\n\n{header}\n' — i\n")
        body.append(f"continues after the page break for article {n}.")
    doc = parse_text("\n".join(body))
    assert _labels(doc) == [str(n) for n in range(1, 7)]
    for n in range(1, 7):
        text = doc.find(str(n)).text  # type: ignore[union-attr]
        assert header not in text and "— i" not in text
        assert text == (f"The text of article {n} begins here and continues after the page "
                        f"break for article {n}.")


def test_several_articles_on_one_line_are_split_but_references_are_not() -> None:
    line = ("Title 2: Rights Art. 14 Right to Marry The right to marry is guaranteed. "
            "Art. 15 Freedom of Belief Everyone may believe, as set out in Art. 16 below. "
            "Art. 16 Freedom of Speech Speech is free; see Art. 14. Art. 17 Media The press "
            "is free.")
    doc = parse_text("Title 1: General\nArt. 13 Start Things begin.\n" + line)
    assert _labels(doc) == ["13", "14", "15", "16", "17"]
    assert "Art. 16 below" in doc.find("15").text  # type: ignore[union-attr]


def test_ocr_articles_mid_line_without_heading_words() -> None:
    text = (
        "PART I\nTHE UNION 1.-(1) The Union is a union of provinces. (2) The provinces are "
        "listed in the First Schedule. 2. Parliament may admit new provinces. General 3. In "
        "this Part, unless the context otherwise requires, the State includes provinces as "
        "in article 2. 4.-(1) Every law shall be published. (2) A law takes effect on "
        "publication.\nPART II\nCITIZENSHIP 5. Every person born here is a citizen.\n"
    )
    doc = parse_text(text)
    assert _labels(doc) == ["1", "2", "3", "4", "5"]
    assert doc.find("4.2") is not None
    assert [p.label for p in doc.provisions if p.kind == "part"] == ["I", "II"]


def test_numbered_heading_lines_without_heading_words() -> None:
    text = (
        "1. Name of the Union\n\n1. The Union shall be called Veridia.\n\n"
        "2. The territory is that of the provinces.\n\n"
        "2. Admission of new provinces\n\nParliament may admit new provinces.\n\n"
        "2A. Associated provinces\n\nRep. by the Seventh Amendment Act.\n\n"
        "3. Formation of provinces\n\nParliament may by law-\n\na.form a province;\n\n"
        "b.alter its name.\n"
    )
    doc = parse_text(text)
    assert _labels(doc) == ["1", "2", "2A", "3"]
    assert doc.find("1").heading == "Name of the Union"  # type: ignore[union-attr]
    assert doc.find("1.2") is not None
    assert doc.find("2A").repealed  # type: ignore[union-attr]
    assert [c.label for c in doc.find("3").children] == ["a", "b"]  # type: ignore[union-attr]


def test_us_style_sections_divide_articles() -> None:
    doc = parse_text(
        "Preamble\nWe the people.\nArticle I\nSection 1\nPowers are vested.\nSection 2\n"
        "First clause.\nSecond clause.\nArticle II\nSection 1\nExecutive power.\n"
        "Amendment I\nNo law shall abridge speech.\nAmendment XIV\nSection 1\nCitizens.\n"
        "Section 2\nApportionment.\n"
    )
    assert _labels(doc) == ["I", "II"]
    assert _labels(doc, "amendment") == ["I", "XIV"]
    art1 = doc.find("I")
    assert art1 is not None and [c.kind for c in art1.children] == ["section", "section"]
    assert len(art1.children[1].children) == 2  # two unnumbered clauses
    assert doc.find("I.2.2") is not None
    assert doc.find("Amendment XIV") is not None


def test_sections_as_only_numbered_unit_become_articles() -> None:
    doc = parse_text("Section 1. Name\nThe state is Veridia.\nSection 2. Capital\nLumen.\n"
                     "Section 3. Flag\nBlue.\n")
    assert _labels(doc) == ["1", "2", "3"]


def test_sections_above_articles_stay_containers() -> None:
    doc = parse_text("Section I. General\nArticle 1\nOne.\nArticle 2\nTwo.\n"
                     "Section II. Rights\nArticle 3\nThree.\n")
    # a section that groups articles is a division: "section" is a numbered provision
    assert [p.kind for p in doc.provisions] == ["division", "division"]
    assert _labels(doc) == ["1", "2", "3"]
    assert not [p for p in doc.walk() if p.kind == "section"]


def test_no_structure_is_one_article_with_a_warning() -> None:
    with pytest.warns(CondiffWarning, match="no structure found"):
        doc = parse_text("Just a letter to the editor.\nIt has no articles at all.\n", "x.txt")
    units = doc.units()
    assert len(units) == 1 and units[0].kind == "article"
    assert "no articles" in units[0].full_text()


def test_detection_by_script_and_words() -> None:
    assert detect_profile("Статья 1. Текст.").language == "ru"
    assert detect_profile("Artikel 1\nDie Würde des Menschen ist unantastbar und die").language \
        == "de"
    assert detect_profile("Artículo 1\nEl Estado y la Nación de los pueblos").language == "es"
    assert detect_profile("Article 1\nThe State shall be of the people").language == "en"


def test_builtin_profile_by_code_overrides_detection() -> None:
    text = "Artikel 1\nThe text is English but headings German.\nArtikel 2\nMore.\n"
    doc = parse_text(text, profile="de")
    assert doc.language == "de" and _labels(doc) == ["1", "2"]


def test_user_profile_file(tmp_path: Path) -> None:
    prof = tmp_path / "pt.yaml"
    prof.write_text(
        "condiff-profile: 1\nlanguage: pt\nname: Portuguese\npreamble: [Preâmbulo]\n"
        "article: [Artigo, Art.]\ncontainers:\n  title: [Título]\n  chapter: [Capítulo]\n"
        "repealed: [Revogado]\n",
        encoding="utf-8",
    )
    doc = parse_text("Preâmbulo\nNós, o povo.\nTítulo I. Princípios\nArtigo 1.º\nUm.\n"
                     "Artigo 2\nRevogado.\n", profile=prof)
    assert doc.language == "pt"
    assert [p.kind for p in doc.provisions] == ["preamble", "title"]
    assert doc.find("2").repealed  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- a\n- b\n", "must be a mapping"),
        ("language: pt\n", "needs 'article:'"),
        ("article: [Artigo]\n", "needs 'language:'"),
        ("language: pt\narticle: [Artigo]\nheadings: [x]\n", "unknown key 'headings'"),
        ("language: pt\narticle: [Artigo]\ncontainers:\n  room: [Sala]\n",
         "unknown container kind 'room'"),
        ("language: pt\narticle: {a: 1}\n", "'article' must be a list"),
        ("language: pt\narticle: [Artigo]\ncondiff-profile: 7\n", "unsupported profile version"),
        ("language: [pt\n", "invalid YAML"),
        ("language: !!python/object:os.system pt\narticle: [A]\n", "tag"),
    ],
)
def test_bad_profile_files_are_explained(tmp_path: Path, content: str, message: str) -> None:
    prof = tmp_path / "bad.yaml"
    prof.write_text(content, encoding="utf-8")
    with pytest.raises(CondiffError, match=r"bad\.yaml") as info:
        load_profile(prof)
    assert message in str(info.value)


def test_missing_profile_file() -> None:
    with pytest.raises(CondiffError, match="no such profile file"):
        load_profile("/nonexistent/profile.yaml")


def test_profile_from_mapping_accepts_a_single_word() -> None:
    prof = profile_from_mapping({"language": "fr", "article": "Article"})
    assert prof.article == ("Article",) and prof.language == "fr"
    assert {"en", "ru", "de", "es"} <= set(BUILTIN)


def test_crlf_and_tabs_and_nbsp_are_normalised() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = parse_text("Article\u00a01\r\n1.\tFirst.\r\nArticle 2\r\nSecond.\r\n".replace(
            "\r\n", "\n"))
    assert _labels(doc) == ["1", "2"]
    assert doc.find("1.1").text == "First."  # type: ignore[union-attr]


def test_short_text_in_another_language_retries_other_profiles() -> None:
    # Too short to detect Spanish by its words, but its headings are Spanish.
    doc = parse_text("Artículo 1.\n1. Uno.\n2. Dos.\n3. Tres.\nArtículo 2.\nOtro.\n")
    assert doc.language == "es"
    assert _labels(doc) == ["1", "2"]
    assert [c.label for c in doc.find("1").children] == ["1", "2", "3"]  # type: ignore[union-attr]


def test_documented_profile_example_loads() -> None:
    import re

    import yaml

    docs = Path(__file__).resolve().parent.parent / "docs" / "profiles.md"
    m = re.search(r"```yaml\n(.*?)```", docs.read_text(encoding="utf-8"), re.DOTALL)
    assert m, "docs/profiles.md lost its example"
    prof = profile_from_mapping(yaml.safe_load(m.group(1)), "profiles.md")
    doc = parse_text("Preâmbulo\nNós.\nParte I\nTítulo I\nArtigo 1\nUm.\nArtigo 2\n(Revogado)\n",
                     profile=prof)
    assert [p.kind for p in doc.provisions] == ["preamble", "part"]
    assert doc.find("2").repealed  # type: ignore[union-attr]


def test_spanish_ordinal_article_numbers() -> None:
    doc = parse_text("Artículo 1.º\nLa soberanía reside en el pueblo.\nArtículo 2º.\nOtro.\n")
    assert _labels(doc) == ["1", "2"]


def test_thousands_of_articles_on_one_line() -> None:
    # A PDF extraction may lose every line break; the reader must stay linear.
    line = " ".join(f"Art. {i} Heading The text of article {i} is here." for i in range(1, 3001))
    assert _labels(parse_text(line)) == [str(i) for i in range(1, 3001)]
    ocr = " ".join(f"{i}.-(1) Rule {i} holds. (2) It binds everyone." for i in range(1, 901))
    doc = parse_text(ocr)
    assert _labels(doc) == [str(i) for i in range(1, 901)]
    assert doc.find("900.2") is not None


def test_repeated_lines_inside_text_are_kept_and_long_wraps_stay_linear() -> None:
    body = "Article 1\n" + "the people shall have the right to rest and leisure\n" * 20_000
    art = parse_text(body).find("1")
    assert art is not None and art.text.count("leisure") == 20_000 and "\n" not in art.text


@pytest.mark.parametrize(
    ("text", "language", "labels"),
    [
        ("Préambule\nLe peuple français proclame.\nTitre premier\nArticle 1er\nLa France est une "
         "République.\nArticle 2\nLa langue de la République est le français.\n", "fr",
         ["1er", "2"]),
        ("Preâmbulo\nA Assembleia decreta.\nTítulo I\nArtigo 1.º\nPortugal é uma República "
         "soberana.\nArtigo 2.º\n(Revogado)\n", "pt", ["1", "2"]),
        ("Principi fondamentali\nArt. 1.\nL'Italia è una Repubblica democratica, fondata sul "
         "lavoro.\nArt. 2.\nLa Repubblica riconosce e garantisce i diritti inviolabili "
         "dell'uomo.\n", "it", ["1", "2"]),
        ("§ 1\nDas Land ist ein demokratischer und sozialer Rechtsstaat.\n§ 2\nDie Würde des "
         "Menschen ist unantastbar und nicht verhandelbar.\n", "de", ["1", "2"]),
    ],
)
def test_more_languages(text: str, language: str, labels: list[str]) -> None:
    doc = parse_text(text)
    assert doc.language == language
    assert _labels(doc) == labels


def test_provisions_know_their_source_lines() -> None:
    doc = parse_text("Title line\n\nArticle 1\n1. One.\n\n2. Two\ncontinued.\nArticle 2\nA.\nB.\n")
    assert [doc.find(r).line for r in ("1", "1.1", "1.2", "2", "2.1", "2.2")] == [  # type: ignore[union-attr]
        3, 4, 6, 8, 9, 10]


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Adopted on 2 March 2026.", "2026-03-02"),
        ("Done at Lumen, May 1, 2009", "2009-05-01"),
        ("am 23. Mai 1949 verkündet", "1949-05-23"),
        ("aprobada el 15 de marzo de 2026", "2026-03-15"),
        ("принята 30 августа 1995 года", "1995-08-30"),
        ("в редакции от 01.07.2026", "2026-07-01"),
        ("32 марта 2026", ""),
        ("in 1995 and again in 2007", ""),
    ],
)
def test_find_date(line: str, iso: str) -> None:
    from condiff.read.text import find_date

    assert find_date(line) == iso


def test_header_date_becomes_document_date() -> None:
    doc = parse_text("Constitution of Veridia\nAdopted by referendum on 1 May 2009.\n"
                     "Article 1\nOne.\nArticle 2\nTwo.\n")
    assert doc.date == "2009-05-01" and doc.title == "Constitution of Veridia"


def test_run_in_headings_with_a_dash_after_the_number() -> None:
    # "Artículo 1.-", "Art. 2 -", "Artículo 3 bis.-": the dash ends the heading, text follows
    doc = parse_text(
        "Constitución de la República de Veridia\n\n"
        "Artículo 1.- La República es libre y soberana.\n\n"
        "Artículo 2.- Todos son iguales ante la ley.\n\n"
        "Artículo 2 bis.- El trabajo goza de la protección de las leyes.\n\n"
        "Artículo 3º.- La capital es Lumen, según la fórmula: «ASÍ LO DECRETA EL PUEBLO.»\n",
        "v.txt",
    )
    assert _labels(doc) == ["1", "2", "2 bis", "3"]
    art3 = doc.find("3")
    assert art3 is not None and not art3.heading and art3.text.startswith("La capital")


def test_dash_headings_run_into_long_lines_are_split() -> None:
    line = " ".join(
        f"Art. {n} - The assembly meets in the capital on the {n}th day of spring each year."
        for n in range(1, 7)
    )
    doc = parse_text("Constitution of Veridia\n\n" + line + "\n", "v.txt")
    assert _labels(doc) == [str(n) for n in range(1, 7)]
    assert doc.find("4").text.startswith("The assembly meets")  # type: ignore[union-attr]


def test_bare_numbered_section_titles_and_layout_tags() -> None:
    # Section headings printed as "N Title" with no keyword and no full stop, tagged by the
    # export that produced the text; the tags are layout, not words of the constitution.
    sections = [
        ("The Republic", "Veridia is a free republic."),
        ("The flag", "The flag is green and white."),
        ("Languages", "(1) Every language spoken in Veridia is respected.\n"
         "(2) The State must promote them:\n<list>\n(a) in schools; and\n(b) in courts.\n</list>"),
        ("Citizenship", "Every person born in Veridia is a citizen."),
    ]
    body = "".join(f"{n} {title}<title>\n{text}\n" for n, (title, text) in enumerate(sections, 1))
    doc = parse_text("We the people of Veridia adopt this text.\nCHAPTER 1\nFOUNDING<title>\n"
                     + body, "v.txt")
    assert _labels(doc) == ["1", "2", "3", "4"]
    third = doc.find("3")
    assert third is not None and third.heading == "Languages"
    assert "<" not in third.full_text()
    assert doc.find("3.2.b") is not None


def test_inserted_articles_with_garbled_numbers_are_read_as_the_sequence_needs() -> None:
    # A scanned text printing inserted articles as "N (2)": one with a footnote digit caught
    # between number and ordinal, the next with the footnote digit glued to the number.
    line = ("Art. 7. The harbours belong to the towns. Art. 8. Bridges are free of tolls. "
            "Art. 8. 4 (2). The Union may regulate ferries by law. Art. 84 (3). Lighthouses "
            "are kept by the Union. Art. 9. Roads are built by the cantons.")
    doc = parse_text("Constitution of Veridia\n\nArt. 6. The towns govern themselves.\n"
                     + line + "\n", "v.txt")
    assert _labels(doc) == ["6", "7", "8", "8 (2)", "8 (3)", "9"]
    assert doc.find("8 (3)").text.startswith("Lighthouses")  # type: ignore[union-attr]


def test_sections_grouping_articles_are_not_counted_as_provisions() -> None:
    doc = parse_text("Title 1 General\nChapter 1 The Union\nSection 1 Tasks\nArt. 1 One\nFirst.\n"
                     "Art. 2 Two\nSecond.\nSection 2 Towns\nArt. 3 Three\nThird.\n", "v.txt")
    assert _labels(doc) == ["1", "2", "3"]
    kinds = [p.kind for p in doc.walk() if p.label in ("1", "2") and not p.is_unit]
    assert kinds == ["title", "chapter", "division", "division"]
