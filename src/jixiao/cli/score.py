"""``jixiao score PATH [--profile NAME|FILE] [--json]``: rescore a self-evaluation by the rules."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from jixiao.cli.errors import describe
from jixiao.errors import ConfigError, SourceError
from jixiao.pipeline import evaluate
from jixiao.score import ScoreResult
from jixiao.score.explain import fmt

_STATUS = {"ok": "", "insufficient": "数据不足", "not_applicable": "不适用"}


HELP = """按评分配置重新计算自评得分，并说明每一项。

\b
示例：
  jixiao score 甲单位报告.docx --profile hunan-dept
"""


def _d(value: Decimal | None) -> str:
    return fmt(value) if value is not None else "—"


#: Terminal width (columns) from which explanations get a column of their own.
WIDE = 120


def _indicator_table(result: ScoreResult, wide: bool) -> Table:
    """The indicators; on a narrow terminal without 一级指标 and 说明 (printed below instead)."""
    table = Table(title="绩效指标复核", show_lines=True)
    columns = ("序号", "一级指标", "三级指标", "指标值", "实际值", "分值", "自评", "复核")
    for column in columns if wide else tuple(c for c in columns if c != "一级指标"):
        table.add_column(column, overflow="fold")
    if wide:
        table.add_column("说明", overflow="fold", ratio=1)
    for s in result.indicators:
        mark = "" if s.computed is None or s.claimed is None or s.claimed == s.computed else "≠"
        cells = [
            str(s.index + 1),
            s.level1 or "",
            s.name,
            s.target.text,
            s.actual.text,
            _d(s.weight),
            _d(s.claimed),
            f"{_d(s.computed)}{mark}",
        ]
        if wide:
            cells.append(s.explanation)
        else:
            del cells[1]
        table.add_row(*cells)
    return table


def _explanations(result: ScoreResult, console: Console) -> None:
    """The explanation of each indicator's score, one folded paragraph each (narrow terminals)."""
    if result.indicators:
        console.print("说明：")
    for s in result.indicators:
        text = f"{s.name}：{s.explanation}".replace(" ", "\u00a0")  # fold by character, not word
        console.print(f"  {s.index + 1}. {text}", overflow="fold")


def _summary_table(result: ScoreResult) -> Table:
    table = Table(title=f"得分汇总（评分配置：{result.profile}）")
    for column in ("项目", "自评", "复核", "说明"):
        table.add_column(column, overflow="fold")
    for lv in result.level1:
        table.add_row(
            f"{lv.title}（{fmt(lv.profile_weight)}分，表内分值 {fmt(lv.weight)}）",
            _d(lv.claimed),
            _d(lv.computed),
            "",
        )
    be = result.budget_execution
    table.add_row(
        f"预算执行率（{fmt(be.weight)}分）", _d(be.claimed), _d(be.computed), be.explanation
    )
    table.add_row(
        "总分", _d(result.total.claimed), _d(result.total.computed), result.total.explanation
    )
    table.add_row(
        "等级",
        result.grade.claimed or "—",
        result.grade.computed or "—",
        f"按自评总分应为 {result.grade.of_claimed_total or '—'}",
    )
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
    """Print the three tables of a score result, as wide as the terminal."""
    wide = console.width >= WIDE
    console.print(_indicator_table(result, wide))
    if not wide:
        _explanations(result, console)
    console.print(_summary_table(result))
    console.print(_common_table(result))


def score_command(
    path: Annotated[Path, typer.Argument(help="报告文件，或评价记录 JSON（.json）")],
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            "-p",
            help="评分配置：内置名称（mof-2020、hunan-dept、local-20-40-40）或 .toml 文件路径；"
            "缺省时按一级指标自动选择",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """Rescore a self-evaluation by the rules of a profile and explain each score.

    Example: jixiao score report.docx --profile hunan-dept
    """
    try:
        result = evaluate(path, profile).score
    except SourceError as exc:
        print(f"jixiao: {describe(exc, path.name)}", file=sys.stderr)
        raise typer.Exit(1) from exc
    except ConfigError as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        raise typer.Exit(2) from exc
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        render_text(result, Console(highlight=False))


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("score", help=HELP)(score_command)
