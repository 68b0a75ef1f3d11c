"""``jixiao render RECORD.json --to docx|xlsx|pdf|html --out FILE [--profile NAME] [--reviewed]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from jixiao.errors import JixiaoError
from jixiao.render import FORMATS, load_bundle, render


def render_command(
    record: Annotated[
        Path, typer.Argument(help="记录文件（JSON；可为 {record, narrative} 合并文件）")
    ],
    to: Annotated[
        str, typer.Option("--to", "-t", help="输出格式：docx、xlsx、pdf 或 html")
    ] = "docx",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="输出文件；省略时与记录同名，扩展名按格式")
    ] = None,
    profile: Annotated[
        str | None, typer.Option("--profile", "-p", help="报告模板/评分配置，默认 hunan")
    ] = None,
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="附加复核附件（重新计算的得分和审核发现）")
    ] = False,
) -> None:
    """Write the self-evaluation report (or the fill-in workbook) of a record.

    Example: jixiao render out/records/a.json --to docx --out a.docx --reviewed
    """
    fmt = to.lower().lstrip(".")
    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"不支持的格式“{to}”，可用：{'、'.join(FORMATS)}", param_hint="--to"
        )
    target = out or record.with_suffix(f".{fmt}")
    try:
        rec, narrative = load_bundle(record)
        data = render(rec, narrative, fmt, profile=profile, reviewed=reviewed)  # type: ignore[arg-type]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except (JixiaoError, OSError) as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        raise typer.Exit(1) from exc
    if reviewed and fmt == "xlsx":
        print("jixiao: XLSX 只含填报表格，未附复核附件", file=sys.stderr)
    print(f"已生成 {target}")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("render")(render_command)
