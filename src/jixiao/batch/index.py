"""The run's index: which documents are done, one row per path, the latest content winning.

The index is an SQLite file in the output folder (``OUT/index.sqlite``). A row is
keyed by the document's path (the exact bytes; ``archive.zip`` + member for ZIP
members) and remembers the `version` it was made from (size and modification time
of a file, CRC and sizes of a member). A later run skips a path whose version is
unchanged and redoes one whose content changed, replacing its row, so an edited
file or a failed file that came back shows once, as it is now. A complete run drops
the rows of files that are gone from the folders it was given.

A document is entered only after its result files were written, in a transaction of
its own, so an interrupted run leaves an index that tells exactly what is finished.
The index also holds each document's summary row (scalars only), from which the
summaries are built in a stable order without holding all documents in memory.

Result files are named by `Index.stem_for`: a readable part of the name and a hash
of the key, checked against the index so that two paths never share a stem.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from jixiao.batch.faults import database_faults, write_faults

INDEX_NAME = "index.sqlite"
#: Version of the index layout; an index of another version is rebuilt.
LAYOUT = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    key BLOB PRIMARY KEY,
    version TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    file TEXT NOT NULL UNIQUE,
    ok INTEGER NOT NULL,
    error TEXT,
    row TEXT NOT NULL,
    timings TEXT NOT NULL,
    seen INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS documents_name ON documents (name, key);
"""

_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one."""
    with write_faults(path):
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


def readable_stem(name: str) -> str:
    """The readable part of a result file's name: the document's own stem, made safe."""
    last = name.rsplit("!", 1)[-1]
    stem = PureWindowsPath(PurePosixPath(last).name).stem
    return (_UNSAFE.sub("_", stem).strip("._") or "document")[:60]


@dataclass(frozen=True)
class Entry:
    """One finished document as the index holds it."""

    key: bytes
    version: str
    sha256: str
    name: str
    #: The stem of its files in ``records/`` and ``findings/``.
    file: str
    ok: bool
    error: str | None
    row: dict[str, Any]
    timings: dict[str, float]


_COLUMNS = "key, version, sha256, name, file, ok, error, row, timings"


class Index:
    """The done-documents index of one output folder."""

    def __init__(self, folder: Path) -> None:
        with write_faults(folder):
            folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / INDEX_NAME
        self._db: sqlite3.Connection | None = None
        with database_faults(self.path):
            self._db = sqlite3.connect(self.path)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._upgrade()
            self._db.executescript(_SCHEMA)

    @property
    def db(self) -> sqlite3.Connection:
        """The open connection."""
        assert self._db is not None
        return self._db

    def _upgrade(self) -> None:
        """Drop an index of an older layout (its documents are then processed again)."""
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "documents" in tables and "meta" not in tables:
            self.db.execute("DROP TABLE documents")
        self.db.executescript(_SCHEMA)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('layout', ?)", (str(LAYOUT),))
        self.db.commit()

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def begin_run(self) -> int:
        """Number a new run; rows it meets are marked with this number."""
        with database_faults(self.path), self.db:
            row = self.db.execute("SELECT value FROM meta WHERE name = 'run'").fetchone()
            run = int(row[0]) + 1 if row else 1
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('run', ?)", (str(run),))
        return run

    def version(self, key: bytes) -> str | None:
        """The version a path was last processed at (None: never)."""
        with database_faults(self.path):
            cur = self.db.execute("SELECT version FROM documents WHERE key = ?", (key,))
            row = cur.fetchone()
        return None if row is None else str(row[0])

    def mark_seen(self, keys: Iterable[bytes], run: int) -> None:
        """Mark rows still current in this run (documents skipped as unchanged)."""
        with database_faults(self.path), self.db:
            self.db.executemany("UPDATE documents SET seen = ? WHERE key = ?", ((run, k) for k in keys))

    def stem_for(self, key: bytes, name: str) -> str:
        """The stem of the result files of `key`: its own if it has a row, else a new unique one."""
        with database_faults(self.path):
            row = self.db.execute("SELECT file FROM documents WHERE key = ?", (key,)).fetchone()
            if row is not None:
                return str(row[0])
            base = f"{readable_stem(name)}-{hashlib.sha256(key).hexdigest()[:16]}"
            stem, n = base, 1
            while self.db.execute("SELECT 1 FROM documents WHERE file = ?", (stem,)).fetchone():
                n += 1
                stem = f"{base}-{n}"
        return stem

    def add(self, entry: Entry, run: int = 0) -> None:
        """Enter a finished document (its files must already be written), replacing its path's row."""
        with database_faults(self.path), self.db:
            self.db.execute(
                f"INSERT OR REPLACE INTO documents ({_COLUMNS}, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.key,
                    entry.version,
                    entry.sha256,
                    entry.name,
                    entry.file,
                    int(entry.ok),
                    entry.error,
                    json.dumps(entry.row, ensure_ascii=False),
                    json.dumps(entry.timings),
                    run,
                ),
            )

    def ranked(self) -> Iterator[Entry]:
        """Reviewed documents by 复算得分 (then 自评得分) from the highest, streamed from disk."""
        sql = (
            f"SELECT {_COLUMNS} FROM documents WHERE ok = 1 ORDER BY "
            "json_extract(row, '$.score_computed') IS NULL, json_extract(row, '$.score_computed') DESC, "
            "json_extract(row, '$.score_claimed') IS NULL, json_extract(row, '$.score_claimed') DESC, name, key"
        )
        with database_faults(self.path):
            cur = self.db.cursor()
            cur.arraysize = 256
            for key, version, sha, name, file, is_ok, error, row, timings in cur.execute(sql):
                yield Entry(
                    bytes(key), version, sha, name, file, bool(is_ok), error, json.loads(row), json.loads(timings)
                )

    def setting(self, name: str) -> str | None:
        """A setting of the run that made the index (None when never set)."""
        with database_faults(self.path):
            row = self.db.execute("SELECT value FROM meta WHERE name = ?", (f"setting:{name}",)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, name: str, value: str) -> None:
        """Store a setting of this run."""
        with database_faults(self.path), self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"setting:{name}", value))

    def clear(self) -> None:
        """Forget every finished document (they are done again, their files rewritten)."""
        with database_faults(self.path), self.db:
            self.db.execute("DELETE FROM documents")

    def drop_unseen(self, roots: Iterable[bytes], run: int) -> list[str]:
        """Delete the rows under `roots` that this (complete) run did not meet; their stems."""
        stems: list[str] = []
        with database_faults(self.path), self.db:
            for root in roots:
                for prefix in (root, root.rstrip(b"/") + b"/", root + b"\0"):
                    exact = prefix == root
                    where = "key = ?" if exact else "substr(key, 1, ?) = ?"
                    params: tuple[Any, ...] = (prefix,) if exact else (len(prefix), prefix)
                    cur = self.db.execute(
                        f"SELECT file FROM documents WHERE seen < ? AND {where}", (run, *params)
                    )
                    stems += [str(r[0]) for r in cur]
                    self.db.execute(f"DELETE FROM documents WHERE seen < ? AND {where}", (run, *params))
        return stems

    def count(self) -> tuple[int, int]:
        """(documents reviewed, documents failed)."""
        with database_faults(self.path):
            cur = self.db.execute(
                "SELECT COALESCE(SUM(ok), 0), COUNT(*) - COALESCE(SUM(ok), 0) FROM documents"
            )
            ok, failed = cur.fetchone()
        return int(ok), int(failed)

    def entries(self, *, ok: bool | None = None) -> Iterator[Entry]:
        """Finished documents ordered by name, streamed from disk."""
        sql = f"SELECT {_COLUMNS} FROM documents"
        params: tuple[int, ...] = ()
        if ok is not None:
            sql += " WHERE ok = ?"
            params = (int(ok),)
        with database_faults(self.path):
            cur = self.db.cursor()
            cur.arraysize = 256
            for key, version, sha, name, file, is_ok, error, row, timings in cur.execute(
                sql + " ORDER BY name, key", params
            ):
                yield Entry(
                    bytes(key), version, sha, name, file, bool(is_ok), error, json.loads(row), json.loads(timings)
                )
