"""Opening a database by URL and bringing its schema up to date with the shipped migrations.

``sqlite:///path.db`` (the default, no set-up) and ``postgresql://user@host/db`` are
supported; a plain ``postgresql://`` URL uses the psycopg 3 driver. `Database` migrates
the schema on open (Alembic, programmatically, from ``store/migrations``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from jixiao.dbguard import refuse_foreign
from jixiao.errors import ConfigError
from jixiao.store.models import Base

#: The database used when none is named: a file in the working directory.
DEFAULT_URL = "sqlite:///jixiao.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def managed(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """False for the search index's own tables and index, which the models do not describe."""
    return not (name or "").startswith(("search_fts", "ix_search_docs_body_trgm"))


def default_url() -> str:
    """``$JIXIAO_DB`` when set, else `DEFAULT_URL`."""
    return os.environ.get("JIXIAO_DB") or DEFAULT_URL


def normalize_url(url: str) -> str:
    """The SQLAlchemy URL for `url`; `ConfigError` (in Chinese) for what is not supported."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(
            f"无法识别的数据库地址“{url}”：请使用 sqlite:///路径.db 或 postgresql://用户@主机/库名"
        ) from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if backend != "sqlite":
        raise ConfigError(f"暂不支持数据库“{backend}”：请使用 SQLite 或 PostgreSQL")
    if not parsed.database:
        raise ConfigError(f"数据库地址“{url}”缺少文件路径，例如 sqlite:///jixiao.db")
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False}, pool_size=20, max_overflow=40
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)


def jixiao_tables() -> set[str]:
    """The tables a jixiao database holds (the models' and the full-text index's)."""
    fts = {"search_fts", *(f"search_fts_{part}" for part in ("config", "data", "docsize", "idx", "content"))}
    return set(Base.metadata.tables) | fts


class Database:
    """An engine, a session factory and the migrated schema."""

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = normalize_url(url or default_url())
        self.engine = _engine(self.url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema to `revision` with the migrations shipped in the package.

        A database that holds another application's tables is refused, not added to.
        """
        refuse_foreign(self.engine, jixiao_tables(), name=self.url)
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()
