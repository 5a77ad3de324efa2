"""Apply the retention durations once: ``python -m bot.tools.purge`` (``make purge``).

Works on DATABASE_URL, even while the servers run. Durations come from
RETENTION_CONVERSATION_DAYS, RETENTION_TICKET_DAYS, RETENTION_CALLBACK_DAYS and
RETENTION_ACCESS_LOG_DAYS (bot/settings.py; 0 = everything inactive now). ``--days N`` sets all
four to N for this run (``make purge DAYS=0`` empties everything but the statistics).
"""
from __future__ import annotations

import argparse
import sys

from bot import settings
from bot.storage import log_redaction


def main(argv: list[str]) -> int:
    log_redaction.install()
    parser = argparse.ArgumentParser(prog="python -m bot.tools.purge", description=__doc__)
    parser.add_argument("--days", type=int, default=None,
                        help="one retention in days for every kind of data, for this run")
    args = parser.parse_args(argv)
    days = settings.retention_days()
    if args.days is not None:
        if args.days < 0:
            print("--days must be 0 or more", file=sys.stderr)
            return 2
        days = {name: args.days for name in days}
    from bot.storage.retention import purge

    try:
        report = purge(days=days)
    except Exception as error:  # a clear message rather than a traceback
        print(f"Purge failed on {settings.database_url().split('@')[-1]}: {error}",
              file=sys.stderr)
        return 1
    print("Purge : " + report.describe() + ".")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
