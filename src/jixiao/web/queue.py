"""The reviewer's queue of a task: sortable, filterable, paged; and who has not submitted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from jixiao.store.models import Submission, Task, TaskUnit, Unit

SORTS: dict[str, Any] = {
    "unit": Unit.name, "status": Submission.status, "submitted": Submission.submitted_at,
    "claimed": Submission.score_claimed, "computed": Submission.score_computed,
    "gap": Submission.score_gap, "grade": Submission.grade_computed,
    "rate": Submission.execution_rate, "errors": Submission.errors, "warnings": Submission.warnings,
}
PAGE_SIZE = 50


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() else default


@dataclass(frozen=True)
class QueueView:
    """Sort, filters and page of a queue, read from and written to the query string."""

    sort: str = "submitted"
    desc: bool = True
    status: str = ""
    grade: str = ""
    severity: str = ""
    unit: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> QueueView:
        """The view named by a query string (unknown values fall back to defaults)."""
        sort = query.get("sort", "submitted")
        return cls(
            sort=sort if sort in SORTS else "submitted", desc=query.get("dir", "desc") != "asc",
            status=query.get("status", "") if query.get("status") in ("draft", "submitted", "returned", "approved") else "",
            grade=query.get("grade", "") if query.get("grade") in ("优", "良", "中", "差") else "",
            severity=query.get("severity", "") if query.get("severity") in ("error", "warning") else "",
            unit=query.get("unit", "")[:100], page=max(1, _int(query.get("page"), 1)),
        )

    def query(self, **changes: Any) -> str:
        """The query string of this view with `changes`."""
        view = replace(self, **changes)
        params = {"sort": view.sort, "dir": "desc" if view.desc else "asc", "status": view.status,
                  "grade": view.grade, "severity": view.severity, "unit": view.unit, "page": view.page}
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})

    def sorted_by(self, key: str) -> str:
        """The query string that sorts by `key` (toggling direction when already sorted by it)."""
        return self.query(sort=key, desc=not self.desc if self.sort == key else True, page=1)


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue."""

    items: list[tuple[Submission, str]]
    total: int
    page: int
    pages: int


def _filters(task: Task, view: QueueView) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Submission.task_id == task.id]
    if view.status:
        where.append(Submission.status == view.status)
    if view.grade:
        where.append(Submission.grade_computed == view.grade)
    if view.severity == "error":
        where.append(Submission.errors > 0)
    elif view.severity == "warning":
        where.append(Submission.errors + Submission.warnings > 0)
    if view.unit:
        where.append(Unit.name.contains(view.unit, autoescape=True))
    return where


def _base(task: Task, view: QueueView) -> Select[Submission, str]:
    return select(Submission, Unit.name).join(Unit, Unit.id == Submission.unit_id).where(*_filters(task, view))


def rows(session: Session, task: Task, view: QueueView) -> QueuePage:
    """The page of the queue the view asks for."""
    total = session.scalar(select(func.count()).select_from(_base(task, view).subquery())) or 0
    column = SORTS[view.sort]
    order = column.desc().nulls_last() if view.desc else column.asc().nulls_last()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(view.page, pages)
    statement = _base(task, view).order_by(order, Submission.id).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    items = [(sub, name) for sub, name in session.execute(statement)]
    return QueuePage(items, total, page, pages)


def missing_units(session: Session, task: Task, limit: int = 100) -> list[tuple[str, str]]:
    """Units of the task that have not submitted: (name, status), at most `limit`."""
    done = (select(Submission.id).where(Submission.task_id == task.id, Submission.unit_id == Unit.id,
                                        Submission.status.in_(("submitted", "approved"))).exists())
    statement = (
        select(Unit.id, Unit.name).join(TaskUnit, TaskUnit.unit_id == Unit.id)
        .where(TaskUnit.task_id == task.id, ~done).order_by(Unit.name).limit(limit)
    )
    rows = session.execute(statement).all()
    states = dict(session.execute(select(Submission.unit_id, Submission.status).where(
        Submission.task_id == task.id, Submission.unit_id.in_([r[0] for r in rows]))).all()) if rows else {}
    return [(name, states.get(unit_id) or "none") for unit_id, name in rows]
