"""``jixiao render``: the report of a record, the 审核意见 of a report, a blank workbook.

jixiao render 记录.json --to docx|pdf|html|xlsx [--profile hunan|generic] [--template 模板.docx]
jixiao render 报告.docx --reviewed [--to docx|pdf|html] [--reviewer 审核单位]
jixiao render --blank --to xlsx
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.errors import fail
from jixiao.errors import JixiaoError
from jixiao.model.record import Record
from jixiao.render import FORMATS, load_bundle, render

HELP = """写出自评报告（DOCX、PDF、HTML）或填报工作簿（XLSX）；--reviewed 写出审核意见。

\b
示例：
  jixiao render 记录/甲单位.json --to docx --out 甲单位报告.docx
  jixiao render 甲单位报告.docx --reviewed --out 甲单位审核意见.docx
  jixiao render --blank --to xlsx --out 自评填报表.xlsx
"""


def _format(to: str) -> str:
    fmt = to.lower().lstrip(".")
    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"不支持的格式“{to}”，可用：{'、'.join(FORMATS)}", param_hint="--to"
        )
    return fmt


def _opinion(source: Path, fmt: str, profile: str | None, reviewer: str | None) -> bytes:
    """The 审核意见 of a report (every finding with its place) or of a record JSON."""
    from jixiao.pipeline import evaluate, evaluate_record
    from jixiao.render.opinion import opinion_of, render_opinion, scoring_profile

    chosen = scoring_profile(profile)
    if source.suffix.lower() == ".json":
        evaluation = evaluate_record(load_bundle(source)[0], chosen)
    else:
        evaluation = evaluate(source, chosen)
    data = opinion_of(evaluation, source=source.name, reviewer=reviewer or "", on=date.today())
    return render_opinion(data, fmt)


def _report(source: Path, fmt: str, profile: str | None, template: Path | None) -> bytes:
    if source.suffix.lower() != ".json":
        raise typer.BadParameter(
            f"{source.name} 是报告原文，不是评价记录（JSON）。请先提取记录："
            f"jixiao extract {source} --out 记录/，再对 记录/{source.stem}.json 运行 jixiao render；"
            "要写审核意见请加 --reviewed",
            param_hint="SOURCE",
        )
    record, narrative = load_bundle(source)
    return render(record, narrative, fmt, profile=profile, template=template)  # type: ignore[arg-type]


def _target(
    source: Path | None, out: Path | None, fmt: str, *, reviewed: bool, blank: bool
) -> Path:
    if out is not None:
        return out
    if blank or source is None:
        return Path(f"自评填报表.{fmt}" if fmt == "xlsx" else f"空白报告.{fmt}")
    return (
        source.with_name(f"{source.stem}.审核意见.{fmt}")
        if reviewed
        else source.with_suffix(f".{fmt}")
    )


def render_command(  # noqa: PLR0913 - one option per choice a user makes
    source: Annotated[
        Path | None,
        typer.Argument(
            help="评价记录 JSON（可带同名 .narrative.json），或加 --reviewed 时的报告原文",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str, typer.Option("--to", "-t", help="输出格式：docx、pdf、html 或 xlsx")
    ] = "docx",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="输出文件；省略时与来源同名")
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option("--profile", "-p", help="版式（hunan、generic）或评分配置（审核意见用）"),
    ] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="自己的 .docx 报告模板")
    ] = None,
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="写出审核意见（退回修改意见）")
    ] = False,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", help="审核意见落款的审核单位")
    ] = None,
    blank: Annotated[bool, typer.Option("--blank", help="写出空白的填报工作簿或报告")] = False,
) -> None:
    fmt = _format(to)
    if reviewed and fmt == "xlsx":
        raise typer.BadParameter("审核意见可写为 docx、pdf 或 html", param_hint="--to")
    if source is None and not blank:
        raise typer.BadParameter(
            "请给出评价记录 JSON（或报告原文加 --reviewed），或用 --blank", param_hint="SOURCE"
        )
    target = _target(source, out, fmt, reviewed=reviewed, blank=blank)
    try:
        if blank:
            data = render(Record(), None, fmt, profile=profile, template=template)  # type: ignore[arg-type]
        elif reviewed:
            assert source is not None
            data = _opinion(source, fmt, profile, reviewer)
        else:
            assert source is not None
            data = _report(source, fmt, profile, template)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except (JixiaoError, OSError) as exc:
        fail(exc, name=source.name if source else "")
    print(f"已生成 {target}")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("render", help=HELP)(render_command)
