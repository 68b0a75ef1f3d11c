"""A readable terminal table of extracted records (Rich)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from rich.console import Console
from rich.table import Table

from jixiao.model.record import Record


def _fmt(value: Decimal | int | str | None) -> str:
    return "—" if value is None else str(value)


def print_records(rows: Iterable[tuple[Path, Record]], console: Console | None = None) -> None:
    """Print one line per record: unit, year, staff, budget, spending, indicators, score."""
    table = Table(title="提取结果", show_lines=False)
    for header in (
        "文件",
        "单位",
        "年度",
        "编制/在职",
        "全年预算(万元)",
        "全年支出(万元)",
        "项目",
        "指标",
        "自评得分",
        "问题/措施",
    ):
        table.add_column(header)
    for path, record in rows:
        table.add_row(
            path.name,
            _fmt(record.department),
            _fmt(record.year),
            f"{_fmt(record.staffing.authorized)}/{_fmt(record.staffing.actual)}",
            _fmt(record.budget.final.total),
            _fmt(record.budget.actual.total),
            str(len(record.projects)),
            str(len(record.indicators)),
            _fmt(record.self_evaluation.score),
            f"{len(record.problems)}/{len(record.measures)}",
        )
    (console or Console(width=None if sys.stdout.isatty() else 160)).print(table)
