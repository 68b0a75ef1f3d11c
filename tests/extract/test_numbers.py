"""Numbers, Chinese numerals, units."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.extract.numbers import cell_number, clean, cn_to_int, parse_amount, to_count


@pytest.mark.parametrize(("text", "value"), [
    ("三十六", 36), ("十二", 12), ("一百零五", 105), ("两千三百", 2300), ("四万五千", 45000), ("七", 7),
])
def test_chinese_numerals(text: str, value: int) -> None:
    assert cn_to_int(text) == value


def test_counts_and_non_numbers() -> None:
    assert to_count("42") == 42
    assert to_count("四十二") == 42
    assert to_count("若干") is None


@pytest.mark.parametrize(("text", "value"), [
    ("982.60", Decimal("982.60")), ("98  ", Decimal(98)), ("99.96%", Decimal("99.96")),
    ("1,234.5", Decimal("1234.5")), ("——", None), ("/", None), ("12345元", Decimal("1.2345")),
])
def test_cell_numbers(text: str, value: Decimal | None) -> None:
    assert cell_number(text) == value


def test_amount_units_convert_to_wan() -> None:
    assert parse_amount("1,200", "元") == Decimal("0.12")
    assert parse_amount("3.5", "亿元") == Decimal("35000.0")


def test_clean_joins_lines_and_strips_full_width_space() -> None:
    assert clean("　经济效\n益指标 ") == "经济效益指标"
