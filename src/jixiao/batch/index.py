"""The run's index: which documents are done, keyed by the SHA-256 of their bytes.

The index is an SQLite file in the output folder (``OUT/index.sqlite``). A document
is entered only after its result files were written, in a transaction of its own, so
an interrupted run leaves an index that tells exactly what is finished; the next run
skips those documents. The index also holds each document's summary row (scalars
only), from which the summaries are built in a stable order without holding all
documents in memory.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INDEX_NAME = "index.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    file TEXT NOT NULL,
    ok INTEGER NOT NULL,
    error TEXT,
    row TEXT NOT NULL,
    timings TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_name ON documents (name, sha256);
"""


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; results are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Entry:
    """One finished document as the index holds it."""

    sha256: str
    name: str
    #: The stem of its files in ``records/`` and ``findings/``.
    file: str
    ok: bool
    error: str | None
    row: dict[str, Any]
    timings: dict[str, float]


class Index:
    """The done-documents index of one output folder."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / INDEX_NAME
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def done(self, sha256: str) -> bool:
        """True when the document with this hash is finished (reviewed or failed)."""
        cur = self._db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,))
        return cur.fetchone() is not None

    def add(self, entry: Entry) -> None:
        """Enter a finished document (its files must already be written)."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.sha256,
                    entry.name,
                    entry.file,
                    int(entry.ok),
                    entry.error,
                    json.dumps(entry.row, ensure_ascii=False),
                    json.dumps(entry.timings),
                ),
            )

    def ranked(self) -> Iterator[Entry]:
        """Reviewed documents by 复算得分 (then 自评得分) from the highest, streamed from disk."""
        sql = (
            "SELECT sha256, name, file, ok, error, row, timings FROM documents WHERE ok = 1 ORDER BY "
            "json_extract(row, '$.score_computed') IS NULL, json_extract(row, '$.score_computed') DESC, "
            "json_extract(row, '$.score_claimed') IS NULL, json_extract(row, '$.score_claimed') DESC, name"
        )
        cur = self._db.cursor()
        cur.arraysize = 256
        for sha, name, file, is_ok, error, row, timings in cur.execute(sql):
            yield Entry(sha, name, file, bool(is_ok), error, json.loads(row), json.loads(timings))

    def setting(self, key: str) -> str | None:
        """A setting of the run that made the index (None when never set)."""
        self._db.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        cur = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,))
        row = cur.fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting of this run."""
        with self._db:
            self._db.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self._db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def clear(self) -> None:
        """Forget every finished document (their files are written again as they are redone)."""
        with self._db:
            self._db.execute("DELETE FROM documents")

    def count(self) -> tuple[int, int]:
        """(documents reviewed, documents failed)."""
        cur = self._db.execute("SELECT COALESCE(SUM(ok), 0), COUNT(*) - COALESCE(SUM(ok), 0) FROM documents")
        ok, failed = cur.fetchone()
        return int(ok), int(failed)

    def entries(self, *, ok: bool | None = None) -> Iterator[Entry]:
        """Finished documents ordered by name, streamed from disk."""
        sql = "SELECT sha256, name, file, ok, error, row, timings FROM documents"
        params: tuple[int, ...] = ()
        if ok is not None:
            sql += " WHERE ok = ?"
            params = (int(ok),)
        cur = self._db.cursor()
        cur.arraysize = 256
        for sha, name, file, is_ok, error, row, timings in cur.execute(sql + " ORDER BY name, sha256", params):
            yield Entry(sha, name, file, bool(is_ok), error, json.loads(row), json.loads(timings))
