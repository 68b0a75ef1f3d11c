"""The scoring formulas themselves: pure functions of Decimals, no record, no profile I/O.

Sources (shared domain notes, ``rules.md``): §1 formulas 19–27 and §3 (财预〔2020〕10号 as
implemented by the MOF performance system); the ``ratio`` lower-is-better rule is the
local form noted in §3.2 and ``landscape.md``. Each function returns the score, rounded
to 2 decimals half-up, never below 0 nor above the weight.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from jixiao.score.values import Direction

ZERO = Decimal(0)
CENT = Decimal("0.01")

LowerRule = Literal["linear", "ratio"]


def r2(value: Decimal) -> Decimal:
    """Round to 2 decimals, half up (the system's ``round(x, 2)``)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def clamp(value: Decimal, weight: Decimal) -> Decimal:
    """Keep a score inside [0, weight]."""
    return min(max(value, ZERO), weight)


def score_higher(target: Decimal, actual: Decimal, weight: Decimal) -> Decimal:
    """Higher-is-better: full at or above target, else weight × actual ÷ target (§1 #21)."""
    actual = max(actual, ZERO)
    if actual >= target or target <= 0:
        return r2(weight)
    return clamp(r2(actual / target * weight), weight)


def score_equal_zero(actual: Decimal, weight: Decimal) -> Decimal:
    """Target ``=0``: full when actual ≤ 0, else 0 (§1 #23)."""
    return r2(weight) if actual <= 0 else r2(ZERO)


def score_lower(
    target: Decimal, actual: Decimal, weight: Decimal, rule: LowerRule = "linear"
) -> Decimal:
    """Lower-is-better (§1 #24, or the local ``ratio`` rule).

    ``linear``: full at or below target; falls linearly to 0 at 2 × target; 0 beyond.
    ``ratio``: full at or below target; else weight × target ÷ actual.
    """
    actual = max(actual, ZERO)
    if actual <= target:
        return r2(weight)
    if target <= 0:
        return r2(ZERO)
    if rule == "ratio":
        return clamp(r2(target / actual * weight), weight)
    if actual >= 2 * target:
        return r2(ZERO)
    return clamp(r2((1 - (actual - target) / target) * weight), weight)


def score_quantitative(
    direction: Direction | None,
    target: Decimal,
    actual: Decimal,
    weight: Decimal,
    rule: LowerRule = "linear",
) -> Decimal:
    """Dispatch on the direction; ``exact`` with target 0 is the ``=0`` rule, else higher."""
    if direction == "lower":
        return score_lower(target, actual, weight, rule)
    if direction == "exact" and target == 0:
        return score_equal_zero(actual, weight)
    return score_higher(target, actual, weight)


def execution_rate(actual: Decimal, final: Decimal) -> Decimal | None:
    """全年执行数 ÷ 全年预算数 as a fraction rounded to 4 places (2 as a percentage)."""
    if final <= 0:
        return None
    return (actual / final).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def budget_score(rate: Decimal, weight: Decimal) -> Decimal:
    """Execution rate × weight, capped at the weight (§1 #20, cap per §3.4)."""
    return clamp(r2(rate * weight), weight)


def percent(rate: Decimal) -> Decimal:
    """A fraction as a percentage with 2 decimals."""
    return r2(rate * 100)
