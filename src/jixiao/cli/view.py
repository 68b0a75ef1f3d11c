"""How commands show findings and long work in the terminal: Chinese words, a tally, progress.

One line per finding — where it stands in words a person can find, the severity
(错误/警告/提示), the check's Chinese title, the message and the stable code — and a
closing tally (“共5处：错误1、警告3、提示1”). Long runs show a progress bar on stderr
when it is a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jixiao.review.finding import Finding
from jixiao.review.words import severity_name, short_location, tally, title_of

T = TypeVar("T")
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def finding_line(path: Path | str, finding: Finding) -> str:
    """``报告.docx（第3个表格第5行第2列）：错误【合计与分项不符】…  [budget-total-mismatch]``."""
    where = f"{path}（{short_location(finding.location)}）" if finding.location else str(path)
    severity = severity_name(finding.severity.value)
    return f"{where}：{severity}【{title_of(finding.code)}】{finding.message}  [{finding.code}]"


def print_findings(console: Console, path: Path | str, findings: Sequence[Finding]) -> None:
    """Each finding on its own line, coloured by severity when the console is a terminal."""
    for finding in findings:
        style = STYLES.get(finding.severity.value, "")
        console.print(escape(finding_line(path, finding)), style=style, soft_wrap=True)


def summary_line(findings: Iterable[Finding], files: int | None = None, failed: int = 0) -> str:
    """“共N处：错误a、警告b、提示c”, after the number of files when several or some failed."""
    line = tally(f.severity.value for f in findings)
    if failed:
        return f"审核{files or 0}个文件（另有{failed}个无法审核），{line}"
    return f"{files}个文件，{line}" if files is not None and files > 1 else line


def stdout_console() -> Console:
    """A console on stdout that keeps long lines whole when piped."""
    return Console(highlight=False, soft_wrap=True)


@contextmanager
def progress(items: Sequence[T], label: str, *, show: bool | None = None) -> Iterator[Iterable[T]]:
    """Iterate `items` with a progress bar on stderr (only on a terminal, and for 2+ items)."""
    visible = sys.stderr.isatty() and len(items) > 1 if show is None else show
    if not visible:
        yield items
        return
    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with bar:
        task = bar.add_task(label, total=len(items))

        def advance() -> Iterator[T]:
            for item in items:
                yield item
                bar.advance(task)

        yield advance()


@contextmanager
def counter(total: int, label: str, *, show: bool | None = None) -> Iterator[Callable[[], None]]:
    """A function to call after each of `total` steps, drawing a bar on stderr (terminals only)."""
    visible = sys.stderr.isatty() and total > 1 if show is None else show
    if not visible:
        yield lambda: None
        return
    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


def fold(text: Any, width: int) -> str:
    """`text` cut to `width` characters with an ellipsis (for narrow columns)."""
    shown = str(text)
    return shown if len(shown) <= width else shown[: max(width - 1, 1)] + "…"
