"""The tables of jixiao's database (SQLAlchemy 2 typed declarative mapping).

Regions hold units; users belong to a unit (department staff), a region (reviewers) or
neither (admins). A `Task` asks a set of units for their self-evaluation of a year. A
`Submission` is one unit's self-evaluation (of a task, or loaded by a batch run): its
current record, score and findings, denormalised into columns for queues and charts.
Every save appends a `RecordVersion`; ``Submission.version`` is the optimistic lock.
The schema itself is created by the Alembic migrations in ``store/migrations``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base of every table."""


#: Roles of users.
ROLES = ("department", "reviewer", "admin")
#: Workflow states of a submission.
STATUSES = ("draft", "submitted", "returned", "approved")


class Region(Base):
    """A region (地区) whose units a reviewer oversees."""

    __tablename__ = "regions"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Unit(Base):
    """A budget unit (预算单位) that evaluates itself."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    region: Mapped[Region | None] = relationship()


class User(Base):
    """Someone who logs in: department staff, a reviewer or an admin."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    unit: Mapped[Unit | None] = relationship()
    region: Mapped[Region | None] = relationship()


class AuthSession(Base):
    """A login session; the cookie holds a random token whose SHA-256 is stored here."""

    __tablename__ = "sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ip: Mapped[str] = mapped_column(String(64), default="")
    user: Mapped[User] = relationship()


class LoginFailure(Base):
    """A failed login, by user name and by address, for throttling."""

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)


class Task(Base):
    """A self-evaluation task (自评任务): a year, units, a deadline and a scoring profile."""

    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    year: Mapped[int] = mapped_column(Integer, index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    profile: Mapped[str | None] = mapped_column(String(100))
    deadline: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    region: Mapped[Region | None] = relationship()
    units: Mapped[list[Unit]] = relationship(secondary="task_units", order_by="Unit.name")


class TaskUnit(Base):
    """A unit a task is issued to."""

    __tablename__ = "task_units"
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True, index=True)


class Source(Base):
    """An uploaded or batch-read file: its bytes (uploads), its read document, or why it failed."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    #: The neutral document as JSON (see `jixiao.store.documents`).
    document_json: Mapped[str | None] = mapped_column(Text, deferred=True)
    failure: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Submission(Base):
    """One unit's self-evaluation of one year, with its current record and results."""

    __tablename__ = "submissions"
    __table_args__ = (
        UniqueConstraint("task_id", "unit_id", name="uq_submission_task_unit"),
        Index("ix_submissions_task_status", "task_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    #: ``web`` (filled in the app) or ``batch`` (``jixiao review --db``).
    origin: Mapped[str] = mapped_column(String(20), default="web")
    #: The optimistic lock: bumped by every save, checked against the form's.
    version: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    #: The batch's identity of the document (SHA-256 of its bytes).
    batch_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(500), default="")
    department: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    profile: Mapped[str | None] = mapped_column(String(100))
    score_claimed: Mapped[float | None] = mapped_column(Float)
    score_computed: Mapped[float | None] = mapped_column(Float)
    #: claimed − recomputed total score (None when either is unknown).
    score_gap: Mapped[float | None] = mapped_column(Float)
    grade_claimed: Mapped[str | None] = mapped_column(String(4))
    grade_computed: Mapped[str | None] = mapped_column(String(4))
    execution_rate: Mapped[float | None] = mapped_column(Float)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    unit: Mapped[Unit | None] = relationship()
    task: Mapped[Task | None] = relationship()
    source: Mapped[Source | None] = relationship()
    data: Mapped[SubmissionData] = relationship(cascade="all, delete-orphan", uselist=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def _data(self) -> SubmissionData:
        if self.data is None:
            self.data = SubmissionData(record_json="{}")
        return self.data

    @property
    def record_json(self) -> str:
        """The current record as JSON."""
        return self._data().record_json

    @record_json.setter
    def record_json(self, value: str) -> None:
        self._data().record_json = value

    @property
    def score_json(self) -> str | None:
        """The recomputed score as JSON."""
        return self._data().score_json

    @score_json.setter
    def score_json(self, value: str | None) -> None:
        self._data().score_json = value

    @property
    def provenance_json(self) -> str | None:
        """Where each value came from, as JSON."""
        return self._data().provenance_json

    @provenance_json.setter
    def provenance_json(self, value: str | None) -> None:
        self._data().provenance_json = value

    @property
    def claims_json(self) -> str | None:
        """What the report claims beyond the record, as JSON."""
        return self._data().claims_json

    @claims_json.setter
    def claims_json(self, value: str | None) -> None:
        self._data().claims_json = value


class SubmissionData(Base):
    """The large values of a submission, kept apart so that queues scan narrow rows."""

    __tablename__ = "submission_data"
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    record_json: Mapped[str] = mapped_column(Text)
    score_json: Mapped[str | None] = mapped_column(Text)
    provenance_json: Mapped[str | None] = mapped_column(Text)
    #: What the report claims beyond the record (`Extraction.claims`), as JSON.
    claims_json: Mapped[str | None] = mapped_column(Text)
    narrative_json: Mapped[str | None] = mapped_column(Text)


class RecordVersion(Base):
    """One saved state of a submission's record (every save keeps the one before)."""

    __tablename__ = "record_versions"
    __table_args__ = (UniqueConstraint("submission_id", "number", name="uq_version_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    record_json: Mapped[str] = mapped_column(Text)
    findings_json: Mapped[str] = mapped_column(Text, default="[]")
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    note: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class FindingRow(Base):
    """A finding of a submission's current version."""

    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(100), index=True)
    severity: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(Text, default="")
    line: Mapped[int | None] = mapped_column(Integer)
    #: ``[{"block": 3, "row": 1, "col": 2}, ...]``: where in the source it stands.
    refs_json: Mapped[str] = mapped_column(Text, default="[]")
    evidence_json: Mapped[str] = mapped_column(Text, default="{}")
    suggestion: Mapped[str] = mapped_column(Text, default="")


class Comment(Base):
    """A reviewer's or department's comment; returning and approving leave one too."""

    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20), default="comment")
    #: A field path or finding code the comment is about (optional).
    anchor: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    user: Mapped[User | None] = relationship()


class AuditEntry(Base):
    """Who did what, when, from where; ``detail`` is JSON."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50), default="")
    entity_id: Mapped[int | None] = mapped_column(Integer)
    ip: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")


class SearchDoc(Base):
    """The searchable text of a submission (source text and record text)."""

    __tablename__ = "search_docs"
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    body: Mapped[str] = mapped_column(Text)
