"""``condiff rules list`` and ``condiff rules explain``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from condiff.cli import main


def test_rules_list_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0].split()
    assert header[:4] == ["topic", "severity", "category", "source"]
    assert {"de", "en", "ru"} <= set(header)
    assert any(line.startswith("strike ") for line in out.splitlines())
    assert "enabled" in out.splitlines()[-1]


def test_rules_list_json_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--format", "json", "--disable-rule", "strike"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_id = {r["id"]: r for r in rows}
    assert by_id["strike"]["enabled"] is False
    assert by_id["cappun"]["aliases"] == ["deathpen"]
    assert len([r for r in rows if {"en", "ru"} <= set(r["languages"])]) >= 30


def test_rules_explain_by_alias(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "explain", "deathpen"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("cappun: ")
    assert "Why it matters" in out and "ICCPR" in out


def test_rules_explain_shows_cues(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "explain", "strike"]) == 0
    out = capsys.readouterr().out
    assert "ICESCR art. 8" in out
    assert "ru limitation clauses" in out


def test_rules_explain_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "explain", "nonesuch"]) == 2
    assert "no rule named 'nonesuch'" in capsys.readouterr().err


def test_rules_list_with_user_pack_and_bad_pack(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "mine.yaml"
    good.write_text("condiff-rules: 1\npack: mine\nrules:\n  - id: siesta\n    title: Siesta\n"
                    "    category: leisure\n    severity: low\n    source: condiff\n"
                    "    annotation: Rest.\n    patterns:\n      it: [\"siesta\"]\n",
                    encoding="utf-8")
    # No bundled pack covers Italian: only the user's rule is listed for it.
    assert main(["rules", "list", "--rules", str(good), "--language", "it"]) == 0
    out = capsys.readouterr().out
    assert "siesta" in out and "strike" not in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("condiff-rules: 1\npack: x\nrules:\n  - id: a\n    titel: A\n",
                   encoding="utf-8")
    assert main(["rules", "list", "--rules", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:5" in err and "unknown key 'titel'" in err
