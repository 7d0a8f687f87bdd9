"""Histories: lineages, rights timelines, chapter changes, the manifest and its errors, the CLI.

The four versions of the fictional Republic of Lorvan (the bundled history sample,
``lorvan:2001`` … ``lorvan:2022``, written for condiff) hold one of each thing a history must
follow: a renumbering, a split, a merge, a repeal that leaves a placeholder, a new article
taking the repealed number, an article that disappears for one version and returns under
another number, a retitled chapter, and a right removed in one step and restored in the next.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from condiff.cli import main
from condiff.corpora import DATA_DIR
from condiff.errors import CondiffError
from condiff.history import History, Options, load_history
from condiff.history.lineage import build_lineages
from condiff.history.provision import find_provision
from condiff.pipeline import compare
from condiff.read import parse_string

# The bundled history sample (condiff/corpora_data/lorvan), with its manifest.
FIXTURES = DATA_DIR / "lorvan"
MANIFEST = FIXTURES / "versions.yaml"

_HISTORIES: dict[str, History] = {}


def lorvan(jobs: int = 1) -> History:
    """The Lorvan history (computed once per test process)."""
    key = f"lorvan-{jobs}"
    if key not in _HISTORIES:
        _HISTORIES[key] = load_history([str(MANIFEST)], jobs=jobs)
    return _HISTORIES[key]


def lineage_by(history: History, version: int, label: str):  # type: ignore[no-untyped-def]
    return next(lin for lin in history.lineages if lin.labels[version] == label)


def kinds(lineage) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.kind for e in lineage.events]


# ---------------------------------------------------------------------------
# Lineages
# ---------------------------------------------------------------------------


def test_every_unit_of_every_version_is_in_exactly_one_lineage() -> None:
    h = lorvan()
    for v, version in enumerate(h.versions):
        ids = [lin.ids[v] for lin in h.lineages if lin.ids[v] is not None]
        assert sorted(ids) == sorted(u.id for u in version.document.units())
    assert [lin.index for lin in h.lineages] == list(range(len(h.lineages)))


def test_unchanged_article_runs_through_every_version() -> None:
    h = lorvan()
    expression = lineage_by(h, 0, "7")
    assert expression.labels == ("7", "7", "7", "7")
    assert kinds(expression) == ["unchanged"] * 3
    assert not expression.changed


def test_renumbered_then_removed_then_reinserted_under_another_number() -> None:
    h = lorvan()
    elections = lineage_by(h, 0, "10")
    assert elections.labels == ("10", "11", None, "13")
    assert kinds(elections) == ["renumbered", "removed", "reinserted"]
    reinserted = elections.events[-1]
    assert h.steps[2].comparison.alignment[reinserted.pair].new == ("13",)  # type: ignore[index]


def test_repealed_placeholder_keeps_the_lineage_and_the_number_is_reused() -> None:
    h = lorvan()
    fisheries = lineage_by(h, 0, "8")
    assert fisheries.labels == ("8", "8", "8", "8")
    assert kinds(fisheries) == ["repealed", "unchanged", "reinserted"]
    placeholder = h.versions[1].document.by_id(fisheries.ids[1] or "")
    assert placeholder is not None and placeholder.repealed


def test_split_and_merge_name_the_other_lineages() -> None:
    h = lorvan()
    assembly = lineage_by(h, 0, "9")
    term = lineage_by(h, 1, "10")
    assert kinds(assembly)[0] == "split" and assembly.events[0].related == (term.index,)
    assert term.labels == (None, "10", "10", "10")
    assert kinds(term)[0] == "split-from" and term.events[0].related == (assembly.index,)
    first, second = lineage_by(h, 0, "1"), lineage_by(h, 0, "2")
    assert first.labels[3] == "1" and second.labels[3] is None
    assert kinds(first)[-1] == "merged" and first.events[-1].related == (second.index,)
    assert kinds(second)[-1] == "merged-into" and second.events[-1].related == (first.index,)


def test_number_reused_for_unrelated_text_is_not_joined() -> None:
    """A removed article and a later one with the same number but other content stay two
    lineages (content decides, as in the aligner)."""
    base = (FIXTURES / "lorvan-2001.yaml").read_text(encoding="utf-8")
    old = parse_string(base, "yaml", path="a.yaml")
    gone = parse_string(base.replace('      - kind: article\n        label: "3"\n'
                                     "        heading: Capital\n        text: The capital of "
                                     "Lorvan is the city of Essery.\n", ""), "yaml",
                        path="b.yaml")
    assert len(gone.units()) == len(old.units()) - 1
    back = parse_string(base.replace("The capital of Lorvan is the city of Essery.",
                                     "Parliament meets every spring in a hall of its choosing "
                                     "with all members present."), "yaml", path="c.yaml")
    docs = [old, gone, back]
    steps = _steps(docs)
    lineages = build_lineages(docs, steps)
    threes = [lin for lin in lineages if "3" in lin.labels]
    assert [lin.labels for lin in threes] == [("3", None, None), (None, None, "3")]
    # The same article coming back with its own text is one lineage.
    docs[2] = old
    lineages = build_lineages(docs, _steps(docs))
    assert [lin.labels for lin in lineages if "3" in lin.labels] == [("3", None, "3")]


def _steps(docs):  # type: ignore[no-untyped-def]
    from condiff.history.model import Step

    return [Step(k, k, k + 1, compare(docs[k], docs[k + 1], rules=False))
            for k in range(len(docs) - 1)]


# ---------------------------------------------------------------------------
# Rights and chapters
# ---------------------------------------------------------------------------


def test_right_removed_then_restored_with_the_evidence_of_each_step() -> None:
    h = lorvan()
    strike = next(r for r in h.rights if r.topic == "strike")
    assert strike.carried == (("5.3",), ("5.3",), (), ("5.3",))
    events = [(e.step, h.finding(e).kind) for e in strike.events]
    assert events == [(1, "removed"), (2, "added")]
    removed = h.finding(strike.events[0])
    assert removed.old == ("5.3",) and removed.old_spans
    assembly = next(r for r in h.rights if r.topic == "assem")
    assert [(e.step, h.finding(e).kind) for e in assembly.events] == [(1, "restriction-added")]
    # Topics with events come before the ones every version carries unchanged.
    order = [bool(r.events) for r in h.rights]
    assert order == sorted(order, reverse=True)


def test_cells_and_events_agree() -> None:
    """A step reports a topic added exactly when the cell before is empty and the one after
    is not (and removed the other way round): both come from the same carrier test."""
    h = lorvan()
    for right in h.rights:
        for step in h.steps:
            before, after = right.carried[step.old], right.carried[step.new]
            found = {h.finding(e).kind for e in right.events if e.step == step.index}
            if before == () and after:
                assert found & {"added", "strengthened"}, right.topic
            if before and after == ():
                assert found & {"removed", "weakened"}, right.topic


def test_chapter_retitled_is_reported() -> None:
    h = lorvan()
    (change,) = h.steps[0].structure
    assert (change.kind, change.container, change.old_label, change.new_label) == \
        ("retitled", "chapter", "II", "II")
    assert change.new_heading == "Human rights and freedoms"
    assert not h.steps[1].structure and not h.steps[2].structure


def test_steps_in_parallel_give_the_same_history() -> None:
    from condiff.render.history_json import render

    assert render(lorvan(jobs=2)) == render(lorvan(jobs=1))


def test_each_step_is_exactly_compare_of_its_pair() -> None:
    h = lorvan()
    for step in h.steps:
        direct = compare(h.versions[step.old].document, h.versions[step.new].document)
        assert step.comparison.alignment == direct.alignment
        assert step.comparison.findings == direct.findings
        # Every field, the documents, warnings and unchecked languages included.
        assert step.comparison == direct


# ---------------------------------------------------------------------------
# One provision through every version
# ---------------------------------------------------------------------------


def test_provision_follows_a_paragraph_through_every_version() -> None:
    h = lorvan()
    found = find_provision(h, "5.3")  # found in the newest version first
    assert found.paragraph and found.version == 3
    assert found.refs == (("5.3",), ("5.3",), (), ("5.3",))
    texts = found.texts(h)
    assert texts[2] is None and texts[0] == texts[3] == "The right to strike is recognised."
    removed = found.steps[1].paragraphs
    assert [(pp.old, pp.new, pp.kind) for pp in removed] == [("5.3", None, "removed")]


def test_provision_by_version_label_and_errors() -> None:
    h = lorvan()
    found = find_provision(h, "2008:11")
    assert found.lineage.labels == ("10", "11", None, "13") and not found.paragraph
    assert [s.event.kind if s.event else None for s in found.steps] == \
        ["renumbered", "removed", "reinserted"]
    with pytest.raises(CondiffError, match="no provision '99' in any version"):
        find_provision(h, "99")
    with pytest.raises(CondiffError, match="version '2001'"):
        find_provision(h, "2001:13")


# ---------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------


def test_cli_text_and_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", str(MANIFEST)]) == 1
    out = capsys.readouterr().out
    assert "History of Constitution of the Republic of Lorvan: 4 versions, 3 steps" in out
    assert "Chapter II retitled: “Rights and freedoms” → “Human rights and freedoms”" in out
    assert "✗ Right to strike: removed [high]" in out
    assert "full redline: condiff diff" in out


def test_cli_provision(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", str(MANIFEST), "--provision", "5.3", "--no-color"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Paragraph 5.3: changes over time (4 versions)")
    assert "[-The right to strike is recognised.-]" in out
    assert "{+The right to strike is recognised.+}" in out


def test_cli_bundled_names_on_the_command_line_and_in_a_manifest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = ["lorvan:2001", "lorvan:2008", "lorvan:2015", "lorvan:2022"]
    assert main(["history", *names, "-f", "json", "-j", "1"]) == 1
    direct = json.loads(capsys.readouterr().out)
    assert [v["label"] for v in direct["versions"]] == ["2001", "2008", "2015", "2022"]
    assert [v["name"] for v in direct["versions"]] == names
    manifest = tmp_path / "bundled.yaml"
    manifest.write_text("versions:\n" + "".join(f"  - {n}\n" for n in names), encoding="utf-8")
    assert main(["history", str(manifest), "-f", "json", "-j", "1"]) == 1
    listed = json.loads(capsys.readouterr().out)
    assert listed["steps"] == direct["steps"] and listed["lineages"] == direct["lineages"]


def test_cli_files_instead_of_manifest_and_nothing_changed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(FIXTURES / f"lorvan-{y}.yaml") for y in (2001, 2008, 2015)]
    assert main(["history", *files, "--no-rules", "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "2001" in out and "2015" in out
    copy = tmp_path / "copy.yaml"
    shutil.copy(FIXTURES / "lorvan-2015.yaml", copy)
    manifest = tmp_path / "same.yaml"
    manifest.write_text(f"versions:\n  - {{path: {FIXTURES / 'lorvan-2015.yaml'}, label: a}}\n"
                        "  - {path: copy.yaml, label: b}\n", encoding="utf-8")
    assert main(["history", str(manifest), "--no-rules"]) == 0


def _error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("condiff: error: "), captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def _manifest(tmp_path: Path, body: str) -> str:
    path = tmp_path / "versions.yaml"
    path.write_text(body, encoding="utf-8")
    for year in (2001, 2008, 2015):
        shutil.copy(FIXTURES / f"lorvan-{year}.yaml", tmp_path / f"v{year}.yaml")
    return str(path)


@pytest.mark.parametrize(("body", "expected"), [
    ("versions:\n  - path: v2001.yaml\n   - path: v2008.yaml\n", ":3:4: not valid YAML"),
    ("versions:\n  - {path: v2001.yaml, label: a}\n  - {path: missing.yaml, label: b}\n",
     ":3: entry 2 ('b'): no such file: missing.yaml"),
    ("versions:\n  - {path: v2001.yaml, label: x}\n  - {path: v2008.yaml, label: y}\n"
     "  - {path: v2015.yaml, label: x}\n",
     ":4: entry 3: label 'x' is already used by entry 1 (line 2)"),
    ("versions:\n  - {path: v2001.yaml, label: only}\n", "1 version given"),
    ("versions:\n  - {path: v2008.yaml, date: 2008-09-12}\n"
     "  - {path: v2001.yaml, date: 2001-05-01}\n",
     ":3: entry 2 ('v2001.yaml'): date 2001-05-01 is before the date of entry 1 "
     "('v2008.yaml'), 2008-09-12"),
    ("versions:\n  - {path: v2001.yaml, date: May 2001}\n  - {path: v2008.yaml}\n",
     ":2: entry 1: date 'May 2001' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("versions:\n  - {path: v2001.yaml, colour: red}\n  - {path: v2008.yaml}\n",
     ":2: entry 1: unknown key 'colour'"),
    ("versions: v2001.yaml\n", ":1: expected 'versions:' with a list"),
])
def test_manifest_errors_name_file_line_and_entry(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, expected: str) -> None:
    path = _manifest(tmp_path, body)
    line = _error(capsys, ["history", path])
    assert path in line and expected in line, line


def test_dates_out_of_order_from_the_documents(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(FIXTURES / "lorvan-2008.yaml"), str(FIXTURES / "lorvan-2001.yaml")]
    line = _error(capsys, ["history", *files])
    assert "lorvan-2001.yaml: entry 2 ('" in line and "is before the date of entry 1" in line


def test_missing_file_and_too_few_on_the_command_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    line = _error(capsys, ["history", str(FIXTURES / "lorvan-2001.yaml"), "nowhere.txt"])
    assert "nowhere.txt: no such file" in line
    line = _error(capsys, ["history", str(FIXTURES / "lorvan-2001.yaml")])
    assert "1 version given; a history needs at least two" in line


SPANISH = """\
title: Constitución de la República de Lorvan
version: "2030"
language: es
provisions:
  - kind: article
    label: "1"
    text: Lorvan es una república democrática sometida al imperio de la ley.
  - kind: article
    label: "2"
    text: La soberanía reside en el pueblo.
"""


def test_mixed_languages_refused_unless_asked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spanish = tmp_path / "lorvan-es.yaml"
    spanish.write_text(SPANISH, encoding="utf-8")
    english = str(FIXTURES / "lorvan-2022.yaml")
    line = _error(capsys, ["history", english, str(spanish)])
    assert "versions '2022' (en) and '2030' (es) are in different languages" in line
    assert str(spanish) in line and "--mixed-languages" in line
    assert main(["history", english, str(spanish), "--mixed-languages", "-f", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    step = data["steps"][0]
    assert step["structure_only"] is True and step["findings"] == []
    paired = [a for a in step["alignment"] if a["old"] and a["new"]]
    assert [(a["old"], a["new"], a["matched_by"]) for a in paired] == [(["1"], ["1"], "number")]


def test_bad_jobs_and_provision_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert "--jobs must be 1 or more" in _error(capsys, ["history", str(MANIFEST), "-j", "0"])
    line = _error(capsys, ["history", str(MANIFEST), "--provision", "5", "-f", "json"])
    assert "--provision prints text, md or html, not json" in line


def test_output_never_over_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _manifest(tmp_path, "versions:\n  - v2001.yaml\n  - v2008.yaml\n")
    before = (tmp_path / "v2008.yaml").read_bytes()
    line = _error(capsys, ["history", path, "-f", "md", "-o", str(tmp_path / "v2008.yaml")])
    assert "refusing to write the output over an input file" in line
    assert (tmp_path / "v2008.yaml").read_bytes() == before
    line = _error(capsys, ["history", path, "-o", path])
    assert "refusing" in line


def test_check_does_not_import_the_history() -> None:
    import subprocess
    import sys

    code = ("import sys; from condiff.cli import main\n"
            "try:\n    main(['check', 'sample:2009', 'sample:2026'])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if 'history' in m and "
            "m.startswith('condiff')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


# ---------------------------------------------------------------------------
# Property: whatever the edits, lineages account for every unit once
# ---------------------------------------------------------------------------

_BASE = (FIXTURES / "lorvan-2001.yaml").read_text(encoding="utf-8")
_ARTICLES = [u.label for u in parse_string(_BASE, "yaml", path="base.yaml").units() if u.label]


def _edit(doc_text: str, drop: set[str], reword: set[str]) -> str:
    """The base text without the articles in ``drop`` (a chapter keeps at least one) and
    with a sentence added to those in ``reword``."""
    import yaml

    data = yaml.safe_load(doc_text)
    for chapter in data["provisions"]:
        if chapter.get("kind") != "chapter":
            continue
        kept = [a for a in chapter["children"] if a.get("label") not in drop]
        chapter["children"] = kept or chapter["children"][:1]
        for article in chapter["children"]:
            if article.get("label") in reword and "text" in article:
                article["text"] += " Amended."
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sets(st.sampled_from(_ARTICLES), max_size=3),
                          st.sets(st.sampled_from(_ARTICLES), max_size=3)),
                min_size=2, max_size=4))
def test_lineages_cover_every_unit_once(edits: list[tuple[set[str], set[str]]]) -> None:
    docs = [parse_string(_edit(_BASE, drop, reword), "yaml", path=f"v{i}.yaml")
            for i, (drop, reword) in enumerate(edits)]
    steps = _steps(docs)
    lineages = build_lineages(docs, steps)
    for v, doc in enumerate(docs):
        held = [lin.ids[v] for lin in lineages if lin.ids[v] is not None]
        assert sorted(held) == sorted(u.id for u in doc.units())
    for lin in lineages:
        present = [v for v, x in enumerate(lin.ids) if x is not None]
        for step in steps:
            event = lin.event_at(step.index)
            here = step.old in present or step.new in present
            assert (event is not None) == here or (event is not None and event.kind ==
                                                   "reinserted")
        for e in lin.events:
            assert all(0 <= r < len(lineages) and r != lin.index for r in e.related)


def test_options_are_those_of_diff() -> None:
    """The defaults of a history's steps are the defaults of ``condiff diff``."""
    import inspect

    from condiff.pipeline import compare as pipeline_compare

    params = inspect.signature(pipeline_compare).parameters
    opts = Options()
    assert opts.rules == params["rules"].default
    assert opts.diff_timeout == params["diff_timeout"].default


def test_text_history_makes_no_redline(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The tables and step summaries read no redline (lineages of splits and merges are
    decided from the pairs' scores): a text history costs what the checks would, no more;
    --provision makes only the redlines it shows."""
    import condiff.redline as redline_module

    made: list[str] = []
    real = redline_module.redline_status

    def counting(old: str, new: str, *, timeout: float = 2.0):  # type: ignore[no-untyped-def]
        made.append(old)
        return real(old, new, timeout=timeout)

    monkeypatch.setattr(redline_module, "redline_status", counting)
    assert main(["history", str(MANIFEST), "-j", "1"]) == 1
    assert made == []
    assert main(["history", str(MANIFEST), "-j", "1", "--provision", "6"]) == 1
    capsys.readouterr()
    assert 0 < len(made) <= 3


SPANISH_PACK = """\
condiff-rules: 1
pack: test-es
description: A two-rule Spanish pack written for the history tests.
rules:
  - id: strike
    title: Right to strike
    category: labour
    severity: high
    annotation: Workers may stop work to defend their interests.
    patterns:
      es: [{near: ["derecho", "huelga"], within: 4}]
  - id: assem
    title: Freedom of assembly
    category: civil
    severity: medium
    annotation: People may gather peacefully.
    patterns:
      es: [{near: ["derecho", "reunirse"], within: 4}]
"""

SPANISH_VERSION = """\
title: Constitución de la República de Lorvan
version: "{version}"
language: es
provisions:
  - kind: article
    label: "1"
    text: Lorvan es una república democrática.
  - kind: article
    label: "2"
    children:
      - Toda persona puede elegir libremente su oficio.
{strike}  - kind: article
    label: "3"
    text: Toda persona tiene derecho a reunirse pacíficamente y sin armas.
"""


def test_rights_timeline_in_any_language_with_a_pack(tmp_path: Path) -> None:
    """Nothing in the timelines is English-only: a Spanish pack gives Spanish timelines; with
    no pack for the language there is no timeline, and a warning says why."""
    strike = "      - Se reconoce el derecho a la huelga de los trabajadores.\n"
    names = []
    for version, clause in (("2001", strike), ("2010", ""), ("2020", strike)):
        path = tmp_path / f"es-{version}.yaml"
        path.write_text(SPANISH_VERSION.format(version=version, strike=clause),
                        encoding="utf-8")
        names.append(str(path))
    pack = tmp_path / "es-pack.yaml"
    pack.write_text(SPANISH_PACK, encoding="utf-8")
    h = load_history(names, options=Options(rule_files=(str(pack),)), jobs=1)
    rights = {r.topic: r for r in h.rights}
    assert rights["strike"].carried == (("2.2",), (), ("2.2",))
    assert [(e.step, h.finding(e).kind) for e in rights["strike"].events] == \
        [(0, "removed"), (1, "added")]
    assert rights["assem"].carried == (("3",), ("3",), ("3",)) and not rights["assem"].events
    # "qaa" is reserved for local use (ISO 639-2): no pack will ever cover it.
    for name in names:
        Path(name).write_text(Path(name).read_text(encoding="utf-8").replace(
            "language: es", "language: qaa"), encoding="utf-8")
    bare = load_history(names, jobs=1)
    assert bare.rights == ()
    assert any("rights not checked: no rule pack covers qaa" in w for w in bare.warnings)


def test_parallel_only_when_the_steps_are_worth_it() -> None:
    """A history of quick steps runs in one process by default; long ones go to workers."""
    from condiff.history.run import estimated_seconds, worth_parallel

    docs = [v.document for v in lorvan().versions]
    assert not worth_parallel(docs)  # four short versions
    assert not worth_parallel(docs[:2])  # one step: nothing to run side by side
    base = (FIXTURES / "lorvan-2001.yaml").read_text(encoding="utf-8")
    long_old = parse_string(base.replace(
        "Lorvan is a democratic republic under the rule of law.",
        " ".join(f"clause{i} of the old text." for i in range(6000))), "yaml", path="o.yaml")
    long_new = parse_string(base.replace(
        "Lorvan is a democratic republic under the rule of law.",
        " ".join(f"clause{i} of the new text." for i in range(6000))), "yaml", path="n.yaml")
    assert estimated_seconds(long_old, long_new) > estimated_seconds(docs[0], docs[1])
    assert worth_parallel([long_old, long_new, long_old])


def test_a_paragraph_moved_to_an_article_with_its_own_entry_relates_but_does_not_continue(
) -> None:
    """An entry may name a unit as secondary (a paragraph of the old article moved to it; its
    own entry is elsewhere): the lineages stay one per provision and name each other."""
    from condiff.history.model import Step
    from condiff.model import ArticlePair, Comparison

    text = ("provisions:\n  - {kind: article, label: '1', text: First article.}\n"
            "  - {kind: article, label: '2', text: Second article.}\n")
    old = parse_string(text, "yaml", path="a.yaml")
    new = parse_string(text, "yaml", path="b.yaml")
    alignment = (
        ArticlePair(("1",), ("1", "2"), ("art_1",), ("art_1", "art_2"), "split", 0.9,
                    "content", secondary_new_ids=("art_2",)),
        ArticlePair(("2",), ("2",), ("art_2",), ("art_2",), "unchanged", 1.0, "exact"),
    )
    lineages = build_lineages([old, new], [Step(0, 0, 1, Comparison(old, new, alignment))])
    assert [lin.labels for lin in lineages] == [("1", "1"), ("2", "2")]
    first, second = lineages
    assert first.events[0].kind == "split" and first.events[0].related == (second.index,)
    assert second.events[0].kind == "unchanged"
