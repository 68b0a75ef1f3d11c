"""What a token looks like: a number, a percentage, an operator, a unit, a level label …"""

from __future__ import annotations

import re
from enum import Enum

from jixiao.recover.vocab import LEVEL1_WORDS, LEVEL2_END, MEASURE_UNITS, POINTS

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[,，]\d{3})*(?:\.\d+)?|\.\d+)(?:分)?$")
_PERCENT = re.compile(r"^[+-]?\d+(?:\.\d+)?\s*[%％]$")
_OPERATOR = re.compile(r"^(?:[≥≤><=＝≧≦＞＜]|>=|<=|大于等于|小于等于|等于|大于|小于|定性|定量|正向|反向)$")
_PLACEHOLDER = re.compile(r"^[/／\\—\-–…·.。_]*$|^无$")
_HAS_DIGIT = re.compile(r"\d")
_QUANT = re.compile(r"^[≥≤><=＝≧≦＞＜]|\d")
_UNITS = frozenset(MEASURE_UNITS)
#: A scoring rule in words (“完成值达到指标值，记满分”), not a reason or a value.
_RULE = re.compile(r"记满分|计满分|得满分|记分|计分|扣\s*\d*\s*分|按.{0,12}计算|该指标分值|分值上限|三档")
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％＋－", "0123456789.,%+-")


class Kind(Enum):
    """Token classes the row grammar scores."""

    EMPTY = "empty"
    PLACEHOLDER = "placeholder"
    NUMBER = "number"
    PERCENT = "percent"
    OPERATOR = "operator"
    UNIT = "unit"
    LEVEL1 = "level1"
    LEVEL2 = "level2"
    QUANT = "quant"
    TEXT = "text"
    RULE = "rule"
    BLOB = "blob"


def kind_of(text: str) -> Kind:
    """The class of a token's text."""
    text = text.strip().translate(FULL_WIDTH)
    if not text:
        return Kind.EMPTY
    if _PLACEHOLDER.match(text):
        return Kind.PLACEHOLDER
    if _NUMBER.match(text):
        return Kind.NUMBER
    if _PERCENT.match(text):
        return Kind.PERCENT
    if _OPERATOR.match(text):
        return Kind.OPERATOR
    if text in _UNITS:
        return Kind.UNIT
    bare = POINTS.sub("", text)
    if bare != text and len(bare) <= 14 and not _HAS_DIGIT.search(bare):
        return Kind.LEVEL1
    if LEVEL1_WORDS.match(text):
        return Kind.LEVEL1
    if LEVEL2_END.search(text) and len(text) <= 10:
        return Kind.LEVEL2
    if _RULE.search(text):
        return Kind.RULE
    if _QUANT.search(text) and len(text) <= 24:
        return Kind.QUANT
    return Kind.TEXT


def is_value(text: str) -> bool:
    """A figure, a percentage, a placeholder or an empty cell."""
    return kind_of(text) in (Kind.EMPTY, Kind.PLACEHOLDER, Kind.NUMBER, Kind.PERCENT)
