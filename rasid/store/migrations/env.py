"""Alembic environment: runs on the connection `rasid.store` hands over (config.attributes)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from rasid.store.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # `alembic` run by hand: -x url=... or sqlalchemy.url from an ini file
    from sqlalchemy import create_engine

    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("give the database: alembic -x url=postgresql+psycopg://... upgrade head")
    engine = create_engine(url)
    connection = engine.connect()

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        # Two processes opening one fresh database at once: the second waits, then finds it migrated.
        connection.execute(text("SELECT pg_advisory_xact_lock(727361)"))
    context.run_migrations()
