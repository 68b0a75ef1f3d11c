"""自评表 forms: a form left as its template, and the budget-execution row against itself.

* Instruction text of the template (“说明相关任务目标的完成情况（100字以内）”) still in
  the answer cells, with the actual values and scores blank.
* The budget-execution row's 得分 against 执行率 × 分值 (its 执行率 against its amounts is
  ``execution-rate-mismatch``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import half_unit
from jixiao.review.registry import Hit, check
from jixiao.review.scan import units_holding

_LIMIT = re.compile(r"[（(]\s*\d+\s*字(?:以内|以下|左右)\s*[）)]")
_INSTRUCTION = re.compile(r"说明|分析|提出|填写|概述|描述|简述|列明|阐述")
_RULE_WORDS = re.compile(r"说明|[应需须]|包括")
_SHORT_EXAMPLE = 40
#: Text after an instruction longer than this is an answer to it.
_ANSWER = 10


def instructions(ctx: ReviewContext) -> list[tuple[int, str]]:
    """(unit, text) of every answer cell or paragraph that is still the template's instruction.

    An instruction that labels an answer given after it (in the same text, or in the
    next cell of its row) is a label, not a blank.
    """
    found = []
    for index in units_holding(ctx, "字"):
        unit = ctx.units[index]
        match = _LIMIT.search(unit.text)
        if match is None or not _INSTRUCTION.search(unit.text[: match.start()]):
            continue
        after = unit.text[match.end() :].strip(" ：:。；;")
        if (len(after) > _ANSWER and not _RULE_WORDS.search(after)) or _answered(ctx, index):
            continue
        found.append((index, unit.text.strip()))
    return found


def _answered(ctx: ReviewContext, index: int) -> bool:
    """True when the cell right of table cell `index` holds an answer."""
    ref = ctx.units[index].ref
    if ref.row is None or ref.col is None:
        return False
    view = next((v for v in ctx.tables if v.block == ref.block), None)
    if view is None:
        return False
    row = next((r for r in view.rows if r and r[0].cell.row == ref.row), ())
    after = [c for c in row if c.cell.col > ref.col and c.key]
    return bool(after) and len(after[0].key) > _ANSWER and not _LIMIT.search(after[0].text)


@check(
    "template-text-left",
    severity=Severity.WARNING,
    title="表中仍是模板的填写说明，未填写实际内容",
    template="有{count}处仍是模板的填写说明，未填写实际内容，如“{example}”{blank}",
    suggestion="按填写说明填写实际内容（目标完成情况、评价结论、问题和措施），删除说明文字，并填写实际完成值和得分",
    example={
        "count": 3,
        "example": "对照年度目标，说明相关任务目标的完成情况（100字以内）",
        "blank": "；2个绩效指标的实际完成值、得分也未填写",
    },
)
def template_text_left(ctx: ReviewContext) -> Iterator[Hit]:
    """Instruction text such as “（200字以内）” after a verb (说明、分析、提出) left in place; the blank actual values and scores are named with it."""
    found = instructions(ctx)
    if not found:
        return
    items = ctx.record.indicators
    blank = sum(1 for i in items if not (i.actual or "").strip() and i.score is None)
    values = {
        "count": len(found),
        "example": found[0][1][:_SHORT_EXAMPLE]
        + ("…" if len(found[0][1]) > _SHORT_EXAMPLE else ""),
        "blank": f"；{blank}个绩效指标的实际完成值、得分也未填写" if blank else "",
    }
    key = ("actual-missing",) if blank else None
    yield Hit(values, tuple(ctx.units[i].ref for i, _ in found), key=key)


@check(
    "execution-row-score-mismatch",
    severity=Severity.WARNING,
    title="自评表预算执行得分与执行率、分值不符",
    template="自评表的预算执行得分为{score}分，但执行率{rate}% × 分值{weight}分 = {computed}分",
    suggestion="预算执行得分 = 执行率 × 分值（不超过分值），请重新计算",
    example={
        "score": Decimal(10),
        "rate": Decimal("76.00"),
        "weight": Decimal(10),
        "computed": Decimal("7.60"),
    },
)
def execution_row_score(ctx: ReviewContext) -> Iterator[Hit]:
    """The 得分 of the budget-execution row against its own 执行率 × 分值 (capped at the 分值)."""
    row = ctx.record.budget_execution
    if row.rate is None or row.weight is None or row.score is None or row.score > row.weight:
        return
    computed = min(row.rate * row.weight / 100, row.weight).quantize(Decimal("0.01"))
    allowance = half_unit(row.score) + Decimal("0.01")
    if abs(row.score - computed) > allowance:
        values = {"score": row.score, "rate": row.rate, "weight": row.weight, "computed": computed}
        yield Hit(values, ctx.ref("budget_execution.score"))
