"""The overview of a region and year: grades, execution rates, claimed against recomputed
scores (the gap first), frequent findings, a unit across years; and its XLSX export."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from jixiao.store.models import FindingRow, Submission, Unit

GRADES = ("优", "良", "中", "差")
RATE_BINS = ((0, 60), (60, 80), (80, 90), (90, 95), (95, 100), (100, 100.0001), (100.0001, 10**9))
RATE_LABELS = ("<60%", "60–80%", "80–90%", "90–95%", "95–100%", "100%", ">100%")
GAP_BINS = ((-10**9, -5), (-5, -2), (-2, -0.5), (-0.5, 0.5), (0.5, 2), (2, 5), (5, 10), (10, 10**9))
GAP_LABELS = ("≤-5", "-5~-2", "-2~-0.5", "±0.5", "0.5~2", "2~5", "5~10", ">10")
COLUMNS = ("单位", "状态", "自评得分", "复核得分", "差异（自评-复核）", "自评等级", "复核等级", "预算执行率（%）",
           "错误", "警告", "提示")


@dataclass
class Overview:
    """Everything the overview page and its export show."""

    year: int | None
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    grades: dict[str, list[int]] = field(default_factory=dict)
    rates: list[int] = field(default_factory=list)
    gaps: list[int] = field(default_factory=list)
    scatter: list[list[Any]] = field(default_factory=list)
    largest_gaps: list[tuple[Any, ...]] = field(default_factory=list)
    findings: list[tuple[str, int]] = field(default_factory=list)

    def charts(self) -> dict[str, Any]:
        """The chart data as JSON-ready values."""
        return {"grades": {"labels": list(GRADES), **self.grades},
                "rates": {"labels": list(RATE_LABELS), "values": self.rates},
                "gaps": {"labels": list(GAP_LABELS), "values": self.gaps},
                "scatter": self.scatter,
                "findings": {"labels": [c for c, _ in self.findings], "values": [n for _, n in self.findings]}}


def _bin(value: float, bins: tuple[tuple[float, float], ...]) -> int:
    return next(i for i, (low, high) in enumerate(bins) if low <= value < high)


def build(session: Session, scope: ColumnElement[bool], year: int | None) -> Overview:
    """The overview of the submissions in `scope` of `year` (all years when None)."""
    where = [scope, Submission.unit_id.is_not(None)]
    if year is not None:
        where.append(Submission.year == year)
    statement = (select(Unit.name, Submission.status, Submission.score_claimed, Submission.score_computed,
                        Submission.score_gap, Submission.grade_claimed, Submission.grade_computed,
                        Submission.execution_rate, Submission.errors, Submission.warnings, Submission.infos)
                 .join(Unit, Unit.id == Submission.unit_id).where(*where).order_by(Unit.name))
    view = Overview(year, [tuple(r) for r in session.execute(statement)])
    claimed = Counter(r[5] for r in view.rows if r[5])
    computed = Counter(r[6] for r in view.rows if r[6])
    view.grades = {"claimed": [claimed[g] for g in GRADES], "computed": [computed[g] for g in GRADES]}
    view.rates = _counts([r[7] for r in view.rows if r[7] is not None], RATE_BINS)
    with_gap = [r for r in view.rows if r[4] is not None]
    view.gaps = _counts([r[4] for r in with_gap], GAP_BINS)
    view.scatter = [[r[3], r[2], r[0]] for r in with_gap]
    view.largest_gaps = sorted(with_gap, key=lambda r: -abs(r[4]))[:10]
    codes = (select(FindingRow.code, func.count(func.distinct(FindingRow.submission_id)))
             .join(Submission, Submission.id == FindingRow.submission_id).where(*where)
             .group_by(FindingRow.code).order_by(func.count(func.distinct(FindingRow.submission_id)).desc())
             .limit(15))
    view.findings = [(code, int(n)) for code, n in session.execute(codes)]
    return view


def _counts(values: list[float], bins: tuple[tuple[float, float], ...]) -> list[int]:
    counts = [0] * len(bins)
    for value in values:
        counts[_bin(value, bins)] += 1
    return counts


def unit_history(session: Session, scope: ColumnElement[bool], unit_id: int) -> list[tuple[Any, ...]]:
    """(year, claimed, recomputed, execution rate) of one unit across years."""
    statement = (select(Submission.year, func.max(Submission.score_claimed), func.max(Submission.score_computed),
                        func.max(Submission.execution_rate))
                 .where(scope, Submission.unit_id == unit_id, Submission.year.is_not(None))
                 .group_by(Submission.year).order_by(Submission.year))
    return [tuple(r) for r in session.execute(statement)]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(sheet: Any, value: Any) -> Any:
    """A value safe in a spreadsheet: text that looks like a formula is stored as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        text = WriteOnlyCell(sheet, value)
        text.data_type = "s"
        return text
    return value


def to_xlsx(view: Overview) -> bytes:
    """The overview as a workbook: the submissions, the grade table, the gap table, findings."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("汇总")
    sheet.append(COLUMNS)
    for row in view.rows:
        sheet.append([cell(sheet, v) for v in row])
    grades = book.create_sheet("等级分布")
    grades.append(("等级", "自评", "复核"))
    for i, grade in enumerate(GRADES):
        grades.append((grade, view.grades["claimed"][i], view.grades["computed"][i]))
    gaps = book.create_sheet("得分差异")
    gaps.append(("差异区间", "单位数"))
    for label, n in zip(GAP_LABELS, view.gaps, strict=True):
        gaps.append((label, n))
    found = book.create_sheet("常见问题")
    found.append(("问题代码", "涉及单位数"))
    for code, n in view.findings:
        found.append((cell(found, code), n))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
