"""What a first-time user reads on the command line: `review --help` lists every key of the UI,
and `parse` counts in correct English."""

from __future__ import annotations

from pathlib import Path

import pytest

from condiff.cli import main
from condiff.tui.keys import ACTIONS


def test_review_help_lists_every_key(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["review", "--help"])
    out = capsys.readouterr().out
    keys = out.split("Keys", 1)[1].split("\n\n", 1)[0]
    listed = {line.split()[0] for line in keys.splitlines()[2:] if line.strip()}
    assert {a.display or a.keys for a in ACTIONS} <= listed
    assert "R" in listed and "N" in listed  # the previous-finding and previous-change keys


def test_outline_counts_one_paragraph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.txt"
    path.write_text("Article 1\n1. Everyone may rest.\nArticle 2\n1. One.\n2. Two.\n",
                    encoding="utf-8")
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Art. 1 (1 paragraph)" in out and "(1 paragraphs)" not in out
    assert "Art. 2 (2 paragraphs)" in out
