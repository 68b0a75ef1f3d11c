"""Tests of jixiao.score.indicators (with quantitative and qualitative scoring)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model.record import Indicator
from jixiao.score.indicators import score_indicator
from jixiao.score.profile import Profile, load_profile
from jixiao.score.result import IndicatorScore

D = Decimal


@pytest.fixture(scope="module")
def mof() -> Profile:
    return load_profile("mof-2020")


def _score(profile: Profile, **fields: object) -> IndicatorScore:
    values: dict[str, object] = {"name": "测试指标", "level1": "产出指标", "level2": "数量指标"}
    values.update(fields)
    return score_indicator(0, Indicator.model_validate(values), profile)


def test_higher_full_matches_claim(mof: Profile) -> None:
    s = _score(mof, target="不少于30次", actual="34次", weight=8, score=8)
    assert (s.kind, s.computed, s.flags) == ("quantitative", D(8), ())
    assert "正向指标" in s.explanation and "与自评 8 分一致" in s.explanation


def test_higher_partial_shows_formula_and_departure(mof: Profile) -> None:
    s = _score(mof, target="≥95%", actual="80%", weight=6, score=6)
    assert s.computed == D("5.05")
    assert "6 × 80 ÷ 95 = 5.05" in s.explanation
    assert "claim_differs" in s.flags
    assert s.difference == D("0.95")


def test_far_departure_flagged(mof: Profile) -> None:
    s = _score(mof, target="≥100次", actual="50次", weight=10, score=10)
    assert s.computed == D(5)
    assert {"claim_differs", "claim_far"} <= set(s.flags)


def test_cost_class_without_operator_is_lower(mof: Profile) -> None:
    s = _score(mof, level2="成本指标", target="500万元", actual="600万元", weight=10)
    assert s.target.direction == "lower"
    assert s.computed == D(8)


def test_lower_in_yuan_against_wan(mof: Profile) -> None:
    s = _score(mof, target="≤100万元", actual="900000元", weight=10)
    assert s.computed == D(10)


def test_over_completion_flagged_not_cut(mof: Profile) -> None:
    s = _score(mof, target="≥10篇", actual="30篇", weight=5, score=5)
    assert s.computed == D(5)
    assert "over_completion" in s.flags
    assert "目标是否偏低" in s.explanation


def test_equal_zero_target(mof: Profile) -> None:
    assert _score(mof, target="=0起", actual="0起", weight=4).computed == D(4)
    assert _score(mof, target="=0起", actual="1起", weight=4).computed == D(0)


def test_target_zero_higher(mof: Profile) -> None:
    assert _score(mof, target="≥0%", actual="0%", weight=3).computed == D(3)


def test_negative_actual_treated_as_zero(mof: Profile) -> None:
    s = _score(mof, target="≥10%", actual="-5%", weight=5)
    assert s.computed == D(0)
    assert "按 0 计" in s.explanation


def test_missing_weight(mof: Profile) -> None:
    s = _score(mof, target="≥20次", actual="25次", score=5)
    assert s.computed is None
    assert s.flags == ("weight_missing", "not_computable")
    assert "缺少分值" in s.explanation


def test_non_numeric_actual(mof: Profile) -> None:
    s = _score(mof, target="≥98%", actual="按时完成", weight=5, score=5)
    assert s.computed is None and "not_computable" in s.flags


def test_percent_against_count_is_unit_mismatch(mof: Profile) -> None:
    s = _score(mof, target="≥98%", actual="20次", weight=5)
    assert s.computed is None and "unit_mismatch" in s.flags


def test_claim_above_weight(mof: Profile) -> None:
    s = _score(mof, target="≥2次", actual="2次", weight=10, score=98)
    assert s.computed == D(10)
    assert "claim_above_weight" in s.flags


def test_qualitative_claim_in_band(mof: Profile) -> None:
    s = _score(mof, level1="效益指标", target="有效促进", actual="达成", weight=10, score=9)
    assert (s.kind, s.actual.label, s.computed, s.band) == ("qualitative", "达成", D(9),
                                                            (D(8), D(10)))
    assert "在档内" in s.explanation


def test_qualitative_claim_outside_band(mof: Profile) -> None:
    s = _score(mof, level1="效益指标", target="有效促进", actual="部分达成", weight=10, score=9)
    assert s.computed == D("7.99")
    assert "claimed_outside_band" in s.flags
    low = _score(mof, level1="效益指标", target="有效促进", actual="达成", weight=10, score=5)
    assert low.computed == D(8) and "claimed_outside_band" in low.flags


def test_qualitative_without_claim_reports_band(mof: Profile) -> None:
    s = _score(mof, level1="效益指标", target="有效促进", actual="未达成", weight=10)
    assert s.computed is None and s.band == (D(0), D(6))


def test_qualitative_text_in_no_band(mof: Profile) -> None:
    s = _score(mof, level1="效益指标", target="长期有效", actual="长期坚持", weight=3, score=2)
    assert s.computed == D(2)
    assert "label_unknown" in s.flags
    assert "部分达成" in s.explanation  # the band the claim implies
    unclaimed = _score(mof, level1="效益指标", target="长期有效", actual="长期坚持", weight=3)
    assert unclaimed.computed is None and "not_computable" in unclaimed.flags


def test_qualitative_unknown_claim_above_weight(mof: Profile) -> None:
    s = _score(mof, level1="效益指标", target="长期有效", actual="长期坚持", weight=3, score=5)
    assert s.computed == D(3) and "claim_above_weight" in s.flags


def test_deadline_met_by_date(mof: Profile) -> None:
    s = _score(mof, level2="时效指标", target="2024年12月底之前完成", actual="2024年11月完成",
               weight=4, score=4)
    assert (s.kind, s.computed) == ("deadline", D(4))


def test_deadline_met_by_words(mof: Profile) -> None:
    assert _score(mof, target="2023年全年", actual="全年", weight=4).computed == D(4)


def test_deadline_missed(mof: Profile) -> None:
    s = _score(mof, target="2024年6月底前", actual="2024年9月完成", weight=5, score=5)
    assert s.computed == D("2.99")
    assert s.band == (D(0), D(3))
    assert "claimed_outside_band" in s.flags
    late = _score(mof, target="2024年6月底前", actual="延期完成", weight=5, score=2)
    assert late.computed == D(2)


def test_deadline_unknown_actual(mof: Profile) -> None:
    s = _score(mof, target="2024年6月底前", actual="见附件", weight=5)
    assert s.computed is None and "label_unknown" in s.flags


def test_placeholder_target(mof: Profile) -> None:
    s = _score(mof, target="/", actual="/", weight=0)
    assert s.kind == "unknown" and s.computed is None


def test_ratio_rule_profile() -> None:
    local = load_profile("local-20-40-40")
    s = _score(local, level2="成本指标", target="≤100万元", actual="125万元", weight=10)
    assert s.computed == D(8)
    assert "比值法" in s.explanation
