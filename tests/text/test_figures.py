"""The figures of a text: every kind of token, with the character each one starts with."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.text.figures import Kind, tokenize, tokenize_all


def _one(text: str) -> tuple[Kind, Decimal, str, str]:
    tokens = tokenize(text)
    assert len(tokens) == 1, tokens
    token = tokens[0]
    return token.kind, token.value, token.text, token.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("共支出5万元。", (Kind.AMOUNT, Decimal("5"), "5万元", "万元")),  # one digit
        ("调减-3.5万元", (Kind.AMOUNT, Decimal("-3.5"), "-3.5万元", "万元")),  # a minus first
        ("合计1,234.50元", (Kind.AMOUNT, Decimal("0.123450"), "1,234.50元", "元")),
        ("执行率99.96%", (Kind.PERCENT, Decimal("99.96"), "99.96%", "")),
        ("新增7个", (Kind.COUNT, Decimal("7"), "7个", "个")),
        ("培训三个班", (Kind.COUNT, Decimal("3"), "三个", "个")),  # one Chinese numeral
        ("覆盖十二项", (Kind.COUNT, Decimal("12"), "十二项", "项")),
        ("2023年度", (Kind.YEAR, Decimal("2023"), "2023年度", "年度")),
        ("1998年", (Kind.YEAR, Decimal("1998"), "1998年", "年")),
    ],
)
def test_each_kind_of_figure(text: str, expected: tuple[Kind, Decimal, str, str]) -> None:
    assert _one(text) == expected


def test_dates_keep_their_month_and_day() -> None:
    dated = tokenize("于2024年3月15日印发，2023-12-01起施行")
    assert [(t.kind, t.value, t.month, t.day) for t in dated] == [
        (Kind.DATE, Decimal("2024"), 3, 15),
        (Kind.DATE, Decimal("2023"), 12, 1),
    ]


def test_figures_continuing_a_number_or_an_ordinal_are_not_tokens() -> None:
    assert tokenize("第三个") == ()
    assert tokenize("编号12023年") == ()  # 2023年 continues the digits before it
    assert [t.text for t in tokenize("增长0.5个百分点")] == []  # 5个 after a decimal point
    assert tokenize("-元") == () and tokenize("3年") == ()


def test_spans_are_given_in_each_text_of_a_scan() -> None:
    first, second = tokenize_all(["预算10万元", "（其中2万元）用于培训"])
    assert [(t.start, t.end) for t in first] == [(2, 6)]
    assert [(t.start, t.end, t.nested) for t in second] == [(3, 6, True)]


def test_figures_inside_brackets_are_nested_however_many_brackets_stand() -> None:
    text = "（一）预算10万元（其中培训2万元、差旅（含市内）1万元），另支出3万元（见表1）"
    marked = [(t.text, t.nested) for t in tokenize(text)]
    assert marked == [("10万元", False), ("2万元", True), ("1万元", True), ("3万元", False)]


def test_a_texts_figures_do_not_depend_on_the_texts_scanned_with_it() -> None:
    # Extraction scans the paragraphs, the review the cells: each text must come out alike.
    texts = ["12", "3万元；完成率95%", "2023年度", "年5月", "十二个", "0.5个", "100万吨", "约1,200元"]
    alone = [tokenize(text) for text in texts]
    assert tokenize_all(texts) == alone
    assert tokenize_all(texts[::-1]) == alone[::-1]
    assert [t.text for t in alone[1]] == ["3万元", "95%"]
    assert alone[6] == ()  # 万吨 is a weight, not money
