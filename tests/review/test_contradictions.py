"""Contradiction checks: a claim against the report's own figures."""

from __future__ import annotations

import pytest

from .familycases import Case, assert_family, fires, silent

WITHIN = "决算基本支出比年初预算超出42.30万元。全年支出严格控制在年初预算范围之内。"

BAD: dict[str, Case] = {
    "claim-within-budget-contradicted": (WITHIN, None),
    "claim-no-overstaffing-contradicted": (
        "本单位无超编现象。",
        {"staffing": {"authorized": 30, "actual": 31}},
    ),
    "claim-all-spent-contradicted": (
        "项目资金已全部使用完毕。",
        {"budget": {"final": {"project": 200}, "actual": {"project": 171}}},
    ),
}
GOOD: dict[str, Case] = {
    "claim-within-budget-contradicted": ("全年支出严格控制在年初预算范围之内。", None),
    "claim-no-overstaffing-contradicted": (
        "本单位无超编现象。",
        {"staffing": {"authorized": 44, "actual": 42}},
    ),
    "claim-all-spent-contradicted": (
        "项目资金已全部使用完毕。",
        {"budget": {"final": {"project": 171}, "actual": {"project": 171}}},
    ),
}


def test_cases_cover_family() -> None:
    assert_family("contradictions", BAD, GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires(code: str) -> None:
    assert fires(code, BAD[code])


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent(code: str) -> None:
    assert silent(code, GOOD[code])


def test_overrun_from_record_figures() -> None:
    case: Case = (
        "支出控制在预算范围之内。",
        {"budget": {"final": {"total": 100}, "actual": {"total": 120}}},
    )
    assert fires("claim-within-budget-contradicted", case)
