"""Numbers in report text: parse amounts and percentages, compare with rounding.

Amounts are `Decimal` in 万元; a figure's precision is the number of decimals
the document writes, and comparisons allow for that rounding.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from jixiao.model.money import to_wan

_NUMBER = re.compile(
    r"^[<>≤≥=＝﹦约不少于低于高于超过]*\s*(-?\d[\d,，]*(?:\.\d+)?)\s*(万元|亿元|元|万)?$"
)
#: A plain number as written in most cells (read without the full pattern).
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_PERCENT = re.compile(r"^[<>≤≥=＝﹦约]*\s*(-?\d+(?:\.\d+)?)\s*[%％]$")

#: An amount in prose: a number followed by a money unit (万 alone only before punctuation).
AMOUNT = r"(\d[\d,]*(?:\.\d+)?)\s*(?:(万元|亿元)|(元)|(万)(?=[，,。；;、）)\s]|$))"
AMOUNT_RE = re.compile(AMOUNT)
#: A percentage in prose.
PERCENT = r"(-?\d+(?:\.\d+)?)\s*[%％]"


def number(text: str | None) -> Decimal | None:
    """The plain number of a table cell (``1,853.89``, ``98``), else None."""
    if not text:
        return None
    if _PLAIN.fullmatch(text):
        return Decimal(text)
    match = _NUMBER.match(text.strip())
    if match is None:
        return None
    try:
        value = Decimal(match.group(1).replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    unit = match.group(2)
    return to_wan(value, unit) if unit in ("元", "亿元") else value


def percent(text: str | None) -> Decimal | None:
    """The value of ``99.96%`` as 99.96, else None."""
    if not text:
        return None
    match = _PERCENT.match(text.strip())
    return Decimal(match.group(1)) if match else None


def amount(match: re.Match[str], first_group: int = 1) -> Decimal:
    """The amount in 万元 of an `AMOUNT` match whose number is group `first_group`."""
    value = Decimal(match.group(first_group).replace(",", ""))
    if match.group(first_group + 2):
        return to_wan(value, "元")
    if match.group(first_group + 1) == "亿元":
        return to_wan(value, "亿元")
    return value


def decimals(value: Decimal) -> int:
    """How many decimals `value` is written with.

    Read from the figure's text (``12.30`` → 2), which is cheaper than `Decimal.as_tuple`
    (a named tuple built in Python); a figure in exponent notation is asked its exponent.
    """
    text = str(value)
    if "E" in text:
        exponent = value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    point = text.find(".")
    return len(text) - point - 1 if point >= 0 else 0


#: Half a unit of the last written decimal place, by the number of decimals (0.5, 0.05 …).
_HALF_UNITS = tuple(Decimal(5) / Decimal(10) ** (places + 1) for places in range(16))
_LEAST = Decimal("0.01")


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last decimal place `value` is written with (its rounding allowance)."""
    places = decimals(value)
    return _HALF_UNITS[places] if places < len(_HALF_UNITS) else Decimal(5) / Decimal(10) ** (places + 1)


def tolerance(*values: Decimal) -> Decimal:
    """Rounding allowance for a sum or difference of `values` as written."""
    allowance = sum(map(half_unit, values), Decimal(0))
    return allowance if allowance >= _LEAST else _LEAST


def differs(stated: Decimal, computed: Decimal, *parts: Decimal) -> bool:
    """True when `stated` is not `computed` even allowing for rounding of all figures."""
    return abs(stated - computed) > tolerance(stated, *parts)


def rate_differs(stated: Decimal, computed: Decimal) -> bool:
    """True when a stated percentage is not `computed` (a percentage) rounded as written."""
    allowance = half_unit(stated) + Decimal("0.005")
    return abs(stated - computed) > allowance


def fmt(value: Decimal) -> str:
    """A Decimal as plain text, without exponent or float noise."""
    text = format(value, "f")
    return text


def ratio(part: Decimal, whole: Decimal) -> Decimal:
    """`part` ÷ `whole` as a percentage with two decimals (whole must not be 0)."""
    return (part / whole * 100).quantize(Decimal("0.01"))


class Verdict(StrEnum):
    """How a stated total compares with the sum of its stated parts.

    A str-enum: statements are grouped by verdict, and a str-enum member hashes as its
    text in C, where a plain enum member calls `Enum.__hash__`.
    """

    EQUAL = "equal"  # equal as written (or the total is written coarser and rounds to the sum)
    TAIL = (
        "tail"  # off by a rounding tail (尾差): at most one unit of the last decimal per two parts
    )
    MISMATCH = "mismatch"


def sum_verdict(total: Decimal, parts: tuple[Decimal, ...] | list[Decimal]) -> Verdict:
    """Compare `total` with the sum of `parts`, at the precision the figures are written with.

    Figures are taken as written: ``30`` is thirty, not anything from 29.5 to 30.5. A total
    written with fewer decimals than its parts is equal when the sum rounds to it, and
    parts all written as whole numbers are equal to a total with decimals that is within
    0.5 of their sum (whole figures in a list are rounded ones). Otherwise
    a gap of at most ``max(1, len(parts) // 2)`` units of the finest decimal written is a
    rounding tail, and a larger one a mismatch.
    """
    computed = sum(parts, Decimal(0))
    if computed == total:
        return Verdict.EQUAL
    finest = max(decimals(v) for v in (total, *parts))
    places = decimals(total)
    if places < finest and computed.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) == total:
        return Verdict.EQUAL
    whole_parts = bool(parts) and all(decimals(v) == 0 for v in parts)
    if whole_parts and places and abs(total - computed) < Decimal("0.5"):
        return Verdict.EQUAL
    unit = Decimal(1).scaleb(-finest)
    allowed = unit * max(1, len(parts) // 2)
    return Verdict.TAIL if abs(total - computed) <= allowed else Verdict.MISMATCH
