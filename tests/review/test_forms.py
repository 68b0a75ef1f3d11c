"""自评表 forms: template text left in place, the budget-execution row's score."""

from __future__ import annotations

import pytest

from .familycases import Case, assert_family, fires, silent
from .helpers import run, table

LEFT = table(
    ["评价结论", "结合自评情况，说明项目自评总分和取得的成效。（200字以内）"],
    ["存在问题（200字以内）", "部分指标完成时间推后。"],
)
FILLED = table(
    ["评价结论", "项目自评得分92分，完成了年度培训任务。"],
    ["存在问题（200字以内）", "部分指标完成时间推后。"],
)

BAD: dict[str, Case] = {
    "template-text-left": (LEFT, None),
    "execution-row-score-mismatch": (
        "",
        {"budget_execution": {"weight": 10, "rate": 76, "score": 10}},
    ),
}
GOOD: dict[str, Case] = {
    "template-text-left": (FILLED, None),
    "execution-row-score-mismatch": (
        "",
        {"budget_execution": {"weight": 10, "rate": 76, "score": 7.6}},
    ),
}


def test_cases_cover_family() -> None:
    assert_family("forms", BAD, GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires(code: str) -> None:
    assert fires(code, BAD[code])


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent(code: str) -> None:
    assert silent(code, GOOD[code])


def test_template_finding_names_the_blank_indicators_and_replaces_their_own_finding() -> None:
    from jixiao.review import review

    from .helpers import context

    record = {"indicators": [{"name": "培训场次", "target": "≥4场"}]}
    found = review(context(LEFT, record))
    codes = [f.code for f in found]
    assert "template-text-left" in codes and "indicator-actual-missing" not in codes
    (finding,) = [f for f in found if f.code == "template-text-left"]
    assert "1个绩效指标" in finding.message


def test_execution_score_allows_rounding_and_leaves_scores_above_weight_to_their_check() -> None:
    rounded = ("", {"budget_execution": {"weight": 10, "rate": 95.4, "score": 9.5}})
    assert silent("execution-row-score-mismatch", rounded)
    above = ("", {"budget_execution": {"weight": 10, "rate": 99, "score": 98}})
    assert run("execution-row-score-mismatch", *above) == []


def test_an_instruction_that_labels_a_filled_answer_is_not_left_in_place() -> None:
    label = table(
        [
            "评价结论（结合自评情况，说明自评总分，200字以内）",
            "项目自评得分92分，完成了年度培训任务。",
        ],
    )
    assert silent("template-text-left", (label, None))
    inline = "存在问题（分析存在的问题及原因，200字以内）：培训场地不足，部分课程推迟到下半年。\n"
    assert silent("template-text-left", (inline, None))
