"""Application logs without personal identifiers (issue 13).

``install()`` wraps the process's log record factory: every record, from any logger (Rasa's
own, its structlog JSON lines, Sanic, uvicorn, ours), has its message, and its formatted
traceback, passed through ``redact_text`` before any handler writes it. Warnings shown through
the ``warnings`` module are redacted the same way. Installed once per process by the modules
each server loads (the tracker store and the privacy channel in Rasa, actions/privacy.py in
the action server, bot.web.app in the web app, the purge tool).
"""
from __future__ import annotations

import json
import logging
import re
import traceback
import warnings
from typing import Any

from bot.storage.redaction import redact_text

_installed = False
_JSON_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}")


def _readable(message: str) -> str:
    """structlog's JSON lines escape accents (\\u00e9), a bytes repr escapes quotes (m\\'appelle):
    read them as text before redacting."""
    if "\\" not in message:
        return message
    message = message.replace("\\\\", "\\").replace("\\'", "'").replace('\\"', '"')
    return _JSON_ESCAPE.sub(lambda m: json.loads(f'"{m.group(0)}"'), message)


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a badly formatted record is left to logging
        return record
    readable = _readable(message)
    redacted = redact_text(readable)
    if redacted != readable:
        record.msg, record.args = redacted, None
    if record.exc_info and not record.exc_text:
        text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        record.exc_text = redact_text(_readable(text))
    return record


def install() -> None:
    """Idempotent: redact every log record and warning of this process from now on."""
    global _installed
    if _installed:
        return
    _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return redact_record(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)
    show = warnings.showwarning

    def showwarning(message: Any, category: Any, filename: str, lineno: int,
                    file: Any = None, line: Any = None) -> None:
        show(redact_text(str(message)), category, filename, lineno, file, line)

    warnings.showwarning = showwarning
