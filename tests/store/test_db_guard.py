"""Every way into the store refuses another application's database (serve, review, web)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jixiao.dbguard import ForeignDatabaseError
from jixiao.store import Database


def test_a_database_with_foreign_tables_is_refused_before_any_table_is_made(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(ForeignDatabaseError, match="invoices"):
        Database(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"invoices"}


def test_its_own_database_opens_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'jixiao.db'}"
    Database(url).close()
    Database(url).close()
