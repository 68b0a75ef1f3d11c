"""Table helpers shared by the extractors: row views and header alignment.

Text extracted from Word drops the spans of merged cells, so its rows may be
shorter or longer than their header; real DOCX/HTML tables carry spans. `rows_of`
gives one list of cells per row in either case (merged cells repeated into the
slots they cover), and `align` maps a data row onto its header's columns.
"""

from __future__ import annotations

from jixiao.model.document import Cell, Table


def rows_of(table: Table) -> list[list[Cell | None]]:
    """The table's grid: merged cells fill every slot they cover; missing slots are None."""
    return table.grid()


def _trimmed_length(row: list[Cell | None], *, drop_empty: bool) -> int:
    n = len(row)
    while n > 0:
        cell = row[n - 1]
        duplicate = n > 1 and cell is not None and row[n - 2] is cell
        empty = cell is None or (drop_empty and not cell.text.strip())
        if cell is None or duplicate or empty:
            n -= 1
            continue
        break
    return n


def align(header: list[Cell | None], row: list[Cell | None]) -> int:
    """The offset to add to a header column index to find the same column in `row`.

    A row with as many cells as its header is aligned as it stands. Shorter rows of
    tables without spans are aligned on their right end, since the cells lost to
    merges are the leading label columns.
    """
    if _trimmed_length(row, drop_empty=False) == _trimmed_length(header, drop_empty=False):
        return 0
    return _trimmed_length(row, drop_empty=False) - _trimmed_length(header, drop_empty=True)


def cell_at(row: list[Cell | None], col: int) -> Cell | None:
    """The cell at `col`, or None when out of range."""
    return row[col] if 0 <= col < len(row) else None


def text_at(row: list[Cell | None], col: int) -> str:
    """The text at `col` ('' when missing)."""
    cell = cell_at(row, col)
    return cell.text if cell else ""


def first_text(row: list[Cell | None]) -> tuple[int, Cell] | None:
    """The first slot with non-blank text."""
    for i, cell in enumerate(row):
        if cell is not None and cell.text.strip(" \u3000\t\n"):
            return i, cell
    return None
