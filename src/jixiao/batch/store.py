"""Batch results into jixiao's database (``jixiao review --db URL``): the web app's schema.

Each reviewed document becomes a submission (origin ``batch``) keyed by the SHA-256 of
its bytes, of the unit its record names (in the region given with ``--region``); it
keeps what an upload in the web app keeps — score, findings with their places,
provenance, claims, search text, and the neutral document the source pane shows —
packed by the worker (`jixiao.batch.payload`). A document that failed is kept as a
source with its reason. Loading the same document again adds no version unless its
results changed, so re-running a batch into the same database is idempotent.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jixiao.batch.faults import database_faults
from jixiao.batch.payload import unpack
from jixiao.model.record import Record
from jixiao.store import Database, normalize_url
from jixiao.store.accounts import add_unit
from jixiao.store.accounts import region as region_named
from jixiao.store.models import FindingRow, Source, Submission, Unit, now
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


def _bare_snapshot(name: str, row: dict[str, Any], findings: list[dict[str, Any]] | None,
                   record_json: str) -> Snapshot:
    """A snapshot from a summary row alone (a task that sent no `stored` payload)."""
    record = Record.from_json(record_json)
    return Snapshot(record, findings or [], columns=_columns(row), text=f"{name}\n{record_text(record)}")


def _columns(row: dict[str, Any]) -> dict[str, Any]:
    columns = {key: row.get(key) for key in ROW_COLUMNS if key in row}
    claimed, computed = row.get("score_claimed"), row.get("score_computed")
    columns["score_gap"] = (
        round(claimed - computed, 2) if claimed is not None and computed is not None else None
    )
    return columns


class BatchStore:
    """Documents and findings of batch runs, in the database at `url`.

    With `region`, units new to the database are created in that region (created when
    new), and units of the same name that have no region yet join it; a unit already
    in another region is reused as it is (an admin moves it), and counted in
    `units_elsewhere`.
    """

    def __init__(self, url: str, *, region: str | None = None) -> None:
        url = check_url(url)
        with database_faults(url):
            self.db = Database(url)  # refuses another application's database
        self.region_id: int | None = None
        #: Units reused from another region than `region` (their names).
        self.units_elsewhere: set[str] = set()
        if region is not None:
            with self.db.session() as session:
                self.region_id = region_named(session, region).id

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
        stored: bytes | None = None,
    ) -> None:
        """Load one document's results (a new version only when they changed).

        `stored` is the worker's packed snapshot and source (`jixiao.batch.payload`);
        without it, the record and findings are stored without source or provenance.
        """
        with self.db.session() as session:
            kept = unpack(stored) if stored is not None and failure is None else None
            document_json = kept.document_json if kept is not None else None
            source = store_source(session, None, name, sha256=sha256, failure=failure,
                                  document_json=document_json)
            if failure is not None or record_json is None:
                return
            snapshot = kept.snapshot if kept is not None else _bare_snapshot(name, row, findings, record_json)
            if kept is not None:
                snapshot.text = f"{name}\n{snapshot.text}"
            record = snapshot.record
            submission = session.scalar(select(Submission).where(Submission.batch_key == sha256))
            if submission is None:
                submission = Submission(batch_key=sha256, origin="batch", status="submitted",
                                        name=name, unit=self._unit(session, record.department),
                                        submitted_at=now())
            else:
                self._place(submission.unit)
                if self._unchanged(session, submission, snapshot):
                    return
            save_snapshot(session, submission, snapshot, BATCH, note=f"批量导入：{name}",
                          source=source)

    def _unit(self, session: Session, name: str | None) -> Unit | None:
        """The unit called `name` (None without a name), created in the batch's region when new."""
        if not name:
            return None
        unit = session.scalar(select(Unit).where(Unit.name == name.strip()))
        if unit is None:
            unit = add_unit(session, name)
            unit.region_id = self.region_id
        self._place(unit)
        return unit

    def _place(self, unit: Unit | None) -> None:
        """Attach a unit without a region to the batch's region; note one that has another."""
        if unit is None or self.region_id is None:
            return
        if unit.region_id is None:
            unit.region_id = self.region_id
        elif unit.region_id != self.region_id:
            self.units_elsewhere.add(unit.name)

    @staticmethod
    def _unchanged(session: Session, submission: Submission, snapshot: Snapshot) -> bool:
        if submission.record_json != snapshot.record.to_json(indent=None):
            return False
        if snapshot.provenance_json is not None and submission.provenance_json != snapshot.provenance_json:
            return False  # stored before the batch kept provenance: store it now
        stored = session.scalars(
            select(FindingRow.code).where(FindingRow.submission_id == submission.id)
            .order_by(FindingRow.seq)
        ).all()
        return list(stored) == [str(f.get("code") or "?") for f in snapshot.findings]

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
