"""Building `Table` s from the cell lists that the format readers collect.

Readers collect mutable `SpanCell` s (a cell at its top-left grid slot, with spans
that may still grow while rows are read) and call `freeze` to get a `Table`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.model.document import Cell, Position, Table
from jixiao.readers.limits import check_cells, check_grid


@dataclass
class SpanCell:
    """A cell while its table is being read: its spans may still grow."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    position: Position = field(default_factory=Position)


def freeze(cells: list[SpanCell]) -> Table | None:
    """The `Table` of `cells`, or None when there are none."""
    if not cells:
        return None
    n_rows = max(c.row + c.rowspan for c in cells)
    n_cols = max(c.col + c.colspan for c in cells)
    check_grid(n_rows, n_cols)
    ordered = sorted(cells, key=lambda c: (c.row, c.col))
    return Table(
        tuple(Cell(c.row, c.col, c.text, c.rowspan, c.colspan, c.position) for c in ordered),
        n_rows=n_rows,
        n_cols=n_cols,
    )


def clean_text(text: str) -> str:
    """Trim each line of a cell or paragraph, drop empty edges, keep inner line breaks."""
    lines = [line.strip() for line in text.replace("\xa0", " ").splitlines()]
    return "\n".join(lines).strip("\n")


class Occupancy:
    """Grid slots already covered by row-spanning cells (HTML-style tables)."""

    def __init__(self) -> None:
        self._taken: set[tuple[int, int]] = set()
        self._slots = 0

    def next_free(self, row: int, col: int) -> int:
        """The first column at or after `col` in `row` that no cell covers."""
        while (row, col) in self._taken:
            col += 1
        return col

    def take(self, cell: SpanCell) -> None:
        """Mark every slot of `cell` as covered (refused when the table grows too large)."""
        self._slots += cell.rowspan * cell.colspan
        check_cells(self._slots)
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                self._taken.add((r, c))
