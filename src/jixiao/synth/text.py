"""Write a record as report text in the layout of text extracted from Word files.

A table cell is a line that starts with a tab; a blank line ends a row; a blank line
not followed by another row ends the table. The report follows the usual outline of
a department-wide self-evaluation report, then the 自评表 with its indicator table.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.record import Indicator, Record
from jixiao.synth.records import execution_score


def fmt(value: Decimal | int | None) -> str:
    """An amount as a report writes it (two decimals), or empty."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return f"{value:.2f}"


def points(value: Decimal | None) -> str:
    """A score or weight: no decimals when whole."""
    if value is None:
        return ""
    return str(int(value)) if value == value.to_integral_value() else f"{value:.2f}".rstrip("0")


def table(rows: list[list[str]]) -> list[str]:
    """Rows of cells in the tab-led layout, ending with the blank line that closes it."""
    lines: list[str] = []
    for row in rows:
        lines.extend("\t" + cell for cell in row)
        lines.append("")
    lines.append("")
    return lines


def _basics(record: Record) -> Iterator[str]:
    staff = record.staffing
    yield "一、部门基本情况"
    yield "（一）部门职能"
    yield f"{record.department}主要负责本行业领域的政策执行、行业管理和公共服务等工作。"
    yield "（二）机构设置和人员情况"
    yield (f"本部门编制数{staff.authorized}人，在职人数{staff.actual}人，"
           f"离退休人数{staff.retired}人。")
    yield ""


def _spending(record: Record) -> Iterator[str]:
    b = record.budget
    yield "二、一般公共预算支出情况"
    yield (f"{record.year}年度本部门年初预算{fmt(b.initial.total)}万元，全年预算{fmt(b.final.total)}万元。")
    yield (f"全年实际支出{fmt(b.actual.total)}万元，其中基本支出{fmt(b.actual.basic)}万元，"
           f"项目支出{fmt(b.actual.project)}万元。")
    yield "（一）基本支出情况"
    yield (f"基本支出{fmt(b.actual.basic)}万元，其中人员经费{fmt(b.actual.personnel)}万元，"
           f"公用经费{fmt(b.actual.public)}万元。")
    yield "（二）项目支出情况"
    yield f"项目支出{fmt(b.actual.project)}万元，具体如下："
    for i, project in enumerate(record.projects, 1):
        yield f"{i}、{project.name}{fmt(project.budget)}万元，支出{fmt(project.actual)}万元。"
    yield "（三）“三公”经费支出情况"
    tp = record.three_public
    for label, split in (("预算", tp.budget), ("实际支出", tp.actual)):
        yield (f"“三公”经费{label}{fmt(split.total)}万元，其中因公出国（境）费{fmt(split.overseas)}万元，"
               f"公务用车购置及运行费{fmt(split.vehicles)}万元，公务接待费{fmt(split.reception)}万元。")
    yield ""


def _narrative(record: Record, extra: list[str]) -> Iterator[str]:
    yield "三、部门整体支出绩效情况"
    yield f"本部门认真落实年度工作任务，各项绩效目标基本完成，自评得分{points(record.self_evaluation.score)}分，自评等级为“{record.self_evaluation.grade or ''}”。"
    yield from extra
    yield "四、存在的问题及原因分析"
    for i, problem in enumerate(record.problems, 1):
        yield f"{i}.{problem}"
    yield "五、下一步改进措施"
    for i, measure in enumerate(record.measures, 1):
        yield f"{i}.{measure}"
    yield "六、其他需要说明的情况"
    yield "无。"
    yield ""


def _funds_table(record: Record) -> list[list[str]]:
    b = record.budget
    rate = ""
    if b.final.total and b.actual.total is not None:
        rate = f"{b.actual.total / b.final.total * 100:.2f}%"
    return [
        ["预算部门（单位）名称", record.department or ""],
        ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", fmt(b.initial.total), fmt(b.final.total), fmt(b.actual.total), "10", rate,
         points(execution_score(b))],
    ]


def _indicator_row(item: Indicator) -> list[str]:
    return [item.level1 or "", item.level2 or "", item.name, item.target or "", item.actual or "",
            points(item.weight), points(item.score), item.deviation or ""]


def _indicator_table(record: Record) -> list[list[str]]:
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    rows = [header] + [_indicator_row(i) for i in record.indicators]
    rows.append(["总分", "", "", "", "", "100", points(record.self_evaluation.score),
                 f"自评等级：{record.self_evaluation.grade or ''}"])
    return rows


def write_text(record: Record, *, extra: list[str] | None = None) -> str:
    """The report of `record` as text; `extra` lines go into the performance section."""
    lines = [f"{record.year}年度{record.department}整体支出绩效自评报告", ""]
    lines += [*_basics(record), *_spending(record), *_narrative(record, extra or [])]
    lines += ["", "附件", f"{record.year}年度部门（单位）整体支出绩效自评表", ""]
    lines += table(_funds_table(record))
    lines += table(_indicator_table(record))
    return "\n".join(lines) + "\n"
