"""From recognised words to blocks: cells of ruled tables, lines, paragraphs.

A *word* is one recognised text box (a run of characters without a wide gap). Words
whose centre falls in a ruled table's cell are that cell's text; the others are
grouped into lines (by vertical overlap) and lines into paragraphs, as a reader
would: a line that stops short of the right margin, an indented line, a wider gap,
a change of type size or an enumerator (一、 （二） 3.) starts a new paragraph. A wrapped line joins the next
without a separator (Chinese has no spaces between words).

Columns without rulings stay visible: a gap wider than about two characters,
between words or inside one, is written as two or more spaces, which the
text-recovery layer turns into table columns.

Every character keeps its confidence; a block or cell's `Position` gets the lowest
one and the *doubtful words*: each number holding a character read below
`DOUBT` (the whole number), and each other such character with its neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.model.document import Block, Position, Table
from jixiao.readers._grid import SpanCell, freeze
from jixiao.readers.ocr.geometry import Box
from jixiao.readers.ocr.rulings import Grid
from jixiao.readers.ocr.text import Chars, doubtful_words, meaningful, normalise

#: Characters read with a lower confidence than this are doubtful.
DOUBT = 0.9
#: A gap wider than this many character widths separates columns.
COLUMN_GAP = 1.8

_PAGE_NUMBER = re.compile(r"^[-—–\s第页共/|·.]*\d{1,4}[-—–\s第页共/|·.\d]*$")
_LATIN = re.compile(r"[A-Za-z0-9%.]")
#: A line opening with an enumerator (一、 （二） 3. 第四，) starts a paragraph.
_ENUMERATED = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+[，、,])")


@dataclass(frozen=True)
class Word:
    """One recognised text box: its box, characters and their confidences and centres (x)."""

    box: Box
    text: str
    confidences: tuple[float, ...]
    centers: tuple[float, ...]

    def chars(self) -> Chars:
        """(character, confidence) pairs, with two spaces at wide gaps inside the word."""
        out: Chars = []
        pitch = self.box.height * 0.9
        for i, (char, conf) in enumerate(zip(self.text, self.confidences, strict=True)):
            if i and self.centers[i] - self.centers[i - 1] > COLUMN_GAP * pitch + pitch:
                out.extend([("  ", 1.0)])
            out.append((char, conf))
        return out


@dataclass
class Line:
    """Words on one text line, left to right."""

    words: list[Word] = field(default_factory=list)

    @property
    def box(self) -> Box:
        return Box(
            min(w.box.x0 for w in self.words),
            min(w.box.y0 for w in self.words),
            max(w.box.x1 for w in self.words),
            max(w.box.y1 for w in self.words),
        )

    @property
    def height(self) -> float:
        heights = sorted(w.box.height for w in self.words)
        return heights[len(heights) // 2]

    def chars(self) -> Chars:
        out: Chars = []
        for i, word in enumerate(self.words):
            if i:
                prev = out[-1][0] if out else ""
                gap = word.box.x0 - self.words[i - 1].box.x1
                if gap > COLUMN_GAP * self.height:
                    out.append(("  ", 1.0))
                elif _LATIN.match(prev[-1:]) and _LATIN.match(word.text[:1]):
                    out.append((" ", 1.0))
            out.extend(word.chars())
        return out

    def text(self) -> str:
        return "".join(c for c, _ in self.chars())


def group_lines(words: list[Word]) -> list[Line]:
    """Words grouped into lines by vertical overlap, top to bottom, each left to right."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.box.cy, w.box.x0)):
        for line in reversed(lines[-3:]):
            box = line.box
            overlap = min(box.y1, word.box.y1) - max(box.y0, word.box.y0)
            if overlap > 0.5 * min(line.height, word.box.height):
                line.words.append(word)
                break
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.box.x0)
    lines.sort(key=lambda line: line.box.y0)
    return lines


def _position(page: int, chars: Chars) -> Position:
    confidences = [c for i, (_, c) in enumerate(chars) if meaningful(chars, i)]
    lowest = round(min(confidences), 3) if confidences else None
    return Position(page=page, confidence=lowest, doubtful=doubtful_words(chars, DOUBT))


def _join(lines: list[Line], right: float) -> Chars:
    """Lines of one paragraph or cell: a wrapped line joins without a break, others with one."""
    out: Chars = []
    for i, line in enumerate(lines):
        if i:
            prev = lines[i - 1]
            if right - prev.box.x1 > 1.5 * prev.height:
                out.append(("\n", 1.0))
        out.extend(line.chars())
    return normalise(out)


def _cell_blocks(grid: Grid, words: list[Word], page: int) -> Table | None:
    by_cell: dict[int, list[Word]] = {}
    for word in words:
        for i, cell in enumerate(grid.cells):
            if cell.box.contains(word.box.cx, word.box.cy):
                by_cell.setdefault(i, []).append(word)
                break
    cells = []
    for i, cell in enumerate(grid.cells):
        chars = _join(group_lines(by_cell.get(i, [])), cell.box.x1)
        text = "".join(c for c, _ in chars).strip()
        if text == "一":  # a lone dash in a form's cell reads as the character 一
            text = "—"
        position = _position(page, chars) if chars else Position(page=page)
        cells.append(SpanCell(cell.row, cell.col, text, cell.rowspan, cell.colspan, position))
    return freeze(cells)


def _paragraphs(lines: list[Line], left: float, right: float) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not _starts_paragraph(groups[-1][-1], line, left, right):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _starts_paragraph(prev: Line, line: Line, left: float, right: float) -> bool:
    size = max(prev.height, line.height)
    if _ENUMERATED.match(line.text()):
        return True
    if right - prev.box.x1 > 1.5 * size:
        return True
    if line.box.x0 - left > 1.2 * size:
        return True
    if abs(line.height - prev.height) > 0.25 * size:
        return True
    return line.box.y0 - prev.box.y1 > 0.9 * size


def _is_page_number(line: Line, page_height: float) -> bool:
    box = line.box
    in_margin = box.y0 > page_height * 0.9 or box.y1 < page_height * 0.08
    text = line.text()
    return in_margin and len(text) <= 12 and bool(_PAGE_NUMBER.match(text))


def page_blocks(words: list[Word], tables: tuple[Grid, ...], page: int, height: float) -> list[Block]:
    """The blocks of one page in reading order: paragraphs and ruled tables."""
    inside: list[list[Word]] = [[] for _ in tables]
    free: list[Word] = []
    for word in words:
        for i, grid in enumerate(tables):
            if grid.box.contains(word.box.cx, word.box.cy):
                inside[i].append(word)
                break
        else:
            free.append(word)
    lines = [ln for ln in group_lines(free) if not _is_page_number(ln, height)]
    items: list[tuple[float, Block]] = []
    for grid, table_words in zip(tables, inside, strict=True):
        table = _cell_blocks(grid, table_words, page)
        if table is not None:
            items.append((grid.box.y0, Block("table", table=table, position=Position(page=page))))
    if lines:
        lefts = sorted(ln.box.x0 for ln in lines)
        rights = sorted(ln.box.x1 for ln in lines)
        left, right = lefts[len(lefts) // 10], rights[len(rights) * 9 // 10]
        for group in _split_at_tables(lines, tables):
            for para in _paragraphs(group, left, right):
                chars = _join(para, right)
                text = "".join(c for c, _ in chars).strip()
                if text:
                    block = Block("paragraph", text, position=_position(page, chars))
                    items.append((para[0].box.y0, block))
    items.sort(key=lambda item: item[0])
    return [block for _, block in items]


def _split_at_tables(lines: list[Line], tables: tuple[Grid, ...]) -> list[list[Line]]:
    """Runs of consecutive lines not separated by a table."""
    cuts = sorted(g.box.y0 for g in tables)
    runs: list[list[Line]] = []
    last_zone = -1
    for line in lines:
        zone = sum(1 for y in cuts if y < line.box.y0)
        if not runs or zone != last_zone:
            runs.append([])
        runs[-1].append(line)
        last_zone = zone
    return runs
