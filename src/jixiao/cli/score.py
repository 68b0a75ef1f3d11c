"""``jixiao score PATH [--profile NAME|FILE] [--json]``: rescore a self-evaluation by the rules."""

from __future__ import annotations

import json
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from jixiao.errors import ConfigError, SourceError
from jixiao.pipeline import evaluate
from jixiao.score import ScoreResult
from jixiao.score.explain import fmt

_STATUS = {"ok": "", "insufficient": "数据不足", "not_applicable": "不适用"}


def _d(value: Decimal | None) -> str:
    return fmt(value) if value is not None else "—"


def _indicator_table(result: ScoreResult) -> Table:
    table = Table(title="绩效指标复核", show_lines=True)
    for column in ("序号", "一级指标", "三级指标", "指标值", "实际值", "分值", "自评", "复核"):
        table.add_column(column, overflow="fold", max_width=24)
    table.add_column("说明", overflow="fold", min_width=48)
    for s in result.indicators:
        mark = "" if s.computed is None or s.claimed is None or s.claimed == s.computed else "≠"
        table.add_row(str(s.index + 1), s.level1 or "", s.name, s.target.text, s.actual.text,
                      _d(s.weight), _d(s.claimed), f"{_d(s.computed)}{mark}", s.explanation)
    return table


def _summary_table(result: ScoreResult) -> Table:
    table = Table(title=f"得分汇总（评分配置：{result.profile}）")
    for column in ("项目", "自评", "复核", "说明"):
        table.add_column(column, overflow="fold")
    for lv in result.level1:
        table.add_row(f"{lv.title}（{fmt(lv.profile_weight)}分，表内分值 {fmt(lv.weight)}）",
                      _d(lv.claimed), _d(lv.computed), "")
    be = result.budget_execution
    table.add_row(f"预算执行率（{fmt(be.weight)}分）", _d(be.claimed), _d(be.computed), be.explanation)
    table.add_row("总分", _d(result.total.claimed), _d(result.total.computed),
                  result.total.explanation)
    table.add_row("等级", result.grade.claimed or "—", result.grade.computed or "—",
                  f"按自评总分应为 {result.grade.of_claimed_total or '—'}")
    return table


def _common_table(result: ScoreResult) -> Table:
    table = Table(title="共性指标（财预〔2013〕53号框架）")
    for column in ("指标", "数值", "状态", "公式与数据"):
        table.add_column(column, overflow="fold")
    for c in result.common_indicators:
        value = "—" if c.value is None else f"{fmt(c.value)}{c.unit}"
        table.add_row(c.name, value, _STATUS[c.status], f"{c.formula}；{c.explanation}")
    return table


def render_text(result: ScoreResult, console: Console) -> None:
    """Print the three tables of a score result."""
    console.print(_indicator_table(result))
    console.print(_summary_table(result))
    console.print(_common_table(result))


def score_command(
    path: Annotated[Path, typer.Argument(help="报告文件，或评价记录 JSON（.json）")],
    profile: Annotated[str | None, typer.Option(
        "--profile", "-p", help="评分配置：内置名称（mof-2020、hunan-dept、local-20-40-40）或 .toml 文件路径；"
        "缺省时按一级指标自动选择")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """Rescore a self-evaluation by the rules of a profile and explain each score.

    Example: jixiao score report.docx --profile hunan-dept
    """
    try:
        result = evaluate(path, profile).score
    except SourceError as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        raise typer.Exit(1) from exc
    except ConfigError as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        raise typer.Exit(2) from exc
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        render_text(result, Console(width=max(shutil.get_terminal_size().columns, 140)))


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("score")(score_command)
