"""Alembic environment: the URL comes from the config (set by bot.tools.migrate) or DATABASE_URL.

The version table is ``console_alembic_version`` and only ``console_*`` tables and ``conversation_summaries`` are managed:
Rasa's tracker store keeps its own ``events`` table in the same database.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from bot.storage.db import normalise_url
from bot.storage.models import Base

config = context.config
target_metadata = Base.metadata
VERSION_TABLE = "console_alembic_version"


def _url() -> str:
    return normalise_url(config.get_main_option("sqlalchemy.url") or None)


def include_object(obj, name, type_, reflected, compare_to):  # noqa: D401
    if type_ == "table":
        return name.startswith("console_") or name == "conversation_summaries"
    return True


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      version_table=VERSION_TABLE, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = create_engine(_url(), poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          version_table=VERSION_TABLE, include_object=include_object,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
    connectable.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
