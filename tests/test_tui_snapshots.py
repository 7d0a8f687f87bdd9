"""Snapshots of the review screen with a rights finding selected (after pressing `r`), at the
two sizes the issue names. Update them deliberately with ``pytest --snapshot-update`` after a
visual change, and look at the SVGs under tests/__snapshots__/ before committing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from condiff.tui.app import make_app
from tests.tui_fixture import build_comparison


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_main_screen_rights_finding_selected(snap_compare: Any, tmp_path: Path,
                                             size: tuple[int, int]) -> None:
    app = make_app(build_comparison(), notes_path=tmp_path / "n.notes.yaml", author="T")
    assert snap_compare(app, press=["r"], terminal_size=size)
