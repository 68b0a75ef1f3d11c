"""Tests of the XLSX reader: sheets as headings, used range, merges, displayed values."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from jixiao.errors import UnreadableDocumentError
from jixiao.readers.xlsx import read


@pytest.fixture
def workbook() -> bytes:
    """A made-up 自评表 with merged labels, a percent, floats; a hidden and a notes sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    sheet["B2"] = "一级指标"
    sheet["C2"] = "指标值"
    sheet.merge_cells("C2:D2")
    sheet["B3"] = "产出指标"
    sheet.merge_cells("B3:B4")
    sheet["C3"] = 1304.57
    sheet["D3"] = 0.985
    sheet["D3"].number_format = "0.0%"
    sheet["C4"] = 12
    hidden = book.create_sheet("隐藏")
    hidden["A1"] = "不读"
    hidden.sheet_state = "hidden"
    notes = book.create_sheet("说明")
    notes["A1"] = "第一段"
    notes["A3"] = "第二段"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_sheet_heading_then_used_range_table(workbook: bytes) -> None:
    doc = read(workbook, name="b.xlsx")
    assert [(b.kind, b.text) for b in doc.blocks if b.kind == "heading"] == [
        ("heading", "自评表"),
        ("heading", "说明"),
    ]
    table = doc.tables()[0][1]
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert table.text_grid() == [
        ["一级指标", "指标值", "指标值"],
        ["产出指标", "1304.57", "98.5%"],
        ["产出指标", "12", ""],
    ]


def test_merged_ranges_are_spans_with_cell_positions(workbook: bytes) -> None:
    table = read(workbook, name="b.xlsx").tables()[0][1]
    cells = {c.position.label(): (c.rowspan, c.colspan) for c in table.cells}
    assert cells["自评表!C2"] == (1, 2)
    assert cells["自评表!B3"] == (2, 1)
    assert "自评表!B4" not in cells


def test_one_column_sheet_is_paragraphs(workbook: bytes) -> None:
    doc = read(workbook, name="b.xlsx")
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == ["第一段", "第二段"]


def test_old_xls_is_explained() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    with pytest.raises(UnreadableDocumentError, match=r"old.xlsx.*Excel"):
        read(ole, name="old.xlsx")
