"""The workbook's formulas computed for a workbook never opened in a spreadsheet."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.render.cnnum import chinese_number, parse_number
from jixiao.render.formula import FormulaError, evaluate
from jixiao.render.xlsx_formulas import grade_formula, sum_formula

CELLS = {("S", "A1"): Decimal(3), ("S", "A2"): Decimal(4), ("S", "B1"): None, ("表", "C5"): Decimal(85)}


def _eval(formula: str) -> object:
    return evaluate(formula, "S", lambda sheet, cell: CELLS.get((sheet, cell)))


def test_sums_rates_and_conditions() -> None:
    assert _eval("=SUM(A1:A2)") == 7 and _eval("=SUM(A1,B1)") == 3
    assert _eval(sum_formula("B1")) == "" and _eval(sum_formula("A1,A2")) == 7
    assert _eval('=IF(AND(ISNUMBER(A1),A1<>0,ISNUMBER(A2)),A2/A1,"")') == Decimal(4) / 3
    assert _eval('=IF(AND(ISNUMBER(B1),B1<>0),A1/B1,"")') == ""  # the division is never reached
    assert _eval(grade_formula("'表'!C5")) == "良"
    assert _eval('=ROUND(A2/A1,2)') == Decimal("1.33") and _eval('="甲"&A1') == "甲3"


def test_errors() -> None:
    for bad in ("=A1/B1", "=VLOOKUP(A1,A1:A2,1)", "=SUM(A1", "=A1:A2"):
        with pytest.raises(FormulaError):
            _eval(bad)


@pytest.mark.parametrize(
    ("text", "value", "chinese"),
    [
        ("１２３．４", "123.4", False),
        ("1,234.5", "1234.5", False),
        ("12.5万元", "12.5", False),
        ("一百二十", "120", True),
        ("三点五", "3.5", True),
        ("一千零五", "1005", True),
        ("两百", "200", True),
        ("负五", "-5", True),
    ],
)
def test_numbers_as_people_type_them(text: str, value: str, chinese: bool) -> None:
    assert parse_number(text) == (Decimal(value), chinese)


def test_text_that_is_no_number() -> None:
    assert parse_number("约120") == (None, False) and parse_number("待定") == (None, False)
    assert chinese_number("甲") is None
