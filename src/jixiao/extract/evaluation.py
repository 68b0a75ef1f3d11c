"""The self-evaluation score and grade the report claims."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from jixiao.extract.context import Context
from jixiao.extract.facts import Facts
from jixiao.extract.indicators import role_of
from jixiao.extract.numbers import cell_number, clean
from jixiao.extract.tables import first_text, rows_of
from jixiao.model.document import Cell
from jixiao.model.provenance import SourceRef

_TOTAL_ROW = re.compile(r"^(?:总分|总得分|自评得分|自评总分|综合得分|评价得分|得分合计|合计得分)")
_SCORE = re.compile(
    r"(?:自评|评价|考评|综合|总)(?:得分|总分|分数|结果|评分|得分合计)(?:为|是|：|:)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分"
    r"|(?:自评|评价)(?:为|是)?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分"
    r"|(?:自评总分|自评得分)(?:[（(]分[)）])?[:：]?\s*(\d{1,3}(?:\.\d{1,2})?)(?![\d.])")
_GRADE = re.compile(
    r"(?:等级|等次|评价结果|评定结果|自评结果|结论)(?:为|是|评定为|：|:)?\s*[“\"「『]?\s*"
    r"(优秀|良好|合格|不合格|较差|中等|优|良|中|差)(?![^”\"」』]{0,3}[的地])")
_GRADES = {"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "不合格": "差", "较差": "差"}


def _distinct(row: Sequence[Cell | None]) -> list[Cell]:
    """The cells of a grid row once each, in order (a merged cell fills several slots).

    The cells of a table are distinct by their place, so identity is equality here
    (and much cheaper than hashing every field of a cell).
    """
    seen: set[int] = set()
    out = []
    for cell in row:
        if cell is not None and id(cell) not in seen:
            seen.add(id(cell))
            out.append(cell)
    return out


def _weight_column(grid: list[list[Cell | None]], row: int, col: int) -> bool:
    """True when a header above row `row` names column `col` a weight (分值, 权重)."""
    for above in grid[:row]:
        cell = above[col] if col < len(above) else None
        if cell is not None and role_of(cell.text) == "weight":
            return True
    return False


def _from_tables(ctx: Context, facts: Facts) -> None:
    for index, table, _ in ctx.tables:
        grid = rows_of(table)
        for number, row in enumerate(grid):
            first = first_text(row)
            if first is None or not _TOTAL_ROW.match(clean(first[1].text)):
                continue
            cells = [c for c in row[first[0] + 1:] if c is not None]
            numbers = [(c, cell_number(c.text)) for c in _distinct(cells)]
            numbers = [(c, v) for c, v in numbers if v is not None]
            if len(numbers) == 1 and _weight_column(grid, number, numbers[0][0].col):
                continue  # the total of the weights (总分 100) with the score left blank
            if not numbers:
                continue
            cell, value = numbers[1] if len(numbers) >= 2 else numbers[0]
            ref = SourceRef(index, cell.position, cell.text, row=cell.row, col=cell.col)
            facts.propose("self_evaluation.score", value, 30, ref)


_SCORE_LABEL = re.compile(r"^(?:自评总分|自评得分|综合得分|自评分数)(?:[（(]分[)）])?[:：]?$")


def _from_labels(ctx: Context, facts: Facts) -> None:
    """A ``自评总分（分） | 96.5`` pair of cells anywhere in a form."""
    for index, table, _ in ctx.tables:
        for row in rows_of(table):
            cells = _distinct(row)
            for label, value in pairwise(cells):
                if not _SCORE_LABEL.match(clean(label.text)):
                    continue
                number = cell_number(value.text)
                if number is not None and number <= 100:
                    ref = SourceRef(index, value.position, value.text, row=value.row, col=value.col)
                    facts.propose("self_evaluation.score", number, 30, ref)


def _from_prose(ctx: Context, facts: Facts) -> None:
    texts = [(u.text, u, 20) for u in ctx.prose()] + [(t, u, 18) for t, u in ctx.broken_lines()]
    for text, unit, priority in texts:
        match = _SCORE.search(text) if "分" in text else None  # every statement ends in 分
        if match:
            value = cell_number(next(g for g in match.groups() if g))
            if value is not None and value <= 100:
                facts.propose("self_evaluation.score", value, priority, unit.ref)
    for unit in ctx.prose():
        grade = _GRADE.search(unit.text)
        if grade:
            word = grade.group(1)
            facts.propose("self_evaluation.grade", _GRADES.get(word, word), 20, unit.ref)


def extract(ctx: Context, facts: Facts) -> None:
    """Propose the claimed total score and grade."""
    _from_tables(ctx, facts)
    _from_labels(ctx, facts)
    _from_prose(ctx, facts)
