"""From recognised words to blocks: cells of ruled tables, lines, paragraphs.

A *word* is one recognised text box (a run of characters without a wide gap). Words
whose centre falls in a ruled table's cell are that cell's text; the others are
grouped into lines (by vertical overlap) and lines into paragraphs, as a reader
would: a line that stops short of the right margin, an indented line, a wider gap,
a change of type size or an enumerator (一、 （二） 3.) starts a new paragraph. A wrapped line joins the next
without a separator (Chinese has no spaces between words).

Columns without rulings stay visible: a line with a gap wider than about two
characters (between words or inside one) is a paragraph of its own, laid out as
``pdftotext -layout`` would (each run of text at its display column, half a
character each, the line's indent in `Block.indent`), which the text-recovery layer
turns into table columns. Inside a cell such a gap is two spaces.

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

    def segments(self) -> list[tuple[float, Chars]]:
        """(left edge, characters) of the word's runs, split where its characters stand
        more than `COLUMN_GAP` characters apart (a detector box over two columns)."""
        pitch = self.box.height * 0.9
        out: list[tuple[float, Chars]] = [(self.box.x0, [])]
        for i, (char, conf) in enumerate(zip(self.text, self.confidences, strict=True)):
            if i and self.centers[i] - self.centers[i - 1] > COLUMN_GAP * pitch + pitch:
                out.append((self.centers[i] - pitch / 2, []))
            out[-1][1].append((char, conf))
        return out


def display_width(text: str) -> int:
    """Columns a text takes in a fixed-width layout (CJK and full-width characters take two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


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

    def segments(self) -> list[tuple[float, Chars]]:
        """(left edge, characters) of the line's runs of text between column gaps."""
        out: list[tuple[float, Chars]] = []
        right = None
        for word in self.words:
            for i, (x0, chars) in enumerate(word.segments()):
                gap = x0 - right if right is not None else 0.0
                if not out or i or gap > COLUMN_GAP * self.height:
                    out.append((x0, list(chars)))
                    continue
                prev = out[-1][1][-1][0] if out[-1][1] else ""
                if _LATIN.match(prev[-1:]) and _LATIN.match(chars[0][0] if chars else ""):
                    out[-1][1].append((" ", 1.0))
                out[-1][1].extend(chars)
            right = word.box.x1
        return out

    @property
    def gapped(self) -> bool:
        """Whether the line has column gaps (a row of a table drawn without rulings)."""
        return len(self.segments()) > 1

    def chars(self, left: float | None = None, em: float = 0.0) -> Chars:
        """The line's characters; runs apart by column gaps are separated by two or more
        spaces, or, given the text column's `left` edge and the width `em` of a Chinese
        character, placed at their display column (half a character each) as
        ``pdftotext -layout`` places them."""
        out: Chars = []
        column = 0
        for i, (x0, chars) in enumerate(self.segments()):
            if i:
                wanted = round(2 * (x0 - left) / em) - column if left is not None and em else 2
                spaces = max(2, wanted)
                out.append((" " * spaces, 1.0))
                column += spaces
            elif left is not None and em:
                column = self.indent(left, em)
            out.extend(chars)
            column += display_width("".join(c for c, _ in chars))
        return out

    def indent(self, left: float, em: float) -> int:
        """Display columns from the text column's `left` edge to the line's start."""
        return max(0, round(2 * (self.box.x0 - left) / em)) if em else 0

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
    if _ENUMERATED.match(line.text()) or prev.gapped or line.gapped:
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
            frame = (left, right, em_of(free))
            for para in _paragraphs(group, left, right):
                block = _paragraph(para, frame, page)
                if block is not None:
                    items.append((para[0].box.y0, block))
    items.sort(key=lambda item: item[0])
    return [block for _, block in items]


def em_of(words: list[Word]) -> float:
    """The width of a Chinese character on the page: the median over words of Chinese text."""
    sizes = sorted(
        w.box.width / len(w.text) for w in words if len(w.text) >= 2 and display_width(w.text) == 2 * len(w.text)
    )
    if sizes:
        return sizes[len(sizes) // 2]
    heights = sorted(w.box.height for w in words)
    return 0.75 * heights[len(heights) // 2] if heights else 0.0


def _paragraph(lines: list[Line], frame: tuple[float, float, float], page: int) -> Block | None:
    """A paragraph block; a line with column gaps is laid out by display columns, with its
    indent, as the PDF reader lays out such lines (the recovery layer reads them).
    `frame` is the text column's left and right edges and the width of a character."""
    left, right, em = frame
    if len(lines) == 1 and lines[0].gapped:
        chars = normalise(lines[0].chars(left, em))
        text = "".join(c for c, _ in chars).rstrip()
        indent = lines[0].indent(left, em)
        return Block("paragraph", text, position=_position(page, chars), indent=indent)
    chars = _join(lines, right)
    text = "".join(c for c, _ in chars).strip()
    return Block("paragraph", text, position=_position(page, chars)) if text else None


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
