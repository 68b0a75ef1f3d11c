"""Reading tables as a reviewer does: header rows, the data rows under them, numbers.

Every cell is cleaned once per review (`TableView`): its compact text, its number and
its percentage are computed when the context first needs the tables, and the checks
read those instead of cleaning the cell again.

Text sources do not mark merged cells, so a data row may have more cells than
its header row (a blank leading cell); columns are then aligned on the right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple, TypeVar

from jixiao.model.document import Cell, Document, Table
from jixiao.model.provenance import SourceRef
from jixiao.review.numbers import number, percent

C = TypeVar("C")


class CellView(NamedTuple):
    """A cell with its compact text, number and percentage computed once."""

    cell: Cell
    block: int
    key: str
    value: Decimal | None
    rate: Decimal | None

    @property
    def text(self) -> str:
        """The cell's text as written."""
        return self.cell.text

    def ref(self) -> SourceRef:
        """Where the cell stands."""
        cell = self.cell
        return SourceRef(self.block, cell.position, cell.text, row=cell.row, col=cell.col)


@dataclass(frozen=True, slots=True)
class TableView:
    """A table of the document with its rows of `CellView` s and each row's compact texts.

    ``lines`` holds each row's compact texts joined by line breaks (compact texts hold
    none), for testing a row for a word with one `in`.
    """

    block: int
    table: Table
    rows: tuple[tuple[CellView, ...], ...]
    keys: tuple[list[str], ...]
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        """Every compact cell text of the table, joined by line breaks."""
        return "\n".join(self.lines)


def view_cell(block: int, cell: Cell) -> CellView:
    """Clean one cell."""
    view: CellView = _new(CellView, (cell, block, *_clean(cell.text)))
    return view


_new = tuple.__new__
_Clean = tuple[str, Decimal | None, Decimal | None]
_BLANK: _Clean = ("", None, None)


#: How a cell that `number` or `percent` reads can start and end (besides digits).
_NUMBER_STARTS = frozenset("-<>≤≥=＝﹦约不少于低于高于超过")
_NUMBER_ENDS = frozenset("元万%％")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")


def _clean(text: str) -> _Clean:
    """(compact text, number, percentage) of a cell's text."""
    if text[:1].isdecimal() and _PLAIN.fullmatch(text):  # most cells are words: test one character first
        return text, Decimal(text), None  # what `number` makes of it, without its pattern
    key = "".join(text.split())  # `compact`, inlined: every cell of every table
    if not key:
        return _BLANK
    first, last = key[0], key[-1]
    if not (first.isdecimal() or first in _NUMBER_STARTS) or not (
        last.isdecimal() or last in _NUMBER_ENDS
    ):
        return key, None, None  # neither a number nor a percentage (see their patterns)
    value = number(text)
    return key, value, (percent(text) if value is None else None)


def table_views(document: Document | None) -> tuple[TableView, ...]:
    """Every table of `document`, each cell cleaned once (a text written in several cells, once)."""
    if document is None:
        return ()
    cleaned: dict[str, _Clean] = {}
    return tuple([_view(block, table, cleaned) for block, table in document.tables()])


def _view(block: int, table: Table, cleaned: dict[str, _Clean]) -> TableView:
    rows = []
    keys = []
    lines = []
    for row in _rows(table):
        views = []
        texts = []
        for cell in row:
            text = cell.text
            found = cleaned.get(text)
            if found is None:
                found = cleaned[text] = _clean(text)
            key, value, rate = found
            views.append(_new(CellView, (cell, block, key, value, rate)))
            texts.append(key)
        rows.append(tuple(views))
        keys.append(texts)
        lines.append("\n".join(texts))
    return TableView(block, table, tuple(rows), tuple(keys), tuple(lines))


def _rows(table: Table) -> list[list[Cell]]:
    """`Table.rows`, without sorting when the cells are already in reading order."""
    out: list[list[Cell]] = [[] for _ in range(table.n_rows)]
    last_row, last_col = -1, -1
    for cell in table.cells:
        row, col = cell.row, cell.col
        if row < last_row or (row == last_row and col < last_col):
            return table.rows()
        out[row].append(cell)
        last_row, last_col = row, col
    return out


class Row(NamedTuple):
    """A data row under a header: its cells and where the table stands (a tuple: cheap to make)."""

    block: int
    header: tuple[CellView, ...]
    cells: tuple[CellView, ...]

    def cell(self, index: int) -> CellView | None:
        """The cell under header position `index` (right-aligned when lengths differ)."""
        if len(self.cells) < len(self.header):
            return None
        same = len(self.cells) == len(self.header)
        position = index if same else index + len(self.cells) - len(self.header)
        return self.cells[position] if 0 <= position < len(self.cells) else None

    def value(self, index: int) -> Decimal | None:
        """The number under header position `index`."""
        found = self.cell(index)
        return found.value if found is not None else None

    def text(self, index: int) -> str:
        """The text under header position `index` ('' when absent)."""
        found = self.cell(index)
        return found.text.strip() if found is not None else ""

    def rate(self, index: int) -> Decimal | None:
        """The percentage under header position `index`."""
        found = self.cell(index)
        return found.rate if found is not None else None

    def label(self) -> str:
        """The first non-empty, non-numeric text of the row."""
        for cell in self.cells:
            if cell.key and cell.value is None:
                return cell.key
        return ""

    def ref(self, index: int | None = None) -> SourceRef:
        """The source of the cell under `index`, or of the row's first cell."""
        cell = self.cell(index) if index is not None else None
        return (cell or self.cells[0]).ref()


def find_index(header: tuple[CellView, ...], test: Callable[[str], bool]) -> int | None:
    """Position in `header` of the first cell whose compact text passes `test`."""
    for index, cell in enumerate(header):
        if test(cell.key):
            return index
    return None


def under_headers(view: TableView, is_header: Callable[[list[str]], bool]) -> Iterator[Row]:
    """Data rows, each with the latest header row for which `is_header` holds."""
    header: tuple[CellView, ...] | None = None
    for cells, texts in zip(view.rows, view.keys, strict=True):
        if is_header(texts):
            header = cells
            continue
        if header is not None and cells:
            yield _new(Row, (view.block, header, cells))


def rows_with_columns(
    view: TableView,
    is_header: Callable[[list[str]], bool],
    columns: Callable[[tuple[CellView, ...]], C],
) -> Iterator[tuple[Row, C]]:
    """`under_headers`, each row with `columns(header)`, found once per header row."""
    header: tuple[CellView, ...] | None = None
    found: C
    for row in under_headers(view, is_header):
        if row.header is not header:
            header, found = row.header, columns(row.header)
        yield row, found
