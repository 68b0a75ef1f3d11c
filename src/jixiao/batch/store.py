"""A small store for batch results (``--db sqlite:///path.db``), on the stdlib sqlite3.

Two tables: ``documents`` (one row per document, keyed by the SHA-256 of its bytes)
and ``findings`` (the findings of each document). Saving a document again replaces
its row and its findings, so re-running a batch into the same database is
idempotent. Other URL schemes are refused with a clear message until the web app's
store exists.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from jixiao.batch.faults import database_faults
from jixiao.dbguard import refuse_foreign
from jixiao.errors import ConfigError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    ok INTEGER NOT NULL,
    failure TEXT,
    department TEXT,
    year INTEGER,
    budget_final REAL,
    budget_actual REAL,
    execution_rate REAL,
    score_claimed REAL,
    score_computed REAL,
    grade_claimed TEXT,
    grade_computed TEXT,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    infos INTEGER NOT NULL DEFAULT 0,
    record TEXT
);
CREATE TABLE IF NOT EXISTS findings (
    sha256 TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    code TEXT,
    severity TEXT,
    message TEXT,
    location TEXT,
    evidence TEXT,
    PRIMARY KEY (sha256, seq)
);
CREATE INDEX IF NOT EXISTS findings_code ON findings (code);
"""

#: The tables of this store: a database holding others is refused (`jixiao.dbguard`).
TABLES = ("documents", "findings")

#: Columns of ``documents`` filled from a summary row.
ROW_COLUMNS = (
    "department",
    "year",
    "budget_final",
    "budget_actual",
    "execution_rate",
    "score_claimed",
    "score_computed",
    "grade_claimed",
    "grade_computed",
    "errors",
    "warnings",
    "infos",
)


def sqlite_path(url: str) -> str:
    """The file path of a ``sqlite:///path.db`` URL (``sqlite:///:memory:`` too)."""
    parts = urlsplit(url)
    if parts.scheme != "sqlite":
        raise ConfigError(
            f"暂不支持数据库地址“{url}”：批量审核目前只能写入 SQLite，"
            "请使用 --db sqlite:///路径/结果.db（其他数据库待网页应用的存储模块完成后支持）"
        )
    path = unquote(parts.netloc + parts.path)
    if path.startswith("/"):  # sqlite:///rel.db → rel.db; sqlite:////abs.db → /abs.db
        path = path[1:]
    if not path:
        raise ConfigError(f"数据库地址“{url}”缺少文件路径，例如 sqlite:///结果.db")
    return path


class BatchStore:
    """Documents and findings of batch runs in one SQLite database."""

    def __init__(self, url: str) -> None:
        path = self.path = sqlite_path(url)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        with database_faults(path):
            self._db = sqlite3.connect(path)
            refuse_foreign(self._db, TABLES, name=url)
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

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
        """Insert or replace one document and its findings, in one transaction."""
        values = [row.get(column) for column in ROW_COLUMNS]
        columns = ", ".join(("sha256", "name", "ok", "failure", *ROW_COLUMNS, "record"))
        marks = ", ".join("?" * (len(ROW_COLUMNS) + 5))
        with database_faults(self.path), self._db:
            self._db.execute("DELETE FROM findings WHERE sha256 = ?", (sha256,))
            self._db.execute(
                f"INSERT OR REPLACE INTO documents ({columns}) VALUES ({marks})",
                (sha256, name, int(failure is None), failure, *values, record_json),
            )
            self._db.executemany(
                "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (sha256, seq, f.get("code"), f.get("severity"), f.get("message"),
                     _text(f.get("location")), _text(f.get("evidence")))
                    for seq, f in enumerate(findings or [])
                ],
            )

    def counts(self) -> tuple[int, int]:
        """(documents, findings) stored."""
        docs = self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        found = self._db.execute("SELECT COUNT(*) FROM findings").fetchone()[0]
        return int(docs), int(found)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def open_store(url: str) -> BatchStore:
    """Open the batch store at `url`; raises `ConfigError` for unsupported schemes."""
    return BatchStore(url)
