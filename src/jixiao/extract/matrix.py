"""Money tables: rows and columns labelled with budget stages and categories.

A header row holds at least two labelled cells and no figures. Each later row's
label (its first text cell) and each column's header together give a stage and a
category; the figure where they cross is the value of that field. A table may hold
several such blocks, each starting at its own header row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.extract.context import Context
from jixiao.extract.facts import Facts
from jixiao.extract.labels import category_of, path_for, stage_of
from jixiao.extract.numbers import NUMBER, cell_number, cell_unit, clean
from jixiao.extract.tables import align, cell_at, rows_of
from jixiao.model.document import Cell, Table
from jixiao.model.money import to_wan
from jixiao.model.provenance import SourceRef

_UNIT_DECLARED = re.compile(r"单位\s*[：:]\s*(亿元|万元|元)|[（(](亿元|万元|元)[）)]")
_LABEL_VALUE = re.compile(rf"^(?:其中[：:])?\s*([^：:\d]{{2,12}})[：:]\s*({NUMBER})\s*(?:万元)?$")
Label = tuple[str | None, str | None]


@dataclass
class _Block:
    header: list[Cell | None]
    cols: dict[int, Label]
    default_stage: str | None
    tp_context: bool
    unit: str = "万元"


def table_unit(ctx: Context, index: int, table: Table) -> str:
    """The money unit a table declares in its first rows or just above it (万元 by default)."""
    texts = [c.text for c in table.cells if c.row < 2]
    texts += [b.text for b in ctx.document.blocks[max(index - 2, 0):index] if b.table is None]
    for text in texts:
        match = _UNIT_DECLARED.search(text)
        if match:
            return match.group(1) or match.group(2)
    return "万元"


def _classify(text: str, year: int | None, tp: bool) -> Label:
    stage, category = stage_of(text, year), category_of(text)
    if category == "total" and tp and "支出" not in text:
        category = "tp.total"
    return stage, category


def _is_tp(label: str) -> bool:
    return (category_of(label) or "").startswith("tp.")


def _tp_rows(rows: list[list[Cell | None]]) -> bool:
    """True when the rows below a header are mostly 三公 items."""
    labels = []
    for row in rows:
        if not any(c and cell_number(c.text) is not None for c in row):
            break
        labels.append(_row_label(row))
    return sum(1 for label in labels if _is_tp(label)) >= 2


def _header(row: list[Cell | None], texts: list[str], above: list[list[Cell | None]],
            year: int | None, below: list[list[Cell | None]]) -> _Block | None:
    if any(cell_number(t) is not None for t in texts if t):
        return None
    # Which columns are labelled does not depend on the 三公 context (it only renames a
    # total), so the rows below are looked at only for a row that heads a block.
    labelled = [c for c, t in enumerate(texts) if t and _classify(t, year, False) != (None, None)]
    if len(labelled) < 2:
        return None
    tp = sum(1 for t in texts if _is_tp(t)) >= 2 or _tp_rows(below)
    cols = {c: _classify(texts[c], year, tp) for c in labelled}
    group = " ".join(clean(c.text) for r in above for c in r if c)
    default = "budget" if "预算" in group and not re.search(r"决算|执行", group) else None
    return _Block(row, cols, default or ("actual" if "决算" in group else None), tp)


def _row_label(row: list[Cell | None]) -> str:
    """The first text cell before the row's first figure."""
    for cell in row:
        if cell is None or not clean(cell.text):
            continue
        if cell_number(cell.text) is not None:
            break
        return clean(cell.text)
    return ""


def _row_values(index: int, row: list[Cell | None], block: _Block, year: int | None,
                facts: Facts) -> None:
    label = _row_label(row)
    r_stage, r_cat = _classify(label, year, block.tp_context) if label else (None, None)
    offset = align(block.header, row)
    for col, (c_stage, c_cat) in block.cols.items():
        if r_cat and c_cat and r_cat != c_cat:
            continue
        stage = r_stage or c_stage or block.default_stage
        category = r_cat or c_cat
        cell = cell_at(row, col + offset)
        if stage is None or category is None or cell is None:
            continue
        value = cell_number(cell.text)
        path = path_for(stage, category)
        if value is None or path is None:
            continue
        unit = cell_unit(cell.text)
        if unit in ("%", "分"):
            continue
        if unit is None:
            value = to_wan(value, block.unit)
        explicit = stage != "budget" or category.startswith("tp.")
        ref = SourceRef(index, cell.position, cell.text, row=cell.row, col=cell.col)
        facts.propose(path, value, 35 if explicit else 25, ref)


def _label_values(index: int, table: Table, has_final: bool, facts: Facts) -> None:
    for cell in table.cells:
        text = clean(cell.text)
        match = _LABEL_VALUE.match(text) if "：" in text or ":" in text else None
        if not match:
            continue
        category = category_of(match.group(1))
        if category in ("basic", "project", "total"):
            path = path_for("final" if has_final else "initial", category)
            ref = SourceRef(index, cell.position, cell.text, row=cell.row, col=cell.col)
            if path:
                facts.propose(path, cell_number(match.group(2)), 33, ref)


def _ends_block(row: list[Cell | None]) -> bool:
    """A row of prose (no figures, a long text) ends a money block; blank form rows do not."""
    if any(c and cell_number(c.text) is not None for c in row):
        return False
    return any(c and len(clean(c.text)) > 15 for c in row)


def read_table(ctx: Context, index: int, table: Table, facts: Facts) -> None:
    """Propose every money field `table` states."""
    grid = rows_of(table)
    texts = ctx.grid_texts(table)
    block: _Block | None = None
    has_final = False
    unit = table_unit(ctx, index, table)
    for r, row in enumerate(grid):
        found = _header(row, texts[r], grid[max(r - 2, 0):r], ctx.year, grid[r + 1:])
        if found is not None:
            block = found
            block.unit = unit
            has_final = has_final or any(s == "final" for s, _ in found.cols.values())
            continue
        if block is not None and _ends_block(row):
            block = None
        if block is not None:
            _row_values(index, row, block, ctx.year, facts)
    _label_values(index, table, has_final, facts)


def extract(ctx: Context, facts: Facts) -> None:
    """Read every money table."""
    for index, table, _ in ctx.tables:
        read_table(ctx, index, table, facts)
