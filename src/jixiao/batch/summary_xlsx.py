"""``OUT/summary.xlsx``: 概况, one row per document, 排名, failures, and every finding.

The workbook is written in openpyxl's write-only mode, streaming rows from the
index and the findings files, so its size does not bound the memory of the run.
Every sheet has set column widths, a frozen header row and filters; checks are named
by their Chinese titles (the stable codes stay in a column of their own).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from jixiao.batch.index import Entry, Index
from jixiao.batch.overview import Overview
from jixiao.batch.summary_pages import findings_of
from jixiao.review.words import SEVERITY_NAMES, short_location, title_of
from jixiao.xlsxsafe import text_row

#: (header, row key, width) of the per-document sheet, before the per-check columns.
DOCUMENT_COLUMNS = (
    ("文件", "_name", 36),
    ("单位", "department", 30),
    ("年度", "year", 8),
    ("全年预算数（万元）", "budget_final", 14),
    ("全年执行数（万元）", "budget_actual", 14),
    ("预算执行率（%）", "execution_rate", 12),
    ("自评得分", "score_claimed", 10),
    ("复算得分", "score_computed", 10),
    ("自评等级", "grade_claimed", 10),
    ("复算等级", "grade_computed", 10),
    ("错误", "errors", 8),
    ("警告", "warnings", 8),
    ("提示", "infos", 8),
)
RANK_COLUMNS = (("名次", 8), ("单位", 30), ("文件", 36), ("复算得分", 10), ("复算等级", 10),
                ("自评得分", 10), ("自评等级", 10), ("错误", 8), ("警告", 8))
FINDING_COLUMNS = (("文件", 36), ("单位", 30), ("级别", 8), ("问题类型", 30), ("说明", 70),
                   ("位置", 30), ("修改建议", 40), ("代码", 28))
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


class _Styled:
    """A write-only sheet with a bold, shaded, frozen and filtered header row and set widths."""

    def __init__(self, book: Workbook, title: str, columns: Iterable[tuple[str, int]]) -> None:
        self.sheet = book.create_sheet(title)
        columns = list(columns)
        for n, (_, width) in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(n)].width = width
        self.sheet.freeze_panes = "A2"
        self.width = len(columns)
        self.rows = 0
        header = []
        for text, _ in columns:
            cell = WriteOnlyCell(self.sheet, value=text)
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
            header.append(cell)
        self.append(header)

    def append(self, values: list[Any]) -> None:
        """Write one row; text is never taken for a formula (names and messages come from documents)."""
        self.sheet.append(text_row(self.sheet, values) if self.rows else values)
        self.rows += 1

    def close(self) -> None:
        """Filters over the header and every row written."""
        self.sheet.auto_filter.ref = f"A1:{get_column_letter(self.width)}{max(self.rows, 1)}"


def _overview(book: Workbook, overview: Overview) -> None:
    sheet = _Styled(book, "概况", [("项目", 30), ("代码", 28), ("数量", 10), ("涉及文件数", 12)])
    sev = overview.severities
    for label, n in (
        ("文件", overview.reviewed + overview.failed), ("　已审核", overview.reviewed),
        ("　失败", overview.failed), ("问题", overview.findings), ("　错误", sev.get("errors", 0)),
        ("　警告", sev.get("warnings", 0)), ("　提示", sev.get("infos", 0)),
    ):
        sheet.append([label, None, n, None])
    for code, n in sorted(overview.codes.items(), key=lambda kv: (-kv[1], kv[0])):
        sheet.append([title_of(code), code, n, overview.documents_by_code[code]])
    sheet.close()


def _document_row(entry: Entry, codes: list[str]) -> list[Any]:
    row = dict(entry.row, _name=entry.name)
    counts: dict[str, int] = entry.row.get("codes") or {}
    return [row.get(key) for _, key, _ in DOCUMENT_COLUMNS] + [counts.get(c, 0) for c in codes]


def _documents(book: Workbook, index: Index, codes: list[str]) -> None:
    columns = [(h, w) for h, _, w in DOCUMENT_COLUMNS] + [(title_of(c), 14) for c in codes]
    sheet = _Styled(book, "文件", columns)
    for entry in index.entries(ok=True):
        sheet.append(_document_row(entry, codes))
    sheet.close()


def _ranking(book: Workbook, index: Index) -> None:
    sheet = _Styled(book, "排名", RANK_COLUMNS)
    for n, entry in enumerate(index.ranked(), start=1):
        row = entry.row
        sheet.append([n, row.get("department"), entry.name, row.get("score_computed"), row.get("grade_computed"),
                      row.get("score_claimed"), row.get("grade_claimed"), row.get("errors"), row.get("warnings")])
    sheet.close()


def _finding_rows(out: Path, index: Index) -> Iterator[list[Any]]:
    for entry in index.entries(ok=True):
        if not entry.row.get("codes"):
            continue
        for f in findings_of(out, entry):
            severity = str(f.get("severity") or "")
            code = str(f.get("code") or "")
            yield [entry.name, entry.row.get("department"), SEVERITY_NAMES.get(severity, severity),
                   title_of(code), f.get("message"), short_location(str(f.get("location") or "")),
                   f.get("suggestion"), code]


def write_summary_xlsx(out: Path, index: Index, overview: Overview, path: Path) -> None:
    """Write the workbook to `path` (the caller makes the write atomic)."""
    book = Workbook(write_only=True)
    _overview(book, overview)
    _documents(book, index, sorted(overview.codes))
    _ranking(book, index)
    failed = _Styled(book, "失败", [("文件", 36), ("原因", 70), ("SHA-256", 20)])
    for entry in index.entries(ok=False):
        failed.append([entry.name, entry.error, entry.sha256])
    failed.close()
    findings = _Styled(book, "问题", FINDING_COLUMNS)
    for values in _finding_rows(out, index):
        findings.append(values)
    findings.close()
    book.save(path)
