"""The fill-in workbook: sheets, merges, formulas, protection, validation, formats, printing, names."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from jixiao.model.record import Record
from jixiao.render.narrative import Narrative
from jixiao.render.xlsx import (
    FIRST_ROW,
    SHEET_BASIC,
    SHEET_HELP,
    SHEET_PROJECTS,
    SHEET_SELF,
    render_xlsx,
)
from jixiao.render.xlsx_formulas import grade_formula, grade_of


@pytest.fixture()
def book(record: Record, narrative: Narrative) -> Any:
    return load_workbook(io.BytesIO(render_xlsx(record, narrative)))


def _find(sheet: Any, text: str) -> Any:
    return next(c for row in sheet.iter_rows() for c in row if c.value == text)


def _named(book: Any, key: str) -> Any:
    sheet, ref = next(iter(book.defined_names[f"jx.{key}"].destinations))
    return book[sheet][ref.replace("$", "")]


def test_sheets_and_titles(book: Any) -> None:
    assert book.sheetnames == [SHEET_SELF, SHEET_BASIC, SHEET_PROJECTS, SHEET_HELP]
    assert book[SHEET_SELF]["A1"].value == "2023年度部门整体支出绩效自评表"
    assert "A1:I1" in {str(r) for r in book[SHEET_SELF].merged_cells.ranges}
    assert "jixiao extract" in " ".join(str(c.value) for c in book[SHEET_HELP]["A"])


def test_indicator_block_is_merged(book: Any) -> None:
    sheet = book[SHEET_SELF]
    first = _find(sheet, "一级指标").row + 1
    ranges = {str(r) for r in sheet.merged_cells.ranges}
    assert f"B{first}:B{first + 3}" in ranges and f"C{first}:C{first + 1}" in ranges
    assert sheet.cell(first, 2).value == "产出指标"


def test_totals_rates_and_grade_are_formulas(book: Any) -> None:
    sheet = book[SHEET_SELF]
    row = _find(sheet, "年度资金总额").row
    assert sheet.cell(row, 3).value == f'=IF(COUNT(C{row + 1},C{row + 2})=0,"",SUM(C{row + 1},C{row + 2}))'
    assert str(sheet.cell(row, 7).value).startswith("=IF(AND(ISNUMBER(D")
    assert sheet.cell(row, 7).number_format == "0.00%"
    total = _named(book, "self_evaluation.score")
    assert str(total.value).startswith(f"=IF(COUNT(H{row},H")
    assert _named(book, "self_evaluation.grade").value == grade_formula(total.coordinate)
    assert "SUM(" in _named(book, "three_public.actual.total").value


def test_a_figure_the_parts_do_not_add_up_to_stays_as_stated(record: Record) -> None:
    odd = record.model_copy(
        update={
            "budget": record.budget.model_copy(
                update={"final": record.budget.final.model_copy(update={"total": Decimal(700)})}
            )
        }
    )
    book = load_workbook(io.BytesIO(render_xlsx(odd)))
    assert _named(book, "budget.final.total").value == 700
    assert "SUM(" in str(_named(book, "budget.actual.total").value)


def test_a_grade_other_than_the_band_stays_typed(record: Record) -> None:
    odd = record.model_copy(
        update={"self_evaluation": record.self_evaluation.model_copy(update={"grade": "良"})}
    )
    book = load_workbook(io.BytesIO(render_xlsx(odd)))
    assert _named(book, "self_evaluation.grade").value == "良"
    assert [grade_of(v) for v in (95, 85, 70, 10, None)] == ["优", "良", "中", "差", None]  # type: ignore[arg-type]


def test_numbers_show_as_typed(book: Any) -> None:
    sheet = book[SHEET_SELF]
    row = _find(sheet, "其中：基本支出").row
    assert sheet.cell(row, 3).value == 430 and sheet.cell(row, 3).number_format == "General"
    assert _named(book, "budget_execution.weight").number_format == "General"


def test_sheets_are_protected_with_inputs_unlocked(book: Any) -> None:
    sheet = book[SHEET_SELF]
    assert sheet.protection.sheet and sheet.protection.password is None
    assert _find(sheet, "一级指标").protection.locked
    assert not _named(book, "department").protection.locked
    assert not _named(book, "budget.final.basic").protection.locked
    assert _named(book, "budget.final.total").protection.locked  # a SUM
    assert not _named(book, "self_evaluation.grade").protection.locked  # a grade may be chosen
    first = _find(sheet, "一级指标").row + 1
    assert not sheet.cell(first, 4).protection.locked  # indicator name
    assert all(book[s].protection.sheet for s in book.sheetnames)


def test_validation_messages_state_the_rule(book: Any) -> None:
    sheet = book[SHEET_SELF]
    by_error = {dv.error: dv for dv in sheet.data_validations.dataValidation}
    assert "金额应为不小于 0 的数字（单位：万元）" in by_error
    assert "自评等级只能是：优、良、中、差" in by_error
    assert "分值应为 0 到 100 之间的数字" in by_error
    scores = [
        dv
        for dv in sheet.data_validations.dataValidation
        if dv.error == "得分应为 0 到本行分值之间的数字"
    ]
    first = _find(sheet, "一级指标").row + 1
    cell = f"H{first}"
    rule = next(dv for dv in scores if cell in str(dv.sqref))
    assert (
        rule.formula1
        == f"AND(ISNUMBER({cell}),{cell}>=0,OR(NOT(ISNUMBER(G{first})),{cell}<=G{first}))"
    )
    count = {dv.error for dv in book[SHEET_BASIC].data_validations.dataValidation}
    assert "人数应为不小于 0 的整数" in count


def test_printing_fits_the_width_and_repeats_titles(book: Any) -> None:
    for name in (SHEET_SELF, SHEET_BASIC, SHEET_PROJECTS):
        sheet = book[name]
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert book[SHEET_SELF].print_title_rows == "$1:$2"
    assert book[SHEET_PROJECTS].print_title_rows == "$1:$3"


def test_text_starting_with_equals_is_text() -> None:
    record = Record.model_validate(
        {"indicators": [{"name": "站点", "target": "=17个", "actual": "17个"}]}
    )
    sheet = load_workbook(io.BytesIO(render_xlsx(record)))[SHEET_SELF]
    assert _find(sheet, "=17个").data_type == "s"


def test_defined_names(book: Any) -> None:
    names = set(book.defined_names.keys())
    assert {
        "jx.budget.final.total",
        "jx.department",
        "jx.self_evaluation.grade",
        "jx.staffing.retired",
        "jx.goals.expected",
        "jx.budget_execution.score",
    } <= names
    assert not any(
        n.startswith(("jx.calc", "jx.note", "jx.indicator", "jx.project")) for n in names
    )


def test_empty_record_offers_blank_rows() -> None:
    book = load_workbook(io.BytesIO(render_xlsx(Record())))
    sheet = book[SHEET_SELF]
    assert _find(sheet, "总分").row - _find(sheet, "一级指标").row - 1 == 12
    assert book[SHEET_PROJECTS].max_row - FIRST_ROW == 8
    assert "SUM(" in _named(book, "self_evaluation.score").value
