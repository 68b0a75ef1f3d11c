"""Scoring checks: scores, weights, totals, grades, execution."""

from __future__ import annotations

from typing import Any

import pytest

from .familycases import Case, assert_family, fires, silent


def indicators(
    *rows: tuple[str, float, float], level1: str = "产出指标", actual: str = "1次"
) -> list[Any]:
    return [
        {"level1": level1, "name": n, "target": "1次", "actual": actual, "weight": w, "score": s}
        for n, w, s in rows
    ]


FULL = indicators(("甲", 50, 50), ("乙", 40, 40))
SPENT = {"final": {"total": 100}, "actual": {"total": 100}}
LOW = {"final": {"total": 100}, "actual": {"total": 62.5}}
THREE_FULL = indicators(("甲", 30, 30), ("乙", 30, 30), ("丙", 30, 30))


def quantitative(target: str, actual: str, weight: float, score: float) -> list[Any]:
    """One quantitative 产出 indicator."""
    row = {"level1": "产出指标", "name": "培训人次", "target": target, "actual": actual}
    return [{**row, "weight": weight, "score": score}]


BAD: dict[str, Case] = {
    "score-above-weight": ("", {"indicators": indicators(("甲", 6, 8))}),
    "level1-weight-mismatch": (
        "",
        {"indicators": indicators(("甲", 6, 6), ("乙", 8, 8), level1="产出指标（40分）")},
    ),
    "weights-total-mismatch": ("", {"indicators": indicators(("甲", 50, 50), ("乙", 35, 35))}),
    "total-score-mismatch": ("", {"indicators": FULL, "self_evaluation": {"score": 60}}),
    "grade-mismatch": ("", {"self_evaluation": {"score": 85, "grade": "优"}}),
    "score-rate-above-execution": (
        "",
        {"indicators": FULL, "budget": {"final": {"total": 100}, "actual": {"total": 70}}},
    ),
    "qualitative-score-out-of-band": (
        "",
        {"indicators": indicators(("甲", 10, 10), actual="部分达成")},
    ),
    "score-far-from-rules": ("", {"indicators": quantitative("≥200人次", "150人次", 10, 10)}),
    "over-completion": ("", {"indicators": quantitative("≥4期", "12期", 10, 10)}),
    "total-far-from-rules": (
        "",
        {"indicators": FULL, "budget": SPENT, "self_evaluation": {"score": 95}},
    ),
    "full-marks-low-execution": ("", {"indicators": THREE_FULL, "budget": LOW}),
    "full-score-target-missed": ("", {"indicators": quantitative("≥200人次", "195人次", 10, 10)}),
}
GOOD: dict[str, Case] = {
    "score-above-weight": ("", {"indicators": indicators(("甲", 6, 6))}),
    "level1-weight-mismatch": (
        "",
        {"indicators": indicators(("甲", 30, 30), ("乙", 10, 10), level1="产出指标（40分）")},
    ),
    "weights-total-mismatch": ("", {"indicators": FULL}),
    "total-score-mismatch": ("", {"indicators": FULL, "self_evaluation": {"score": 98}}),
    "grade-mismatch": ("", {"self_evaluation": {"score": 94, "grade": "优"}}),
    "score-rate-above-execution": (
        "",
        {"indicators": FULL, "budget": {"final": {"total": 100}, "actual": {"total": 99}}},
    ),
    "qualitative-score-out-of-band": (
        "",
        {"indicators": indicators(("甲", 10, 7), actual="部分达成")},
    ),
    "score-far-from-rules": ("", {"indicators": quantitative("≥200人次", "150人次", 10, 7.5)}),
    "over-completion": ("", {"indicators": quantitative("≥4期", "4期", 10, 10)}),
    "total-far-from-rules": (
        "",
        {"indicators": FULL, "budget": SPENT, "self_evaluation": {"score": 100}},
    ),
    "full-marks-low-execution": ("", {"indicators": THREE_FULL, "budget": SPENT}),
    "full-score-target-missed": ("", {"indicators": quantitative("≥200人次", "205人次", 10, 10)}),
}


def test_cases_cover_family() -> None:
    assert_family("scoring", BAD, GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires(code: str) -> None:
    assert fires(code, BAD[code])


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent(code: str) -> None:
    assert silent(code, GOOD[code])


def test_score_above_weight_in_a_table() -> None:
    from .helpers import table

    text = table(
        ["", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "480.00", "470.40", "10", "98.00%", "95"],
    )
    assert fires("score-above-weight", (text, None))


def test_full_marks_at_low_execution_is_one_finding() -> None:
    from jixiao.review import review

    from .helpers import context

    found = [f.code for f in review(context("", {"indicators": THREE_FULL, "budget": LOW}))]
    assert "full-marks-low-execution" in found and "score-rate-above-execution" not in found


def test_target_missed_is_one_finding_not_two() -> None:
    from jixiao.review import review

    from .helpers import context

    far = {"indicators": quantitative("≥200人次", "150人次", 10, 10)}
    found = [f.code for f in review(context("", far))]
    assert found.count("full-score-target-missed") == 1 and "score-far-from-rules" not in found


def test_weights_against_the_total_the_form_states() -> None:
    from .helpers import run, table

    form = (
        "某局项目支出绩效自评表\n"
        + table(
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "培训场次", "≥4场", "5场", "50", "50"],
            ["效益指标", "社会效益指标", "群众知晓率", "≥90%", "95%", "35", "35"],
            ["合计", "", "", "", "", "90", ""],
        )
        + "填报人：某某\n"
    )
    record = {"indicators": indicators(("培训场次", 50, 50), ("群众知晓率", 35, 35))}
    (finding,) = run("weights-total-mismatch", form, record)
    assert "不等于90分" in finding.message and "合计" in finding.message
    assert silent(
        "weights-total-mismatch",
        (
            form.replace("\t35\n", "\t40\n"),
            {"indicators": indicators(("培训场次", 50, 50), ("群众知晓率", 40, 40))},
        ),
    )
