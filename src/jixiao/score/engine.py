"""`score_record`: rescore a whole record — indicators, budget execution, totals, grade.

Total (shared ``rules.md`` §1 #26) = Σ indicator scores + budget execution score; grade
(§1 #27, §3.5) from the profile's grade bands, lower bounds inclusive.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from jixiao.model.record import Record
from jixiao.score.common import common_indicators
from jixiao.score.explain import fmt
from jixiao.score.indicators import score_indicator
from jixiao.score.profile import Profile, choose_profile
from jixiao.score.result import (
    BudgetExecution,
    Grades,
    IndicatorScore,
    Level1Summary,
    ScoreResult,
    Totals,
)
from jixiao.score.rules import ZERO, budget_score, execution_rate, percent


def grade_for(score: Decimal, profile: Profile) -> str:
    """The grade of a total under the profile (优 ≥ 90 …); below every band → the lowest."""
    bands = sorted(profile.grades, key=lambda g: g.min, reverse=True)
    return next((b.grade for b in bands if score >= b.min), bands[-1].grade)


def _grade(score: Decimal | None, profile: Profile) -> str | None:
    return None if score is None else grade_for(score, profile)


def _with_claim(result: BudgetExecution, claimed: Decimal | None) -> BudgetExecution:
    """Attach the score the report claims for budget execution, explaining any departure."""
    if claimed is None:
        return result
    text = result.explanation
    if claimed > result.weight:
        text += f"；自评得分 {fmt(claimed)} 超过该项分值 {fmt(result.weight)}"
    elif result.computed is not None and claimed != result.computed:
        text += f"；自评得分 {fmt(claimed)} 与复核得分 {fmt(result.computed)} 不一致"
    return BudgetExecution(result.rate, result.weight, claimed, result.computed, text)


def score_budget(record: Record, profile: Profile,
                 claimed: Decimal | None = None) -> BudgetExecution:
    """预算执行率 = 全年执行数 ÷ 全年预算数; score = rate × weight, capped at the weight.

    `claimed` is the score the report's own 自评表 gives the budget row, when extraction
    found one (``Extraction.claims["budget_execution.score"]``).
    """
    return _with_claim(_score_budget(record, profile), claimed)


def _score_budget(record: Record, profile: Profile) -> BudgetExecution:
    weight = profile.budget_execution_weight
    actual, final = record.budget.actual.total, record.budget.final.total
    if actual is None or final is None:
        missing = "、".join(n for n, v in (("全年执行数", actual), ("全年预算数", final)) if v is None)
        return BudgetExecution(None, weight, None, None, f"数据不足：缺少{missing}，无法计算预算执行率")
    rate = execution_rate(actual, final)
    if rate is None:
        return BudgetExecution(None, weight, None, None, "全年预算数为 0，无法计算预算执行率")
    score = budget_score(rate, weight)
    cap = "（封顶）" if rate * weight > weight else ""
    text = (f"预算执行率 = {fmt(actual)} ÷ {fmt(final)} = {fmt(percent(rate))}%，"
            f"得分 = {fmt(percent(rate))}% × {fmt(weight)} = {fmt(score)}{cap}")
    return BudgetExecution(rate, weight, None, score, text)


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    if not values or any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), ZERO)


def summarise_level1(scores: Sequence[IndicatorScore], profile: Profile) -> list[Level1Summary]:
    """Per first-level class of the profile: weights and scores of its indicators."""
    out = []
    for level in profile.level1:
        members = [s for s in scores if profile.level1_for(s.level1) is level]
        out.append(Level1Summary(
            key=level.key, title=level.title, profile_weight=level.weight,
            weight=sum((s.weight or ZERO for s in members), ZERO),
            claimed=_sum([s.claimed for s in members]),
            computed=_sum([s.computed for s in members]),
            indicators=tuple(s.index for s in members),
        ))
    return out


def total_of(scores: Sequence[IndicatorScore], budget: BudgetExecution, record: Record) -> Totals:
    """Recomputed total, partial sum, and the indicators that kept it from being complete."""
    incomplete = tuple(s.index for s in scores if s.computed is None and s.weight != 0)
    partial = sum((s.computed or ZERO for s in scores), budget.computed or ZERO)
    claimed_sum = _sum([s.claimed for s in scores]) if scores else None
    complete = not incomplete and budget.computed is not None and bool(scores)
    computed = partial if complete else None
    if computed is not None:
        text = f"总分 = 指标得分合计 {fmt(partial - (budget.computed or ZERO))} + 预算执行得分 {fmt(budget.computed)} = {fmt(computed)}"
    elif not scores:
        text = "没有绩效指标，无法计算总分"
    else:
        gaps = [f"第{i + 1}项指标" for i in incomplete]
        if budget.computed is None:
            gaps.append("预算执行率")
        text = f"{'、'.join(gaps)}无法计分，总分不完整（已计部分合计 {fmt(partial)}）"
    return Totals(record.self_evaluation.score, computed, partial, claimed_sum, incomplete, text)


def score_record(record: Record, profile: Profile | None = None, *,
                 claims: Mapping[str, Decimal] | None = None) -> ScoreResult:
    """Rescore a record under a profile (`choose_profile` when None).

    `claims` are the report's claims beyond the record (see ``Extraction.claims``).
    """
    profile = profile or choose_profile(record)
    scores = [score_indicator(i, ind, profile) for i, ind in enumerate(record.indicators)]
    budget = score_budget(record, profile, (claims or {}).get("budget_execution.score"))
    total = total_of(scores, budget, record)
    grade = Grades(
        claimed=record.self_evaluation.grade,
        computed=_grade(total.computed, profile),
        of_claimed_total=_grade(total.claimed, profile),
    )
    return ScoreResult(
        profile=profile.name,
        indicators=tuple(scores),
        budget_execution=budget,
        level1=tuple(summarise_level1(scores, profile)),
        total=total,
        grade=grade,
        common_indicators=tuple(common_indicators(record)),
    )
