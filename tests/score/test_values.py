"""Tests of jixiao.score.values: indicator texts parsed into meaning."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jixiao.score.values import direction_of, label_for, parse_value


@pytest.mark.parametrize(
    ("text", "operator", "number", "unit"),
    [
        ("≥20次", ">=", "20", "次"),
        (">=20篇", ">=", "20", "篇"),
        ("不少于30次", ">=", "30", "次"),
        ("不低于95%", ">=", "95", "%"),
        ("30次以上", ">=", "30", "次"),
        ("达到98%", ">=", "98", "%"),
        ("＞5个", ">", "5", "个"),
        ("≤1%", "<=", "1", "%"),
        ("不超过760万元", "<=", "760", "万元"),
        ("不高于3人", "<=", "3", "人"),
        ("控制在5%以内", "<=", "5", "%"),
        ("5％以内", "<=", "5", "%"),
        ("<2篇", "<", "2", "篇"),
        ("=17个", "=", "17", "个"),
        ("＝0起", "=", "0", "起"),
        ("67人", None, "67", "人"),
        ("100%", None, "100", "%"),
        ("1,234.5元", None, "1234.5", "元"),
        ("≤-5%", "<=", "-5", "%"),
    ],
)
def test_quantitative_values(text: str, operator: str | None, number: str, unit: str) -> None:
    value = parse_value(text)
    assert value.kind == "quantitative"
    assert value.operator == operator
    assert value.number == Decimal(number)
    assert value.unit == unit


def test_direction_follows_operator() -> None:
    assert parse_value("≥20次").direction == "higher"
    assert parse_value("≤760万元").direction == "lower"
    assert parse_value("=17个").direction == "exact"
    assert parse_value("67人").direction is None
    assert direction_of(None) is None


def test_percent_property() -> None:
    assert parse_value("≥95%").percent
    assert not parse_value("≥95次").percent


def test_money_is_comparable_in_wan() -> None:
    assert parse_value("8123800元").comparable() == (Decimal("812.38"), "万元")
    assert parse_value("0.5亿元").comparable() == (Decimal("5000.0"), "万元")
    assert parse_value("≥3次").comparable() == (Decimal(3), "次")
    assert parse_value("有效促进").comparable() is None


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("2024年12月底之前完成", date(2024, 12, 31)),
        ("2023年全年", date(2023, 12, 31)),
        ("2024年6月底前", date(2024, 6, 30)),
        ("2024年2月底前", date(2024, 2, 29)),
        ("2023年11月15日前完成", date(2023, 11, 15)),
        ("按时完成", None),
    ],
)
def test_deadlines(text: str, deadline: date | None) -> None:
    value = parse_value(text)
    assert value.kind == "deadline"
    assert value.deadline == deadline
    assert value.number is None


def test_percent_with_year_word_is_not_a_deadline() -> None:
    assert parse_value("全年完成率≥98%").kind == "quantitative"


@pytest.mark.parametrize("text", ["有效促进", "达成", "部分达成", "未达成", "长期有效"])
def test_qualitative_values(text: str) -> None:
    value = parse_value(text)
    assert value.kind == "qualitative"
    assert value.number is None
    assert value.label is None  # labels come from a profile


@pytest.mark.parametrize("text", [None, "", "  ", "/", "—"])
def test_empty_values_are_unknown(text: str | None) -> None:
    assert parse_value(text).kind == "unknown"


def test_text_is_kept_as_written() -> None:
    assert parse_value(" ≥20 次 ").text == "≥20 次"
    assert parse_value(" ≥20 次 ").number == Decimal(20)


BANDS = [("达成", ("达成", "完成", "有效")), ("部分达成", ("部分达成", "部分完成")),
         ("未达成", ("未达成", "未完成"))]


@pytest.mark.parametrize(
    ("text", "label"),
    [("达成", "达成"), ("部分达成", "部分达成"), ("未达成", "未达成"), ("有效促进", "达成"),
     ("部分完成", "部分达成"), ("未完成", "未达成"), ("长期坚持", None)],
)
def test_label_longest_keyword_wins(text: str, label: str | None) -> None:
    assert label_for(text, BANDS) == label
