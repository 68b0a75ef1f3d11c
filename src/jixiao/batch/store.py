"""Batch results into jixiao's database (``jixiao review --db URL``): the web app's schema.

Each reviewed document becomes a submission (origin ``batch``) keyed by the SHA-256 of
its bytes, of the unit its record names; a document that failed is kept as a source with
its reason. Loading the same document again adds no version unless its results changed,
so re-running a batch into the same database is idempotent.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from jixiao.batch.faults import database_faults
from jixiao.model.record import Record
from jixiao.store import Database, normalize_url
from jixiao.store.accounts import add_unit
from jixiao.store.models import FindingRow, Source, Submission, now
from jixiao.store.records import Actor, Snapshot, record_text, save_snapshot, store_source

#: Columns of a submission filled from a batch summary row.
ROW_COLUMNS = (
    "department", "year", "profile", "execution_rate", "score_claimed", "score_computed",
    "grade_claimed", "grade_computed", "errors", "warnings", "infos",
)
BATCH = Actor(username="batch")


def check_url(url: str) -> str:
    """The normalised database URL; `ConfigError` for what is not supported."""
    return normalize_url(url)


def _columns(row: dict[str, Any]) -> dict[str, Any]:
    columns = {key: row.get(key) for key in ROW_COLUMNS if key in row}
    claimed, computed = row.get("score_claimed"), row.get("score_computed")
    columns["score_gap"] = (
        round(claimed - computed, 2) if claimed is not None and computed is not None else None
    )
    return columns


class BatchStore:
    """Documents and findings of batch runs, in the database at `url`."""

    def __init__(self, url: str) -> None:
        url = check_url(url)
        with database_faults(url):
            self.db = Database(url)  # refuses another application's database

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def __enter__(self) -> BatchStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def save(
        self,
        sha256: str,
        name: str,
        row: dict[str, Any],
        *,
        failure: str | None = None,
        findings: list[dict[str, Any]] | None = None,
        record_json: str | None = None,
    ) -> None:
        """Load one document's results (a new version only when they changed)."""
        with self.db.session() as session:
            source = store_source(session, None, name, sha256=sha256, failure=failure)
            if failure is not None or record_json is None:
                return
            record = Record.from_json(record_json)
            submission = session.scalar(select(Submission).where(Submission.batch_key == sha256))
            findings = findings or []
            if submission is None:
                unit = add_unit(session, record.department) if record.department else None
                submission = Submission(batch_key=sha256, origin="batch", status="submitted",
                                        name=name, unit=unit, submitted_at=now())
            elif self._unchanged(session, submission, record, findings):
                return
            snapshot = Snapshot(record, findings, columns=_columns(row),
                                text=f"{name}\n{record_text(record)}")
            save_snapshot(session, submission, snapshot, BATCH, note=f"批量导入：{name}",
                          source=source)

    @staticmethod
    def _unchanged(session: Any, submission: Submission, record: Record,
                   findings: list[dict[str, Any]]) -> bool:
        if submission.record_json != record.to_json(indent=None):
            return False
        stored = session.scalars(
            select(FindingRow.code).where(FindingRow.submission_id == submission.id)
            .order_by(FindingRow.seq)
        ).all()
        return list(stored) == [str(f.get("code") or "?") for f in findings]

    def counts(self) -> tuple[int, int]:
        """(documents, findings) stored."""
        with self.db.session() as session:
            docs = session.scalar(select(func.count()).select_from(Source)) or 0
            found = session.scalar(select(func.count()).select_from(FindingRow)) or 0
        return int(docs), int(found)


def open_store(url: str) -> BatchStore:
    """Open the batch store at `url`; raises `ConfigError` for unsupported schemes."""
    return BatchStore(url)


__all__ = ["BatchStore", "check_url", "open_store"]
