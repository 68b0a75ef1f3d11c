"""The reviewed report: a 审核意见 (退回修改意见) a reviewer can send back to the unit.

It names the unit and the report reviewed, states the conclusion (退回修改, 请核实, 审核
通过) with the tally of findings, lists every finding of the document grouped by
severity — what is wrong, where it stands in the source (第3个表格第5行第2列, 第4页,
Sheet!C14), what to correct — and the recomputed scores beside the claimed ones. It
is drawn as layout elements, so DOCX, PDF and HTML show the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from jixiao.model.record import Record
from jixiao.render.layout import Element, Flow, TableSpec, TCell, header_row
from jixiao.render.phrasing import cn_ordinal, score
from jixiao.render.tables import label, year_prefix
from jixiao.review.finding import Finding
from jixiao.review.words import SEVERITY_NAMES, short_location, tally, title_of

#: Heading of each severity's part.
PARTS = {
    "error": "需要更正的错误",
    "warning": "需要核实或补充的问题",
    "info": "供参考的提示",
}


@dataclass(frozen=True)
class OpinionInput:
    """What the opinion is written from: the record, the findings and the score result."""

    record: Record
    findings: Sequence[Finding]
    score: Any = None
    #: The file reviewed, as the unit named it.
    source: str = ""
    reviewer: str = ""
    on: date = field(default_factory=date.today)


def _num(value: Decimal | None) -> TCell:
    shown = score(value.quantize(Decimal("0.01"))) if value is not None else ""
    return TCell(shown, align="right")


def _diff(claimed: Decimal | None, computed: Decimal | None) -> TCell:
    if claimed is None or computed is None:
        return TCell("")
    return _num(claimed - computed)


def score_table(result: Any) -> TableSpec:
    """分值 | 自评得分 | 复核得分 | 差异 | 说明 for budget execution, each indicator and the total."""
    rows: list[tuple[TCell, ...]] = [
        header_row("序号", "指标", "分值", "自评得分", "复核得分", "差异", "复核说明")
    ]
    be = result.budget_execution
    rows.append(
        (TCell("1"), label("预算执行率"), _num(be.weight), _num(be.claimed), _num(be.computed),
         _diff(be.claimed, be.computed), label(be.explanation))
    )
    for n, ind in enumerate(result.indicators, start=2):
        rows.append(
            (TCell(str(n)), label(ind.name), _num(ind.weight), _num(ind.claimed),
             _num(ind.computed), _diff(ind.claimed, ind.computed), label(ind.explanation))
        )
    total = result.total
    computed = total.computed if total.computed is not None else total.partial
    rows.append(
        (TCell("总分", colspan=3, header=True), _num(total.claimed), _num(computed),
         _diff(total.claimed, computed), label(total.explanation))
    )
    grade = result.grade
    rows.append(
        (TCell("等级", colspan=3, header=True), TCell(grade.claimed or ""),
         TCell(grade.computed or ""), TCell(""), label(""))
    )
    return TableSpec(
        rows=tuple(rows), n_cols=7, widths=(0.6, 2.6, 0.8, 0.9, 0.9, 0.8, 4),
        caption="得分复核表", font_size=9, header_rows=1,
    )


def findings_table(findings: Sequence[Finding]) -> TableSpec:
    """序号 | 问题类型 | 问题说明 | 位置 | 修改要求, one row per finding."""
    rows: list[tuple[TCell, ...]] = [header_row("序号", "问题类型", "问题说明", "位置", "修改要求")]
    for n, finding in enumerate(findings, start=1):
        rows.append(
            (TCell(str(n)), label(title_of(finding.code)), label(finding.message),
             label(short_location(finding.location) or "—"), label(finding.suggestion))
        )
    return TableSpec(
        rows=tuple(rows), n_cols=5, widths=(0.5, 1.6, 3.9, 2.2, 2.8), font_size=10.5,
        header_rows=1,
    )


def conclusion(findings: Sequence[Finding]) -> str:
    """退回修改 (errors), 请核实修改 (warnings) or 审核通过."""
    severities = {f.severity.value for f in findings}
    if "error" in severities:
        return "退回修改"
    return "请核实修改后报送" if "warning" in severities else "审核通过"


def _score_sentence(result: Any) -> str:
    total, grade = result.total, result.grade
    computed = total.computed if total.computed is not None else total.partial
    claimed = "、".join(
        p for p in (
            f"自评得分{score(total.claimed)}分" if total.claimed is not None else "",
            f"等级“{grade.claimed}”" if grade.claimed else "",
        ) if p
    ) or "报告未写明自评得分"
    redone = "、".join(
        p for p in (
            f"复核得分{score(computed.quantize(Decimal('0.01')))}分" if computed is not None else "",
            f"等级“{grade.computed}”" if grade.computed else "",
        ) if p
    ) or "数据不足，未能复核得分"
    return f"按评分配置“{result.profile}”复核：{claimed}；{redone}（逐项见得分复核表）。"


def opinion_title(record: Record) -> str:
    """“关于<部门><年度>部门整体支出绩效自评报告的审核意见”."""
    unit = record.department or "（单位）"
    return f"关于{unit}{year_prefix(record)}部门整体支出绩效自评报告的审核意见"


def opinion_elements(data: OpinionInput) -> list[Element]:
    """The whole opinion as layout elements."""
    flow = Flow()
    record, findings = data.record, list(data.findings)
    flow.heading(opinion_title(record), 0)
    flow.para(f"{record.department or '（单位）'}：", "note")
    source = f"（文件：{data.source}）" if data.source else ""
    verdict = conclusion(findings)
    flow.para(
        f"你单位报送的{year_prefix(record)}部门整体支出绩效自评报告{source}已收悉。经审核，"
        f"{tally(f.severity.value for f in findings)}。审核结论：{verdict}。"
    )
    if data.score is not None:
        flow.para(_score_sentence(data.score))
    if verdict != "审核通过":
        flow.para("请对照下列问题逐项核实、修改，并在原文相应位置更正后重新报送。")
    n = 0
    for key, title in PARTS.items():
        group = [f for f in findings if f.severity.value == key]
        if not group:
            continue
        n += 1
        flow.heading(f"{cn_ordinal(n)}、{title}（{SEVERITY_NAMES[key]}{len(group)}处）", 1)
        flow.add(findings_table(group))
    if data.score is not None:
        n += 1
        flow.heading(f"{cn_ordinal(n)}、得分复核", 1)
        flow.add(score_table(data.score))
    flow.para(data.reviewer or "（审核单位）", "right")
    flow.para(f"{data.on.year}年{data.on.month}月{data.on.day}日", "right")
    return flow.elements


def scoring_profile(name: str | None) -> Any:
    """The scoring profile `name` names, or None (chosen from the record) for a layout name."""
    from jixiao.errors import ConfigError
    from jixiao.score import load_profile

    if not name:
        return None
    try:
        return load_profile(name)
    except ConfigError:
        return None  # “hunan”, “generic”: layouts, not scoring profiles


def opinion_of(evaluation: Any, *, source: str = "", reviewer: str = "", on: date | None = None) -> OpinionInput:
    """The opinion's input from a `jixiao.pipeline.Evaluation`."""
    return OpinionInput(
        evaluation.record, evaluation.findings, evaluation.score, source=source,
        reviewer=reviewer, on=on or date.today(),
    )


def render_opinion(data: OpinionInput, fmt: str = "docx") -> bytes:
    """The opinion as DOCX, PDF or HTML bytes."""
    from jixiao.render import convert
    from jixiao.render.docx import render_docx

    docx = render_docx(opinion_elements(data), title=opinion_title(data.record))
    return convert(docx, fmt, title=opinion_title(data.record))  # type: ignore[arg-type]
