"""Completeness: sections, actual values, explanations and projects the report owes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import ratio
from jixiao.review.registry import Hit, check
from jixiao.review.text import TextUnit, compact

_HEADING = re.compile(
    r"^\s*(?:([一二三四五六七八九十]+)[、.．]|[（(]([一二三四五六七八九十]+)[）)])"
)
#: Sections every report needs when the profile names none (title, synonyms).
DEFAULT_OUTLINE = (("存在的问题", ("问题",)), ("改进措施", ("措施", "建议")))
_STATED_PROJECTS = re.compile(r"(?:项目|专项资金|专项)共?(\d+)个")
_EXPLAINED = re.compile(r"原因|由于|因[为素]|导致|偏差")
_NOTHING = re.compile(r"^(?:无|没有|不涉及|本单位无[^。]*)[。.]?$")
#: Body text shorter than this (characters) leaves a section nearly empty.
THIN = 15


def _heading_level(unit: TextUnit) -> int | None:
    match = _HEADING.match(unit.text)
    if match is None or unit.in_table or len(unit.text) > 60:
        return None
    return 1 if match.group(1) else 2


@check(
    "section-empty",
    severity=Severity.WARNING,
    title="章节内容为空或过于简略",
    template="章节“{title}”下只有{length}个字",
    suggestion="按提纲要求补写该部分内容",
    example={"title": "（二）部门整体支出规模、使用方向和主要内容、涉及范围等。", "length": 0},
)
def empty_sections(ctx: ReviewContext) -> Iterator[Hit]:
    """A level-1 or level-2 heading whose body (up to the next heading of its level) is nearly empty."""
    units = [u for u in ctx.units if not u.in_table or _heading_level(u) is None]
    levels = [_heading_level(u) for u in units]
    for i, level in enumerate(levels):
        if level is None:
            continue
        body = ""
        for unit, other in zip(units[i + 1 :], levels[i + 1 :], strict=True):
            if other is not None and other <= level:
                break
            body += compact(unit.text)
        if len(body) < THIN and not _NOTHING.match(body):
            yield Hit({"title": units[i].text.strip()[:40], "length": len(body)}, (units[i].ref,))


def _outline(ctx: ReviewContext) -> list[tuple[str, tuple[str, ...]]]:
    sections = getattr(ctx.profile, "outline", None)
    if sections:
        return [(s.title, (s.title, *s.synonyms)) for s in sections if getattr(s, "required", True)]
    return [(title, (title, *words)) for title, words in DEFAULT_OUTLINE]


@check(
    "section-missing",
    severity=Severity.WARNING,
    title="缺少提纲要求的章节",
    template="报告中没有找到“{title}”部分",
    suggestion="按自评报告提纲补充该部分",
    example={"title": "存在的问题"},
)
def missing_sections(ctx: ReviewContext) -> Iterator[Hit]:
    """Sections the profile's outline requires that no heading or short line names."""
    if ctx.document is None:
        return
    form = ctx.document.format == "xlsx"  # a workbook's sections are its labelled rows
    lines = [compact(u.text)[:16] for u in ctx.units if not u.in_table or form]
    for title, words in _outline(ctx):
        if not any(word in line for word in words for line in lines):
            yield Hit({"title": title})


@check(
    "indicator-actual-missing",
    severity=Severity.WARNING,
    title="绩效指标只有目标值、没有实际完成值",
    template="{missing}个绩效指标（共{count}个）填了指标值但没有实际完成值，如“{example}”",
    suggestion="逐项填写实际完成值，自评须对照年度指标值说明完成情况",
    example={"missing": 19, "count": 19, "example": "人大会议次数"},
)
def actual_missing(ctx: ReviewContext) -> Iterator[Hit]:
    """Indicators with a target and no actual value."""
    items = [(i, x) for i, x in enumerate(ctx.record.indicators) if x.target and not x.actual]
    if items:
        values = {
            "missing": len(items),
            "count": len(ctx.record.indicators),
            "example": items[0][1].name,
        }
        yield Hit(values, ctx.ref(f"indicators[{items[0][0]}].target"))


@check(
    "deviation-unexplained",
    severity=Severity.WARNING,
    title="扣分指标未说明偏差原因",
    template="“{name}”得分{score}低于分值{weight}，但未填写偏差原因分析及改进措施",
    suggestion="对每个扣分指标说明偏差原因和改进措施",
    example={"name": "群众满意度", "score": Decimal(8), "weight": Decimal(10)},
)
def deviation_missing(ctx: ReviewContext) -> Iterator[Hit]:
    """A score below its weight without a 偏差原因."""
    for index, item in enumerate(ctx.record.indicators):
        if item.weight is None or item.score is None or item.score >= item.weight:
            continue
        if not (item.deviation or "").strip():
            values = {"name": item.name, "score": item.score, "weight": item.weight}
            yield Hit(values, ctx.ref(f"indicators[{index}].score"))


@check(
    "low-execution-unexplained",
    severity=Severity.WARNING,
    title="预算执行率低于90%但未说明原因",
    template="预算执行率{rate}%（执行{spent}万元 ÷ 预算{budget}万元）低于90%，报告未说明原因",
    suggestion="执行率低于90%须说明原因及改进措施",
    example={"rate": Decimal("85.63"), "spent": Decimal(236), "budget": Decimal("275.61")},
)
def low_execution(ctx: ReviewContext) -> Iterator[Hit]:
    """Execution below 90 % with no sentence about 执行 giving a reason."""
    budget = ctx.record.budget
    if not budget.final.total or budget.actual.total is None:
        return
    rate = ratio(budget.actual.total, budget.final.total)
    explained = any("执行" in s.text and _EXPLAINED.search(s.text) for s in ctx.sentences)
    if rate < Decimal(90) and not explained:
        values = {"rate": rate, "spent": budget.actual.total, "budget": budget.final.total}
        yield Hit(values, ctx.ref("budget.actual.total"))


@check(
    "projects-fewer-than-stated",
    severity=Severity.WARNING,
    title="描述的项目少于报告所称的项目个数",
    template="报告称有{stated}个项目，但只描述了{found}个",
    suggestion="逐个说明全部项目的预算、执行和绩效情况",
    example={"stated": 7, "found": 3},
)
def fewer_projects(ctx: ReviewContext) -> Iterator[Hit]:
    """“编报绩效目标的项目4个” against the projects found."""
    found = len(ctx.record.projects)
    if not found:
        return
    for sentence in ctx.sentences:
        for match in _STATED_PROJECTS.finditer(sentence.text):
            stated = int(match.group(1))
            if stated > found:
                yield Hit({"stated": stated, "found": found}, (sentence.ref,))
                return
