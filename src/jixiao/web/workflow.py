"""What users do, over the pipeline and the store: issue tasks, fill in, submit, review.

Pages and the JSON API call these; each takes the database session and the acting user
and leaves committing to the caller. Reading, extracting, scoring and reviewing go
through `jixiao.pipeline` only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.model.record import Record
from jixiao.pipeline import Evaluation, evaluate_bytes, evaluate_record
from jixiao.store.models import Comment, Submission, Task, Unit, now
from jixiao.store.records import (
    Actor,
    audit,
    evaluation_of,
    record_of,
    save_snapshot,
    snapshot_of,
    store_source,
)
from jixiao.web.auth import Viewer


def actor(viewer: Viewer, ip: str) -> Actor:
    """The audit identity of a viewer."""
    return Actor(viewer.id, viewer.username, ip)


@dataclass(frozen=True)
class TaskDraft:
    """What a reviewer fills in to issue a task."""

    title: str
    year: int
    deadline: date
    profile: str | None
    unit_ids: list[int]


def create_task(session: Session, viewer: Viewer, ip: str, draft: TaskDraft) -> Task:
    """Issue a self-evaluation task for a year to units of the reviewer's region."""
    title, year, deadline, profile, unit_ids = (
        draft.title, draft.year, draft.deadline, draft.profile, draft.unit_ids)
    query = select(Unit).where(Unit.id.in_(unit_ids))
    if not viewer.is_admin:
        query = query.where(Unit.region_id == viewer.region_id)
    units = list(session.scalars(query))
    if not units or len(units) != len(set(unit_ids)):
        raise HTTPException(400, "请选择本地区的单位")
    region_id = viewer.region_id if not viewer.is_admin else units[0].region_id
    task = Task(title=title.strip() or f"{year}年度部门整体支出绩效自评", year=year, deadline=deadline,
                profile=profile or None, region_id=region_id, created_by=viewer.id, units=units)
    session.add(task)
    session.flush()
    audit(session, actor(viewer, ip), "create-task", "task", task.id, year=year,
          units=[u.name for u in units], deadline=str(deadline))
    return task


def own_submission(session: Session, task: Task, unit_id: int) -> Submission | None:
    """The unit's submission for a task, if started."""
    return session.scalar(select(Submission).where(Submission.task_id == task.id, Submission.unit_id == unit_id))


def last_year_record(session: Session, unit_id: int, year: int) -> Record | None:
    """The unit's latest record of the year before `year`, if any."""
    found = session.scalar(
        select(Submission).where(Submission.unit_id == unit_id, Submission.year == year - 1)
        .order_by(Submission.updated_at.desc()).limit(1)
    )
    return record_of(found) if found is not None else None


def start(session: Session, viewer: Viewer, ip: str, task: Task, mode: str) -> Submission:
    """Start the unit's submission from an empty form or from last year's record."""
    assert viewer.unit_id is not None
    existing = own_submission(session, task, viewer.unit_id)
    if existing is not None:
        return existing
    unit = session.get_one(Unit, viewer.unit_id)
    record = Record(department=unit.name, year=task.year)
    note = "从空白表单开始"
    if mode == "last_year":
        previous = last_year_record(session, unit.id, task.year)
        if previous is None:
            raise HTTPException(400, "没有找到上年度的自评记录")
        record = previous.model_copy(update={"year": task.year})
        note = "从上年记录开始"
    submission = Submission(task=task, unit_id=unit.id, year=task.year, status="draft", name=note)
    save_snapshot(session, submission, snapshot_of(evaluate_record(record, task.profile)),
                  actor(viewer, ip), note=note)
    return submission


def upload(session: Session, viewer: Viewer, ip: str, task: Task, data: bytes, name: str,
           expected_version: int | None) -> tuple[Submission, Evaluation]:
    """Read an uploaded report into the unit's submission (a new version when it exists).

    Raises `SourceError` (its message names the file and what to do) when the file
    cannot become a record; the upload itself is kept with the reason.
    """
    assert viewer.unit_id is not None
    try:
        evaluation = evaluate_bytes(data, name=name, profile=task.profile)
    except Exception as exc:
        store_source(session, data, name, failure=str(exc))
        audit(session, actor(viewer, ip), "upload-failed", "task", task.id, file=name, reason=str(exc))
        raise
    source = store_source(session, data, name, document=evaluation.document)
    submission = own_submission(session, task, viewer.unit_id) or Submission(
        task=task, unit_id=viewer.unit_id, year=task.year, status="draft")
    if submission.status not in ("draft", "returned"):
        raise HTTPException(403, "该自评已提交，不能再上传")
    submission.name = name
    save_snapshot(session, submission, snapshot_of(evaluation), actor(viewer, ip),
                  note=f"上传：{name}", expected_version=expected_version, source=source)
    return submission, evaluation


def save_form(session: Session, viewer: Viewer, ip: str, submission: Submission, record: Record,
              expected_version: int) -> Evaluation:
    """Save an edited record as a new version (refused when someone saved since)."""
    evaluation = evaluation_of(submission, record)
    save_snapshot(session, submission, snapshot_of(evaluation), actor(viewer, ip),
                  note="在线编辑", expected_version=expected_version)
    return evaluation


def add_comment(session: Session, viewer: Viewer, ip: str, submission: Submission, body: str,
                kind: str = "comment", anchor: str = "") -> None:
    """A comment on a submission (kept even when empty for return/approve)."""
    if kind == "comment" and not body.strip():
        raise HTTPException(400, "意见内容不能为空")
    session.add(Comment(submission_id=submission.id, user_id=viewer.id, kind=kind, body=body.strip(),
                        anchor=anchor[:200]))
    audit(session, actor(viewer, ip), kind, "submission", submission.id, body=body[:500], anchor=anchor)


def submit(session: Session, viewer: Viewer, ip: str, submission: Submission, expected_version: int) -> None:
    """The department submits its self-evaluation for review."""
    if submission.version != expected_version:
        raise HTTPException(409, "该记录已被他人修改，请刷新后再提交")
    submission.status, submission.submitted_at = "submitted", now()
    add_comment(session, viewer, ip, submission, "", "submit")


def decide(session: Session, viewer: Viewer, ip: str, submission: Submission, action: str, body: str) -> None:
    """A reviewer returns a submission for correction or approves it."""
    if submission.status != "submitted":
        raise HTTPException(409, "只能审核已提交的自评")
    if action == "return" and not body.strip():
        raise HTTPException(400, "退回修改时请填写意见")
    submission.status = "returned" if action == "return" else "approved"
    submission.decided_at = now()
    add_comment(session, viewer, ip, submission, body, action)


@dataclass(frozen=True)
class Sample:
    """A reproducible random sample of approved submissions for re-check (复核抽查)."""

    seed: int
    size: int
    population: int
    chosen: list[Submission]


def recheck_sample(session: Session, task: Task, seed: int, size: int) -> Sample:
    """`size` approved submissions of the task drawn with `seed` (same seed, same sample)."""
    approved = list(session.scalars(
        select(Submission).where(Submission.task_id == task.id, Submission.status == "approved")
        .order_by(Submission.id)))
    chosen = random.Random(seed).sample(approved, min(max(size, 0), len(approved)))
    return Sample(seed, size, len(approved), sorted(chosen, key=lambda s: s.id))
