"""Control rates of the 基础数据表: 公用经费控制率, “三公”经费控制率 and 变动率.

These checks belong to the rates family. Each fires only where the report states the
rate (in prose, in a table cell, or in a rate column of the 基础数据表) and the figures
it is computed from are known: from the record, or from the 基础数据表 rows
(上年决算数 | 本年预算数 | 本年决算数) where the record has no such field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.provenance import SourceRef
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import rate_differs, ratio
from jixiao.review.registry import Hit, check
from jixiao.review.roles import is_rule
from jixiao.review.scan import may_mention, tables_holding
from jixiao.review.tables import CellView, Row, find_index, under_headers
from jixiao.review.text import compact
from jixiao.text.figures import Kind

THREE = "三公经费"
PUBLIC = "公用经费"
_QUOTES = re.compile(r"[“”\"'‘’「」]")
_YEAR = re.compile(r"(\d{4})年")
_FALL = re.compile(r"下降|减少|降低")
_RATE_TAIL = r"[^\d%％。；;]{0,8}?(-?\d+(?:\.\d+)?)\s*[%％]"
_RATES = {
    (PUBLIC, "控制率"): re.compile(r"公用经费控制率" + _RATE_TAIL),
    (THREE, "控制率"): re.compile(r"三公[”\"]?经费[”\"]?控制率" + _RATE_TAIL),
    (THREE, "变动率"): re.compile(r"三公[”\"]?经费[”\"]?变动率" + _RATE_TAIL),
}


def key_text(text: str) -> str:
    """`text` without white space or quotes, for matching row labels."""
    return _QUOTES.sub("", compact(text))


@dataclass(frozen=True)
class Funds:
    """One 基础数据表 row: 上年决算数, 本年预算数, 本年决算数 (any may be missing)."""

    prior: Decimal | None = None
    budget: Decimal | None = None
    actual: Decimal | None = None


@dataclass(frozen=True)
class Stated:
    """A rate as the report states it, and where."""

    value: Decimal
    ref: SourceRef


_PRIOR_MONEY = re.compile("决算|预算|支出|实际")
_SPENT = re.compile("决算|执行|实际")


def _role(text: str, latest: int | None) -> str | None:
    year = _YEAR.search(text)
    if "上年" in text or (year is not None and latest is not None and int(year[1]) < latest):
        return "prior" if _PRIOR_MONEY.search(text) else None
    if "预算" in text:
        return "budget"
    if _SPENT.search(text):
        return "actual"
    return None


def columns(header: tuple[CellView, ...]) -> dict[str, int]:
    """Positions of the prior, budget and actual columns of a 基础数据表 header."""
    texts = [c.key for c in header]
    latest = max((int(y) for t in texts for y in _YEAR.findall(t)), default=None)
    roles: dict[str, int] = {}
    for index, text in enumerate(texts):
        role = _role(text, latest)
        if role is not None and role not in roles:
            roles[role] = index
    return roles




def _is_header(texts: list[str]) -> bool:
    joined = "\x00".join(texts)  # no word spans two cells
    return "预算" in joined and _SPENT.search(joined) is not None


def data_rows(ctx: ReviewContext, what: str) -> Iterator[Row]:
    """Rows of money tables (预算 and 决算 columns) whose label starts with `what` (found once)."""
    return iter(ctx.shared(f"data-rows-{what}", lambda c: tuple(_data_rows(c, what))))


def _money_rows(ctx: ReviewContext) -> tuple[tuple[str, Row], ...]:
    """(label, row) of every row under a money header (found once for every `what`)."""
    return tuple(
        (key_text(row.label()), row)
        for view in tables_holding(ctx, "预算")
        for row in under_headers(view, _is_header)
    )


def _data_rows(ctx: ReviewContext, what: str) -> Iterator[Row]:
    for label, row in ctx.shared("money-rows", _money_rows):
        if label.startswith(what):
            yield row


def table_funds(ctx: ReviewContext, what: str) -> Funds:
    """The first 基础数据表 row for `what` with a figure, else an empty `Funds`."""
    for row in data_rows(ctx, what):
        roles = columns(row.header)
        found = {role: row.value(index) for role, index in roles.items()}
        if any(v is not None for v in found.values()):
            return Funds(found.get("prior"), found.get("budget"), found.get("actual"))
    return Funds()


def _in_sentences(ctx: ReviewContext, pattern: re.Pattern[str], word: str) -> Iterator[Stated]:
    for sentence in ctx.with_kind(Kind.PERCENT, word):
        if is_rule(sentence.text):
            continue
        for match in pattern.finditer(sentence.text):
            value = Decimal(match[1])
            if value > 0 and _FALL.search(match[0]):
                value = -value
            yield Stated(value, sentence.ref)


def _rate_labels(ctx: ReviewContext) -> tuple[tuple[tuple[CellView, ...], int, str], ...]:
    """(row, position, label) of every table cell naming a rate (found once for every rate)."""
    return tuple(
        (cells, i, key_text(c.key))
        for view in tables_holding(ctx, "率")
        for cells in view.rows
        for i, c in enumerate(cells)
        if "率" in c.key
    )


def _in_label_rows(ctx: ReviewContext, name: str) -> Iterator[Stated]:
    """A table row labelled with the rate's name, its value in a later cell."""
    done: tuple[CellView, ...] | None = None
    for cells, start, label in ctx.shared("rate-labels", _rate_labels):
        if cells is done or not label.endswith(name):
            continue
        done = cells  # the first such cell of a row
        for cell in cells[start + 1 :]:
            if cell.rate is not None:
                yield Stated(cell.rate, cell.ref())
                break


def _in_rate_column(ctx: ReviewContext, what: str, word: str) -> Iterator[Stated]:
    """The `what` row of a money table with a `word` (控制率/变动率) column."""
    for row in data_rows(ctx, what):
        index = find_index(row.header, lambda t: word in t)
        value = row.rate(index) if index is not None else None
        if index is not None and value is not None:
            yield Stated(value, row.ref(index))


def stated_rates(ctx: ReviewContext, what: str, word: str) -> list[Stated]:
    """Every statement of the rate `what` + `word`, without repeats of the same figure."""
    if not may_mention(ctx, what + word):
        return []  # every way of stating it names it
    found = [
        *_in_sentences(ctx, _RATES[what, word], word),
        *_in_label_rows(ctx, what + word),
        *_in_rate_column(ctx, what, word),
    ]
    out: list[Stated] = []
    for item in found:
        if all(item.value != seen.value for seen in out):
            out.append(item)
    return out


@check(
    "public-funds-control-rate-mismatch",
    family="rates",
    severity=Severity.WARNING,
    title="公用经费控制率与实际、预算公用经费不符",
    template="公用经费控制率填报为{stated}%，但实际公用经费{actual}万元 ÷ 预算公用经费{budget}万元 = {computed}%",
    suggestion="公用经费控制率 = 实际支出公用经费 ÷ 预算安排公用经费 × 100%，请按基础数据表的公用经费重新计算",
    example={
        "stated": Decimal(90),
        "actual": Decimal("48.20"),
        "budget": Decimal("60.00"),
        "computed": Decimal("80.33"),
    },
)
def public_funds_rate(ctx: ReviewContext) -> Iterator[Hit]:
    """The stated 公用经费控制率 against 实际公用经费 ÷ 预算公用经费 (the budget from the 基础数据表)."""
    stated = stated_rates(ctx, PUBLIC, "控制率")
    if not stated:
        return
    funds = table_funds(ctx, PUBLIC)
    actual = funds.actual if funds.actual is not None else ctx.record.budget.actual.public
    if not funds.budget or actual is None:
        return
    computed = ratio(actual, funds.budget)
    for item in stated:
        if rate_differs(item.value, computed):
            values = {"stated": item.value, "actual": actual, "budget": funds.budget}
            yield Hit({**values, "computed": computed}, (item.ref,))


def _three_control_inputs(ctx: ReviewContext) -> tuple[Decimal, Decimal] | None:
    """(actual, budget) of 三公经费: the record's, else the 基础数据表 row's."""
    record = ctx.record.three_public
    if record.actual.total is not None and record.budget.total:
        return record.actual.total, record.budget.total
    funds = table_funds(ctx, THREE)
    if funds.actual is not None and funds.budget:
        return funds.actual, funds.budget
    return None


@check(
    "three-public-control-rate-mismatch",
    family="rates",
    severity=Severity.ERROR,
    title="“三公”经费控制率与实际支出、预算数不符",
    template="“三公”经费控制率填报为{stated}%，但“三公”经费实际支出{actual}万元 ÷ 预算数{budget}万元 = {computed}%",
    suggestion="“三公”经费控制率 = “三公”经费实际支出数 ÷ “三公”经费预算安排数 × 100%，请重新计算",
    example={
        "stated": Decimal(95),
        "actual": Decimal("6.30"),
        "budget": Decimal("9.00"),
        "computed": Decimal("70.00"),
    },
)
def three_public_control_rate(ctx: ReviewContext) -> Iterator[Hit]:
    """The stated “三公”经费控制率 against 实际支出 ÷ 预算数 (record, else 基础数据表)."""
    stated = stated_rates(ctx, THREE, "控制率")
    inputs = _three_control_inputs(ctx) if stated else None
    if inputs is None:
        return
    actual, budget = inputs
    computed = ratio(actual, budget)
    for item in stated:
        if rate_differs(item.value, computed):
            values = {"stated": item.value, "actual": actual, "budget": budget}
            yield Hit({**values, "computed": computed}, (item.ref,))


def change_candidates(ctx: ReviewContext) -> list[tuple[Decimal, Decimal, Decimal]]:
    """(current, prior, rate) for each reading of “this year” (决算, then 预算) against 上年."""
    funds = table_funds(ctx, THREE)
    record = ctx.record.three_public
    if not funds.prior:
        return []
    currents = (
        funds.actual if funds.actual is not None else record.actual.total,
        funds.budget if funds.budget is not None else record.budget.total,
    )
    out = []
    for current in currents:
        if current is not None:
            out.append((current, funds.prior, ratio(current - funds.prior, funds.prior)))
    return out


@check(
    "three-public-change-rate-mismatch",
    family="rates",
    severity=Severity.WARNING,
    title="“三公”经费变动率与本年、上年数不符",
    template="“三公”经费变动率填报为{stated}%，但（本年{current}万元 − 上年{prior}万元）÷ 上年{prior}万元 = {computed}%",
    suggestion="“三公”经费变动率 = （本年“三公”经费 − 上年“三公”经费）÷ 上年“三公”经费 × 100%，请重新计算",
    example={
        "stated": Decimal(-5),
        "current": Decimal("7.60"),
        "prior": Decimal("9.50"),
        "computed": Decimal("-20.00"),
    },
)
def three_public_change_rate(ctx: ReviewContext) -> Iterator[Hit]:
    """The stated “三公”经费变动率 against (本年 − 上年) ÷ 上年; 本年 may be the 决算 or the 预算 figure."""
    stated = stated_rates(ctx, THREE, "变动率")
    candidates = change_candidates(ctx) if stated else []
    if not candidates:
        return
    current, prior, computed = candidates[0]
    for item in stated:
        if all(rate_differs(item.value, rate) for _, _, rate in candidates):
            values = {"stated": item.value, "current": current, "prior": prior}
            yield Hit({**values, "computed": computed}, (item.ref,))
