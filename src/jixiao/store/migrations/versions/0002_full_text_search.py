"""Full-text search that finds Chinese substrings: SQLite FTS5 with the trigram tokenizer
(an external-content index over ``search_docs`` kept current by triggers), or pg_trgm's
GIN index on PostgreSQL.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_UP = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "body, content='search_docs', content_rowid='submission_id', tokenize='trigram')",
    "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN "
    "INSERT INTO search_fts(rowid, body) VALUES (new.submission_id, new.body); END",
    "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.submission_id, old.body); END",
    "CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.submission_id, old.body); "
    "INSERT INTO search_fts(rowid, body) VALUES (new.submission_id, new.body); END",
)
SQLITE_DOWN = (
    "DROP TRIGGER search_docs_au",
    "DROP TRIGGER search_docs_ad",
    "DROP TRIGGER search_docs_ai",
    "DROP TABLE search_fts",
)
POSTGRES_UP = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_search_docs_body_trgm ON search_docs USING gin (body gin_trgm_ops)",
)
POSTGRES_DOWN = ("DROP INDEX ix_search_docs_body_trgm",)


def _run(statements: tuple[str, ...]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    _run(SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP)


def downgrade() -> None:
    _run(SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN)
