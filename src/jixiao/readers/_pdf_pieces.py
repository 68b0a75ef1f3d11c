"""Ruled tables that run over page breaks, joined into one `Table`.

A table that ends one page and resumes at the top of the next with the same left
and right edges is one table. Where it resumes:

- header rows repeated at the top of the new page are dropped;
- an empty cell under a merged cell continues that merged cell;
- a row split by the break (every cell that has text on the new page continues a
  cell whose text ran to the bottom and the right edge of its box on the page
  before) is one row again, its cells' text joined.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from jixiao.model.document import Position, Table
from jixiao.readers._grid import SpanCell, clean_text, freeze
from jixiao.readers._pdf_layout import Line, join, wraps
from jixiao.readers._pdf_tables import SNAP, Grid

_LATIN_END = re.compile(r"[A-Za-z,;:]$")
_LATIN_START = re.compile(r"^[A-Za-z]")
#: Rows compared when looking for a repeated header.
_HEADER_ROWS = 3
#: Points inside a cell's box that its text keeps free (cell padding).
PADDING = 3.0


@dataclass(eq=False)
class PieceCell(SpanCell):
    """A cell of a table piece: its box and its text lines."""

    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    lines: list[Line] = field(default_factory=list)


@dataclass
class Piece:
    """The part of a ruled table that stands on one page."""

    page: int
    grid: Grid
    cells: list[PieceCell]
    first_on_page: bool = False
    last_on_page: bool = False

    @property
    def top(self) -> float:
        return self.grid.ys[0]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.grid.bbox


def make_piece(page: int, grid: Grid, lines_by_cell: list[list[Line]]) -> Piece:
    """The piece of `grid` whose cells hold `lines_by_cell` (cell order of the grid)."""
    cells = []
    for cell, lines in zip(grid.cells, lines_by_cell, strict=True):
        text = clean_text(join(lines, cell.box[2] - PADDING)) if lines else ""
        position = Position(page=page, box=cell.box)
        cells.append(
            PieceCell(
                cell.row, cell.col, text, cell.rowspan, cell.colspan, position, cell.box, lines
            )
        )
    return Piece(page, grid, cells)


def continues(a: Piece, b: Piece) -> bool:
    """Whether `b` (first on its page) goes on with `a` (last on the page before)."""
    same_edges = abs(a.bbox[0] - b.bbox[0]) < 3 and abs(a.bbox[2] - b.bbox[2]) < 3
    return a.last_on_page and b.first_on_page and b.page == a.page + 1 and same_edges


def _columns(pieces: list[Piece]) -> list[float]:
    out: list[float] = []
    for x in sorted(x for p in pieces for x in p.grid.xs):
        if not out or x - out[-1] > SNAP:
            out.append(x)
    return out


def _nearest(edges: list[float], value: float) -> int:
    i = bisect_left(edges, value)
    if i == len(edges) or (i > 0 and value - edges[i - 1] < edges[i] - value):
        return i - 1
    return i


class _Builder:
    """Adds pieces one after another, keeping the cells of the table's last row."""

    def __init__(self, xs: list[float]) -> None:
        self.xs = xs
        self.cells: list[PieceCell] = []
        self.rows = 0

    def _place(self, piece: Piece) -> list[list[PieceCell]]:
        """The piece's cells on the table's columns, grouped by their first row."""
        rows: list[list[PieceCell]] = [[] for _ in range(len(piece.grid.ys) - 1)]
        for cell in piece.cells:
            col = _nearest(self.xs, cell.box[0])
            cell.colspan = max(1, _nearest(self.xs, cell.box[2]) - col)
            cell.col = col
            rows[cell.row].append(cell)
        return [row for row in rows if row] if rows else []

    def _header(self, count: int) -> list[list[tuple[int, int, str]]]:
        rows: list[list[tuple[int, int, str]]] = [[] for _ in range(count)]
        for cell in self.cells:
            if cell.row < count:
                rows[cell.row].append((cell.col, cell.colspan, cell.text))
        return [sorted(r) for r in rows]

    def _drop_repeated_header(self, rows: list[list[PieceCell]]) -> list[list[PieceCell]]:
        header = self._header(_HEADER_ROWS)
        n = 0
        while n < min(len(rows) - 1, _HEADER_ROWS):
            mine = sorted((c.col, c.colspan, c.text) for c in rows[n])
            if mine != header[n] or not any(t for _, _, t in mine):
                break
            n += 1
        return rows[n:]

    def add(self, piece: Piece, joined: bool) -> None:
        """Append `piece`; `joined` when it continues the table over a page break."""
        rows = self._place(piece)
        if joined and self.cells:
            rows = self._drop_repeated_header(rows)
        bottom = {(c.col, c.colspan): c for c in self.cells if c.row + c.rowspan == self.rows}
        first = rows[0] if rows else []
        split = joined and _split_row(first, bottom)
        offset = self.rows - (1 if split else 0)
        local = first[0].row if first else 0
        for r, row in enumerate(rows):
            for cell in row:
                above = bottom.get((cell.col, cell.colspan)) if r == 0 and joined else None
                if above is not None and split:
                    _append_text(above, cell)
                    above.rowspan += cell.rowspan - 1
                elif above is not None and not cell.text and max(above.rowspan, cell.rowspan) > 1:
                    above.rowspan += cell.rowspan
                else:
                    cell.row = offset + cell.row - local
                    self.cells.append(cell)
        self.rows = max([c.row + c.rowspan for c in self.cells], default=0)


def _split_row(row: list[PieceCell], bottom: dict[tuple[int, int], PieceCell]) -> bool:
    """Whether `row` (first on a page) is the rest of the row split by the page break."""
    filled = [c for c in row if c.text]
    if not filled or any((c.col, c.colspan) not in bottom for c in row):
        return False
    return all(_cut(bottom[(c.col, c.colspan)], c) for c in filled)


def _cut(above: PieceCell, below: PieceCell) -> bool:
    """Whether `above`'s text ran to the bottom and right edge of its box, `below` going on."""
    if not above.lines or not below.lines:
        return False
    last = above.lines[-1]
    reaches_bottom = above.box[3] - last.bottom <= PADDING + 0.8 * last.size
    return reaches_bottom and wraps(last, below.lines[0], above.box[2] - PADDING)


def _append_text(above: PieceCell, below: PieceCell) -> None:
    if not below.text:
        return
    sep = " " if _LATIN_END.search(above.text) and _LATIN_START.match(below.text) else ""
    above.text = f"{above.text}{sep}{below.text}"
    above.lines = above.lines + below.lines


def build_table(pieces: list[Piece]) -> Table | None:
    """One table from pieces on consecutive pages (the first piece starts it)."""
    builder = _Builder(_columns(pieces))
    for i, piece in enumerate(pieces):
        builder.add(piece, joined=i > 0)
    cells: list[SpanCell] = [
        SpanCell(c.row, c.col, c.text, c.rowspan, c.colspan, c.position) for c in builder.cells
    ]
    return freeze(cells)
