"""Tasks: the list, issuing one, the department's view and the reviewer's queue."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jixiao.errors import SourceError
from jixiao.readers import FORMATS, supported
from jixiao.score import builtin_profiles
from jixiao.store.models import Submission, Task, TaskUnit, Unit
from jixiao.store.records import StaleVersionError
from jixiao.web import queue
from jixiao.web.access import load_task, task_scope, unit_scope
from jixiao.web.auth import Viewer, client_ip
from jixiao.web.deps import DB, Conf, Department, Reviewer, User
from jixiao.web.settings import Settings
from jixiao.web.templating import is_late, page
from jixiao.web.workflow import (
    TaskDraft,
    create_task,
    last_year_record,
    own_submission,
    recheck_sample,
    start,
    upload,
)

router = APIRouter(include_in_schema=False)
ACCEPTED = " ".join(sorted(FORMATS))


def _progress(session: Session, task: Task) -> dict[str, int]:
    counts = dict(session.execute(
        select(Submission.status, func.count()).where(Submission.task_id == task.id).group_by(Submission.status)
    ).all())
    total = session.scalar(select(func.count()).select_from(TaskUnit).where(TaskUnit.task_id == task.id)) or 0
    done = sum(counts.get(s, 0) for s in ("submitted", "approved"))
    return {"total": total, "submitted": counts.get("submitted", 0), "approved": counts.get("approved", 0),
            "returned": counts.get("returned", 0), "draft": counts.get("draft", 0), "missing": total - done}


@router.get("/tasks")
def task_list(request: Request, session: DB, viewer: User) -> Response:
    """Tasks the user sees, newest first, with progress (reviewers) or own status (units)."""
    tasks = list(session.scalars(select(Task).where(task_scope(viewer)).order_by(Task.year.desc(), Task.id.desc())))
    rows = []
    for task in tasks:
        own = own_submission(session, task, viewer.unit_id) if viewer.unit_id is not None else None
        rows.append({"task": task, "own": own, "progress": _progress(session, task) if viewer.is_reviewer else None,
                     "late": is_late(task.deadline, own.status if own else None)})
    return page(request, "tasks.html", rows=rows)


@router.get("/tasks/new")
def task_form(request: Request, session: DB, viewer: Reviewer) -> Response:
    """The form to issue a task."""
    units = session.scalars(select(Unit).where(unit_scope(viewer)).order_by(Unit.name)).all()
    return page(request, "task_new.html", units=units, profiles=builtin_profiles(),
                year=date.today().year - 1, error="")


@router.post("/tasks")
def task_create(request: Request, session: DB, viewer: Reviewer, title: Annotated[str, Form()],
                year: Annotated[int, Form()], deadline: Annotated[date, Form()],
                unit_ids: Annotated[list[int], Form()], profile: Annotated[str, Form()] = "") -> Response:
    """Issue the task and show it."""
    if profile and profile not in builtin_profiles():
        raise HTTPException(400, "评分方案无效")
    task = create_task(session, viewer, client_ip(request), TaskDraft(title, year, deadline, profile or None, unit_ids))
    session.commit()
    return RedirectResponse(f"/tasks/{task.id}", 303)


@router.get("/tasks/{task_id}")
def task_page(request: Request, session: DB, viewer: User, task_id: int) -> Response:
    """A department's task (its submission, how to start) or a reviewer's queue."""
    task = load_task(session, viewer, task_id)
    if viewer.is_reviewer:
        view = queue.QueueView.from_query(request.query_params)
        return page(request, "task_review.html", task=task, progress=_progress(session, task),
                    queue=queue.rows(session, task, view), view=view,
                    missing=queue.missing_units(session, task), sample=None,
                    seed=secrets.randbelow(10**6))
    return _department_page(request, session, viewer, task)


def _department_page(request: Request, session: Session, viewer: Viewer, task: Task, *,
                     error: str = "", status_code: int = 200) -> Response:
    assert viewer.unit_id is not None
    own = own_submission(session, task, viewer.unit_id)
    has_last = last_year_record(session, viewer.unit_id, task.year) is not None
    return page(request, "task_department.html", status_code, task=task, own=own, has_last=has_last,
                late=is_late(task.deadline, own.status if own else None), accepted=ACCEPTED, error=error)


@router.get("/tasks/{task_id}/sample")
def task_sample(request: Request, session: DB, viewer: Reviewer, task_id: int, seed: int, size: int = 5) -> Response:
    """A reproducible random sample of approved submissions for re-check."""
    task = load_task(session, viewer, task_id)
    view = queue.QueueView.from_query(request.query_params)
    return page(request, "task_review.html", task=task, progress=_progress(session, task),
                queue=queue.rows(session, task, view), view=view, missing=queue.missing_units(session, task),
                sample=recheck_sample(session, task, seed, size), seed=seed)


@router.post("/tasks/{task_id}/start")
def task_start(request: Request, session: DB, viewer: Department, task_id: int,
               mode: Annotated[str, Form()] = "empty") -> Response:
    """Start from an empty form or from last year's record."""
    task = load_task(session, viewer, task_id)
    submission = start(session, viewer, client_ip(request), task, mode)
    session.commit()
    return RedirectResponse(f"/submissions/{submission.id}", 303)


def read_upload(file: UploadFile, settings: Settings) -> tuple[bytes, str]:
    """The uploaded bytes and name; 413/415 with a clear message when too large or of a wrong type."""
    name = Path((file.filename or "").replace("\\", "/")).name
    if not name:
        raise HTTPException(400, "请选择要上传的文件")
    if not supported(Path(name)):
        raise HTTPException(415, f"不支持的文件类型“{name}”：请上传 {ACCEPTED} 格式的自评报告")
    data = file.file.read(settings.max_upload + 1)
    if len(data) > settings.max_upload:
        raise HTTPException(413, f"文件“{name}”过大（上限 {settings.max_upload // 1048576} MB），请压缩图片或拆分后再上传")
    if not data:
        raise HTTPException(400, f"文件“{name}”是空的，请检查后重新上传")
    return data, name


@router.post("/tasks/{task_id}/upload")
def task_upload(request: Request, session: DB, settings: Conf, viewer: Department, task_id: int,
                file: Annotated[UploadFile, File()], version: Annotated[int | None, Form()] = None) -> Response:
    """Read an uploaded report into the unit's submission."""
    task = load_task(session, viewer, task_id)
    try:
        data, name = read_upload(file, settings)
    except HTTPException as exc:
        return _department_page(request, session, viewer, task, error=str(exc.detail), status_code=exc.status_code)
    try:
        submission, _ = upload(session, viewer, client_ip(request), task, data, name, version)
    except SourceError as exc:
        session.commit()  # keeps the failed upload and its audit entry
        return _department_page(request, session, viewer, task, status_code=422,
                                error=f"无法读取上传的文件：{exc}。也可以从空白表单开始填报。")
    except StaleVersionError as exc:
        session.rollback()
        return _department_page(request, session, viewer, task, error=str(exc), status_code=409)
    session.commit()
    return RedirectResponse(f"/submissions/{submission.id}", 303)
