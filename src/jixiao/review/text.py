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
from jixiao.review.tokens import Kind, Token, label_before, tokenize, tokenize_all

_WORDLESS = re.compile(r"[\d\s.,，%％+\-—/:：()（）]*")
_END_CHAR = re.compile(r"[。；;！!？?\n]")


@dataclass(frozen=True)
class TextUnit:
    """A paragraph, heading or table cell: its text and where it stands."""

    text: str
    ref: SourceRef
    in_table: bool = False


_NO_KINDS: frozenset[Kind] = frozenset()


class Sentence:
    """A sentence of a unit: its text, its source (narrowed to the span) and its figures.

    ``index`` is the sentence's place in the document; ``unit`` the place of its unit
    in the context's units; token spans are relative to ``text``. The source reference
    is built when asked for (most sentences are never reported).
    """

    __slots__ = ("_unit_ref", "end", "index", "kinds", "start", "text", "tokens", "unit")

    def __init__(
        self,
        text: str,
        unit_ref: SourceRef,
        tokens: tuple[Token, ...] = (),
        index: int = 0,
        unit: int = 0,
        span: tuple[int, int] | None = None,
    ) -> None:
        self.text = text
        self._unit_ref = unit_ref
        self.tokens = tokens
        self.index = index
        self.unit = unit
        self.start, self.end = span if span is not None else (0, len(text))
        self.kinds = frozenset(t.kind for t in tokens) if tokens else _NO_KINDS

    @property
    def ref(self) -> SourceRef:
        """The unit's source narrowed to this sentence's span."""
        unit = self._unit_ref
        return SourceRef(
            unit.block,
            unit.position,
            self.text.strip(),
            row=unit.row,
            col=unit.col,
            start=self.start,
            end=self.end,
        )

    def of(self, kind: Kind) -> list[Token]:
        """The tokens of one kind."""
        return [t for t in self.tokens if t.kind is kind] if kind in self.kinds else []

    def has(self, kind: Kind) -> bool:
        """True when the sentence holds a token of `kind`."""
        return kind in self.kinds

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
    return _cut(unit, tokenize(unit.text), unit_index, first)


def _cut(unit: TextUnit, tokens: tuple[Token, ...], unit_index: int, first: int) -> list[Sentence]:
    text = unit.text
    ends = [m.end() for m in _END_CHAR.finditer(text)]
    if not ends:
        whole = (0, len(text))
        return [Sentence(text, unit.ref, tokens, first, unit_index, whole)] if text.strip() else []
    if ends[-1] != len(text):
        ends.append(len(text))
    out: list[Sentence] = []
    start = 0
    position = 0
    for end in ends:
        piece = text[start:end]
        if piece.strip():
            mine = []
            while position < len(tokens) and tokens[position].start < end:
                token = tokens[position]
                mine.append(token.shifted(start) if start else token)
                position += 1
            span = (start, end)
            out.append(Sentence(piece, unit.ref, tuple(mine), first + len(out), unit_index, span))
        start = end
    return out


@dataclass(frozen=True)
class TextPass:
    """The one pass over the text: every unit's tokens and every sentence."""

    sentences: tuple[Sentence, ...]
    unit_tokens: tuple[tuple[Token, ...], ...]


def text_pass(units: tuple[TextUnit, ...]) -> TextPass:
    """Tokenise every unit once and cut it into sentences, numbered through the document.

    A table cell that holds only a figure gives no sentence: it states nothing by
    itself, and the checks read it through the table views.
    """
    sentences: list[Sentence] = []
    unit_tokens = tokenize_all([u.text for u in units]) if units else []
    for index, unit in enumerate(units):
        if unit.in_table and _WORDLESS.fullmatch(unit.text):
            continue  # a cell holding only a figure: read through the table views
        sentences.extend(_cut(unit, unit_tokens[index], index, len(sentences)))
    return TextPass(tuple(sentences), tuple(unit_tokens))


def all_sentences(units: tuple[TextUnit, ...]) -> Iterator[Sentence]:
    """The sentences of every unit, numbered through the document."""
    return iter(text_pass(units).sentences)


def compact(text: str) -> str:
    """`text` without any white space (for matching labels)."""
    return "".join(text.split())
