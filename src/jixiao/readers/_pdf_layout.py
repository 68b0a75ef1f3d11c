"""Text layout for the PDF reader: runs into lines, lines into paragraphs and headings.

Chinese text has no spaces between words, so a line that runs to the right edge of
its column (a wrap) joins the next line without a separator; a line that stops
short, an indented line or a wide vertical gap starts a new paragraph.

A wide horizontal gap inside a line (a table drawn without rules, a form laid out
with spaces) is kept as a run of two or more spaces, as ``pdftotext -layout`` does:
one space per half an em of gap, so that columns written in CJK (one em a
character) and in digits (half an em) line up by display width. Such a line is a
paragraph of its own; the text-recovery layer rebuilds tables from them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from jixiao.readers._pdf_page import Run

_PAGE_NUMBER = re.compile(r"^[-—–\s第页共/|·.]*\d{1,4}[-—–\s第页共/|·.\d]*$")
_LATIN_END = re.compile(r"[A-Za-z,;:]$")
_LATIN_START = re.compile(r"^[A-Za-z]")
_WORD_CHARS = re.compile(r"^[A-Za-z0-9.,%()/:\-]+")
_NO_BREAK_BEFORE = re.compile(r"^[，。、；：？！）》」』”’%]+")
_DIGITS = re.compile(r"\d+")
_WIDE_CHAR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]")
_SPACE = re.compile(r"\s+")
#: Gap (in ems) from which two runs on a line are separate columns.
COLUMN_GAP = 1.0
#: Share of the page height at the top and bottom where running heads and folios stand.
TOP_MARGIN, BOTTOM_MARGIN = 0.1, 0.12
_NUMBERED = (
    (1, re.compile(r"^[一二三四五六七八九十]+[、.．]")),
    (1, re.compile(r"^第[一二三四五六七八九十\d]+[章部分节]")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    (3, re.compile(r"^\d{1,2}[.．、](?!\d)")),
    (4, re.compile(r"^[（(]\d{1,2}[)）]")),
)


@dataclass
class Line:
    """One line of text on a page (y grows downwards)."""

    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    page: int = 0
    #: Width of the first unbreakable run (a number, a Latin word, one CJK character).
    head: float = 0.0
    bold: bool = False
    #: Whether the line holds a column gap (two or more spaces in `text`).
    gapped: bool = False
    #: PDFium index of the line's first character.
    first: int = 0
    #: Whether the line belongs to a block laid out in columns (gapped, or a cell's
    #: wrapped text between gapped lines): kept as one line, indented to its place.
    layout: bool = False
    #: The line's pieces between column gaps: (x0, x1, text).
    cells: list[tuple[float, float, str]] = field(default_factory=list)


def group_lines(runs: Iterable[Run], page: int = 0) -> list[Line]:
    """Group runs into lines (by baseline), each read left to right."""
    ordered = sorted(runs, key=lambda r: (r.bottom - 0.12 * r.size, r.x0))
    clusters: list[list[Run]] = []
    base = 0.0
    for run in ordered:
        run_base = run.bottom - 0.12 * run.size
        if clusters and abs(run_base - base) <= 0.4 * run.size:
            clusters[-1].append(run)
            continue
        clusters.append([run])
        base = run_base
    return [_line(sorted(cluster, key=lambda r: r.x0), page) for cluster in clusters]


def _line(runs: list[Run], page: int) -> Line:
    first = runs[0]
    if len(runs) == 1:
        return Line(
            first.top, first.bottom, first.x0, first.x1, first.text, first.size, page,
            _head_width(first), first=first.first, cells=[(first.x0, first.x1, first.text)],
        )  # fmt: skip
    parts: list[str] = [first.text]
    cells: list[tuple[float, float, str]] = []
    cell_start, cell_from = first.x0, 0
    top, bottom, x1 = first.top, first.bottom, first.x1
    prev = first
    for run in runs[1:]:
        gap = run.x0 - prev.x1
        size = max(prev.size, run.size)
        if run.typed and run.first == prev.last + 1 + len(run.typed):
            parts.append(run.typed)
        elif gap >= 0.98 * COLUMN_GAP * size:
            cells.append((cell_start, prev.x1, "".join(parts[cell_from:])))
            parts.append(" " * max(2, round(gap / (0.5 * size))))
            cell_start, cell_from = run.x0, len(parts)
        elif gap > 0.5 * size or (gap > 0.15 * size and not _wide_side(prev, run)):
            parts.append(" ")
        parts.append(run.text)
        top, bottom, x1 = min(top, run.top), max(bottom, run.bottom), max(x1, run.x1)
        prev = run
    cells.append((cell_start, prev.x1, "".join(parts[cell_from:])))
    sizes = sorted(r.size for r in runs)
    size = sizes[len(sizes) // 2]
    text = _placed(cells, first.x0, size) if len(cells) > 1 else "".join(parts)
    return Line(
        top, bottom, first.x0, x1, text, size, page,
        _head_width(first), gapped=len(cells) > 1, first=first.first, cells=cells,
    )  # fmt: skip


def _width(text: str) -> int:
    """Display columns of a text (CJK and full-width characters take two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _placed(cells: list[tuple[float, float, str]], origin: float, size: float) -> str:
    """Cells set at the display column of their left edge (half an em a column), at
    least two spaces apart, as ``pdftotext -layout`` writes them."""
    parts: list[str] = []
    at = 0
    for i, (x0, _, text) in enumerate(cells):
        if i:
            pad = max(2, round((x0 - origin) / (0.5 * size)) - at)
            parts.append(" " * pad)
            at += pad
        parts.append(text)
        at += _width(text)
    return "".join(parts)


def _wide_side(prev: Run, run: Run) -> bool:
    """Whether a CJK character stands on either side of a gap (no word space there)."""
    return bool(_WIDE_CHAR.match(prev.text[-1]) or _WIDE_CHAR.match(run.text[0]))


def _head_width(run: Run) -> float:
    text = run.text
    match = _WORD_CHARS.match(text)
    end = match.end() if match else 1
    tail = _NO_BREAK_BEFORE.match(text[end:])
    end += tail.end() if tail else 0
    return (run.x1 - run.x0) * end / max(len(text), 1)


def mark_layout(lines: list[Line]) -> None:
    """Mark gapped lines, and lines of the same size closely above or below them."""
    for line in lines:
        line.layout = line.gapped
    for order in (lines, lines[::-1]):
        for prev, line in pairwise(order):
            if prev.layout and not line.layout and _near(prev, line):
                line.layout = True


def merge_bands(lines: list[Line]) -> list[Line]:
    """Layout lines that overlap vertically (cells of one row centred at different
    heights, a header whose cells wrap) merged into one line, column by column."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.layout
            and line.layout
            and abs(prev.size - line.size) < 1.0
            and line.top < prev.bottom - 0.1 * line.size
        ):
            out[-1] = _merged(prev, line)
        else:
            out.append(line)
    return out


def _merged(a: Line, b: Line) -> Line:
    """One line holding the cells of `a` and `b`, cells in one column joined top to bottom."""
    tagged = [(x0, x1, text, 0) for x0, x1, text in a.cells]
    tagged += [(x0, x1, text, 1) for x0, x1, text in b.cells]
    columns: list[list[tuple[float, float, str, int]]] = []
    for cell in sorted(tagged, key=lambda c: c[0]):
        if columns and cell[0] < max(c[1] for c in columns[-1]):
            columns[-1].append(cell)
        else:
            columns.append([cell])
    cells = [
        (
            min(c[0] for c in col),
            max(c[1] for c in col),
            "".join(c[2] for c in sorted(col, key=lambda c: (c[3], c[0]))),
        )
        for col in columns
    ]
    size = a.size
    text = _placed(cells, cells[0][0], size)
    return Line(
        a.top, max(a.bottom, b.bottom), min(a.x0, b.x0), max(a.x1, b.x1), text, size,
        a.page, a.head, gapped=len(cells) > 1, first=a.first, layout=True, cells=cells,
    )  # fmt: skip


def _near(a: Line, b: Line) -> bool:
    gap = b.top - a.bottom if b.top >= a.top else a.top - b.bottom
    return abs(a.size - b.size) < 1.0 and gap < 1.0 * max(a.size, b.size)


def wraps(prev: Line, line: Line, right: float) -> bool:
    """Whether `prev` ran to the right edge: `line`'s first word would not have fit."""
    return right - prev.x1 < line.head + 1.2 * prev.size


def is_page_number(line: Line, page_height: float) -> bool:
    """A short number-only line in the top or bottom margin of the page."""
    return (
        in_margin(line, page_height)
        and len(line.text) <= 12
        and bool(_PAGE_NUMBER.match(line.text))
    )


def in_margin(line: Line, page_height: float) -> bool:
    """Whether `line` stands where running heads, footers and folios go."""
    return line.top > page_height * (1 - BOTTOM_MARGIN) or line.bottom < page_height * TOP_MARGIN


def running_texts(pages: list[tuple[float, list[Line]]]) -> set[str]:
    """Margin texts (digits ignored) repeated on several pages: running heads and footers."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for height, lines in pages:
        seen.update({margin_key(ln) for ln in lines if in_margin(ln, height)})
    least = max(2, (len(pages) * 2 + 4) // 5)
    return {key for key, count in seen.items() if count >= least}


def margin_key(line: Line) -> str:
    """The text of a line with digits and spaces dropped, to compare running heads."""
    return _SPACE.sub("", _DIGITS.sub("#", line.text))


def join(lines: list[Line], right: float) -> str:
    """Join lines of one cell or paragraph: wraps without a break, others with ``\\n``."""
    out = ""
    for i, line in enumerate(lines):
        if i == 0:
            out = line.text
            continue
        prev = lines[i - 1]
        if prev.layout or line.layout or not wraps(prev, line, right):
            out += "\n"
        elif _LATIN_END.search(prev.text) and _LATIN_START.match(line.text):
            out += " "
        out += line.text
    return out


def starts_paragraph(prev: Line, line: Line, left: float, right: float) -> bool:
    """Whether `line` begins a new paragraph after `prev` in a column [left, right]."""
    if prev.layout or line.layout or not wraps(prev, line, right):
        return True
    if line.x0 > left + 1.2 * line.size:
        return True
    if abs(line.size - prev.size) > 1.0 or line.bold != prev.bold:
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


def join_titles(
    groups: list[list[Line]], body: float, left: float, right: float
) -> list[list[Line]]:
    """A title set large and centred over several lines made one line again."""
    out: list[list[Line]] = []
    middle = (left + right) / 2
    for group in groups:
        last = out[-1] if out else None
        if (
            last
            and len(last) == 1
            and len(group) == 1
            and _title_goes_on(last[0], group[0], body, middle)
        ):
            a, b = last[0], group[0]
            out[-1] = [
                Line(
                    a.top,
                    b.bottom,
                    min(a.x0, b.x0),
                    max(a.x1, b.x1),
                    a.text + b.text,
                    a.size,
                    a.page,
                    a.head,
                    a.bold,
                    False,
                    a.first,
                )
            ]
        else:
            out.append(group)
    return out


def _title_goes_on(a: Line, b: Line, body: float, middle: float) -> bool:
    large = a.size >= body + 1.5 and abs(a.size - b.size) < 0.5
    close = a.page == b.page and b.top - a.bottom < 0.8 * a.size
    centred = all(abs((ln.x0 + ln.x1) / 2 - middle) < ln.size for ln in (a, b))
    plain = not (a.layout or b.layout) and numbered_level(b.text) is None
    return large and close and centred and plain and not a.text.endswith(("。", "：", ":"))


def layout_indent(line: Line, left: float) -> int:
    """Display columns (half an em each) from the column's left edge to a layout line."""
    return max(0, round((line.x0 - left) / (0.5 * line.size)))


def numbered_level(text: str) -> int | None:
    """The outline level its numbering gives a heading (一、 → 1, （一） → 2, 1. → 3)."""
    for level, pattern in _NUMBERED:
        if pattern.match(text):
            return level
    return None


def heading_level(group: list[Line], body: float, sizes: list[float]) -> int | None:
    """The heading level of a paragraph, or None for body text.

    A heading is one short line without a full stop, numbered (一、 （一） 1.) or set
    larger or bolder than the body size `body`; `sizes` are the larger sizes used for
    headings, largest first (level 1 unless numbering says otherwise).
    """
    if len(group) != 1:
        return None
    line = group[0]
    text = line.text
    if line.layout or len(text) > 40 or "。" in text or text.endswith(("，", "；", ",", ";")):
        return None
    level = numbered_level(text)
    larger = line.size >= body + 1.5
    if level is not None and (larger or line.bold or len(text) <= 30):
        return level
    if larger:
        size = round(line.size, 1)
        return sizes.index(size) + 1 if size in sizes else 1
    if line.bold and len(text) <= 30:
        return len(sizes) + 1
    return None
