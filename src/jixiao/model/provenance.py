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
        """Human-readable location: ``line 12`` or ``table row 3, column 2 (line 40)``."""
        where = self.position.label()
        if self.row is not None:
            cell = f"表格第{self.row + 1}行第{(self.col or 0) + 1}列"
            return f"{cell}（{where}）" if where else cell
        return where or f"block {self.block}"


#: Field path → source of the value.
Provenance = dict[str, SourceRef]
