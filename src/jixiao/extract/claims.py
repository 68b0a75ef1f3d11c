"""The 自评表's budget-execution row: ``budget_execution.{weight,rate,score}``.

A 自评表 budget block has columns 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分;
its 年度资金总额 (合计) row states the weight, the rate and the score the department gave
itself for budget execution. They are record fields; `claims_of` also offers them as the
*claims* that scoring compares with the rules.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.extract.context import Context
from jixiao.extract.facts import Facts
from jixiao.extract.numbers import cell_number, clean
from jixiao.extract.tables import align, cell_at, rows_of
from jixiao.model.document import Cell
from jixiao.model.provenance import SourceRef

_COLUMNS = {"weight": re.compile(r"^(?:执行率)?(?:分值|权重)(?:[（(]分[)）])?$"),
            "score": re.compile(r"^(?:执行率)?得分(?:[（(]分[)）])?$|^自评得分$"),
            "rate": re.compile(r"执行率(?!权重|得分)")}
_TOTAL = re.compile(r"年度资金总额|资金总额|总金额|^合计$|^总计$|^总额$|预算资金合计")
_STAGE = re.compile(r"年初预算|全年预算|全年执行|执行数")


def _columns(row: list[Cell | None]) -> dict[str, int] | None:
    texts = [clean(c.text) if c else "" for c in row]
    if not any(_STAGE.search(t) for t in texts):
        return None
    cols = {key: next((i for i, t in enumerate(texts) if p.search(t)), -1) for key, p in _COLUMNS.items()}
    return {k: v for k, v in cols.items() if v >= 0} if cols["score"] >= 0 else None


def extract(ctx: Context, facts: Facts) -> None:
    """Propose ``budget_execution.{weight,rate,score}``."""
    for index, table, _ in ctx.tables:
        grid = rows_of(table)
        for r, row in enumerate(grid):
            cols = _columns(row)
            if cols is None:
                continue
            for data in grid[r + 1:r + 4]:
                if not any(c and _TOTAL.search(clean(c.text)) for c in data):
                    continue
                offset = align(row, data)
                for key, col in cols.items():
                    cell = cell_at(data, col + offset)
                    value = cell_number(cell.text) if cell else None
                    if cell is not None and value is not None:
                        ref = SourceRef(index, cell.position, cell.text, row=cell.row, col=cell.col)
                        facts.propose(f"budget_execution.{key}", value, 30, ref)
                return


def claims_of(facts: Facts) -> dict[str, Decimal]:
    """The claims held in `facts` (the budget-execution row), keyed by field path."""
    return {p: v.value for p, v in facts.best.items() if p.startswith("budget_execution.")}
