"""Who sees what: a department its unit's data, a reviewer its region's, an admin all.

Every query of tasks and submissions goes through a scope from here; a record outside
the scope is answered as not found (404), so its existence is not revealed.
"""

from __future__ import annotations

from fastapi import HTTPException
from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.orm import Session

from jixiao.store.models import Submission, Task, TaskUnit, Unit
from jixiao.web.auth import Viewer

NOT_FOUND = "未找到该记录，或您无权查看"


def unit_scope(viewer: Viewer) -> ColumnElement[bool]:
    """Units the viewer may see."""
    if viewer.is_admin:
        return true()
    if viewer.role == "reviewer":
        return Unit.region_id == viewer.region_id if viewer.region_id is not None else false()
    return Unit.id == viewer.unit_id if viewer.unit_id is not None else false()


def submission_scope(viewer: Viewer) -> ColumnElement[bool]:
    """Submissions the viewer may see."""
    if viewer.is_admin:
        return true()
    if viewer.role == "reviewer":
        units = select(Unit.id).where(unit_scope(viewer))
        return Submission.unit_id.in_(units)
    return Submission.unit_id == viewer.unit_id if viewer.unit_id is not None else false()


def task_scope(viewer: Viewer) -> ColumnElement[bool]:
    """Tasks the viewer may see."""
    if viewer.is_admin:
        return true()
    if viewer.role == "reviewer":
        return Task.region_id == viewer.region_id if viewer.region_id is not None else false()
    issued = select(TaskUnit.task_id).where(TaskUnit.unit_id == viewer.unit_id)
    return Task.id.in_(issued)


def load_submission(session: Session, viewer: Viewer, submission_id: int) -> Submission:
    """The submission, when the viewer may see it; else 404."""
    found = session.scalar(select(Submission).where(Submission.id == submission_id, submission_scope(viewer)))
    if found is None:
        raise HTTPException(404, NOT_FOUND)
    return found


def load_task(session: Session, viewer: Viewer, task_id: int) -> Task:
    """The task, when the viewer may see it; else 404."""
    found = session.scalar(select(Task).where(Task.id == task_id, task_scope(viewer)))
    if found is None:
        raise HTTPException(404, NOT_FOUND)
    return found


def load_unit(session: Session, viewer: Viewer, unit_id: int) -> Unit:
    """The unit, when the viewer may see it; else 404."""
    found = session.scalar(select(Unit).where(Unit.id == unit_id, unit_scope(viewer)))
    if found is None:
        raise HTTPException(404, NOT_FOUND)
    return found


def can_edit(viewer: Viewer, submission: Submission) -> bool:
    """Department staff of the unit edit their own drafts and returned submissions."""
    return (viewer.role == "department" and submission.unit_id == viewer.unit_id
            and submission.status in ("draft", "returned"))


def require_edit(viewer: Viewer, submission: Submission) -> None:
    """403 unless the viewer may edit the submission now."""
    if not can_edit(viewer, submission):
        raise HTTPException(403, "该自评当前不可修改（已提交或无权限）")
