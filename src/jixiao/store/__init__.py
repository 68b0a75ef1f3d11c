"""jixiao's database: SQLAlchemy 2 models, Alembic migrations shipped in the package.

``Database(url)`` opens SQLite (default, a file) or PostgreSQL and migrates the schema;
`jixiao.store.records` saves evaluations as versions with an audit trail;
`jixiao.store.search` finds Chinese substrings across every stored report.
"""

from jixiao.store.db import DEFAULT_URL, Database, default_url, normalize_url

__all__ = ["DEFAULT_URL", "Database", "default_url", "normalize_url"]
