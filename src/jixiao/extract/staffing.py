"""Staffing: 编制数, 在职人数 (实有人数), 离退休人数 — from prose and from tables."""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.extract.context import Context
from jixiao.extract.facts import Facts
from jixiao.extract.numbers import CN_NUMBER, clean, to_count
from jixiao.extract.tables import align, cell_at, rows_of
from jixiao.model.document import Cell, Position
from jixiao.model.provenance import SourceRef

_COUNT = rf"(\d+|{CN_NUMBER})"
_SEP = r"\s*(?:数|人数)?\s*(?:为|是|共|共计|合计)?\s*[:：]?\s*"
PROSE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("authorized", re.compile(
        rf"(?:(?:核定)?编制(?:人数|数|总数)?|核定(?:人员|人数|员额))(?:为|共)?{_SEP}{_COUNT}\s*(?:人|名)")),
    ("actual", re.compile(
        rf"(?:实有在职|在职(?:在编)?|实有|在编在岗|现有在职|在编|实际在岗|在岗)"
        rf"(?:实有|在编|在岗)?(?:行政|事业|机关)?(?:人员|人数|职工)?{_SEP}{_COUNT}\s*(?:人|名)")),
    ("retired", re.compile(rf"离退休(?:人员|人数|干部)?{_SEP}{_COUNT}\s*(?:人|名)")),
)
#: Weaker statements, used only when nothing better is said.
FALLBACK: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("retired", re.compile(rf"(?<!离)退休(?:人员|人数|干部)?{_SEP}{_COUNT}\s*(?:人|名)")),
)
#: Table labels for each field.
LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("authorized", re.compile(r"^(?:核定|人员|批复)?编制(?:人数|数|总数)?(?:（人）|\(人\))?$")),
    ("actual", re.compile(r"(?:实际在职|在职|实有)(?:人员|人数)?(?:（人）|\(人\))?$")),
    ("retired", re.compile(r"^离退休(?:人员|人数)?(?:（人）|\(人\))?$")),
)


def _from_prose(ctx: Context, facts: Facts) -> None:
    for unit in ctx.prose():
        for patterns, priority in ((PROSE, 20), (FALLBACK, 10)):
            for field, pattern in patterns:
                match = pattern.search(unit.text)
                if match:
                    ref = SourceRef(unit.ref.block, unit.ref.position, unit.ref.text, unit.ref.row,
                                    unit.ref.col, match.start(), match.end())
                    facts.propose(f"staffing.{field}", to_count(match.group(1)), priority, ref)


@lru_cache(maxsize=8192)
def _label_field(text: str) -> str | None:
    text = clean(text)
    text = re.sub(r"^\d{4}年(?:末)?", "", text)
    for field, pattern in LABELS:
        if len(text) <= 14 and pattern.search(text):
            return field
    return None


def _from_tables(ctx: Context, facts: Facts) -> None:
    for index, table, _ in ctx.tables:
        grid = rows_of(table)
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is None or (c and row[c - 1] is cell):
                    continue
                field = _label_field(cell.text)
                if field is None:
                    continue
                value = _beside(row, c) or _below(grid, r, c)
                if value is not None:
                    ref = SourceRef(index, value[1], value[2], row=r, col=c)
                    facts.propose(f"staffing.{field}", value[0], 30, ref)


def _count_of(text: str) -> int | None:
    text = clean(text).removesuffix("人")
    return to_count(text) if text else None


_Found = tuple[int, Position, str] | None


def _beside(row: list[Cell | None], c: int) -> _Found:
    nxt = row[c + 1] if c + 1 < len(row) else None
    if nxt is None or nxt is row[c]:
        return None
    count = _count_of(nxt.text)
    return None if count is None else (count, nxt.position, nxt.text)


def _below(grid: list[list[Cell | None]], r: int, c: int) -> _Found:
    if r + 1 >= len(grid):
        return None
    cell = cell_at(grid[r + 1], c + align(grid[r], grid[r + 1]))
    if cell is None:
        return None
    count = _count_of(cell.text)
    return None if count is None else (count, cell.position, cell.text)


def extract(ctx: Context, facts: Facts) -> None:
    """Propose 编制数, 在职人数 and 离退休人数."""
    _from_tables(ctx, facts)
    _from_prose(ctx, facts)
