"""Run the console's database migrations: ``python -m bot.tools.migrate [upgrade|downgrade] [rev]``.

Default: upgrade to the latest revision, on DATABASE_URL (bot.settings.database_url()).
``downgrade base`` removes the console's tables (Rasa's ``events`` table is never touched).
"""
from __future__ import annotations

import sys
from typing import Optional

from alembic import command
from alembic.config import Config

from bot import settings
from bot.storage.db import normalise_url


def alembic_config(url: Optional[str] = None) -> Config:
    config = Config(str(settings.ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(settings.ROOT / "bot" / "storage" / "migrations"))
    # ConfigParser interpolation: escape % in passwords
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def upgrade(url: Optional[str] = None, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: Optional[str] = None, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)


def main(argv: list[str]) -> int:
    action = argv[0] if argv else "upgrade"
    if action not in ("upgrade", "downgrade"):
        print("usage: python -m bot.tools.migrate [upgrade|downgrade] [revision]", file=sys.stderr)
        return 2
    revision = argv[1] if len(argv) > 1 else ("head" if action == "upgrade" else "base")
    try:
        (upgrade if action == "upgrade" else downgrade)(None, revision)
    except Exception as error:  # a clear message rather than a traceback
        print(f"Migration failed on {settings.database_url().split('@')[-1]}: {error}",
              file=sys.stderr)
        return 1
    print(f"Database {action}d to {revision}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
