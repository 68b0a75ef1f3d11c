"""XLSX renderer (openpyxl): the 自评表, 基础数据表 and 项目支出表 as sheets to fill in.

Each sheet draws a `TableSpec` under a merged title row, with borders, shaded
headers, merged cells, number formats, column widths, input validation (amounts and
scores ≥ 0, 等级 from a list) and rate formulas. Every cell that holds a record field
gets a workbook-level defined name ``jx.<field>`` (like ``jx.budget.final.total``),
which `jixiao.render.xlsx_import` uses to read a filled workbook back.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from jixiao.model.record import Record
from jixiao.render.layout import Placed, TableSpec
from jixiao.render.narrative import Narrative
from jixiao.render.outline import outline_for
from jixiao.render.phrasing import evaluation_sentence
from jixiao.render.tables import basic_data_table, project_table, self_eval_table
from jixiao.xlsxsafe import as_text

SHEET_SELF = "自评表"
SHEET_BASIC = "基础数据表"
SHEET_PROJECTS = "项目支出表"
NAME_PREFIX = "jx."
#: Blank rows offered for filling in when a list is short.
SPARE_INDICATORS = 12
SPARE_PROJECTS = 8
FORMATS = {"amount": "0.00", "score": "0.##", "count": "0", "percent": "0.00%", "text": "@"}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFFDE7")
_BODY_FONT = Font(name="宋体", size=10)
_HEADER_FONT = Font(name="黑体", size=10)
TITLE_ROW = 1
FIRST_ROW = 3  # the table starts below the title and the unit line


def _validations(sheet: Any) -> dict[str, DataValidation]:
    checks = {
        "amount": DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0"),
        "score": DataValidation(type="decimal", operator="between", formula1="0", formula2="100"),
        "count": DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0"),
        "grade": DataValidation(type="list", formula1='"优,良,中,差"'),
    }
    for dv in checks.values():
        dv.error = (
            "请输入有效数值（金额单位：万元，不能为负数）"
            if dv.type != "list"
            else "请选择：优、良、中、差"
        )
        dv.errorTitle = "输入无效"
        dv.showErrorMessage = True
        sheet.add_data_validation(dv)
    return checks


def _rate_formula(sheet_row: int, placed: Placed, spec_row: list[Placed]) -> str | None:
    """``=IF(budget,actual/budget,"")`` over the two amount cells left of a rate cell."""
    amounts = [p for p in spec_row if p.cell.fmt in ("amount", "count") and p.col < placed.col]
    if len(amounts) < 2:
        return None
    whole, part = amounts[-2], amounts[-1]
    if whole.cell.key == "staffing.actual":
        whole, part = part, whole
    if len(amounts) >= 3 and amounts[0].cell.key == "staffing.authorized":
        whole, part = amounts[0], amounts[1]
    w = f"{get_column_letter(whole.col + 1)}{sheet_row}"
    p = f"{get_column_letter(part.col + 1)}{sheet_row}"
    return f'=IF(AND(ISNUMBER({w}),{w}<>0,ISNUMBER({p})),{p}/{w},"")'


def _write_cell(
    sheet: Any, placed: Placed, row_cells: list[Placed], checks: dict[str, DataValidation]
) -> None:
    r, c = placed.row + FIRST_ROW, placed.col + 1
    cell = sheet.cell(row=r, column=c)
    spec = placed.cell
    if spec.fmt == "percent":
        cell.value = _rate_formula(r, placed, row_cells)
    elif spec.value is not None:
        cell.value = spec.value
    elif spec.text:
        cell.value = spec.text
        as_text(cell)  # text like “=17个” is not a formula
    cell.number_format = FORMATS[spec.fmt]
    cell.font = _HEADER_FONT if spec.header else _BODY_FONT
    horizontal = "center" if spec.header else spec.align
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    if spec.header:
        cell.fill = _HEADER_FILL
    elif spec.key is not None or spec.fmt != "text":
        cell.fill = _INPUT_FILL
    check = "grade" if spec.key == "self_evaluation.grade" else spec.fmt
    if check in checks and not spec.header:
        checks[check].add(cell.coordinate)


def _borders(sheet: Any, spec: TableSpec) -> None:
    for r in range(FIRST_ROW, FIRST_ROW + spec.n_rows):
        for c in range(1, spec.n_cols + 1):
            sheet.cell(row=r, column=c).border = _BORDER


def _row_heights(sheet: Any, spec: TableSpec, widths: list[float]) -> None:
    lines = [1] * spec.n_rows
    for p in spec.placed():
        width = sum(widths[p.col : p.col + p.cell.colspan])
        need = sum(
            max(1, -(-len(part) * 2 // max(int(width), 1))) for part in p.cell.text.split("\n")
        )
        lines[p.row] = max(lines[p.row], -(-need // p.cell.rowspan))
    for r, n in enumerate(lines):
        sheet.row_dimensions[r + FIRST_ROW].height = max(20, 14 * n + 6)


def write_table(sheet: Any, spec: TableSpec, checks: dict[str, DataValidation]) -> dict[str, str]:
    """Draw `spec` on `sheet` below its title; returns field key → absolute cell reference."""
    widths = [w * 9 for w in (spec.widths or (1.0,) * spec.n_cols)]
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    title = as_text(sheet.cell(row=TITLE_ROW, column=1, value=spec.caption or sheet.title))
    title.font = Font(name="黑体", size=16)
    title.alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(
        start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=spec.n_cols
    )
    sheet.row_dimensions[TITLE_ROW].height = 32
    unit = sheet.cell(row=TITLE_ROW + 1, column=spec.n_cols, value="单位：万元")
    unit.alignment = Alignment(horizontal="right")
    unit.font = _BODY_FONT
    placed = spec.placed()
    names: dict[str, str] = {}
    for p in placed:
        _write_cell(sheet, p, [q for q in placed if q.row == p.row], checks)
        if p.cell.rowspan > 1 or p.cell.colspan > 1:
            sheet.merge_cells(
                start_row=p.row + FIRST_ROW,
                start_column=p.col + 1,
                end_row=p.row + FIRST_ROW + p.cell.rowspan - 1,
                end_column=p.col + p.cell.colspan,
            )
        if p.cell.key and not p.cell.key.startswith("indicator."):
            ref = f"${get_column_letter(p.col + 1)}${p.row + FIRST_ROW}"
            names[p.cell.key] = f"'{sheet.title}'!{ref}"
    _borders(sheet, spec)
    _row_heights(sheet, spec, widths)
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=1)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return names


def workbook_specs(
    record: Record, narrative: Narrative, profile: str | None = None
) -> list[tuple[str, TableSpec]]:
    """(sheet name, table) of every sheet, in order."""
    outline = outline_for(profile)
    spare = 0 if record.indicators else SPARE_INDICATORS
    goals = (narrative.goal_expected, narrative.goal_achieved)
    self_table = self_eval_table(
        record,
        outline.self_table_title,
        goals,
        evaluation_sentence(record),
        with_conclusions=True,
        spare_rows=spare,
    )
    projects = project_table(record, spare_rows=0 if record.projects else SPARE_PROJECTS)
    assert projects is not None
    return [
        (SHEET_SELF, self_table),
        (SHEET_BASIC, basic_data_table(record, outline.basic_table_title)),
        (SHEET_PROJECTS, projects),
    ]


def render_xlsx(
    record: Record, narrative: Narrative | None = None, profile: str | None = None
) -> bytes:
    """The fill-in workbook of `record` as XLSX bytes."""
    book = Workbook()
    book.remove(book.active)
    names: dict[str, str] = {}
    for title, spec in workbook_specs(record, narrative or Narrative(), profile):
        sheet = book.create_sheet(title)
        names.update(write_table(sheet, spec, _validations(sheet)))
    for key, ref in names.items():
        book.defined_names[NAME_PREFIX + key] = DefinedName(NAME_PREFIX + key, attr_text=ref)
    book.properties.creator = "jixiao"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
