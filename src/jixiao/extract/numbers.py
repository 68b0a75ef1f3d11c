"""Numbers as reports write them: amounts with units, Chinese numerals, percentages."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from jixiao.model.money import D, to_wan

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}

#: A number written with Arabic digits (thousands separators allowed).
NUMBER = r"-?\d+(?:[,，]\d{3})*(?:\.\d+)?"
#: A number in Chinese numerals.
CN_NUMBER = r"[零〇一二两三四五六七八九十百千万]+"
_PLAIN_NUMBER_RE = re.compile(rf"^\s*[（(]?\s*({NUMBER})\s*[）)]?\s*(%|％|万元|元|亿元|分)?\s*$")


def cn_to_int(text: str) -> int | None:
    """Convert Chinese numerals (一百二十三, 三十六, 十二, 两万) to an int."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS and ch != "万" for ch in text):
        return None
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (digit or 1) * _UNITS[ch]
            digit = 0
        else:  # 万
            total += (section + digit) * 10000
            section, digit = 0, 0
    return total + section + digit


def to_count(text: str) -> int | None:
    """A head count or other count written in Arabic or Chinese numerals."""
    text = text.strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    return cn_to_int(text)


def parse_amount(number: str, unit: str) -> Decimal:
    """An amount in 万元 from its digits and unit."""
    return to_wan(D(number), unit)


@lru_cache(maxsize=65536)
def cell_number(text: str) -> Decimal | None:
    """The number a table cell holds (``982.60``, ``98 ``, ``（40分）``), or None.

    Percentages are returned as written (``99.96%`` → 99.96); callers that need the
    unit read it with `cell_unit`.
    """
    match = _PLAIN_NUMBER_RE.match(text.replace("\u3000", " "))
    if match is None:
        return None
    value = D(match.group(1))
    unit = match.group(2)
    if unit in ("元", "亿元"):
        value = to_wan(value, unit)
    return value


def cell_unit(text: str) -> str | None:
    """The unit written in a numeric cell (``%``, ``万元``…), or None."""
    match = _PLAIN_NUMBER_RE.match(text.replace("\u3000", " "))
    return match.group(2) if match else None


_BREAK = re.compile(r"\s*\n\s*")


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """Text with line breaks joined and outer white space (incl. full-width) removed."""
    if "\n" in text:
        text = _BREAK.sub("", text)
    return text.strip(" \t\r\n\u3000")
