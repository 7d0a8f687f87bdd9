"""The cache of the bundled rule packs' parsed form (``condiff.rules.cache``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from condiff.rules.cache import cached_packs, pack_from_data, pack_to_data
from condiff.rules.packs import Pack, builtin_pack_paths, load_pack


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONDIFF_CACHE_DIR", str(folder))
    monkeypatch.delenv("CONDIFF_NO_CACHE", raising=False)
    return folder


def _refuse(path: Path) -> Pack:
    raise AssertionError(f"parsed {path} although the cache holds it")


class _Recording:
    """A pack parser that remembers what it parsed."""

    def __init__(self) -> None:
        self.parsed: list[Path] = []

    def __call__(self, path: Path) -> Pack:
        self.parsed.append(path)
        return load_pack(path)


def test_every_bundled_pack_round_trips_through_json() -> None:
    for path in builtin_pack_paths():
        pack = load_pack(path)
        data = json.loads(json.dumps(pack_to_data(pack)))
        assert pack_from_data(data) == pack


def test_second_load_comes_from_the_cache(cache: Path) -> None:
    paths = builtin_pack_paths()
    first = cached_packs(paths, load_pack)
    files = list(cache.glob("packs-*.json"))
    assert len(files) == 1
    assert files[0].stat().st_mode & 0o077 == 0  # private to the user
    assert cached_packs(paths, _refuse) == first == tuple(load_pack(p) for p in paths)


def test_a_changed_pack_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    source = builtin_pack_paths()[0]
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    cached_packs([copy], load_pack)
    copy.write_text(copy.read_text(encoding="utf-8").replace("description:", "description: x",
                                                             1), encoding="utf-8")
    parse = _Recording()
    assert cached_packs([copy], parse)[0] == load_pack(copy)
    assert parse.parsed == [copy]
    # The new file replaces the stale one rather than piling up beside it.
    (only,) = cache.glob("packs-*.json")
    assert cached_packs([copy], _refuse)[0] == load_pack(copy)
    assert list(cache.glob("packs-*.json")) == [only]


@pytest.mark.parametrize("damage", ["not json", "[]", '{"schema": 1}', "truncate", "regex"])
def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(cache: Path, damage: str) -> None:
    paths = builtin_pack_paths()
    expected = cached_packs(paths, load_pack)
    (file,) = cache.glob("packs-*.json")
    text = file.read_text(encoding="utf-8")
    if damage == "truncate":
        text = text[: len(text) // 2]
    elif damage == "regex":
        # A catastrophic-backtracking regex slipped into the cache is screened like a pack's.
        data = json.loads(text)
        rule = next(p["rules"][0] for p in data["packs"] if p["rules"])
        lang = next(iter(rule["patterns"]))
        rule["patterns"][lang][0] = ["regex", [], 0, "(a+)+$", 1.0, "/(a+)+$/", 1]
        text = json.dumps(data)
    else:
        text = damage
    file.write_text(text, encoding="utf-8")
    os.chmod(file, 0o600)
    assert cached_packs(paths, load_pack) == expected
    assert cached_packs(paths, _refuse) == expected  # rebuilt


def test_a_cache_file_others_may_write_is_not_read(cache: Path) -> None:
    paths = builtin_pack_paths()
    cached_packs(paths, load_pack)
    (file,) = cache.glob("packs-*.json")
    os.chmod(file, 0o666)
    parse = _Recording()
    cached_packs(paths, parse)
    assert parse.parsed == list(paths)


def test_switched_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONDIFF_NO_CACHE", "1")
    cached_packs(builtin_pack_paths(), load_pack)
    assert not cache.exists()


def test_an_unwritable_cache_folder_costs_only_speed(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CONDIFF_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("CONDIFF_NO_CACHE", raising=False)
    paths = builtin_pack_paths()
    assert cached_packs(paths, load_pack) == tuple(load_pack(p) for p in paths)
