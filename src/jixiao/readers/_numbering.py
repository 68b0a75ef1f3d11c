"""Word's automatic numbering: the “一、” of a heading that is not in its text.

A paragraph with ``w:numPr`` (directly or through its style) shows a label that Word
computes from ``numbering.xml``: the level's format (一, 1, (1), ①, a …), its text
template (``%1、``, ``（%1）``, ``%1.%2``) and a counter per list. `Numbering.label`
counts like Word does (a level restarts when a higher level moves on) and returns the
label to put before the paragraph's text, so the outline can be read from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"
_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese(n: int) -> str:
    """一, 十, 十一, 二十三, 一百零五 … (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _CN_DIGITS[rest] if rest < 10 else chinese(rest))
    return _CN_DIGITS[n // 100] + "百" + tail if n < 1000 else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """`n` in a Word number format."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "ideographTraditional", "chineseLegalSimplified", "taiwaneseCounting"):
        return chinese(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1


def _levels(abstract: Any) -> dict[int, _Level]:
    out: dict[int, _Level] = {}
    for lvl in abstract.findall(f"{W}lvl"):
        ilvl = lvl.get(f"{W}ilvl", "0")
        level = _Level()
        for child in lvl:
            if child.tag == f"{W}numFmt":
                level.fmt = child.get(_VAL, "decimal")
            elif child.tag == f"{W}lvlText":
                level.text = child.get(_VAL, "")
            elif child.tag == f"{W}start" and (child.get(_VAL) or "").isdigit():
                level.start = int(child.get(_VAL, "1"))
        if ilvl.isdigit():
            out[int(ilvl)] = level
    return out


@dataclass
class Numbering:
    """The lists of a document and their running counters."""

    lists: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, root: Any) -> Numbering:
        """Read a ``w:numbering`` part."""
        abstracts = {a.get(f"{W}abstractNumId", ""): _levels(a) for a in root.findall(f"{W}abstractNum")}
        lists: dict[str, dict[int, _Level]] = {}
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = dict(abstracts.get(ref.get(_VAL, "") if ref is not None else "", {}))
            for override in num.findall(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                ilvl = override.get(f"{W}ilvl", "")
                if start is not None and ilvl.isdigit() and int(ilvl) in levels:
                    value = start.get(_VAL, "1")
                    base = levels[int(ilvl)]
                    levels[int(ilvl)] = _Level(base.fmt, base.text, int(value) if value.isdigit() else 1)
            lists[num.get(f"{W}numId", "")] = levels
        return cls(lists)

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next paragraph of list `num_id` at level `ilvl` (counts it)."""
        levels = self.lists.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if levels[ilvl].fmt in ("bullet", "none"):
            return ""

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            level = levels.get(k)
            if level is None:
                return ""
            return format_number(counts.get(k, level.start), level.fmt)

        return re.sub(r"%(\d)", value, levels[ilvl].text)


def num_pr(ppr: Any) -> tuple[str, int] | None:
    """(numId, ilvl) of a ``w:pPr`` or ``w:style``'s ``w:pPr``, or None."""
    if ppr is None:
        return None
    pr = ppr.find(f"{W}numPr")
    if pr is None:
        return None
    num = pr.find(f"{W}numId")
    ilvl = pr.find(f"{W}ilvl")
    if num is None:
        return None
    level = ilvl.get(_VAL, "0") if ilvl is not None else "0"
    return num.get(_VAL, ""), int(level) if level.isdigit() else 0
