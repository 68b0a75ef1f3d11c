"""Contradictions: a sentence claims something that the report's own figures deny."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import AMOUNT
from jixiao.review.registry import Hit, check
from jixiao.review.scan import sentences_in, units_holding
from jixiao.review.text import Sentence
from jixiao.text.figures import Kind

#: Each claim holds one of its words: only the sentences of the units holding one are searched.
_WITHIN_BUDGET = re.compile(
    r"控制在[^。；]{0,8}预算[^。；]{0,4}(?:之内|以内|内)"
    r"|未超(?:出|过)?(?:年初)?预算|没有超(?:出|过)?(?:年初)?预算|无超(?:出|过)?(?:年初)?预算"
)
_OVER_STATED = re.compile(r"预算[^。；\d]{0,8}(?:超出|超支|超过|增加)了?\s*" + AMOUNT)
_WITHIN_WORDS = ("控制在", "未超", "没有超", "无超")
_NO_OVERSTAFF = re.compile(r"(?:无|没有|未|不存在)超编")
_ALL_SPENT = re.compile(
    r"(?:资金|经费|预算)[^。；]{0,6}(?:全部|全额)(?:使用|支出|支付|执行)(?:完毕)?"
)


def clause(text: str, pattern: re.Pattern[str]) -> str:
    """The clause (between commas) of `text` where `pattern` matches, else its start."""
    match = pattern.search(text)
    if match is None:
        return text.strip()[:40]
    start = max(text.rfind(mark, 0, match.start()) for mark in "，,：:") + 1
    return text[start : match.end()].strip()


def _claims(ctx: ReviewContext, pattern: re.Pattern[str], *words: str) -> list[Sentence]:
    """The sentences where `pattern` matches, looked for in the units holding one of `words` (each match holds one)."""
    return [s for s in sentences_in(ctx, units_holding(ctx, *words)) if pattern.search(s.text)]


def _overrun(ctx: ReviewContext) -> tuple[Decimal, str] | None:
    """The first overrun the report shows: in its figures, or stated in words."""
    budget = ctx.record.budget
    for stage in (budget.final, budget.initial):
        if (
            stage.total is not None
            and budget.actual.total is not None
            and budget.actual.total > stage.total
        ):
            return budget.actual.total - stage.total, "支出超过预算"
    for sentence in ctx.with_kind(Kind.AMOUNT, "预算"):  # every `_OVER_STATED`
        match = _OVER_STATED.search(sentence.text)
        if match and Decimal(match.group(1).replace(",", "")) > 0:
            return Decimal(match.group(1).replace(",", "")), clause(sentence.text, _OVER_STATED)
    return None


@check(
    "claim-within-budget-contradicted",
    severity=Severity.ERROR,
    title="称“控制在预算之内”，但数据显示超出预算",
    template="文中称“{claim}”，但报告显示超出预算{over}万元（{evidence}）",
    suggestion="删除或改正与数据不符的表述，并说明超预算的原因",
    example={
        "claim": "全年支出控制在预算范围之内",
        "over": Decimal("42.30"),
        "evidence": "决算基本支出比年初预算超出42.30万元",
    },
)
def within_budget(ctx: ReviewContext) -> Iterator[Hit]:
    """A claim of spending within budget against an overrun."""
    claims = _claims(ctx, _WITHIN_BUDGET, *_WITHIN_WORDS)
    found = _overrun(ctx) if claims else None
    if found is None:
        return
    over, evidence = found
    for sentence in claims:
        values = {
            "claim": clause(sentence.text, _WITHIN_BUDGET),
            "over": over,
            "evidence": evidence,
        }
        yield Hit(values, (sentence.ref,))


@check(
    "claim-no-overstaffing-contradicted",
    severity=Severity.ERROR,
    title="称“无超编”，但在职人数超过编制数",
    template="文中称“{claim}”，但在职人数{staff}人超过编制数{quota}人",
    suggestion="改正表述，或核对编制数与在职人数",
    example={"claim": "本单位无超编现象", "staff": 43, "quota": 42},
)
def no_overstaffing(ctx: ReviewContext) -> Iterator[Hit]:
    """A claim of no over-staffing against 在职 > 编制."""
    staffing = ctx.record.staffing
    if (
        staffing.authorized is None
        or staffing.actual is None
        or staffing.actual <= staffing.authorized
    ):
        return
    for sentence in _claims(ctx, _NO_OVERSTAFF, "超编"):
        values = {
            "claim": clause(sentence.text, _NO_OVERSTAFF),
            "staff": staffing.actual,
            "quota": staffing.authorized,
        }
        yield Hit(values, (sentence.ref,))


@check(
    "claim-all-spent-contradicted",
    severity=Severity.ERROR,
    title="称资金“全部使用”，但执行数小于预算数",
    template="文中称“{claim}”，但执行数{spent}万元小于预算数{budget}万元",
    suggestion="改正表述，并说明未执行资金的去向（结转、结余或收回）",
    example={
        "claim": "项目资金已全部使用完毕",
        "spent": Decimal(171),
        "budget": Decimal(200),
    },
)
def all_spent(ctx: ReviewContext) -> Iterator[Hit]:
    """A claim that all funds were used against execution below budget."""
    budget = ctx.record.budget
    pairs = [
        (budget.final.total, budget.actual.total),
        (budget.final.project, budget.actual.project),
    ]
    short = [(b, s) for b, s in pairs if b is not None and s is not None and s < b]
    if not short:
        return
    planned, spent = short[0]
    for sentence in _claims(ctx, _ALL_SPENT, "全部", "全额"):
        values = {"claim": clause(sentence.text, _ALL_SPENT), "spent": spent, "budget": planned}
        yield Hit(values, (sentence.ref,))
