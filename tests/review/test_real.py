"""Acceptance on the real excerpts: every verified defect is found, with its figures, in one finding."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.pipeline import load
from jixiao.review import Finding, review

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real"
DEFECTS = REAL / "findings.json"

pytestmark = pytest.mark.skipif(
    not DEFECTS.is_file(), reason="../shared/real is not beside the checkout"
)

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _defects() -> list[dict[str, Any]]:
    return json.loads(DEFECTS.read_text(encoding="utf-8")) if DEFECTS.is_file() else []


def _numbers(finding: Finding) -> set[Decimal]:
    text = finding.message + " " + " ".join(str(v) for v in finding.evidence.values())
    return {Decimal(n) for n in _NUMBER.findall(text)}


def matches(finding: Finding, defect: dict[str, Any]) -> bool:
    """True when one finding names every required figure, one of the alternatives and a keyword."""
    found = _numbers(finding)
    if not all(Decimal(str(n)) in found for n in defect.get("numbers", [])):
        return False
    alternatives = defect.get("any_numbers", [])
    if alternatives and not any(Decimal(str(n)) in found for n in alternatives):
        return False
    words = defect.get("keywords_any", [])
    return not words or any(w in finding.message for w in words)


@pytest.mark.parametrize("defect", _defects(), ids=lambda d: d["id"])
def test_verified_defect_is_found(defect: dict[str, Any]) -> None:
    findings = review(load(REAL / "reports" / f"{defect['doc']}.txt"))
    assert any(matches(f, defect) for f in findings), [f.message for f in findings]
