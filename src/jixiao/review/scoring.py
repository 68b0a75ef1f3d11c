"""Scoring: scores against weights, totals, grades and the execution rate."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import ratio
from jixiao.review.outline import is_partial
from jixiao.review.registry import Hit, check
from jixiao.review.scan import tables_holding, units_holding
from jixiao.review.tables import CellView, find_index, rows_with_columns

_LEVEL1_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
_GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))
#: The score rate may exceed the execution rate by this share before it is a red flag (§8.1).
RED_FLAG = Decimal("0.05")


def _score_header(texts: list[str]) -> bool:
    return "得分" in texts and ("分值" in texts or "权重" in texts)


def _score_columns(header: tuple[CellView, ...]) -> tuple[int | None, int | None]:
    """(分值, 得分) positions of a score header."""
    return find_index(header, lambda t: t in ("分值", "权重")), find_index(header, lambda t: t == "得分")


@check(
    "score-above-weight",
    severity=Severity.ERROR,
    title="得分超过分值",
    template="“{name}”得分{score}超过其分值{weight}",
    suggestion="得分不得超过该项分值，请核对得分与分值",
    example={"name": "年度资金总额", "score": Decimal(95), "weight": Decimal(10)},
)
def above_weight(ctx: ReviewContext) -> Iterator[Hit]:
    """Indicator scores above their weights, in the record and in any 分值/得分 table."""
    for index, item in enumerate(ctx.record.indicators):
        if item.weight is not None and item.score is not None and item.score > item.weight:
            values = {"name": item.name, "score": item.score, "weight": item.weight}
            yield Hit(
                values, ctx.ref(f"indicators[{index}].score"), key=("over", item.score, item.weight)
            )
    for view in tables_holding(ctx, "得分"):
        for row, (w, s) in rows_with_columns(view, _score_header, _score_columns):
            weight, score = (
                (row.value(w) if w is not None else None),
                (row.value(s) if s is not None else None),
            )
            if weight is not None and score is not None and score > weight:
                values = {"name": row.label() or "本行", "score": score, "weight": weight}
                yield Hit(values, (row.ref(s),), key=("over", score, weight))


@check(
    "level1-weight-mismatch",
    severity=Severity.WARNING,
    title="一级指标下各指标分值之和与其标注分值不符",
    template="一级指标“{level1}”标注{stated}分，但其下各指标分值之和为{sum}分",
    suggestion="调整三级指标分值，使其合计等于一级指标分值",
    example={"level1": "产出指标", "stated": Decimal(40), "sum": Decimal(38)},
)
def level1_weights(ctx: ReviewContext) -> Iterator[Hit]:
    """“产出指标（40分）” against the weights of its indicators."""
    sums: dict[str, tuple[Decimal, Decimal]] = {}
    for item in ctx.record.indicators:
        match = _LEVEL1_POINTS.search(item.level1 or "")
        if match is None or item.weight is None:
            continue
        stated, total = sums.get(item.level1 or "", (Decimal(match.group(1)), Decimal(0)))
        sums[item.level1 or ""] = (stated, total + item.weight)
    for level1, (stated, total) in sums.items():
        if stated != total:
            name = _LEVEL1_POINTS.sub("", level1).strip()
            yield Hit({"level1": name, "stated": stated, "sum": total})


def _weights(ctx: ReviewContext) -> tuple[Decimal, Decimal] | None:
    items = ctx.record.indicators
    if not items or any(i.weight is None for i in items):
        return None
    weight = sum((i.weight for i in items if i.weight is not None), Decimal(0))
    score = sum((i.score or Decimal(0) for i in items), Decimal(0))
    return weight, score


def _exec_weight(ctx: ReviewContext) -> Decimal:
    """The budget-execution weight the form states, else the profile's (10 by default)."""
    stated = ctx.record.budget_execution.weight
    if stated is not None:
        return stated
    value = getattr(ctx.profile, "budget_execution_weight", None)
    return value if isinstance(value, Decimal) else Decimal(10)


_TOTAL_ROW = re.compile(r"^(?:合计|总计|总分|分值合计)$")
_WEIGHT_HEADER = re.compile(r"分值|权重")
_STATED_POINTS = re.compile(r"绩效指标[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")


def stated_total(ctx: ReviewContext) -> tuple[Decimal, str] | None:
    """The total weight the form itself states: a 合计 row of an indicator table, or “绩效指标（90分）”."""
    for view in tables_holding(ctx, "分值", "权重", any_of=True):
        weighted = False
        for cells, keys, line in zip(view.rows, view.keys, view.lines, strict=True):
            weighted = weighted or _WEIGHT_HEADER.search(line) is not None
            label = next((k for k in keys if k), "") if weighted else ""
            if not label or not _TOTAL_ROW.match(label):
                continue
            numbers = [c.value for c in cells if c.value is not None]
            if len(numbers) == 1:
                return numbers[0], f"表中“{label}”行"
    for index in units_holding(ctx, "绩效指标"):  # the opening words of `_STATED_POINTS`
        match = _STATED_POINTS.search(ctx.units[index].text)
        if match:
            return Decimal(match.group(1)), f"“{match.group(0)}”"
    return None


@check(
    "weights-total-mismatch",
    severity=Severity.WARNING,
    title="指标分值合计与满分（或表中所写合计）不符",
    template="各指标分值合计{sum}分，加预算执行率分值{exec_weight}分为{total}分，不等于{expected}分（{basis}）",
    suggestion="调整指标分值，使指标分值与预算执行率分值之和等于满分，并与表中合计一致",
    example={
        "sum": Decimal(85),
        "exec_weight": Decimal(10),
        "total": Decimal(95),
        "expected": Decimal(100),
        "basis": "满分",
    },
)
def weights_total(ctx: ReviewContext) -> Iterator[Hit]:
    """Indicator weights (plus the execution weight) against the total the form states (its 合计 row, “绩效指标（90分）”), else against 100; not on an excerpt, whose table may be cut off."""
    found = _weights(ctx)
    if found is None or (ctx.document is not None and is_partial(ctx)):
        return
    weight, exec_weight = found[0], _exec_weight(ctx)
    stated = stated_total(ctx)
    expected, basis = stated if stated is not None else (Decimal(100), "满分")
    if expected not in (weight, weight + exec_weight):
        values = {"sum": weight, "exec_weight": exec_weight, "total": weight + exec_weight}
        yield Hit({**values, "expected": expected, "basis": basis})


def _execution(ctx: ReviewContext) -> Decimal | None:
    final, actual = ctx.record.budget.final.total, ctx.record.budget.actual.total
    return ratio(actual, final) if final and actual is not None else None


@check(
    "total-score-mismatch",
    severity=Severity.ERROR,
    title="总分与各项得分之和不符",
    template="自评总分{claimed}分，但指标得分之和{sum}分加预算执行率得分（0–{exec_weight}分）应在{low}至{high}分之间",
    suggestion="总分 = 各指标得分之和 + 预算执行率得分，请重新合计",
    example={
        "claimed": Decimal(98),
        "sum": Decimal(80),
        "exec_weight": Decimal(10),
        "low": Decimal(80),
        "high": Decimal(90),
    },
)
def total_score(ctx: ReviewContext) -> Iterator[Hit]:
    """The claimed total against Σ indicator scores plus a budget-execution score, when the indicators listed carry the full weight (an excerpt's table may not)."""
    claimed = ctx.record.self_evaluation.score
    found = _weights(ctx)
    exec_weight = _exec_weight(ctx)
    if claimed is None or found is None or found[0] + exec_weight != 100:
        return
    score = found[1]
    low, high = score, score + exec_weight
    rate = _execution(ctx)
    if rate is not None:  # the execution score is known: allow one point for local rounding
        expected = score + min(rate * exec_weight, exec_weight)
        low, high = expected - Decimal("0.5"), expected + Decimal("0.5")
    if not low - Decimal("0.5") <= claimed <= high + Decimal("0.5"):
        values = {
            "claimed": claimed,
            "sum": score,
            "exec_weight": exec_weight,
            "low": low.quantize(Decimal("0.01")),
            "high": high.quantize(Decimal("0.01")),
        }
        yield Hit(values, ctx.ref("self_evaluation.score"))


def grade_of(score: Decimal) -> str:
    """The grade of a total score (优 ≥90, 良 ≥80, 中 ≥60, 差 below)."""
    return next(grade for floor, grade in _GRADES if score >= floor)


@check(
    "grade-mismatch",
    severity=Severity.ERROR,
    title="自评等级与总分不符",
    template="自评总分{score}分应为“{expected}”，报告评定为“{grade}”",
    suggestion="等级标准：90分（含）以上为优，80–90分为良，60–80分为中，60分以下为差",
    example={"score": Decimal(85), "expected": "良", "grade": "优"},
)
def grade_check(ctx: ReviewContext) -> Iterator[Hit]:
    """The stated grade against the grade of the stated score."""
    evaluation = ctx.record.self_evaluation
    if evaluation.score is None or evaluation.grade is None:
        return
    expected = grade_of(evaluation.score)
    if expected != evaluation.grade:
        values = {"score": evaluation.score, "expected": expected, "grade": evaluation.grade}
        yield Hit(values, ctx.refs("self_evaluation.grade", "self_evaluation.score"))


#: Execution below this rate with every indicator at full marks is flagged (rules.md §8.1 yellow).
FULL_MARKS_EXECUTION = Decimal(80)


@check(
    "full-marks-low-execution",
    severity=Severity.WARNING,
    title="预算执行率低于80%，指标却全部满分",
    template="{count}个绩效指标全部得满分（{score}/{weight}分），但预算执行率只有{exec_rate}%（执行{spent}万元 ÷ 预算{budget}万元）",
    suggestion="执行率低于80%时，产出和效益指标通常不能全部完成；请逐项复核得分，或说明资金未执行而目标全部完成的原因",
    example={
        "count": 8,
        "score": Decimal(90),
        "weight": Decimal(90),
        "exec_rate": Decimal("62.50"),
        "spent": Decimal(50),
        "budget": Decimal(80),
    },
)
def full_marks_low_execution(ctx: ReviewContext) -> Iterator[Hit]:
    """Every scored indicator at its full weight while execution is below 80 %."""
    items = [i for i in ctx.record.indicators if i.weight and i.score is not None]
    rate = _execution(ctx)
    if len(items) < 3 or rate is None or rate >= FULL_MARKS_EXECUTION:
        return
    if all(i.score == i.weight for i in items):
        budget = ctx.record.budget
        values = {
            "count": len(items),
            "score": sum((i.score or Decimal(0) for i in items), Decimal(0)),
            "weight": sum((i.weight or Decimal(0) for i in items), Decimal(0)),
            "exec_rate": rate,
            "spent": budget.actual.total,
            "budget": budget.final.total,
        }
        yield Hit(values, ctx.ref("budget.actual.total"), key=("score-vs-execution",))


@check(
    "score-rate-above-execution",
    severity=Severity.WARNING,
    title="指标得分率明显高于预算执行率",
    template="指标得分率{score_rate}%（{score}/{weight}分）高出预算执行率{exec_rate}%超过5%",
    suggestion="绩效得分应与资金执行情况相匹配；请复核指标得分，或说明执行率偏低而绩效较好的原因",
    example={
        "score_rate": Decimal("97.78"),
        "score": Decimal(88),
        "weight": Decimal(90),
        "exec_rate": Decimal("75.00"),
    },
)
def score_vs_execution(ctx: ReviewContext) -> Iterator[Hit]:
    """The red flag of rules.md §8.1: (p − e) ÷ p > 5 %."""
    found, rate = _weights(ctx), _execution(ctx)
    if found is None or rate is None or not found[0] or not found[1]:
        return
    p = found[1] / found[0] * 100
    if (p - rate) / p > RED_FLAG:
        values = {
            "score_rate": p.quantize(Decimal("0.01")),
            "score": found[1],
            "weight": found[0],
            "exec_rate": rate,
        }
        yield Hit(values, ctx.ref("budget.actual.total"), key=("score-vs-execution",))


@check(
    "qualitative-score-out-of-band",
    severity=Severity.WARNING,
    title="定性指标得分超出其档次范围",
    template="“{name}”实际完成为“{actual}”，得分{score}不在该档次{low}–{high}分之间（分值{weight}）",
    suggestion="定性指标：达成 80%–100%、部分达成 60%–80%、未达成 0–60% 的分值",
    example={
        "name": "社会效益",
        "actual": "部分达成",
        "score": Decimal(15),
        "low": Decimal(9),
        "high": Decimal(12),
        "weight": Decimal(15),
    },
)
def qualitative_band(ctx: ReviewContext) -> Iterator[Hit]:
    """A score outside the band its 达成/部分达成/未达成 wording allows."""
    for index, item in enumerate(ctx.record.indicators):
        actual = item.actual or ""
        band = band_of(actual)
        if band is None or item.weight is None or item.score is None:
            continue
        low, high = item.weight * band[0], item.weight * band[1]
        if not low <= item.score <= high:
            values = {
                "name": item.name,
                "actual": actual,
                "score": item.score,
                "low": low,
                "high": high,
                "weight": item.weight,
            }
            yield Hit(values, ctx.ref(f"indicators[{index}].score"))


def band_of(actual: str) -> tuple[Decimal, Decimal] | None:
    """The share of the weight (low, high) that a 达成/部分达成/未达成 wording allows."""
    if "未达成" in actual:
        return Decimal(0), Decimal("0.6")
    if "部分达成" in actual:
        return Decimal("0.6"), Decimal("0.8")
    if "达成" in actual:
        return Decimal("0.8"), Decimal(1)
    return None


@check(
    "full-score-target-missed",
    severity=Severity.WARNING,
    title="定量指标未达到目标值却得满分",
    template="“{name}”年度指标值{target}，实际完成{actual}，未达到目标，却得满分{score}分",
    suggestion="未达到目标值的定量指标按完成比例计分（实际值 ÷ 指标值 × 分值），并说明偏差原因",
    example={"name": "培训人次", "target": "≥200人次", "actual": "150人次", "score": Decimal(10)},
)
def full_score_target_missed(ctx: ReviewContext) -> Iterator[Hit]:
    """A higher-is-better quantitative indicator (≥ target) whose actual is below the target, scored at its full weight."""
    result = ctx.score
    for item in result.indicators if result is not None else ():
        if item.kind != "quantitative" or item.claimed is None or item.claimed != item.weight:
            continue
        target, actual = item.target.comparable(), item.actual.comparable()
        higher = item.target.operator in (">=", ">")
        if not higher or target is None or actual is None or target[1] != actual[1]:
            continue
        if actual[0] < target[0]:
            values = {
                "name": item.name,
                "target": item.target.text,
                "actual": item.actual.text,
                "score": item.claimed,
            }
            yield Hit(
                values, ctx.ref(f"indicators[{item.index}].score"), key=("indicator", item.index)
            )
