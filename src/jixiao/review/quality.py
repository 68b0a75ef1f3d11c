"""Indicator quality: targets that are missing, unquantified, without unit, or tautological."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.outline import table_has_column
from jixiao.review.registry import Hit, check
from jixiao.review.text import compact, holds_any

_QUANTITATIVE = ("数量", "质量", "时效", "成本")
_DIGIT = re.compile(r"\d")
#: A name that gives a bare target its unit (a rate, or a unit in brackets).
_UNIT_IN_NAME = re.compile(r"[%％率]|（.+）|\(.+\)")
_TARGET_COLUMN = re.compile(r"指标值|目标值|预期|年度目标")
_BARE_NUMBER = re.compile(r"^[<>≤≥=＝﹦]?\s*\d+(?:\.\d+)?$")


@check(
    "target-missing",
    severity=Severity.WARNING,
    title="绩效指标没有指标值",
    template="绩效指标“{name}”没有填写年度指标值",
    suggestion="为每个绩效指标设定明确的年度指标值",
    example={"name": "业务培训"},
)
def target_missing(ctx: ReviewContext) -> Iterator[Hit]:
    """An indicator row with a name and other values (分值, 得分 or 实际值) and no target, in a table that has a target column."""
    for index, item in enumerate(ctx.record.indicators):
        if (item.target or "").strip() or item.name.strip() in ("/", "无"):
            continue
        filled = item.weight is not None or item.score is not None or (item.actual or "").strip()
        ref = ctx.ref(f"indicators[{index}]")
        if filled and table_has_column(ctx, ref[0] if ref else None, _TARGET_COLUMN):
            yield Hit({"name": item.name}, ref)


@check(
    "target-not-quantified",
    severity=Severity.INFO,
    title="数量、质量、时效、成本指标未量化",
    template="{level2}“{name}”的指标值“{target}”没有数字，无法衡量",
    suggestion="数量、质量、时效、成本指标应设定可衡量的数值和计量单位",
    example={"level2": "数量指标", "name": "组织各类活动", "target": "多次"},
)
def not_quantified(ctx: ReviewContext) -> Iterator[Hit]:
    """A quantitative class of indicator whose target has no digit."""
    for index, item in enumerate(ctx.record.indicators):
        level2, target = item.level2 or "", (item.target or "").strip()
        if (
            target
            and target != "/"
            and holds_any(level2, _QUANTITATIVE)
            and _DIGIT.search(target) is None
        ):
            yield Hit(
                {"level2": level2, "name": item.name, "target": target},
                ctx.ref(f"indicators[{index}]"),
            )


@check(
    "target-unit-missing",
    severity=Severity.INFO,
    title="指标值缺少计量单位",
    template="“{name}”的指标值“{target}”只有数字，没有计量单位",
    suggestion="在指标值后写明计量单位（次、个、%、万元等）",
    example={"name": "会议召开次数", "target": "≥20"},
)
def unit_missing(ctx: ReviewContext) -> Iterator[Hit]:
    """A target that is a bare number (the name gives no unit either)."""
    for index, item in enumerate(ctx.record.indicators):
        target = compact(item.target or "")
        if _BARE_NUMBER.match(target) and not _UNIT_IN_NAME.search(item.name):
            yield Hit({"name": item.name, "target": target}, ctx.ref(f"indicators[{index}]"))


@check(
    "target-restates-name",
    severity=Severity.WARNING,
    title="指标值只是重复指标名称",
    template="“{name}”的指标值“{target}”只是重复了指标名称，没有给出衡量标准",
    suggestion="指标值应是可衡量的标准（数值、时限或明确的达成状态）",
    example={"name": "保障机关正常运转", "target": "保障机关正常运转"},
)
def restates_name(ctx: ReviewContext) -> Iterator[Hit]:
    """A target identical to (or contained in) the indicator's name."""
    for index, item in enumerate(ctx.record.indicators):
        name, target = compact(item.name), compact(item.target or "")
        if len(target) >= 4 and (target == name or target in name):
            yield Hit(
                {"name": item.name, "target": item.target or ""}, ctx.ref(f"indicators[{index}]")
            )
