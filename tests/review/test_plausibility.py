"""Plausibility checks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .familycases import Case, assert_family, fires, silent
from .helpers import run

BAD: dict[str, Case] = {
    "execution-rate-low": ("", {"projects": [{"name": "会议经费", "budget": 40, "actual": 18.20}]}),
    "spending-over-budget": ("", {"budget": {"final": {"total": 950}, "actual": {"total": 1000}}}),
    "staff-over-establishment": ("", {"staffing": {"authorized": 30, "actual": 31}}),
    "budget-adjusted-far": (
        "",
        {
            "budget": {
                "initial": {"project": 120},
                "final": {"project": 58.4},
                "actual": {"project": 58.1},
            }
        },
    ),
}
GOOD: dict[str, Case] = {
    "execution-rate-low": ("", {"projects": [{"name": "会议经费", "budget": 40, "actual": 38}]}),
    "spending-over-budget": ("", {"budget": {"final": {"total": 1000}, "actual": {"total": 990}}}),
    "staff-over-establishment": ("", {"staffing": {"authorized": 44, "actual": 42}}),
    "budget-adjusted-far": (
        "",
        {
            "budget": {
                "initial": {"project": 120},
                "final": {"project": 108},
                "actual": {"project": 100},
            }
        },
    ),
}


def test_cases_cover_family() -> None:
    assert_family("plausibility", BAD, GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires(code: str) -> None:
    assert fires(code, BAD[code])


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent(code: str) -> None:
    assert silent(code, GOOD[code])


def test_staff_over_establishment_stated_in_prose() -> None:
    text = "本单位核定编制30人。其中：行政编制30人（含工勤编制4人）。年末在职在编实有人员36人。"
    (finding,) = run("staff-over-establishment", text)
    assert "36" in finding.message and "30" in finding.message
    parts = (
        "人员编制50名（不含自收自支单位），其中：行政编制10名，事业编制40名。年末实有在职人数50人。"
    )
    assert silent("staff-over-establishment", (parts, None))


def test_budget_adjustment_from_prose_names_spending_against_the_initial_budget() -> None:
    text = "年初预算专项资金共5个，共120.00万元，实际支出58.10万元。"
    record = {"budget": {"final": {"project": 58.4}, "actual": {"project": 58.1}}}
    (finding,) = run("budget-adjusted-far", text, record)
    assert all(x in finding.message for x in ("120.00", "58.4", "调减", "为年初预算的48.42%"))


def test_budget_adjustment_threshold_comes_from_the_profile() -> None:
    from jixiao.review import get_check, review
    from jixiao.score import load_profile

    from .helpers import context

    record = {"budget": {"initial": {"total": 100}, "final": {"total": 125}}}
    ctx = context("", record)
    ctx.profile = load_profile("mof-2020").model_copy(update={"budget_adjustment": Decimal("0.2")})
    assert [f.code for f in review(ctx, checks=(get_check("budget-adjusted-far"),))] == [
        "budget-adjusted-far"
    ]
    assert silent("budget-adjusted-far", ("", record))
