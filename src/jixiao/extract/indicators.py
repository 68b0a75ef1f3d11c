"""The indicator table: 一级/二级/三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因.

Columns are found by their header names, in whatever order; merged 一级/二级 cells
give their value to every row they cover (or, in text without spans, are carried
down from the row above).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
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
#: “指标1：” before a name: the form's numbering, not the name.
_NUMBERED = re.compile(r"^(?:指标|三级指标)\s*\d{1,2}\s*[:：、.．]\s*")
_TOTAL_ROW = re.compile(r"^(?:总分|合计|总计|综合得分|自评得分|评分合计)")


@dataclass
class _Header:
    row: int
    cols: dict[str, int]


def _roles(row: list[Cell | None]) -> dict[str, list[int]]:
    """The columns of a row whose cells name a role (every column, when a role repeats)."""
    cols: dict[str, list[int]] = {}
    for c, cell in enumerate(row):
        if cell is None or (c > 0 and row[c - 1] is cell):
            continue
        role = role_of(cell.text)
        if role is not None:
            cols.setdefault(role, []).append(c)
    return cols


@lru_cache(maxsize=8192)
def role_of(text: str) -> str | None:
    """The column role a header cell's text names, or None."""
    text = clean(text)
    if len(text) > 20:
        return None
    return next((role for role, pattern in ROLES if pattern.search(text)), None)


_SELF = re.compile(r"自评|单位|部门")


def _sub_header(grid: list[list[Cell | None]], r: int, cols: dict[str, int]) -> bool:
    """Complete `cols` from a second header row (得分 | 说明 under 自评 and 复核 …)."""
    if r + 1 >= len(grid):
        return False
    below, above = grid[r + 1], grid[r]
    if any(c is not None and cell_number(c.text) is not None for c in below):
        return False
    found = _roles(below)
    if not found or "name" in found:
        return False
    texts = [clean(c.text) if c else "" for c in below]
    heads = [clean(c.text) if c else "" for c in above]
    if any(len(texts[c]) > 6 for columns in found.values() for c in columns):
        return False
    for role, columns in found.items():
        if role in cols:
            continue
        owned = [c for c in columns if _SELF.search(heads[c])]
        cols[role] = (owned or columns)[0]
    return True


def find_header(grid: list[list[Cell | None]]) -> _Header | None:
    """The first row naming a name column and a target or score column (with the row below
    it when that row names the columns under a merged heading)."""
    for r, row in enumerate(grid):
        cols = {role: columns[0] for role, columns in _roles(row).items()}
        if "name" not in cols or len(cols) < 3:
            continue
        below = _sub_header(grid, r, cols)
        if "target" in cols or "score" in cols:
            return _Header(r + 1 if below else r, cols)
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
    name = _value(_NUMBERED.sub("", name)) if name else None
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
    points = _POINTS.search(name)
    if "weight" not in cols and points:  # 相关性（5分）: the weight written in the label
        item["name"] = clean(_POINTS.sub("", name)) or name
        item["weight"] = cell_number(re.sub(r"[^\d.]", "", points.group()))
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
