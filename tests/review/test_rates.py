"""Rate checks: a stated rate against its formula."""

from __future__ import annotations

import pytest

from .familycases import Case, assert_family, fires, silent
from .helpers import run, table

STAFF = table(
    ["财政供养人员情况（人）", "编制数", "实际在职人数", "控制率"], ["", "21", "35", "{rate}"]
)
EXEC = table(
    ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "460.00", "480.00", "470.40", "10", "{rate}", "10"],
)
BASIC = table(
    ["经费控制情况（万元）", "2022年决算数", "2023年预算数", "2023年决算数"],
    ["三公经费", "10", "8", "6"],
    ["公用经费", "100", "120", "90"],
)

BAD: dict[str, Case] = {
    "staff-control-rate-mismatch": (STAFF.format(rate="60%"), None),
    "execution-rate-mismatch": (EXEC.format(rate="96%"), None),
    "stated-rate-mismatch": ("项目资金收入820万元，专项资金633.5万元，使用率达95%。", None),
    "public-funds-control-rate-mismatch": (BASIC + "\n公用经费控制率为80%。", None),
    "three-public-control-rate-mismatch": (BASIC + "\n“三公”经费控制率为100%。", None),
    "three-public-change-rate-mismatch": (BASIC + "\n“三公”经费变动率为-30%。", None),
}
GOOD: dict[str, Case] = {
    "staff-control-rate-mismatch": (STAFF.format(rate="166.67%"), None),
    "execution-rate-mismatch": (EXEC.format(rate="98.00%"), None),
    "stated-rate-mismatch": ("项目资金收入820万元，专项资金633.5万元，使用率达77%。", None),
    "public-funds-control-rate-mismatch": (BASIC + "\n公用经费控制率为75%。", None),
    "three-public-control-rate-mismatch": (BASIC + "\n“三公”经费控制率为75%。", None),
    "three-public-change-rate-mismatch": (BASIC + "\n“三公”经费变动率为-40%。", None),
}


def test_cases_cover_family() -> None:
    assert_family("rates", BAD, GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires(code: str) -> None:
    assert fires(code, BAD[code])


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent(code: str) -> None:
    assert silent(code, GOOD[code])


def test_prose_staff_rate_uses_record() -> None:
    case: Case = ("在职人员控制率为100%。", {"staffing": {"authorized": 30, "actual": 31}})
    assert fires("staff-control-rate-mismatch", case)


def test_a_rate_above_100_percent_is_checked_by_roles() -> None:
    text = "全年预算资金40万元，实际支出46万元，执行率为100%。"
    (finding,) = run("stated-rate-mismatch", text)
    assert "115.00" in finding.message and "46" in finding.message
    assert silent(
        "stated-rate-mismatch", ("全年预算资金40万元，实际支出46万元，执行率为115%。", None)
    )


def test_amounts_in_the_sentence_before() -> None:
    text = "本年下达项目资金60万元，实际拨付45万元；资金拨付率为90%。"
    assert fires("stated-rate-mismatch", (text, None))


def test_scoring_standards_are_rules_not_values() -> None:
    rule = "在职人员控制率≤100%，计8分；每超过1%扣0.5分。"
    assert silent(
        "staff-control-rate-mismatch", (rule, {"staffing": {"authorized": 40, "actual": 30}})
    )
    standard = "预算资金20万元，支出18万元，预算执行率以100%为标准，计10分。"
    assert silent("stated-rate-mismatch", (standard, None))
