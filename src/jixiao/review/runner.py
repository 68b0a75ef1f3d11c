"""Run every registered check over a record (and its document) and collect findings."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from jixiao.model.document import Document
from jixiao.model.provenance import SourceRef
from jixiao.model.record import Record
from jixiao.review.context import ReviewContext, _scoring
from jixiao.review.finding import Finding, Severity
from jixiao.review.registry import CHECK_FAILED, Check, Hit, all_checks

if TYPE_CHECKING:
    from jixiao.extract import Extraction


def context_for(
    source: Extraction | Record | ReviewContext, profile: Any = None, score: Any = None
) -> ReviewContext:
    """The review context of an extraction, a bare record, or a ready context.

    `score` is the score stage's result for the record, when the caller has it (the
    rescoring checks then read it instead of scoring the record again).
    """
    if isinstance(source, ReviewContext):
        ctx = source
    elif isinstance(source, Record):
        ctx = ReviewContext(source, profile=profile or _profile(source))
    else:
        chosen = profile or _profile(source.record)
        # The review only reads the provenance: the extraction's own mapping serves.
        ctx = ReviewContext(source.record, source.provenance, source.document, chosen, source.figures)
    if score is not None:
        ctx.__dict__["score"] = score
    return ctx


def _profile(record: Record) -> Any:
    scoring = _scoring()
    if scoring is None:
        return None
    try:
        return scoring.choose_profile(record)
    except Exception:  # a missing or broken profile leaves profile-based checks silent
        return None


def review(
    source: Extraction | Record | ReviewContext,
    profile: Any = None,
    *,
    checks: tuple[Check, ...] | None = None,
    score: Any = None,
) -> list[Finding]:
    """Every finding of every check, most severe first, then in source order.

    `score` is the score stage's result for the record, when the caller has computed it.
    Hits with the same key state the same defect (the same figures seen in two rows,
    or by two checks): the first is kept and the places of the others are added to it.
    """
    ctx = context_for(source, profile, score)
    findings: list[Finding] = []
    seen: dict[tuple[object, ...], int] = {}
    for item in checks if checks is not None else all_checks():
        for hit in _run(item, ctx):
            if hit.key is not None and hit.key in seen:
                position = seen[hit.key]
                findings[position] = _merged(findings[position], hit.refs)
                continue
            if hit.key is not None:
                seen[hit.key] = len(findings)
            renderer = CHECK_FAILED if isinstance(hit, _Failed) else item
            findings.append(renderer.finding(hit))
    findings = _defer_to_original(findings)
    findings.sort(key=lambda f: (-f.severity.rank, f.line if f.line is not None else 10**9))
    return findings


_OCR_CODE = "ocr-low-confidence"
_DEFERRED = "所涉数字由扫描件识别且置信度低，请先核对原件；"


def _place(ref: SourceRef) -> tuple[int, int | None, int | None]:
    return ref.block, ref.row, ref.col


def _defer_to_original(findings: list[Finding]) -> list[Finding]:
    """A finding about figures read with low OCR confidence waits for the original.

    The figure may be misread rather than wrong, so such an error or warning is shown
    as a note beside the “请核对原件” finding, not as an arithmetic error of its own.
    """
    doubtful = {_place(r) for f in findings if f.code == _OCR_CODE for r in f.refs}
    if not doubtful:
        return findings
    out = []
    for finding in findings:
        if (finding.code != _OCR_CODE and finding.severity is not Severity.INFO
                and any(_place(r) in doubtful for r in finding.refs)):
            finding = replace(finding, severity=Severity.INFO, message=_DEFERRED + finding.message)
        out.append(finding)
    return out


def _merged(finding: Finding, refs: tuple[SourceRef, ...]) -> Finding:
    """`finding` with the places of a repeat of the same defect added to its own."""
    added = tuple(r for r in refs if r not in finding.refs)
    if not added:
        return finding
    every = finding.refs + added
    location = "；".join(dict.fromkeys(ref.label() for ref in every))
    return replace(finding, refs=every, location=location)


def _run(item: Check, ctx: ReviewContext) -> list[Hit]:
    """The hits of one check; a check that raises yields one `check-failed` finding."""
    try:
        return list(item.run(ctx))
    except Exception as exc:  # a broken check is a bug; the review goes on
        values = {"check": item.code, "error": f"{type(exc).__name__}: {exc}"}
        return [_Failed(values)]


class _Failed(Hit):
    """A hit that renders with the internal `check-failed` check."""


def review_document(
    document: Document, record: Record | None = None, profile: Any = None
) -> list[Finding]:
    """Review a document read without extraction (the record may be empty)."""
    return review(ReviewContext(record or Record(), {}, document, profile))


__all__ = ["Severity", "context_for", "review", "review_document"]
