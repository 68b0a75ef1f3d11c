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
from jixiao.recover.vocab import (
    FORM_LABELS,
    INDICATOR_HEADER_WORDS,
    MEASURE_UNITS,
    MONEY_HEADER_WORDS,
)

_PIECES = re.compile(r"[\d.]+|[^\d.]+")
#: Level labels and operators that stand between names in run-together text.
_LEVEL = re.compile(
    r"(?:服务对象满意度|可持续影响|经济效益|社会效益|生态效益|数量|质量|时效|成本|产出|效益|满意度)指标"
    r"(?:[（(]\d+(?:\.\d+)?分[)）])?")
_OPERATOR = re.compile(r"[≥≤><=＝≧≦]+$")
_UNITS = sorted(MEASURE_UNITS, key=len, reverse=True)
_LONG = 40


_FORM_WORD = re.compile("|".join(sorted(
    (re.escape(w) for w in (*FORM_LABELS, *INDICATOR_HEADER_WORDS, *MONEY_HEADER_WORDS) if len(w) >= 3),
    key=len, reverse=True)))
_MIN_WORDS = 4


def is_runon_text(text: str) -> bool:
    """A long piece of text holding many form words with no boundaries between them."""
    return len(text) > _LONG and len(set(_FORM_WORD.findall(text))) >= _MIN_WORDS


def is_runon(stream: Stream, header: Header) -> bool:
    """True when the header's words stand inside one run-together token."""
    first, last = stream.owner[header.start], stream.owner[header.end - 1]
    return first == last and is_runon_text(stream.tokens[first].text)


def _unit_split(token: Token) -> list[Token]:
    text = token.text
    for unit in _UNITS:
        if text.endswith(unit) and len(text) > len(unit) + 1:
            cut = len(text) - len(unit)
            return [token.clip(0, cut), token.clip(cut, len(text))]
    return [token]


def split_runon(tokens: list[Token], *, units: bool) -> list[Token]:
    """Long run-together tokens cut into text (name, unit) and digit pieces.

    A unit is cut off the end of a name only when the form has a unit column.
    """
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
                out.extend(replace(t, filler=True) for t in _words(piece, units))
    return out


def _words(piece: Token, units: bool) -> list[Token]:
    """A text piece cut at level labels, then its trailing operator and unit split off."""
    out: list[Token] = []
    cursor = 0
    for match in _LEVEL.finditer(piece.text):
        if match.start() > cursor:
            out.extend(_tail_split(piece.clip(cursor, match.start()), units))
        out.append(piece.clip(match.start(), match.end()))
        cursor = match.end()
    if cursor < len(piece.text):
        out.extend(_tail_split(piece.clip(cursor, len(piece.text)), units))
    return [t for t in out if t.text]


def _tail_split(token: Token, units: bool) -> list[Token]:
    operator = _OPERATOR.search(token.text)
    if operator and operator.start() > 0:
        head = token.clip(0, operator.start())
        tail = token.clip(operator.start(), len(token.text))
        return [*(_unit_split(head) if units else [head]), tail]
    if token.text in _UNITS:
        return [token]
    return _unit_split(token) if units else [token]
