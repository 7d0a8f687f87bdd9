"""JSON Schemas of condiff's machine-readable outputs, shipped as package data.

``condiff.diff-1.schema.json`` describes ``condiff diff --format json`` (``"schema":
"condiff.diff/1"``); ``condiff.history-1.schema.json`` describes ``condiff history --format
json`` (``"condiff.history/1"``), whose steps refer to the diff schema's definitions by
relative ``$ref`` (keep the two files side by side). Consumers in other languages can validate
against the files directly; Python code can use :func:`load`.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

#: Schema id → file name in this package.
SCHEMAS: dict[str, str] = {
    "condiff.diff/1": "condiff.diff-1.schema.json",
    "condiff.history/1": "condiff.history-1.schema.json",
}


def load(schema: str = "condiff.diff/1") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one of condiff's outputs, as a dict.

    The finding kinds and reason codes come from the model's tables
    (:data:`~condiff.model.FINDING_KIND_TABLE`, :data:`~condiff.model.REASONS`), so the schema
    Python validates against can never lag behind them; the shipped file holds the same lists
    for consumers in other languages (a test keeps the two equal).
    """
    from ...model import FINDING_KINDS, REASONS

    text = resources.files(__name__).joinpath(SCHEMAS[schema]).read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    finding = result.get("$defs", {}).get("finding", {}).get("properties", {})
    if "kind" in finding:
        finding["kind"]["enum"] = list(FINDING_KINDS)
    if "reasons" in finding:
        finding["reasons"]["items"]["enum"] = list(REASONS)
    return result


def shipped(schema: str = "condiff.diff/1") -> dict[str, Any]:
    """The schema file exactly as shipped (what consumers in other languages read)."""
    text = resources.files(__name__).joinpath(SCHEMAS[schema]).read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
