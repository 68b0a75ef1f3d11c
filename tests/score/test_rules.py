"""Tests of jixiao.score.rules: every branch and boundary of the formulas, and properties."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.score.rules import (
    budget_score,
    execution_rate,
    percent,
    r2,
    score_equal_zero,
    score_higher,
    score_lower,
    score_quantitative,
)

D = Decimal
W = D(8)


def test_higher_full_at_and_above_target() -> None:
    assert score_higher(D(30), D(30), W) == D(8)
    assert score_higher(D(30), D(34), W) == D(8)


def test_higher_proportional_below_target() -> None:
    assert score_higher(D(95), D(80), D(6)) == D("5.05")  # 6 × 80 ÷ 95 = 5.0526…


def test_higher_target_zero_is_full() -> None:
    assert score_higher(D(0), D(0), W) == W


def test_negative_actual_counts_as_zero() -> None:
    assert score_higher(D(10), D(-5), W) == D(0)
    assert score_lower(D(10), D(-5), W) == W


def test_equal_positive_target_scores_as_higher() -> None:
    assert score_quantitative("exact", D(17), D(17), W) == W
    assert score_quantitative("exact", D(17), D(20), W) == W
    assert score_quantitative("exact", D(20), D(10), W) == D(4)


def test_equal_zero() -> None:
    assert score_equal_zero(D(0), W) == W
    assert score_equal_zero(D(-1), W) == W
    assert score_equal_zero(D("0.01"), W) == D(0)
    assert score_quantitative("exact", D(0), D(2), W) == D(0)


def test_lower_linear_branches() -> None:
    assert score_lower(D(100), D(100), D(20)) == D(20)  # at target
    assert score_lower(D(100), D(150), D(20)) == D(10)  # halfway to 2 × target
    assert score_lower(D(100), D(200), D(20)) == D(0)  # at 2 × target
    assert score_lower(D(100), D(250), D(20)) == D(0)  # beyond
    assert score_lower(D("812.38"), D("837.48"), D(20)) == D("19.38")


def test_lower_target_zero() -> None:
    assert score_lower(D(0), D(0), W) == W
    assert score_lower(D(0), D(1), W) == D(0)


def test_lower_ratio_rule() -> None:
    assert score_lower(D(100), D(125), D(10), "ratio") == D(8)
    assert score_lower(D(100), D(400), D(10), "ratio") == D("2.5")
    assert score_lower(D(100), D(90), D(10), "ratio") == D(10)


def test_direction_dispatch() -> None:
    assert score_quantitative("lower", D(1), D(2), W) == D(0)
    assert score_quantitative("higher", D(2), D(1), W) == D(4)
    assert score_quantitative(None, D(2), D(1), W) == D(4)


def test_budget_execution() -> None:
    rate = execution_rate(D("982.21"), D("982.6"))
    assert rate == D("0.9996")
    assert percent(D("0.9996")) == D("99.96")
    assert budget_score(D("0.9996"), D(10)) == D("10.00")
    assert budget_score(D("0.85"), D(10)) == D("8.50")
    assert budget_score(D("1.2"), D(10)) == D(10)  # capped
    assert budget_score(D("0.5"), D(20)) == D(10)
    assert execution_rate(D(5), D(0)) is None


def test_r2_rounds_half_up() -> None:
    assert r2(D("0.125")) == D("0.13")


amounts = st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False,
                      allow_infinity=False)
positive = st.decimals(min_value="0.01", max_value=100000, places=2, allow_nan=False,
                       allow_infinity=False)
weights = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
directions = st.sampled_from(["higher", "lower", "exact", None])
rules = st.sampled_from(["linear", "ratio"])


@given(directions, amounts, amounts, weights, rules)
def test_score_never_outside_zero_and_weight(op, target, actual, weight, rule) -> None:  # type: ignore[no-untyped-def]
    score = score_quantitative(op, abs(target), actual, weight, rule)
    assert D(0) <= score <= weight


@given(positive, amounts, amounts, weights)
def test_higher_is_monotone_in_actual(target, a, b, weight) -> None:  # type: ignore[no-untyped-def]
    low, high = sorted((a, b))
    assert score_higher(target, low, weight) <= score_higher(target, high, weight)


@given(positive, amounts, amounts, weights, rules)
def test_lower_is_antitone_in_actual(target, a, b, weight, rule) -> None:  # type: ignore[no-untyped-def]
    low, high = sorted((a, b))
    assert score_lower(target, low, weight, rule) >= score_lower(target, high, weight, rule)


@given(st.decimals(min_value=0, max_value=3, places=4), weights)
def test_budget_score_within_weight(rate, weight) -> None:  # type: ignore[no-untyped-def]
    assert D(0) <= budget_score(rate, weight) <= weight
