"""Completeness: sections, actual values, explanations and projects the report owes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import ratio
from jixiao.review.outline import Heading, headings, is_form, is_partial, table_has_column
from jixiao.review.registry import Hit, check
from jixiao.review.scan import sentences_in, units_holding
from jixiao.review.text import holds_any
from jixiao.text.figures import Kind

#: Sections every report needs when the profile names none (title, synonyms).
DEFAULT_OUTLINE = (("存在的问题", ("问题",)), ("改进措施", ("措施", "建议")))
_STATED_PROJECTS = re.compile(r"(?:项目|专项资金|专项)共?(\d+)个")
_EXPLAINED = re.compile(r"原因|由于|因[为素]|导致|偏差")
_NOTHING = re.compile(r"^(?:无|没有|不涉及|本单位无[^。]*)[。.]?$")
_LAWFUL = re.compile(r"涉密|不予公开|不宜公开|依法不公开|不公开|保密")
_FIRST_SENTENCE = re.compile(r"^[^。；;！？]*[。；;！？]")
_DEVIATION_COLUMN = re.compile(r"偏差|原因|说明|备注|问题")
#: Body text shorter than this (characters) leaves a section nearly empty.
THIN = 15


def _body(ctx: ReviewContext, heading: Heading, following: Heading | None) -> str | None:
    """The text of a section up to `following`, the next heading of its level (None: runs to the end).

    Only whether the body is shorter than `THIN` matters, so a long body is given by
    its first units only (at least `THIN` characters of it).
    """
    stop = following.unit if following is not None else len(ctx.units)
    text = ctx.compact_text
    own = _FIRST_SENTENCE.sub("", text(heading.unit), count=1)
    parts = [own if own != text(heading.unit) else ""]
    length = len(parts[0])
    for index in range(heading.unit + 1, stop):
        if length >= THIN:
            break
        parts.append(text(index))
        length += len(parts[-1])
    body = "".join(parts)
    return body if following is not None or body else None


def _next_peers(items: tuple[Heading, ...]) -> list[Heading | None]:
    """For each heading, the next heading of its level or higher (None: none follows)."""
    out: list[Heading | None] = [None] * len(items)
    waiting: list[int] = []  # headings still waiting, their levels strictly increasing
    for i, heading in enumerate(items):
        while waiting and items[waiting[-1]].level >= heading.level:
            out[waiting.pop()] = heading
        waiting.append(i)
    return out


@check(
    "section-empty",
    severity=Severity.WARNING,
    title="章节内容为空或过于简略",
    template="章节“{title}”下只有{length}个字",
    suggestion="按提纲要求补写该部分内容",
    example={"title": "（二）项目资金使用情况", "length": 0},
)
def empty_sections(ctx: ReviewContext) -> Iterator[Hit]:
    """A level-1 or level-2 heading whose body (up to the next heading of its level) is nearly empty.

    Not a finding: table-of-contents entries, a heading on which an excerpt ends, a
    sentence that carries its own text after the number, and a section that says it is
    涉密 or 不予公开 (a lawful answer).
    """
    items = headings(ctx)
    partial = is_partial(ctx)
    peers = _next_peers(items)
    for heading, following in zip(items, peers, strict=True):
        if heading.toc or _LAWFUL.search(heading.text):
            continue
        body = _body(ctx, heading, following)
        if body is None and partial:
            continue
        text = body or ""
        if len(text) < THIN and not _NOTHING.match(text) and not _LAWFUL.search(text):
            values = {"title": heading.text[:40], "length": len(text)}
            yield Hit(values, (ctx.units[heading.unit].ref,))


def _outline(ctx: ReviewContext) -> list[tuple[str, tuple[str, ...]]]:
    sections = getattr(ctx.profile, "outline", None)
    if sections:
        return [(s.title, (s.title, *s.synonyms)) for s in sections if getattr(s, "required", True)]
    return [(title, (title, *words)) for title, words in DEFAULT_OUTLINE]


def _missing(ctx: ReviewContext) -> tuple[list[str], list[str]]:
    """(titles missing, words searched) of the outline the profile requires."""
    # Line starts joined by line breaks (compact texts hold none): one search per word.
    units = ctx.units
    lines = "\n".join([_start(units[i].text) for i in ctx.paragraphs])
    missing: list[str] = []
    searched: dict[str, None] = {}  # the words in order, each once
    for title, words in _outline(ctx):
        searched.update(dict.fromkeys(words))
        if not holds_any(lines, words):
            missing.append(title)
    return missing, list(searched)


def _start(text: str, size: int = 16) -> str:
    """The first `size` characters of `text` without white space (a long paragraph is not compacted whole)."""
    head = "".join(text[: size * 2].split())
    if len(head) >= size or len(text) <= size * 2:
        return head[:size]
    return "".join(text.split())[:size]


def _quoted(titles: list[str]) -> str:
    return "".join(f"“{t}”" for t in titles)


@check(
    "section-missing",
    severity=Severity.WARNING,
    title="缺少提纲要求的章节",
    template="报告中没有找到{titles}部分（在各段开头查找了：{searched}）",
    suggestion="按自评报告提纲补充该部分",
    example={"titles": "“存在的问题”", "searched": "存在的问题、问题、改进措施、措施、建议"},
)
def missing_sections(ctx: ReviewContext) -> Iterator[Hit]:
    """Sections the profile's outline requires that no heading or short line of a whole narrative report names (one finding per report; forms and excerpts are left out)."""
    if ctx.document is None or not ctx.units or is_form(ctx) or is_partial(ctx):
        return
    missing, searched = _missing(ctx)
    if missing:
        yield Hit({"titles": _quoted(missing), "searched": "、".join(searched)})


@check(
    "section-not-found-in-excerpt",
    severity=Severity.INFO,
    title="节选文本中未见提纲要求的章节",
    template="文本不完整（在句中截断或只有前几部分），其中没有找到{titles}部分（在各段开头查找了：{searched}），请以完整报告为准",
    suggestion="取得完整的报告后再审核章节是否齐全",
    example={
        "titles": "“存在的问题”“改进措施”",
        "searched": "存在的问题、问题、改进措施、措施、建议",
    },
)
def missing_in_excerpt(ctx: ReviewContext) -> Iterator[Hit]:
    """The same search on an evidently partial narrative text: one note, not a defect."""
    if ctx.document is None or not ctx.units or is_form(ctx) or not is_partial(ctx):
        return
    missing, searched = _missing(ctx)
    if missing:
        yield Hit({"titles": _quoted(missing), "searched": "、".join(searched)})


@check(
    "indicator-actual-missing",
    severity=Severity.WARNING,
    title="绩效指标只有目标值、没有实际完成值",
    template="{missing}个绩效指标（共{count}个）填了指标值但没有实际完成值，如“{example}”",
    suggestion="逐项填写实际完成值，自评须对照年度指标值说明完成情况",
    example={"missing": 12, "count": 12, "example": "培训场次"},
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
        yield Hit(values, ctx.ref(f"indicators[{items[0][0]}].target"), key=("actual-missing",))


@check(
    "deviation-unexplained",
    severity=Severity.WARNING,
    title="扣分指标未说明偏差原因",
    template="“{name}”得分{score}低于分值{weight}，但未填写偏差原因分析及改进措施",
    suggestion="对每个扣分指标说明偏差原因和改进措施",
    example={"name": "群众满意度", "score": Decimal(8), "weight": Decimal(10)},
)
def deviation_missing(ctx: ReviewContext) -> Iterator[Hit]:
    """A score below its weight without a 偏差原因, in a table that has a column for it (a bare 得分表 has none)."""
    for index, item in enumerate(ctx.record.indicators):
        if item.weight is None or item.score is None or item.score >= item.weight:
            continue
        refs = ctx.ref(f"indicators[{index}].score") or ctx.ref(f"indicators[{index}]")
        if (item.deviation or "").strip():
            continue
        if table_has_column(ctx, refs[0] if refs else None, _DEVIATION_COLUMN):
            values = {"name": item.name, "score": item.score, "weight": item.weight}
            yield Hit(values, refs)


@check(
    "low-execution-unexplained",
    severity=Severity.WARNING,
    title="预算执行率低于90%但未说明原因",
    template="预算执行率{rate}%（执行{spent}万元 ÷ 预算{budget}万元）低于90%，报告未说明原因",
    suggestion="执行率低于90%须说明原因及改进措施",
    example={"rate": Decimal("85.50"), "spent": Decimal(171), "budget": Decimal(200)},
)
def low_execution(ctx: ReviewContext) -> Iterator[Hit]:
    """Execution below 90 % with no sentence about 执行 giving a reason."""
    budget = ctx.record.budget
    if not budget.final.total or budget.actual.total is None:
        return
    rate = ratio(budget.actual.total, budget.final.total)
    if rate >= Decimal(90):
        return
    explained = any(
        "执行" in s.text and _EXPLAINED.search(s.text)
        for s in sentences_in(ctx, units_holding(ctx, "执行"))
    )
    if not explained:
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
    for sentence in ctx.with_kind(Kind.COUNT, "项目", "专项"):  # every `_STATED_PROJECTS`
        for match in _STATED_PROJECTS.finditer(sentence.text):
            stated = int(match.group(1))
            if stated > found:
                yield Hit({"stated": stated, "found": found}, (sentence.ref,))
                return
