"""Arithmetic checks (arithmetic.py and statements.py): each fires on a defect, stays silent on correct input."""

from __future__ import annotations

from typing import Any

import pytest

from jixiao.review import all_checks

from .helpers import codes, run, table

BUDGET_TABLE = table(
    ["项目", "支出合计", "基本支出", "项目支出"],
    ["年初部门预算", "500.00", "380.00", "120.00"],
    ["调整预算数", "{total}", "410.50", "150.30"],
)

FUND_TABLE = table(
    ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额：", "{total}", "{total2}", "{total3}", "10", "{rate}", "{score}"],
    ["其中：本年财政拨款", "60", "58.5", "58.5"],
    ["上年结转资金"],
    ["其他资金"],
)
EARLIER_WHOLE = (
    "本单位预算收入620.00万元（年初预算收入580.50万元），比上年增加12.00万元，增长2.0%。"
    "其中：财政拨款收入年初预算{part}万元，比上年增加3.00万元。"
)

Case = tuple[str, dict[str, Any] | None]

BAD: dict[str, Case] = {
    "budget-total-mismatch": (
        "",
        {"budget": {"final": {"total": 520.00, "basic": 410.50, "project": 150.30}}},
    ),
    "basic-split-mismatch": (
        "",
        {"budget": {"actual": {"basic": 300.00, "personnel": 250.40, "public": 39.60}}},
    ),
    "three-public-total-mismatch": (
        "",
        {
            "three_public": {
                "actual": {"overseas": 0, "vehicles": 3.10, "reception": 9.60, "total": 12.40}
            }
        },
    ),
    "project-list-sum-mismatch": (
        "",
        {
            "budget": {"actual": {"project": 63.00}},
            "projects": [{"name": "甲", "actual": 40.50}, {"name": "乙", "actual": 17.50}],
        },
    ),
    "table-sum-mismatch": (BUDGET_TABLE.format(total="520.00"), None),
    "stated-parts-exceed-total": ("基本支出100万元，其中人员经费80万元、公用经费30万元。", None),
    "stated-parts-short-of-total": (
        "基本支出640.00万元，其中工资福利支出500.10万元、商品和服务支出80.20万元。",
        None,
    ),
    "change-amount-mismatch": (
        "本单位收入812.40万元，比上年830.90万元减少18.90万元，减少2.23%。",
        None,
    ),
    "change-direction-mismatch": ("本单位支出120万元，比上年100万元减少20万元。", None),
    "change-percent-mismatch": (
        "公用经费支出164.10万元，比年初预算数增加4.10万元，增长3.5%。",
        None,
    ),
    "fund-rows-mismatch": (
        FUND_TABLE.format(total="0", total2="0", total3="0", rate="0", score="0"),
        None,
    ),
    "rounding-tail": (
        "",
        {
            "three_public": {
                "actual": {"overseas": 0, "vehicles": 3.10, "reception": 9.30, "total": 12.41}
            }
        },
    ),
    "part-exceeds-whole": (EARLIER_WHOLE.format(part="960.20"), None),
}

GOOD: dict[str, Case] = {
    "budget-total-mismatch": (
        "",
        {"budget": {"final": {"total": 560.80, "basic": 410.50, "project": 150.30}}},
    ),
    "basic-split-mismatch": (
        "",
        {"budget": {"actual": {"basic": 290.00, "personnel": 250.40, "public": 39.60}}},
    ),
    "three-public-total-mismatch": (
        "",
        {
            "three_public": {
                "actual": {"overseas": 0, "vehicles": 3.10, "reception": 9.30, "total": 12.40}
            }
        },
    ),
    "project-list-sum-mismatch": (
        "",
        {
            "budget": {"actual": {"project": 58.00}},
            "projects": [{"name": "甲", "actual": 40.50}, {"name": "乙", "actual": 17.50}],
        },
    ),
    "table-sum-mismatch": (BUDGET_TABLE.format(total="560.80"), None),
    "stated-parts-exceed-total": (
        "支出420.00万元。其中：项目支出130.00万元，基本支出290.00万元。",
        None,
    ),
    "stated-parts-short-of-total": (
        "基本支出290.00万元，其中：人员经费250.40万元，公用经费39.60万元。",
        None,
    ),
    "change-amount-mismatch": (
        "本单位支出812.40万元，比上年830.90万元减少18.50万元，减少2.23%。",
        None,
    ),
    "change-direction-mismatch": ("本单位支出812.40万元，比上年830.90万元减少18.50万元。", None),
    "change-percent-mismatch": (
        "公用经费支出164.10万元，比年初预算数增加4.10万元，增长2.56%。",
        None,
    ),
    "fund-rows-mismatch": (
        FUND_TABLE.format(total="60", total2="58.5", total3="58.5", rate="100%", score="10"),
        None,
    ),
    "rounding-tail": (
        "",
        {
            "three_public": {
                "actual": {"overseas": 0, "vehicles": 3.10, "reception": 9.30, "total": 12.40}
            }
        },
    ),
    "part-exceeds-whole": (EARLIER_WHOLE.format(part="560.20"), None),
}

FAMILY = {c.code for c in all_checks() if c.family == "arithmetic"}


def test_every_check_of_the_family_has_cases() -> None:
    assert set(BAD) == FAMILY == set(GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires_on_defect(code: str) -> None:
    text, record = BAD[code]
    assert codes(run(code, text, record)) == [code]


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent_on_correct_input(code: str) -> None:
    text, record = GOOD[code]
    assert run(code, text, record) == []


def test_message_names_the_figures() -> None:
    (finding,) = run("table-sum-mismatch", BUDGET_TABLE.format(total="520.00"))
    assert "520.00" in finding.message and "560.80" in finding.message
    assert finding.line is not None


def test_record_and_table_report_one_row_once() -> None:
    from jixiao.review import review

    from .helpers import context

    ctx = context(BUDGET_TABLE.format(total="520.00"))
    found = [f for f in review(ctx) if f.code == "table-sum-mismatch"]
    assert len(found) == 1


def test_fund_rows_one_finding_names_every_column() -> None:
    text = FUND_TABLE.format(total="0", total2="0", total3="0", rate="0", score="0")
    (finding,) = run("fund-rows-mismatch", text)
    assert all(x in finding.message for x in ("60", "58.5", "年初预算数", "全年执行数"))


def test_amount_first_parts_are_parts() -> None:
    text = "项目共完成资金48.75万元。其中：20万元用于甲类工作；20万元用于乙类工作；8.77万元用于丙、丁两类工作。"
    (finding,) = run("stated-parts-exceed-total", text)
    assert all(x in finding.message for x in ("48.75", "48.77", "8.77"))
    assert run("stated-parts-exceed-total", text.replace("8.77", "8.75")) == []


def test_a_tail_is_info_not_a_mismatch() -> None:
    text = "基本支出100.01万元，其中：人员经费80.00万元，公用经费20.00万元。"
    assert run("stated-parts-short-of-total", text) == []
    (finding,) = run("rounding-tail", text)
    assert "100.01" in finding.message and "0.01" in finding.message


def test_integers_are_exact() -> None:
    text = "基本支出99.5万元，其中：人员经费80万元，公用经费20万元。"
    assert codes(run("stated-parts-exceed-total", text)) == ["stated-parts-exceed-total"]


def test_a_name_may_hold_brackets() -> None:
    text = "“三公”经费支出5.00万元，其中因公出国（境）费用1.00万元，公务接待费2.00万元，公务用车运行费1.00万元。"
    (finding,) = run("stated-parts-short-of-total", text)
    assert "因公出国（境）费用1.00万元" in finding.message


def test_same_figures_in_two_rows_are_one_finding_with_both_places() -> None:
    rows = table(
        ["项目", "支出合计", "基本支出", "项目支出"],
        ["调整预算数", "500.00", "400.00", "200.00"],
        ["决算数", "500.00", "400.00", "200.00"],
    )
    (finding,) = run("table-sum-mismatch", rows)
    assert len(finding.refs) == 2 and "；" in finding.location


def test_no_current_amount_across_a_clause_with_its_own_subject() -> None:
    text = "上年支出200.00万元，本年比上年增加20.00万元，增长25%。"
    assert run("change-percent-mismatch", text) == []
    assert run("change-amount-mismatch", text) == []


def test_change_message_keeps_the_documents_base() -> None:
    text = "公用经费支出64.03万元，比年初预算数62.00万元增加2.13万元。"
    (finding,) = run("change-amount-mismatch", text)
    assert "比年初预算数62.00万元" in finding.message
