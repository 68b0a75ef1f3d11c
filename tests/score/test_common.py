"""Tests of jixiao.score.common: the 53号 common indicators, with 数据不足 when inputs miss."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.record import Record
from jixiao.score.common import common_indicators
from jixiao.score.result import CommonIndicator

D = Decimal

FULL = {
    "staffing": {"authorized": 40, "actual": 38},
    "budget": {
        "initial": {"total": 1000},
        "final": {"total": 1100, "project": 200},
        "actual": {"total": 1078, "project": 180, "public": 60},
    },
    "three_public": {"budget": {"total": 20}, "actual": {"total": 15}},
    "projects": [{"name": "宣传项目", "budget": 50, "actual": 45}],
}


def _by_name(record: Record) -> dict[str, CommonIndicator]:
    return {c.name: c for c in common_indicators(record)}


def test_values_and_formulas() -> None:
    got = _by_name(Record.model_validate(FULL))
    assert got["在职人员控制率"].value == D("95.00")
    assert got["“三公经费”控制率"].value == D("75.00")
    assert got["预算执行率"].value == D("98.00")
    assert got["预算调整率"].value == D("10.00")
    assert got["项目支出预算执行率"].value == D("90.00")
    assert got["项目预算执行率：宣传项目"].value == D("90.00")
    assert got["在职人员控制率"].inputs == {"在职人数": D(38), "编制数": D(40)}
    assert "编制数" in got["在职人员控制率"].formula


def test_fields_the_record_lacks_are_insufficient() -> None:
    got = _by_name(Record.model_validate(FULL))
    for name in ("“三公经费”变动率", "公用经费控制率", "政府采购执行率"):
        assert got[name].status == "insufficient", name
        assert got[name].value is None
        assert got[name].explanation.startswith("数据不足")


def test_missing_input_is_insufficient_not_guessed() -> None:
    got = _by_name(Record())
    assert all(c.status == "insufficient" and c.value is None for c in got.values())
    assert "编制数" in got["在职人员控制率"].explanation


def test_zero_base_is_not_applicable() -> None:
    record = Record.model_validate({"three_public": {"budget": {"total": 0},
                                                     "actual": {"total": 0}}})
    assert _by_name(record)["“三公经费”控制率"].status == "not_applicable"


def test_order_is_framework_then_projects() -> None:
    names = [c.name for c in common_indicators(Record.model_validate(FULL))]
    assert names[0] == "在职人员控制率"
    assert names[-1] == "项目预算执行率：宣传项目"
    assert "政府采购执行率" in names
