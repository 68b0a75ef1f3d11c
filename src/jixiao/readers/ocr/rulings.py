"""Ruled tables in a page image: ruling lines, the grid they make, merged cells.

The page is binarised (adaptive threshold, so shading and faint scans work) and
opened with a long thin kernel in each direction: what survives are horizontal
strokes longer than 0.3 inch and vertical ones longer than 0.2 inch (longer than
any character of body text, shorter than a table row), i.e. ruling lines; text,
seals (already lifted out) and signatures do not survive. Lines close together (within a quarter of a text line) are one grid
line. A region of connected rulings with at least two lines each way is a table.

Cells: between consecutive grid lines lie grid slots. Two neighbouring slots are
one (merged) cell when the ruling between them is missing for most of its length.
Each group of slots joined that way becomes a cell spanning their rows and columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from jixiao.readers.ocr.geometry import Box, Grey, Pixels

#: Share of a slot's edge that must be ruled for the edge to separate two cells.
_RULED = 0.6


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell of a ruled table: its first row and column, spans and box."""

    row: int
    col: int
    rowspan: int
    colspan: int
    box: Box


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table: its outline, grid lines and cells."""

    box: Box
    xs: tuple[int, ...]
    ys: tuple[int, ...]
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class Rulings:
    """The ruling lines of a page (masks) and the tables they make."""

    horizontal: Pixels
    vertical: Pixels
    tables: tuple[Grid, ...]

    def mask(self, grow: int = 2) -> Pixels:
        """Every ruling pixel, grown by `grow` pixels (to erase lines before reading text)."""
        both = (self.horizontal | self.vertical).astype(np.uint8)
        kernel = np.ones((2 * grow + 1, 2 * grow + 1), np.uint8)
        return np.asarray(cv2.dilate(both, kernel) > 0)


def ruling_strokes(grey: Grey, dpi: float) -> tuple[Pixels, Pixels]:
    """Masks (uint8) of the long thin horizontal and vertical strokes of a deskewed page."""
    binary = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, _odd(dpi / 6), 15
    )
    thickest = max(4, int(dpi / 25))
    horizontal = _open(binary, (max(15, int(0.3 * dpi)), 1), thickest)
    vertical = _open(binary, (1, max(10, int(0.2 * dpi))), thickest)
    return horizontal, vertical


def long_strokes(strokes: tuple[Pixels, Pixels], length: float) -> Pixels:
    """Boolean mask of the strokes at least `length` pixels long (a table's rulings, not
    the short straight-looking pieces of a seal's ring)."""
    out = np.zeros(strokes[0].shape, bool)
    for mask, along in ((strokes[0], 2), (strokes[1], 3)):
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        keep = [i for i in range(1, n) if stats[i, along] >= length]
        if keep:
            out |= np.isin(labels, keep)
    return out


def find_rulings(
    strokes: tuple[Pixels, Pixels], dpi: float, seals: Pixels | None = None
) -> Rulings:
    """The ruling lines and ruled tables made of `strokes` (from `ruling_strokes`);
    strokes lying wholly inside a seal (``seals``, a mask) are parts of the seal."""
    horizontal, vertical = strokes
    if seals is not None:
        horizontal, vertical = _outside(horizontal, seals), _outside(vertical, seals)
    vertical = _anchored(vertical, horizontal, dpi)
    tables = _tables(horizontal, vertical, dpi)
    return Rulings(horizontal > 0, vertical > 0, tuple(tables))


def _odd(value: float) -> int:
    n = max(3, int(value))
    return n if n % 2 else n + 1


def _open(binary: Pixels, size: tuple[int, int], thickest: int) -> Pixels:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, size)
    opened = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
    # close small breaks in a line (a scan's dropouts, a signature crossing it)
    bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (size[0] // 4 or 1, size[1] // 4 or 1))
    closed = cv2.morphologyEx(opened, cv2.MORPH_CLOSE, bridge)
    # rulings are thin: drop thick strokes (the side of a seal left in a grey scan)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    along = 2 if size[0] > size[1] else 3  # the stat that measures length
    thick = [i for i in range(1, n) if stats[i, 4] > thickest * stats[i, along]]
    if thick:
        closed[np.isin(labels, thick)] = 0
    return np.asarray(closed)


def _outside(mask: Pixels, region: Pixels) -> Pixels:
    """`mask` without its connected strokes that lie wholly inside `region`."""
    n, labels, _, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return mask
    total = np.bincount(labels.ravel(), minlength=n)
    within = np.bincount(labels[region].ravel(), minlength=n)
    inner = [i for i in range(1, n) if within[i] >= total[i]]
    if not inner:
        return mask
    out = mask.copy()
    out[np.isin(labels, inner)] = 0
    return out


def _anchored(vertical: Pixels, horizontal: Pixels, dpi: float) -> Pixels:
    """Vertical strokes that end on a horizontal ruling (at one end at least): a table's
    rulings meet; the spike of a seal's star or a stroke of a signature does not."""
    reach = max(3, int(dpi / 30))
    near = cv2.dilate(horizontal, np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)) > 0
    n, labels, stats, _ = cv2.connectedComponentsWithStats(vertical, connectivity=8)
    loose = []
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        top = near[y : y + reach, x : x + w].any()
        bottom = near[max(y, y + h - reach) : y + h, x : x + w].any()
        if not (top or bottom):
            loose.append(i)
    if loose:
        vertical = vertical.copy()
        vertical[np.isin(labels, loose)] = 0
    return vertical


def _tables(horizontal: Pixels, vertical: Pixels, dpi: float) -> list[Grid]:
    joined = cv2.dilate(
        ((horizontal > 0) | (vertical > 0)).astype(np.uint8), np.ones((5, 5), np.uint8)
    )
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if w < dpi or h < dpi / 4:
            continue
        grid = _grid(horizontal[y : y + h, x : x + w], vertical[y : y + h, x : x + w], x, y, dpi)
        if grid is not None:
            out.append(grid)
    return sorted(out, key=lambda g: g.box.y0)


def _positions(mask: Pixels, axis: int, tolerance: int, shortest: int) -> list[int]:
    """Grid line positions: centres of runs of rows (axis 1) or columns (axis 0) ruled
    over at least `shortest` pixels."""
    profile = (mask > 0).sum(axis=axis)
    lines = np.nonzero(profile >= shortest)[0]
    out: list[list[int]] = []
    for pos in lines:
        if out and pos - out[-1][-1] <= tolerance:
            out[-1].append(int(pos))
        else:
            out.append([int(pos)])
    return [round(sum(run) / len(run)) for run in out]


def _grid(h_mask: Pixels, v_mask: Pixels, x: int, y: int, dpi: float) -> Grid | None:
    tolerance = max(3, int(dpi / 25))
    ys = _positions(h_mask, 1, tolerance, int(0.25 * dpi))
    xs = _positions(v_mask, 0, tolerance, int(0.15 * dpi))
    if len(ys) < 2 or len(xs) < 2:
        return None
    band = max(2, tolerance // 2)
    slots = _Slots(len(ys) - 1, len(xs) - 1)
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            if c + 1 < len(xs) - 1 and not _ruled(v_mask, xs[c + 1], ys[r], ys[r + 1], band, 0):
                slots.join((r, c), (r, c + 1))
            if r + 1 < len(ys) - 1 and not _ruled(h_mask, ys[r + 1], xs[c], xs[c + 1], band, 1):
                slots.join((r, c), (r + 1, c))
    cells = []
    for group in slots.groups():
        rows = [r for r, _ in group]
        cols = [c for _, c in group]
        r0, r1, c0, c1 = min(rows), max(rows) + 1, min(cols), max(cols) + 1
        box = Box(x + xs[c0], y + ys[r0], x + xs[c1], y + ys[r1])
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, box))
    outline = Box(x + xs[0], y + ys[0], x + xs[-1], y + ys[-1])
    return Grid(outline, tuple(x + v for v in xs), tuple(y + v for v in ys), tuple(cells))


def _ruled(mask: Pixels, at: int, start: int, end: int, band: int, axis: int) -> bool:
    """Whether a ruling runs at `at` (a column for axis 0, a row for axis 1) from start to end."""
    inner = slice(start + band, max(start + band + 1, end - band))
    strip = (
        mask[inner, max(0, at - band) : at + band + 1]
        if axis == 0
        else mask[max(0, at - band) : at + band + 1, inner]
    )
    if strip.size == 0:
        return False
    covered = (strip > 0).any(axis=1 - axis)
    return bool(covered.mean() >= _RULED)


class _Slots:
    """Union-find over the grid slots of a table."""

    def __init__(self, n_rows: int, n_cols: int) -> None:
        self.parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(self, slot: tuple[int, int]) -> tuple[int, int]:
        while self.parent[slot] != slot:
            self.parent[slot] = self.parent[self.parent[slot]]
            slot = self.parent[slot]
        return slot

    def join(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[tuple[int, int]]]:
        out: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for slot in self.parent:
            out.setdefault(self.find(slot), []).append(slot)
        return list(out.values())
