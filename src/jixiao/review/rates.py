"""Rates: a stated rate against its formula (在职人员控制率, 预算执行率, 使用率)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.provenance import SourceRef
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import rate_differs, ratio
from jixiao.review.registry import Hit, check
from jixiao.review.roles import is_rule, rate_role
from jixiao.review.scan import tables_holding
from jixiao.review.tables import CellView, Row, find_index, rows_with_columns
from jixiao.review.text import Sentence
from jixiao.text.figures import Kind, Token

_STAFF_RATE = re.compile(r"在职人员控制率[^\d%。；]{0,6}?(\d+(?:\.\d+)?)\s*[%％]")
_EXEC_RATE = re.compile(r"(?:预算|资金)执行率[^\d%。；]{0,6}?(\d+(?:\.\d+)?)\s*[%％]")
_USE_RATE = re.compile(r"(?:使用|执行|支出|完成|支付|拨付)率")


def _staff_rows(ctx: ReviewContext) -> Iterator[tuple[Decimal, Decimal, Decimal, SourceRef]]:
    def is_header(texts: list[str]) -> bool:
        joined = "\n".join(texts)  # compact texts hold no line break
        return "编制" in joined and "控制率" in joined

    for view in tables_holding(ctx, "编制", "控制率"):
        for row, columns in rows_with_columns(view, is_header, _staff_columns):
            yield from _rate_row(row, *columns)


_Columns = tuple[int | None, int | None, int | None]


def _rate_row(
    row: Row, first: int | None, second: int | None, rate: int | None
) -> Iterator[tuple[Decimal, Decimal, Decimal, SourceRef]]:
    """The two figures and the stated rate of a row, when all three columns are filled."""
    if first is None or second is None or rate is None:
        return
    a, b, r = row.value(first), row.value(second), row.rate(rate)
    if a is not None and b is not None and r is not None:
        yield a, b, r, row.ref(rate)


def _staff_columns(header: tuple[CellView, ...]) -> _Columns:
    """(编制, 在职, 控制率) positions of a staffing header."""
    return (
        find_index(header, lambda t: "编制" in t),
        find_index(header, lambda t: "在职" in t or "实有" in t),
        find_index(header, lambda t: "控制率" in t),
    )


@check(
    "staff-control-rate-mismatch",
    severity=Severity.ERROR,
    title="在职人员控制率与在职人数、编制数不符",
    template="在职人员控制率填报为{stated}%，但在职人数{staff}人 ÷ 编制数{quota}人 = {computed}%",
    suggestion="在职人员控制率 = 在职人数 ÷ 编制数 × 100%，请重新计算",
    example={"stated": Decimal(80), "staff": 30, "quota": 25, "computed": Decimal("120.00")},
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
    for sentence in _with_rate(ctx, "控制率"):
        if is_rule(sentence.text):
            continue
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
        joined = "\n".join(texts)  # compact texts hold no line break
        return "执行率" in joined and "预算" in joined

    for view in tables_holding(ctx, "执行率", "预算"):
        for row, columns in rows_with_columns(view, is_header, _exec_columns):
            yield from _rate_row(row, *columns)


def _exec_columns(header: tuple[CellView, ...]) -> _Columns:
    """(budget, spent, rate) positions of an execution-rate header."""
    budget = find_index(header, lambda t: "全年预算" in t or "调整" in t)
    if budget is None:
        budget = find_index(header, lambda t: "预算" in t and "年初" not in t)
    spent = find_index(header, lambda t: "执行数" in t or "决算" in t)
    return budget, spent, find_index(header, lambda t: "执行率" in t)


def _execution_row(ctx: ReviewContext) -> Iterator[Hit]:
    """The 执行率 of a 自评表's budget-execution row against the row's 执行数 ÷ 全年 (else 年初) 预算数."""
    budget, stated = ctx.record.budget, ctx.record.budget_execution.rate
    whole = budget.final.total or budget.initial.total
    if stated is None or not whole or budget.actual.total is None:
        return
    name = "全年预算数" if budget.final.total else "年初预算数"
    computed = ratio(budget.actual.total, whole)
    if rate_differs(stated, computed):
        values = {
            "stated": stated,
            "spent": budget.actual.total,
            "budget": whole,
            "budget_name": name,
        }
        refs = ctx.refs("budget_execution.rate", "budget.actual.total")
        yield Hit({**values, "computed": computed}, refs, key=("exec-rate", stated))


@check(
    "execution-rate-mismatch",
    severity=Severity.ERROR,
    title="预算执行率与执行数、预算数不符",
    template="预算执行率填报为{stated}%，但全年执行数{spent}万元 ÷ {budget_name}{budget}万元 = {computed}%",
    suggestion="预算执行率 = 全年执行数 ÷ 全年预算数（调整后）× 100%，请重新计算",
    example={
        "stated": Decimal("98.00"),
        "spent": Decimal("450.00"),
        "budget_name": "全年预算数",
        "budget": Decimal("480.00"),
        "computed": Decimal("93.75"),
    },
)
def execution_rate(ctx: ReviewContext) -> Iterator[Hit]:
    """The stated 预算执行率 (table or prose) against 执行数 ÷ 预算数."""
    for budget, spent, stated, ref in _exec_rows(ctx):
        if budget > 0 and rate_differs(stated, ratio(spent, budget)):
            values = {
                "stated": stated,
                "spent": spent,
                "budget_name": "全年预算数",
                "budget": budget,
                "computed": ratio(spent, budget),
            }
            yield Hit(values, (ref,), key=("exec-rate", stated))
    yield from _execution_row(ctx)
    final, actual = ctx.record.budget.final.total, ctx.record.budget.actual.total
    if not final or actual is None:
        return
    for sentence in _with_rate(ctx, "执行率"):
        if is_rule(sentence.text):
            continue
        for match in _EXEC_RATE.finditer(sentence.text):
            stated = Decimal(match.group(1))
            if rate_differs(stated, ratio(actual, final)):
                values = {
                    "stated": stated,
                    "spent": actual,
                    "budget_name": "全年预算数",
                    "budget": final,
                    "computed": ratio(actual, final),
                }
                yield Hit(values, (sentence.ref,), key=("exec-rate", stated))


def _with_rate(ctx: ReviewContext, word: str) -> Iterator[Sentence]:
    """Sentences holding a percentage and `word`."""
    return iter(ctx.with_kind(Kind.PERCENT, word))


def _neighbours(ctx: ReviewContext, sentence: Sentence) -> list[tuple[Sentence, Token]]:
    """The amounts of `sentence`, or of it and the sentence before in the same unit."""
    found = [(sentence, t) for t in sentence.of(Kind.AMOUNT)]
    if len(found) >= 2:
        return found
    # The unit's sentences, not the document's: only this unit is cut.
    siblings = ctx.unit_sentences(sentence.unit)
    place = next((i for i, s in enumerate(siblings) if s is sentence), 0)
    if place == 0:
        return found
    before = siblings[place - 1]
    return [(before, t) for t in before.of(Kind.AMOUNT)] + found


def _roles(amounts: list[tuple[Sentence, Token]]) -> tuple[Token, Token] | None:
    """(part, whole) when the amounts' words give one of each (two amounts: one role may be implied)."""
    roles = [(rate_role(s.label(t)), t) for s, t in amounts]
    parts = [t for role, t in roles if role == "part"]
    wholes = [t for role, t in roles if role == "whole"]
    if len(amounts) == 2 and len(parts) + len(wholes) == 1:
        other = next(t for role, t in roles if role is None)
        parts, wholes = (parts or [other]), (wholes or [other])
    if len(parts) == 1 and len(wholes) == 1 and parts[0] is not wholes[0]:
        return parts[0], wholes[0]
    return None


def stated_rates(ctx: ReviewContext) -> Iterator[tuple[Sentence, Token, str, Token, Token]]:
    """(sentence, rate, name, part, whole) for each stated 使用率/执行率/… with its two amounts."""
    for sentence in ctx.with_kind(Kind.PERCENT, "率"):  # every `_USE_RATE` (in a label)
        rates = [t for t in sentence.of(Kind.PERCENT) if _USE_RATE.search(sentence.label(t))]
        if len(rates) != 1 or is_rule(sentence.text):
            continue
        pair = _roles(_neighbours(ctx, sentence))
        if pair is not None and pair[1].value > 0:
            name = _USE_RATE.search(sentence.label(rates[0]))
            assert name is not None
            yield sentence, rates[0], name.group(0), pair[0], pair[1]


@check(
    "stated-rate-mismatch",
    severity=Severity.WARNING,
    title="文中的使用率/执行率与其所依据的两个金额不符",
    template="文中称{name}{stated}%，但{part_label}{part}万元 ÷ {whole_label}{whole}万元 = {computed}%",
    suggestion="核对比率与金额；比率 = 已使用（执行）金额 ÷ 可用（预算）金额 × 100%",
    example={
        "name": "使用率",
        "stated": Decimal(95),
        "part_label": "专项资金",
        "part": Decimal("633.50"),
        "whole_label": "项目资金收入",
        "whole": Decimal(820),
        "computed": Decimal("77.26"),
    },
)
def stated_rate(ctx: ReviewContext) -> Iterator[Hit]:
    """A 使用率/执行率/完成率 against the two amounts it is computed from, in its sentence or the one before.

    The amounts take roles from their words (决算/执行/支出/完成 over 预算/年初/计划/收入),
    so a rate above 100 % is checked too; a rate that is part of a scoring rule
    (“≤100%，计8分”, “以100%为标准”) is not a stated value.
    """
    for sentence, rate, name, part, whole in stated_rates(ctx):
        computed = ratio(part.value, whole.value)
        if rate_differs(rate.value, computed):
            values = {
                "name": name,
                "stated": rate.value,
                "part_label": _short(ctx, part),
                "part": part.value,
                "whole_label": _short(ctx, whole),
                "whole": whole.value,
                "computed": computed,
            }
            yield Hit(values, (sentence.ref,), key=("rate", rate.value, computed))


def _short(ctx: ReviewContext, token: Token) -> str:
    for sentence in ctx.sentences:
        if token in sentence.tokens:
            return sentence.label(token)[-12:]
    return ""
