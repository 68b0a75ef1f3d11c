"""``jixiao extract PATH... [--out DIR]``: read reports into record JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.paths import expand_paths
from jixiao.cli.summary import print_records
from jixiao.cli.view import progress
from jixiao.errors import SourceError
from jixiao.extract import Extraction
from jixiao.model.record import Record
from jixiao.pipeline import load_all

HELP = """读取报告（TXT、DOCX、HTML、PDF、XLSX，或 jixiao 的填报工作簿），提取评价记录（JSON）。

\b
示例：
  jixiao extract 甲单位报告.docx
  jixiao extract 各单位/ --out 记录/
"""


def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="报告文件或文件夹")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="输出目录，每个文件写 <stem>.json（一个文件含多张表时另写 <stem>-2.json …）")] = None,
) -> None:
    """Read reports and write their records as JSON.

    Example: jixiao extract examples/ --out out/records
    """
    files = list(expand_paths(paths))
    if out is None and len(files) != 1:
        raise typer.BadParameter("多个文件时请用 --out 指定输出目录", param_hint="--out")
    failed = 0
    done: list[tuple[Path, Record]] = []
    with progress(files, "提取中") as items:
        for path in items:
            try:
                extractions = load_all(path)
            except SourceError as exc:
                failed += 1
                print(f"jixiao: {exc}", file=sys.stderr)
                continue
            for number, extraction in enumerate(extractions, start=1):
                stem = path.stem if number == 1 else f"{path.stem}-{number}"
                _write(stem, extraction, out)
                if out is not None:
                    done.append((path, extraction.record))
    if out is not None:
        print_records(done)
        print(f"已写入 {len(done)} 个记录到 {out}/，失败 {failed} 个。")
    raise typer.Exit(1 if failed else 0)


def _write(stem: str, extraction: Extraction, out: Path | None) -> None:
    """Print the record, or write it (and its narrative) into `out`."""
    text = extraction.record.to_json()
    if out is None:
        print(text)
        return
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{stem}.json").write_text(text + "\n", encoding="utf-8")
    if not extraction.narrative.is_empty():
        side = out / f"{stem}.narrative.json"
        side.write_text(extraction.narrative.to_json() + "\n", encoding="utf-8")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("extract", help=HELP)(extract_command)
