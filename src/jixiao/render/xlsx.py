"""XLSX renderer (openpyxl): the fill-in workbook — 自评表, 基础数据表, 项目支出表, 填写说明.

A record of kind ``project`` gets the workbook of its 项目支出绩效自评表 instead: one
sheet with the form (`jixiao.render.project_form`) and the 填写说明.

Finance staff fill it in and jixiao reads it back (`jixiao.render.xlsx_import`). Each
sheet draws a `TableSpec` under a merged title, with borders, shaded headers and merged
cells. Sheets are protected (no password) with only the yellow input cells unlocked;
totals are ``SUM`` formulas, rates and the grade are formulas too (`jixiao.render.
xlsx_formulas`), each written only where it gives the value the record states, so no
figure a user entered is replaced. Numbers show as typed (General format), inputs are
validated with messages that state the rule, and every sheet prints on A4 landscape,
one page wide, with its title rows repeated. Every cell that holds a record field gets
a workbook-level defined name ``jx.<field>``, which marks the workbook as jixiao's.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName

from jixiao.model.narrative import Narrative
from jixiao.model.record import Record
from jixiao.render.layout import Placed, TableSpec
from jixiao.render.phrasing import evaluation_sentence
from jixiao.render.project_form import FORM_TITLE, project_form_table, year_line
from jixiao.render.tables import basic_data_table, is_field_key, project_table, self_eval_table
from jixiao.render.template import template_path
from jixiao.render.xlsx_checks import Validations, add_input_check
from jixiao.xlsxsafe import as_text

SHEET_SELF = "自评表"
SHEET_BASIC = "基础数据表"
SHEET_PROJECTS = "项目支出表"
SHEET_HELP = "填写说明"
SHEET_PROJECT_FORM = "项目自评表"
SELF_TITLE = "部门整体支出绩效自评表"
BASIC_TITLE = "部门整体支出绩效评价基础数据表"
NAME_PREFIX = "jx."
#: Blank rows offered for filling in when a list is short.
SPARE_INDICATORS = 12
SPARE_PROJECTS = 8
FORMATS = {"amount": "General", "score": "General", "count": "General", "percent": "0.00%", "text": "@"}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_BODY_FONT = Font(name="宋体", size=10)
_HEADER_FONT = Font(name="黑体", size=10)
TITLE_ROW = 1
FIRST_ROW = 3  # the table starts below the title and the unit line
#: Where each keyed cell stands: key → coordinates on its sheet, in row order.
Cells = dict[str, list[str]]

HELP_LINES = (
    "填写说明",
    "1. 黄色单元格可以填写，其余单元格（标题、表头、公式）已保护；工作表保护没有密码，需要时可在“审阅”中撤销。",
    "2. 金额单位为万元，分值、得分、人数填阿拉伯数字，按输入显示（如 6 显示为 6）。",
    "3. 合计、执行率、控制率、总分和自评等级由公式计算；自评等级也可以从下拉列表中选择，选择的等级将被保留。",
    "4. 绩效指标、项目不够时，在空白行继续填写；指标名称和项目名称必须填写，否则该行不会导入。",
    "5. 填好后用命令导入：jixiao extract 本工作簿.xlsx（无法读取的单元格会逐个列出位置，如 自评表!H14）。",
)
PROJECT_HELP_LINES = (
    "填写说明",
    "1. 黄色单元格可以填写，其余单元格（标题、表头、公式）已保护；工作表保护没有密码，需要时可在“审阅”中撤销。",
    "2. 金额单位为万元，分值、得分填阿拉伯数字；执行率 = 全年执行数 ÷ 全年预算数。",
    "3. 年度资金总额、执行率、总分和自评等级由公式计算；自评等级也可以从下拉列表中选择，选择的等级将被保留。",
    "4. 绩效指标不够时，在空白行继续填写；三级指标名称必须填写，否则该行不会导入。",
    "5. 填好后用命令导入：jixiao extract 本工作簿.xlsx（无法读取的单元格会逐个列出位置，如 项目自评表!D6）。",
)


def _value(cell: Any, placed: Placed) -> None:
    spec = placed.cell
    if spec.fmt == "percent":
        return  # rates are formulas (xlsx_formulas) or the stated value set there
    if spec.value is not None:
        cell.value = spec.value
    elif spec.text:
        cell.value = spec.text
        as_text(cell)  # text like “=17个” is not a formula


def _style(cell: Any, placed: Placed) -> None:
    spec = placed.cell
    cell.number_format = FORMATS[spec.fmt]
    cell.font = _HEADER_FONT if spec.header else _BODY_FONT
    horizontal = "center" if spec.header else spec.align
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    if spec.header:
        cell.fill = _HEADER_FILL
    elif spec.key is not None and not spec.key.startswith("calc."):
        cell.fill = _INPUT_FILL
        cell.protection = Protection(locked=False)


def _title(sheet: Any, spec: TableSpec, subtitle: str = "") -> None:
    title = as_text(sheet.cell(row=TITLE_ROW, column=1, value=spec.caption or sheet.title))
    title.font = Font(name="黑体", size=16)
    title.alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=spec.n_cols)
    sheet.row_dimensions[TITLE_ROW].height = 32
    if subtitle:  # “（2023年度）” centred over the columns left of the unit
        line = as_text(sheet.cell(row=TITLE_ROW + 1, column=1, value=subtitle))
        line.font = _BODY_FONT
        line.alignment = Alignment(horizontal="center", vertical="center")
        sheet.merge_cells(start_row=TITLE_ROW + 1, start_column=1, end_row=TITLE_ROW + 1, end_column=spec.n_cols - 1)
    unit = sheet.cell(row=TITLE_ROW + 1, column=spec.n_cols, value="单位：万元")
    unit.alignment = Alignment(horizontal="right")
    unit.font = _BODY_FONT


def _row_heights(sheet: Any, spec: TableSpec, widths: list[float]) -> None:
    lines = [1] * spec.n_rows
    for p in spec.placed():
        width = sum(widths[p.col : p.col + p.cell.colspan])
        need = sum(max(1, -(-len(part) * 2 // max(int(width), 1))) for part in p.cell.text.split("\n"))
        lines[p.row] = max(lines[p.row], -(-need // p.cell.rowspan))
    for r, n in enumerate(lines):
        sheet.row_dimensions[r + FIRST_ROW].height = max(20, 14 * n + 6)


def _page(sheet: Any, title_rows: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.print_title_rows = title_rows
    sheet.protection.sheet = True
    for allowed in ("formatColumns", "formatRows", "insertRows"):
        setattr(sheet.protection, allowed, False)  # False: the action stays allowed


def write_table(sheet: Any, spec: TableSpec, checks: Validations, subtitle: str = "") -> Cells:
    """Draw `spec` on `sheet` below its title; returns key → coordinates of its keyed cells."""
    widths = [w * 9 for w in (spec.widths or (1.0,) * spec.n_cols)]
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    _title(sheet, spec, subtitle)
    placed = spec.placed()
    cells: Cells = {}
    for p in placed:
        cell = sheet.cell(row=p.row + FIRST_ROW, column=p.col + 1)
        _value(cell, p)
        _style(cell, p)
        if p.cell.rowspan > 1 or p.cell.colspan > 1:
            sheet.merge_cells(
                start_row=p.row + FIRST_ROW, start_column=p.col + 1,
                end_row=p.row + FIRST_ROW + p.cell.rowspan - 1, end_column=p.col + p.cell.colspan,
            )
        key = p.cell.key or ("calc.rate" if p.cell.fmt == "percent" else None)
        if key:
            cells.setdefault(key, []).append(cell.coordinate)
        if not p.cell.header:
            add_input_check(checks, sheet, cell, p, placed)
    for r in range(FIRST_ROW, FIRST_ROW + spec.n_rows):
        for c in range(1, spec.n_cols + 1):
            sheet.cell(row=r, column=c).border = _BORDER
    _row_heights(sheet, spec, widths)
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=1)
    return cells


def workbook_specs(
    record: Record, narrative: Narrative, profile: str | None = None
) -> list[tuple[str, TableSpec]]:
    """(sheet name, table) of every table sheet, in order."""
    template_path(profile)  # an unknown layout is refused as for the report
    spare = 0 if record.indicators else SPARE_INDICATORS
    goals = (narrative.goal_expected, narrative.goal_achieved)
    if record.kind == "project":
        form = project_form_table(record, goals, fill_in=True, spare_rows=spare, caption=FORM_TITLE)
        return [(SHEET_PROJECT_FORM, form)]
    self_table = self_eval_table(
        record, SELF_TITLE, goals, evaluation_sentence(record), with_conclusions=True, spare_rows=spare
    )
    projects = project_table(record, spare_rows=0 if record.projects else SPARE_PROJECTS)
    assert projects is not None
    return [
        (SHEET_SELF, self_table),
        (SHEET_BASIC, basic_data_table(record, BASIC_TITLE)),
        (SHEET_PROJECTS, projects),
    ]


def _help_sheet(book: Any, lines: tuple[str, ...] = HELP_LINES) -> None:
    sheet = book.create_sheet(SHEET_HELP)
    sheet.column_dimensions["A"].width = 110
    for n, line in enumerate(lines, start=1):
        cell = sheet.cell(row=n, column=1, value=line)
        cell.font = Font(name="黑体", size=14) if n == 1 else _BODY_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.row_dimensions[n].height = 28 if n == 1 else 32
    sheet.protection.sheet = True


def render_xlsx(record: Record, narrative: Narrative | None = None, profile: str | None = None) -> bytes:
    """The fill-in workbook of `record` as XLSX bytes."""
    from jixiao.render.xlsx_formulas import add_formulas

    book = Workbook()
    book.remove(book.active)
    placed: dict[str, Cells] = {}
    for title, spec in workbook_specs(record, narrative or Narrative(), profile):
        sheet = book.create_sheet(title)
        subtitle = year_line(record) if title == SHEET_PROJECT_FORM else ""
        placed[title] = write_table(sheet, spec, Validations(sheet), subtitle)
        header_end = FIRST_ROW if title == SHEET_PROJECTS else FIRST_ROW - 1
        _page(sheet, f"{TITLE_ROW}:{header_end}")
    add_formulas(book, placed, record)
    for title, cells in placed.items():
        for key, coords in cells.items():
            if is_field_key(key) and len(coords) == 1:
                ref = f"'{title}'!${''.join(c for c in coords[0] if c.isalpha())}${''.join(c for c in coords[0] if c.isdigit())}"
                book.defined_names[NAME_PREFIX + key] = DefinedName(NAME_PREFIX + key, attr_text=ref)
    _help_sheet(book, PROJECT_HELP_LINES if record.kind == "project" else HELP_LINES)
    book.properties.creator = "jixiao"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
