"""Tests of jixiao.score.engine: whole records, totals, grades, and seed 002's gold record."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.model.record import Record
from jixiao.score import grade_for, load_profile, score_record

D = Decimal
GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold" / "seeds"


@pytest.mark.parametrize(
    ("score", "grade"),
    [("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"),
     ("59.99", "差"), ("0", "差"), ("-1", "差")],
)
def test_grade_bounds(score: str, grade: str) -> None:
    assert grade_for(D(score), load_profile("mof-2020")) == grade


def _first(value: Any) -> Any:
    """Resolve a gold ``{"any_of": [...]}`` to its first option, recursively."""
    if isinstance(value, dict):
        if set(value) == {"any_of"}:
            return _first(value["any_of"][0])
        return {k: _first(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_first(v) for v in value]
    return value


@pytest.fixture(scope="module")
def seed002() -> Record:
    if not GOLD.is_dir():
        pytest.skip("needs the gold records under ../shared/gold/seeds")
    (path,) = GOLD.glob("002_*.json")
    record = Record.model_validate(_first(json.loads(path.read_text("utf-8"))))
    assert record.budget.final.total == D("982.6")
    assert record.budget.actual.total == D("982.21")
    return record


def test_seed002_profile_and_budget(seed002: Record) -> None:
    result = score_record(seed002)
    assert result.profile == "hunan-dept"  # 一级指标 include 成本指标
    be = result.budget_execution
    assert (be.rate, be.computed, be.claimed) == (D("0.9996"), D(10), None)
    assert "982.21 ÷ 982.6 = 99.96%" in be.explanation


def test_seed002_every_claim_explained(seed002: Record) -> None:
    result = score_record(seed002)
    assert len(result.indicators) == len(seed002.indicators)
    for s in result.indicators:
        assert s.claimed is not None and s.computed is not None, s.name
        assert s.explanation and f"自评 {s.claimed.normalize():f}" in s.explanation, s.name


def test_seed002_rules_reproduce_determined_claims(seed002: Record) -> None:
    result = score_record(seed002)
    determined = [s for s in result.indicators if s.kind in ("quantitative", "deadline")]
    agree = [s for s in determined if s.claimed == s.computed]
    assert len(determined) == 9
    assert len(agree) == 8


def test_seed002_cost_claim_departs(seed002: Record) -> None:
    result = score_record(seed002)
    (departs,) = [s for s in result.indicators if "claim_differs" in s.flags]
    assert departs.level1 == "成本指标"
    assert (departs.claimed, departs.computed) == (D(19), D("19.38"))
    assert "812.38" in departs.explanation and "837.48" in departs.explanation


def test_seed002_totals(seed002: Record) -> None:
    result = score_record(seed002)
    assert result.total.claimed == D(98)
    assert result.total.claimed_sum == D(88)
    assert result.total.computed == D("98.38")
    assert (result.grade.computed, result.grade.of_claimed_total) == ("优", "优")
    by_key = {lv.key: lv for lv in result.level1}
    assert by_key["成本"].computed == D("19.38")
    assert by_key["产出"].weight == by_key["产出"].profile_weight == D(40)


def test_incomplete_total_reports_partial() -> None:
    record = Record.model_validate({
        "budget": {"final": {"total": 100}, "actual": {"total": 100}},
        "indicators": [
            {"name": "甲", "level1": "产出指标", "target": "≥2次", "actual": "2次", "weight": 50},
            {"name": "乙", "level1": "效益指标", "target": "有效", "actual": "达成", "weight": 40},
        ],
    })
    result = score_record(record, load_profile("mof-2020"))
    assert result.total.computed is None
    assert result.total.partial == D(60)
    assert result.total.incomplete == (1,)
    assert "第2项指标" in result.total.explanation
    assert result.grade.computed is None


def test_no_indicators() -> None:
    result = score_record(Record())
    assert result.profile == "mof-2020"
    assert result.total.computed is None
    assert result.budget_execution.computed is None
    assert result.budget_execution.explanation.startswith("数据不足")


def test_zero_final_budget() -> None:
    record = Record.model_validate({"budget": {"final": {"total": 0}, "actual": {"total": 0}}})
    assert score_record(record).budget_execution.rate is None


def test_budget_capped_and_explained() -> None:
    record = Record.model_validate({"budget": {"final": {"total": 100}, "actual": {"total": 120}}})
    be = score_record(record).budget_execution
    assert be.computed == D(10) and "封顶" in be.explanation


def test_json_shape(seed002: Record) -> None:
    data = score_record(seed002).to_dict()
    assert set(data) >= {"indicators", "budget_execution", "total", "grade", "common_indicators"}
    first = data["indicators"][0]
    assert set(first) >= {"name", "claimed", "computed", "explanation"}
    assert set(data["budget_execution"]) >= {"rate", "score"}
    assert data["total"]["computed"] == 98.38
    assert set(data["common_indicators"][0]) >= {"name", "value", "formula", "inputs"}
    json.dumps(data, ensure_ascii=False)  # serialisable as is
