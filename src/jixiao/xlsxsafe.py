"""Text cells that a spreadsheet never runs: the one rule for every XLSX jixiao writes.

A unit name, a file name or a finding message comes from a document that anyone may
have written; a text starting with ``=``, ``+``, ``-``, ``@``, a tab or a line break
would become a formula (or be taken for one when a user edits the cell). Every text
value is therefore stored as a string cell (``t="inlineStr"``/``"s"``, never a
formula), and one that starts with such a character also gets Excel's quote prefix,
so it stays text even after the cell is edited. Renderers call `as_text` on each cell
they fill with text; write-only sheets append through `text_row`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell

#: First characters that spreadsheet programs read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def as_text(cell: Any) -> Any:
    """Make `cell` (holding a str) a string cell, quote-prefixed when it looks like a formula."""
    value = cell.value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def text_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for a write-only `sheet`: every str value as a string cell, other values as they are."""
    return [as_text(WriteOnlyCell(sheet, value=v)) if isinstance(v, str) else v for v in values]
