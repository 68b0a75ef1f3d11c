"""Arithmetic stated in prose: “X万元，其中A万元、B万元”, “比上年X万元减少Y万元，减少Z%”.

These checks belong to the arithmetic family; they read the document's text, so
they work even where the record lacks the figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.money import to_wan
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import Verdict, differs, rate_differs
from jixiao.review.prose import parts_of_earlier
from jixiao.review.registry import Hit, check
from jixiao.review.sums import of_source
from jixiao.review.text import Sentence
from jixiao.text.figures import Kind


def _amt(name: str) -> str:
    return (
        rf"(?P<{name}>\d[\d,]*(?:\.\d+)?)\s*"
        rf"(?P<{name}_u>万元|亿元|元|万(?=[，,。；;、）)\s]|$))"
    )


def _value(match: re.Match[str], name: str) -> Decimal:
    value = Decimal(match.group(name).replace(",", ""))
    unit = match.group(f"{name}_u")
    return to_wan(value, unit) if unit in ("元", "亿元") else value


def _parts_hits(ctx: ReviewContext, *, over: bool) -> Iterator[Hit]:
    for statement in of_source(ctx, "prose", Verdict.MISMATCH):
        if (statement.computed > statement.total) != over:
            continue
        if not over and len(statement.parts) < 2:
            continue
        yield Hit(statement.figures(), statement.refs, key=statement.key)


@check(
    "stated-parts-exceed-total",
    severity=Severity.ERROR,
    family="arithmetic",
    title="文中“其中”所列分项之和大于总数",
    template="文中总数{total}万元，其中所列分项（{parts}）之和为{sum}万元，超过总数",
    suggestion="核对总数与各分项金额，更正填错的数字",
    example={
        "total": Decimal("100"),
        "parts": "人员经费80万元、公用经费30万元",
        "sum": Decimal("110"),
        "gap": Decimal("-10"),
    },
)
def parts_exceed(ctx: ReviewContext) -> Iterator[Hit]:
    """A total followed by 其中 items that add up to more than it."""
    return _parts_hits(ctx, over=True)


@check(
    "stated-parts-short-of-total",
    severity=Severity.WARNING,
    family="arithmetic",
    title="文中“其中”所列分项之和小于总数",
    template="文中总数{total}万元，其中所列分项（{parts}）之和为{sum}万元，比总数少{gap}万元",
    suggestion="核对分项是否列全、金额是否准确；只列部分分项时请写明“其他”",
    example={
        "total": Decimal("640.00"),
        "parts": "工资福利支出500.10万元、商品和服务支出80.20万元、对个人和家庭的补助10.30万元",
        "sum": Decimal("590.60"),
        "gap": Decimal("49.40"),
    },
)
def parts_short(ctx: ReviewContext) -> Iterator[Hit]:
    """A total followed by two or more 其中 items that add up to less than it."""
    return _parts_hits(ctx, over=False)


@check(
    "part-exceeds-whole",
    severity=Severity.ERROR,
    family="arithmetic",
    title="文中“其中”的一项大于其总数",
    template="文中“{whole_label}”{whole}万元，其中“{part_label}”{part}万元，分项大于总数（多{gap}万元）",
    suggestion="分项不能大于总数：核对两个数字及其口径（年初预算、调整后预算或决算）",
    example={
        "whole_label": "年初预算收入",
        "whole": Decimal("580.50"),
        "part_label": "财政拨款收入年初预算",
        "part": Decimal("960.20"),
        "gap": Decimal("379.70"),
    },
)
def part_exceeds_whole(ctx: ReviewContext) -> Iterator[Hit]:
    """A single 其中 part larger than its total: the total next to it, or the earlier amount (also in brackets) naming the same money at the same stage."""
    for index in ctx.units_with(Kind.AMOUNT, 2):
        unit, tokens = ctx.units[index], ctx.unit_tokens[index]
        if "其中" not in unit.text:
            continue
        for found in parts_of_earlier(unit.text, tokens):
            if found.part.value > found.whole.value:
                values = {
                    "whole_label": found.whole_label,
                    "whole": found.whole.value,
                    "part_label": found.part_label,
                    "part": found.part.value,
                    "gap": found.part.value - found.whole.value,
                }
                key = ("sum", found.whole.value.normalize(), (found.part.value.normalize(),))
                yield Hit(values, (unit.ref,), key=key)


_UP = "增加|增长|上升|超出|多"
_UP_WORD = re.compile(_UP)
_CHANGE = re.compile(
    _amt("cur")
    + r"(?:(?:(?!本年|今年|本期)[^。；;\d，,]){0,12}?|\s*[，,]\s*)(?:比|较)"
    + r"(?P<base>上年度?|去年|上一年度?|年初预算(?:数|批复)?)[^\d。；;]{0,6}?(?:"
    + _amt("prev")
    + r")?[^\d。；;]{0,4}?(?P<dir>增加|减少|增长|下降|节约|超出|上升|降低|多|少)了?"
    + _amt("diff")
    + r"(?:[，,]\s*(?:增长|减少|下降|增加|上升|降低)?了?\s*(?P<pct>\d+(?:\.\d+)?)\s*[%％])?"
)
#: The words every base of `_CHANGE` holds (上年, 去年, 上一年, 年初预算).
_BASES = ("上年", "去年", "上一年", "年初预算")
_PAREN = re.compile(r"（[^（）]*）|\([^()]*\)")
_COMPARE = re.compile(r"比|较")


def changes(ctx: ReviewContext) -> list[tuple[Sentence, re.Match[str]]]:
    """Every year-over-year (or against-budget) change statement of the document (once)."""
    return ctx.shared("changes", _changes)


def _changes(ctx: ReviewContext) -> list[tuple[Sentence, re.Match[str]]]:
    out: list[tuple[Sentence, re.Match[str]]] = []
    for sentence in ctx.with_kind(Kind.AMOUNT, "比", "较"):  # every `_COMPARE`
        if len(sentence.of(Kind.AMOUNT)) < 2 or not _COMPARE.search(sentence.text):
            continue
        text = _PAREN.sub("", sentence.text)
        if not any(word in text for word in _BASES):
            continue
        out.extend((sentence, match) for match in _CHANGE.finditer(text))
    return out


def _figures(match: re.Match[str]) -> dict[str, Decimal | str]:
    values: dict[str, Decimal | str] = {
        "current": _value(match, "cur"),
        "diff": _value(match, "diff"),
        "direction": match.group("dir"),
        "base": match.group("base"),
    }
    if match.group("prev"):
        values["previous"] = _value(match, "prev")
    return values


@check(
    "change-amount-mismatch",
    severity=Severity.ERROR,
    family="arithmetic",
    title="增减额与前后两个数不符",
    template="文中称{current}万元比{base}{previous}万元{direction}{diff}万元，但两数实际相差{actual}万元",
    suggestion="按两个年度的数字重新计算增减额，并同步更正增减幅度",
    example={
        "current": Decimal("812.40"),
        "previous": Decimal("830.90"),
        "base": "上年",
        "direction": "减少",
        "diff": Decimal("18.90"),
        "actual": Decimal("18.50"),
    },
)
def change_amount(ctx: ReviewContext) -> Iterator[Hit]:
    """A stated increase or decrease against the two figures it compares."""
    for sentence, match in changes(ctx):
        values = _figures(match)
        current, previous, diff = values["current"], values.get("previous"), values["diff"]
        if not isinstance(previous, Decimal) or not isinstance(current, Decimal):
            continue
        assert isinstance(diff, Decimal)
        actual = abs(current - previous)
        if differs(diff, actual, current, previous):
            yield Hit({**values, "actual": actual}, (sentence.ref,))


@check(
    "change-direction-mismatch",
    severity=Severity.ERROR,
    family="arithmetic",
    title="增减方向与前后两个数不符",
    template="文中称{current}万元比{base}{previous}万元“{direction}”，但前者{relation}后者",
    suggestion="核对“增加/减少”的表述与两个年度的数字",
    example={
        "current": Decimal("120"),
        "previous": Decimal("100"),
        "base": "上年",
        "direction": "减少",
        "diff": Decimal("20"),
        "relation": "大于",
    },
)
def change_direction(ctx: ReviewContext) -> Iterator[Hit]:
    """“增加” where the figure fell, or “减少” where it rose."""
    for sentence, match in changes(ctx):
        values = _figures(match)
        current, previous = values["current"], values.get("previous")
        if (
            not isinstance(previous, Decimal)
            or not isinstance(current, Decimal)
            or current == previous
        ):
            continue
        up = _UP_WORD.fullmatch(str(values["direction"])) is not None
        if up != (current > previous):
            yield Hit(
                {**values, "relation": "大于" if current > previous else "小于"}, (sentence.ref,)
            )


@check(
    "change-percent-mismatch",
    severity=Severity.WARNING,
    family="arithmetic",
    title="增减幅度与增减额不符",
    template="文中增减幅度{percent}%，但按{diff}万元 ÷ 基数{base}万元计算应为{computed}%",
    suggestion="增减幅度 = 增减额 ÷ 上年（或预算）数 × 100%，请重新计算",
    example={
        "percent": Decimal("3.5"),
        "diff": Decimal("4.10"),
        "base": Decimal("160.00"),
        "computed": Decimal("2.56"),
    },
)
def change_percent(ctx: ReviewContext) -> Iterator[Hit]:
    """A stated change percentage against the change and its base."""
    for sentence, match in changes(ctx):
        if not match.group("pct"):
            continue
        stated = Decimal(match.group("pct"))
        current, diff = _value(match, "cur"), _value(match, "diff")
        up = _UP_WORD.fullmatch(match.group("dir")) is not None
        if match.group("prev"):
            base = _value(match, "prev")
            diff = abs(current - base)
        else:
            base = current - diff if up else current + diff
        if base <= 0:
            continue
        computed = (diff / base * 100).quantize(Decimal("0.01"))
        if rate_differs(stated, computed):
            values = {"percent": stated, "diff": diff, "base": base, "computed": computed}
            yield Hit(values, (sentence.ref,))
