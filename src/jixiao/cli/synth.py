"""``jixiao synth N --out DIR``: write a synthetic corpus of invented reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.view import counter
from jixiao.synth import FORMATS, available_formats, generate

HELP = """生成 N 份虚构的报告（及其真实记录），用于基准测试和测试。

\b
示例：
  jixiao synth 1000 --out 语料 --defects --seed 7 --formats txt,docx
"""


def synth_command(
    n: Annotated[int, typer.Argument(help="生成的报告份数", min=1)],
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录")],
    defects: Annotated[
        bool, typer.Option("--defects", help="注入已知错误，并写出 expected.jsonl")
    ] = False,
    seed: Annotated[int, typer.Option("--seed", help="随机种子（同一种子生成相同的语料）")] = 0,
    formats: Annotated[str, typer.Option("--formats", help="格式，逗号分隔：txt,docx,html,xlsx,pdf")] = "txt",
) -> None:
    """Write N invented reports (and their true records) for benchmarks and tests.

    Example: jixiao synth 1000 --out 语料 --defects --seed 7 --formats txt,docx
    """
    wanted = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise typer.BadParameter(
            f"未知格式：{'、'.join(unknown) or '（空）'}；可选 {','.join(FORMATS)}",
            param_hint="--formats",
        )
    usable = available_formats(wanted)
    missing = [f for f in wanted if f not in usable]
    if missing:
        typer.echo(f"提示：{'、'.join(missing)} 的生成模块尚不可用，已跳过。", err=True)
    if not usable:
        raise typer.Exit(2)
    with counter(n, "生成中") as advance:
        count = generate(n, out, seed=seed, formats=usable, defects=defects, advance=advance)
    typer.echo(f"已生成 {count} 份报告：{out}")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("synth", help=HELP)(synth_command)
