"""Alembic environment: run the migrations on the connection `jixiao.store.db` hands over."""

from __future__ import annotations

from alembic import context

from jixiao.store.db import managed
from jixiao.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=managed,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
