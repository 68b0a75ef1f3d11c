"""Databases for the storage and web tests: a SQLite file, and PostgreSQL when configured.

``JIXIAO_TEST_POSTGRES`` names a PostgreSQL server URL with the right to create databases
(``.ci/run`` starts one and sets it); each test gets a fresh database there, dropped after.
Without it the PostgreSQL cases skip, except under CI, where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

BACKENDS = ("sqlite", "postgresql")


def postgres_admin_url() -> str | None:
    """The server URL from the environment, or None (a failure under CI)."""
    url = os.environ.get("JIXIAO_TEST_POSTGRES")
    if not url and os.environ.get("CI"):
        pytest.fail("JIXIAO_TEST_POSTGRES is not set: .ci/run must start PostgreSQL")
    return url


@contextmanager
def fresh_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database of `backend`, removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'jixiao.db'}"
        return
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("PostgreSQL not configured (set JIXIAO_TEST_POSTGRES)")
    name = f"jx_{uuid.uuid4().hex[:12]}"
    server = make_url(admin).set(drivername="postgresql+psycopg")
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
