"""The 项目支出绩效自评表 (财预〔2020〕10号 annex) of a project record, as neutral tables.

One table of nine columns (ten when an indicator states its 计量单位): 项目名称,
主管部门 / 实施单位, the 项目资金（万元） block (年度资金总额 and its sources 当年财政拨款,
上年结转资金, 其他资金 by 年初预算数 / 全年预算数 / 全年执行数, with 分值, 执行率 and
得分 on the total row), 年度总体目标 (预期目标 / 实际完成情况), the 绩效指标 table with
merged 一级/二级 labels and the 总分 row. 自评等级, 存在问题 and 改进措施 follow only
where the record states them (a workbook offers them to fill in). Cells that hold a
record field carry its ``key`` like the department tables (`jixiao.render.tables`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from jixiao.model.narrative import Narrative
from jixiao.model.record import Record
from jixiao.render.layout import TableSpec, TCell, header_row
from jixiao.render.phrasing import numbered, score, self_evaluation_sentence
from jixiao.render.tables import INDICATOR_HEADERS, blank_indicator_row, indicator_rows, label, num

FORM_TITLE = "项目支出绩效自评表"
#: 分值 of the budget-execution row and of the whole form where the record states none.
BUDGET_WEIGHT = Decimal(10)
FULL_MARKS = Decimal(100)
STAGE_HEADERS = ("年初预算数", "全年预算数", "全年执行数")
#: Rows of the money block: label and the record fields of its three stages.
SOURCES = (
    ("其中：当年财政拨款", "funds.fiscal"),
    ("上年结转资金", "funds.carryover"),
    ("其他资金", "funds.other"),
)
_DASH = "—"
#: Column widths in millimetres of a 170 mm form; with a 计量单位 column, those of `_UNIT_WIDTHS`.
_WIDTHS = (16.0, 15.0, 17.0, 25.0, 20.0, 20.0, 15.0, 15.0, 27.0)
_UNIT_WIDTHS = (15.0, 14.0, 15.0, 22.0, 17.0, 13.0, 17.0, 14.0, 14.0, 29.0)
FONT_PT = 9


def year_line(record: Record) -> str:
    """“（2023年度）”, or “” when the year is unknown."""
    return f"（{record.year}年度）" if record.year else ""


def has_units(record: Record) -> bool:
    """True when an indicator states its 计量单位 (the form then has a column for it)."""
    return any(i.unit for i in record.indicators)


def _unit_cols(record: Record) -> int:
    return 1 if has_units(record) else 0


def _get(record: Record, path: str) -> Decimal | None:
    target: object = record
    for part in path.split("."):
        target = getattr(target, part, None)
    return target if isinstance(target, Decimal) else None


def _identity_rows(record: Record, extra: int) -> list[tuple[TCell, ...]]:
    info = record.project
    unit = info.implementing_unit or record.department
    return [
        (
            label("项目名称", header=True),
            TCell(info.name or "", colspan=8 + extra, align="left", key="project.name"),
        ),
        (
            label("主管部门", header=True),
            TCell(info.competent_department or "", colspan=3, align="left",
                  key="project.competent_department"),
            TCell("实施单位", colspan=2, header=True),
            TCell(unit or "", colspan=3 + extra, align="left", key="project.implementing_unit"),
        ),
    ]


def _execution(record: Record, *, fill_in: bool) -> tuple[TCell, TCell, TCell]:
    """分值, 执行率 and 得分 of 年度资金总额: as stated; the rate shown from the amounts."""
    be, b = record.budget_execution, record.budget
    weight = be.weight if be.weight is not None else BUDGET_WEIGHT
    if be.rate is not None:
        rate = TCell(f"{score(be.rate)}%", align="right", fmt="percent", key="budget_execution.rate")
    elif fill_in or b.final.total is None or b.actual.total is None or not b.final.total:
        rate = TCell("", align="right", fmt="percent", key="budget_execution.rate")
    else:
        value = (b.actual.total / b.final.total * 100).quantize(Decimal("0.01"))
        rate = TCell(f"{value}%", align="right", fmt="percent", key="budget_execution.rate")
    return (
        num(weight, "budget_execution.weight", fmt="score"),
        rate,
        num(be.score, "budget_execution.score", fmt="score"),
    )


def _money_rows(record: Record, extra: int, *, fill_in: bool) -> list[tuple[TCell, ...]]:
    totals = tuple(
        num(_get(record, f"budget.{stage}.total"), f"budget.{stage}.total")
        for stage in ("initial", "final", "actual")
    )
    initial, final, actual = STAGE_HEADERS
    # 全年预算数 spans the 计量单位 column too, which alone is too narrow for an amount.
    rows: list[tuple[TCell, ...]] = [
        (
            label("项目资金（万元）", colspan=3, header=True),
            TCell(initial, header=True),
            TCell(final, colspan=1 + extra, header=True),
            *header_row(actual, "分值", "执行率", "得分"),
        ),
        (label("年度资金总额", colspan=3), *_widened(totals, extra), *_execution(record, fill_in=fill_in)),
    ]
    for text, path in SOURCES:
        amounts = tuple(
            num(_get(record, f"{path}.{stage}"), f"{path}.{stage}")
            for stage in ("initial", "final", "actual")
        )
        rows.append((label(text, colspan=3), *_widened(amounts, extra), *(TCell(_DASH) for _ in range(3))))
    return rows


def _widened(amounts: tuple[TCell, ...], extra: int) -> tuple[TCell, ...]:
    """The three stage amounts, the second spanning the 计量单位 column when there is one."""
    first, second, third = amounts
    return (first, replace(second, colspan=1 + extra), third)


def _goal_rows(record: Record, goals: tuple[str | None, str | None], extra: int) -> list[tuple[TCell, ...]]:
    expected = record.goals.expected or goals[0]
    achieved = record.goals.achieved or goals[1]
    return [
        (
            label("年度总体目标", rowspan=2, header=True),
            TCell("预期目标", colspan=4, header=True),
            TCell("实际完成情况", colspan=4 + extra, header=True),
        ),
        (
            TCell(expected or "", colspan=4, align="left", key="goals.expected"),
            TCell(achieved or "", colspan=4 + extra, align="left", key="goals.achieved"),
        ),
    ]


def form_weight(record: Record) -> Decimal:
    """分值 of the 总分 row: the budget row's and every indicator's, or 100 while any is unknown."""
    weights = [record.budget_execution.weight or BUDGET_WEIGHT, *(i.weight for i in record.indicators)]
    if not record.indicators or any(w is None for w in weights):
        return FULL_MARKS
    return sum((w for w in weights if w is not None), Decimal(0))


def _indicator_headers(extra: int) -> tuple[TCell, ...]:
    names = list(INDICATOR_HEADERS)
    if extra:
        names.insert(4, "计量单位")
    return header_row(*names)


_FIGURE = re.compile(r"^[≥≤><=＝]*\s*-?\d+(?:\.\d+)?$")


def _with_unit(row: tuple[TCell, ...], unit: str | None) -> tuple[TCell, ...]:
    """Insert the 计量单位 cell after 年度指标值 (the fifth cell from the end).

    A figure written with its unit (“≥40场”) shows the figure alone when the unit has
    its column, as forms write it (and as the reader joins them again).
    """
    cells = list(row)
    target = cells[-5]
    if unit and target.text.endswith(unit) and _FIGURE.match(target.text[: -len(unit)]):
        cells[-5] = replace(target, text=target.text[: -len(unit)])
    cells.insert(len(cells) - 4, TCell(unit or "", key="indicator.unit"))
    return tuple(cells)


def _blank_row(extra: int) -> tuple[TCell, ...]:
    row = blank_indicator_row()
    return _with_unit(row, None) if extra else row


def _indicator_block(record: Record, extra: int, spare_rows: int) -> list[tuple[TCell, ...]]:
    rows = indicator_rows(list(record.indicators))
    if extra:
        rows = [_with_unit(row, i.unit) for row, i in zip(rows, record.indicators, strict=True)]
    rows += [_blank_row(extra) for _ in range(spare_rows)]
    stated = record.self_evaluation.score
    weight = form_weight(record)
    return [
        (label("绩效指标", rowspan=len(rows) + 1, header=True), *_indicator_headers(extra)),
        *rows,
        (
            TCell("总分", colspan=6 + extra, header=True),
            num(weight, "calc.total_weight", fmt="score"),
            num(stated, "self_evaluation.score", fmt="score"),
            TCell(""),
        ),
    ]


def conclusion(record: Record) -> str | None:
    """“经自评，本项目2024年度自评得分X分，绩效等级为“优”。” with the known parts."""
    return self_evaluation_sentence(record, "本项目{year}", "绩效等级")


def _closing_rows(record: Record, extra: int, *, fill_in: bool) -> list[tuple[TCell, ...]]:
    """自评等级 (to fill in) or 评价结论 (stated), then 存在问题 and 改进措施."""
    wide = 8 + extra
    rows: list[tuple[TCell, ...]] = []
    grade, sentence = record.self_evaluation.grade, conclusion(record)
    if fill_in:
        rows.append((label("自评等级", header=True),
                     TCell(grade or "", colspan=wide, align="left", key="self_evaluation.grade")))
    elif sentence:
        rows.append((label("评价结论", header=True),
                     TCell(sentence, colspan=wide, align="left", key="note.conclusion")))
    for title, items, key in (("存在问题", record.problems, "problems"), ("改进措施", record.measures, "measures")):
        if items or fill_in:
            rows.append((label(title, header=True),
                         TCell("\n".join(numbered(items)), colspan=wide, align="left", key=key)))
    return rows


def form_widths(record: Record) -> tuple[float, ...]:
    """Relative column widths (the 计量单位 column after 年度指标值 when there is one)."""
    return _UNIT_WIDTHS if has_units(record) else _WIDTHS


def project_form_table(
    record: Record,
    goals: tuple[str | None, str | None] = (None, None),
    *,
    fill_in: bool = False,
    spare_rows: int = 0,
    caption: str | None = None,
) -> TableSpec:
    """The whole form as one table.

    `fill_in` (the workbook) leaves rate, 总分 and grade to formulas and offers the
    自评等级 / 存在问题 / 改进措施 rows even when empty; `spare_rows` blank indicator rows.
    """
    extra = _unit_cols(record)
    rows = [
        *_identity_rows(record, extra),
        *_money_rows(record, extra, fill_in=fill_in),
        *_goal_rows(record, goals, extra),
        *_indicator_block(record, extra, spare_rows),
        *_closing_rows(record, extra, fill_in=fill_in),
    ]
    return TableSpec(
        rows=tuple(rows), n_cols=9 + extra, widths=form_widths(record), caption=caption, font_size=FONT_PT
    )


def project_form_tables(
    record: Record, goals: tuple[str | None, str | None] = (None, None)
) -> list[TableSpec]:
    """The form for print: the head (project, funds, goal), the indicator block with 总分,
    and the closing rows (评价结论, 存在问题, 改进措施) where the record has them.

    The block is a table of its own so that its header row repeats on every page it
    spans (and only there); drawn one right under the other they read as one table.
    """
    extra = _unit_cols(record)
    n_cols, widths = 9 + extra, form_widths(record)
    parts = [
        ([*_identity_rows(record, extra), *_money_rows(record, extra, fill_in=False),
          *_goal_rows(record, goals, extra)], 0),
        (_indicator_block(record, extra, 0), 1),
        (_closing_rows(record, extra, fill_in=False), 0),
    ]
    return [
        TableSpec(rows=tuple(rows), n_cols=n_cols, widths=widths, font_size=FONT_PT, header_rows=header)
        for rows, header in parts
        if rows
    ]


# -- the template's placeholders ------------------------------------------------------

#: (name, kind, meaning, required) of the placeholders a project-form template may use.
PLACEHOLDERS: tuple[tuple[str, str, str, bool], ...] = (
    ("年度", "text", "“2024年度”；年度未知时为空", False),
    ("项目名称", "text", "项目名称", False),
    ("主管部门", "text", "主管部门", False),
    ("实施单位", "text", "实施单位（未写明时为部门名称）", False),
    ("项目自评表", "table", "项目支出绩效自评表：项目资金、年度总体目标、绩效指标、总分", True),
    ("填表人", "text", "填表人", False),
    ("联系电话", "text", "联系电话", False),
)
NAMES = frozenset(p[0] for p in PLACEHOLDERS)
TABLES = frozenset(p[0] for p in PLACEHOLDERS if p[1] == "table")
REQUIRED = tuple(p[0] for p in PLACEHOLDERS if p[3])
MEANINGS = {p[0]: p[2] for p in PLACEHOLDERS}


def values(record: Record, narrative: Narrative) -> dict[str, Any]:
    """The value of every text placeholder of a project-form template."""
    info = record.project
    return {
        "年度": f"{record.year}年度" if record.year else "",
        "项目名称": info.name or "",
        "主管部门": info.competent_department or "",
        "实施单位": info.implementing_unit or record.department or "",
        "填表人": narrative.filled_by or "",
        "联系电话": narrative.phone or "",
    }


def tables(name: str, record: Record, narrative: Narrative) -> list[TableSpec]:
    """The tables of a table placeholder (only ``项目自评表``)."""
    return project_form_tables(record, (narrative.goal_expected, narrative.goal_achieved))


def title(record: Record) -> str:
    """“2023年度项目支出绩效自评表：<项目名称>” with the parts the record knows."""
    year = f"{record.year}年度" if record.year else ""
    name = record.project.name
    return f"{year}{FORM_TITLE}" + (f"：{name}" if name else "")
