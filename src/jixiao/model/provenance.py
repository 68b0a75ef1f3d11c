"""Provenance: where each extracted fact stands in its source.

Provenance is kept beside the record (not in its JSON): a mapping from a field path
such as ``budget.final.total`` or ``indicators[3].target`` to a `SourceRef`.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.model.document import Position


@dataclass(frozen=True, slots=True)
class SourceRef:
    """The block (and for tables row and column) a value came from, and the span of text."""

    block: int
    position: Position
    text: str
    row: int | None = None
    col: int | None = None
    start: int | None = None
    end: int | None = None

    def label(self) -> str:
        """The location in words a person can find in the source.

        ``第3个表格第5行第2列`` or ``第12段`` (DOCX, HTML), ``第4页第1个表格第2行第3列``
        (PDF), ``Sheet1!C14`` (XLSX), ``第12行`` or ``表格第5行第2列（第40行）`` (text).
        """
        pos = self.position
        where = pos.label()
        if pos.sheet is not None or self.row is None:
            return where or f"第{self.block + 1}块"
        cell = f"第{self.row + 1}行第{(self.col or 0) + 1}列"
        if pos.table is not None:
            return where + cell
        return f"表格{cell}（{where}）" if where else f"表格{cell}"

    def where(self) -> dict[str, int | str]:
        """The structured location (JSON): page, table, row, column, paragraph, span, sheet, cell, line.

        Rows and columns are 1-based like the ordinals; keys with no value are left out.
        """
        pos = self.position
        values: dict[str, int | str | None] = {
            "page": pos.page,
            "table": pos.table,
            "row": None if self.row is None else self.row + 1,
            "column": None if self.row is None else (self.col or 0) + 1,
            "paragraph": pos.paragraph if self.row is None else None,
            "start": self.start,
            "end": self.end,
            "sheet": pos.sheet,
            "cell": pos.cell,
            "line": pos.line,
        }
        return {k: v for k, v in values.items() if v is not None}


#: Field path → source of the value.
Provenance = dict[str, SourceRef]
