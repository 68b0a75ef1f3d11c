"""A made-up 项目支出绩效自评表 written in every form real copies take.

The form is a grid in which ``<`` continues the cell on the left and ``^`` the cell
above (merged cells). `flatten` writes it as text the way web pages, document-sharing
sites and PDF text layers deliver forms; `write_docx`, `write_html` and `write_xlsx`
write it as real tables with merges. Units, names and figures are invented.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

LEFT, UP = "<", "^"

TITLE = "项目支出绩效自评表（2023年度）"
GRID: list[list[str]] = [
    ["项目名称", "社区图书角运营", "<", "主管部门", "青禾县文化和旅游局", "<", "实施单位", "青禾县图书馆"],
    ["项目资金（万元）", "<", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "<", "120", "118.5", "110.2", "10", "93.00%", "9.3"],
    ["其中：本年财政拨款", "<", "100", "98.5", "92.2", "—", "—", "—"],
    ["上年结转资金", "<", "20", "20", "18", "—", "—", "—"],
    ["其他资金", "<", "", "", "", "—", "—", "—"],
    ["年度总体目标", "预期目标", "<", "<", "实际完成情况", "<", "<", "<"],
    ["^", "全年开放图书角不少于300天，年接待读者8000人次以上。", "<", "<",
     "全年开放310天，接待读者9120人次。", "<", "<", "<"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "图书角开放天数", "≥300天", "310天", "20", "20", ""],
    ["^", "质量指标", "图书借阅完好率", "≥95%", "97%", "20", "20", ""],
    ["^", "时效指标", "新书上架及时率", "100%", "92%", "15", "13.8", "部分书目到货延迟"],
    ["效益指标", "社会效益指标", "惠及居民人次", "≥8000人次", "9120人次", "20", "20", ""],
    ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "94%", "15", "15", ""],
    ["总分", "<", "<", "<", "<", "100", "98.1", "<"],
]

INDICATORS = [
    ("产出指标", "数量指标", "图书角开放天数", "≥300天", "310天", "20", "20", None),
    ("产出指标", "质量指标", "图书借阅完好率", "≥95%", "97%", "20", "20", None),
    ("产出指标", "时效指标", "新书上架及时率", "100%", "92%", "15", "13.8", "部分书目到货延迟"),
    ("效益指标", "社会效益指标", "惠及居民人次", "≥8000人次", "9120人次", "20", "20", None),
    ("满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "94%", "15", "15", None),
]

#: The facts every faithful copy of the form must give (record paths → values).
EXPECTED: dict[str, Any] = {
    "kind": "project",
    "department": "青禾县图书馆",
    "year": 2023,
    "project.name": "社区图书角运营",
    "project.competent_department": "青禾县文化和旅游局",
    "project.implementing_unit": "青禾县图书馆",
    "budget.initial.total": Decimal("120"),
    "budget.final.total": Decimal("118.5"),
    "budget.actual.total": Decimal("110.2"),
    "funds.fiscal.initial": Decimal("100"),
    "funds.fiscal.final": Decimal("98.5"),
    "funds.fiscal.actual": Decimal("92.2"),
    "funds.carryover.initial": Decimal("20"),
    "funds.carryover.actual": Decimal("18"),
    "budget_execution.weight": Decimal("10"),
    "budget_execution.rate": Decimal("93.00"),
    "budget_execution.score": Decimal("9.3"),
    "goals.expected": "全年开放图书角不少于300天，年接待读者8000人次以上。",
    "goals.achieved": "全年开放310天，接待读者9120人次。",
    "self_evaluation.score": Decimal("98.1"),
}


def facts(record: Any, paths: dict[str, Any]) -> dict[str, Any]:
    """The record's values at the dotted `paths` (the keys of an expected-facts table)."""
    out = {}
    for path in paths:
        node = record
        for part in path.split("."):
            node = getattr(node, part)
        out[path] = node
    return out


def anchors(grid: list[list[str]]) -> list[list[bool]]:
    """True where a slot holds its own cell (not a continuation of a merge)."""
    return [[text not in (LEFT, UP) for text in row] for row in grid]


def spans(grid: list[list[str]]) -> list[tuple[int, int, str, int, int]]:
    """Every cell as (row, col, text, rowspan, colspan)."""
    out = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text in (LEFT, UP):
                continue
            colspan = 1
            while c + colspan < len(row) and row[c + colspan] == LEFT:
                colspan += 1
            rowspan = 1
            while r + rowspan < len(grid) and grid[r + rowspan][c] == UP:
                rowspan += 1
            out.append((r, c, text, rowspan, colspan))
    return out


def _cells(row: list[str], *, empties: bool) -> list[str]:
    return [t for t in row if t not in (LEFT, UP) and (empties or t)]


def tab_layout(grid: list[list[str]], title: str = TITLE) -> str:
    """Word's text export: a cell is a tab-led line, a row ends with a blank line."""
    rows = ["\n".join("\t" + t for t in _cells(row, empties=True)) + "\n" for row in grid]
    return title + "\n" + "\n".join(rows) + "\n\n"


def pipe_rows(grid: list[list[str]], title: str = TITLE) -> str:
    """Markdown pipe table, merged slots left blank (HTML-to-text converters)."""
    lines = ["| " + " | ".join("" if t in (LEFT, UP) else t for t in row) + " |" for row in grid]
    lines.insert(1, "|" + "---|" * len(grid[0]))
    return title + "\n\n" + "\n".join(lines) + "\n"


def pipe_cells(grid: list[list[str]], title: str = TITLE) -> str:
    """One cell per line, each ending with a pipe; blank cells kept as a lone pipe."""
    lines = [f"{t} |" if t else "|" for row in grid for t in _cells(row, empties=True)]
    return title + " |\n" + "\n".join(lines) + "\n"


def cell_lines(grid: list[list[str]], title: str = TITLE) -> str:
    """One cell per line with blank lines between, blank cells lost."""
    return title + "\n\n" + "\n\n".join(t for row in grid for t in _cells(row, empties=False)) + "\n"


def one_line(grid: list[list[str]], title: str = TITLE) -> str:
    """The whole form on one line, cells separated by single spaces."""
    return " ".join([title] + [t for row in grid for t in _cells(row, empties=False)]) + "\n"


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def space_columns(grid: list[list[str]], title: str = TITLE) -> str:
    """``pdftotext -layout``: each row on a line, cells padded to their column's width."""
    widths = [max(_width(row[c]) for row in grid if row[c] not in (LEFT, UP)) for c in range(len(grid[0]))]
    lines = []
    for row in grid:
        parts = []
        for c, text in enumerate(row):
            shown = "" if text in (LEFT, UP) else text
            parts.append(shown + " " * (widths[c] - _width(shown) + 3))
        lines.append("".join(parts).rstrip())
    return title + "\n" + "\n".join(lines) + "\n"


def run_together(grid: list[list[str]], title: str = TITLE) -> str:
    """Every cell run into the next without any space (text collapsed by a converter)."""
    return title + "".join(t for row in grid for t in _cells(row, empties=False)) + "\n"


FLATTENINGS: dict[str, Callable[[list[list[str]], str], str]] = {
    "tab_layout": tab_layout,
    "pipe_rows": pipe_rows,
    "pipe_cells": pipe_cells,
    "cell_lines": cell_lines,
    "one_line": one_line,
    "space_columns": space_columns,
}


def write_docx(path: Path, grid: list[list[str]] = GRID, title: str = TITLE) -> Path:
    """The form as a Word table with real merges."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(title)
    table = doc.add_table(rows=len(grid), cols=len(grid[0]))
    table.style = "Table Grid"
    for r, c, text, rowspan, colspan in spans(grid):
        cell = table.cell(r, c)
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        cell.text = text
    doc.save(str(path))
    return path


def write_html(path: Path, grid: list[list[str]] = GRID, title: str = TITLE) -> Path:
    """The form as a web page table with rowspan/colspan, inside site chrome."""
    rows: dict[int, list[str]] = {}
    for r, _c, text, rowspan, colspan in spans(grid):
        attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
            f' colspan="{colspan}"' if colspan > 1 else "")
        rows.setdefault(r, []).append(f"<td{attrs}>{html.escape(text)}</td>")
    body = "\n".join(f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items()))
    page = (
        "<html><head><meta charset='utf-8'><title>绩效自评</title></head><body>"
        "<div class='nav'>首页 &gt; 信息公开 &gt; 财政预决算</div>"
        f"<h3>{title}</h3><table border='1'>{body}</table>"
        "<div class='footer'>主办单位：青禾县人民政府办公室 承办单位：青禾县融媒体中心</div>"
        "</body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path


def _cell_value(text: str) -> str | float | None:
    """Figures as numbers (as finance staff type them), the rest as text."""
    try:
        return float(text)
    except ValueError:
        return text or None


def write_xlsx(path: Path, grid: list[list[str]] = GRID, title: str = TITLE) -> Path:
    """The form as a worksheet: a title row, then the grid with merged ranges."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    sheet.cell(1, 1, title)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(grid[0]))
    for r, c, text, rowspan, colspan in spans(grid):
        sheet.cell(r + 2, c + 1, _cell_value(text))
        if rowspan > 1 or colspan > 1:
            sheet.merge_cells(start_row=r + 2, start_column=c + 1,
                              end_row=r + 1 + rowspan, end_column=c + colspan)
    book.save(str(path))
    return path


DEPARTMENT_TITLE = "溪口县林业局2024年度部门整体绩效自评表"
DEPARTMENT_GRID: list[list[str]] = [
    ["主管部门", "溪口县林业局", "<", "<", "自评总分（分）", "96.5", "<", "<"],
    ["项目资金（万元）", "年初预算数", "全年（调整）预算数", "全年执行数", "执行率", "执行率权重", "执行率得分", "<"],
    ["年度总金额", "850.5", "912.3", "901.6", "98.83%", "10", "9.88", "<"],
    ["其中：财政拨款", "850.5", "912.3", "901.6", "98.83%", "—", "—", "<"],
    ["指标名称", "计量单位", "指标性质", "指标值", "指标权重（分）", "全年完成值", "指标得分（分）", "说明"],
    ["公益林管护面积", "万亩", "≥", "28", "10", "28", "10", ""],
    ["森林火灾受害率", "‰", "≤", "0.9", "10", "0.2", "10", ""],
    ["新造林面积", "亩", "≥", "5000", "15", "4600", "13.8", "苗木调运延误"],
    ["林业有害生物成灾率", "‰", "≤", "3", "10", "1.2", "10", ""],
    ["群众满意度", "%", "≥", "90", "15", "93", "15", ""],
]
DEPARTMENT_INDICATORS = [
    ("公益林管护面积", "≥28万亩", "28", "10", "10", "万亩"),
    ("森林火灾受害率", "≤0.9‰", "0.2", "10", "10", "‰"),
    ("新造林面积", "≥5000亩", "4600", "15", "13.8", "亩"),
    ("林业有害生物成灾率", "≤3‰", "1.2", "10", "10", "‰"),
    ("群众满意度", "≥90%", "93", "15", "15", "%"),
]
DEPARTMENT_EXPECTED: dict[str, Any] = {
    "kind": "department",
    "department": "溪口县林业局",
    "year": 2024,
    "budget.initial.total": Decimal("850.5"),
    "budget.final.total": Decimal("912.3"),
    "budget.actual.total": Decimal("901.6"),
    "funds.fiscal.actual": Decimal("901.6"),
    "budget_execution.weight": Decimal("10"),
    "budget_execution.rate": Decimal("98.83"),
    "budget_execution.score": Decimal("9.88"),
    "self_evaluation.score": Decimal("96.5"),
}


BASIC_TITLE = "2024年度部门（单位）整体支出绩效评价基础数据表"
BASIC_GRID: list[list[str]] = [
    ["财政供养人员情况（人）", "编制数", "2024年实际在职人数", "控制率"],
    ["^", "18", "17", "94.44%"],
    ["经费控制情况（万元）", "2023年决算数", "2024年预算数", "2024年决算数"],
    ["三公经费", "5.10", "4.80", "3.95"],
    ["1、公务用车购置和维护经费", "3.00", "3.00", "2.75"],
    ["其中：公车购置", "0", "0", "0"],
    ["公车运行维护", "3.00", "3.00", "2.75"],
    ["2、出国经费", "0", "0", "0"],
    ["3、公务接待", "2.10", "1.80", "1.20"],
    ["项目支出：", "90.00", "120.00", "112.40"],
    ["公用经费", "30.20", "32.00", "29.80"],
]
BASIC_EXPECTED: dict[str, Any] = {
    "staffing.authorized": 18,
    "staffing.actual": 17,
    "three_public.budget.total": Decimal("4.80"),
    "three_public.budget.vehicles": Decimal("3.00"),
    "three_public.budget.reception": Decimal("1.80"),
    "three_public.actual.total": Decimal("3.95"),
    "three_public.actual.vehicles": Decimal("2.75"),
    "three_public.actual.overseas": Decimal("0"),
    "three_public.actual.reception": Decimal("1.20"),
    "budget.actual.project": Decimal("112.40"),
    "budget.actual.public": Decimal("29.80"),
}
