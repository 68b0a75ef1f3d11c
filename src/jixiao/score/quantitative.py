"""Scoring one quantitative indicator: compare the parsed target and actual by the rules.

Rules (shared ``rules.md`` §1 #21–24, §3.2): higher-is-better → full at or above target,
else proportional; ``=`` with a positive target as higher-is-better; ``=0`` → full only
when actual ≤ 0; lower-is-better → the profile's rule; negative actuals count as 0; an
actual far above target is flagged (10号 asks a reviewer to judge the target).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.score.explain import fmt, show
from jixiao.score.profile import Profile
from jixiao.score.result import Flag
from jixiao.score.rules import ZERO, score_quantitative
from jixiao.score.values import ParsedValue


@dataclass(frozen=True, slots=True)
class Outcome:
    """A computed score (or None), its explanation and flags."""

    computed: Decimal | None
    explanation: str
    flags: tuple[Flag, ...] = ()
    band: tuple[Decimal, Decimal] | None = None


def _units(target: ParsedValue, actual: ParsedValue) -> tuple[str | None, bool]:
    """The common unit, and whether the two values conflict (percent against count)."""
    t_unit, a_unit = target.comparable_unit(), actual.comparable_unit()
    if t_unit and a_unit and t_unit != a_unit:
        return t_unit, "%" in (t_unit, a_unit) or "万元" in (t_unit, a_unit)
    return t_unit or a_unit, False


def _rule_name(target: ParsedValue, lower_rule: str) -> str:
    if target.direction == "lower":
        return "反向指标（越低越好，比值法）" if lower_rule == "ratio" else "反向指标（越低越好）"
    if target.direction == "exact":
        return "等于型指标"
    return "正向指标（越高越好）"


def _formula(t: Decimal, a: Decimal, w: Decimal, score: Decimal, target: ParsedValue,
             lower_rule: str) -> str:
    """The arithmetic that gave `score`, in words."""
    if score == w:
        return f"达到目标，得满分 {fmt(w)}"
    if target.direction == "exact" and t == 0:
        return f"目标为 0 而实际 {fmt(a)} > 0，得 0 分"
    if target.direction != "lower":
        return f"未达目标，得分 = {fmt(w)} × {fmt(a)} ÷ {fmt(t)} = {fmt(score)}"
    if lower_rule == "ratio":
        return f"超出目标，得分 = {fmt(w)} × {fmt(t)} ÷ {fmt(a)} = {fmt(score)}"
    if score == 0:
        return "实际值达到目标的 2 倍及以上（或目标为 0 而实际超出），得 0 分"
    return (f"超出目标，得分 = {fmt(w)} × (1 − ({fmt(a)} − {fmt(t)}) ÷ {fmt(t)}) "
            f"= {fmt(score)}")


def _over(t: Decimal, a: Decimal, target: ParsedValue, profile: Profile) -> bool:
    if target.direction == "lower" or t <= 0:
        return False
    return a >= t * profile.over_completion


def score_quantitative_indicator(
    target: ParsedValue, actual: ParsedValue, weight: Decimal, profile: Profile
) -> Outcome:
    """Score a quantitative indicator whose weight is known."""
    same = target.unit == actual.unit
    t_pair, a_pair = target.comparable(), actual.comparable()
    if same and target.number is not None and actual.number is not None:
        t_pair, a_pair = (target.number, target.unit), (actual.number, actual.unit)
    if t_pair is None:  # pragma: no cover - callers pass quantitative targets only
        return Outcome(None, "目标值不是数值，无法按定量规则计分", ("not_computable",))
    if a_pair is None:
        return Outcome(None, f"实际完成值「{actual.text or '（空）'}」不是数值，无法按定量规则计分",
                       ("not_computable",))
    unit, conflict = (target.unit, False) if same else _units(target, actual)
    if conflict:
        return Outcome(None, f"目标「{target.text}」与实际「{actual.text}」单位不一致，无法比较",
                       ("unit_mismatch", "not_computable"))
    t, a = t_pair[0], a_pair[0]
    if t < 0:
        return Outcome(None, f"目标值 {fmt(t)} 为负数，规则不适用", ("not_computable",))
    flags: list[Flag] = []
    note = ""
    if a < 0:
        note, a = f"实际值 {fmt(a_pair[0])} 为负，按 0 计；", ZERO
    if t_pair[1] and a_pair[1] and t_pair[1] != a_pair[1]:
        flags.append("unit_mismatch")
    score = score_quantitative(target.direction, t, a, weight, profile.lower_rule)
    if _over(t, a, target, profile):
        flags.append("over_completion")
        note += f"实际为目标的 {fmt((a / t * 100).quantize(Decimal('0.1')))}%，超额较多，请复核目标是否偏低；"
    head = f"{_rule_name(target, profile.lower_rule)}：目标 {target.text}，实际 {show(a, unit)}，"
    return Outcome(score, head + note + _formula(t, a, weight, score, target, profile.lower_rule),
                   tuple(flags))
