"""Publication hygiene: personal data that must not appear in a published report."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.registry import Hit, check

_MOBILE = re.compile(r"1[3-9]\d{9}(?!\d)")
#: Written ``\d\d{16}`` (not ``\d{17}``): a pattern opening with a character class lets the
#: engine skip to the digits of the whole text.
_ID_NUMBER = re.compile(r"\d\d{16}[\dXx](?![\dXx])")
#: The same for a text whose digits are all ASCII (most reports): a byte-range class is
#: tested faster than ``\d``; a text holding a full-width digit is read with `_ID_NUMBER`.
_ASCII_ID_NUMBER = re.compile(r"[0-9][0-9]{16}[0-9Xx](?![0-9Xx])")
_WIDE_DIGITS = "０１２３４５６７８９"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def masked(text: str) -> str:
    """`text` with its middle digits hidden (the message must not republish the number)."""
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def valid_id(text: str) -> bool:
    """True when `text` passes the check digit of a resident identity number."""
    total = sum(int(d) * w for d, w in zip(text[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == text[17].upper()


@check(
    "personal-mobile-number",
    severity=Severity.WARNING,
    title="公开文本中含个人手机号码",
    template="文中出现手机号码{number}，报告将对外公开",
    suggestion="公开版本中删除个人手机号码，改用单位办公电话",
    example={"number": "139****0000"},
)
def mobile_numbers(ctx: ReviewContext) -> Iterator[Hit]:
    """A mobile number (1[3-9] and 9 more digits) anywhere in the text."""
    text = ctx.full_text
    for match in _MOBILE.finditer(text):
        if match.start() and text[match.start() - 1].isdigit():
            continue
        unit = ctx.units[ctx.unit_at(match.start())]
        yield Hit({"number": masked(match.group())}, (unit.ref,))


@check(
    "personal-id-number",
    severity=Severity.ERROR,
    title="公开文本中含居民身份证号码",
    template="文中出现身份证号码{number}，报告将对外公开",
    suggestion="公开前删除身份证号码等个人信息",
    example={"number": "430***********1234"},
)
def id_numbers(ctx: ReviewContext) -> Iterator[Hit]:
    """An 18-character identity number with a valid check digit."""
    text = ctx.full_text
    wide = any(text.find(digit) >= 0 for digit in _WIDE_DIGITS)
    for match in (_ID_NUMBER if wide else _ASCII_ID_NUMBER).finditer(text):
        if match.start() and text[match.start() - 1] in "0123456789Xx":
            continue
        if valid_id(match.group()):
            unit = ctx.units[ctx.unit_at(match.start())]
            yield Hit({"number": masked(match.group())}, (unit.ref,))
