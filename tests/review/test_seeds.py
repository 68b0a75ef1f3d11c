"""Acceptance on the five seed reports: the pipeline, then the review, finds what a reviewer finds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jixiao.model.record import Record
from jixiao.pipeline import load
from jixiao.review import Finding, Severity, review

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"needs the seed reports under {SEEDS}")

#: (seed stem prefix, code, figures that the message must name)
EXPECTED = [
    ("004", "budget-total-mismatch", ("1853.89", "1644.56", "824.2")),
    ("002", "staff-control-rate-mismatch", ("60", "35", "21")),
    ("003", "stated-parts-short-of-total", ("971.21", "719.29", "154.91", "14.51", "9.12")),
    ("003", "claim-within-budget-contradicted", ("176.59",)),
    ("001", "change-amount-mismatch", ("21.76", "1326.27", "1304.57")),
    ("001", "project-list-sum-mismatch", ("236", "275.61")),
    ("001", "part-exceeds-whole", ("880.51", "1269.21")),
    ("002", "budget-adjusted-far", ("150.13", "70.66")),
    ("001", "personal-mobile-number", ()),
    ("001", "indicator-actual-missing", ()),
    ("002", "score-above-weight", ("98", "10")),
    ("002", "projects-fewer-than-stated", ("7", "3")),
]


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module")
def findings() -> dict[str, list[Finding]]:
    return {prefix: review(load(_seed(prefix))) for prefix in ("000", "001", "002", "003", "004")}


@pytest.mark.parametrize(("prefix", "code", "figures"), EXPECTED)
def test_reviewer_finding_is_reported(
    findings: dict[str, list[Finding]], prefix: str, code: str, figures: tuple[str, ...]
) -> None:
    matching = [f for f in findings[prefix] if f.code == code]
    assert matching, f"{code} not found in seed {prefix}"
    assert any(all(x in f.message for x in figures) for f in matching)


def test_one_defect_seen_twice_is_one_finding_with_both_places(
    findings: dict[str, list[Finding]],
) -> None:
    (listed,) = [f for f in findings["001"] if f.code == "project-list-sum-mismatch"]
    assert "figure-stated-differently" not in {f.code for f in findings["001"]}
    assert len(listed.refs) == 2
    (total,) = [f for f in findings["004"] if f.code == "budget-total-mismatch"]
    assert len({r.row for r in total.refs}) == 2


def _resolve(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"any_of"}:
            return _resolve(value["any_of"][0])
        return {k: _resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    return value


#: Known defects of the seeds, corrected so that the gold records are consistent.
CORRECTIONS: dict[str, dict[str, Any]] = {
    "004": {"budget": {"final": {"total": 2468.76}, "actual": {"total": 2468.76}}},
}


def _merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    for key, value in patch.items():
        base[key] = _merge(base.get(key, {}), value) if isinstance(value, dict) else value
    return base


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_corrected_gold_record_has_no_error(prefix: str) -> None:
    data = _resolve(json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text(encoding="utf-8")))
    record = Record.model_validate(_merge(data, CORRECTIONS.get(prefix, {})))
    errors = [f for f in review(record) if f.severity is Severity.ERROR]
    assert errors == []


def test_uncorrected_gold_record_shows_its_defect() -> None:
    data = _resolve(json.loads(next(GOLD.glob("004_*.json")).read_text(encoding="utf-8")))
    assert "budget-total-mismatch" in {f.code for f in review(Record.model_validate(data))}
