"""Reading tables as a reviewer does: header rows, the data rows under them, numbers.

Text sources do not mark merged cells, so a data row may have more cells than
its header row (a blank leading cell); columns are then aligned on the right.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.document import Cell, Table
from jixiao.model.provenance import SourceRef
from jixiao.review.numbers import number
from jixiao.review.text import compact


@dataclass(frozen=True)
class Row:
    """A data row under a header: its cells and where the table stands."""

    block: int
    header: list[Cell]
    cells: list[Cell]

    def cell(self, index: int) -> Cell | None:
        """The cell under header position `index` (right-aligned when lengths differ)."""
        if len(self.cells) < len(self.header):
            return None
        same = len(self.cells) == len(self.header)
        position = index if same else index + len(self.cells) - len(self.header)
        return self.cells[position] if 0 <= position < len(self.cells) else None

    def value(self, index: int) -> Decimal | None:
        """The number under header position `index`."""
        found = self.cell(index)
        return number(found.text) if found is not None else None

    def text(self, index: int) -> str:
        """The text under header position `index` ('' when absent)."""
        found = self.cell(index)
        return found.text.strip() if found is not None else ""

    def label(self) -> str:
        """The first non-empty, non-numeric text of the row."""
        for cell in self.cells:
            if cell.text.strip() and number(cell.text) is None:
                return compact(cell.text)
        return ""

    def ref(self, index: int | None = None) -> SourceRef:
        """The source of the cell under `index`, or of the row's first cell."""
        cell = self.cell(index) if index is not None else None
        cell = cell or self.cells[0]
        return SourceRef(self.block, cell.position, cell.text, row=cell.row, col=cell.col)


def headers(table: Table) -> list[list[str]]:
    """Compact text of every row, for header matching."""
    return [[compact(c.text) for c in row] for row in table.rows()]


def find_index(header: list[Cell], test: Callable[[str], bool]) -> int | None:
    """Position in `header` of the first cell whose compact text passes `test`."""
    for index, cell in enumerate(header):
        if test(compact(cell.text)):
            return index
    return None


def under_headers(
    block: int, table: Table, is_header: Callable[[list[str]], bool]
) -> Iterator[Row]:
    """Data rows, each with the latest header row for which `is_header` holds."""
    header: list[Cell] | None = None
    for cells in table.rows():
        texts = [compact(c.text) for c in cells]
        if is_header(texts):
            header = cells
            continue
        if header is not None and cells:
            yield Row(block, header, cells)
