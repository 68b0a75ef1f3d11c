"""What a form recogniser returns: rows of cells built from tokens, and what it used."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from jixiao.recover.grammar import join
from jixiao.recover.tokens import Stream, Token


@dataclass(frozen=True)
class GridCell:
    """A recovered cell: its text and the tokens it was built from (none for a blank)."""

    text: str
    tokens: tuple[Token, ...] = ()

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> GridCell:
        """A cell made of `tokens`, joined as the source had them."""
        return cls(join(list(tokens)), tuple(tokens))


@dataclass
class Grid:
    """Rows of cells, the tokens they consumed, and the tokens that follow the form."""

    rows: list[list[GridCell]]
    consumed: list[Token] = field(default_factory=list)
    rest: list[Token] = field(default_factory=list)
    #: What the form is (``indicators``, ``money``, ``labels``, ``goals``, ``rows``).
    kind: str = ""


@dataclass(frozen=True)
class Candidate:
    """A form header found at compact position `start`; `parse` builds its grid."""

    start: int
    parse: Callable[[], Grid | None]


#: A recogniser looks for its form's header in a stream from a compact position on.
Recogniser = Callable[[Stream, int], Candidate | None]


def starts_cell(stream: Stream, pos: int) -> bool:
    """True when a header may start at `pos`: where a cell starts, or anywhere in
    run-together text (a column word inside a label, 年度预算数, is not a header)."""
    from jixiao.recover.runon import is_runon_text

    if pos in stream.boundaries or pos >= len(stream.owner):
        return True
    return is_runon_text(stream.tokens[stream.owner[pos]].text)


def header_cells(stream: Stream, start: int, words: Sequence[str]) -> list[GridCell]:
    """Cells for the words of a header found at `start` (each with the tokens under it)."""
    cells = []
    pos = start
    for word in words:
        length = len(word)
        cells.append(GridCell(word, tuple(stream.between(pos, pos + length))))
        pos += length
    return cells
