"""Refuse to write into another application's database.

``--db`` may point by mistake at a database that some other program owns; creating
jixiao's tables in it would mix the two. `refuse_foreign` lists the tables (and
views) of the target and refuses it unless every one is jixiao's: an empty
database, or one that jixiao made, is accepted. It takes what a caller has at
hand: a database URL, an open `sqlite3.Connection`, or a SQLAlchemy engine or
connection (anything `sqlalchemy.inspect` understands), so the batch store of
today and the SQLAlchemy store both call the same check before creating tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from importlib import import_module
from typing import Any
from urllib.parse import unquote, urlsplit

from jixiao.errors import ConfigError

#: Tables that belong to the database engine or to migrations, never "foreign".
_ENGINE_TABLES = ("sqlite_", "alembic_version")


class ForeignDatabaseError(ConfigError):
    """The database holds tables that are not jixiao's."""


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").fetchall()
    return [str(r[0]) for r in rows]


def _sqlite_file(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme.startswith("sqlite"):
        return None
    path = unquote(parts.netloc + parts.path)
    return path[1:] if path.startswith("/") else path


def _sqlalchemy() -> Any:
    """SQLAlchemy, imported only for targets that need it (it is the web store's dependency)."""
    return import_module("sqlalchemy")


def table_names(target: Any) -> list[str]:
    """Names of the tables and views of `target` (URL, sqlite3 connection or SQLAlchemy bind)."""
    if isinstance(target, sqlite3.Connection):
        return _sqlite_tables(target)
    if isinstance(target, str):
        path = _sqlite_file(target)
        if path is not None:
            if path in ("", ":memory:"):
                return []
            try:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            except sqlite3.OperationalError:  # not there yet: empty
                return []
            try:
                return _sqlite_tables(conn)
            finally:
                conn.close()
        engine = _sqlalchemy().create_engine(target)
        try:
            return table_names(engine)
        finally:
            engine.dispose()
    inspector = _sqlalchemy().inspect(target)
    return list(inspector.get_table_names()) + list(inspector.get_view_names())


def foreign_tables(target: Any, ours: Collection[str]) -> list[str]:
    """The tables of `target` that are neither jixiao's (`ours`) nor the engine's."""
    return sorted(t for t in table_names(target) if t not in ours and not t.startswith(_ENGINE_TABLES))


def refuse_foreign(target: Any, ours: Collection[str], *, name: str) -> None:
    """Raise `ForeignDatabaseError` when `target` holds tables other than `ours`.

    `name` is how the database is shown to the user (its URL or file).
    """
    foreign = foreign_tables(target, ours)
    if foreign:
        shown = "、".join(foreign[:5]) + ("等" if len(foreign) > 5 else "")
        raise ForeignDatabaseError(
            f"数据库 {name} 中已有不属于 jixiao 的表（{shown}），为免混入其他程序的数据，jixiao 不会写入："
            "请用 --db 指定一个新的（或 jixiao 专用的）数据库文件"
        )
