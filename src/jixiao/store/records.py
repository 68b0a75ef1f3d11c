"""Saving evaluations: every save appends a version, refreshes the findings and the search
text, and writes the audit log; a save against an outdated version is refused.

An evaluation is reduced to a `Snapshot` (the record, score and findings as JSON plus the
scalars queues and charts sort on) so that web saves and batch loads share one path.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from jixiao.errors import JixiaoError
from jixiao.model.document import Document
from jixiao.model.provenance import Provenance
from jixiao.model.record import Record
from jixiao.pipeline import Evaluation, evaluate_record
from jixiao.store.documents import (
    document_from_json,
    document_to_json,
    plain_text,
    provenance_from_json,
    provenance_to_json,
)
from jixiao.store.models import (
    AuditEntry,
    FindingRow,
    RecordVersion,
    SearchDoc,
    Source,
    Submission,
    now,
)

#: Characters of a source document's text kept for full-text search (real reports hold
#: well under a tenth of this).
SEARCH_CHARS = 1024 * 1024


class StaleVersionError(JixiaoError):
    """The record changed since the form was loaded; the save was refused."""

    def __init__(self, expected: int, current: int) -> None:
        self.expected, self.current = expected, current
        super().__init__(
            f"保存未成功：该记录已被他人修改（您打开的是第 {expected} 版，当前为第 {current} 版）。"
            "您填写的内容仍在下方，请核对最新内容后再保存。"
        )


@dataclass(frozen=True)
class Actor:
    """Who acts, from where (for the audit log)."""

    user_id: int | None = None
    username: str = "system"
    ip: str = ""


def audit(session: Session, actor: Actor, action: str, entity: str = "",
          entity_id: int | None = None, **detail: Any) -> None:
    """Append one entry to the audit log."""
    session.add(AuditEntry(
        user_id=actor.user_id, username=actor.username, ip=actor.ip, action=action,
        entity=entity, entity_id=entity_id,
        detail=json.dumps(detail, ensure_ascii=False, default=str),
    ))


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass
class Snapshot:
    """What a save stores: the record and its results, as JSON and as sortable scalars."""

    record: Record
    findings: list[dict[str, Any]] = field(default_factory=list)
    score_json: str | None = None
    provenance_json: str | None = None
    claims_json: str | None = None
    columns: dict[str, Any] = field(default_factory=dict)
    text: str = ""


def finding_dicts(evaluation: Evaluation) -> list[dict[str, Any]]:
    """The findings of an evaluation as dicts, with the source locations they point at."""
    out = []
    for finding in evaluation.findings:
        data = finding.to_dict()
        data["refs"] = [{"block": r.block, "row": r.row, "col": r.col} for r in finding.refs]
        out.append(data)
    return out


def severity_counts(findings: list[dict[str, Any]]) -> dict[str, int]:
    """errors, warnings and infos among `findings`."""
    severities = [str(f.get("severity") or "info") for f in findings]
    errors, warnings = severities.count("error"), severities.count("warning")
    return {"errors": errors, "warnings": warnings, "infos": len(severities) - errors - warnings}


def record_text(record: Record) -> str:
    """The words of a record (unit, indicators, problems, measures) for search."""
    parts: list[str] = [record.department or ""]
    parts += [p.name for p in record.projects]
    for ind in record.indicators:
        parts += [ind.level1 or "", ind.level2 or "", ind.name, ind.target or "", ind.actual or "",
                  ind.deviation or ""]
    parts += record.problems + record.measures
    return "\n".join(p for p in parts if p)


def snapshot_of(evaluation: Evaluation) -> Snapshot:
    """The snapshot of a pipeline evaluation."""
    record, score = evaluation.record, evaluation.score
    findings = finding_dicts(evaluation)
    claimed, computed = record.self_evaluation.score, score.total.computed
    rate = score.budget_execution.rate
    columns = {
        "department": record.department,
        "year": record.year,
        "profile": score.profile,
        "score_claimed": _num(claimed),
        "score_computed": _num(computed),
        "score_gap": _num(claimed - computed) if claimed is not None and computed is not None else None,
        "grade_claimed": record.self_evaluation.grade,
        "grade_computed": score.grade.computed,
        "execution_rate": None if rate is None else float(round(rate * 100, 2)),
        **severity_counts(findings),
    }
    text = record_text(record)
    if evaluation.document is not None:  # a huge file's text is cut: indexing it takes memory
        text = plain_text(evaluation.document)[:SEARCH_CHARS] + "\n" + text
    return Snapshot(
        record=record,
        findings=findings,
        score_json=json.dumps(score.to_dict(), ensure_ascii=False),
        provenance_json=provenance_to_json(evaluation.provenance) if evaluation.provenance else None,
        claims_json=json.dumps({k: str(v) for k, v in evaluation.claims.items()}) if evaluation.claims else None,
        columns=columns,
        text=text,
    )


def store_source(session: Session, data: bytes | None, name: str, *,
                 document: Document | None = None, sha256: str | None = None,
                 failure: str | None = None, document_json: str | None = None) -> Source:
    """The source row for a file (one per distinct content), created when new.

    The read document is given as a `Document` or, already serialised, as `document_json`.
    """
    digest = sha256 or hashlib.sha256(data or b"").hexdigest()
    source = session.scalar(select(Source).where(Source.sha256 == digest))
    if source is None:
        source = Source(sha256=digest, name=name, size=len(data or b""), data=data)
        session.add(source)
    if (document is not None or document_json is not None) and source.document_json is None:
        source.document_json = document_json if document is None else document_to_json(document)
    source.failure = failure
    return source


def _next_number(session: Session, submission: Submission) -> int:
    if submission.id is None:
        return 1
    latest = session.scalar(
        select(func.max(RecordVersion.number)).where(RecordVersion.submission_id == submission.id)
    )
    return (latest or 0) + 1


def save_snapshot(session: Session, submission: Submission, snapshot: Snapshot, actor: Actor, *,
                  note: str, expected_version: int | None = None,
                  source: Source | None = None) -> RecordVersion:
    """Store `snapshot` as the submission's new current version.

    With `expected_version`, refuses (`StaleVersionError`) when someone else saved since;
    the row's version column also guards the race between this check and the write.
    """
    if expected_version is not None and submission.version != expected_version:
        raise StaleVersionError(expected_version, submission.version)
    loaded = submission.version
    with session.no_autoflush:
        number = _next_number(session, submission)
    submission.record_json = snapshot.record.to_json(indent=None)
    submission.score_json = snapshot.score_json
    submission.provenance_json = snapshot.provenance_json
    submission.claims_json = snapshot.claims_json
    for key, value in snapshot.columns.items():
        setattr(submission, key, value)
    submission.updated_at = now()
    if source is not None:
        submission.source = source
    session.add(submission)
    try:
        session.flush()
    except StaleDataError as exc:  # saved by someone else between our read and our write
        session.rollback()
        raise StaleVersionError(loaded or 0, (loaded or 0) + 1) from exc
    version = RecordVersion(
        submission_id=submission.id, number=number, record_json=submission.record_json,
        findings_json=json.dumps(snapshot.findings, ensure_ascii=False),
        source_id=submission.source_id, note=note, created_by=actor.user_id,
    )
    session.add(version)
    _replace_findings(session, submission.id, snapshot.findings)
    _index(session, submission.id, snapshot.text)
    audit(session, actor, "save", "submission", submission.id, version=number, note=note)
    return version


def _replace_findings(session: Session, submission_id: int, findings: list[dict[str, Any]]) -> None:
    session.execute(delete(FindingRow).where(FindingRow.submission_id == submission_id))
    session.add_all(
        FindingRow(
            submission_id=submission_id, seq=seq, code=str(f.get("code") or "?"),
            severity=str(f.get("severity") or "info"), message=str(f.get("message") or ""),
            location=str(f.get("location") or ""), line=f.get("line"),
            refs_json=json.dumps(f.get("refs") or []),
            evidence_json=json.dumps(f.get("evidence") or {}, ensure_ascii=False, default=str),
            suggestion=str(f.get("suggestion") or ""),
        )
        for seq, f in enumerate(findings)
    )


def _index(session: Session, submission_id: int, text: str) -> None:
    doc = session.get(SearchDoc, submission_id)
    if doc is None:
        session.add(SearchDoc(submission_id=submission_id, body=text))
    elif doc.body != text:
        doc.body = text


def record_of(submission: Submission) -> Record:
    """The submission's current record."""
    return Record.from_json(submission.record_json)


def document_of(submission: Submission) -> Document | None:
    """The document the submission's record was extracted from, when stored."""
    source = submission.source
    if source is None or source.document_json is None:
        return None
    return document_from_json(source.document_json)


def provenance_of(submission: Submission) -> Provenance:
    """The submission's provenance map."""
    return provenance_from_json(submission.provenance_json)


def claims_of(submission: Submission) -> dict[str, Decimal]:
    """What the submission's report claims beyond its record."""
    return {k: Decimal(v) for k, v in json.loads(submission.claims_json or "{}").items()}


def evaluation_of(submission: Submission, record: Record | None = None,
                  profile: str | None = None) -> Evaluation:
    """Score and review `record` (default: the stored one) with the submission's source."""
    return evaluate_record(
        record or record_of(submission), profile or _task_profile(submission),
        provenance=provenance_of(submission), document=document_of(submission),
        claims=claims_of(submission),
    )


def _task_profile(submission: Submission) -> str | None:
    return submission.task.profile if submission.task is not None else None
