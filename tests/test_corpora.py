"""Bundled corpora, the ``condiff corpora`` command, the registry and the Kazakhstan notes file."""

from __future__ import annotations

import hashlib
import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from condiff.cli import main
from condiff.corpora import (
    BUNDLED,
    DATA_DIR,
    finding_matches,
    list_bundled,
    load_expected,
    lookup,
    refs_overlap,
    resolve,
)
from condiff.errors import CondiffError

from .conftest import ROOT, corpora_raw_dir, raw_path

NAMES = {n for b in BUNDLED for n in (b.name, *b.aliases)}


# --- names ------------------------------------------------------------------------------------

def test_resolve_bundled_names_and_aliases() -> None:
    old = resolve("sample:2009")
    assert old.name == "veridia-2009.yaml" and old.is_file()
    assert resolve("sample:veridia-2009") == old
    assert resolve("SAMPLE:2009") == old
    assert resolve("sample:old") == old
    assert resolve("sample:2026").name == "veridia-2026.yaml"
    assert resolve("sample:new") == resolve("sample:2026")


@pytest.mark.parametrize("name", [
    "sample:../../etc/passwd",
    "sample:/etc/passwd",
    "sample:2009/../../x",
    "sample:..",
    "../sample:2009",
    "sample:2009\\..\\x",
    "sample:2009\x00",
    "sample:",
    "nope:2009",
    "sample:1999",
])
def test_resolve_refuses_unknown_names_and_naming_the_allowed_ones(name: str) -> None:
    with pytest.raises(CondiffError) as info:
        resolve(name)
    assert "sample:2009" in str(info.value) and "sample:2026" in str(info.value)


@given(st.text(max_size=40))
def test_resolve_never_leaves_the_data_folder(name: str) -> None:
    try:
        path = resolve(name)
    except CondiffError:
        assert name.strip().casefold() not in NAMES
        return
    assert name.strip().casefold() in NAMES
    assert path.resolve().is_relative_to(DATA_DIR.resolve())


def test_list_bundled_files_exist_inside_the_package() -> None:
    bundled = list_bundled()
    assert [b.name for b in bundled] == ["sample:2009", "sample:2026", "lorvan:2001",
                                         "lorvan:2008", "lorvan:2015", "lorvan:2022"]
    for b in bundled:
        assert b.path.is_file()
        assert b.path.resolve().is_relative_to(DATA_DIR.resolve())
        assert lookup(b.name) is b


# --- command line -----------------------------------------------------------------------------

def test_corpora_list_prints_one_line_per_bundled_document(capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    assert main(["corpora", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(BUNDLED)
    for line, version in zip(lines, ("2009", "2026"), strict=False):
        assert line.startswith(f"sample:{version}")
        assert "Republic of Veridia" in line and f" {version} " in line
        assert " en " in line and re.search(r"\b\d+ articles$", line)
    for line, version in zip(lines[2:], ("2001", "2008", "2015", "2022"), strict=True):
        assert line.startswith(f"lorvan:{version}") and "Republic of Lorvan" in line


def test_corpora_list_registry_adds_the_real_texts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpora", "list", "--registry"]) == 0
    out = capsys.readouterr().out
    assert "kazakhstan-2026-ru" in out and "kazakhstan-1995-rev2022-ru" in out


def test_corpora_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpora", "show", "sample:2026"]) == 0
    out = capsys.readouterr().out
    assert "name: sample:2026" in out and "articles: 69" in out and "ground truth:" in out
    assert main(["corpora", "show", "kazakhstan-2026-ru"]) == 0
    assert "source.document: K2600000000" in capsys.readouterr().out
    assert main(["corpora", "show", "sample:../x"]) == 2
    assert "sample:2009" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "labels"), [
    ("sample:2009", ["Preamble", "Art. 24 — Labour", "Art. 45-1", "Art. 54 [repealed]"]),
    ("sample:2026", ["Preamble", "Art. 27 — Labour", "Art. 44 — The Vice-President",
                     "Art. 52 — The People's Council"]),
])
def test_parse_bundled_name_prints_outline(name: str, labels: list[str],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", name]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Constitution of the Republic of Veridia\n")
    assert "article 69" in out
    for label in labels:
        assert label in out


def test_corpora_verify(tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
                        ) -> None:
    other = tmp_path / "other.txt"  # type: ignore[operator]
    other.write_text("not a constitution", encoding="utf-8")
    assert main(["corpora", "verify", str(other)]) == 1
    assert "not a registered reference text" in capsys.readouterr().out
    real = raw_path("kazakhstan-2026-ru.txt")
    assert main(["corpora", "verify", str(real)]) == 0
    assert "matches kazakhstan-2026-ru" in capsys.readouterr().out


# --- registry ---------------------------------------------------------------------------------

def _registry() -> list[dict]:
    data = yaml.safe_load((DATA_DIR / "registry.yaml").read_text(encoding="utf-8"))
    assert data["condiff-registry"] == 1
    return data["texts"]


def test_registry_entries_are_complete() -> None:
    texts = _registry()
    ids = [t["id"] for t in texts]
    assert len(ids) == len(set(ids))
    assert {"kazakhstan-1995-rev2022-ru", "kazakhstan-2026-ru"} <= set(ids)
    for t in texts:
        for key in ("title", "country", "version", "adopted", "language", "source", "file",
                    "sha256", "bytes", "articles", "licence"):
            assert key in t, (t["id"], key)
        assert re.fullmatch(r"[0-9a-f]{64}", t["sha256"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["adopted"])
        assert t["source"]["system"] and t["source"]["document"]
    kz = {t["id"]: t for t in texts}
    assert kz["kazakhstan-2026-ru"]["source"]["document"] == "K2600000000"
    assert kz["kazakhstan-1995-rev2022-ru"]["source"]["document"] == "K950001000_"


def test_registry_hashes_match_the_reference_files() -> None:
    folder = corpora_raw_dir()
    if not folder.is_dir():
        pytest.skip(f"reference corpora folder {folder} not found (set CONDIFF_CORPORA_RAW)")
    checked = 0
    for t in _registry():
        path = folder / t["file"]
        if not path.is_file():
            continue
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == t["sha256"], t["id"]
        assert len(data) == t["bytes"], t["id"]
        checked += 1
    assert checked >= 2


def test_registry_article_counts_match_the_kazakhstan_texts() -> None:
    pytest.importorskip("condiff.read.text_format", reason="plain-text reader not available yet")
    from condiff.read import read_document

    counts = {t["id"]: t["articles"] for t in _registry()}
    for rid in ("kazakhstan-1995-rev2022-ru", "kazakhstan-2026-ru"):
        doc = read_document(str(raw_path(f"{rid}.txt")))
        assert sum(1 for u in doc.units() if u.kind == "article") == counts[rid], rid


def test_repository_registry_is_the_packaged_one() -> None:
    repo = ROOT / "corpora" / "registry.yaml"
    if not repo.exists():
        pytest.skip("no corpora/registry.yaml in this checkout")
    assert repo.resolve() == (DATA_DIR / "registry.yaml").resolve()


# --- expected-findings helpers ----------------------------------------------------------------

def test_refs_overlap_and_finding_matches() -> None:
    assert refs_overlap([], ["1"])
    assert refs_overlap(["24.3"], ["24.3"])
    assert refs_overlap(["18"], ["18.4"]) and refs_overlap(["18.4"], ["18"])
    assert not refs_overlap(["1"], ["18"]) and not refs_overlap(["24.3"], ["24.30"])
    assert refs_overlap(["24.3"], [])  # nothing reported on that side: not compared
    strike = next(f for f in load_expected()["findings"] if f["topic"] == "strike")
    assert finding_matches(strike, "strike", "removed", ["24.3"], ["27.3"])
    assert not finding_matches(strike, "strike", "weakened", ["24.3"], ["27.3"])
    env = next(f for f in load_expected()["findings"] if f["topic"] == "env")
    assert finding_matches(env, "env", "added", [], ["33"])


# --- Kazakhstan notes -------------------------------------------------------------------------

NOTES = ROOT / "corpora" / "kazakhstan" / "notes-1995-2026.yaml"


def _notes() -> dict:
    if not NOTES.is_file():
        pytest.skip(f"{NOTES} not in this checkout")
    data: dict = yaml.safe_load(NOTES.read_text(encoding="utf-8"))
    return data


def test_notes_file_follows_the_notes_format() -> None:
    data = _notes()
    assert data["condiff-notes"] == 1
    assert set(data) <= {"condiff-notes", "old", "new", "notes"}
    refs = set()
    for note in data["notes"]:
        assert set(note) <= {"ref", "author", "text", "tags", "created"}
        assert re.fullmatch(r"(old|new):[0-9][0-9.-]*", note["ref"]), note["ref"]
        assert note["author"] and len(note["text"]) > 40
        assert isinstance(note.get("tags", []), list)
        refs.add(note["ref"])
    for must in ("old:24.3", "new:27.3", "old:4.3", "new:5.3", "new:6.5", "new:85.2"):
        assert must in refs


def test_notes_file_loads_with_the_notes_module() -> None:
    notes_mod = pytest.importorskip("condiff.notes", reason="condiff.notes not available yet")
    notes = notes_mod.load_notes(NOTES)
    assert len(notes) == len(_notes()["notes"])


def test_notes_refs_resolve_in_the_real_texts() -> None:
    pytest.importorskip("condiff.read.text_format", reason="plain-text reader not available yet")
    from condiff.read import read_document

    data = _notes()
    docs = {
        "old": read_document(str(raw_path("kazakhstan-1995-rev2022-ru.txt"))),
        "new": read_document(str(raw_path("kazakhstan-2026-ru.txt"))),
    }
    for note in data["notes"]:
        side, ref = note["ref"].split(":", 1)
        assert docs[side].find(ref) is not None, note["ref"]
    # The facts the notes rest on (single keywords only; the texts themselves stay outside).
    assert "забастовк" in docs["old"].find("24.3").text
    assert "забастовк" not in docs["new"].find("27.3").text
    assert "приоритет" in docs["old"].find("4.3").text
    assert "приоритет" not in docs["new"].find("5.3").text
    assert "Президент" in docs["new"].find("85.2").text
