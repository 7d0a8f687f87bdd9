"""Rights findings that hold on texts condiff was not built around: one small fixture, in our
own words, for each class of input that once gave a false finding on a real constitution
(a translator's wording, a prohibition read as a negation, a word with two senses, a list
whose lead-in carries the right, a reader that lost articles), and for the evidence a
``removed`` finding now needs. Tests assert reason codes, not prose."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from condiff.cli import main
from condiff.model import Comparison, Document, Finding, NumberingIssue, Provision, finalize
from condiff.rules import load_registry
from condiff.rules.blocks import prepare
from condiff.rules.match import Matcher, profile
from tests.test_rules_support import compare, doc


def of(c: Comparison, topic: str, kind: str | None = None) -> list[Finding]:
    return [f for f in c.findings if f.topic == topic and (kind is None or f.kind == kind)]


def carries(language: str, text: str, topic: str) -> bool:
    """Whether one provision with ``text`` carries ``topic``."""
    registry = load_registry()
    side = prepare(doc(language, ("1", text)))
    rule = registry.resolve(topic)
    assert rule is not None
    return bool(profile(rule, side, Matcher(registry.frozen_cues(), side.language)).carriers)


# --- a translator's wording -----------------------------------------------------------------

def test_counsel_is_kept_when_the_new_text_speaks_of_defence_and_a_lawyer_of_ones_choice() -> None:
    old = doc("en", ("53", "Every accused person is entitled to the assistance of counsel."))
    new = doc("en", ("42", "Anyone charged with an offence shall have the right to defence at "
                           "every stage of the case, and in particular to choose a lawyer."))
    c = compare(old, new)
    assert not of(c, "couns", "removed")
    assert carries("en", "The accused may be defended by a lawyer of his choice.", "couns")


@pytest.mark.parametrize(("text", "topic"), [
    ("Citizens may meet peacefully and without arms.", "assem"),
    ("The right to hold meetings, processions and demonstrations is guaranteed.", "assem"),
    ("Liberty of the press is guaranteed.", "press"),
    ("No law may subject the printing of newspapers to a licence.", "press"),
    ("The People's Defender protects the rights of citizens against the administration.",
     "ombuds"),
    ("A Commissioner for Citizens' Rights watches over the freedoms of the people.", "ombuds"),
    ("Everyone has the right to defence and to a lawyer of his choice.", "couns"),
    ("Family is the basis of society; the State protects it.", "fndfam"),
])
def test_translators_words_carry_the_right(text: str, topic: str) -> None:
    assert carries("en", text, topic)


def test_a_bare_family_clause_keeps_the_family_in_the_new_text() -> None:
    old = doc("en", ("9", "The family is the foundation of society, founded on faith and "
                          "morals."))
    new = doc("en", ("10", "Family is the basis of society and the State shall protect it."))
    c = compare(old, new)
    assert not [f for f in c.findings if f.kind == "removed"]


# --- senses, not substrings -------------------------------------------------------------------

def test_housing_is_not_the_house_of_representatives() -> None:
    assert not carries("en", "The House of Representatives shall sit in the capital.", "shelter")
    assert carries("en", "Everyone has the right to adequate housing.", "shelter")


@pytest.mark.parametrize(("language", "text", "topic"), [
    ("en", "Due process of law shall be free of charge for the poor.", "assem"),
    ("en", "The values of a free and democratic society are guaranteed.", "assoc"),
    ("en", "Rights guaranteed by the law of the Union bind the member states.", "jointrde"),
    ("en", "Treaties concluded in the preceding year are laid before the House.", "treatcon"),
    ("en", "Treaties are signed by the President as the Constitution provides.", "intlaw"),
    ("en", "The Minister of Housing and Public Works countersigns the decree.", "shelter"),
    ("es", "Firman el Ministro de la Vivienda y el Ministro del Trabajo y Previsión Social.",
     "shelter"),
    ("es", "Firman el Ministro de la Vivienda y el Ministro del Trabajo y Previsión Social.",
     "socsec"),
    ("es", "El periodo presidencial es de cuatro años y es libre la elección.", "press"),
    ("es", "Las comunidades indígenas son inviolables en su territorio.", "privacy"),
])
def test_words_that_share_a_stem_are_not_the_right(language: str, text: str,
                                                   topic: str) -> None:
    assert not carries(language, text, topic)


def test_a_term_limit_needs_term_or_re_election_words() -> None:
    """"President" near "not more than two" is a nomination rule, not a term limit."""
    nominate = ("The President may nominate not more than two members of the community to the "
                "lower House when it is not otherwise represented.")
    assert not carries("en", nominate, "hosterml")
    old = doc("en", ("331", nominate))
    new = doc("en", ("331", nominate + " Such members hold their seats until the next "
                                       "election."))
    assert not of(compare(old, new), "hosterml")
    assert carries("en", "The President shall hold office for five years and may be re-elected "
                         "only once.", "hosterml")
    assert carries("es", "El Presidente durará cuatro años y no podrá ser reelegido para el "
                         "período inmediato.", "hosterml")


def test_scope_is_narrowed_only_when_the_broad_subject_leaves_the_whole_article() -> None:
    old = doc("ru", ("14", ["Все равны перед законом и судом.",
                            "Никто не может подвергаться дискриминации по мотивам "
                            "происхождения."]))
    new = doc("ru", ("16", ["Все равны перед законом и судом.",
                            "Граждане не могут подвергаться дискриминации по мотивам "
                            "происхождения."]))
    assert not [f for f in compare(old, new).findings if "scope-narrowed" in f.reasons]
    old = doc("en", ("5", "Everyone has the right to assemble peacefully."))
    new = doc("en", ("5", "Citizens have the right to assemble peacefully."))
    narrowed = [f for f in compare(old, new).findings if "scope-narrowed" in f.reasons]
    assert [(f.topic, f.kind) for f in narrowed] == [("assem", "weakened")]


# --- prohibitions carry rights; "may not" is never a weaker "may" ---------------------------

@pytest.mark.parametrize(("language", "text", "topic"), [
    ("en", "No one shall be subjected to torture or to cruel treatment.", "torture"),
    ("en", "No person shall be deprived of his life save by a court's sentence.", "life"),
    ("en", "Citizens may not be expelled from the country.", "citdep"),
    ("en", "No person shall be hindered in the enjoyment of his freedom of expression.",
     "express"),
    ("en", "The private life of every person may not be infringed.", "privacy"),
    ("es", "Ninguna persona será sometida a torturas ni a tratos crueles.", "torture"),
    ("es", "No se podrá coartar el derecho de reunirse pacíficamente.", "assem"),
    ("es", "Se prohíbe la extradición de los nacionales.", "citdep"),
])
def test_prohibitions_carry_the_right(language: str, text: str, topic: str) -> None:
    assert carries(language, text, topic)


@pytest.mark.parametrize(("language", "text", "topic"), [
    ("en", "There is no right to strike in the public service.", "strike"),
    ("en", "Strikes are prohibited.", "strike"),
    ("es", "Las huelgas están prohibidas.", "strike"),
])
def test_a_denied_right_is_not_carried(language: str, text: str, topic: str) -> None:
    assert not carries(language, text, topic)


@pytest.mark.parametrize(("language", "old", "new"), [
    ("en", "Swiss citizens shall not be expelled from the country.",
     "Swiss citizens may not be expelled from Switzerland."),
    ("en", "The private life of every citizen shall not be infringed.",
     "The private life of every citizen may not be infringed."),
    ("es", "Los mexicanos no deberán ser expulsados del territorio nacional.",
     "Los mexicanos no podrán ser expulsados del territorio nacional."),
])
def test_may_not_is_never_a_downgraded_guarantee(language: str, old: str, new: str) -> None:
    c = compare(doc(language, ("25", old)), doc(language, ("25", new)))
    assert not [f for f in c.findings if "guarantee-downgraded" in f.reasons]


def test_shall_to_may_is_still_a_downgrade() -> None:
    old = doc("en", ("5", "Everyone shall have the right to strike."))
    new = doc("en", ("5", "Workers may strike as the law provides."))
    assert [f for f in compare(old, new).findings if "guarantee-downgraded" in f.reasons]


# --- lists whose lead-in carries the right ----------------------------------------------------

def _listing(language: str, lead: str, items: list[str]) -> Document:
    kids = tuple(Provision(kind="item", label=chr(97 + i), text=t) for i, t in enumerate(items))
    unit = Provision(kind="article", label="7", children=(
        Provision(kind="paragraph", label="1", text=lead, children=kids),))
    return finalize(Document(title="t", language=language, provisions=(unit,)))


def _carried(d: Document, topic: str) -> list[str]:
    registry = load_registry()
    side = prepare(d)
    rule = registry.resolve(topic)
    assert rule is not None
    prof = profile(rule, side, Matcher(registry.frozen_cues(), side.language))
    return sorted({side.by_id[i].ref for i in prof.carriers})


def test_items_of_a_rights_list_carry_their_rights() -> None:
    d = _listing("en", "Every person has the following fundamental rights, as the laws "
                       "regulating them provide:", ["to life, health and safety;",
                                                     "to assemble and to associate for lawful "
                                                     "purposes;", "to work;"])
    assert _carried(d, "life") == ["7.1.a"]
    assert _carried(d, "assem") == ["7.1.b"]
    assert _carried(d, "provwork") == ["7.1.c"]


def test_an_item_is_read_with_the_clause_that_introduces_it() -> None:
    d = _listing("en", "There shall be no penalty:", ["of death, except in time of declared "
                                                      "war;", "of banishment;"])
    assert _carried(d, "cappun") == ["7.1.a"]


def test_a_long_lead_in_does_not_lend_its_words_to_every_item() -> None:
    d = _listing("en", "The Court decides on application by the President, the Commissioner "
                       "for Human Rights or a court:", ["reviews international treaties "
                                                        "before ratification;"])
    assert _carried(d, "intrght") == []


# --- evidence of absence -----------------------------------------------------------------------

def test_a_right_deleted_from_a_clause_that_otherwise_stands_is_removed() -> None:
    old = doc("en", ("24", ["Workers are free to form unions.",
                            "The right to individual and collective labour disputes, by the "
                            "means the law establishes, including the right to strike, is "
                            "recognised."]))
    new = doc("en", ("27", ["Workers are free to form unions.",
                            "The right to individual and collective labour disputes, by the "
                            "means the law establishes, is recognised."]))
    [f] = of(compare(old, new), "strike", "removed")
    assert {"no-carrier", "no-paraphrase", "words-deleted"} <= set(f.reasons)
    assert f.confidence == pytest.approx(0.9)


def test_a_paraphrase_of_the_old_evidence_is_not_a_removal() -> None:
    old = doc("en", ("12", "In the event of a collective dispute, the workers of the "
                           "undertaking have the right to strike, subject to prior notice to "
                           "the employer and to the conciliation board of the region."))
    new = doc("en", ("12", "In the event of a collective dispute, the workers of the "
                           "undertaking may down tools, subject to prior notice to the "
                           "employer and to the conciliation board of the region."))
    c = compare(old, new)
    assert not of(c, "strike", "removed")
    [f] = of(c, "strike", "weakened")
    assert "paraphrase-remains" in f.reasons and f.confidence < 0.5


def test_no_removal_where_the_new_numbering_has_a_gap() -> None:
    old = doc("en", ("1", "The State is a republic."), ("2", "Everyone has the right to "
                                                           "strike."),
              ("3", "The capital is the river town."))
    new = doc("en", ("1", "The State is a republic."), ("3", "The capital is the river town."))
    gap = NumberingIssue("gap", "main", ("2",), "1", "3")
    c = compare(old, replace(new, numbering=(gap,)))
    assert not of(c, "strike", "removed")
    [f] = of(c, "strike", "weakened")
    assert "numbering-gap" in f.reasons
    # Without the gap the same change is a removal.
    assert of(compare(old, new), "strike", "removed")


def test_a_removal_on_a_document_with_gaps_elsewhere_says_so() -> None:
    body = [(str(n), f"Article {n} deals with the organisation of district number {n}.")
            for n in range(1, 30)]
    old = doc("en", *body, ("30", "Everyone has the right to strike."))
    new_units = [b for b in body if b[0] not in ("3", "4")]
    new = doc("en", *new_units)
    gap = NumberingIssue("gap", "main", ("3", "4"), "2", "5")
    [f] = of(compare(old, replace(new, numbering=(gap,))), "strike", "removed")
    assert "numbering-gaps" in f.reasons and f.confidence < 0.9


def test_text_the_reader_left_outside_every_article_still_counts() -> None:
    old = doc("en", ("1", "Everyone has the right to strike."))
    chapter = Provision(kind="chapter", label="II", text="Everyone has the right to strike, "
                                                          "as the law provides.")
    new = finalize(Document(title="t", language="en", provisions=(
        Provision(kind="article", label="1", text="The State is a republic."), chapter)))
    assert not of(compare(old, new), "strike", "removed")


# --- Spanish, and languages no pack covers -----------------------------------------------------

SPANISH = """condiff: 1
title: Constitución de prueba
language: es
provisions:
- kind: article
  label: '12'
  text: {text}
"""


def _write(path: Path, text: str, language: str = "es") -> Path:
    path.write_text(SPANISH.format(text=text).replace("language: es",
                                                      f"language: {language}"),
                    encoding="utf-8")
    return path


def test_check_fails_when_a_spanish_text_drops_the_strike_clause(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = _write(tmp_path / "old.yaml", "Se reconoce a los trabajadores el derecho de "
                                        "asociación sindical y el derecho de huelga, que se "
                                        "ejercerá en los términos que establezca la ley.")
    new = _write(tmp_path / "new.yaml", "Se reconoce a los trabajadores el derecho de "
                                        "asociación sindical, que se ejercerá en los términos "
                                        "que establezca la ley.")
    code = main(["check", str(old), str(new), "--fail-on", "removed"])
    out = capsys.readouterr().out
    assert code == 1
    assert "right to strike removed [strike" in out


def test_check_refuses_a_language_no_pack_covers(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = _write(tmp_path / "old.yaml", "Tout travailleur a le droit de grève.", "fr")
    new = _write(tmp_path / "new.yaml", "Tout travailleur peut adhérer au syndicat.", "fr")
    assert main(["check", str(old), str(new), "--fail-on", "removed"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "French (fr)" in err and "--rules" in err and "--allow-uncovered" in err
    assert main(["check", str(old), str(new), "--allow-uncovered"]) == 0
    out = capsys.readouterr().out
    assert "rights not checked" in out and "French (fr)" in out


def test_policy_file_may_allow_uncovered_languages(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".condiff.yaml").write_text("allow-uncovered: true\n", encoding="utf-8")
    old = _write(tmp_path / "old.yaml", "Tout travailleur a le droit de grève.", "fr")
    assert main(["check", str(old), str(old)]) == 0
    assert "rights not checked" in capsys.readouterr().out
    (tmp_path / ".condiff.yaml").write_text("allow-uncovered: maybe\n", encoding="utf-8")
    assert main(["check", str(old), str(old)]) == 2
    assert "allow-uncovered must be true or false" in capsys.readouterr().err


def test_diff_says_when_rights_were_not_checked(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path / "old.yaml", "Tout travailleur a le droit de grève.", "fr")
    main(["diff", str(old), str(old)])
    assert "rights not checked: no rule pack covers French (fr)" in capsys.readouterr().out


def test_every_bundled_rule_speaks_spanish() -> None:
    assert all("es" in rule.languages for rule in load_registry())


def test_review_header_says_when_rights_were_not_checked(tmp_path: Path) -> None:
    pytest.importorskip("textual")
    from condiff.read import read_document
    from condiff.tui.review_model import ReviewModel
    from condiff.tui.widgets.summary import summary_text

    old = _write(tmp_path / "old.yaml", "Tout travailleur a le droit de grève.", "fr")
    c = compare(read_document(str(old)), read_document(str(old)))
    shown = summary_text(ReviewModel(c)).plain
    assert "rights not checked: no rule pack covers French (fr)" in shown
