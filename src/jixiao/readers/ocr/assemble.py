"""Joining tables that a page break split, where one side of the break was read by OCR.

A table block followed directly by a table block that starts on the next page,
with the same number of columns and nothing between them, is one table: its rows
continue (the PDF reader joins tables between pages with a text layer itself, by
their width). A merged cell running over the break (the 一级指标 label of rows on both
pages) continues when the first row on the new page leaves that slot empty.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from jixiao.model.document import Block, Table
from jixiao.readers._grid import SpanCell, freeze


def last_page(block: Block) -> int | None:
    """The last page a block stands on (a table's cells may run onto later pages)."""
    pages = [block.position.page]
    if block.table is not None:
        pages.extend(cell.position.page for cell in block.table.cells)
    known = [p for p in pages if p is not None]
    return max(known) if known else None


def join_continued(blocks: Iterable[Block], scanned: Collection[int]) -> list[Block]:
    """`blocks` with each table continued on the next page joined to its first part,
    where the page before or after the break is one of the `scanned` pages."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, block, scanned):
            assert prev.table is not None and block.table is not None
            out[-1] = Block("table", table=_joined(prev.table, block.table), position=prev.position)
            continue
        out.append(block)
    return out


def _continues(prev: Block, block: Block, scanned: Collection[int]) -> bool:
    if prev.table is None or block.table is None or prev.table.n_cols != block.table.n_cols:
        return False
    end, start = last_page(prev), block.position.page
    if end is None or start is None or start != end + 1:
        return False
    return start in scanned or end in scanned


def _joined(top: Table, bottom: Table) -> Table:
    cells = [SpanCell(c.row, c.col, c.text, c.rowspan, c.colspan, c.position) for c in top.cells]
    last = {(c.col, c.colspan): c for c in cells if c.row + c.rowspan == top.n_rows}
    for cell in bottom.cells:
        above = last.get((cell.col, cell.colspan)) if cell.row == 0 else None
        if above is not None and not cell.text and above.text and max(above.rowspan, cell.rowspan) > 1:
            above.rowspan += cell.rowspan
            continue
        row = cell.row + top.n_rows
        cells.append(SpanCell(row, cell.col, cell.text, cell.rowspan, cell.colspan, cell.position))
    return freeze(cells) or top
