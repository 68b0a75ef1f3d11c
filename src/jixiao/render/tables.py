"""The report's tables as neutral `TableSpec` s: 基础数据表, 自评表, project and 三公 tables.

Every renderer (DOCX, HTML, XLSX) draws these same specs. Cells that hold a record
field carry its ``key``; unknown figures stay blank (never 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.model.record import Indicator, Record
from jixiao.render.layout import CellFormat, TableSpec, TCell, header_row
from jixiao.render.phrasing import amount, numbered, percent, score

#: Column count of the 基础数据表 and the 自评表.
BASIC_COLS = 7
SELF_COLS = 9
INDICATOR_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)


def num(
    value: Decimal | int | None,
    key: str | None = None,
    *,
    fmt: CellFormat = "amount",
    colspan: int = 1,
) -> TCell:
    """A right-aligned number cell (blank when unknown)."""
    if fmt == "amount":
        text = amount(Decimal(value)) if value is not None else ""
    elif fmt == "score":
        text = score(Decimal(value)) if value is not None else ""
    else:
        text = "" if value is None else str(value)
    return TCell(text, colspan=colspan, align="right", value=value, fmt=fmt, key=key)


def label(text: str, *, colspan: int = 1, rowspan: int = 1, header: bool = False) -> TCell:
    """A left-aligned label cell."""
    return TCell(text, rowspan=rowspan, colspan=colspan, header=header, align="left")


def _rate_cell(
    part: Decimal | int | None, whole: Decimal | int | None, *, colspan: int = 1
) -> TCell:
    p = None if part is None else Decimal(part)
    w = None if whole is None else Decimal(whole)
    return TCell(percent(p, w), colspan=colspan, align="right", fmt="percent")


def _money_row(
    text: str, values: tuple[tuple[Decimal | None, str | None], ...]
) -> tuple[TCell, ...]:
    return (label(text), *(num(v, k, colspan=2) for v, k in values))


def _staff_rows(record: Record) -> list[tuple[TCell, ...]]:
    st = record.staffing
    return [
        (
            label("财政供养人员情况（人）", rowspan=2, header=True),
            TCell("编制数", colspan=2, header=True),
            TCell("实际在职人数", colspan=2, header=True),
            TCell("离退休人数", header=True),
            TCell("控制率", header=True),
        ),
        (
            num(st.authorized, "staffing.authorized", fmt="count", colspan=2),
            num(st.actual, "staffing.actual", fmt="count", colspan=2),
            num(st.retired, "staffing.retired", fmt="count"),
            _rate_cell(st.actual, st.authorized),
        ),
    ]


def _fund_rows(record: Record) -> list[tuple[TCell, ...]]:
    b, tp = record.budget, record.three_public
    none: tuple[Decimal | None, str | None] = (None, None)
    return [
        (
            label("经费控制情况（万元）", header=True),
            TCell("上年决算数", colspan=2, header=True),
            TCell("本年预算数", colspan=2, header=True),
            TCell("本年决算数", colspan=2, header=True),
        ),
        _money_row(
            "三公经费",
            (
                none,
                (tp.budget.total, "three_public.budget.total"),
                (tp.actual.total, "three_public.actual.total"),
            ),
        ),
        _money_row(
            "　1、公务用车购置和维护经费",
            (
                none,
                (tp.budget.vehicles, "three_public.budget.vehicles"),
                (tp.actual.vehicles, "three_public.actual.vehicles"),
            ),
        ),
        _money_row(
            "　2、出国经费",
            (
                none,
                (tp.budget.overseas, "three_public.budget.overseas"),
                (tp.actual.overseas, "three_public.actual.overseas"),
            ),
        ),
        _money_row(
            "　3、公务接待",
            (
                none,
                (tp.budget.reception, "three_public.budget.reception"),
                (tp.actual.reception, "three_public.actual.reception"),
            ),
        ),
        _money_row("项目支出", (none, (b.final.project, None), (b.actual.project, None))),
        _money_row("人员经费", (none, none, (b.actual.personnel, "budget.actual.personnel"))),
        _money_row("公用经费", (none, none, (b.actual.public, "budget.actual.public"))),
        _money_row(
            "收入合计",
            (
                (record.income.prior_year, "income.prior_year"),
                none,
                (record.income.total, "income.total"),
            ),
        ),
        _money_row(
            "支出合计",
            (
                (b.prior_year_expenditure, "budget.prior_year_expenditure"),
                (b.final.total, None),
                (b.actual.total, None),
            ),
        ),
        _money_row("政府采购金额", (none, none, none)),
        _money_row("部门基本支出预算调整", (none, none, none)),
    ]


def _building_rows() -> list[tuple[TCell, ...]]:
    return [
        header_row(
            "楼堂馆所控制情况",
            "批复规模（㎡）",
            "实际规模（㎡）",
            "规模控制率",
            "预算投资（万元）",
            "实际投资（万元）",
            "投资概算控制率",
        ),
        tuple(TCell("") for _ in range(BASIC_COLS)),
        (label("厉行节约保障措施", header=True), label("", colspan=BASIC_COLS - 1)),
    ]


def year_prefix(record: Record) -> str:
    """“2023年度” when the year is known, else “”."""
    return f"{record.year}年度" if record.year else ""


def basic_data_table(record: Record, title: str) -> TableSpec:
    """The 基础数据表: staff, 经费控制情况 (three value columns) and 楼堂馆所."""
    rows = _staff_rows(record) + _fund_rows(record) + _building_rows()
    return TableSpec(
        rows=tuple(rows),
        n_cols=BASIC_COLS,
        widths=(3.2, 1, 1, 1, 1, 1.1, 1.3),
        caption=f"{year_prefix(record)}{title}",
        font_size=10.5,
    )


def _execution_cells(record: Record) -> tuple[TCell, TCell, TCell]:
    """分值, 执行率 and 得分 of the 年度资金总额 row: as the record states them."""
    be, b = record.budget_execution, record.budget
    if be.rate is not None:
        rate = TCell(f"{score(be.rate)}%", align="right", fmt="percent", key="budget_execution.rate")
    elif b.final.total is None and b.actual.total is None:  # a form still to fill: its rate is read back
        rate = TCell("", align="right", fmt="percent", key="budget_execution.rate")
    else:  # shown from the amounts, not a figure the record states
        rate = _rate_cell(b.actual.total, b.final.total)
    return (
        num(be.weight, "budget_execution.weight", fmt="score"),
        rate,
        num(be.score, "budget_execution.score", fmt="score", colspan=2),
    )


def _budget_rows(record: Record) -> list[tuple[TCell, ...]]:
    b = record.budget
    splits = (
        ("年度资金总额", "total"),
        ("其中：基本支出", "basic"),
        ("　　　项目支出", "project"),
    )
    rows: list[tuple[TCell, ...]] = [
        (
            label("年度预算申请（万元）", colspan=2, header=True),
            *header_row("年初预算数", "全年预算数", "全年执行数", "分值", "执行率"),
            TCell("得分", colspan=2, header=True),
        )
    ]
    for text, part in splits:
        final, actual = getattr(b.final, part), getattr(b.actual, part)
        amounts = (
            label(text, colspan=2),
            num(getattr(b.initial, part), f"budget.initial.{part}"),
            num(final, f"budget.final.{part}"),
            num(actual, f"budget.actual.{part}"),
        )
        if part == "total":
            rows.append((*amounts, *_execution_cells(record)))
            continue
        rows.append(
            (
                *amounts,
                TCell("", align="right", fmt="score"),
                _rate_cell(actual, final),
                TCell("", colspan=2, align="right", fmt="score"),
            )
        )
    return rows


def total_weight(record: Record) -> Decimal | None:
    """分值 of the 总分 row: the budget row's and every indicator's 分值, when all are known."""
    weights = [record.budget_execution.weight, *(i.weight for i in record.indicators)]
    if record.budget_execution.weight is None:
        weights = weights[1:]
    if not weights or any(w is None for w in weights):
        return None
    return sum((w for w in weights if w is not None), Decimal(0))


def _goal_rows(expected: str | None, achieved: str | None) -> list[tuple[TCell, ...]]:
    return [
        (
            label("年度总体目标", rowspan=2, header=True),
            TCell("预期目标", colspan=4, header=True),
            TCell("实际完成情况", colspan=4, header=True),
        ),
        (
            TCell(expected or "", colspan=4, align="left", key="goals.expected"),
            TCell(achieved or "", colspan=4, align="left", key="goals.achieved"),
        ),
    ]


def _runs(values: list[str | None]) -> list[int]:
    """Length of the run starting at each index (0 inside a run); None never merges."""
    spans = [0] * len(values)
    i = 0
    while i < len(values):
        j = i + 1
        while values[i] is not None and j < len(values) and values[j] == values[i]:
            j += 1
        spans[i] = j - i
        i = j
    return spans


def indicator_rows(indicators: list[Indicator]) -> list[tuple[TCell, ...]]:
    """One row per indicator, equal consecutive 一级/二级 cells merged vertically."""
    l1 = _runs([i.level1 for i in indicators])
    l2 = _runs(
        [f"{i.level1}\u0000{i.level2}" if i.level2 is not None else None for i in indicators]
    )
    rows = []
    for n, ind in enumerate(indicators):
        cells: list[TCell] = []
        if l1[n]:
            cells.append(TCell(ind.level1 or "", rowspan=l1[n], key="indicator.level1"))
        if l2[n]:
            cells.append(TCell(ind.level2 or "", rowspan=l2[n], key="indicator.level2"))
        cells += [
            TCell(ind.name, align="left", key="indicator.name"),
            TCell(ind.target or "", key="indicator.target"),
            TCell(ind.actual or "", key="indicator.actual"),
            num(ind.weight, "indicator.weight", fmt="score"),
            num(ind.score, "indicator.score", fmt="score"),
            TCell(ind.deviation or "", align="left", key="indicator.deviation"),
        ]
        rows.append(tuple(cells))
    return rows


def blank_indicator_row() -> tuple[TCell, ...]:
    """An empty indicator row for the user to fill in."""
    return (
        TCell("", key="indicator.level1"),
        TCell("", key="indicator.level2"),
        TCell("", align="left", key="indicator.name"),
        TCell("", key="indicator.target"),
        TCell("", key="indicator.actual"),
        num(None, "indicator.weight", fmt="score"),
        num(None, "indicator.score", fmt="score"),
        TCell("", align="left", key="indicator.deviation"),
    )


def _conclusion_rows(record: Record, conclusion: str | None) -> list[tuple[TCell, ...]]:
    wide = SELF_COLS - 2
    grade = record.self_evaluation.grade
    return [
        (
            label("评价结论", colspan=2, header=True),
            TCell(conclusion or "", colspan=wide, align="left", key="note.conclusion"),
        ),
        (
            label("自评等级", colspan=2, header=True),
            TCell(grade or "", colspan=wide, align="left", key="self_evaluation.grade"),
        ),
        (
            label("存在问题", colspan=2, header=True),
            TCell("\n".join(numbered(record.problems)), colspan=wide, align="left", key="problems"),
        ),
        (
            label("改进措施", colspan=2, header=True),
            TCell("\n".join(numbered(record.measures)), colspan=wide, align="left", key="measures"),
        ),
    ]


def _self_head_rows(
    record: Record, goals: tuple[str | None, str | None]
) -> list[tuple[TCell, ...]]:
    goals = (record.goals.expected or goals[0], record.goals.achieved or goals[1])
    return [
        (
            label("部门（单位）名称", colspan=2, header=True),
            TCell(record.department or "", colspan=SELF_COLS - 2, align="left", key="department"),
        ),
        *_budget_rows(record),
        *_goal_rows(*goals),
    ]


def _indicator_block(record: Record, spare_rows: int) -> list[tuple[TCell, ...]]:
    inds = list(record.indicators)
    blank = [blank_indicator_row() for _ in range(spare_rows)]
    return [
        (
            label("绩效指标", rowspan=len(inds) + spare_rows + 1, header=True),
            *header_row(*INDICATOR_HEADERS),
        ),
        *indicator_rows(inds),
        *blank,
        (
            TCell("总分", colspan=6, header=True),
            num(total_weight(record), "calc.total_weight", fmt="score"),
            num(record.self_evaluation.score, "self_evaluation.score", fmt="score"),
            TCell(""),
        ),
    ]


SELF_WIDTHS = (0.9, 1.4, 1.5, 2.3, 1.6, 1.6, 1.2, 1.0, 2.0)


def self_eval_table(
    record: Record,
    title: str,
    goals: tuple[str | None, str | None] = (None, None),
    conclusion: str | None = None,
    *,
    with_conclusions: bool = False,
    spare_rows: int = 0,
) -> TableSpec:
    """The 自评表 as one table: budget block, overall goal, indicators with merged levels, 总分.

    With `with_conclusions` (spreadsheets), 评价结论/自评等级/存在问题/改进措施 rows
    follow 总分; `spare_rows` blank indicator rows are added for filling in.
    """
    rows = _self_head_rows(record, goals) + _indicator_block(record, spare_rows)
    if with_conclusions:
        rows += _conclusion_rows(record, conclusion)
    return TableSpec(
        rows=tuple(rows),
        n_cols=SELF_COLS,
        widths=SELF_WIDTHS,
        caption=f"{year_prefix(record)}{title}",
        font_size=9,
    )


def self_eval_tables(
    record: Record, goals: tuple[str | None, str | None] = (None, None)
) -> tuple[TableSpec, TableSpec]:
    """The 自评表 for print: the head (unit, budget, goal) and the indicator block.

    The indicator block is a table of its own so that its header row can repeat on
    every page; drawn one right under the other they read as one table.
    """
    head = TableSpec(
        rows=tuple(_self_head_rows(record, goals)),
        n_cols=SELF_COLS,
        widths=SELF_WIDTHS,
        font_size=9,
    )
    block = TableSpec(
        rows=tuple(_indicator_block(record, 0)),
        n_cols=SELF_COLS,
        widths=SELF_WIDTHS,
        font_size=9,
        header_rows=1,
    )
    return head, block


def project_table(record: Record, spare_rows: int = 0) -> TableSpec | None:
    """项目名称 | 全年预算数 | 全年执行数 | 执行率 for the record's projects.

    None when there are neither projects nor `spare_rows` (blank rows for filling in).
    """
    if not record.projects and not spare_rows:
        return None
    rows: list[tuple[TCell, ...]] = [header_row("项目名称", "全年预算数", "全年执行数", "执行率")]
    for p in record.projects:
        rows.append(
            (
                TCell(p.name, align="left", key="projects.name"),
                num(p.budget, "projects.budget"),
                num(p.actual, "projects.actual"),
                _rate_cell(p.actual, p.budget),
            )
        )
    rows += [
        (TCell("", align="left", key="projects.name"), num(None, "projects.budget"),
         num(None, "projects.actual"), _rate_cell(None, None))
        for _ in range(spare_rows)
    ]
    return TableSpec(
        rows=tuple(rows),
        n_cols=4,
        widths=(4, 1.4, 1.4, 1.2),
        caption="项目支出情况表（单位：万元）",
        header_rows=1,
    )


def three_public_table(record: Record) -> TableSpec | None:
    """项目 | 本年预算数 | 本年决算数 of 三公经费; None when the record holds none of them."""
    tp = record.three_public
    parts = (
        ("因公出国（境）费", "overseas"),
        ("公务用车购置及运行费", "vehicles"),
        ("公务接待费", "reception"),
        ("三公经费合计", "total"),
    )
    known = [
        name
        for name, f in parts
        if getattr(tp.budget, f) is not None or getattr(tp.actual, f) is not None
    ]
    if not known:
        return None
    rows: list[tuple[TCell, ...]] = [header_row("经费类别", "本年预算数", "本年决算数")]
    rows += [
        (label(name), num(getattr(tp.budget, f)), num(getattr(tp.actual, f))) for name, f in parts
    ]
    return TableSpec(
        rows=tuple(rows), n_cols=3, widths=(3, 1.5, 1.5), caption="“三公”经费情况表（单位：万元）"
    )


#: Key prefixes of cells that are no single record field (rows of lists, computed, notes).
ROW_KEYS = ("indicator.", "projects.", "calc.", "note.")


def is_field_key(key: str | None) -> bool:
    """True when `key` names one record field (like ``budget.final.total``)."""
    return bool(key) and not key.startswith(ROW_KEYS)  # type: ignore[union-attr]


def cell_keys(spec: TableSpec) -> Iterable[tuple[int, int, str]]:
    """(row, col, key) of every cell that holds a single record field."""
    for p in spec.placed():
        if p.cell.key and is_field_key(p.cell.key):
            yield p.row, p.col, p.cell.key
