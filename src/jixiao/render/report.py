"""The standard self-evaluation report as a flow of layout elements.

`build_report` writes the outline of the chosen profile section by section: prose
from the narrative, figures from the record in the standard phrasings, then the
attachments (基础数据表 and 自评表). Missing prose is marked “【待补充】”, missing
figures are left out.
"""

from __future__ import annotations

from collections.abc import Callable

from jixiao.model.record import Record
from jixiao.render import phrasing as ph
from jixiao.render.layout import Element, Flow, PageBreak
from jixiao.render.narrative import Narrative
from jixiao.render.outline import Outline, outline_for
from jixiao.render.tables import (
    basic_data_table,
    project_table,
    self_eval_table,
    three_public_table,
    year_prefix,
)

TODO = "【待补充】"
Builder = Callable[[Flow, Record, Narrative], None]


def report_title(record: Record, narrative: Narrative) -> str:
    """The title: the narrative's, or “<年度><部门>整体支出绩效自评报告”."""
    if narrative.title:
        return narrative.title
    return f"{year_prefix(record)}{record.department or ''}部门整体支出绩效自评报告"


def _text_or_todo(flow: Flow, text: str | None, what: str) -> None:
    flow.para(text if text else f"{TODO}{what}")


def _basic(flow: Flow, record: Record, narrative: Narrative) -> None:
    flow.heading("（一）部门职能职责", 2)
    if narrative.functions:
        for n, item in enumerate(narrative.functions, start=1):
            flow.para(f"{n}.{item}")
    else:
        flow.para(f"{TODO}部门主要职能职责。")
    flow.heading("（二）机构设置和人员情况", 2)
    _text_or_todo(flow, narrative.organization, "内设机构和所属单位情况。")
    flow.para(ph.staffing_sentence(record.staffing) or "")


def _general_budget(flow: Flow, record: Record, narrative: Narrative) -> None:
    flow.para(ph.income_sentence(record) or "")
    flow.para(ph.budget_sentence(record.budget) or "")
    flow.heading("（一）基本支出", 2)
    actual = record.budget.actual
    if actual.basic is not None:
        inner = [
            f"{n}{ph.amount(v)}万元"
            for n, v in (("人员经费", actual.personnel), ("公用经费", actual.public))
            if v is not None
        ]
        flow.para(
            f"基本支出{ph.amount(actual.basic)}万元"
            + ("，其中" + "，".join(inner) if inner else "")
            + "。"
        )
    flow.para(ph.three_public_sentence("三公经费预算合计", record.three_public.budget) or "")
    flow.para(ph.three_public_sentence("三公经费实际支出合计", record.three_public.actual) or "")
    table = three_public_table(record)
    if table:
        flow.add(table)
    flow.heading("（二）项目支出", 2)
    flow.para(ph.projects_sentence(record) or "")
    table = project_table(record)
    if table:
        flow.add(table)
    for project in record.projects:
        note = narrative.note_for(project.name)
        if note:
            flow.para(f"{project.name}：{note}")


def _fund(attr: str, what: str) -> Builder:
    def build(flow: Flow, record: Record, narrative: Narrative) -> None:
        _text_or_todo(flow, getattr(narrative, attr), f"{what}情况；没有的写“无”。")

    return build


def _performance(flow: Flow, record: Record, narrative: Narrative) -> None:
    flow.heading("（一）绩效目标完成情况", 2)
    _text_or_todo(flow, narrative.goal_expected, "年度总体绩效目标。")
    flow.para(narrative.goal_achieved or "")
    flow.heading("（二）主要工作及成效", 2)
    if not narrative.work_done:
        flow.para(f"{TODO}年度主要工作及取得的成效。")
    for n, topic in enumerate(narrative.work_done, start=1):
        if topic.title:
            flow.heading(f"{n}.{topic.title}", 3)
        flow.para(topic.text)
    flow.heading("（三）自评结论", 2)
    flow.para(ph.evaluation_sentence(record) or f"{TODO}自评得分和等级。")
    flow.para("部门整体支出绩效自评表见附件2。")


def _items(flow: Flow, items: list[str], what: str) -> None:
    if not items:
        flow.para(f"{TODO}{what}。")
    for text in ph.numbered(items):
        flow.para(text)


def _problems(flow: Flow, record: Record, narrative: Narrative) -> None:
    _items(flow, record.problems, "存在的问题")
    if narrative.problem_causes:
        flow.para(narrative.problem_causes)


def _measures(flow: Flow, record: Record, narrative: Narrative) -> None:
    _items(flow, record.measures, "下一步改进措施")


def _publication(flow: Flow, record: Record, narrative: Narrative) -> None:
    _text_or_todo(flow, narrative.application, "自评结果拟应用情况。")
    _text_or_todo(flow, narrative.publication, "自评结果公开情况。")


def _other(flow: Flow, record: Record, narrative: Narrative) -> None:
    flow.para(narrative.other or "")


BUILDERS: dict[str, Builder] = {
    "basic": _basic,
    "general_budget": _general_budget,
    "government_funds": _fund("government_funds", "政府性基金预算支出"),
    "state_capital": _fund("state_capital", "国有资本经营预算支出"),
    "social_insurance": _fund("social_insurance", "社会保险基金预算支出"),
    "performance": _performance,
    "problems": _problems,
    "measures": _measures,
    "publication": _publication,
    "other": _other,
}


def _shown(outline: Outline, narrative: Narrative) -> list[tuple[str, str]]:
    out = []
    for section in outline.sections:
        if section.key in outline.optional and not getattr(narrative, section.key, None):
            continue
        out.append((section.key, section.title))
    return out


def body(record: Record, narrative: Narrative, outline: Outline) -> list[Element]:
    """The report's title, preamble and numbered sections."""
    flow = Flow()
    flow.heading(report_title(record, narrative), 0)
    flow.para(narrative.preamble or "")
    for n, (key, title) in enumerate(_shown(outline, narrative), start=1):
        flow.heading(f"{ph.cn_ordinal(n)}、{title}", 1)
        BUILDERS[key](flow, record, narrative)
    return flow.elements


def attachments(record: Record, narrative: Narrative, outline: Outline) -> list[Element]:
    """附件1 基础数据表 and 附件2 自评表, each on a new page."""
    flow = Flow()
    flow.add(PageBreak())
    flow.para("附件1", "label")
    flow.add(basic_data_table(record, outline.basic_table_title))
    flow.para(f"填表人：{narrative.filled_by or ''}　　联系电话：{narrative.phone or ''}", "note")
    flow.add(PageBreak())
    flow.para("附件2", "label")
    goals = (narrative.goal_expected, narrative.goal_achieved)
    flow.add(self_eval_table(record, outline.self_table_title, goals))
    return flow.elements


def build_report(
    record: Record, narrative: Narrative | None = None, profile: str | None = None
) -> list[Element]:
    """The whole report (body and attachments) as layout elements."""
    narrative = narrative or Narrative()
    outline = outline_for(profile)
    return body(record, narrative, outline) + attachments(record, narrative, outline)
