"""A submission: the source beside the record, editing with live results, export, submit,
and the reviewer's findings, comments and decision."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from jixiao.model.provenance import Provenance, SourceRef
from jixiao.pipeline import Evaluation
from jixiao.render import render
from jixiao.store.models import Comment, FindingRow, RecordVersion, Submission, User
from jixiao.store.records import (
    StaleVersionError,
    audit,
    document_of,
    evaluation_of,
    finding_dicts,
    provenance_of,
    record_of,
)
from jixiao.web.access import can_edit, load_submission, require_edit
from jixiao.web.auth import Viewer, client_ip
from jixiao.web.deps import DB, Reviewer
from jixiao.web.deps import User as Viewing
from jixiao.web.forms import FormState, form_layout, form_values, parse_form
from jixiao.web.templating import page
from jixiao.web.workflow import actor, add_comment, decide, save_form, submit

router = APIRouter(include_in_schema=False)
EXPORTS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "pdf": "application/pdf"}


def anchor(ref: dict[str, Any] | SourceRef) -> str:
    """The element id of a source location in the source pane."""
    data = ref if isinstance(ref, dict) else {"block": ref.block, "row": ref.row, "col": ref.col}
    if data.get("row") is not None:
        return f"b{data['block']}-r{data['row']}-c{data.get('col') or 0}"
    return f"b{data['block']}"


def _anchors(provenance: Provenance, values: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in values:
        ref = provenance.get(key) or (provenance.get(key.rsplit(".", 1)[0]) if "[" in key else None)
        if ref is not None:
            out[key] = anchor(ref)
    for key, ref in provenance.items():
        out.setdefault(key, anchor(ref))
    return out


def _stored_findings(session: Session, submission: Submission) -> list[dict[str, Any]]:
    rows = session.scalars(select(FindingRow).where(FindingRow.submission_id == submission.id)
                           .order_by(FindingRow.seq))
    return [{"code": r.code, "severity": r.severity, "message": r.message, "location": r.location,
             "line": r.line, "suggestion": r.suggestion, "refs": json.loads(r.refs_json)} for r in rows]


def results_context(score: dict[str, Any] | None, findings: list[dict[str, Any]]) -> dict[str, Any]:
    """What the results panel shows: the score summary and the findings with their anchors."""
    for finding in findings:
        finding["anchors"] = [anchor(r) for r in finding.get("refs") or []]
    return {"score": score, "findings": findings}


def _context(session: Session, viewer: Viewer, submission: Submission, *, state: FormState | None = None,
             evaluation: Evaluation | None = None) -> dict[str, Any]:
    state = state or FormState(form_values(record_of(submission)))
    if evaluation is not None:
        results = results_context(evaluation.score.to_dict(), finding_dicts(evaluation))
    else:
        score = json.loads(submission.score_json) if submission.score_json else None
        results = results_context(score, _stored_findings(session, submission))
    comments = session.scalars(select(Comment).where(Comment.submission_id == submission.id)
                               .order_by(Comment.created_at, Comment.id)).all()
    return {
        "sub": submission, "document": document_of(submission), "layout": form_layout(), "state": state,
        "anchors": _anchors(provenance_of(submission), state.values), "editable": can_edit(viewer, submission),
        "comments": comments, **results,
    }


@router.get("/submissions/{submission_id}")
def submission_page(request: Request, session: DB, viewer: Viewing, submission_id: int) -> Response:
    """The submission beside its source: the form (department) or the review (reviewer)."""
    submission = load_submission(session, viewer, submission_id)
    notice = {"saved": "已保存", "submitted": "已提交，等待审核", "decided": "已记录审核结果"}.get(
        request.query_params.get("done", ""), "")
    return page(request, "submission.html", notice=notice, **_context(session, viewer, submission))


def _form(form: FormData) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.post("/submissions/{submission_id}/preview")
async def preview(request: Request, session: DB, viewer: Viewing, submission_id: int) -> Response:
    """Scores and findings of the form as it stands, without saving (htmx)."""
    form = _form(await request.form())
    return await run_in_threadpool(_preview, request, session, viewer, submission_id, form)


def _preview(request: Request, session: Session, viewer: Viewer, submission_id: int,
             form: dict[str, str]) -> Response:
    submission = load_submission(session, viewer, submission_id)
    require_edit(viewer, submission)
    record, state = parse_form(form, record_of(submission).kind)
    if record is None:
        return page(request, "_results.html", errors=state.errors, score=None, findings=[])
    evaluation = evaluation_of(submission, record)
    return page(request, "_results.html", errors={}, **results_context(
        evaluation.score.to_dict(), finding_dicts(evaluation)))


@router.post("/submissions/{submission_id}/save")
async def save(request: Request, session: DB, viewer: Viewing, submission_id: int) -> Response:
    """Save the form as a new version; on a conflict or an error the form comes back as typed."""
    form = _form(await request.form())
    return await run_in_threadpool(_save, request, session, viewer, submission_id, form)


def _save(request: Request, session: Session, viewer: Viewer, submission_id: int,
          form: dict[str, str]) -> Response:
    submission = load_submission(session, viewer, submission_id)
    require_edit(viewer, submission)
    version = int(form["version"]) if form.get("version", "").isdigit() else 0
    record, state = parse_form(form, record_of(submission).kind)
    if record is None:
        return page(request, "submission.html", 422, error="有填写错误，请按提示修改后再保存（已填内容均已保留）",
                    **_context(session, viewer, submission, state=state))
    try:
        save_form(session, viewer, client_ip(request), submission, record, version)
    except StaleVersionError as exc:
        session.rollback()
        audit(session, actor(viewer, client_ip(request)), "save-conflict", "submission", submission.id,
              expected=version, record=record.to_dict())
        session.commit()
        fresh = load_submission(session, viewer, submission_id)
        return page(request, "submission.html", 409, error=str(exc), conflict=True,
                    **_context(session, viewer, fresh, state=state))
    session.commit()
    return RedirectResponse(f"/submissions/{submission.id}?done=saved", 303)


@router.post("/submissions/{submission_id}/submit")
def submit_page(request: Request, session: DB, viewer: Viewing, submission_id: int,
                version: Annotated[int, Form()]) -> Response:
    """Submit for review."""
    submission = load_submission(session, viewer, submission_id)
    require_edit(viewer, submission)
    submit(session, viewer, client_ip(request), submission, version)
    session.commit()
    return RedirectResponse(f"/submissions/{submission.id}?done=submitted", 303)


@router.post("/submissions/{submission_id}/comment")
def comment(request: Request, session: DB, viewer: Viewing, submission_id: int,
            body: Annotated[str, Form(max_length=5000)], anchor: Annotated[str, Form()] = "") -> Response:
    """Add a comment (either side)."""
    submission = load_submission(session, viewer, submission_id)
    add_comment(session, viewer, client_ip(request), submission, body, "comment", anchor)
    session.commit()
    return RedirectResponse(f"/submissions/{submission.id}#comments", 303)


@router.post("/submissions/{submission_id}/decide")
def decide_page(request: Request, session: DB, viewer: Reviewer, submission_id: int,
                action: Annotated[str, Form()], body: Annotated[str, Form(max_length=5000)] = "") -> Response:
    """Return for correction, or approve."""
    if action not in ("return", "approve"):
        raise HTTPException(400, "无效的操作")
    submission = load_submission(session, viewer, submission_id)
    decide(session, viewer, client_ip(request), submission, action, body)
    session.commit()
    return RedirectResponse(f"/submissions/{submission.id}?done=decided", 303)


def _download(data: bytes, filename: str, media_type: str) -> Response:
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/submissions/{submission_id}/export/{fmt}")
def export(session: DB, viewer: Viewing, submission_id: int, fmt: str, reviewed: bool = False) -> Response:
    """The standard report of the record as DOCX, XLSX or PDF."""
    if fmt not in EXPORTS:
        raise HTTPException(404, "不支持的导出格式")
    submission = load_submission(session, viewer, submission_id)
    record = record_of(submission)
    profile = submission.task.profile if submission.task else None
    data = render(record, fmt=fmt, profile=profile, reviewed=reviewed and fmt != "xlsx")  # type: ignore[arg-type]
    stem = record.project.name if record.kind == "project" and record.project.name else record.department
    name = f"{stem or '自评报告'}-{record.year or ''}.{fmt}"
    return _download(data, name, EXPORTS[fmt])


@router.get("/submissions/{submission_id}/source")
def source(session: DB, viewer: Viewing, submission_id: int) -> Response:
    """The uploaded file itself, as a download (never rendered inline)."""
    submission = load_submission(session, viewer, submission_id)
    if submission.source is None or submission.source.data is None:
        raise HTTPException(404, "没有上传的原文件")
    return _download(submission.source.data, submission.source.name, "application/octet-stream")


@router.get("/submissions/{submission_id}/versions")
def versions(request: Request, session: DB, viewer: Viewing, submission_id: int) -> Response:
    """Every saved version of the record, newest first."""
    submission = load_submission(session, viewer, submission_id)
    rows = session.execute(
        select(RecordVersion, User.username).outerjoin(User, User.id == RecordVersion.created_by)
        .where(RecordVersion.submission_id == submission.id).order_by(RecordVersion.number.desc())
    ).all()
    shown = request.query_params.get("n", "")
    chosen = next((v for v, _ in rows if str(v.number) == shown), None)
    pretty = json.dumps(json.loads(chosen.record_json), ensure_ascii=False, indent=2) if chosen else ""
    return page(request, "versions.html", sub=submission, rows=rows, chosen=chosen, pretty=pretty)
