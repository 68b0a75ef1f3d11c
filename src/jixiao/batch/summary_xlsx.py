"""``OUT/summary.xlsx``: 概况, one row per document, failures, and every finding.

The workbook is written in openpyxl's write-only mode, streaming rows from the
index and the findings files, so its size does not bound the memory of the run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from jixiao.batch.index import Entry, Index
from jixiao.batch.overview import Overview
from jixiao.xlsxsafe import text_row

#: (header, row key) of the per-document sheet, before the per-code columns.
DOCUMENT_COLUMNS = (
    ("文件", "_name"),
    ("单位", "department"),
    ("年度", "year"),
    ("全年预算数（万元）", "budget_final"),
    ("全年执行数（万元）", "budget_actual"),
    ("预算执行率（%）", "execution_rate"),
    ("自评得分", "score_claimed"),
    ("复算得分", "score_computed"),
    ("自评等级", "grade_claimed"),
    ("复算等级", "grade_computed"),
    ("错误", "errors"),
    ("警告", "warnings"),
    ("提示", "infos"),
)

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def _overview_rows(overview: Overview) -> Iterator[list[Any]]:
    yield ["项目", "数量"]
    yield ["已审核文件", overview.reviewed]
    yield ["失败文件", overview.failed]
    yield ["问题总数", overview.findings]
    for key, label in (("errors", "错误"), ("warnings", "警告"), ("infos", "提示")):
        yield [f"其中{label}", overview.severities.get(key, 0)]
    yield []
    yield ["问题代码", "问题数", "涉及文件数"]
    for code, n in sorted(overview.codes.items(), key=lambda kv: (-kv[1], kv[0])):
        yield [code, n, overview.documents_by_code[code]]


def _document_row(entry: Entry, codes: list[str]) -> list[Any]:
    row = dict(entry.row, _name=entry.name)
    counts: dict[str, int] = entry.row.get("codes") or {}
    return [row.get(key) for _, key in DOCUMENT_COLUMNS] + [counts.get(c, 0) for c in codes]


def _findings_of(out: Path, entry: Entry) -> list[dict[str, Any]]:
    path = out / "findings" / f"{entry.file}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    findings: list[dict[str, Any]] = data.get("findings", [])
    return findings


def _finding_rows(out: Path, index: Index) -> Iterator[list[Any]]:
    yield ["文件", "单位", "问题代码", "级别", "说明", "位置"]
    for entry in index.entries(ok=True):
        if not entry.row.get("codes"):
            continue
        for f in _findings_of(out, entry):
            severity = str(f.get("severity") or "")
            yield [
                entry.name,
                entry.row.get("department"),
                f.get("code"),
                SEVERITY_NAMES.get(severity, severity),
                f.get("message"),
                f.get("location"),
            ]


def _append(sheet: Any, values: list[Any]) -> None:
    sheet.append(text_row(sheet, values))  # names and messages come from documents


def write_summary_xlsx(out: Path, index: Index, overview: Overview, path: Path) -> None:
    """Write the workbook to `path` (the caller makes the write atomic)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("概况")
    for values in _overview_rows(overview):
        _append(sheet, values)
    codes = sorted(overview.codes)
    sheet = book.create_sheet("文件")
    _append(sheet, [header for header, _ in DOCUMENT_COLUMNS] + codes)
    for entry in index.entries(ok=True):
        _append(sheet, _document_row(entry, codes))
    sheet = book.create_sheet("失败")
    _append(sheet, ["文件", "原因", "SHA-256"])
    for entry in index.entries(ok=False):
        _append(sheet, [entry.name, entry.error, entry.sha256])
    sheet = book.create_sheet("问题")
    for values in _finding_rows(out, index):
        _append(sheet, values)
    book.save(path)
