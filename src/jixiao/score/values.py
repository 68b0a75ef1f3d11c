"""Indicator values parsed into meaning: operator, number, unit, date or qualitative label.

An indicator's 年度指标值 and 实际完成值 are kept as text in the record (``≥20次``,
``不少于30次``, ``≤812.38万元``, ``2024年12月底之前完成``, ``有效促进``). `parse_value`
turns one such text into a `ParsedValue`; it never raises: text it cannot read becomes a
value of kind ``"unknown"`` or ``"qualitative"`` without a label.

The qualitative label (达成 / 部分达成 / 未达成) depends on a profile's keyword lists, so
`parse_value` leaves it empty and `label_for` fills it from the profile's bands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

Operator = Literal[">=", ">", "<=", "<", "="]
Direction = Literal["higher", "lower", "exact"]
ValueKind = Literal["quantitative", "qualitative", "deadline", "unknown"]

#: Symbols and words that state a comparison, longest first when matched.
_OPERATOR_WORDS: dict[str, Operator] = {
    "≥": ">=", ">=": ">=", "≧": ">=", "＞＝": ">=", "大于等于": ">=", "大于或等于": ">=",
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=", "达到": ">=",
    "≤": "<=", "<=": "<=", "≦": "<=", "＜＝": "<=", "小于等于": "<=", "小于或等于": "<=",
    "不超过": "<=", "不高于": "<=", "不多于": "<=", "不大于": "<=", "控制在": "<=",
    ">": ">", "＞": ">", "﹥": ">", "大于": ">", "超过": ">", "高于": ">", "多于": ">",
    "<": "<", "＜": "<", "﹤": "<", "小于": "<", "低于": "<", "少于": "<",
    "=": "=", "＝": "=", "﹦": "=", "等于": "=",
}
#: Words after the number that state a comparison (``30次以上``, ``5%以内``).
_SUFFIX_WORDS: dict[str, Operator] = {
    "以上": ">=", "及以上": ">=", "以内": "<=", "以下": "<=", "及以下": "<=",
}
#: Units recognised after a number, longest first when matched.
_UNITS = (
    "万元", "亿元", "千元", "元", "%", "‰", "人次", "户次", "平方米", "平方公里", "公里", "千米",
    "小时", "工作日", "个月", "次", "人", "个", "篇", "场", "件", "项", "户", "天", "日", "期",
    "批", "家", "台", "辆", "份", "条", "册", "所", "座", "套", "株", "亩", "吨", "㎡", "米",
    "分", "年", "月", "周", "名", "位", "部", "本", "张", "处", "块", "起", "份次", "课时",
)
_MONEY_TO_WAN = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1),
                 "亿元": Decimal(10000)}
_NUMBER = re.compile(r"[-－−]?\d+(?:[,，]\d{3})*(?:\.\d+)?")
_YEAR = re.compile(r"(\d{4})\s*年")
_MONTH = re.compile(r"(\d{1,2})\s*月")
_DAY = re.compile(r"(\d{1,2})\s*[日号]")
_DEADLINE_WORDS = ("全年", "年底", "年末", "年内", "月底", "月末", "之前", "以前", "前完成",
                   "按时", "如期", "及时完成")


@dataclass(frozen=True, slots=True)
class ParsedValue:
    """The meaning of one indicator value as written.

    ``number`` and ``unit`` hold the first figure and its unit; ``percent`` is true for a
    ``%`` value. ``direction`` follows from the operator only (``None`` when there is
    none); the indicator scorer completes it from the indicator class. ``deadline`` is the
    last day a date-like value allows. ``label`` is the qualitative band (达成 / 部分达成 /
    未达成) when known.
    """

    text: str
    kind: ValueKind
    operator: Operator | None = None
    number: Decimal | None = None
    unit: str | None = None
    direction: Direction | None = None
    deadline: date | None = None
    label: str | None = None

    @property
    def percent(self) -> bool:
        """True when the value is a percentage."""
        return self.unit == "%"

    def comparable(self) -> tuple[Decimal, str | None] | None:
        """Number and unit with money converted to 万元, for comparing two values."""
        if self.number is None:
            return None
        if self.unit in _MONEY_TO_WAN:
            return self.number * _MONEY_TO_WAN[self.unit], "万元"
        return self.number, self.unit

    def comparable_unit(self) -> str | None:
        """The unit after money conversion (元 and 亿元 become 万元)."""
        return "万元" if self.unit in _MONEY_TO_WAN else self.unit


def direction_of(operator: Operator | None) -> Direction | None:
    """Higher-, lower-is-better or exact, from an operator alone."""
    if operator in (">=", ">"):
        return "higher"
    if operator in ("<=", "<"):
        return "lower"
    if operator == "=":
        return "exact"
    return None


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u3000", " "))


def _to_decimal(raw: str) -> Decimal | None:
    normal = raw.replace(",", "").replace("，", "").replace("－", "-").replace("−", "-")
    try:
        return Decimal(normal)
    except InvalidOperation:
        return None


def _prefix_operator(text: str) -> Operator | None:
    for word in sorted(_OPERATOR_WORDS, key=len, reverse=True):
        if word in text:
            return _OPERATOR_WORDS[word]
    return None


def _unit_after(rest: str) -> str | None:
    for unit in sorted(_UNITS, key=len, reverse=True):
        if rest.startswith(unit):
            return "%" if unit == "%" else unit
    if rest.startswith("％"):
        return "%"
    return None


def _suffix_operator(rest: str) -> Operator | None:
    for word in sorted(_SUFFIX_WORDS, key=len, reverse=True):
        if word in rest:
            return _SUFFIX_WORDS[word]
    return None


def _deadline(text: str) -> date | None:
    """The last day allowed by a date-like text, or None when it names no year."""
    year = _YEAR.search(text)
    if year is None:
        return None
    y = int(year.group(1))
    month = _MONTH.search(text[year.end():])
    if month is None:
        return date(y, 12, 31)
    m = min(max(int(month.group(1)), 1), 12)
    day = _DAY.search(text[year.end() + month.end():])
    if day is not None:
        return _safe_date(y, m, int(day.group(1)))
    return _month_end(y, m)


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)


def _safe_date(year: int, month: int, day: int) -> date:
    last = _month_end(year, month).day
    return date(year, month, min(max(day, 1), last))


def _looks_like_deadline(text: str) -> bool:
    if "%" in text or "％" in text:
        return False
    if _YEAR.search(text) or re.search(r"\d{1,2}\s*月", text):
        return True
    return any(word in text for word in _DEADLINE_WORDS)


def parse_value(text: str | None) -> ParsedValue:
    """Parse one 指标值 or 实际完成值 as written; never raises.

    >>> parse_value("不少于30次").operator, parse_value("不少于30次").number
    ('>=', Decimal('30'))
    """
    raw = (text or "").strip()
    clean = _clean(raw)
    if not clean or clean in {"/", "-", "—", "无", "——", "／"}:
        return ParsedValue(text=raw, kind="unknown")
    if _looks_like_deadline(clean):
        return ParsedValue(text=raw, kind="deadline", deadline=_deadline(clean))
    match = _NUMBER.search(clean)
    if match is None:
        return ParsedValue(text=raw, kind="qualitative")
    number = _to_decimal(match.group(0))
    if number is None:  # pragma: no cover - the pattern only matches valid numbers
        return ParsedValue(text=raw, kind="qualitative")
    rest = clean[match.end():]
    operator = _prefix_operator(clean[: match.start()]) or _suffix_operator(rest)
    return ParsedValue(
        text=raw,
        kind="quantitative",
        operator=operator,
        number=number,
        unit=_unit_after(rest),
        direction=direction_of(operator),
    )


def label_for(text: str, keywords: Iterable[tuple[str, Iterable[str]]]) -> str | None:
    """The band label whose keyword occurs in `text`, the longest keyword winning.

    `keywords` pairs each label with its words, so that ``未达成`` beats ``达成`` and
    ``部分完成`` beats ``完成``.
    """
    clean = _clean(text)
    best: tuple[int, str] | None = None
    for label, words in keywords:
        for word in words:
            if word and word in clean and (best is None or len(word) > best[0]):
                best = (len(word), label)
    return None if best is None else best[1]


def with_label(value: ParsedValue, label: str | None) -> ParsedValue:
    """A copy of `value` with its qualitative label set."""
    return replace(value, label=label)


def with_direction(value: ParsedValue, direction: Direction | None) -> ParsedValue:
    """A copy of `value` with its direction set."""
    return replace(value, direction=direction)
