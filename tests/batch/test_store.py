"""Batch results load into the web app's database (``jixiao review --db URL``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from dbs import BACKENDS, fresh_database
from jixiao.batch import BatchOptions, run_batch
from jixiao.batch.store import BatchStore, check_url
from jixiao.batch.worker import DocResult, process_document
from jixiao.cli import app
from jixiao.errors import ConfigError
from jixiao.store import Database, records
from jixiao.store.accounts import add_unit, region
from jixiao.store.models import (
    FindingRow,
    RecordVersion,
    Region,
    SearchDoc,
    Source,
    Submission,
    Unit,
)
from jixiao.store.records import document_of


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request.param, tmp_path) as url:
        yield url


def test_urls() -> None:
    assert check_url("sqlite:///rel/a.db") == "sqlite:///rel/a.db"
    assert check_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
    with pytest.raises(ConfigError, match="SQLite 或 PostgreSQL"):
        check_url("mysql://host/db")


def test_save_is_idempotent(db_url: str) -> None:
    findings = [{"code": "grade-mismatch", "severity": "error", "message": "等级不符"}]
    record = '{"schema": "jixiao.record/1", "department": "某局", "year": 2024}'
    with BatchStore(db_url) as store:
        for _ in range(2):
            store.save("ab" * 32, "a.txt", {"department": "某局", "errors": 1},
                       findings=findings, record_json=record)
        assert store.counts() == (1, 1)


def test_batch_fills_the_store_once(archive: Path, tmp_path: Path, db_url: str) -> None:
    options = BatchOptions(out=tmp_path / "out", jobs=0, db=db_url)
    run_batch([archive], options)
    run_batch([archive], BatchOptions(out=tmp_path / "out2", jobs=0, db=db_url))
    database = Database(db_url)
    with database.session() as session:
        failed = session.scalar(select(func.count()).where(Source.failure.is_not(None)))
        submissions = session.scalars(select(Submission)).all()
        versions = session.scalar(select(func.count()).select_from(RecordVersion))
        assert all(s.unit is not None and s.unit.name == s.department for s in submissions)
    database.close()
    assert (len(submissions), failed, versions) == (12, 1, 12)
    assert {s.origin for s in submissions} == {"batch"}


def _stored(db_url: str) -> list[tuple[bool, bool, bool, int]]:
    """(document kept, provenance kept, score kept, findings with places) per submission."""
    database = Database(db_url)
    with database.session() as session:
        rows = []
        for sub in session.scalars(select(Submission).order_by(Submission.id)):
            placed = session.scalar(select(func.count()).where(
                FindingRow.submission_id == sub.id, FindingRow.refs_json != "[]")) or 0
            kept = sub.source is not None and document_of(sub) is not None
            rows.append((kept, sub.provenance_json is not None, sub.score_json is not None, placed))
    database.close()
    return rows


def test_batch_stores_source_provenance_and_findings_places(archive: Path, tmp_path: Path, db_url: str) -> None:
    run_batch([archive], BatchOptions(out=tmp_path / "out", jobs=0, db=db_url))
    rows = _stored(db_url)
    assert len(rows) == 12
    assert all(kept and provenance and score for kept, provenance, score, _ in rows)
    assert sum(placed for *_, placed in rows) > 0


def test_batch_in_a_process_pool_stores_the_source(archive: Path, tmp_path: Path, db_url: str) -> None:
    """The worker process packs what is stored; the parent only unpacks it."""
    run_batch([archive], BatchOptions(out=tmp_path / "out", jobs=2, db=db_url))
    assert [kept for kept, *_ in _stored(db_url)] == [True] * 12


def test_a_source_over_the_limit_is_not_kept(
    archive: Path, tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_LIMIT_STORED_SOURCE", "200")
    monkeypatch.setattr(records, "SEARCH_CHARS", 100)
    run_batch([archive], BatchOptions(out=tmp_path / "out", jobs=0, db=db_url))
    rows = _stored(db_url)
    assert len(rows) == 12
    assert not any(kept for kept, *_ in rows)
    assert all(provenance and score for _, provenance, score, _ in rows)
    database = Database(db_url)
    with database.session() as session:
        for sub in session.scalars(select(Submission)):
            body = session.get_one(SearchDoc, sub.id).body
            assert len(body) <= len(sub.name) + 100 + len(records.record_text(records.record_of(sub))) + 2
    database.close()


def _without_source(data: bytes, name: str, profile: str | None = None, **_: object) -> DocResult:
    return process_document(data, name, profile)


def test_a_rerun_adds_the_source_to_records_stored_without_it(archive: Path, tmp_path: Path, db_url: str) -> None:
    run_batch([archive], BatchOptions(out=tmp_path / "a", jobs=0, db=db_url, task=_without_source))
    assert not any(kept or provenance for kept, provenance, *_ in _stored(db_url))
    run_batch([archive], BatchOptions(out=tmp_path / "b", jobs=0, db=db_url))
    assert all(kept and provenance for kept, provenance, *_ in _stored(db_url))
    run_batch([archive], BatchOptions(out=tmp_path / "c", jobs=0, db=db_url))
    database = Database(db_url)
    with database.session() as session:
        versions = session.scalar(select(func.count()).select_from(RecordVersion))
    database.close()
    assert versions == 24  # the second run added the source once; the third added nothing


def _record(unit: str) -> str:
    return json.dumps({"schema": "jixiao.record/1", "department": unit, "year": 2024}, ensure_ascii=False)


def test_region_for_new_units_and_units_without_one(db_url: str) -> None:
    database = Database(db_url)
    with database.session() as session:
        add_unit(session, "旧局")
        add_unit(session, "他局", "乙区")
        region(session, "甲区")
    database.close()
    with BatchStore(db_url, region="甲区") as store:
        for n, unit in enumerate(("新局", "旧局", "他局")):
            store.save(f"{n:064x}", f"{unit}.txt", {}, record_json=_record(unit))
        assert store.units_elsewhere == {"他局"}
    database = Database(db_url)
    with database.session() as session:
        regions = {u.name: u.region.name if u.region else None for u in session.scalars(select(Unit))}
        assert session.scalar(select(func.count()).select_from(Region)) == 2
        linked = {s.unit.name for s in session.scalars(select(Submission)) if s.unit is not None}
    database.close()
    assert regions == {"新局": "甲区", "旧局": "甲区", "他局": "乙区"}
    assert linked == {"新局", "旧局", "他局"}


def test_review_region_on_the_command_line(archive: Path, tmp_path: Path, db_url: str) -> None:
    args = ["review", str(archive), "--out", str(tmp_path / "out"), "-j", "0", "-q"]
    refused = CliRunner().invoke(app, [*args, "--region", "甲区"])
    assert refused.exit_code == 2 and "--db" in refused.output
    empty = CliRunner().invoke(app, [*args, "--db", db_url, "--region", "  "])
    assert empty.exit_code == 2 and "地区名称" in empty.output
    done = CliRunner().invoke(app, [*args, "--db", db_url, "--region", " 甲区 "])
    assert done.exit_code == 1, done.output  # the archive holds one broken file
    database = Database(db_url)
    with database.session() as session:
        units = session.scalars(select(Unit)).all()
        assert units and all(u.region is not None and u.region.name == "甲区" for u in units)
    database.close()
