"""Review one document from its bytes: the task a pool process or a cluster worker runs.

`process_document` never raises for a bad document: any failure becomes a
`DocResult` with ``ok=False`` and a reason in Chinese. Its result carries only
strings and scalars, so it is cheap to send back to the parent process.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.batch import payload, stages
from jixiao.batch.deadline import DeadlineError, failure_reason
from jixiao.errors import SourceError
from jixiao.model.record import Record
from jixiao.pipeline import Evaluation
from jixiao.readers.limits import ResourceLimitError

#: The stages timed for every document, in order.
STAGES = ("read", "extract", "score", "check")


@dataclass
class DocResult:
    """What reviewing one document produced: a summary row and the JSON to write."""

    name: str
    sha256: str
    ok: bool
    #: Scalars for the summary (unit, year, totals, scores, counts of findings).
    row: dict[str, Any] = field(default_factory=dict)
    record_json: str | None = None
    findings_json: str | None = None
    #: The reason a document failed, for the failures sheet.
    error: str | None = None
    #: Seconds spent in each stage.
    timings: dict[str, float] = field(default_factory=dict)
    #: What the database keeps beside the record (`jixiao.batch.payload`), when asked for.
    stored: bytes | None = field(default=None, repr=False)
    #: Pages read by OCR (scans), the slow part of reading.
    ocr_pages: int = 0


def sha256(data: bytes) -> str:
    """The hex SHA-256 of `data`: the identity of a document across runs."""
    return hashlib.sha256(data).hexdigest()


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def execution_rate(record: Record) -> float | None:
    """全年执行数 ÷ 全年预算数 in percent, as the record states them (None if unknown)."""
    final, actual = record.budget.final.total, record.budget.actual.total
    if final is None or actual is None or final == 0:
        return None
    return float(round(actual / final * 100, 2))


def record_row(record: Record) -> dict[str, Any]:
    """The record's scalars shown in the summary."""
    return {
        "department": record.department,
        "year": record.year,
        "budget_final": _num(record.budget.final.total),
        "budget_actual": _num(record.budget.actual.total),
        "execution_rate": execution_rate(record),
        "score_claimed": _num(record.self_evaluation.score),
        "grade_claimed": record.self_evaluation.grade,
        "indicators": len(record.indicators),
    }


def findings_row(findings: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of findings by severity and by code."""
    severities = Counter(str(f.get("severity") or "info") for f in findings)
    codes = Counter(str(f.get("code") or "?") for f in findings)
    return {
        "errors": severities.get("error", 0),
        "warnings": severities.get("warning", 0),
        "infos": sum(n for s, n in severities.items() if s not in ("error", "warning")),
        "codes": dict(sorted(codes.items())),
    }


def _review(evaluation: Evaluation, timings: dict[str, float], *, keep_source: bool) -> DocResult:
    record = evaluation.record
    findings = stages.findings_plain(evaluation)
    row = record_row(record)
    summary = stages.score_summary(evaluation.score)
    row.update({k: v for k, v in summary.items() if v is not None or k not in row})
    row.update(findings_row(findings))
    detail = {"score": evaluation.score.to_dict(), "findings": findings}
    stored = None
    if keep_source:
        start = time.perf_counter()
        stored = payload.pack(evaluation)
        timings["pack"] = time.perf_counter() - start
    return DocResult(
        name="",
        sha256="",
        ok=True,
        row=row,
        record_json=record.to_json(),
        findings_json=json.dumps(detail, ensure_ascii=False, indent=1),
        stored=stored,
    )


def process_document(
    data: bytes, name: str, profile: str | None = None, *, keep_source: bool = False
) -> DocResult:
    """Read, extract, score and check one document; failures become a result with a reason.

    With `keep_source`, the result also carries what the database stores beside the
    record: the source document, provenance, score and findings (`DocResult.stored`).
    """
    timings: dict[str, float] = {}
    digest = sha256(data)
    scanned = 0
    try:
        evaluation = stages.evaluate_stage(data, name, profile, timings)
        scanned = len(evaluation.document.ocr_pages) if evaluation.document else 0
        result = _review(evaluation, timings, keep_source=keep_source)
    except SourceError as exc:
        result = DocResult(name, digest, ok=False, error=exc.reason + (f"（{exc.hint}）" if exc.hint else ""))
    except (ResourceLimitError, MemoryError, DeadlineError) as exc:  # named as what they are
        result = DocResult(name, digest, ok=False, error=failure_reason(exc))
    except Exception as exc:  # a bug or a library failure must not stop the batch
        result = DocResult(name, digest, ok=False, error=f"处理出错：{type(exc).__name__}: {exc}")
    result.name, result.sha256, result.timings = name, digest, timings
    result.ocr_pages = scanned
    return result
