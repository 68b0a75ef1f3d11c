"""The figures of a text, found in one pass: amounts, percentages, counts, dates and years.

`tokenize` runs one regular expression over a text and returns its `Token` s in order;
`tokenize_all` does the same for many texts in one scan. The figures of a text do not
depend on the texts scanned with it, so one stage's figures serve another: extraction
reads the paragraphs' amounts from their tokens and hands the tokens on, the review
scans only the rest and gives every check the figures with the sentences they stand in.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import NamedTuple

from jixiao.model.money import to_wan


class Kind(StrEnum):
    """What a token is."""

    AMOUNT = "amount"  # a sum of money, value in 万元
    PERCENT = "percent"  # value in percent (99.96 for 99.96%)
    COUNT = "count"  # a number of things or people, with its classifier
    DATE = "date"  # a year with a month (and a day)
    YEAR = "year"  # a year alone (2023年, 2023年度)


#: Classifiers of counts (个、人、名 …).
CLASSIFIERS = "个|人|名|项|家|次|所|辆|件|篇|户|场|期|座|条|批|处|台|套|份|位|支|村"
_GROUPS = {"个": "things", "家": "things", "所": "things", "项": "things", "条": "things"}
_GROUPS |= {"人": "people", "名": "people"}
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}

_CN = "一二两三四五六七八九十"
#: Every figure starts with one of these characters. The pattern reads it first, outside
#: the groups, so that the engine skips to the next candidate at C speed (a pattern
#: opening with alternatives is tried at every position); each alternative then checks
#: that character by a look-behind, and `_full` puts it back in front of a group. A digit
#: right after another digit is refused at once (``(?<!\d\d)``): a long number is tried
#: from its first digit only.
_PATTERN = re.compile(
    rf"[-\d{_CN}](?<!\d\d)(?:"
    r"(?P<iso>(?:(?<=1)9|(?<=2)0)\d{2})[-/.](?P<im>0?[1-9]|1[0-2])[-/.](?P<id>0?[1-9]|[12]\d|3[01])(?!\d)"
    r"|(?P<year>(?:(?<=1)9|(?<=2)0)\d{2})\s*年(?P<nd>度)?"
    r"(?:\s*(?P<month>1[0-2]|0?[1-9])\s*月(?:\s*(?P<day>3[01]|[12]\d|0?[1-9])\s*日)?)?"
    r"|(?P<num>(?:(?<=-)\d|(?<=\d))[\d,]*+(?:\.\d+)?+)\s*+"
    r"(?:(?P<money>万元|亿元|千元|元|万(?=[，,。；;、）)\s\x00]|$))|(?P<pct>[%％])"
    rf"|(?P<cls>{CLASSIFIERS}))"
    rf"|(?P<cn>(?<=[{_CN}])[{_CN}]{{0,2}})\s*(?P<cncls>个|名|项|家|所|条)"
    r")"
)
_OPEN = "（(〔[【《"
_CLOSE = "）)〕]】》"
_BRACKET = re.compile("[" + re.escape(_OPEN + _CLOSE) + "]")
_OPENING = re.compile("[" + re.escape(_OPEN) + "]")


_new = tuple.__new__


class Token(NamedTuple):
    """One figure: its kind, value, where it stands in its text, and how it is written.

    A named tuple: millions are made in a large report, and a tuple is the cheapest
    immutable record to build.
    """

    kind: Kind
    value: Decimal
    start: int
    end: int
    text: str
    unit: str = ""
    month: int | None = None
    day: int | None = None
    nested: bool = False

    def shifted(self, offset: int) -> Token:
        """The same token with its span moved by -`offset` (into a sentence of its unit)."""
        return shift(self, offset)


def shift(token: Token, offset: int) -> Token:
    """`token` with its span moved by -`offset` (`Token.shifted`, without a method call)."""
    kind, value, start, end, text, unit, month, day, nested = token
    moved: Token = _new(
        Token, (kind, value, start - offset, end - offset, text, unit, month, day, nested)
    )
    return moved


def count_group(classifier: str) -> str:
    """What a classifier counts: ``things`` (个, 家, 所 …), ``people`` (人, 名) or itself."""
    return _GROUPS.get(classifier, classifier)


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral up to 99 (八, 十二, 二十, 三十五), else None."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    high = _CN_DIGITS[tens] if tens else 1
    return high * 10 + (_CN_DIGITS[ones] if ones else 0)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _bracket_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every outermost bracketed span of `text`."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for mark in _BRACKET.finditer(text):  # the brackets only, not every character
        index, char = mark.start(), mark.group()
        if char in _OPEN:
            if depth == 0:
                start = index
            depth += 1
        elif char in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    return spans


def _date(match: re.Match[str], start: int, end: int, text: str) -> Token:
    """A DATE (year with month) or YEAR token."""
    if match.lastgroup == "id":
        year, month, day = Decimal(_full(match, "iso")), int(match["im"]), int(match["id"])
        return Token(Kind.DATE, year, start, end, text, month=month, day=day)
    year = Decimal(_full(match, "year"))
    if match.group("month"):
        found = int(match["day"]) if match.group("day") else None
        return Token(Kind.DATE, year, start, end, text, month=int(match["month"]), day=found)
    return Token(Kind.YEAR, year, start, end, text, unit="年度" if match["nd"] else "年")


def _full(match: re.Match[str], group: str) -> str:
    """A figure's group with the first character, which the pattern reads outside it."""
    return match.string[match.start() : match.end(group)]


#: The group each kind of match closes last (`re.Match.lastgroup`): it tells the kinds apart.
_DATE_LAST = frozenset(("id", "year", "nd", "month", "day"))


def _token(match: re.Match[str], base: int = 0) -> Token | None:
    start, end, text = match.start() - base, match.end() - base, match.group(0)
    last = match.lastgroup
    if last in _DATE_LAST:
        return _date(match, start, end, text)
    if last == "cncls":
        count = chinese_number(_full(match, "cn"))
        if count is None:
            return None
        return Token(Kind.COUNT, Decimal(count), start, end, text, unit=match["cncls"])
    digits = _full(match, "num")
    value = _number(digits)
    if value is None:
        return None
    if last == "money":
        unit = match["money"]
        return Token(Kind.AMOUNT, to_wan(value, unit), start, end, text, unit=unit)
    if last == "pct":
        return Token(Kind.PERCENT, value, start, end, text)
    if "," in digits or "." in digits:
        return None
    return Token(Kind.COUNT, value, start, end, text, unit=match["cls"])


#: The groups a number with its unit, percent sign or classifier closes last.
_NUMBER_LAST = frozenset(("money", "pct", "cls"))


_FIGURE = re.compile(r"[0-9一二两三四五六七八九十]")


def tokenize(text: str) -> tuple[Token, ...]:
    """Every figure of `text`, in order; a token inside brackets is marked ``nested``."""
    if _FIGURE.search(text) is None:
        return ()
    return tokenize_all([text])[0]


#: Joins texts for one scan; matches no pattern and stops every figure.
SEPARATOR = "\x00"


def tokenize_all(texts: list[str]) -> list[tuple[Token, ...]]:
    """The tokens of each text, found by one scan over all of them (spans in each text).

    Matches come in order, so the text each one stands in is found by walking the
    texts' offsets along with them. A figure that continues a number (or a 第/之
    ordinal) written before it is not one: what stands before a match is tested here,
    on the joined text, where a separator never counts as a digit; numbers with
    a unit, percent sign or classifier (most figures) are built here too.
    """
    joined = SEPARATOR.join(texts)
    out: list[tuple[Token, ...]] = [()] * len(texts)
    index, base, limit = -1, 0, 0  # the current text, its start, the next text's start
    mine: list[Token] = []
    for match in _PATTERN.finditer(joined):
        start = match.start()
        last = match.lastgroup
        if start:
            before = joined[start - 1]
            if last == "cncls":
                if before in "第之":
                    continue
            elif before.isdigit() or (before == "." and last in _NUMBER_LAST):
                continue
        if start >= limit:
            if mine:
                out[index] = _mark_nested(texts[index], mine)
                mine = []
            while start >= limit:
                index += 1
                base = limit
                limit += len(texts[index]) + 1
        token = _token(match, base) if last not in _NUMBER_LAST else _figure(match, base, last)
        if token is not None:
            mine.append(token)
    if mine:
        out[index] = _mark_nested(texts[index], mine)
    return out


_AMOUNT, _PERCENT, _COUNT = Kind.AMOUNT, Kind.PERCENT, Kind.COUNT
#: Units whose amounts are already in 万元.
_WAN = frozenset(("万元", "万"))


def _figure(match: re.Match[str], base: int, last: str) -> Token | None:
    """The token of a number with its unit (``money``), percent sign or classifier.

    The same as `_token` gives for these matches, with less work: they are most figures.
    """
    start, end = match.span()
    text = match.group()
    digits = text[: match.end("num") - start]
    if "," in digits:
        if last == "cls":
            return None
        digits = digits.replace(",", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    if last == "cls":
        if "." in digits:
            return None
        unit, kind = match["cls"], _COUNT
    elif last == "pct":
        unit, kind = "", _PERCENT
    else:
        unit, kind = match["money"], _AMOUNT
        if unit not in _WAN:
            value = to_wan(value, unit)
    figure: Token = _new(
        Token, (kind, value, start - base, end - base, text, unit, None, None, False)
    )
    return figure


def _mark_nested(text: str, tokens: list[Token]) -> tuple[Token, ...]:
    """`tokens` with those standing inside brackets marked ``nested``."""
    if _OPENING.search(text, 0, tokens[-1].start) is None:
        return tuple(tokens)  # no bracket opens before the last figure
    spans = _bracket_spans(text)
    out, here, count = [], 0, len(spans)
    for token in tokens:  # both in order: the first span ending at or after the token may hold it
        while here < count and spans[here][1] < token.end:
            here += 1
        if here < count and spans[here][0] < token.start:
            token = _nested(token)
        out.append(token)
    return tuple(out)


def _nested(token: Token) -> Token:
    kind, value, start, end, text, unit, month, day, _ = token
    marked: Token = _new(Token, (kind, value, start, end, text, unit, month, day, True))
    return marked


#: Marks that end the label of a figure (looking back from it).
LABEL_STOPS = frozenset("，,。；;：:、（）()！!？?\n")
_PAIRS = {"）": "（", ")": "("}


def label_before(text: str, start: int, floor: int = 0, limit: int = 30) -> str:
    """The words before position `start` back to a stop mark or `floor` (at most `limit`).

    A bracketed part inside the words is kept (因公出国（境）费): a closing bracket
    directly after words jumps back to its opening bracket.
    """
    low = max(floor, start - limit)
    index = start
    while index > low:
        char = text[index - 1]
        if char in _PAIRS and index < start:
            opening = text.rfind(_PAIRS[char], low, index - 1)
            if opening > low and text[opening - 1] not in LABEL_STOPS:
                index = opening
                continue
        if char in LABEL_STOPS:
            break
        index -= 1
    return text[index:start].strip()
