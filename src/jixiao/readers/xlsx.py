"""Excel (.xlsx/.xlsm) reader: each visible sheet as a heading and a table.

The workbook is opened in openpyxl's normal mode (read-only mode does not expose
merged ranges) with cached formula values. Each sheet's used range becomes one
table whose merged ranges are spans; a one-column sheet becomes paragraphs.
Cells carry ``Position(sheet=…, cell="B7")``.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from jixiao.model.document import Block, Document, Position
from jixiao.readers._grid import SpanCell, clean_text, freeze
from jixiao.readers._ooxml import open_package
from jixiao.readers.limits import check_workbook


def read(data: bytes, *, name: str) -> Document:
    """Read XLSX `data` into a document."""
    from openpyxl import load_workbook

    with open_package(data, name=name, kind="Excel") as package:
        check_workbook(package)
    book = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    blocks: list[Block] = []
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state == "visible":
                blocks.extend(_sheet_blocks(sheet))
    finally:
        book.close()
    return Document(name=name, format="xlsx", blocks=tuple(blocks))


def cell_text(cell: Any) -> str:
    """The displayed text of a cell: numbers without float noise, percents, dates."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in (cell.number_format or ""):
            number *= 100
            return f"{_plain(number)}%"
        return _plain(number)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean_text(str(value))


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def _used_range(sheet: Any) -> tuple[int, int, int, int] | None:
    rows = [c.row for row in sheet.iter_rows() for c in row if c.value not in (None, "")]
    if not rows:
        return None
    cols = [c.column for row in sheet.iter_rows() for c in row if c.value not in (None, "")]
    return min(rows), min(cols), max(rows), max(cols)


def _sheet_blocks(sheet: Any) -> list[Block]:
    bounds = _used_range(sheet)
    if bounds is None:
        return []
    top, left, _, right = bounds
    heading = Block("heading", sheet.title, level=1, position=Position(sheet=sheet.title))
    cells = _cells(sheet, bounds)
    if right == left:
        return [heading, *_paragraphs(cells)]
    table = freeze(cells)
    if table is None:
        return [heading]
    position = Position(sheet=sheet.title, cell=f"{_column_letter(left)}{top}")
    return [heading, Block("table", table=table, position=position)]


def _paragraphs(cells: list[SpanCell]) -> list[Block]:
    return [Block("paragraph", c.text, position=c.position) for c in cells if c.text]


def _column_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(col)
    return letter


def _cells(sheet: Any, bounds: tuple[int, int, int, int]) -> list[SpanCell]:
    top, left, bottom, right = bounds
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = (
            min(merged.max_row, bottom) - merged.min_row + 1,
            min(merged.max_col, right) - merged.min_col + 1,
        )
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    covered.add((r, c))
    out: list[SpanCell] = []
    for row in sheet.iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right):
        for cell in row:
            key = (cell.row, cell.column)
            if key in covered:
                continue
            rowspan, colspan = spans.get(key, (1, 1))
            out.append(
                SpanCell(
                    cell.row - top,
                    cell.column - left,
                    cell_text(cell),
                    max(rowspan, 1),
                    max(colspan, 1),
                    Position(sheet=sheet.title, cell=cell.coordinate),
                )
            )
    return out
