"""Tables laid out by alignment only, whose cells wrap over several lines.

A PDF page without ruling lines (or ``pdftotext -layout``) gives a table as lines of
text placed in columns. A cell that wraps (a long 偏差原因) leaves one fragment per
line, above and below the line that holds the row's figures, with nothing between
two rows but the columns. This module rebuilds such a table from the geometry:

1. a header line names the columns (indicator or money header words, each a cell of
   its own); the column boundaries lie halfway between neighbouring header cells;
2. every fragment of the lines below goes to the column its centre falls in;
3. *anchor* lines hold the row's figures (or its name); each anchor is a row;
4. the fragments of a column between two anchors are split between them: after a
   sentence that ends (。！？) closest to where the alignment puts the split — top
   aligned cells (nothing above the first anchor) give everything to the row above,
   vertically centred ones as many lines below an anchor as above it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from jixiao.model.document import Block
from jixiao.recover.grid import GridCell
from jixiao.recover.headers import indicator_headers
from jixiao.recover.kinds import Kind, kind_of
from jixiao.recover.tokens import Token

_PIECE = re.compile(r"\S(?:\S| (?! ))*")
_END = re.compile(r"[。！？!?]$")
_NUMERIC_ROLES = ("weight", "score", "actual", "target")
_MIN_HEADER = 3
_MAX_LINES = 400


def display_width(text: str) -> int:
    """Columns a text takes in a fixed-width layout (CJK and full-width characters take two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


@dataclass
class _Piece:
    token: Token
    left: int
    right: int

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@dataclass
class _Line:
    index: int
    pieces: list[_Piece]
    cols: dict[int, list[_Piece]] = field(default_factory=dict)


def pieces(index: int, block: Block) -> list[_Piece]:
    """The gap-separated pieces of a line with their display-column extents."""
    out = []
    for match in _PIECE.finditer(block.text):
        left = block.indent + display_width(block.text[:match.start()])
        token = Token(match.group(), index, match.start(), match.end(), True, False)
        out.append(_Piece(token, left, left + display_width(match.group())))
    return out


def _header_roles(line: list[_Piece]) -> list[str] | None:
    """Column roles when every piece of the line is a header word (indicator or money)."""
    texts = [p.token.text.replace(" ", "") for p in line]
    compact = "".join(texts)
    bounds = frozenset(sum(len(t) for t in texts[:k]) for k in range(len(texts) + 1))
    for header in indicator_headers(compact, 0, bounds):
        if len(header.words) >= _MIN_HEADER and header.end - header.start >= len(compact) - 8:
            return _line_roles(texts, header.words, header.roles)
    return None


def _line_roles(texts: list[str], words: tuple[str, ...], roles: tuple[str, ...]) -> list[str]:
    """A role per piece: the role of the header word it holds (pieces before the run: labels)."""
    out = []
    by_word = dict(zip(words, roles, strict=True))
    for text in texts:
        out.append(next((r for w, r in by_word.items() if text == w or text.endswith(w)), "label"))
    return out


def _column(bounds: list[float], centre: float) -> int:
    for k, bound in enumerate(bounds):
        if centre < bound:
            return k
    return len(bounds)


def _bounds(header: list[_Piece]) -> list[float]:
    return [(a.right + b.left) / 2 for a, b in itertools.pairwise(header)]


def _is_layout(block: Block) -> bool:
    return block.table is None and (block.indent > 0 or "  " in block.text)


def _anchor_cols(roles: list[str]) -> set[int]:
    numeric = {k for k, r in enumerate(roles) if r in _NUMERIC_ROLES}
    return numeric or {k for k, r in enumerate(roles) if r == "name"}


def _is_anchor(line: _Line, anchors: set[int]) -> bool:
    return any(k in anchors and any(kind_of(p.token.text) is not Kind.TEXT for p in ps)
               for k, ps in line.cols.items())


@dataclass
class LayoutTable:
    """A recovered table: its rows of cells and the blocks it used."""

    rows: list[list[GridCell]]
    used: list[int]


def find_tables(blocks: list[tuple[int, Block]]) -> list[LayoutTable]:
    """Every alignment-only table with a header line among `blocks`."""
    found: list[LayoutTable] = []
    k = 0
    while k < len(blocks):
        index, block = blocks[k]
        line = pieces(index, block) if _is_layout(block) else []
        roles = _header_roles(line) if len(line) >= _MIN_HEADER else None
        if roles is None:
            k += 1
            continue
        body = _body(blocks, k + 1)
        table = _build(line, roles, [(i, pieces(i, b)) for i, b in body])
        if table is not None:
            found.append(table)
            k += 1 + len(body)
        else:
            k += 1
    return found


def _body(blocks: list[tuple[int, Block]], start: int) -> list[tuple[int, Block]]:
    """The layout lines after a header, up to a plain paragraph or the next header."""
    out = []
    for index, block in blocks[start:start + _MAX_LINES]:
        if not _is_layout(block):
            break
        line = pieces(index, block)
        if len(line) >= _MIN_HEADER and _header_roles(line) is not None:
            break
        out.append((index, block))
    return out


def _build(header: list[_Piece], roles: list[str], body: list[tuple[int, list[_Piece]]]) -> LayoutTable | None:
    bounds = _bounds(header)
    lines = []
    for index, line_pieces in body:
        line = _Line(index, line_pieces)
        for piece in line_pieces:
            line.cols.setdefault(_column(bounds, piece.centre), []).append(piece)
        lines.append(line)
    anchors = _anchor_cols(roles)
    rows = [k for k, line in enumerate(lines) if _is_anchor(line, anchors)]
    if not rows or not any(k not in rows for k in range(rows[0], rows[-1])):
        return None  # no cell wraps: each line is a row, read by `rows`
    text_cols = {k for k, r in enumerate(roles) if r not in _NUMERIC_ROLES}
    lines = _trim_tail(lines, rows, text_cols)
    cells = _assign(lines, rows, len(header))
    grid = [[GridCell.of([p.token]) for p in header]]
    for row in cells:
        grid.append([GridCell.of([p.token for p in col]) for col in row])
    return LayoutTable(grid, [h.token.block for h in header[:1]] + [line.index for line in lines])


def _trim_tail(lines: list[_Line], anchors: list[int], text_cols: set[int]) -> list[_Line]:
    """The lines up to the last anchor and the wrapped fragments that still belong to it:
    lines of fragments in text columns only, as many as the last row has above its anchor
    when cells are centred (all of them when cells are top-aligned)."""
    last = anchors[-1]
    start = anchors[-2] + 1 if len(anchors) > 1 else 0
    above = sum(1 for line in lines[start:last] if line.cols) if len(anchors) > 1 else last
    centred = any(lines[k].cols for k in range(anchors[0]))
    end = last + 1
    while (end < len(lines) and lines[end].cols and set(lines[end].cols) <= text_cols
           and (not centred or end - last <= max(above, 1))):
        end += 1
    return lines[:end]


def _assign(lines: list[_Line], anchors: list[int], width: int) -> list[list[list[_Piece]]]:
    """For each anchor, the pieces of each column that belong to its row."""
    rows: list[list[list[_Piece]]] = [[[] for _ in range(width)] for _ in anchors]
    for col in range(width):
        owners = _owners(lines, anchors, col)
        for line, owner in zip(lines, owners, strict=True):
            if owner is not None:
                rows[owner][col].extend(line.cols.get(col, []))
    return rows


def _owners(lines: list[_Line], anchors: list[int], col: int) -> list[int | None]:
    """For each line, the row (anchor number) its fragment in column `col` belongs to."""
    owners: list[int | None] = [None] * len(lines)
    has = [bool(line.cols.get(col)) for line in lines]
    above_first = sum(has[:anchors[0]])
    centred = above_first > 0
    for r, a in enumerate(anchors):
        owners[a] = r
    for k in range(anchors[0]):
        owners[k] = 0
    below = above_first
    for r in range(len(anchors)):
        start = anchors[r] + 1
        stop = anchors[r + 1] if r + 1 < len(anchors) else len(lines)
        gap = [k for k in range(start, stop) if has[k]]
        if r + 1 == len(anchors):
            split = len(gap)
        else:
            split = _split(lines, gap, col, below if centred else len(gap))
        for n, k in enumerate(gap):
            owners[k] = r if n < split else r + 1
        above_next = len(gap) - split
        below = above_next
    return owners


def _split(lines: list[_Line], gap: list[int], col: int, predicted: int) -> int:
    """How many of the fragments between two anchors belong to the upper row."""
    predicted = max(0, min(len(gap), predicted))
    ends = [n + 1 for n, k in enumerate(gap)
            if any(_END.search(p.token.text) for p in lines[k].cols.get(col, []))]
    if not ends:
        return predicted
    return min(ends, key=lambda e: abs(e - predicted))
