"""The document as text to scan: paragraphs and table cells with their sources."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model.document import Document
from jixiao.model.provenance import SourceRef

_SENTENCE_END = re.compile(r"(?<=[。；;！!？?\n])")


@dataclass(frozen=True)
class TextUnit:
    """A paragraph, heading or table cell: its text and where it stands."""

    text: str
    ref: SourceRef
    in_table: bool = False


@dataclass(frozen=True)
class Sentence:
    """A sentence of a unit: its text and the unit's source (narrowed to the span)."""

    text: str
    ref: SourceRef


def text_units(document: Document) -> tuple[TextUnit, ...]:
    """Every text-bearing unit of `document`, in reading order."""
    out: list[TextUnit] = []
    for index, block in enumerate(document.blocks):
        if block.table is None:
            if block.text.strip():
                out.append(TextUnit(block.text, SourceRef(index, block.position, block.text)))
            continue
        for cell in block.table.cells:
            if cell.text.strip():
                position = cell.position if cell.position.line is not None else block.position
                ref = SourceRef(index, position, cell.text, row=cell.row, col=cell.col)
                out.append(TextUnit(cell.text, ref, in_table=True))
    return tuple(out)


def sentences_of(unit: TextUnit) -> list[Sentence]:
    """`unit` cut into sentences; each keeps the unit's source with its span."""
    out: list[Sentence] = []
    start = 0
    for piece in _SENTENCE_END.split(unit.text):
        if piece.strip():
            ref = SourceRef(
                unit.ref.block,
                unit.ref.position,
                piece.strip(),
                row=unit.ref.row,
                col=unit.ref.col,
                start=start,
                end=start + len(piece),
            )
            out.append(Sentence(piece, ref))
        start += len(piece)
    return out


def compact(text: str) -> str:
    """`text` without any white space (for matching labels)."""
    return re.sub(r"\s+", "", text)
