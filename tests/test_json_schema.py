"""The ``condiff.diff/1`` JSON Schema: valid, shipped in the package, true of real output."""

from __future__ import annotations

import copy
import importlib.util
import json
from typing import Any

import jsonschema
import pytest

from condiff.render.schema import load

from .report_helpers import assert_golden, comparison, sample_comparison

#: The contract as issue 4 states it (the example every consumer starts from).
CONTRACT_EXAMPLE: dict[str, Any] = {
    "schema": "condiff.diff/1",
    "old": {"title": "...", "version": "...", "language": "ru"},
    "new": {"title": "...", "version": "...", "language": "ru"},
    "alignment": [
        {"old": ["24"], "new": ["27"], "kind": "modified", "score": 0.78,
         "matched_by": "content",
         "paragraphs": [{"old": "24.3", "new": "27.3", "kind": "modified",
                         "ops": [["=", "text"], ["-", "deleted"], ["+", "inserted"]]}]},
    ],
    "findings": [],
}

FINDING: dict[str, Any] = {
    "topic": "strike", "title": "Right to strike", "kind": "removed", "severity": "high",
    "confidence": 0.9, "old": ["24.3"], "new": ["27.3"],
    "old_spans": [{"ref": "24.3", "start": 4, "end": 19, "text": "right to strike"}],
    "new_spans": [], "category": "labour", "annotation": "…", "references": ["ICESCR art. 8"],
    "detail": "", "notes": [{"ref": "old:24.3", "text": "gone", "author": "A. Reviewer",
                             "tags": ["strike"], "created": ""}],
}


def _validator() -> jsonschema.Draft202012Validator:
    schema = load()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_valid_and_accepts_the_contract_example() -> None:
    v = _validator()
    v.validate(CONTRACT_EXAMPLE)
    full = copy.deepcopy(CONTRACT_EXAMPLE)
    full["findings"] = [FINDING]
    full["notes"] = FINDING["notes"]
    v.validate(full)


def _broken(path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(CONTRACT_EXAMPLE)
    doc["findings"] = [copy.deepcopy(FINDING)]
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["schema"], "condiff.diff/2"),
        (["alignment"], KeyError),
        (["alignment", 0, "kind"], "shuffled"),
        (["alignment", 0, "matched_by"], "magic"),
        (["alignment", 0, "score"], 1.5),
        (["alignment", 0, "paragraphs", 0, "ops", 0], ["*", "x"]),
        (["alignment", 0, "paragraphs", 0, "ops", 0], ["=", "x", "y"]),
        (["findings", 0, "kind"], "deleted"),
        (["findings", 0, "severity"], "severe"),
        (["findings", 0, "old_spans", 0], ["24.3", 4, 19]),
        (["findings", 0, "notes", 0, "ref"], "24.3"),
        (["findings", 0, "notes", 0, "tags"], "strike"),
        (["findings", 0, "confidence"], KeyError),
    ],
)
def test_schema_rejects_broken_output(path: list[Any], value: Any) -> None:
    errors = list(_validator().iter_errors(_broken(path, value)))
    assert errors, f"schema accepted {path} = {value!r}"


def test_schema_ships_as_package_data() -> None:
    from importlib import resources

    names = {p.name for p in resources.files("condiff.render.schema").iterdir()}
    assert "condiff.diff-1.schema.json" in names


def _json_renderer() -> Any:
    if importlib.util.find_spec("condiff.render.json") is None:
        pytest.skip("condiff/render/json.py is not there yet")
    from condiff.render import json as json_renderer

    return json_renderer


def test_real_json_output_validates() -> None:
    renderer = _json_renderer()
    c = comparison()
    data = json.loads(renderer.render(c))
    _validator().validate(data)
    assert data["schema"] == "condiff.diff/1"
    assert len(data["alignment"]) == len(c.alignment)
    assert [f["topic"] for f in data["findings"]] == [f.topic for f in c.findings]
    spans = data["findings"][1]["old_spans"]
    assert spans == [{"ref": "24.3", "start": 4, "end": 19, "text": "right to strike"}]
    assert data["findings"][1]["notes"][0]["tags"] == ["strike", "follow-up"]


def test_real_json_output_is_deterministic() -> None:
    renderer = _json_renderer()
    assert renderer.render(comparison()) == renderer.render(comparison())


def test_golden_sample_json() -> None:
    renderer = _json_renderer()
    text = renderer.render(sample_comparison())
    _validator().validate(json.loads(text))
    assert_golden("sample-diff.json", text)
