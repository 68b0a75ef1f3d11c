"""The placeholders a report template may use, and their values for a record.

A template (``.docx``, filled through docxtpl) writes ``{{ 部门名称 }}`` where the
unit's name goes, ``{{ 预算情况 }}`` where the budget sentence goes, and a table
placeholder such as ``{{ 自评表 }}`` alone in a paragraph where a table goes. Text
values may hold several paragraphs (one per line); ``工作开展`` and ``其他章节`` are
lists of ``{标题, 内容}`` for a ``{%p for 题 in 工作开展 %}`` loop. Prose the record
and narrative do not hold is written as “【待补充】” with what to write there.

`PLACEHOLDERS` is the catalogue (name, kind, meaning, required); `values` computes
every value. `docs/templates.md` is generated from the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from jixiao.model.narrative import Narrative, Topic
from jixiao.model.record import Record
from jixiao.render import phrasing as ph
from jixiao.render.tables import year_prefix

TODO = "【待补充】"
Kind = Literal["text", "topics", "table"]


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One placeholder: its name in templates, what it holds, and whether a template must use it."""

    name: str
    kind: Kind
    meaning: str
    required: bool = False


def _todo(what: str) -> str:
    return f"{TODO}{what}"


def _or_todo(text: str | None, what: str) -> str:
    return text.strip() if text and text.strip() else _todo(what)


def _lines(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


def _title(record: Record, narrative: Narrative) -> str:
    if narrative.title:
        return narrative.title
    return f"{year_prefix(record)}{record.department or ''}部门整体支出绩效自评报告"


def _functions(record: Record, narrative: Narrative) -> str:
    items = [i.strip() for i in narrative.functions if i.strip()]
    if len(items) == 1:
        return items[0]
    if items:
        return "\n".join(f"{n}.{item}" for n, item in enumerate(items, start=1))
    return _todo("按“三定”方案分条写明本部门的主要职能职责，每条一段。")


def _basic_spending(record: Record, narrative: Narrative) -> str:
    actual, tp = record.budget.actual, record.three_public
    if actual.basic is None:
        known = any(v is not None for v in (*tp.budget.model_dump().values(), *tp.actual.model_dump().values()))
        return "" if known else _todo("写明基本支出金额及其中人员经费、公用经费的金额。")
    inner = [
        f"{n}{ph.amount(v)}万元"
        for n, v in (("人员经费", actual.personnel), ("公用经费", actual.public))
        if v is not None
    ]
    return f"基本支出{ph.amount(actual.basic)}万元" + ("，其中" + "，".join(inner) if inner else "") + "。"


def _three_public(record: Record, narrative: Narrative) -> str:
    tp = record.three_public
    return _lines(
        ph.three_public_sentence("三公经费预算合计", tp.budget),
        ph.three_public_sentence("三公经费实际支出合计", tp.actual),
    )


def _project_notes(record: Record, narrative: Narrative) -> str:
    if not record.projects:
        return _todo("逐项写明各项目的预算、支出和绩效情况；没有项目的写“无”。")
    notes = [(p.name, narrative.note_for(p.name)) for p in record.projects]
    return "\n".join(f"{name}：{note}" for name, note in notes if note)


def _topics(topics: list[Topic]) -> list[dict[str, str]]:
    out, n = [], 0
    for topic in topics:
        title = ""
        if topic.title:
            n += 1
            title = f"{n}.{topic.title}"
        out.append({"标题": title, "内容": topic.text})
    return out


def _work_done(record: Record, narrative: Narrative) -> list[dict[str, str]]:
    if not narrative.work_done:
        return [{"标题": "", "内容": _todo("分条写明年度主要工作、履职情况及取得的成效，每条先写小标题。")}]
    return _topics(narrative.work_done)


def _conclusion(record: Record, narrative: Narrative) -> str:
    return ph.evaluation_sentence(record) or _todo("写明自评得分和自评等级（优、良、中、差）。")


def _items(items: list[str], what: str) -> str:
    if not items:
        return _todo(what)
    return "\n".join(ph.numbered(items, arabic=True))


def _application(record: Record, narrative: Narrative) -> str:
    return _or_todo(
        narrative.application,
        "写明自评结果如何用于改进管理和下年度预算安排。",
    )


def _publication(record: Record, narrative: Narrative) -> str:
    if narrative.publication is None:
        return _todo("写明自评报告在何处、何时向社会公开。")
    return narrative.publication


def _contact(value: str | None) -> Callable[[Record, Narrative], str]:
    return lambda record, narrative: getattr(narrative, value or "") or ""


TEXT: dict[str, Callable[[Record, Narrative], Any]] = {
    "标题": _title,
    "部门名称": lambda r, n: r.department or "",
    "年度": lambda r, n: year_prefix(r),
    "前言": lambda r, n: n.preamble or "",
    "职能职责": _functions,
    "机构设置": lambda r, n: _or_todo(n.organization, "写明内设机构、所属单位的设置情况。"),
    "人员情况": lambda r, n: ph.staffing_sentence(r.staffing) or "",
    "收入支出情况": lambda r, n: ph.income_sentence(r) or "",
    "预算情况": lambda r, n: ph.budget_sentence(r.budget) or "",
    "基本支出情况": _basic_spending,
    "三公经费情况": _three_public,
    "项目支出情况": lambda r, n: ph.projects_sentence(r) or "",
    "项目说明": _project_notes,
    "政府性基金": lambda r, n: _or_todo(n.government_funds, "写明政府性基金预算支出情况；没有的写“无”。"),
    "国有资本经营": lambda r, n: _or_todo(n.state_capital, "写明国有资本经营预算支出情况；没有的写“无”。"),
    "社会保险基金": lambda r, n: _or_todo(n.social_insurance, "写明社会保险基金预算支出情况；没有的写“无”。"),
    "绩效目标": lambda r, n: _or_todo(n.goal_expected, "写明本年度部门整体支出的总体绩效目标。"),
    "目标完成情况": lambda r, n: n.goal_achieved or "",
    "工作开展": _work_done,
    "自评结论": _conclusion,
    "存在的问题": lambda r, n: _items(r.problems, "分条写明预算管理和绩效目标完成中存在的问题。"),
    "问题原因": lambda r, n: n.problem_causes or "",
    "改进措施": lambda r, n: _items(r.measures, "针对存在的问题分条写明下一步改进措施。"),
    "结果应用": _application,
    "结果公开": _publication,
    "其他说明": lambda r, n: n.other or "",
    "其他章节": lambda r, n: _topics(n.other_sections),
    "落款单位": lambda r, n: n.signed_by or r.department or "",
    "落款日期": lambda r, n: n.signed_on or "",
    "填表人": _contact("filled_by"),
    "联系电话": _contact("phone"),
}

PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("标题", "text", "报告标题：叙述中的标题，或“<年度><部门>部门整体支出绩效自评报告”", True),
    Placeholder("部门名称", "text", "部门（单位）名称"),
    Placeholder("年度", "text", "“2024年度”；年度未知时为空"),
    Placeholder("前言", "text", "标题后、第一个章节前的导语"),
    Placeholder("职能职责", "text", "部门主要职能职责，多条时逐条编号成段"),
    Placeholder("机构设置", "text", "内设机构和所属单位情况"),
    Placeholder("人员情况", "text", "编制数、在职人数、离退休人数的标准表述"),
    Placeholder("收入支出情况", "text", "本年与上年收入合计、支出合计的标准表述"),
    Placeholder("预算情况", "text", "年初预算、全年预算、全年支出及其构成的标准表述", True),
    Placeholder("基本支出情况", "text", "基本支出及人员经费、公用经费"),
    Placeholder("三公经费情况", "text", "“三公”经费预算和实际支出的标准表述"),
    Placeholder("三公经费表", "table", "“三公”经费情况表（无三公数据时不出表）"),
    Placeholder("项目支出情况", "text", "项目支出合计及各项目支出"),
    Placeholder("项目支出表", "table", "项目支出情况表（无项目时不出表）"),
    Placeholder("项目说明", "text", "各项目的文字说明，每项一段"),
    Placeholder("政府性基金", "text", "政府性基金预算支出情况"),
    Placeholder("国有资本经营", "text", "国有资本经营预算支出情况"),
    Placeholder("社会保险基金", "text", "社会保险基金预算支出情况"),
    Placeholder("绩效目标", "text", "年度总体绩效目标"),
    Placeholder("目标完成情况", "text", "绩效目标的实际完成情况"),
    Placeholder("工作开展", "topics", "主要工作及成效：列表，每项有“标题”（已编号）和“内容”"),
    Placeholder("自评结论", "text", "自评得分和等级的标准表述"),
    Placeholder("存在的问题", "text", "存在的问题，逐条编号成段", True),
    Placeholder("问题原因", "text", "问题的原因分析"),
    Placeholder("改进措施", "text", "下一步改进措施，逐条编号成段", True),
    Placeholder("结果应用", "text", "自评结果拟应用情况"),
    Placeholder("结果公开", "text", "自评结果公开情况"),
    Placeholder("其他说明", "text", "其他需要说明的情况（无则为空）"),
    Placeholder("其他章节", "topics", "原报告中其他章节（如资产管理情况）：列表，每项有“标题”和“内容”"),
    Placeholder("落款单位", "text", "落款的单位名称（无叙述时用部门名称）"),
    Placeholder("落款日期", "text", "落款日期，如“2024年3月15日”"),
    Placeholder("基础数据表", "table", "附件：部门整体支出绩效评价基础数据表"),
    Placeholder("自评表", "table", "附件：部门整体支出绩效自评表（预算执行、绩效指标、总分）", True),
    Placeholder("填表人", "text", "填表人"),
    Placeholder("联系电话", "text", "联系电话"),
)

NAMES = frozenset(p.name for p in PLACEHOLDERS)
TABLES = frozenset(p.name for p in PLACEHOLDERS if p.kind == "table")
REQUIRED = tuple(p.name for p in PLACEHOLDERS if p.required)


def values(record: Record, narrative: Narrative) -> dict[str, Any]:
    """The value of every text and list placeholder (tables are drawn by the template filler)."""
    return {name: build(record, narrative) for name, build in TEXT.items()}


def catalogue_markdown() -> str:
    """The catalogue as a Markdown table (for docs/templates.md)."""
    kinds = {"text": "文字", "topics": "列表", "table": "表格"}
    lines = ["| 占位符 | 类型 | 必需 | 内容 |", "|---|---|---|---|"]
    for p in PLACEHOLDERS:
        lines.append(f"| `{{{{ {p.name} }}}}` | {kinds[p.kind]} | {'是' if p.required else ''} | {p.meaning} |")
    return "\n".join(lines)
