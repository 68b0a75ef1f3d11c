"""The fill-in workbook: sheets, merged cells, formats, widths, validation, defined names."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from jixiao.model.record import Record
from jixiao.render.narrative import Narrative
from jixiao.render.xlsx import FIRST_ROW, SHEET_BASIC, SHEET_PROJECTS, SHEET_SELF, render_xlsx


@pytest.fixture()
def book(record: Record, narrative: Narrative) -> Any:
    return load_workbook(io.BytesIO(render_xlsx(record, narrative)))


def _find(sheet: Any, text: str) -> Any:
    return next(c for row in sheet.iter_rows() for c in row if c.value == text)


def test_sheets_and_titles(book: Any) -> None:
    assert book.sheetnames == [SHEET_SELF, SHEET_BASIC, SHEET_PROJECTS]
    assert book[SHEET_SELF]["A1"].value == "2023年度部门整体支出绩效自评表"
    assert "A1:I1" in {str(r) for r in book[SHEET_SELF].merged_cells.ranges}


def test_indicator_block_is_merged(book: Any) -> None:
    sheet = book[SHEET_SELF]
    header = _find(sheet, "一级指标")
    ranges = {str(r) for r in sheet.merged_cells.ranges}
    first = header.row + 1
    assert f"B{first}:B{first + 3}" in ranges  # 产出指标 over four rows
    assert f"C{first}:C{first + 1}" in ranges  # 数量指标 over two
    assert sheet.cell(first, 2).value == "产出指标"


def test_numbers_are_numbers_with_formats(book: Any) -> None:
    sheet = book[SHEET_SELF]
    row = _find(sheet, "年度资金总额").row
    initial = sheet.cell(row, 3)
    assert float(initial.value) == 580.0 and initial.number_format == "0.00"
    rate = sheet.cell(row, 7)
    assert str(rate.value).startswith("=IF(") and rate.number_format == "0.00%"
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["A"].width


def test_text_starting_with_equals_is_text() -> None:
    record = Record.model_validate(
        {"indicators": [{"name": "站点", "target": "=17个", "actual": "17个"}]}
    )
    sheet = load_workbook(io.BytesIO(render_xlsx(record)))[SHEET_SELF]
    cell = _find(sheet, "=17个")
    assert cell.data_type == "s"


def test_validation_and_defined_names(book: Any) -> None:
    sheet = book[SHEET_SELF]
    kinds = {dv.type for dv in sheet.data_validations.dataValidation}
    assert {"decimal", "list"} <= kinds
    names = set(book.defined_names.keys())
    assert {
        "jx.budget.final.total",
        "jx.department",
        "jx.self_evaluation.grade",
        "jx.staffing.retired",
    } <= names


def test_empty_record_offers_blank_rows() -> None:
    book = load_workbook(io.BytesIO(render_xlsx(Record())))
    sheet = book[SHEET_SELF]
    header = _find(sheet, "一级指标").row
    total = _find(sheet, "总分").row
    assert total - header - 1 == 12
    projects = book[SHEET_PROJECTS]
    assert projects.max_row - FIRST_ROW == 8
