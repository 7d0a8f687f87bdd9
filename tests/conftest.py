"""Shared fixtures.

The real constitution texts are never copied into the project: tests read them from
``../shared/corpora-raw`` (override with ``CONDIFF_CORPORA_RAW``) and skip, saying why, when they
are absent.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# The bundled rule packs' cache (condiff.rules.cache) goes to a folder of this run, not the
# user's home; subprocesses the tests start inherit it.
if "CONDIFF_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="condiff-test-cache-")
    os.environ["CONDIFF_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, True)

settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def corpora_raw_dir() -> Path:
    """Folder of the real texts (may not exist)."""
    env = os.environ.get("CONDIFF_CORPORA_RAW")
    return Path(env) if env else ROOT.parent / "shared" / "corpora-raw"


def raw_path(name: str) -> Path:
    """Path of one real text; skips the test with a clear reason when it is absent."""
    path = corpora_raw_dir() / name
    if not path.is_file():
        pytest.skip(
            f"real text {name} not found in {corpora_raw_dir()} "
            "(set CONDIFF_CORPORA_RAW to the folder holding the reference corpora)"
        )
    return path


@pytest.fixture
def corpora_raw() -> Path:
    """The real-texts folder; skips when absent."""
    d = corpora_raw_dir()
    if not d.is_dir():
        pytest.skip(f"reference corpora folder {d} not found (set CONDIFF_CORPORA_RAW)")
    return d
