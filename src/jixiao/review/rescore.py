"""Scores recomputed by the rules (`jixiao.score`) against the scores the report claims.

These checks belong to the scoring family. They read the context's score result
(computed once per context, under the context's profile or the one chosen for the
record) and stay silent when scoring is unavailable. A row already reported by
`score-above-weight` or `qualitative-score-out-of-band` is not reported again.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jixiao.model.provenance import SourceRef
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.registry import Hit, check
from jixiao.review.scoring import band_of
from jixiao.review.text import compact

if TYPE_CHECKING:
    from jixiao.score import IndicatorScore, ScoreResult

#: Used when the profile gives no tolerance (the scoring package's own default).
DEFAULT_FAR = Decimal(1)
#: Used when the profile gives no over-completion threshold.
DEFAULT_OVER = Decimal("1.2")


def _profile(ctx: ReviewContext) -> Any:
    """The profile the score result was computed under."""
    if ctx.profile is not None:
        return ctx.profile
    try:
        from jixiao.score import choose_profile

        return choose_profile(ctx.record)
    except Exception:  # no profile: the defaults below apply
        return None


def far_tolerance(ctx: ReviewContext) -> Decimal:
    """Points a recomputed score may depart from the claim before it is reported."""
    value = getattr(getattr(_profile(ctx), "tolerance", None), "far", None)
    return value if isinstance(value, Decimal) else DEFAULT_FAR


def _over_threshold(ctx: ReviewContext) -> Decimal:
    value = getattr(_profile(ctx), "over_completion", None)
    return value if isinstance(value, Decimal) else DEFAULT_OVER


def _result(ctx: ReviewContext) -> ScoreResult | None:
    found: ScoreResult | None = ctx.score
    return found


def indicator_refs(ctx: ReviewContext, index: int, name: str) -> tuple[SourceRef, ...]:
    """Where indicator `index` stands: its score, its row, else a cell naming it."""
    found = ctx.ref(f"indicators[{index}].score") or ctx.ref(f"indicators[{index}]")
    if found:
        return found
    wanted = compact(name)
    if not wanted:
        return ()
    units = sorted(ctx.units, key=lambda u: not u.in_table)
    texts = dict(zip(ctx.units, ctx.compact_texts, strict=True))
    exact = [u for u in units if texts[u] == wanted]
    loose = [u for u in units if wanted in texts[u]]
    return tuple(u.ref for u in (exact or loose)[:1])


def _reported_elsewhere(ctx: ReviewContext, item: IndicatorScore) -> bool:
    """True when another scoring check already reports this row's score."""
    claimed, weight = item.claimed, item.weight
    if claimed is None or weight is None:
        return False
    if claimed > weight:
        return True
    band = band_of(ctx.record.indicators[item.index].actual or "")
    return band is not None and not weight * band[0] <= claimed <= weight * band[1]


@check(
    "score-far-from-rules",
    family="scoring",
    severity=Severity.WARNING,
    title="自评得分与按评分规则重算的得分相差较大",
    template="“{name}”自评{claimed}分，按评分规则重算为{computed}分，相差{gap}分（超过容差{far}分）。计算依据：{explanation}",
    suggestion="按评分规则核对该指标得分（定量指标按实际值与指标值之比计分，定性指标按达成档次计分），或说明自评打分的依据",
    example={
        "name": "培训人次",
        "claimed": Decimal(10),
        "computed": Decimal("7.5"),
        "gap": Decimal("2.5"),
        "far": Decimal(1),
        "explanation": "正向指标（越高越好）：目标 ≥200人次，实际 150人次，"
        "未达目标，得分 = 10 × 150 ÷ 200 = 7.5；自评 10 分，比规则得分高 2.5 分",
    },
)
def score_far(ctx: ReviewContext) -> Iterator[Hit]:
    """Each indicator whose claimed score departs from the rule score by more than the profile's ``tolerance.far``."""
    result, far = _result(ctx), far_tolerance(ctx)
    for item in result.indicators if result is not None else ():
        gap = item.difference
        if gap is None or abs(gap) <= far or _reported_elsewhere(ctx, item):
            continue
        values = {
            "name": item.name,
            "claimed": item.claimed,
            "computed": item.computed,
            "gap": abs(gap),
            "far": far,
            "explanation": item.explanation,
        }
        yield Hit(values, indicator_refs(ctx, item.index, item.name), key=("indicator", item.index))


def _share(item: IndicatorScore) -> Decimal | None:
    target, actual = item.target.comparable(), item.actual.comparable()
    if target is None or actual is None or target[0] <= 0:
        return None
    return (actual[0] / target[0] * 100).quantize(Decimal("0.1"))


@check(
    "over-completion",
    family="scoring",
    severity=Severity.INFO,
    title="实际完成值远超年度指标值",
    template="“{name}”年度指标值{target}，实际完成{actual}，为指标值的{share}%（达到指标值的{threshold}倍即提示），请判断指标值是否设定偏低",
    suggestion="在偏差原因中说明超额完成的原因；指标值明显偏低的，应按偏离程度扣分（财预〔2020〕10号），并在以后年度合理设定指标值",
    example={
        "name": "举办培训班期数",
        "target": "≥4期",
        "actual": "12期",
        "share": Decimal("300.0"),
        "threshold": Decimal("1.2"),
    },
)
def over_completion(ctx: ReviewContext) -> Iterator[Hit]:
    """Quantitative indicators the rules flag ``over_completion`` (actual ≥ target × the profile's threshold)."""
    result, threshold = _result(ctx), _over_threshold(ctx)
    for item in result.indicators if result is not None else ():
        share = _share(item)
        if "over_completion" not in item.flags or share is None:
            continue
        values = {
            "name": item.name,
            "target": item.target.text,
            "actual": item.actual.text,
            "share": share,
            "threshold": threshold,
        }
        yield Hit(values, indicator_refs(ctx, item.index, item.name))


@check(
    "total-far-from-rules",
    family="scoring",
    severity=Severity.WARNING,
    title="自评总分与按评分规则重算的总分相差较大",
    template="自评总分{claimed}分，按评分规则重算为{computed}分，相差{gap}分（超过容差{far}分）。计算依据：{explanation}",
    suggestion="按评分规则逐项核对指标得分与预算执行率得分，更正总分及等级",
    example={
        "claimed": Decimal(95),
        "computed": Decimal("88.6"),
        "gap": Decimal("6.4"),
        "far": Decimal(1),
        "explanation": "总分 = 指标得分合计 79.2 + 预算执行得分 9.4 = 88.6",
    },
)
def total_far(ctx: ReviewContext) -> Iterator[Hit]:
    """The claimed total against the rule total (Σ recomputed indicator scores + budget execution score)."""
    result, far = _result(ctx), far_tolerance(ctx)
    if result is None or result.total.claimed is None or result.total.computed is None:
        return
    claimed, computed = result.total.claimed, result.total.computed
    if abs(claimed - computed) > far:
        values = {
            "claimed": claimed,
            "computed": computed,
            "gap": abs(claimed - computed),
            "far": far,
            "explanation": result.total.explanation,
        }
        yield Hit(values, ctx.ref("self_evaluation.score"))
