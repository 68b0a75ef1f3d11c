"""Formulas of the fill-in workbook: totals by SUM, rates by division, the grade by band.

A formula is written only where its result is what the record states (or where the
record states nothing, as in a blank workbook); a stated figure that differs stays a
typed value, so a workbook never changes what a report said. Computed cells are
locked, except the grade, which a user may choose by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl.styles import PatternFill, Protection

from jixiao.model.record import Record

_COMPUTED_FILL = PatternFill("solid", fgColor="E2EFDA")
#: (lower bound, grade) of the usual bands (财预〔2020〕10号).
BANDS = ((90, "优"), (80, "良"), (60, "中"))
_CENT = Decimal("0.01")


def _get(record: Record, path: str) -> Any:
    target: Any = record
    for part in path.split("."):
        target = getattr(target, part, None)
    return target


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


def _fits(stated: Decimal | None, computed: Decimal | None) -> bool:
    """True when a formula giving `computed` keeps what the record states."""
    if stated is None:
        return computed is None
    return computed is not None and Decimal(stated).quantize(_CENT) == computed.quantize(_CENT)


def sum_formula(refs: str) -> str:
    """``=IF(COUNT(refs)=0,"",SUM(refs))``: blank until a part is filled in, not 0."""
    return f'=IF(COUNT({refs})=0,"",SUM({refs}))'


def _computed(cell: Any, formula: str, *, locked: bool = True) -> None:
    cell.value = formula
    cell.fill = _COMPUTED_FILL
    cell.protection = Protection(locked=locked)


def grade_formula(total: str) -> str:
    """``=IF(NOT(ISNUMBER(X)),"",IF(X>=90,"优",…))`` over the 总分 cell."""
    inner = '"差"'
    for bound, grade in reversed(BANDS):
        inner = f'IF({total}>={bound},"{grade}",{inner})'
    return f'=IF(NOT(ISNUMBER({total})),"",{inner})'


def grade_of(score: Decimal | None) -> str | None:
    """The grade of a total score by the usual bands."""
    if score is None:
        return None
    return next((g for bound, g in BANDS if score >= bound), "差")


def _totals(sheet: Any, cells: dict[str, list[str]], record: Record, parts: dict[str, tuple[str, ...]]) -> None:
    for total, names in parts.items():
        if total not in cells or any(n not in cells for n in names):
            continue
        values = [_get(record, n) for n in names]
        if _fits(_get(record, total), _sum(values)) and (all(v is None for v in values) or None not in values):
            refs = ",".join(cells[n][0] for n in names)
            _computed(sheet[cells[total][0]], sum_formula(refs))


def _rates(sheet: Any, cells: dict[str, list[str]], record: Record) -> None:
    for coord in cells.get("calc.rate", []) + cells.get("budget_execution.rate", []):
        cell = sheet[coord]
        row = [c for c in sheet[cell.row] if c.column < cell.column and isinstance(c.value, int | float | Decimal | type(None))]
        formula = _rate_formula(sheet, cell, cells)
        stated = record.budget_execution.rate if coord in cells.get("budget_execution.rate", []) else None
        if formula is None:
            continue
        if stated is not None and not _fits(stated, _stated_rate(record)):
            cell.value = stated / 100
            continue
        del row
        _computed(sheet[coord], formula)


def _stated_rate(record: Record) -> Decimal | None:
    final, actual = record.budget.final.total, record.budget.actual.total
    return None if not final or actual is None else actual / final * 100


def _rate_formula(sheet: Any, cell: Any, cells: dict[str, list[str]]) -> str | None:
    """actual ÷ budget over the two amount cells this rate belongs to."""
    row = cell.row
    for part, whole in (
        ("staffing.actual", "staffing.authorized"),
        ("budget.actual.total", "budget.final.total"),
        ("budget.actual.basic", "budget.final.basic"),
        ("budget.actual.project", "budget.final.project"),
    ):
        p, w = cells.get(part, [None])[0], cells.get(whole, [None])[0]
        if p and w and sheet[p].row == row == sheet[w].row:
            return f'=IF(AND(ISNUMBER({w}),{w}<>0,ISNUMBER({p})),{p}/{w},"")'
    budgets = [c for c in cells.get("projects.budget", []) if sheet[c].row == row]
    actuals = [c for c in cells.get("projects.actual", []) if sheet[c].row == row]
    if budgets and actuals:
        w, p = budgets[0], actuals[0]
        return f'=IF(AND(ISNUMBER({w}),{w}<>0,ISNUMBER({p})),{p}/{w},"")'
    return None


def _column_range(coords: list[str]) -> str | None:
    if not coords:
        return None
    return f"{coords[0]}:{coords[-1]}"


def _score_total(sheet: Any, cells: dict[str, list[str]], record: Record) -> None:
    for total, column, part in (
        ("calc.total_weight", "indicator.weight", "budget_execution.weight"),
        ("self_evaluation.score", "indicator.score", "budget_execution.score"),
    ):
        if total not in cells or column not in cells:
            continue
        values = [getattr(i, column.split(".")[1]) for i in record.indicators]
        values.append(_get(record, part))
        stated = _sum(values) if total == "calc.total_weight" else _get(record, total)
        if not _fits(stated, _sum(values)):
            continue
        refs = [r for r in (cells.get(part, [None])[0], _column_range(cells[column])) if r]
        _computed(sheet[cells[total][0]], sum_formula(",".join(refs)))


def _grade(sheet: Any, cells: dict[str, list[str]], record: Record) -> None:
    if "self_evaluation.grade" not in cells or "self_evaluation.score" not in cells:
        return
    if record.self_evaluation.grade != grade_of(record.self_evaluation.score):
        return
    cell = sheet[cells["self_evaluation.grade"][0]]
    _computed(cell, grade_formula(cells["self_evaluation.score"][0]), locked=False)


def add_formulas(book: Any, placed: dict[str, dict[str, list[str]]], record: Record) -> None:
    """Write the formulas of every sheet (see the module docstring)."""
    from jixiao.render.xlsx import SHEET_BASIC, SHEET_PROJECT_FORM, SHEET_PROJECTS, SHEET_SELF

    if SHEET_PROJECT_FORM in placed:
        sheet, cells = book[SHEET_PROJECT_FORM], placed[SHEET_PROJECT_FORM]
        _totals(sheet, cells, record, {
            f"budget.{stage}.total": tuple(f"funds.{source}.{stage}" for source in ("fiscal", "carryover", "other"))
            for stage in ("initial", "final", "actual")
        })
        _rates(sheet, cells, record)
        _score_total(sheet, cells, record)
        _grade(sheet, cells, record)
    if SHEET_SELF in placed:
        sheet, cells = book[SHEET_SELF], placed[SHEET_SELF]
        _totals(sheet, cells, record, {
            f"budget.{stage}.total": (f"budget.{stage}.basic", f"budget.{stage}.project")
            for stage in ("initial", "final", "actual")
        })
        _rates(sheet, cells, record)
        _score_total(sheet, cells, record)
        _grade(sheet, cells, record)
    if SHEET_BASIC in placed:
        sheet, cells = book[SHEET_BASIC], placed[SHEET_BASIC]
        _totals(sheet, cells, record, {
            f"three_public.{s}.total": tuple(f"three_public.{s}.{p}" for p in ("vehicles", "overseas", "reception"))
            for s in ("budget", "actual")
        })
        _rates(sheet, cells, record)
    if SHEET_PROJECTS in placed:
        _rates(book[SHEET_PROJECTS], placed[SHEET_PROJECTS], record)
