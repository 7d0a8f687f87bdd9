"""The core never imports Textual: only ``condiff.tui`` may.

``condiff check`` in a CI pipeline must start fast and must not need a terminal library, and a
library user calling ``condiff.compare`` must not pay for the UI. Each check runs in a fresh
interpreter and inspects ``sys.modules`` after importing every module outside ``condiff.tui``
(and building the CLI parser, which imports every command module, ``review`` included).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = r"""
import importlib, json, pkgutil, sys
import condiff, condiff.pipeline, condiff.cli, condiff.read, condiff.render
failed = {}

def visit(path, prefix):
    for info in pkgutil.iter_modules(path, prefix):
        if info.name in ("condiff.tui", "condiff.__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception as exc:  # a sibling module still being written must not hide a leak
            failed[info.name] = f"{type(exc).__name__}: {exc}"
            continue
        if info.ispkg:
            visit(module.__path__, info.name + ".")

visit(condiff.__path__, "condiff.")
condiff.cli.build_parser()
print(json.dumps({
    "textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")),
    "imported": sorted(m for m in sys.modules if m.startswith("condiff")),
    "failed": failed,
}))
"""


def _probe(code: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_core_never_imports_textual() -> None:
    result = _probe(PROBE)
    assert result["textual"] == [], f"textual loaded by the core: {result['textual']}"
    imported = result["imported"]
    assert isinstance(imported, list)
    for name in ("condiff.pipeline", "condiff.cli", "condiff.read", "condiff.render",
                 "condiff.commands.review"):
        assert name in imported
    # Only the UI's key table (plain data, no Textual), which `review --help` lists.
    tui = {m for m in imported if m.startswith("condiff.tui")}
    assert tui <= {"condiff.tui", "condiff.tui.keys"}, tui


def test_review_ui_does_import_textual() -> None:
    """The probe can see Textual when it is really loaded (the test above is not vacuous)."""
    result = _probe("import json, sys\nimport condiff.tui.app\nprint(json.dumps({'textual': "
                    "sorted(m for m in sys.modules if m.startswith('textual'))}))")
    textual = result["textual"]
    assert isinstance(textual, list) and "textual.app" in textual


#: What Akoma Ntoso and Word interchange load; a CI gate on text, Markdown or YAML needs none.
INTERCHANGE = ("lxml", "docx", "defusedxml")

CHECK_PROBE = r"""
import json, sys
from condiff.cli import main
code = main(["check", *sys.argv[1:], "--fail-on", "all"])
print(json.dumps({"code": code, "loaded": sorted(
    m for m in sys.modules if m.split(".")[0] in INTERCHANGE)}))
""".replace("INTERCHANGE", repr(INTERCHANGE))


def _check_probe(tmp_path: Path, *inputs: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", CHECK_PROBE, *inputs], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_check_imports_no_interchange_library(tmp_path: Path) -> None:
    """``condiff check`` on YAML and on plain text whose name gives no format (so its content
    is sniffed for an Akoma Ntoso namespace) loads neither lxml nor python-docx."""
    old = tmp_path / "old-version"
    new = tmp_path / "new-version"
    old.write_text("Article 1\nEveryone may join a union and strike.\n", encoding="utf-8")
    new.write_text("Article 1\nEveryone may join a union.\n", encoding="utf-8")
    for inputs in (("sample:2009", "sample:2026"), (str(old), str(new))):
        result = _check_probe(tmp_path, *inputs)
        assert result["code"] in (0, 1)
        assert result["loaded"] == [], result


def test_check_probe_sees_lxml_for_akn_input(tmp_path: Path) -> None:
    """The probe is not vacuous: an Akoma Ntoso input does load lxml."""
    fixture = Path(__file__).resolve().parent / "fixtures" / "akn" / "westminster-direct.akn.xml"
    result = _check_probe(tmp_path, str(fixture), str(fixture))
    assert "lxml" in result["loaded"]  # type: ignore[operator]
