"""``condiff check``: the policy, exit codes 0/1/2, GitHub annotations and the job summary.

Most tests replace ``condiff.pipeline.compare`` by a hand-built comparison of the fictional
documents, so the gate is tested on its own; the tests at the end run the real pipeline on the
sample pair and on the Kazakhstan pair and skip, saying why, while those pieces are missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from condiff.cli import main
from condiff.commands.check import gh_escape_data, gh_escape_property
from condiff.errors import CondiffError
from condiff.model import Comparison, Document, Finding
from condiff.policy import Policy, load_policy, violations

from .report_helpers import NEW_YAML, OLD_YAML, comparison, need_pipeline, parser

STRIKE = "Art. 24(3) → Art. 27(3): right to strike removed [strike, critical]"
TREATY = "Art. 4(3) → Art. 5(3): treaty priority over laws removed [treatcon, high]"


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two fictional YAML files in a clean working directory, and a fake pipeline."""
    work = tmp_path / "repo"
    work.mkdir()
    (work / "old.yaml").write_text(OLD_YAML, encoding="utf-8")
    (work / "new.yaml").write_text(NEW_YAML, encoding="utf-8")
    monkeypatch.chdir(work)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)

    def fake_compare(old: Document, new: Document, **_: Any) -> Comparison:
        return comparison(old=old, new=new)

    monkeypatch.setattr("condiff.pipeline.compare", fake_compare)
    return Path("old.yaml"), Path("new.yaml")


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["check", "old.yaml", "new.yaml", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_default_policy_fails_on_removed_rights(pair: Any, capsys: Any) -> None:
    code, lines, _ = _check(capsys)
    assert code == 1
    assert lines == [
        STRIKE,
        TREATY,
        "condiff check: 2 violations (2 removed) among 3 findings; policy: fail on removed, "
        "weakened, restriction-added, oversight-removed",
    ]


def test_nothing_matches_exit_0(pair: Any, capsys: Any) -> None:
    code, lines, _ = _check(capsys, "--fail-on", "added,weakened")
    assert code == 0
    assert lines == ["condiff check: no violations (3 findings, none matches the policy: fail "
                     "on added, weakened)"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--topics", "strike"], [STRIKE]),
        (["--min-severity", "critical"], [STRIKE]),
        (["--fail-on", "all", "--min-severity", "LOW"],
         [STRIKE, TREATY, "Art. 30 → Art. 31: freedom of expression moved [express, low]"]),
        (["--fail-on", "moved", "--topics", "strike,express"],
         ["Art. 30 → Art. 31: freedom of expression moved [express, low]"]),
    ],
)
def test_options_filter(pair: Any, capsys: Any, args: list[str], expected: list[str]) -> None:
    code, lines, _ = _check(capsys, *args)
    assert code == 1
    assert lines[:-1] == expected
    assert lines[-1].startswith(f"condiff check: {len(expected)} violation")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fail-on", "remove"], "unknown finding kind 'remove' in --fail-on (did you mean "
                                  "'removed'?)"),
        (["--fail-on", ","], "--fail-on names no finding kind"),
        (["--min-severity", "hihg"], "unknown severity 'hihg' in --min-severity (did you mean "
                                     "'high'?)"),
        (["--topics", "a b"], "'a b' in --topics is not a topic key"),
        (["--topics", "strike,strik"], "no rule has the topic 'strik' (--topics) (did you mean "
                                       "'strike'?)"),
        (["--policy", "missing.yaml"], "missing.yaml: policy file not found"),
    ],
)
def test_errors_exit_2(pair: Any, capsys: Any, args: list[str], message: str) -> None:
    code, lines, err = _check(capsys, *args)
    assert code == 2 and lines == []
    assert err.startswith("condiff: error: ") and message in err
    assert "Traceback" not in err


def test_missing_input_exit_2(pair: Any, capsys: Any) -> None:
    code = main(["check", "old.yaml", "nope.yaml"])
    assert code == 2
    assert "nope.yaml" in capsys.readouterr().err


def test_policy_file_in_working_directory(pair: Any, capsys: Any) -> None:
    Path(".condiff.yaml").write_text(
        "condiff-policy: 1\nfail-on: [removed]\ntopics: treatcon\nmin-severity: medium\n",
        encoding="utf-8")
    code, lines, _ = _check(capsys)
    assert code == 1 and lines[:-1] == [TREATY]
    assert lines[-1].endswith("policy: fail on removed; topics treatcon; severity >= medium")
    # The command line overrides the file.
    code, lines, _ = _check(capsys, "--topics", "strike")
    assert lines[:-1] == [STRIKE]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fail-on: [removed]\nfail_on: [added]\n", ".condiff.yaml:2:1: unknown key 'fail_on' "
                                                   "in the policy"),
        ("fail-on: [removed, gone]\n", ".condiff.yaml:1: unknown finding kind 'gone' in "
                                       "fail-on"),
        ("min-severity: [high]\n", ".condiff.yaml:1:15: min-severity must be text, found a "
                                   "list"),
        ("topics: {a: b}\n", ".condiff.yaml:1:9: topics must be a list of words"),
        ("condiff-policy: 2\n", "unsupported policy format version"),
        ("rules: [nothere.yaml]\n", "rule pack 'nothere.yaml' not found"),
        ("topics: [treatcom]\n", "no rule has the topic 'treatcom' (topics in .condiff.yaml)"),
        ("fail-on: [removed\n", "invalid YAML"),
        ("- removed\n", "the policy must be a mapping of keys"),
    ],
)
def test_bad_policy_file(pair: Any, capsys: Any, text: str, message: str) -> None:
    Path(".condiff.yaml").write_text(text, encoding="utf-8")
    code, _, err = _check(capsys)
    assert code == 2 and message in err, err


def test_policy_rules_relative_to_file(tmp_path: Path) -> None:
    (tmp_path / "extra.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text("rules: extra.yaml\ndisable-rules: [express]\n",
                                     encoding="utf-8")
    policy = load_policy(tmp_path / "p.yaml")
    assert policy.rule_files == (str(tmp_path / "extra.yaml"),)
    assert policy.disable_rules == ("express",)
    assert load_policy(_empty(tmp_path)) == Policy(source=str(tmp_path / "empty.yaml"))


def _empty(folder: Path) -> Path:
    path = folder / "empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    return path


def test_violations_sorted_most_severe_first() -> None:
    c = comparison()
    found = violations(c, Policy(fail_on=("removed", "moved")))
    assert [f.severity for f in found] == ["critical", "high", "low"]
    assert violations(c, Policy(min_severity="critical")) == [c.findings[1]]
    with pytest.raises(CondiffError):
        from condiff.policy import parse_kinds

        parse_kinds(["nonsense"])


def _line_of(yaml_text: str, needle: str) -> int:
    """1-based line of the YAML text holding ``needle`` (where the reader says it starts)."""
    return next(i for i, ln in enumerate(yaml_text.splitlines(), 1) if needle in ln)


def test_github_annotations(pair: Any, capsys: Any) -> None:
    code, lines, _ = _check(capsys, "--github")
    assert code == 1
    notes = [ln for ln in lines if ln.startswith("::error ")]
    strike = _line_of(NEW_YAML, "Labour disputes are settled")
    treaty = _line_of(NEW_YAML, "Ratified treaties are applied")
    assert notes == [
        f"::error file=new.yaml,line={strike},title=condiff%3A right to strike removed [strike%2C "
        "critical]::Art. 24(3) → Art. 27(3): right to strike removed [strike, critical]%0A"
        "Workers lose the constitutional right to strike.",
        f"::error file=new.yaml,line={treaty},title=condiff%3A treaty priority over laws removed "
        "[treatcon%2C high]::Art. 4(3) → Art. 5(3): treaty priority over laws removed "
        "[treatcon, high]%0ATreaties no longer prevail over conflicting laws.",
    ]
    # No GITHUB_STEP_SUMMARY: nothing else is written.
    assert sorted(p.name for p in Path(".").iterdir()) == ["new.yaml", "old.yaml"]


def test_github_annotation_falls_back_to_old_file_and_escapes(
    pair: Any, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    evil = Finding(topic="x", title="Gone: 100%, really\r\n::warning::x", kind="removed",
                   severity="high", confidence=1.0, old=("24.1",), new=())

    def fake(old: Document, new: Document, **_: Any) -> Comparison:
        return replace(comparison(old=old, new=new), findings=(evil,))

    monkeypatch.setattr("condiff.pipeline.compare", fake)
    code, lines, _ = _check(capsys, "--github")
    assert code == 1
    (note,) = [ln for ln in lines if ln.startswith("::")]
    line = _line_of(OLD_YAML, "Everyone has the right to work.")
    assert note == (
        f"::error file=old.yaml,line={line},title=condiff%3A gone%3A 100%25%2C really␍ "
        "%3A%3Awarning%3A%3Ax removed [x%2C high]::Art. 24(1) → —: gone: 100%25, really␍ "
        "::warning::x removed [x, high]")
    assert "\r" not in note
    assert not any(ln.startswith("::warning") for ln in lines)


def test_escaping_rules() -> None:
    assert gh_escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert gh_escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"


def test_step_summary_appended(pair: Any, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = Path("summary.md")
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, lines, _ = _check(capsys, "--github")
    assert code == 1
    first = summary.read_text(encoding="utf-8")
    assert first.startswith("earlier step\ncondiff check: 2 violations (2 removed)")
    report = first.split("\n", 3)[3]
    tokens = parser().parse(report)
    assert tokens[0].type == "heading_open" and tokens[0].tag == "h1"
    assert "~~The right to strike is recognised~~" in report
    # Deterministic: a second identical run appends byte-identical text, and prints the same.
    code2, lines2, _ = _check(capsys, "--github")
    second = summary.read_text(encoding="utf-8")
    assert (code2, lines2) == (code, lines)
    assert second == first + first[len("earlier step\n"):]


def test_step_summary_never_written_over_an_input(
    pair: Any, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", "new.yaml")
    code, _, err = _check(capsys, "--github")
    assert code == 2 and "refusing to append the job summary to an input file" in err
    assert Path("new.yaml").read_text(encoding="utf-8") == NEW_YAML


def test_step_summary_ignored_without_github(
    pair: Any, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", "summary.md")
    code, lines, _ = _check(capsys)
    assert code == 1 and not Path("summary.md").exists()
    assert not any(ln.startswith("::") for ln in lines)


def test_help_teaches() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--help"])
    assert exc.value.code == 0


# ---------------------------------------------------------------------------
# With the real pipeline (skipped until the aligner and the rules exist)
# ---------------------------------------------------------------------------


def test_check_imports_only_what_it_uses(tmp_path: Path) -> None:
    need_pipeline()
    code = (
        "import sys\n"
        "from condiff.cli import main\n"
        "code = main(['check', 'sample:2009', 'sample:2026', '--fail-on', 'all', '--github'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'markdown_it', 'rich', 'jsonschema', 'hypothesis', 'lxml', 'docx'))\n"
        "assert not bad, bad\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=tmp_path, timeout=60, env=env)
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout.splitlines()[-1].startswith("condiff check: ")
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").count("\n# Change report") == 1


# ---------------------------------------------------------------------------
# The example GitHub Actions workflow
# ---------------------------------------------------------------------------

WORKFLOW = Path(__file__).resolve().parent.parent / "examples" / "github-actions" / "condiff.yml"


def _workflow() -> dict[Any, Any]:
    import yaml

    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def test_workflow_runs_the_gate_on_pull_requests() -> None:
    data = _workflow()
    trigger = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "constitution/**" in trigger["pull_request"]["paths"]
    steps = data["jobs"]["check"]["steps"]
    script = steps[-1]["run"]
    assert "condiff check" in script and "--github" in script
    assert "${{" not in script  # untrusted context goes through env, never into the script
    assert steps[-1]["env"]["BASE_REF"] == "${{ github.base_ref }}"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


def test_workflow_script_in_a_simulated_pull_request(tmp_path: Path) -> None:
    need_pipeline()
    import shutil

    if shutil.which("git") is None or shutil.which("bash") is None:
        pytest.skip("git and bash are needed to simulate a pull request")
    repo = tmp_path / "repo"
    (repo / "constitution").mkdir(parents=True)
    sample = Path(__file__).resolve().parent.parent / "corpora" / "sample"
    target = repo / "constitution" / "veridia.yaml"
    target.write_bytes((sample / "veridia-2009.yaml").read_bytes())
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(repo, "checkout", "-q", "-b", "draft")
    target.write_bytes((sample / "veridia-2026.yaml").read_bytes())
    _git(repo, "commit", "-q", "-am", "draft")
    summary = tmp_path / "summary.md"
    env = dict(os.environ, BASE_REF="main", RUNNER_TEMP=str(tmp_path),
               GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(repo),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    script = _workflow()["jobs"]["check"]["steps"][-1]["run"]
    result = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::group::condiff check constitution/veridia.yaml" in result.stdout
    assert "::error file=constitution/veridia.yaml," in result.stdout
    assert summary.read_text(encoding="utf-8").count("\n# Change report: ") == 1


def test_oversized_summary_keeps_the_findings() -> None:
    from condiff.commands.check import fit_summary
    from condiff.render.markdown import render

    report = render(comparison())
    assert fit_summary(report) == report
    cut = fit_summary(report, limit=len(report.encode()) - 10)
    assert "## Rights findings" in cut and "## Concordance" not in cut
    assert cut.endswith("for the full report.*\n")
    tokens = parser().parse(cut)
    assert not any(t.type.startswith("html") for t in tokens)
    tiny = fit_summary(report, limit=900)
    assert len(tiny.encode()) <= 900 and tiny.startswith("# Change report")
