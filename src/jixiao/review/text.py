"""The document as text to review: paragraphs and cells, cut into sentences with their figures.

Everything here is computed once per review (the context caches it): the units
(paragraphs, headings, table cells), their sentences, and each sentence's tokens
(amounts, percentages, counts, dates, years; see `jixiao.review.tokens`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.model.document import Document
from jixiao.model.provenance import SourceRef
from jixiao.review.tokens import Kind, Token, label_before, tokenize

_SENTENCE_END = re.compile(r"(?<=[。；;！!？?\n])")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class TextUnit:
    """A paragraph, heading or table cell: its text and where it stands."""

    text: str
    ref: SourceRef
    in_table: bool = False


@dataclass(frozen=True)
class Sentence:
    """A sentence of a unit: its text, its source (narrowed to the span) and its figures.

    ``index`` is the sentence's place in the document; ``unit`` the place of its unit
    in the context's units; token spans are relative to ``text``.
    """

    text: str
    ref: SourceRef
    tokens: tuple[Token, ...] = ()
    index: int = 0
    unit: int = 0

    def of(self, kind: Kind) -> list[Token]:
        """The tokens of one kind."""
        return [t for t in self.tokens if t.kind is kind]

    def has(self, kind: Kind) -> bool:
        """True when the sentence holds a token of `kind`."""
        return any(t.kind is kind for t in self.tokens)

    def label(self, token: Token) -> str:
        """The words that name `token`: back from it to a stop mark or the previous figure."""
        floor = 0
        for other in self.tokens:
            if other.end <= token.start:
                floor = other.end
        return label_before(self.text, token.start, floor)

    def wide_label(self, token: Token) -> str:
        """`label`, or when it names nothing (“共”), with the clause before it (no figure between)."""
        label = self.label(token)
        start = token.start - len(label)
        while start > 0 and self.text[start - 1] in "，, ":
            start -= 1
        clause = label_before(self.text, start, limit=40)
        earlier = any(
            t.kind is Kind.AMOUNT and start - len(clause) <= t.start < start for t in self.tokens
        )
        return label if earlier or not clause else f"{clause}，{label}"


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


def sentences_of(unit: TextUnit, *, unit_index: int = 0, first: int = 0) -> list[Sentence]:
    """`unit` cut into sentences, each with its tokens; the unit is tokenised once."""
    tokens = tokenize(unit.text)
    out: list[Sentence] = []
    start = 0
    position = 0
    for piece in _SENTENCE_END.split(unit.text):
        end = start + len(piece)
        if piece.strip():
            mine = []
            while position < len(tokens) and tokens[position].start < end:
                mine.append(tokens[position].shifted(start))
                position += 1
            ref = SourceRef(
                unit.ref.block,
                unit.ref.position,
                piece.strip(),
                row=unit.ref.row,
                col=unit.ref.col,
                start=start,
                end=end,
            )
            out.append(Sentence(piece, ref, tuple(mine), first + len(out), unit_index))
        start = end
    return out


def all_sentences(units: tuple[TextUnit, ...]) -> Iterator[Sentence]:
    """The sentences of every unit, numbered through the document."""
    count = 0
    for index, unit in enumerate(units):
        found = sentences_of(unit, unit_index=index, first=count)
        count += len(found)
        yield from found


def compact(text: str) -> str:
    """`text` without any white space (for matching labels)."""
    return _SPACE.sub("", text)
