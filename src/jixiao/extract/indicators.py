"""The indicator table: 一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因.

Columns are found by their header names, in whatever order; merged 一级/二级 cells
give their value to every row they cover (or, in text without spans, are carried
down from the row above).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jixiao.extract.context import Context
from jixiao.extract.facts import Facts
from jixiao.extract.numbers import cell_number, clean
from jixiao.extract.tables import align, cell_at, first_text, rows_of
from jixiao.model.document import Cell, Table
from jixiao.model.provenance import SourceRef
from jixiao.recover.vocab import INDICATOR_ROLES

#: Column role → header pattern (shared with the recovery of flattened forms).
ROLES = INDICATOR_ROLES
_POINTS = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分?\s*[）)]")
_PLACEHOLDER = re.compile(r"^[/／\\—\-–…·.。无]*$")
_TOTAL_ROW = re.compile(r"^(?:总分|合计|总计|综合得分|自评得分|评分合计)")


@dataclass
class _Header:
    row: int
    cols: dict[str, int]


def find_header(grid: list[list[Cell | None]]) -> _Header | None:
    """The first row naming at least a name column and a target or score column."""
    for r, row in enumerate(grid):
        cols: dict[str, int] = {}
        for c, cell in enumerate(row):
            if cell is None or (c > 0 and row[c - 1] is cell):
                continue
            text = clean(cell.text)
            for role, pattern in ROLES:
                if role not in cols and len(text) <= 20 and pattern.search(text):
                    cols[role] = c
                    break
        if "name" in cols and ("target" in cols or "score" in cols) and len(cols) >= 3:
            return _Header(r, cols)
    return None


def _level(text: str) -> str | None:
    value = clean(_POINTS.sub("", text))
    return value or None


def _value(text: str) -> str | None:
    value = clean(text).strip("　 \t")
    return None if _PLACEHOLDER.fullmatch(value) else value


def _target(row: list[Cell | None], cols: dict[str, int], offset: int) -> str | None:
    target = _cell_text(row, cols, "target", offset)
    if target is None:
        return None
    op = _cell_text(row, cols, "operator", offset) or ""
    unit = _cell_text(row, cols, "unit", offset) or ""
    if op and not target.startswith(op):
        target = op + target
    if unit and cell_number(target.lstrip("≥≤><=＝﹦")) is not None and not target.endswith(unit):
        target += unit
    return target


def _cell_text(row: list[Cell | None], cols: dict[str, int], role: str, offset: int) -> str | None:
    if role not in cols:
        return None
    cell = cell_at(row, cols[role] + offset)
    return _value(cell.text) if cell else None


def _row_item(row: list[Cell | None], header: _Header, offset: int,
              carry: dict[str, str | None]) -> dict[str, Any] | None:
    cols = header.cols
    name = _cell_text(row, cols, "name", offset)
    for level in ("level1", "level2"):
        value = _level(_cell_text(row, cols, level, offset) or "")
        if value:
            carry[level] = value
            if level == "level1":
                carry["level2"] = None
    if not name:
        return None
    item: dict[str, Any] = {"level1": carry.get("level1"), "level2": carry.get("level2"),
                            "name": name, "target": _target(row, cols, offset)}
    for role in ("actual", "deviation", "unit"):
        if role in cols:
            item[role] = _cell_text(row, cols, role, offset)
    for role in ("weight", "score"):
        if role in cols:
            text = _cell_text(row, cols, role, offset)
            item[role] = cell_number(text) if text else None
    return item


def parse_table(index: int, table: Table) -> tuple[list[dict[str, Any]], list[SourceRef]]:
    """The indicator rows of `table` (empty when it has no indicator header)."""
    grid = rows_of(table)
    header = find_header(grid)
    if header is None:
        return [], []
    items: list[dict[str, Any]] = []
    refs: list[SourceRef] = []
    carry: dict[str, str | None] = {"level1": None, "level2": None}
    for row in grid[header.row + 1:]:
        first = first_text(row)
        if first and _TOTAL_ROW.match(clean(first[1].text)):
            break
        if first and find_header([row]) is not None:
            continue
        offset = align(grid[header.row], row)
        item = _row_item(row, header, offset, carry)
        if item is None:
            continue
        items.append(item)
        cell = cell_at(row, header.cols["name"] + offset)
        assert cell is not None
        refs.append(SourceRef(index, cell.position, cell.text, row=cell.row, col=cell.col))
    return items, refs


def _merge(items: list[dict[str, Any]], refs: list[SourceRef], found: list[dict[str, Any]],
           found_refs: list[SourceRef]) -> None:
    """Add `found` to `items`; an indicator already listed (a target table and a 自评表 of
    the same indicators) is completed rather than repeated."""
    index = {(i["level2"], i["name"]): n for n, i in enumerate(items)}
    for item, ref in zip(found, found_refs, strict=True):
        n = index.get((item["level2"], item["name"]))
        if n is None:
            items.append(item)
            refs.append(ref)
            continue
        for key, value in item.items():
            if value is not None:
                items[n][key] = value


def extract(ctx: Context, facts: Facts) -> None:
    """Propose the indicators of every indicator table, in document order."""
    items: list[dict[str, Any]] = []
    refs: list[SourceRef] = []
    for index, table, _ in ctx.tables:
        found, found_refs = parse_table(index, table)
        _merge(items, refs, found, found_refs)
    if items:
        parts = tuple((f"[{i}]", ref) for i, ref in enumerate(refs))
        facts.propose("indicators", items, 30, refs[0], parts)
