"""The review appendix of the reviewed variant: recomputed scores and review findings.

Uses `jixiao.score.score_record` and `jixiao.review.review`. When either cannot be
imported or fails, the appendix says so in a sentence instead of a table, so that
the report itself is still written.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.errors import ConfigError
from jixiao.model.record import Record
from jixiao.render.layout import Element, Flow, PageBreak, TableSpec, TCell, header_row
from jixiao.render.phrasing import score
from jixiao.render.tables import label

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def _profile(record: Record, name: str | None) -> Any:
    from jixiao.score import choose_profile, load_profile

    if name:
        try:
            return load_profile(name)
        except ConfigError:
            pass  # an outline name (like “hunan”) that is no scoring profile
    return choose_profile(record)


def _num(value: Decimal | None) -> TCell:
    return TCell(
        score(value.quantize(Decimal("0.01")) if value is not None else None), align="right"
    )


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
        (
            TCell("1"),
            label("预算执行率"),
            _num(be.weight),
            _num(be.claimed),
            _num(be.computed),
            _diff(be.claimed, be.computed),
            label(be.explanation),
        )
    )
    for n, ind in enumerate(result.indicators, start=2):
        rows.append(
            (
                TCell(str(n)),
                label(ind.name),
                _num(ind.weight),
                _num(ind.claimed),
                _num(ind.computed),
                _diff(ind.claimed, ind.computed),
                label(ind.explanation),
            )
        )
    total = result.total
    computed = total.computed if total.computed is not None else total.partial
    rows.append(
        (
            TCell("总分", colspan=3, header=True),
            _num(total.claimed),
            _num(computed),
            _diff(total.claimed, computed),
            label(total.explanation),
        )
    )
    grade = result.grade
    rows.append(
        (
            TCell("等级", colspan=3, header=True),
            TCell(grade.claimed or ""),
            TCell(grade.computed or ""),
            TCell(""),
            label(""),
        )
    )
    return TableSpec(
        rows=tuple(rows),
        n_cols=7,
        widths=(0.6, 2.6, 0.8, 0.9, 0.9, 0.8, 4),
        caption="得分复核表",
        font_size=9,
    )


def findings_table(findings: list[Any]) -> TableSpec:
    """序号 | 级别 | 问题 | 位置 | 建议 for each review finding."""
    rows: list[tuple[TCell, ...]] = [header_row("序号", "级别", "问题", "位置", "建议")]
    for n, finding in enumerate(findings, start=1):
        severity = SEVERITY_NAMES.get(str(finding.severity.value), str(finding.severity.value))
        rows.append(
            (
                TCell(str(n)),
                TCell(severity),
                label(finding.message),
                label(finding.location),
                label(finding.suggestion),
            )
        )
    return TableSpec(
        rows=tuple(rows),
        n_cols=5,
        widths=(0.6, 0.8, 4.5, 1.6, 3.2),
        caption="审核发现",
        font_size=9,
    )


def _scored(flow: Flow, record: Record, profile: Any) -> None:
    try:
        from jixiao.score import score_record

        result = score_record(record, profile)
    except Exception as exc:  # scoring is an add-on here: the report must still be written
        flow.para(f"得分未能复核：评分模块不可用或出错（{type(exc).__name__}）。")
        return
    flow.para(f"按评分配置“{result.profile}”重新计算各项得分，与自评得分对照如下。", "note")
    flow.add(score_table(result))


def _reviewed(flow: Flow, record: Record, profile: Any) -> None:
    try:
        from jixiao.review import review

        findings = review(record, profile)
    except Exception as exc:  # as above: degrade to a sentence
        flow.para(f"未能完成审核：审核模块不可用或出错（{type(exc).__name__}）。")
        return
    if not findings:
        flow.para("审核未发现问题。")
        return
    flow.add(findings_table(findings))


def review_appendix(
    record: Record, profile_name: str | None = None, number: int = 3
) -> list[Element]:
    """The appendix “附件N 绩效自评复核情况”: score table then findings table."""
    flow = Flow()
    flow.add(PageBreak())
    flow.para(f"附件{number}", "label")
    flow.para("绩效自评复核情况", "center")
    try:
        profile = _profile(record, profile_name)
    except Exception:  # no scoring package or no profile: score and review without one
        profile = None
    _scored(flow, record, profile)
    _reviewed(flow, record, profile)
    return flow.elements
