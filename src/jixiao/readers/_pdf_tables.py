"""Ruled tables of a PDF page rebuilt from its rule segments.

Segments on one line are merged, touching horizontals and verticals are grouped
into tables, and every table's distinct rule positions give a grid. Two
neighbouring grid slots with no rule between them belong to one cell, so merged
cells come out with their row and column spans, whatever shape the table has.
A slot group that is not closed by rules on all four sides is outside the table.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from jixiao.readers._pdf_page import Segment

#: Points within which two rules are the same grid line.
SNAP = 2.0
#: Points by which rules may miss each other and still touch.
TOUCH = 2.5


@dataclass
class GridCell:
    """One cell of a grid: its slots and its box (x0, top, x1, bottom)."""

    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[float, float, float, float]


@dataclass
class Grid:
    """A ruled table on a page: rule positions and cells."""

    xs: list[float]
    ys: list[float]
    cells: list[GridCell]
    slot_cell: dict[tuple[int, int], int] = field(default_factory=dict)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def cell_at(self, x: float, y: float) -> int | None:
        """Index of the cell holding the point, or None outside the table."""
        col = bisect_right(self.xs, x) - 1
        row = bisect_right(self.ys, y) - 1
        return self.slot_cell.get((row, col))

    def inner_walls(self) -> tuple[float, ...]:
        """x positions of the vertical rules inside the table."""
        return tuple(self.xs[1:-1])


def _merge(segments: list[Segment]) -> list[Segment]:
    """Collinear segments that overlap or touch merged into one."""
    clusters: list[list[Segment]] = []
    for seg in sorted(segments, key=lambda s: s.pos):
        if clusters and seg.pos - clusters[-1][-1].pos <= SNAP:
            clusters[-1].append(seg)
        else:
            clusters.append([seg])
    out: list[Segment] = []
    for cluster in clusters:
        pos = sorted(s.pos for s in cluster)[len(cluster) // 2]
        first = len(out)
        for seg in sorted(cluster, key=lambda s: s.start):
            if len(out) > first and seg.start <= out[-1].end + TOUCH:
                last = out[-1]
                out[-1] = Segment(last.horizontal, pos, last.start, max(last.end, seg.end))
            else:
                out.append(Segment(seg.horizontal, pos, seg.start, seg.end))
    return out


def _touch(h: Segment, v: Segment) -> bool:
    return h.start - TOUCH <= v.pos <= h.end + TOUCH and v.start - TOUCH <= h.pos <= v.end + TOUCH


def _groups(hs: list[Segment], vs: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    """Horizontal and vertical rules grouped into connected tables."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touch(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > SNAP:
            out.append(value)
    return out


def _covers(rules: list[Segment], pos: float, mid: float) -> bool:
    return any(abs(r.pos - pos) <= SNAP and r.start - TOUCH <= mid <= r.end + TOUCH for r in rules)


def _near(rules: list[Segment], positions: list[float]) -> list[list[Segment]]:
    """For each grid position, the rules standing on it."""
    return [[r for r in rules if abs(r.pos - p) <= SNAP] for p in positions]


class _Slots:
    """Union-find over the grid slots of one table."""

    def __init__(self, rows: int, cols: int) -> None:
        self.cols = cols
        self.parent = list(range(rows * cols))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = self.find(a[0] * self.cols + a[1]), self.find(b[0] * self.cols + b[1])
        self.parent[ra] = rb


def _grid(hs: list[Segment], vs: list[Segment]) -> Grid | None:
    xs, ys = _positions([v.pos for v in vs]), _positions([h.pos for h in hs])
    if len(xs) < 2 or len(ys) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    mid_x = [(xs[j] + xs[j + 1]) / 2 for j in range(cols)]
    mid_y = [(ys[i] + ys[i + 1]) / 2 for i in range(rows)]
    on_x, on_y = _near(vs, xs), _near(hs, ys)
    walls_v = [[_covers(on_x[j], xs[j], mid_y[i]) for j in range(cols + 1)] for i in range(rows)]
    walls_h = [[_covers(on_y[i], ys[i], mid_x[j]) for j in range(cols)] for i in range(rows + 1)]
    slots = _Slots(rows, cols)
    for i in range(rows):
        for j in range(cols):
            if j + 1 < cols and not walls_v[i][j + 1]:
                slots.union((i, j), (i, j + 1))
            if i + 1 < rows and not walls_h[i + 1][j]:
                slots.union((i, j), (i + 1, j))
    members: dict[int, list[tuple[int, int]]] = {}
    for i in range(rows):
        for j in range(cols):
            members.setdefault(slots.find(i * cols + j), []).append((i, j))
    grid = Grid(xs, ys, [])
    for group in members.values():
        r0, r1 = min(i for i, _ in group), max(i for i, _ in group)
        c0, c1 = min(j for _, j in group), max(j for _, j in group)
        closed = (
            any(walls_h[r0][j] for j in range(c0, c1 + 1))
            and any(walls_h[r1 + 1][j] for j in range(c0, c1 + 1))
            and any(walls_v[i][c0] for i in range(r0, r1 + 1))
            and any(walls_v[i][c1 + 1] for i in range(r0, r1 + 1))
        )
        if not closed:
            continue
        box = (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
        for slot in group:
            grid.slot_cell[slot] = len(grid.cells)
        grid.cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, box))
    return grid if len(grid.cells) >= 2 else None


def find_grids(segments: list[Segment]) -> list[Grid]:
    """The ruled tables drawn by `segments`, top to bottom."""
    hs = _merge([s for s in segments if s.horizontal])
    vs = _merge([s for s in segments if not s.horizontal])
    grids = [g for g in (_grid(h, v) for h, v in _groups(hs, vs)) if g is not None]
    return sorted(grids, key=lambda g: g.ys[0])
