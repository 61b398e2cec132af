"""Alembic's entry point. The engine comes from Nabij (see migrate.py), or from the URL
given to the `alembic` command line through alembic.ini / NABIJ_DATABASE_URL."""

from __future__ import annotations

from alembic import context

from nabij.config import database_url
from nabij.storage.engine import open_engine
from nabij.storage.tables import metadata

config = context.config
engine = config.attributes.get("engine") or open_engine(database_url())

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
