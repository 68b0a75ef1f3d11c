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


def tab_layout(grid: list[list[str]]) -> str:
    """Word's text export: a cell is a tab-led line, a row ends with a blank line."""
    rows = ["\n".join("\t" + t for t in _cells(row, empties=True)) + "\n" for row in grid]
    return TITLE + "\n" + "\n".join(rows) + "\n\n"


def pipe_rows(grid: list[list[str]]) -> str:
    """Markdown pipe table, merged slots left blank (HTML-to-text converters)."""
    lines = ["| " + " | ".join("" if t in (LEFT, UP) else t for t in row) + " |" for row in grid]
    lines.insert(1, "|" + "---|" * len(grid[0]))
    return TITLE + "\n\n" + "\n".join(lines) + "\n"


def pipe_cells(grid: list[list[str]]) -> str:
    """One cell per line, each ending with a pipe; blank cells kept as a lone pipe."""
    lines = [f"{t} |" if t else "|" for row in grid for t in _cells(row, empties=True)]
    return TITLE + " |\n" + "\n".join(lines) + "\n"


def cell_lines(grid: list[list[str]]) -> str:
    """One cell per line with blank lines between, blank cells lost."""
    return TITLE + "\n\n" + "\n\n".join(t for row in grid for t in _cells(row, empties=False)) + "\n"


def one_line(grid: list[list[str]]) -> str:
    """The whole form on one line, cells separated by single spaces."""
    return " ".join([TITLE] + [t for row in grid for t in _cells(row, empties=False)]) + "\n"


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def space_columns(grid: list[list[str]]) -> str:
    """``pdftotext -layout``: each row on a line, cells padded to their column's width."""
    widths = [max(_width(row[c]) for row in grid if row[c] not in (LEFT, UP)) for c in range(len(grid[0]))]
    lines = []
    for row in grid:
        parts = []
        for c, text in enumerate(row):
            shown = "" if text in (LEFT, UP) else text
            parts.append(shown + " " * (widths[c] - _width(shown) + 3))
        lines.append("".join(parts).rstrip())
    return TITLE + "\n" + "\n".join(lines) + "\n"


def run_together(grid: list[list[str]]) -> str:
    """Every cell run into the next without any space (text collapsed by a converter)."""
    return TITLE + "".join(t for row in grid for t in _cells(row, empties=False)) + "\n"


FLATTENINGS: dict[str, Callable[[list[list[str]]], str]] = {
    "tab_layout": tab_layout,
    "pipe_rows": pipe_rows,
    "pipe_cells": pipe_cells,
    "cell_lines": cell_lines,
    "one_line": one_line,
    "space_columns": space_columns,
}


def write_docx(path: Path, grid: list[list[str]] = GRID) -> Path:
    """The form as a Word table with real merges."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(TITLE)
    table = doc.add_table(rows=len(grid), cols=len(grid[0]))
    table.style = "Table Grid"
    for r, c, text, rowspan, colspan in spans(grid):
        cell = table.cell(r, c)
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        cell.text = text
    doc.save(str(path))
    return path


def write_html(path: Path, grid: list[list[str]] = GRID) -> Path:
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
        f"<h3>{TITLE}</h3><table border='1'>{body}</table>"
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


def write_xlsx(path: Path, grid: list[list[str]] = GRID) -> Path:
    """The form as a worksheet: a title row, then the grid with merged ranges."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    sheet.cell(1, 1, TITLE)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(grid[0]))
    for r, c, text, rowspan, colspan in spans(grid):
        sheet.cell(r + 2, c + 1, _cell_value(text))
        if rowspan > 1 or colspan > 1:
            sheet.merge_cells(start_row=r + 2, start_column=c + 1,
                              end_row=r + 1 + rowspan, end_column=c + colspan)
    book.save(str(path))
    return path
