"""The neutral document: what every reader produces and every extractor consumes.

A `Document` is an ordered sequence of `Block` s. A block is a heading, a paragraph
or a table. Tables are grids of `Cell` s; a cell that spans rows or columns
appears once, at its top-left position, with its ``rowspan`` and ``colspan``.
Every block and cell carries a `Position` in its source (line, page or sheet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass(frozen=True, slots=True)
class Position:
    """Where something stands in the source file.

    ``line`` is 1-based in text sources; ``page`` is 1-based in PDFs and images;
    ``sheet`` and ``cell`` (like ``"B7"``) name spreadsheet locations; ``box`` is the area
    on a PDF page, ``(x0, top, x1, bottom)`` in points from the page's top-left corner.
    Any may be None.
    """

    line: int | None = None
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None
    box: tuple[float, float, float, float] | None = None
    #: Text read by OCR: the lowest recognition confidence (0–1) of its characters;
    #: None for text that was not recognised from an image.
    confidence: float | None = None
    #: Text read by OCR: the words (a number, or a character with its neighbours)
    #: holding characters recognised with low confidence, to be checked against the original.
    doubtful: tuple[str, ...] = ()

    def label(self) -> str:
        """A short human-readable form, like ``line 12`` or ``Sheet1!B7``."""
        if self.sheet is not None:
            return f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell at (row, col), 0-based, spanning ``rowspan`` × ``colspan``."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    position: Position = field(default_factory=Position)


@dataclass(frozen=True, slots=True)
class Table:
    """A table as a list of cells; `grid` gives the filled matrix view."""

    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int
    #: The grid, built once on first use (extractors and checks all read it).
    _grid: list[list[Cell | None]] | None = field(default=None, init=False, repr=False, compare=False)

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by their starting row, in column order (merged cells once)."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out

    def grid(self) -> list[list[Cell | None]]:
        """The n_rows × n_cols matrix; a merged cell fills every slot it covers.

        Built once and shared: callers read it and must not change it.
        """
        if self._grid is not None:
            return self._grid
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                    grid[r][c] = cell
        object.__setattr__(self, "_grid", grid)
        return grid

    def text_grid(self) -> list[list[str]]:
        """The grid as text; merged cells repeat their text in every slot."""
        return [[c.text if c else "" for c in row] for row in self.grid()]


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, a paragraph or a table, with its position in the source.

    ``level`` is the outline level for headings a reader knows from styles
    (Heading 1 → 1); text readers leave it None and let the extractor decide.
    """

    kind: BlockKind
    text: str = ""
    level: int | None = None
    table: Table | None = None
    position: Position = field(default_factory=Position)
    #: Display columns of white space before the text in a text layout (CJK characters
    #: count two), so that lines of space-aligned columns can be lined up.
    indent: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    """A source file read into ordered blocks."""

    name: str
    format: str
    blocks: tuple[Block, ...]
    #: Pages whose text was recognised from an image (OCR), 1-based.
    ocr_pages: tuple[int, ...] = ()

    def text_blocks(self) -> list[tuple[int, Block]]:
        """(index, block) for every heading and paragraph."""
        return [(i, b) for i, b in enumerate(self.blocks) if b.kind != "table"]

    def tables(self) -> list[tuple[int, Table]]:
        """(index, table) for every table block."""
        return [(i, b.table) for i, b in enumerate(self.blocks) if b.table is not None]
