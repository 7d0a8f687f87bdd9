"""The rights findings against the hand labels of real pairs (``../shared/labels``), through
``benchmarks/rights_eval.py``: every labelled pair run both ways. The labels are facts to
evaluate against; the test reads them where they are and skips, saying why, when they or the
texts are absent."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT, corpora_raw_dir

pytestmark = [pytest.mark.slow, pytest.mark.corpora]

#: Most false removals allowed per label file: a false "removed" is the costliest error.
TARGETS = {"rights-dev.yaml": 2, "rights-dev-es.yaml": 1}


def _eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rights_eval",
                                                  ROOT / "benchmarks" / "rights_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["rights_eval"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_false_removals_stay_within_target(name: str) -> None:
    labels = ROOT.parent / "shared" / "labels" / name
    if not labels.is_file():
        pytest.skip(f"label file {labels} not found")
    if not corpora_raw_dir().is_dir():
        pytest.skip(f"real texts not found in {corpora_raw_dir()}")
    rights_eval = _eval()
    runs = rights_eval.evaluate(Path(labels), jobs=2)
    done = [r for r in runs if not r.skipped]
    if not done:
        pytest.skip(f"none of the texts labelled in {name} is in {corpora_raw_dir()}")
    summary = rights_eval.summary(runs)
    report = "\n".join(rights_eval.report(name, runs))
    assert summary["false_removed"] <= TARGETS[name], report
    # Every run was scored against labels: a broken reader or pack shows as zero recall.
    assert summary["removed_n"] and summary["removed_tp"] > 0, report
