"""The stages of reviewing one document, each one swappable function call.

read → extract → score → check. The score and check stages call the ``jixiao.score``
and ``jixiao.review`` packages when they are installed, and otherwise return nothing,
so a batch runs (reading and extracting) even before those packages exist.
Their results are reduced to plain JSON-ready values here, so that the rest of the
batch package never depends on their classes.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from jixiao.extract import Extraction
from jixiao.model.document import Document
from jixiao.pipeline import load_document
from jixiao.readers import read_bytes

JSONValue = Any


def read_stage(data: bytes, name: str) -> Document:
    """Read the bytes of a document as the format its name says."""
    return read_bytes(data, name=name)


def extract_stage(document: Document) -> Extraction:
    """Extract the record (raises `SourceError` when the file is not a report)."""
    return load_document(document)


@cache
def _module(name: str, entry: str) -> Any:
    """The module `name` when it exists and already offers `entry` (packages in progress)."""
    if find_spec(name) is None:
        return None
    module = import_module(name)
    return module if callable(getattr(module, entry, None)) else None


def plain(value: Any) -> JSONValue:
    """A JSON-ready copy of `value` (dataclasses, pydantic models, Decimal, enums)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if callable(getattr(value, "to_dict", None)):
        return plain(value.to_dict())
    if hasattr(value, "model_dump"):
        return plain(value.model_dump(mode="json"))
    if hasattr(value, "__dataclass_fields__"):
        return {k: plain(getattr(value, k)) for k in value.__dataclass_fields__}
    return str(value)


@cache
def _profile(name: str | None) -> Any:
    score = _module("jixiao.score", "load_profile")
    if score is None or name is None:
        return None
    return score.load_profile(name)


def score_stage(extraction: Extraction, profile: str | None) -> Any:
    """Score the record with the named profile (or the one chosen for it); None if unavailable."""
    score = _module("jixiao.score", "score_record")
    if score is None:
        return None
    chosen = _profile(profile) if profile else score.choose_profile(extraction.record)
    return score.score_record(extraction.record, chosen)


def check_stage(extraction: Extraction, profile: str | None) -> list[dict[str, JSONValue]]:
    """Run the review checks; each finding as a plain dict (code, severity, message, ...)."""
    review = _module("jixiao.review", "review")
    if review is None:
        return []
    findings = review.review(extraction, _profile(profile) if profile else None)
    return [finding_dict(f) for f in findings]


def finding_dict(finding: Any) -> dict[str, JSONValue]:
    """A finding as a dict with at least code, severity, message, location and evidence."""
    data = plain(finding)
    if not isinstance(data, dict):
        data = {"message": str(data)}
    for key in ("code", "severity", "message", "location", "evidence"):
        data.setdefault(key, None)
    if data["location"] is not None and not isinstance(data["location"], str):
        data["location"] = str(data["location"])
    return data


def _get(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def score_summary(result: Any) -> dict[str, JSONValue]:
    """The scalars of a score result that the summary shows (None where unknown)."""
    data = plain(result) if result is not None else {}
    return {
        "execution_rate": _get(data, "budget_execution.rate_percent"),
        "score_computed": _get(data, "total.computed"),
        "grade_computed": _get(data, "grade.computed"),
        "profile": _get(data, "profile"),
    }
