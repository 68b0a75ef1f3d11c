"""The one typed pipeline that the CLI, the web app, batch runs and tests call.

    evaluate(path)                    -> Evaluation   a report file, or a record ``.json``
    evaluate_bytes(data, name=...)    -> Evaluation   uploads, archive members, remote workers
    evaluate_document(document)       -> Evaluation   an already-read document
    evaluate_record(record)           -> Evaluation   a record typed or edited by hand

Each runs read → extract → score → review once and returns the record, where its values
came from, its `ScoreResult` and its `Finding` s. ``load``/``load_bytes`` stop after
extraction. A file that cannot become a record raises `SourceError` (the message names
the file and what to do); a profile that cannot be loaded raises `ConfigError`.
Passing a ``timings`` dict collects the seconds spent in each stage.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from jixiao.errors import (
    ExtractionFailedError,
    JixiaoError,
    NotAReportError,
    SourceError,
    UnreadableDocumentError,
)
from jixiao.extract import Extraction, extract, extract_all
from jixiao.model.document import Document
from jixiao.model.provenance import Provenance
from jixiao.model.record import Record
from jixiao.model.recordfile import MAX_RECORD_BYTES, RecordDataError, describe, load_record_json
from jixiao.readers import max_bytes, read_bytes, read_path
from jixiao.readers.files import file_problem, read_regular
from jixiao.review import Finding, ReviewContext, review
from jixiao.score import Profile, ScoreResult, choose_profile, load_profile, score_record
from jixiao.text.figures import Token

T = TypeVar("T")

#: Seconds per stage (``read``, ``extract``, ``score``, ``check``), filled when given.
Timings = dict[str, float]
#: A profile by name or path, a loaded profile, or None (chosen from the record).
ProfileChoice = str | Profile | None


@dataclass(frozen=True)
class Evaluation:
    """A record with its provenance, its score by the rules and its review findings."""

    record: Record
    score: ScoreResult
    findings: tuple[Finding, ...]
    profile: Profile
    #: Field path → source; empty for a record without a source document.
    provenance: Provenance = field(default_factory=dict)
    #: The document the record was extracted from (None for a bare record).
    document: Document | None = None
    #: What the report claims beyond the record contract (see `Extraction.claims`).
    claims: Mapping[str, Decimal] = field(default_factory=dict)

    def findings_dicts(self) -> list[dict[str, Any]]:
        """The findings in their JSON form."""
        return [f.to_dict() for f in self.findings]

    def to_dict(self) -> dict[str, Any]:
        """Record, score and findings as JSON-ready values."""
        return {
            "record": self.record.to_dict(),
            "score": self.score.to_dict(),
            "findings": self.findings_dicts(),
        }


def _timed(timings: Timings | None, stage: str, call: Callable[[], T]) -> T:
    if timings is None:
        return call()
    start = time.perf_counter()
    try:
        return call()
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def _checked(extraction: Extraction) -> Extraction:
    if extraction.looks_like is not None:
        raise NotAReportError(
            extraction.document.name,
            f"这份文件看起来是{extraction.looks_like}，不是绩效自评报告或自评表",
            "请上传部门整体支出或项目支出的绩效自评报告、自评表",
        )
    if not extraction.looks_like_report and extraction.record.is_empty():
        raise NotAReportError(
            extraction.document.name,
            "未识别为绩效自评报告：没有找到预算、人员、指标或自评内容",
            "请确认上传的是部门整体支出绩效自评报告",
        )
    return extraction


def resolve_profile(choice: ProfileChoice, record: Record) -> Profile:
    """The profile named (or given), else the one the record's indicators call for."""
    if isinstance(choice, Profile):
        return choice
    return load_profile(choice) if choice else choose_profile(record)


def load_document(document: Document) -> Extraction:
    """Extract a record from an already-read document."""
    return _checked(_guarded(extract, document))


def _guarded(step: Callable[[Document], T], document: Document) -> T:
    """Run an extraction step; a fault of ours on one document is that document's failure.

    A bug met on some unusual document must not take the rest of a batch or a command
    over many files down: it becomes an `ExtractionFailedError` naming the file.
    """
    try:
        return step(document)
    except (JixiaoError, MemoryError, RecursionError, KeyboardInterrupt):
        raise
    except Exception as exc:
        raise ExtractionFailedError(
            document.name, f"提取时出错（{type(exc).__name__}）",
            "请将该文件提供给维护者排查；其他文件照常处理") from exc


def _own_workbook(data: bytes, name: str) -> Extraction | None:
    """The import of a fill-in workbook written by jixiao (`jixiao render --to xlsx`), else None."""
    if Path(name).suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    from jixiao.render.xlsx_import import is_workbook, workbook_extraction

    return workbook_extraction(data, name=name) if is_workbook(data) else None


def load(path: str | Path) -> Extraction:
    """Read and extract one file."""
    path = Path(path)
    data = _workbook_bytes(path)
    if data is not None:
        return load_bytes(data, name=str(path))
    return load_document(read_path(path))


def _workbook_bytes(path: Path) -> bytes | None:
    """The bytes of an XLSX file (it may be jixiao's workbook to import); None for other formats."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        return read_regular(path, max_bytes())
    except OSError as exc:
        raise UnreadableDocumentError(str(path), *file_problem(exc)) from exc


def load_all(path: str | Path) -> list[Extraction]:
    """Read one file and extract every form it holds (one record for a single report)."""
    path = Path(path)
    data = _workbook_bytes(path)
    if data is None:
        return [_checked(e) for e in _guarded(extract_all, read_path(path))]
    own = _own_workbook(data, str(path))
    if own is not None:
        return [own]
    return [_checked(e) for e in _guarded(extract_all, read_bytes(data, name=str(path)))]


def load_bytes(data: bytes, *, name: str) -> Extraction:
    """Read and extract one file given as bytes (uploads, archives, remote workers)."""
    own = _own_workbook(data, name)
    return own if own is not None else load_document(read_bytes(data, name=name))


def record_from_json(data: bytes, *, name: str) -> Record:
    """A record from its JSON; `SourceError` naming the file when it is not one."""
    try:
        return load_record_json(data)
    except RecordDataError as exc:  # bounded, validated, the field named: one wording everywhere
        raise SourceError(name, *describe(exc)) from exc


def evaluate_record(
    record: Record,
    profile: ProfileChoice = None,
    *,
    provenance: Provenance | None = None,
    document: Document | None = None,
    claims: Mapping[str, Decimal] | None = None,
    figures: Mapping[int, tuple[Token, ...]] | None = None,
    timings: Timings | None = None,
) -> Evaluation:
    """Score and review a record (with its source, when it has one).

    `figures` are the figures of the document's paragraphs that extraction found
    (`Extraction.figures`); the review then does not scan those paragraphs again.
    """
    chosen = resolve_profile(profile, record)
    claims = dict(claims or {})
    result = _timed(timings, "score", lambda: score_record(record, chosen, claims=claims))
    context = ReviewContext(record, dict(provenance or {}), document, chosen, figures or {})
    findings = _timed(timings, "check", lambda: tuple(review(context, score=result)))
    return Evaluation(record, result, findings, chosen, dict(provenance or {}), document, claims)


def evaluate_extraction(
    extraction: Extraction, profile: ProfileChoice = None, *, timings: Timings | None = None
) -> Evaluation:
    """Score and review what was extracted from a document."""
    return evaluate_record(
        extraction.record,
        profile,
        provenance=extraction.provenance,
        document=extraction.document,
        claims=extraction.claims,
        figures=extraction.figures,
        timings=timings,
    )


def evaluate_document(
    document: Document, profile: ProfileChoice = None, *, timings: Timings | None = None
) -> Evaluation:
    """Extract, score and review an already-read document."""
    extraction = _timed(timings, "extract", lambda: load_document(document))
    return evaluate_extraction(extraction, profile, timings=timings)


def evaluate_bytes(
    data: bytes, *, name: str, profile: ProfileChoice = None, timings: Timings | None = None
) -> Evaluation:
    """Read, extract, score and review one file given as bytes; a ``.json`` name is a record."""
    if name.lower().endswith(".json"):
        record = _timed(timings, "read", lambda: record_from_json(data, name=name))
        return evaluate_record(record, profile, timings=timings)
    own = _timed(timings, "read", lambda: _own_workbook(data, name))
    if own is not None:
        return evaluate_extraction(own, profile, timings=timings)
    document = _timed(timings, "read", lambda: read_bytes(data, name=name))
    return evaluate_document(document, profile, timings=timings)


def evaluate(
    path: str | Path, profile: ProfileChoice = None, *, timings: Timings | None = None
) -> Evaluation:
    """Read, extract, score and review one file (a report, or a record ``.json``)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        try:
            data = read_regular(path, MAX_RECORD_BYTES)
        except OSError as exc:
            raise SourceError(str(path), *file_problem(exc)) from exc
        return evaluate_bytes(data, name=str(path), profile=profile, timings=timings)
    workbook = _workbook_bytes(path)
    if workbook is not None:
        return evaluate_bytes(workbook, name=str(path), profile=profile, timings=timings)
    document = _timed(timings, "read", lambda: read_path(path))
    return evaluate_document(document, profile, timings=timings)
