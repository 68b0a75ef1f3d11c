"""Batch results load into the web app's database (``jixiao review --db URL``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dbs import BACKENDS, fresh_database
from jixiao.batch import BatchOptions, run_batch
from jixiao.batch.store import BatchStore, check_url
from jixiao.errors import ConfigError
from jixiao.store import Database
from jixiao.store.models import RecordVersion, Source, Submission


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
