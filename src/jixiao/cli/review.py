"""``jixiao review PATH... --out OUT``: review whole archives in parallel."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from jixiao.batch import BatchOptions, Monitor, RunStats, run_batch, write_summaries
from jixiao.batch.deadline import DEFAULT_TIMEOUT
from jixiao.batch.faults import MachineFaultError, from_os_error
from jixiao.batch.lock import out_lock
from jixiao.batch.sources import count_sources
from jixiao.batch.store import check_url
from jixiao.errors import ConfigError
from jixiao.score import load_profile

#: Longest region name (the column's length).
REGION_NAME_MAX = 200


class RichMonitor(Monitor):
    """A progress bar: done / total, failed, scanned pages read by OCR, documents per second, ETA."""

    def __init__(self, console: Console) -> None:
        self.failed = 0
        self.ocr_pages = 0
        self.progress = Progress(
            TextColumn("审核中"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("失败 {task.fields[failed]}"),
            TextColumn("扫描页 {task.fields[ocr]}"),
            TextColumn("{task.fields[rate]} 份/秒"),
            TimeElapsedColumn(),
            TextColumn("剩余"),
            TimeRemainingColumn(),
            console=console,
        )
        self.task: TaskID | None = None

    def start(self, total: int | None) -> None:
        """Show the bar."""
        self.progress.start()
        self.task = self.progress.add_task("review", total=total, failed=0, rate="—", ocr=0)

    def scanned(self, pages: int) -> None:
        """More pages read by OCR (shown with the next advance)."""
        self.ocr_pages += pages

    def advance(self, ok: bool) -> None:
        """One more document."""
        assert self.task is not None
        self.failed += not ok
        speed = self.progress.tasks[0].speed
        rate = f"{speed:.1f}" if speed else "—"
        self.progress.update(self.task, advance=1, failed=self.failed, rate=rate, ocr=self.ocr_pages)

    def stop(self) -> None:
        """Hide the bar."""
        self.progress.stop()


HELP = """批量审核：读取、提取、评分、审核文件夹或 ZIP 中的全部报告，写出 records/、findings/、summary.xlsx 和 summary.html；再次运行跳过已完成的文件。

\b
示例：
  jixiao review 2024报告.zip 各单位/ --out 审核结果 --jobs 4
"""


def _report(console: Console, stats: RunStats, out: Path) -> None:
    console.print(
        f"完成：审核 {stats.reviewed} 份，失败 {stats.failed} 份，"
        f"跳过已完成 {stats.skipped} 份，用时 {stats.elapsed:.1f} 秒。"
        + (f"其中扫描件文字识别 {stats.ocr_pages} 页。" if stats.ocr_pages else "")
    )
    console.print(f"汇总：{out / 'summary.xlsx'}、{out / 'summary.html'}")
    if stats.units_elsewhere:
        names = "、".join(stats.units_elsewhere[:10]) + ("等" if len(stats.units_elsewhere) > 10 else "")
        console.print(
            f"注意：{len(stats.units_elsewhere)} 个单位已属于其他地区，未改动（{names}）；"
            "如需调整，请管理员在“单位管理”中修改。"
        )


def _region(region: str | None, db: str | None) -> str | None:
    """The region name given (stripped); refused without ``--db`` or when empty or too long."""
    if region is None:
        return None
    if not db:
        raise typer.BadParameter("--region 需与 --db 同用（地区用于数据库中的单位）", param_hint="--region")
    name = region.strip()
    if not name or len(name) > REGION_NAME_MAX:
        raise typer.BadParameter(f"地区名称不能为空，且不超过 {REGION_NAME_MAX} 个字符", param_hint="--region")
    return name


def review_command(  # noqa: PLR0913 - one parameter per command-line option
    paths: Annotated[list[Path], typer.Argument(help="报告文件、文件夹（递归）或 ZIP 压缩包")],
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录")],
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行进程数（0 为单进程）")] = os.cpu_count() or 1,
    db: Annotated[str | None, typer.Option("--db", help="同时写入数据库，如 sqlite:///结果.db 或 postgresql://用户@主机/库名")] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="与 --db 同用：新单位归入该地区（不存在则创建），审核人员即可查看")
    ] = None,
    profile: Annotated[str | None, typer.Option("--profile", help="评分方案名称或文件")] = None,
    cluster: Annotated[
        str | None, typer.Option("--cluster", help="Dask 集群地址，如 tcp://10.0.0.5:8786")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度条")] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", help="每份文件的处理时限（秒，0 为不限）", min=0)
    ] = DEFAULT_TIMEOUT,
    follow_links: Annotated[
        bool, typer.Option("--follow-links", help="跟随指向所给路径之外的符号链接")
    ] = False,
) -> None:
    """Review every report under PATH: read, extract, score and check in parallel.

    Writes OUT/records, OUT/findings, OUT/summary.xlsx and OUT/summary.html; a run
    started again skips the documents already done.

    Example: jixiao review 2024报告.zip 各单位/ --out 审核结果 --jobs 4

    With --db the results also load into the web app's database; --region names the
    region their units join, so that its reviewers see them.
    """
    console = Console(stderr=True)
    if db:
        try:
            check_url(db)
        except ConfigError as exc:
            raise typer.BadParameter(str(exc), param_hint="--db") from exc
    region = _region(region, db)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter("找不到：" + "、".join(missing), param_hint="PATH")
    if profile:
        try:
            load_profile(profile)  # refused once, here, not once per document
        except ConfigError as exc:
            raise typer.BadParameter(str(exc), param_hint="--profile") from exc
    options = BatchOptions(
        out=out, jobs=jobs, profile=profile, db=db, region=region, cluster=cluster,
        timeout=timeout or None, follow_links=follow_links,
    )
    monitor = None if quiet else RichMonitor(console)
    try:
        with out_lock(out):
            total = None if quiet else count_sources(paths, follow_links=follow_links)
            stats = run_batch(paths, options, monitor, total=total)
            overview = write_summaries(out)
    except KeyboardInterrupt:
        console.print("已中断。已完成的结果已保存，再次运行同一命令将继续处理其余文件。")
        raise typer.Exit(130) from None
    except (ConfigError, MachineFaultError) as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        raise typer.Exit(2) from exc
    except OSError as exc:  # a fault not met where it was expected: still one message
        print(f"jixiao: {from_os_error(exc)}", file=sys.stderr)
        raise typer.Exit(2) from exc
    if stats.recomputed:
        console.print(f"注意：{out} 中已有的结果按{stats.recomputed}得出，与本次设置不同，已全部重新审核。")
    _report(console, stats, out)
    raise typer.Exit(1 if overview.failed else 0)  # the files as they are now, this run or before


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("review", help=HELP)(review_command)
