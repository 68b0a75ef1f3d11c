"""Rate checks: a stated rate against its formula."""

from __future__ import annotations

import pytest

from .familycases import Case, assert_family, fires, silent
from .helpers import table

STAFF = table(
    ["财政供养人员情况（人）", "编制数", "实际在职人数", "控制率"], ["", "21", "35", "{rate}"]
)
EXEC = table(
    ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "962.51", "982.60", "982.21", "10", "{rate}", "10"],
)
BASIC = table(
    ["经费控制情况（万元）", "2022年决算数", "2023年预算数", "2023年决算数"],
    ["三公经费", "10", "8", "6"],
    ["公用经费", "100", "120", "90"],
)

BAD: dict[str, Case] = {
    "staff-control-rate-mismatch": (STAFF.format(rate="60%"), None),
    "execution-rate-mismatch": (EXEC.format(rate="96%"), None),
    "stated-rate-mismatch": ("项目资金收入1013万元，专项资金824.21万元，使用率达95%。", None),
    "public-funds-control-rate-mismatch": (BASIC + "\n公用经费控制率为80%。", None),
    "three-public-control-rate-mismatch": (BASIC + "\n“三公”经费控制率为100%。", None),
    "three-public-change-rate-mismatch": (BASIC + "\n“三公”经费变动率为-30%。", None),
}
GOOD: dict[str, Case] = {
    "staff-control-rate-mismatch": (STAFF.format(rate="166.67%"), None),
    "execution-rate-mismatch": (EXEC.format(rate="99.96%"), None),
    "stated-rate-mismatch": ("项目资金收入1013万元，专项资金824.21万元，使用率达81%。", None),
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
    case: Case = ("在职人员控制率为100%。", {"staffing": {"authorized": 42, "actual": 43}})
    assert fires("staff-control-rate-mismatch", case)
