"""Numbers as people type them into a form: full-width digits, thousands separators, units, Chinese numerals.

`parse_number` reads ``１２３．４``, ``1,234.5``, ``12.5万元``, ``一百二十``, ``三点五``,
``二〇二三`` and ``负五``; it says when the number was written in Chinese numerals, so
that the importer can read it and still ask for Arabic digits.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG = {"万": 10_000, "亿": 100_000_000}
_SUFFIX = re.compile(r"(?:万元|元|人|分|个|万)$")
_PLAIN = re.compile(r"^[-+]?\d+(?:\.\d+)?$")


def _integer(text: str) -> int:
    if text and all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))  # 二〇二三 → 2023
    total = section = number = 0
    for ch in text:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch in UNITS:
            section += (number or 1) * UNITS[ch]
            number = 0
        elif ch in BIG:
            total += (section + number) * BIG[ch]
            section = number = 0
        else:
            raise ValueError(ch)
    return total + section + number


def chinese_number(text: str) -> Decimal | None:
    """The value of a number written in Chinese numerals, or None when it is not one."""
    text = text.strip()
    sign = -1 if text.startswith("负") else 1
    text = text.removeprefix("负")
    whole, _, frac = text.partition("点")
    if not whole and not frac:
        return None
    try:
        value = Decimal(_integer(whole)) if whole else Decimal(0)
    except ValueError:
        return None
    if frac:
        if not all(ch in DIGITS for ch in frac):
            return None
        value += Decimal("0." + "".join(str(DIGITS[ch]) for ch in frac))
    return sign * value


def parse_number(raw: str) -> tuple[Decimal | None, bool]:
    """(value, written in Chinese numerals); value None when the text is no number."""
    text = unicodedata.normalize("NFKC", raw).strip().replace(",", "").replace(" ", "")
    text = _SUFFIX.sub("", text)
    if _PLAIN.match(text):
        try:
            return Decimal(text), False
        except InvalidOperation:
            return None, False
    value = chinese_number(text)
    return value, value is not None
