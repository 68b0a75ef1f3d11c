"""The neutral layout every renderer draws: headings, paragraphs, tables and page breaks.

The report is built once as a list of `Element` s (see `jixiao.render.report`), and
each format module (docx, html, pdf) only draws them. Tables are given as rows of
`TCell` s in the HTML manner: a cell that spans rows or columns appears once, in the
row where it starts, and later rows skip the slots it covers. `TableSpec.placed`
resolves those slots into grid positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Align = Literal["left", "center", "right"]
#: How a spreadsheet shows a cell: text, 万元 amount, score, head count or percentage.
CellFormat = Literal["text", "amount", "score", "count", "percent"]
ParagraphStyle = Literal["body", "center", "right", "label", "note", "subtitle"]


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level 0 is the document title, 1 is “一、”, 2 is “（一）”, 3 is “1.”."""

    text: str
    level: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of body text, or a centred/right-aligned line, a label or a note."""

    text: str
    style: ParagraphStyle = "body"


@dataclass(frozen=True, slots=True)
class TCell:
    """One table cell; ``header`` cells are bold and shaded.

    ``text`` is what documents show. Spreadsheets also use ``value`` (the number, if
    any), ``fmt`` (its number format) and ``key`` (the record field the cell holds,
    like ``budget.final.total``, for export and import of filled workbooks).
    """

    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    align: Align = "center"
    value: Decimal | int | None = None
    fmt: CellFormat = "text"
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Placed:
    """A cell at its grid position (0-based)."""

    row: int
    col: int
    cell: TCell


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A table: rows of cells (merged cells once), column count and relative widths.

    ``header_rows`` leading rows repeat at the top of every page the table spans.
    """

    rows: tuple[tuple[TCell, ...], ...]
    n_cols: int
    widths: tuple[float, ...] = ()
    caption: str | None = None
    font_size: float = 10.5
    header_rows: int = 0

    @property
    def n_rows(self) -> int:
        """Number of grid rows."""
        return len(self.rows)

    def placed(self) -> list[Placed]:
        """Every cell with its grid position; raises ValueError when rows do not fit."""
        taken: set[tuple[int, int]] = set()
        out: list[Placed] = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                if c + cell.colspan > self.n_cols or r + cell.rowspan > self.n_rows:
                    raise ValueError(f"cell {cell.text!r} at row {r} does not fit the table")
                out.append(Placed(r, c, cell))
                for rr in range(r, r + cell.rowspan):
                    for cc in range(c, c + cell.colspan):
                        taken.add((rr, cc))
                c += cell.colspan
        return out

    def merges(self) -> list[tuple[int, int, int, int]]:
        """(row, col, rowspan, colspan) of every merged cell."""
        return [
            (p.row, p.col, p.cell.rowspan, p.cell.colspan)
            for p in self.placed()
            if p.cell.rowspan > 1 or p.cell.colspan > 1
        ]

    def text_grid(self) -> list[list[str]]:
        """The grid as text, merged cells repeated in every slot they cover."""
        grid = [[""] * self.n_cols for _ in range(self.n_rows)]
        for p in self.placed():
            for rr in range(p.row, p.row + p.cell.rowspan):
                for cc in range(p.col, p.col + p.cell.colspan):
                    grid[rr][cc] = p.cell.text
        return grid


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start a new page; ``landscape`` asks for a landscape section where supported."""

    landscape: bool = False


Element = Heading | Paragraph | TableSpec | PageBreak


@dataclass(slots=True)
class Flow:
    """A growing list of elements with small helpers for the builders."""

    elements: list[Element] = field(default_factory=list)

    def heading(self, text: str, level: int) -> None:
        """Append a heading."""
        self.elements.append(Heading(text, level))

    def para(self, text: str, style: ParagraphStyle = "body") -> None:
        """Append a paragraph (empty text is skipped)."""
        if text:
            self.elements.append(Paragraph(text, style))

    def add(self, *elements: Element) -> None:
        """Append ready-made elements."""
        self.elements.extend(elements)


def header_row(*texts: str) -> tuple[TCell, ...]:
    """A row of header cells."""
    return tuple(TCell(t, header=True) for t in texts)
