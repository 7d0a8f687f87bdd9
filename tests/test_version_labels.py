"""What a version is called: "as amended to" carried from the file's front matter, from the
registry of reference texts, or from --label, and shown in headers, reports and the UI."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import condiff.corpora
from condiff.cli import main

TEXT = "Article 1\nEveryone may rest.\nArticle 2\nEveryone may strike.\n"
LATER = "Article 1\nEveryone may rest.\nArticle 2\nWork is a duty.\n"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_label_option_names_both_versions(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(TEXT, encoding="utf-8")
    new.write_text(LATER, encoding="utf-8")
    code, out, _ = _run(capsys, "diff", str(old), str(new), "-f", "md",
                        "--label", "1995 as amended to 2022", "--label", "2026")
    assert code == 1
    head = out.splitlines()[0]
    assert "1995 as amended to 2022" in head and head.endswith("2026")
    assert "| Version | 1995 as amended to 2022 | 2026 |" in out
    code, out, _ = _run(capsys, "diff", str(old), str(new), "--label", "as amended to 2022")
    assert "(as amended to 2022) →" in out.splitlines()[0]
    code, _, err = _run(capsys, "check", str(old), str(new), "--label", "a", "--label", "b",
                        "--label", "c")
    assert code == 2 and "--label" in err


def test_front_matter_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("---\ntitle: Charter\nversion: 1990 as amended to 2011\n---\n\n"
                   "## Article 1\n\nEveryone may rest.\n", encoding="utf-8")
    new.write_text("---\ntitle: Charter\nversion: \"2024\"\n---\n\n## Article 1\n\nAll may rest.\n",
                   encoding="utf-8")
    code, out, _ = _run(capsys, "diff", str(old), str(new), "-f", "md")
    assert code == 1
    assert out.splitlines()[0] == "# Change report: Charter 1990 as amended to 2011 → Charter 2024"


def test_registered_reference_text_gets_its_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "osmia-1990.txt", tmp_path / "osmia-2024.txt"
    old.write_text(TEXT, encoding="utf-8")
    new.write_text(LATER, encoding="utf-8")
    data = old.read_bytes()
    registry = tmp_path / "data"
    registry.mkdir()
    (registry / "registry.yaml").write_text(
        "condiff-registry: 1\ntexts:\n  - id: osmia-1990\n    country: Osmia\n"
        "    version: 1990, as amended 2011\n"
        f"    sha256: {hashlib.sha256(data).hexdigest()}\n    bytes: {len(data)}\n",
        encoding="utf-8")
    monkeypatch.setattr(condiff.corpora, "DATA_DIR", registry)
    code, out, _ = _run(capsys, "diff", str(old), str(new), "-f", "md")
    assert "| Version | 1990, as amended 2011 |" in out
    assert "| Country | Osmia |" in out
    # The file's own label or --label wins over the registry's.
    code, out, _ = _run(capsys, "diff", str(old), str(new), "-f", "md", "--label", "mine")
    assert code == 1 and "| Version | mine |" in out


def test_review_header_shows_the_label(tmp_path: Path) -> None:
    import asyncio
    from dataclasses import replace

    import condiff
    from condiff.tui.app import make_app
    from condiff.tui.widgets.summary import Summary

    old = replace(condiff.load("sample:2009"), version="2009 as amended to 2015")
    c = condiff.compare(old, condiff.load("sample:2026"), rules=False)
    app = make_app(c, notes_path=tmp_path / "n.yaml", author="T")

    async def drive() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.pause()
            assert "2009 as amended to 2015" in str(app.main.query_one(Summary).content)

    asyncio.run(drive())


@pytest.mark.corpora
def test_kazakhstan_consolidation_is_not_called_by_its_adoption_date(
        capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import raw_path

    code, out, _ = _run(capsys, "diff", str(raw_path("kazakhstan-1995-rev2022-ru.txt")),
                        str(raw_path("kazakhstan-2026-ru.txt")), "-f", "md")
    title = out.splitlines()[0]
    assert code == 1
    assert "as amended 2022" in title and "(1995-08-30)" not in title
