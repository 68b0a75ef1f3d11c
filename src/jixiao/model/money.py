"""Money helpers: amounts are `Decimal` in 万元, with the precision the document gives."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

#: Factors that convert an amount in the named unit to 万元.
UNIT_TO_WAN: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万元": Decimal(1),
    "万": Decimal(1),
    "百万元": Decimal(100),
    "亿元": Decimal(10000),
    "亿": Decimal(10000),
}


def D(value: str | int | Decimal) -> Decimal:  # noqa: N802 - the conventional Decimal constructor name
    """Build a Decimal from text or int; commas and surrounding spaces are ignored."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    text = value.replace(",", "").replace("，", "").strip()
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc


def to_wan(amount: Decimal, unit: str) -> Decimal:
    """Convert `amount` written in `unit` to 万元 without losing digits.

    >>> to_wan(Decimal("12345.6"), "元")
    Decimal('1.23456')
    """
    factor = UNIT_TO_WAN.get(unit, Decimal(1))
    if factor == 1:
        return amount
    return (amount * factor).normalize() if factor < 1 else amount * factor


def json_number(value: Decimal) -> int | float:
    """The JSON form of an amount: an int when integral, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
