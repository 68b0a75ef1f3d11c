"""Rates: a stated rate against its formula (在职人员控制率, 预算执行率, 使用率)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.provenance import SourceRef
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import AMOUNT_RE, amount, percent, rate_differs, ratio
from jixiao.review.registry import Hit, check
from jixiao.review.tables import Row, find_index, under_headers

_STAFF_RATE = re.compile(r"在职人员控制率[^\d%。；]{0,6}?(\d+(?:\.\d+)?)\s*[%％]")
_EXEC_RATE = re.compile(r"(?:预算|资金)执行率[^\d%。；]{0,6}?(\d+(?:\.\d+)?)\s*[%％]")
_USE_RATE = re.compile(r"(?:使用|执行|支出|完成)率[^\d%。；]{0,4}?(\d+(?:\.\d+)?)\s*[%％]")


def _staff_rows(ctx: ReviewContext) -> Iterator[tuple[Decimal, Decimal, Decimal, SourceRef]]:
    def is_header(texts: list[str]) -> bool:
        return any("编制" in t for t in texts) and any("控制率" in t for t in texts)

    for block, table in ctx.document.tables() if ctx.document else ():
        for row in under_headers(block, table, is_header):
            yield from _staff_row(row)


def _rate_row(row: Row, first: int | None, second: int | None,
              rate: int | None) -> Iterator[tuple[Decimal, Decimal, Decimal, SourceRef]]:
    """The two figures and the stated rate of a row, when all three columns are filled."""
    if first is None or second is None or rate is None:
        return
    a, b, r = row.value(first), row.value(second), percent(row.text(rate))
    if a is not None and b is not None and r is not None:
        yield a, b, r, row.ref(rate)


def _staff_row(row: Row) -> Iterator[tuple[Decimal, Decimal, Decimal, SourceRef]]:
    yield from _rate_row(
        row,
        find_index(row.header, lambda t: "编制" in t),
        find_index(row.header, lambda t: "在职" in t or "实有" in t),
        find_index(row.header, lambda t: "控制率" in t),
    )


@check(
    "staff-control-rate-mismatch",
    severity=Severity.ERROR,
    title="在职人员控制率与在职人数、编制数不符",
    template="在职人员控制率填报为{stated}%，但在职人数{staff}人 ÷ 编制数{quota}人 = {computed}%",
    suggestion="在职人员控制率 = 在职人数 ÷ 编制数 × 100%，请重新计算",
    example={"stated": Decimal(60), "staff": 35, "quota": 21, "computed": Decimal("166.67")},
)
def staff_control_rate(ctx: ReviewContext) -> Iterator[Hit]:
    """The stated 在职人员控制率 (table or prose) against 在职 ÷ 编制."""
    for quota, staff, stated, ref in _staff_rows(ctx):
        if quota > 0 and rate_differs(stated, ratio(staff, quota)):
            values = {
                "stated": stated,
                "staff": int(staff),
                "quota": int(quota),
                "computed": ratio(staff, quota),
            }
            yield Hit(values, (ref,), key=("staff-rate", stated))
    staffing = ctx.record.staffing
    if not staffing.authorized or staffing.actual is None:
        return
    computed = ratio(Decimal(staffing.actual), Decimal(staffing.authorized))
    for sentence in ctx.sentences:
        for match in _STAFF_RATE.finditer(sentence.text):
            stated = Decimal(match.group(1))
            if rate_differs(stated, computed):
                values = {
                    "stated": stated,
                    "staff": staffing.actual,
                    "quota": staffing.authorized,
                    "computed": computed,
                }
                yield Hit(values, (sentence.ref,), key=("staff-rate", stated))


def _exec_rows(ctx: ReviewContext) -> Iterator[tuple[Decimal, Decimal, Decimal, SourceRef]]:
    def is_header(texts: list[str]) -> bool:
        return any("执行率" in t for t in texts) and any("预算" in t for t in texts)

    for block, table in ctx.document.tables() if ctx.document else ():
        for row in under_headers(block, table, is_header):
            budget = find_index(row.header, lambda t: "全年预算" in t or "调整" in t)
            if budget is None:
                budget = find_index(row.header, lambda t: "预算" in t and "年初" not in t)
            spent = find_index(row.header, lambda t: "执行数" in t or "决算" in t)
            rate = find_index(row.header, lambda t: "执行率" in t)
            yield from _rate_row(row, budget, spent, rate)


@check(
    "execution-rate-mismatch",
    severity=Severity.ERROR,
    title="预算执行率与执行数、预算数不符",
    template="预算执行率填报为{stated}%，但全年执行数{spent}万元 ÷ 全年预算数{budget}万元 = {computed}%",
    suggestion="预算执行率 = 全年执行数 ÷ 全年预算数（调整后）× 100%，请重新计算",
    example={
        "stated": Decimal("99.96"),
        "spent": Decimal("950.00"),
        "budget": Decimal("982.60"),
        "computed": Decimal("96.68"),
    },
)
def execution_rate(ctx: ReviewContext) -> Iterator[Hit]:
    """The stated 预算执行率 (table or prose) against 执行数 ÷ 预算数."""
    for budget, spent, stated, ref in _exec_rows(ctx):
        if budget > 0 and rate_differs(stated, ratio(spent, budget)):
            values = {
                "stated": stated,
                "spent": spent,
                "budget": budget,
                "computed": ratio(spent, budget),
            }
            yield Hit(values, (ref,), key=("exec-rate", stated))
    final, actual = ctx.record.budget.final.total, ctx.record.budget.actual.total
    if not final or actual is None:
        return
    for sentence in ctx.sentences:
        for match in _EXEC_RATE.finditer(sentence.text):
            stated = Decimal(match.group(1))
            if rate_differs(stated, ratio(actual, final)):
                values = {
                    "stated": stated,
                    "spent": actual,
                    "budget": final,
                    "computed": ratio(actual, final),
                }
                yield Hit(values, (sentence.ref,), key=("exec-rate", stated))


@check(
    "stated-rate-mismatch",
    severity=Severity.WARNING,
    title="文中的使用率/执行率与同句的两个金额不符",
    template="文中称{name}{stated}%，但同句金额{part}万元 ÷ {whole}万元 = {computed}%",
    suggestion="核对比率与金额；比率 = 已使用（执行）金额 ÷ 可用（预算）金额 × 100%",
    example={
        "name": "使用率",
        "stated": Decimal(95),
        "part": Decimal("824.21"),
        "whole": Decimal(1013),
        "computed": Decimal("81.36"),
    },
)
def stated_rate(ctx: ReviewContext) -> Iterator[Hit]:
    """A sentence with exactly two amounts and a 使用率/执行率: the rate against their ratio."""
    for sentence in ctx.sentences:
        rates = list(_USE_RATE.finditer(sentence.text))
        amounts = [amount(m) for m in AMOUNT_RE.finditer(sentence.text)]
        if len(rates) != 1 or len(amounts) != 2 or min(amounts) <= 0:
            continue
        stated = Decimal(rates[0].group(1))
        part, whole = sorted(amounts)
        computed = ratio(part, whole)
        if rate_differs(
            stated.quantize(Decimal(1)), computed.quantize(Decimal(1))
        ) and rate_differs(stated, computed):
            name = rates[0].group(0)[:3]
            values = {
                "name": name,
                "stated": stated,
                "part": part,
                "whole": whole,
                "computed": computed,
            }
            yield Hit(values, (sentence.ref,))
