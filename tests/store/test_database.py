"""The database: migrations, versioned saves with audit, optimistic locking, search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from jixiao.pipeline import evaluate, evaluate_record
from jixiao.store import Database
from jixiao.store.accounts import add_unit, add_user, verify_password
from jixiao.store.db import managed
from jixiao.store.documents import (
    document_from_json,
    document_to_json,
    provenance_from_json,
    provenance_to_json,
)
from jixiao.store.models import AuditEntry, Base, FindingRow, RecordVersion, Submission, User
from jixiao.store.records import (
    Actor,
    StaleVersionError,
    record_of,
    save_snapshot,
    snapshot_of,
    store_source,
)
from jixiao.store.search import search

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ALICE = Actor(None, "alice", "127.0.0.1")


def test_migrations_build_exactly_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"include_object": managed}), Base.metadata
        )
    assert diff == []
    Database(db.url).close()  # migrating again is a no-op


def test_document_and_provenance_round_trip() -> None:
    evaluation = evaluate(EXAMPLES / "dongchuan-market-2023.html")
    assert evaluation.document is not None
    assert document_from_json(document_to_json(evaluation.document)) == evaluation.document
    assert provenance_from_json(provenance_to_json(evaluation.provenance)) == evaluation.provenance


def _submission(db: Database) -> int:
    evaluation = evaluate(EXAMPLES / "songxi-culture-2024.txt")
    with db.session() as session:
        unit = add_unit(session, "示例文化局", "示例市")
        source = store_source(session, b"x", "songxi.txt", document=evaluation.document)
        submission = Submission(unit=unit, year=2024, name="songxi.txt")
        save_snapshot(session, submission, snapshot_of(evaluation), ALICE, note="上传", source=source)
        return submission.id


def test_every_save_keeps_the_previous_version_and_is_audited(db: Database) -> None:
    sid = _submission(db)
    with db.session() as session:
        submission = session.get_one(Submission, sid)
        record = record_of(submission).model_copy(update={"problems": ["新增问题"]})
        save_snapshot(session, submission, snapshot_of(evaluate_record(record)), ALICE,
                      note="在线编辑", expected_version=submission.version)
    with db.session() as session:
        versions = session.scalars(select(RecordVersion).order_by(RecordVersion.number)).all()
        assert [v.number for v in versions] == [1, 2]
        assert json.loads(versions[0].record_json)["problems"] != ["新增问题"]
        assert json.loads(versions[1].record_json)["problems"] == ["新增问题"]
        entries = session.scalars(select(AuditEntry)).all()
        assert [(e.username, e.action, e.ip) for e in entries] == [("alice", "save", "127.0.0.1")] * 2
        stored = session.get_one(Submission, sid)
        assert stored.errors + stored.warnings + stored.infos == session.scalar(
            select(func.count()).select_from(FindingRow))


def test_a_save_against_an_old_version_is_refused(db: Database) -> None:
    sid = _submission(db)
    with db.session() as first, db.session() as second, db.session() as third:
        mine, theirs, racing = (s.get_one(Submission, sid) for s in (first, second, third))
        loaded = mine.version
        record = record_of(mine)
        edited = record.model_copy(update={"problems": ["甲"]})
        save_snapshot(first, mine, snapshot_of(evaluate_record(edited)), ALICE, note="甲",
                      expected_version=loaded)
        first.commit()
        second.refresh(theirs)
        with pytest.raises(StaleVersionError, match="已被他人修改"):
            # the form was loaded at the old version: the check refuses it
            save_snapshot(second, theirs, snapshot_of(evaluate_record(record)), ALICE, note="乙",
                          expected_version=loaded)
        with pytest.raises(StaleVersionError):
            # a write racing past the check is refused by the row's version column
            save_snapshot(third, racing, snapshot_of(evaluate_record(record)), ALICE, note="丙",
                          expected_version=loaded)
        second.rollback()
        third.rollback()
    with db.session() as session:
        assert record_of(session.get_one(Submission, sid)).problems == ["甲"]


def test_search_finds_chinese_substrings_within_scope(db: Database) -> None:
    sid = _submission(db)
    with db.session() as session:
        assert [h.submission_id for h in search(session, "文化")] == [sid]  # two characters
        hits = search(session, "群众文化")
        assert [h.submission_id for h in hits] == [sid]
        assert hits[0].match == "群众文化"
        assert search(session, "群众文化 不存在的词") == []
        assert search(session, "群众文化", Submission.unit_id == -1) == []
        assert search(session, '"%_') == []


def test_users_have_hashed_passwords(db: Database) -> None:
    with db.session() as session:
        add_user(session, "wang", "correct horse", "department", unit="示例文化局")
    with db.session() as session:
        user = session.scalars(select(User)).one()
        assert "correct horse" not in user.password_hash
        assert verify_password(user.password_hash, "correct horse")
        assert not verify_password(user.password_hash, "wrong horse")
        assert user.unit is not None and user.unit.name == "示例文化局"
