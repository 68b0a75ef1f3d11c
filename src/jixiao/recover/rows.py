"""Tables whose rows survived as lines: markdown pipe rows and space-aligned columns.

``| 项目 | 年初预算数 | 全年执行数 |`` (what HTML-to-text converters write) and lines whose
cells are separated by runs of spaces (``pdftotext -layout``, PDF text without ruling
lines) keep one row per line. Two or more such lines in a row make a table; rows
whose cells are fewer than the widest row are aligned on the columns whose starts
they share (space layout) or left as they are (the extractors align ragged rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model.document import Block
from jixiao.recover.grid import GridCell
from jixiao.recover.kinds import is_value
from jixiao.recover.tokens import Token, is_rule_line, pipe_cells

_GAP = re.compile(r"\S(?:\S| (?! ))*")
_MIN_ROWS = 2
_MAX_CELL = 80


@dataclass
class LineRow:
    """A line read as a row: its block index and its cells with their columns."""

    block: int
    cells: list[Token]
    starts: list[int]
    ends: list[int] | None = None


def pipe_row(index: int, block: Block) -> LineRow | None:
    """The cells of a pipe row with at least two cells."""
    spans = pipe_cells(block.text)
    if spans is None or len(spans) < 2:
        return None
    text = block.text
    return LineRow(index, [Token(text[a:b], index, a, b, True, True) for a, b in spans],
                   [a for a, _ in spans])


def display_width(text: str) -> int:
    """Columns a text takes in a fixed-width layout (CJK and full-width characters take two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def space_row(index: int, block: Block) -> LineRow | None:
    """The cells of a line whose cells are separated by two or more spaces."""
    text = block.text
    pieces = [(m.start(), m.end()) for m in _GAP.finditer(text)]
    if len(pieces) < 2 or any(b - a > _MAX_CELL for a, b in pieces):
        return None
    cells = [Token(text[a:b], index, a, b, True, False) for a, b in pieces]
    starts = [block.indent + display_width(text[:a]) for a, _ in pieces]
    ends = [start + display_width(text[a:b]) for start, (a, b) in zip(starts, pieces, strict=True)]
    return LineRow(index, cells, starts, ends)


def runs(blocks: list[tuple[int, Block]]) -> list[list[LineRow]]:
    """Runs of consecutive lines that read as table rows (pipe rows, or space columns)."""
    found: list[list[LineRow]] = []
    current: list[LineRow] = []
    style = ""
    for index, block in blocks:
        if is_rule_line(block.text) and current and style == "pipe":
            continue
        row, kind = pipe_row(index, block), "pipe"
        if row is None:
            row, kind = space_row(index, block), "space"
        if row is None or (current and kind != style):
            _close(found, current)
            current = [row] if row is not None else []
            style = kind
            continue
        current.append(row)
        style = kind
    _close(found, current)
    return found


def _close(found: list[list[LineRow]], current: list[LineRow]) -> None:
    if len(current) < _MIN_ROWS:
        return
    if current[0].cells[0].cell or any(is_value(c.text) for r in current for c in r.cells):
        found.append(list(current))


def grid_rows(run: list[LineRow]) -> list[list[GridCell]]:
    """The run as rows of cells (space layout: each cell in the column its centre falls in,
    the columns of the widest row, split halfway between their neighbouring cells)."""
    if run[0].cells[0].cell:
        return [[GridCell.of([c]) for c in row.cells] for row in run]
    widest = max(run, key=lambda r: len(r.cells))
    assert widest.ends is not None
    bounds = [(end + start) / 2 for end, start in zip(widest.ends, widest.starts[1:], strict=False)]
    out = []
    for row in run:
        slots: list[list[Token]] = [[] for _ in widest.cells]
        assert row.ends is not None
        for cell, start, end in zip(row.cells, row.starts, row.ends, strict=True):
            slots[_column(bounds, (start + end) / 2)].append(cell)
        out.append([GridCell.of(s) for s in slots])
    return out


def _column(bounds: list[float], centre: float) -> int:
    """The column whose span holds `centre`."""
    for k, bound in enumerate(bounds):
        if centre < bound:
            return k
    return len(bounds)
