"""A scoring table whose weights stand inside its labels (评分表, 得分表).

``部门决策(25分) 目标任务(15分) 相关性(5分) 5 明确性(5分) 5 …``: every label carries
its weight; a label followed by a figure is a scored indicator (the figure is its
得分), a label followed by another label is a group. Consecutive groups nest (一级,
then 二级); a lone group is a new 二级 while the current 一级 still has weight left
for it, else a new 一级.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.recover.grid import Candidate, Grid, GridCell, header_cells, starts_cell
from jixiao.recover.headers import Header, indicator_headers
from jixiao.recover.tokens import Stream

_ITEM = re.compile(
    r"(?P<label>[^()（）\d.,，。;；:：]{2,30}?)[（(](?P<weight>\d+(?:\.\d+)?)分[)）]"
    r"(?P<score>\d+(?:\.\d+)?(?![分\d]))?")
_MIN_ITEMS = 3
_SPAN = 600


@dataclass
class _Item:
    label: str
    weight: Decimal
    score: str | None
    start: int
    end: int


def _allowed(stream: Stream) -> Callable[[int], bool]:
    return lambda pos: starts_cell(stream, pos)


def find(stream: Stream, pos: int) -> Candidate | None:
    """The first header (一级/二级/三级指标, 得分) without a weight column, followed by items."""
    for header in indicator_headers(stream.compact, pos, stream.boundaries, _allowed(stream)):
        if "weight" in header.roles or "target" in header.roles:
            continue
        if len(_items(stream.compact, header.end)) >= _MIN_ITEMS:
            return Candidate(header.start, lambda h=header: parse(stream, h))  # type: ignore[misc]
    return None


def _items(compact: str, start: int) -> list[_Item]:
    out: list[_Item] = []
    pos = start
    while True:
        match = _ITEM.match(compact, pos) if out else _ITEM.search(compact, pos, pos + 40)
        if match is None:
            return out
        out.append(_Item(match["label"], Decimal(match["weight"]), match["score"],
                         match.start(), match.end()))
        pos = match.end()
        if pos - start > _SPAN:
            return out


def _levels(items: list[_Item], depth: int) -> list[tuple[list[str], _Item]]:
    """Each scored item with the labels of the groups above it."""
    out: list[tuple[list[str], _Item]] = []
    groups: list[tuple[_Item, Decimal]] = []  # open groups with the weight still unassigned
    pending: list[_Item] = []
    for item in items:
        if item.score is None:
            pending.append(item)
            continue
        groups = _open(groups, pending, depth)
        pending = []
        out.append(([g.label for g, _ in groups], item))
        for k, (group, left) in enumerate(groups):
            groups[k] = (group, left - item.weight)
    return out


def _open(groups: list[tuple[_Item, Decimal]], pending: list[_Item],
          depth: int) -> list[tuple[_Item, Decimal]]:
    if not pending:
        return groups
    if len(pending) >= depth - 1 or not groups:
        return [(g, g.weight) for g in pending[-(depth - 1):]]
    top = groups[0]
    if top[1] >= pending[0].weight:
        return [top, *[(g, g.weight) for g in pending]][: depth - 1]
    return [(g, g.weight) for g in pending][: depth - 1]


def parse(stream: Stream, header: Header) -> Grid | None:
    """The scored items under `header` as rows 一级, 二级, 三级, 分值, 得分."""
    items = _items(stream.compact, header.end)
    depth = sum(1 for r in header.roles if r in ("level1", "level2", "name"))
    found = _levels(items, max(depth, 1))
    if len(found) < 2:
        return None
    rows = [[*header_cells(stream, header.start, header.words), GridCell("分值")]]
    for labels, item in found:
        labels = [""] * (depth - 1 - len(labels)) + labels
        cells = [GridCell(text) for text in labels]
        name = GridCell.of(stream.between(item.start, item.end))
        rows.append([*cells, GridCell(item.label, name.tokens), GridCell(item.score or ""),
                     GridCell(str(item.weight))])
    last = items[-1].end
    consumed = stream.between(header.start, last)
    return Grid(rows, consumed, stream.after(last), "indicators")
