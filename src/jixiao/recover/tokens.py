"""Text of paragraphs cut into tokens, and a whitespace-free view to find form words in.

A token is a piece of a paragraph that may be a table cell: the text between pipes
(``a | b |``), or between white space. A token knows the block and the character
span it came from, so recovered cells keep their source. The *compact* view joins
the tokens without white space, so that header words broken by a line or a stray
space (``一级\\n指标``, ``部门决 策``) are still found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from jixiao.model.document import Block

_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
_WIDE = re.compile(r"\s{2,}|\t")
_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")


@dataclass(frozen=True, slots=True)
class Token:
    """A candidate cell: its text and where it stands (block index, character span)."""

    text: str
    block: int
    start: int
    end: int
    #: True when a line break, a pipe or a wide gap comes before it.
    hard: bool = True
    #: True when it is an explicit cell (between pipes), so an empty one is a real empty cell.
    cell: bool = False
    #: True for run-together digits whose figures cannot be told apart (``901010010``).
    blob: bool = False
    #: True for pieces cut out of run-together text (an operator or unit may have no column).
    filler: bool = False
    #: Further pieces of the source glued to this token (a word broken over two lines).
    extra: tuple[Token, ...] = ()

    def pieces(self) -> tuple[Token, ...]:
        """This token and the pieces glued to it, each with its own span."""
        return (replace(self, extra=()), *self.extra)

    def glue(self, other: Token) -> Token:
        """This token with `other` appended (no space: a Chinese word broken by a line)."""
        return replace(self, text=self.text + other.text, extra=(*self.extra, *other.pieces()))

    def clip(self, first: int, last: int) -> Token:
        """The part of the token between text offsets `first` and `last`."""
        if self.extra:
            return self
        text = self.text[first:last]
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        return replace(self, text=text, start=self.start + first + lead,
                       end=self.start + first + lead + len(text), hard=self.hard or first > 0)


def pipe_cells(text: str) -> list[tuple[int, int]] | None:
    """Spans of the cells of a pipe-separated line, or None when it has no pipe."""
    if "|" not in text or _RULE.match(text.strip()):
        return None
    body_start = text.index("|") + 1 if text.lstrip().startswith("|") else 0
    body_end = text.rindex("|") if text.rstrip().endswith("|") else len(text)
    if body_end < body_start:
        return [(body_start, body_start)]
    spans, cursor = [], body_start
    for match in re.finditer(r"\|", text[body_start:body_end]):
        spans.append((cursor, body_start + match.start()))
        cursor = body_start + match.end()
    spans.append((cursor, body_end))
    return [_strip_span(text, a, b) for a, b in spans]


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def is_rule_line(text: str) -> bool:
    """A markdown table's separator line (``|---|:---:|``)."""
    return bool(_RULE.match(text.strip())) and "-" in text


def block_tokens(index: int, block: Block) -> list[Token]:
    """The tokens of one paragraph."""
    text = block.text
    if is_rule_line(text):
        return []
    cells = pipe_cells(text)
    if cells is not None:
        return [Token(text[a:b], index, a, b, True, True) for a, b in cells]
    out = []
    for match in _WORD.finditer(text):
        gap = text[max(match.start() - 2, 0):match.start()]
        hard = match.start() == 0 or bool(_WIDE.search(gap)) or "\t" in gap
        out.append(Token(match.group(), index, match.start(), match.end(), hard))
    return out


class Stream:
    """Tokens in order, with a compact (white-space-free) text to search for words."""

    def __init__(self, tokens: Iterable[Token]) -> None:
        self.tokens = list(tokens)
        parts: list[str] = []
        owner: list[int] = []
        offset: list[int] = []
        for i, token in enumerate(self.tokens):
            text = token.text
            if not _SPACE.search(text):
                parts.append(text)
                owner.extend([i] * len(text))
                offset.extend(range(len(text)))
                continue
            for k, ch in enumerate(text):
                if not ch.isspace():
                    parts.append(ch)
                    owner.append(i)
                    offset.append(k)
        self.compact = "".join(parts)
        self.owner = owner
        self.offset = offset
        #: Compact positions where a token begins (and the end): the cell boundaries left.
        self.boundaries = frozenset(
            [p for p in range(1, len(owner)) if owner[p] != owner[p - 1]] + [0, len(owner)])

    def at_token_start(self, pos: int) -> bool:
        """True when compact position `pos` is the first character of a token."""
        return pos >= len(self.owner) or pos == 0 or self.owner[pos - 1] != self.owner[pos]

    def between(self, first: int, last: int) -> list[Token]:
        """The tokens covering compact positions [first, last), clipped to them."""
        if first >= last:
            return []
        i, j = self.owner[first], self.owner[last - 1]
        out = list(self.tokens[i:j + 1])
        if i == j:
            return [out[0].clip(self.offset[first], self.offset[last - 1] + 1)]
        out[0] = out[0].clip(self.offset[first], len(out[0].text))
        out[-1] = out[-1].clip(0, self.offset[last - 1] + 1)
        return out

    def after(self, pos: int) -> list[Token]:
        """The tokens from compact position `pos` on (the first one clipped), empty cells kept."""
        if pos >= len(self.owner):
            last = self.owner[-1] if self.owner else -1
            return list(self.tokens[last + 1:])
        i, off = self.owner[pos], self.offset[pos]
        if off == 0:
            start = self.owner[pos - 1] + 1 if pos > 0 else 0
            return list(self.tokens[start:])
        head = self.tokens[i]
        return [head.clip(off, len(head.text)), *self.tokens[i + 1:]]
