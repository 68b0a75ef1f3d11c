"""The SQLite store of batch results."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jixiao.batch import BatchOptions, run_batch
from jixiao.batch.store import BatchStore, sqlite_path
from jixiao.errors import ConfigError


def test_urls() -> None:
    assert sqlite_path("sqlite:///rel/a.db") == "rel/a.db"
    assert sqlite_path("sqlite:////abs/a.db") == "/abs/a.db"
    with pytest.raises(ConfigError, match="SQLite"):
        sqlite_path("postgresql://host/db")


def test_save_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    findings = [{"code": "grade-mismatch", "severity": "error", "message": "等级不符"}]
    with BatchStore(url) as store:
        for _ in range(2):
            store.save("ab" * 32, "a.txt", {"department": "某局", "errors": 1}, findings=findings)
        assert store.counts() == (1, 1)


def test_batch_fills_the_store_once(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    options = BatchOptions(out=tmp_path / "out", jobs=0, db=f"sqlite:///{db}")
    run_batch([archive], options)
    run_batch([archive], BatchOptions(out=tmp_path / "out2", jobs=0, db=options.db))
    with sqlite3.connect(db) as conn:
        ok, failed = conn.execute("SELECT SUM(ok), SUM(1 - ok) FROM documents").fetchone()
    assert (ok, failed) == (12, 1)
