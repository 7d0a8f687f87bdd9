"""Classes of input that gave false findings on held-out pairs (constitutions the packs were
not written from, ``benchmarks/gold/rights-heldout.yaml``), each as a small fixture in our own
words: a translator's or drafter's general wording for a topic, a rule of procedure that only
deals with a topic, a power that reads like a prohibition, a mandate that reads like a
limitation. Tests assert carriers and reason codes, not prose."""

from __future__ import annotations

import pytest

from condiff.errors import CondiffError
from condiff.model import Comparison, Finding
from condiff.rules import load_registry
from condiff.rules.packs import parse_pack
from tests.test_rules_generality import carries
from tests.test_rules_support import compare, doc


def of(c: Comparison, topic: str, kind: str | None = None) -> list[Finding]:
    return [f for f in c.findings if f.topic == topic and (kind is None or f.kind == kind)]


# --- a drafter's general words for a topic ---------------------------------------------------

@pytest.mark.parametrize(("language", "text", "topic"), [
    # secrecy of letters, mail, telegrams and calls is privacy, in any translator's words
    ("en", "The secrecy of letters and telegrams is inviolable.", "privacy"),
    ("en", "Mail and telephone calls are confidential.", "privacy"),
    ("es", "Las cartas y los telegramas son inviolables.", "privacy"),
    ("ru", "Тайна переписки и телефонных переговоров охраняется законом.", "privacy"),
    ("ru", "Гарантируется тайна почтовых и телеграфных сообщений.", "privacy"),
    # insurance against the classic risks is social security
    ("en", "The State shall provide by law for insurance against sickness and accidents.",
     "socsec"),
    ("en", "Workers receive benefits in old age and in unemployment.", "socsec"),
    ("es", "La ley establecerá seguros de invalidez, de vejez y de enfermedad.", "socsec"),
    ("de", "Der Staat sorgt für eine Versicherung gegen Krankheit und Unfall.", "socsec"),
    ("ru", "Государство обеспечивает страхование на случай болезни и безработицы.", "socsec"),
    # a lawyer by another name
    ("en", "No person arrested shall be denied the right to consult, and to be defended by, a "
           "legal practitioner of his choice.", "couns"),
    # no re-election "for the following year" is a term limit
    ("en", "The Assembly elects the President of the Republic for one year; the retiring "
           "President may not be elected President for the following year.", "hosterml"),
    ("en", "The President holds office for five years and may not serve the next term.",
     "hosterml"),
    ("es", "El Presidente durará cuatro años y no podrá ser reelegido para el período "
           "siguiente.", "hosterml"),
    ("de", "Die Amtszeit des Präsidenten beträgt fünf Jahre; eine anschließende Wiederwahl ist "
           "ausgeschlossen.", "hosterml"),
    # rights guaranteed by ratified treaties bind the state: international law at home
    ("en", "State bodies must respect the rights guaranteed by this Constitution and by "
           "ratified international treaties.", "intlaw"),
    ("es", "Los órganos del Estado respetarán los derechos garantizados por esta Constitución y "
           "por los tratados internacionales vigentes.", "intlaw"),
    # a treaty that only its own terms can undo prevails over a later statute
    ("en", "Provisions of treaties may be repealed, amended or suspended only as the treaties "
           "themselves or international law provide.", "treatcon"),
    ("es", "Las disposiciones de un tratado sólo podrán ser derogadas o modificadas en la forma "
           "prevista en los propios tratados o conforme al derecho internacional.", "treatcon"),
    # everyone's right to stay in the Republic keeps nationals from exile
    ("es", "Toda persona tiene derecho a residir y permanecer en cualquier lugar de la "
           "República y a entrar y salir de su territorio.", "citdep"),
])
def test_general_wording_carries_the_topic(language: str, text: str, topic: str) -> None:
    assert carries(language, text, topic)


@pytest.mark.parametrize(("language", "text", "topic"), [
    # the chamber's own officers are not the head of state
    ("en", "Each chamber elects from its own members a President for a term of one year; the "
           "office may not be held again in the following year.", "hosterml"),
    ("es", "Cada Cámara elegirá de su seno un presidente, que no podrá ser reelegido para el "
           "período siguiente.", "hosterml"),
    # treaties on a par with statutes are not above them
    ("en", "This Constitution, the federal laws and all treaties are the supreme law of the "
           "land.", "treatcon"),
    # rules on how citizenship is lost protect nobody from losing it
    ("en", "The Confederation regulates the acquisition and loss of citizenship.", "citrev"),
    ("es", "La nacionalidad se pierde por los motivos que establezca la ley.", "citrev"),
    ("de", "Das Nähere über den Verlust der Staatsangehörigkeit regelt ein Gesetz.", "citrev"),
    # a power to bar entry or expel is the threat, not a protection
    ("es", "Declarado el estado de sitio, el Presidente podrá prohibir el ingreso al territorio "
           "nacional o expulsar de él a determinadas personas.", "citdep"),
    ("en", "In a state of siege the President may prohibit entry into the country or expel "
           "from it persons named in a decree.", "citdep"),
    # a ministry of communications keeps no secret of anyone's letters
    ("es", "La Secretaría de Comunicaciones y Transportes depende del Ejecutivo.", "privacy"),
    # defending the country is not defending an accused
    ("en", "The army shall defend the country and assist the civil authorities.", "couns"),
])
def test_words_that_deal_with_a_topic_do_not_carry_it(language: str, text: str,
                                                       topic: str) -> None:
    assert not carries(language, text, topic)


# --- a negated subject ("nobody", "niemand") denies the threat, as "no one" does ---------------

@pytest.mark.parametrize(("language", "text", "topic"), [
    ("en", "Nobody shall be subjected to torture.", "torture"),
    ("en", "Nobody may be expelled from the country of which he is a citizen.", "citdep"),
    ("de", "Niemand darf gefoltert werden.", "torture"),
])
def test_a_negated_subject_carries_a_prohibition(language: str, text: str, topic: str) -> None:
    assert carries(language, text, topic)


def test_a_negated_subject_still_denies_a_right() -> None:
    assert not carries("en", "Nobody has the right to strike in the armed forces.", "strike")


# --- pack entries once written from one text, now the general class -------------------------

@pytest.mark.parametrize(("language", "text", "topic"), [
    ("en", "No one may be compelled to disclose his religious convictions.", "opinion"),
    ("en", "Nobody is obliged to declare a party affiliation.", "opinion"),
    ("ru", "Никто не обязан сообщать свои убеждения.", "opinion"),
    ("en", "The manifestation of thought and opinion is free.", "express"),
    ("es", "Es libre el derecho de escribir y de publicar sin censura previa.", "press"),
    ("en", "Everyone may form organizations to improve working conditions.", "jointrde"),
    ("en", "Work is a right and a duty of every citizen.", "provwork"),
    ("es", "Nadie podrá ser obligado a prestar servicios sin su pleno consentimiento.", "slave"),
])
def test_the_general_class_carries_the_topic(language: str, text: str, topic: str) -> None:
    assert carries(language, text, topic)


@pytest.mark.parametrize(("language", "text", "topic"), [
    ("en", "A person declared bankrupt or convicted of a crime may not stand for election.",
     "opinion"),
    ("es", "Las adquisiciones se harán por licitación pública libre, abierta públicamente.",
     "press"),
    ("en", "A national public defender gives free legal aid to those who cannot pay.", "ombuds"),
])
def test_near_senses_of_the_general_class_do_not_carry_it(language: str, text: str,
                                                          topic: str) -> None:
    assert not carries(language, text, topic)


# --- evidence of absence ------------------------------------------------------------------------

def test_a_protection_is_not_removed_outright_while_rules_on_losing_citizenship_remain() -> None:
    old = doc("en", ("11", "No citizen may be deprived of citizenship."))
    new = doc("en", ("11", "A statute lays down how citizenship is acquired and how it is "
                           "lost."))
    c = compare(old, new)
    assert not of(c, "citrev", "removed")
    [soft] = of(c, "citrev", "weakened")
    assert "mention-only" in soft.reasons
    # … and with nothing left on the topic, the protection is removed.
    bare = doc("en", ("11", "A statute lays down the national flag and anthem."))
    assert of(compare(old, bare), "citrev", "removed")


def test_the_secrecy_of_letters_keeps_privacy_from_being_removed() -> None:
    old = doc("en", ("13", "All persons are entitled to respect for their private life and "
                           "the secrecy of the mails."))
    new = doc("en", ("36", "The postal service belongs to the Confederation. The inviolable "
                           "secrecy of letters and telegrams is guaranteed."))
    assert not of(compare(old, new), "privacy", "removed")


# --- a mandate or a limitation is not a weaker guarantee ---------------------------------------

@pytest.mark.parametrize(("language", "old", "new"), [
    ("en", "Every citizen shall have the right to vote.",
     "Every citizen has the right to vote; a citizen may be deprived of it only by a court."),
    ("es", "Todo ciudadano tendrá derecho a votar.",
     "Todo ciudadano tiene derecho a votar y sólo podrá ser privado de él por sentencia."),
])
def test_may_be_deprived_is_a_limit_not_a_downgrade(language: str, old: str, new: str) -> None:
    c = compare(doc(language, ("5", old)), doc(language, ("5", new)))
    assert not [f for f in c.findings if "guarantee-downgraded" in f.reasons]


def test_providing_by_law_for_insurance_is_not_a_limitation() -> None:
    old = doc("en", ("111", "Everyone shall benefit from social security."))
    new = doc("en", ("111", "Everyone shall benefit from social security. The State shall "
                            "provide by law for insurance against sickness."))
    assert not [f for f in compare(old, new).findings if "limitation-added" in f.reasons]


def test_a_number_of_hours_broken_at_a_line_end_is_the_same_safeguard() -> None:
    old = doc("en", ("16", "A person may be held without a court's sanction for no more than "
                           "seventy-two hours."))
    new = doc("en", ("16", "A person may be held without a court's sanction for no more than "
                           "seventy- two hours."))
    assert not [f for f in compare(old, new).findings if "safeguard-dropped" in f.reasons]


# --- the pack format -------------------------------------------------------------------------

def test_mention_patterns_are_read_and_checked() -> None:
    pack = parse_pack("""
condiff-rules: 1
pack: t
rules:
  - id: citrev
    title: t
    category: c
    severity: high
    annotation: x
    patterns:
      en: ["deprived of citizenship", {phrase: "loss of citizenship", mention: true}]
""")
    [rule] = pack.rules
    assert [p.mention for p in rule.patterns["en"]] == [False, True]
    with pytest.raises(CondiffError, match="mention must be true or false"):
        parse_pack("""
condiff-rules: 1
pack: t
rules:
  - id: citrev
    title: t
    category: c
    severity: high
    annotation: x
    patterns:
      en: [{phrase: "loss of citizenship", mention: 1}]
""")


def test_bundled_packs_use_mention_patterns_for_citizenship_rules() -> None:
    rule = load_registry().resolve("citrev")
    assert rule is not None
    for language in ("en", "es", "ru", "de"):
        assert any(p.mention for p in rule.patterns[language]), language


# --- Russian and German: the same classes, in their own words ---------------------------------

@pytest.mark.parametrize(("language", "text", "topic"), [
    ("ru", "Граждане вправе собираться без оружия, проводить демонстрации и шествия.", "assem"),
    ("de", "Alle Deutschen haben das Recht, sich ohne Waffen zu versammeln.", "assem"),
    ("ru", "Комиссия по правам человека рассматривает жалобы граждан.", "ombuds"),
    ("de", "Ein Beauftragter für die Grundrechte nimmt Beschwerden entgegen.", "ombuds"),
    ("ru", "Судьи несменяемы и подчиняются только закону.", "judind"),
    ("de", "Richter können nur durch richterliche Entscheidung entlassen werden.", "judind"),
    ("ru", "Каждый имеет право на рассмотрение его дела независимым судом.", "fairtri"),
    ("de", "Jeder hat Anspruch auf ein unabhängiges Gericht.", "fairtri"),
    ("ru", "Гражданин не может быть выслан за пределы государства.", "citdep"),
    ("ru", "Гражданин не может быть выдан другому государству.", "citdep"),
    ("de", "Kein Staatsangehöriger darf ausgewiesen werden.", "citdep"),
    ("ru", "Семья находится под защитой государства.", "fndfam"),
    ("de", "Die Familie steht unter dem Schutz des Staates.", "fndfam"),
    ("ru", "Гражданам, нуждающимся в жилье, оно предоставляется по доступной плате.", "shelter"),
    ("de", "Jeder hat Anspruch auf angemessenen Wohnraum.", "shelter"),
    ("ru", "Президент избирается на пять лет и не может быть избран на следующий срок.",
     "hosterml"),
    ("ru", "Положения международного договора могут быть отменены или изменены только в "
           "порядке, установленном самим договором.", "treatcon"),
    ("ru", "Государство уважает права, закрепленные в международных договорах.", "intlaw"),
])
def test_russian_and_german_general_wording(language: str, text: str, topic: str) -> None:
    assert carries(language, text, topic)


@pytest.mark.parametrize(("language", "text", "topic"), [
    # an inviolable home is privacy, not housing
    ("ru", "Жилище неприкосновенно.", "shelter"),
    ("de", "Die Wohnung ist unverletzlich.", "shelter"),
    # "seventy" is not the family; a bare family name is not its protection
    ("ru", "Задержанный может содержаться не более семидесяти двух часов.", "fndfam"),
    ("ru", "Никто не обязан свидетельствовать против членов своей семьи.", "fndfam"),
    # a refusal repeated is not a second term
    ("ru", "Президент вправе распустить парламент в случае повторного отказа в согласии.",
     "hosterml"),
])
def test_russian_and_german_other_senses(language: str, text: str, topic: str) -> None:
    assert not carries(language, text, topic)


@pytest.mark.parametrize(("language", "text", "topic"), [
    # settling anywhere in the country is freedom of movement and residence
    ("en", "Every citizen has the right to settle anywhere in the territory of the Union.",
     "freemove"),
    ("es", "Los nacionales pueden residir y establecerse en cualquier lugar del país.",
     "freemove"),
    # the old formula for economic freedom
    ("en", "Freedom of commerce and industry is guaranteed throughout the country.",
     "occupate"),
])
def test_older_formulas_of_a_freedom(language: str, text: str, topic: str) -> None:
    assert carries(language, text, topic)


def test_acquiring_holding_and_disposing_of_property_is_the_right_to_property() -> None:
    assert carries("en", "All citizens have the right to acquire, hold and dispose of property.",
                   "proprght")
    assert carries("ru", "Каждый вправе иметь имущество, владеть и распоряжаться им.",
                   "proprght")
    assert not carries("en", "The Assembly shall hold a hearing on the property tax.",
                       "proprght")


def test_rules_explain_marks_mention_patterns(capsys: pytest.CaptureFixture[str]) -> None:
    from condiff.cli import main

    assert main(["rules", "explain", "citrev"]) == 0
    shown = capsys.readouterr().out
    assert "loss ~ citizenship /8 [mention]" in shown
    assert "depriv* ~ citizenship /5 |" in shown
