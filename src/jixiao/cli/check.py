"""``jixiao check PATH... [--json] [--min-severity LEVEL] [--profile NAME]``: review reports."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from jixiao.cli.errors import describe
from jixiao.cli.paths import expand_paths
from jixiao.cli.view import print_findings, progress, stdout_console, summary_line
from jixiao.errors import ConfigError, JixiaoError
from jixiao.pipeline import evaluate
from jixiao.review import Finding, Severity
from jixiao.score import Profile, load_profile

HELP = """审核报告：逐项列出问题（错误、警告、提示）及其位置，最后一行为合计；有错误时退出码为 1。

\b
示例：
  jixiao check 甲单位报告.docx
  jixiao check 各单位/ --min-severity warning
  jixiao check 甲单位报告.docx --json
"""


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(expand_paths([path]))
            out.extend(
                p for p in sorted(path.rglob("*.json")) if not p.name.endswith(".narrative.json")
            )
        else:
            out.append(path)
    return out


def check_command(
    paths: Annotated[list[Path], typer.Argument(help="报告文件、文件夹或记录 JSON")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    min_severity: Annotated[
        Severity, typer.Option("--min-severity", help="只显示不低于该级别的问题")
    ] = Severity.INFO,
    profile: Annotated[str | None, typer.Option("--profile", help="评分方案名称或路径")] = None,
) -> None:
    """Review reports as a finance-bureau reviewer would; exit 1 on any error-level finding.

    Example: jixiao check examples/ --min-severity warning
    """
    try:
        chosen: Profile | None = load_profile(profile) if profile else None
    except ConfigError as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        raise typer.Exit(2) from exc
    failed, errors = False, False
    report: dict[str, list[dict[str, Any]]] = {}
    console = stdout_console()
    files = _files(paths)
    every: list[Finding] = []
    with progress(files, "审核中") as items:
        for path in items:
            try:
                findings = list(evaluate(path, chosen).findings)
            except (JixiaoError, OSError) as exc:
                failed = True
                print(f"jixiao: {describe(exc, str(path))}", file=sys.stderr)
                continue
            errors = errors or any(f.severity is Severity.ERROR for f in findings)
            shown = [f for f in findings if f.severity.rank >= min_severity.rank]
            every += shown
            report[str(path)] = [f.to_dict() for f in shown]
            if not as_json:
                print_findings(console, path, shown)
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif report:  # at least one file reviewed
        console.print(summary_line(every, len(report), len(files) - len(report)))
    raise typer.Exit(1 if failed or errors else 0)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("check", help=HELP)(check_command)
