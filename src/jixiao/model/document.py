"""The neutral document: what every reader produces and every extractor consumes.

A `Document` is an ordered sequence of `Block` s. A block is a heading, a paragraph
or a table. Tables are grids of `Cell` s; a cell that spans rows or columns
appears once, at its top-left position, with its ``rowspan`` and ``colspan``.
Every block and cell carries a `Position` in its source (line, page or sheet).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass(frozen=True, slots=True)
class Position:
    """Where something stands in the source file.

    ``line`` is 1-based in text sources; ``page`` is 1-based in PDFs and images;
    ``sheet`` and ``cell`` (like ``"B7"``) name spreadsheet locations; ``box`` is the area
    on a PDF page, ``(x0, top, x1, bottom)`` in points from the page's top-left corner.
    ``table`` and ``paragraph`` are 1-based ordinals a person can count in the source
    (the 3rd table, the 12th paragraph; on PDFs counted on the page); `numbered` fills
    them from the block order. Any may be None.
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
    table: int | None = None
    paragraph: int | None = None

    def label(self) -> str:
        """Words a person can find: ``第4页``, ``第3个表格``, ``第12段``, ``第12行`` or ``Sheet1!B7``."""
        if self.sheet is not None:
            return f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"第{self.table}个表格")
        elif self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        elif self.line is not None:
            parts.append(f"第{self.line}行")
        return "".join(parts)


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
class Note:
    """Something a reader could not read as written (a cell of text where a number belongs).

    ``code`` is a stable identifier that review reports as a finding; ``message`` says
    in Chinese what was found and what was done with it.
    """

    code: str
    message: str
    position: Position = field(default_factory=Position)


@dataclass(frozen=True, slots=True)
class Document:
    """A source file read into ordered blocks, with the notes of its reader."""

    name: str
    format: str
    blocks: tuple[Block, ...]
    #: Pages whose text was recognised from an image (OCR), 1-based.
    ocr_pages: tuple[int, ...] = ()
    #: What the reader could not read as written (cells of a filled workbook).
    notes: tuple[Note, ...] = ()

    def text_blocks(self) -> list[tuple[int, Block]]:
        """(index, block) for every heading and paragraph."""
        return [(i, b) for i, b in enumerate(self.blocks) if b.kind != "table"]

    def tables(self) -> list[tuple[int, Table]]:
        """(index, table) for every table block."""
        return [(i, b.table) for i, b in enumerate(self.blocks) if b.table is not None]


#: Formats whose line numbers are those of the file a person opens; others count blocks.
LINE_FORMATS = frozenset({"text", "xlsx"})


def numbered(document: Document) -> Document:
    """`document` with table and paragraph ordinals in every position.

    Tables and paragraphs (headings count as paragraphs) are counted in block order,
    per page where blocks know their page. Text and spreadsheet sources keep their
    lines and cells as they are.
    """
    if document.format in LINE_FORMATS:
        return document
    counts: dict[tuple[int | None, str], int] = {}
    blocks = []
    for block in document.blocks:
        kind = "table" if block.table is not None else "paragraph"
        key = (block.position.page, kind)
        counts[key] = counts.get(key, 0) + 1
        blocks.append(_numbered_block(block, kind, counts[key]))
    return replace(document, blocks=tuple(blocks))


def _numbered_block(block: Block, kind: str, ordinal: int) -> Block:
    if block.table is None:
        if block.position.paragraph == ordinal:
            return block  # numbered by its reader already
        return replace(block, position=replace(block.position, paragraph=ordinal))
    if block.position.table == ordinal and all(
        c.position.table == ordinal for c in block.table.cells
    ):
        return block  # numbered by its reader already
    position = replace(block.position, table=ordinal)
    cells = tuple(
        replace(c, position=replace(c.position, table=ordinal)) for c in block.table.cells
    )
    return replace(block, position=position, table=replace(block.table, cells=cells))
