"""Cells that ran together without any space (``…完成率%901010010国家级…``).

Some copies of a form lose every boundary between cells. Names and units can still
be told apart from the figures that follow them: a run of digits ends a row's text.
The digits themselves cannot be split into target, weight, actual and score, so
they are kept as one *blob* that no figure column accepts; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from jixiao.recover.headers import Header
from jixiao.recover.tokens import Stream, Token
from jixiao.recover.vocab import MEASURE_UNITS

_PIECES = re.compile(r"[\d.]+|[^\d.]+")
_UNITS = sorted(MEASURE_UNITS, key=len, reverse=True)
_LONG = 40


def is_runon(stream: Stream, header: Header) -> bool:
    """True when the header's words stand inside one long token (no boundaries left)."""
    first, last = stream.owner[header.start], stream.owner[header.end - 1]
    return first == last and len(stream.tokens[first].text) > _LONG


def _unit_split(token: Token) -> list[Token]:
    text = token.text
    for unit in _UNITS:
        if text.endswith(unit) and len(text) > len(unit) + 1:
            cut = len(text) - len(unit)
            return [token.clip(0, cut), token.clip(cut, len(text))]
    return [token]


def split_runon(tokens: list[Token]) -> list[Token]:
    """Long run-together tokens cut into text (name, unit) and digit pieces."""
    out: list[Token] = []
    for token in tokens:
        if len(token.text) <= _LONG or not re.search(r"\d", token.text):
            out.append(token)
            continue
        for match in _PIECES.finditer(token.text):
            piece = token.clip(match.start(), match.end())
            if not piece.text:
                continue
            if piece.text[0].isdigit() or piece.text[0] == ".":
                out.append(replace(piece, blob=True))
            else:
                out.extend(_unit_split(piece))
    return out
