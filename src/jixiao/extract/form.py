"""The fields of a 自评表: 项目名称, 主管部门, 实施单位, the sources of funds and 年度总体目标.

A project form names its project and units in ``label | value`` cells; on such a form
the reporting unit (`department`) is the 实施单位 where one is named, else the 主管部门.
The rows under 年度资金总额 give the funds by source (本年财政拨款, 上年结转资金, 其他资金)
and stage; the 年度总体目标 block gives the expected goal and what was achieved.
"""

from __future__ import annotations

import re

from jixiao.extract.context import Context
from jixiao.extract.facts import Facts
from jixiao.extract.identity import ORG_SUFFIX
from jixiao.extract.numbers import clean
from jixiao.extract.tables import align, cell_at, rows_of
from jixiao.model.document import Cell
from jixiao.model.provenance import SourceRef

_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("project.name", re.compile(r"^项目名称[:：]?$")),
    ("project.competent_department", re.compile(r"^主管部门(?:[（(](?:盖章|公章)[)）])?[:：]?$")),
    ("project.implementing_unit", re.compile(
        r"^(?:项目)?(?:实施|执行|承担)单位(?:\s*[（(](?:盖章|公章)[)）])?[:：]?$")),
)
#: The first characters of the labels above.
_LABEL_STARTS = frozenset("项主实执承")
#: A code before a name (``219001-``, ``51000021R000000019951-``).
_CODE = re.compile(r"^[0-9A-Za-z]{3,}\s*[-－—_]\s*")
_ORG = re.compile(rf"{ORG_SUFFIX}(?:本级|机关)?$|(?:乡|镇|街道|村)$")
_SEAL = re.compile(r"[（(]\s*(?:盖章|公章|签章)\s*[）)]")
_EXPECTED = re.compile(r"^(?:预期目标|年初设定目标|项目年度目标|年度目标|年初绩效目标|目标内容)$")
_ACHIEVED = re.compile(r"(?:实际完成情况|目标完成情况|完成情况综述|^完成情况)$")
#: Column words: a “项目名称” followed by one of them heads a list of projects, not a form.
_COLUMN_WORD = re.compile(r"^(?:年初|全年|调整后?|实际)?(?:预算|执行|决算|支出|金额|资金)(?:数|额)?$|^(?:分值|得分)$")
#: Instruction text of a blank template (“…（200字以内）”, “说明…完成情况”), not a value.
TEMPLATE = re.compile(r"[（(]\s*\d+\s*字以内\s*[)）]|^(?:对照年度目标|结合自评情况|针对项目自评)")


def _value(cell: Cell | None) -> str | None:
    if cell is None:
        return None
    text = _SEAL.sub("", clean(cell.text)).strip("　 ：:")
    text = _CODE.sub("", text)
    return text or None


def _next_cell(row: list[Cell | None], c: int) -> Cell | None:
    for cell in row[c + 1:]:
        if cell is not None and cell is not row[c]:
            return cell
    return None


def _labelled(ctx: Context, facts: Facts) -> None:
    for index, table, _ in ctx.tables:
        for row in rows_of(table):
            for c, cell in enumerate(row):
                if cell is None or (c and row[c - 1] is cell):
                    continue
                text = clean(cell.text)
                if text[:1] not in _LABEL_STARTS:
                    continue
                for path, pattern in _LABELS:
                    if not pattern.match(text):
                        continue
                    value_cell = _next_cell(row, c)
                    value = _value(value_cell)
                    if value is None or (path != "project.name" and not _ORG.search(value)):
                        continue
                    if path == "project.name" and _COLUMN_WORD.search(value):
                        continue
                    assert value_cell is not None
                    ref = SourceRef(index, value_cell.position, value_cell.text,
                                    row=value_cell.row, col=value_cell.col)
                    facts.propose(path, value, 40, ref)


def _department(facts: Facts) -> None:
    """On a project form the reporting unit is the 实施单位, else the 主管部门."""
    if facts.get("project.name") is None and facts.get("kind") != "project":
        return
    for path, priority in (("project.implementing_unit", 38), ("project.competent_department", 36)):
        held = facts.best.get(path)
        if held is not None:
            facts.propose("department", held.value, priority, held.source)
            facts.propose("kind", "project", 30, held.source)
            return


def _goals(ctx: Context, facts: Facts) -> None:
    """A row naming both columns (预期目标 and 实际完成情况), and the texts below them."""
    for index, table, _ in ctx.tables:
        grid = rows_of(table)
        for r, row in enumerate(grid[:-1]):
            texts = ctx.grid_texts(table)[r]
            expected = _first(texts, _EXPECTED)
            achieved = _first(texts, _ACHIEVED) if expected is not None else None
            if expected is None or achieved is None:
                continue
            cols = {"goals.expected": expected, "goals.achieved": achieved}
            offset = align(row, grid[r + 1])
            for path, c in cols.items():
                assert c is not None
                below = cell_at(grid[r + 1], c + offset)
                value = clean(below.text) if below is not None and below is not row[c] else ""
                if below is not None and value and not TEMPLATE.search(value):
                    ref = SourceRef(index, below.position, below.text, row=below.row, col=below.col)
                    facts.propose(path, value, 30, ref)
            return


def _first(texts: list[str], pattern: re.Pattern[str]) -> int | None:
    return next((c for c, t in enumerate(texts) if len(t) <= 14 and pattern.search(t)), None)


def extract(ctx: Context, facts: Facts) -> None:
    """Propose project, the department of a project form, and goals."""
    _labelled(ctx, facts)
    _department(facts)
    _goals(ctx, facts)
