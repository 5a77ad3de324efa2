"""The advisors' exports of the review (CSV and JSON lines), within the advisor's scope.

An advisor exports only the conversations of tickets they handled, whatever the filters; an
admin exports every conversation the filters select. Every export is written to the audit log.
"""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Optional

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.storage import audit, errors, review, tickets


async def _export_rows(request: Request) -> tuple[Optional[Response], list]:
    try:
        filters = review.ReviewFilters.from_query(request.query_params)
    except errors.ServiceError as error:
        return JSONResponse({"error": str(error)}, status_code=400), []
    advisor = request.state.advisor
    rows = await run_in_threadpool(review.review, filters, None, 100000)
    if not advisor.is_admin:
        # an advisor exports only the conversations of tickets they handled, whatever the
        # filters: the scope is enforced on what is returned
        mine = await run_in_threadpool(tickets.conversations_of_advisor, advisor.id)
        rows = [r for r in rows if r.conversation_id in mine]
    rows = await run_in_threadpool(review.with_transcripts, rows)
    await run_in_threadpool(audit.audit, request.state.advisor.id, "export", None,
                            json.dumps(filters.as_query(), ensure_ascii=False) + f" ({len(rows)})")
    return None, rows


async def export_jsonl(request: Request) -> Response:
    refused, rows = await _export_rows(request)
    if refused:
        return refused
    body = "".join(json.dumps(r.as_dict(), ensure_ascii=False) + "\n" for r in rows)
    return Response(body, media_type="application/x-ndjson; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="conversations.jsonl"',
        "Cache-Control": "no-store"})


async def export_csv(request: Request) -> Response:
    refused, rows = await _export_rows(request)
    if refused:
        return refused
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["conversation", "debut", "fin", "canal", "messages_usager", "situation",
                     "aides_eligibles", "transfert", "issue", "etiquettes", "transcription"])
    for r in rows:
        d = r.as_dict()
        transcript = " | ".join(f"{m['from']}: {m['text']}" for m in d["messages"])
        writer.writerow([_csv_cell(v) for v in (
            d["conversation_id"], d["first_at"] or "", d["last_at"] or "", d["channel"] or "",
            d["user_messages"], d["situation"], ", ".join(x or "" for x in d["eligible"]),
            "oui" if d["handoff"] else "non", d["outcome"], ", ".join(d["tags"]), transcript)])
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="conversations.csv"',
        "Cache-Control": "no-store"})


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _csv_cell(value: Any) -> Any:
    """Control characters removed (a NUL made the export fail), formulas neutralised."""
    if isinstance(value, str):
        value = CONTROL.sub("", value)
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return value


routes = [
    Route("/export.csv", export_csv),
    Route("/export.jsonl", export_jsonl),
]
