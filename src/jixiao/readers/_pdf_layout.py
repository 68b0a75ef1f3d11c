"""Text layout for the PDF reader: characters into lines, lines into paragraphs.

Chinese text has no spaces between words, so a line that runs to the right edge of
its column (a wrap) joins the next line without a separator; a line that stops
short, an indented line or a wide vertical gap starts a new paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Char = Mapping[str, Any]

_PAGE_NUMBER = re.compile(r"^[-—–\s第页共/|·.]*\d{1,4}[-—–\s第页共/|·.\d]*$")
_LATIN_END = re.compile(r"[A-Za-z,;:]$")
_LATIN_START = re.compile(r"^[A-Za-z]")
_WORD_CHAR = re.compile(r"[A-Za-z0-9.,%()/:\-]")
_NO_BREAK_BEFORE = set("，。、；：？！）》」』”’%")


@dataclass
class Line:
    """One line of text on a page."""

    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    page: int = 0
    #: Width of the first unbreakable run (a number, a Latin word, one CJK character).
    head: float = 0.0


def group_lines(chars: Iterable[Char], page: int = 0) -> list[Line]:
    """Group characters into lines (by vertical position), each read left to right."""
    ordered = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    clusters: list[list[Char]] = []
    for char in ordered:
        if clusters:
            last = clusters[-1]
            if abs(char["top"] - last[0]["top"]) <= max(1.0, 0.4 * float(last[0]["size"])):
                last.append(char)
                continue
        clusters.append([char])
    lines = [_line(sorted(cluster, key=lambda c: c["x0"]), page) for cluster in clusters]
    return [line for line in lines if line.text]


def _line(chars: list[Char], page: int) -> Line:
    parts: list[str] = []
    prev: Char | None = None
    for char in chars:
        text = str(char["text"])
        if prev is not None and text != " " and prev["text"] != " ":
            gap = float(char["x0"]) - float(prev["x1"])
            if gap > 0.5 * float(prev["size"]):
                parts.append(" ")
        parts.append(text)
        prev = char
    sizes = sorted(float(c["size"]) for c in chars)
    visible = [c for c in chars if str(c["text"]).strip()]
    return Line(
        top=min(float(c["top"]) for c in chars),
        bottom=max(float(c["bottom"]) for c in chars),
        x0=float(chars[0]["x0"]),
        x1=max(float(c["x1"]) for c in chars),
        text="".join(parts).strip(),
        size=sizes[len(sizes) // 2],
        page=page,
        head=_head_width(visible),
    )


def _head_width(chars: list[Char]) -> float:
    if not chars:
        return 0.0
    end = 1
    if _WORD_CHAR.match(str(chars[0]["text"])):
        while end < len(chars) and _WORD_CHAR.match(str(chars[end]["text"])):
            end += 1
    while end < len(chars) and str(chars[end]["text"]) in _NO_BREAK_BEFORE:
        end += 1
    return float(chars[end - 1]["x1"]) - float(chars[0]["x0"])


def wraps(prev: Line, line: Line, right: float) -> bool:
    """Whether `prev` ran to the right edge: `line`'s first word would not have fit."""
    return right - prev.x1 < line.head + 1.2 * prev.size


def is_page_number(line: Line, page_height: float) -> bool:
    """A short number-only line in the top or bottom margin of the page."""
    in_margin = line.top > page_height * 0.9 or line.bottom < page_height * 0.08
    return in_margin and len(line.text) <= 12 and bool(_PAGE_NUMBER.match(line.text))


def join(lines: list[Line], right: float) -> str:
    """Join lines of one cell or paragraph: wraps without a break, others with ``\\n``."""
    out = ""
    for i, line in enumerate(lines):
        if i == 0:
            out = line.text
            continue
        prev = lines[i - 1]
        if not wraps(prev, line, right):
            out += "\n"
        elif _LATIN_END.search(prev.text) and _LATIN_START.match(line.text):
            out += " "
        out += line.text
    return out


def starts_paragraph(prev: Line, line: Line, left: float, right: float) -> bool:
    """Whether `line` begins a new paragraph after `prev` in a column [left, right]."""
    if not wraps(prev, line, right):
        return True
    if line.x0 > left + 1.2 * line.size:
        return True
    if abs(line.size - prev.size) > 1.0:
        return True
    return line.page == prev.page and line.top - prev.bottom > 1.2 * line.size


def paragraphs(lines: list[Line], left: float, right: float) -> list[list[Line]]:
    """Split consecutive lines into paragraphs."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not starts_paragraph(groups[-1][-1], line, left, right):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups
