"""The JSON API under /api/: tasks, records, findings and scores (login required).

It shares the session cookie of the pages (and so their CSRF rule for anything but
reads); unauthenticated calls get 401. Its OpenAPI description is /api/openapi.json,
readable at /api/docs.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy import select

from jixiao.store.models import FindingRow, Submission, Task, Unit
from jixiao.store.records import record_of
from jixiao.store.search import search
from jixiao.web import queue
from jixiao.web.access import load_submission, load_task, submission_scope, task_scope
from jixiao.web.deps import DB, User
from jixiao.web.templating import page

router = APIRouter(prefix="/api", tags=["api"])


class TaskOut(BaseModel):
    """A self-evaluation task."""

    id: int
    title: str
    year: int
    deadline: date
    profile: str | None
    units: list[str]


class SubmissionOut(BaseModel):
    """A unit's self-evaluation with its scores and counts of findings."""

    id: int
    task_id: int | None
    unit: str | None
    year: int | None
    status: str
    version: int
    submitted_at: datetime | None
    score_claimed: float | None
    score_computed: float | None
    score_gap: float | None
    grade_claimed: str | None
    grade_computed: str | None
    execution_rate: float | None
    errors: int
    warnings: int
    infos: int


class FindingOut(BaseModel):
    """A review finding of a submission's current version."""

    code: str
    severity: str
    message: str
    location: str
    line: int | None
    evidence: dict[str, Any]
    suggestion: str


class SubmissionDetail(SubmissionOut):
    """A submission with its record, recomputed score and findings."""

    record: dict[str, Any]
    score: dict[str, Any] | None
    findings: list[FindingOut]


class SearchHitOut(BaseModel):
    """A report that holds the searched text, with the text around the match."""

    submission_id: int
    snippet: str


def _task(task: Task) -> TaskOut:
    return TaskOut(id=task.id, title=task.title, year=task.year, deadline=task.deadline, profile=task.profile,
                   units=[u.name for u in task.units])


def _summary(sub: Submission, unit: str | None) -> dict[str, Any]:
    return {"id": sub.id, "task_id": sub.task_id, "unit": unit, "year": sub.year, "status": sub.status,
            "version": sub.version, "submitted_at": sub.submitted_at, "score_claimed": sub.score_claimed,
            "score_computed": sub.score_computed, "score_gap": sub.score_gap, "grade_claimed": sub.grade_claimed,
            "grade_computed": sub.grade_computed, "execution_rate": sub.execution_rate, "errors": sub.errors,
            "warnings": sub.warnings, "infos": sub.infos}


def _findings(session: DB, sub: Submission) -> list[FindingOut]:
    rows = session.scalars(select(FindingRow).where(FindingRow.submission_id == sub.id).order_by(FindingRow.seq))
    return [FindingOut(code=r.code, severity=r.severity, message=r.message, location=r.location, line=r.line,
                       evidence=json.loads(r.evidence_json), suggestion=r.suggestion) for r in rows]


@router.get("/tasks", response_model=list[TaskOut])
def api_tasks(session: DB, viewer: User) -> list[TaskOut]:
    """Tasks the user sees."""
    tasks = session.scalars(select(Task).where(task_scope(viewer)).order_by(Task.year.desc(), Task.id.desc()))
    return [_task(t) for t in tasks]


@router.get("/tasks/{task_id}", response_model=TaskOut)
def api_task(session: DB, viewer: User, task_id: int) -> TaskOut:
    """One task."""
    return _task(load_task(session, viewer, task_id))


@router.get("/tasks/{task_id}/submissions", response_model=list[SubmissionOut])
def api_task_submissions(request: Request, session: DB, viewer: User, task_id: int) -> list[SubmissionOut]:
    """The task's submissions the user sees (query: sort, dir, status, grade, severity, unit, page)."""
    task = load_task(session, viewer, task_id)
    view = queue.QueueView.from_query(request.query_params)
    if viewer.is_reviewer:
        found = queue.rows(session, task, view).items
    else:
        found = [(s, n) for s, n in session.execute(
            select(Submission, Unit.name).join(Unit, Unit.id == Submission.unit_id)
            .where(Submission.task_id == task.id, submission_scope(viewer)))]
    return [SubmissionOut(**_summary(s, n)) for s, n in found]


@router.get("/submissions/{submission_id}", response_model=SubmissionDetail)
def api_submission(session: DB, viewer: User, submission_id: int) -> SubmissionDetail:
    """A submission with its record, score and findings."""
    sub = load_submission(session, viewer, submission_id)
    return SubmissionDetail(**_summary(sub, sub.unit.name if sub.unit else None),
                            record=record_of(sub).to_dict(),
                            score=json.loads(sub.score_json) if sub.score_json else None,
                            findings=_findings(session, sub))


@router.get("/submissions/{submission_id}/record")
def api_record(session: DB, viewer: User, submission_id: int) -> dict[str, Any]:
    """The record (``jixiao.record/1``) of a submission's current version."""
    return record_of(load_submission(session, viewer, submission_id)).to_dict()


@router.get("/submissions/{submission_id}/findings", response_model=list[FindingOut])
def api_findings(session: DB, viewer: User, submission_id: int) -> list[FindingOut]:
    """The review findings of a submission's current version."""
    return _findings(session, load_submission(session, viewer, submission_id))


@router.get("/submissions/{submission_id}/score")
def api_score(session: DB, viewer: User, submission_id: int) -> dict[str, Any] | None:
    """The score recomputed by the rules (indicators, budget execution, totals, grade)."""
    sub = load_submission(session, viewer, submission_id)
    return json.loads(sub.score_json) if sub.score_json else None


@router.get("/search", response_model=list[SearchHitOut])
def api_search(session: DB, viewer: User, q: str) -> list[SearchHitOut]:
    """Submissions whose text holds every term of `q`."""
    return [SearchHitOut(submission_id=h.submission_id, snippet=h.before + h.match + h.after)
            for h in search(session, q[:100], submission_scope(viewer))]


@router.get("/openapi.json", include_in_schema=False)
def api_openapi(request: Request, viewer: User) -> Response:
    """The OpenAPI description of this API."""
    return JSONResponse(request.app.openapi())


@router.get("/docs", include_in_schema=False)
def api_docs(request: Request, viewer: User) -> Response:
    """The API described from its OpenAPI schema, as a page."""
    schema = request.app.openapi()
    return page(request, "api_docs.html", schema=schema)
