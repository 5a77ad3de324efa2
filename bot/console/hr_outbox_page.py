"""Console page of the HR callbacks (durable outbox): delivery status, dead letters, resend.

``GET /console/hr-callbacks``: counts per status, the dead letters (integration, conversation,
attempts, last error; no message text) and the callbacks waiting; ``POST
/console/hr-callbacks/{id}/retry`` sends a dead letter again (CSRF-checked, audited).
"""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.storage import audit, hr_outbox


async def page(request: Request) -> Response:
    from bot.console.app import render

    counts = await run_in_threadpool(hr_outbox.status_counts)
    dead = await run_in_threadpool(hr_outbox.dead_letters)
    pending = await run_in_threadpool(hr_outbox.listing, "pending")
    return render(request, "hr_outbox.html", {"counts": counts, "dead": dead, "pending": pending})


async def retry(request: Request) -> Response:
    from bot.console.app import checked_form, csrf_refused, flash

    if await checked_form(request) is None:
        return csrf_refused()
    try:
        row_id = int(request.path_params["row_id"])
    except ValueError:
        row_id = 0
    if row_id and await run_in_threadpool(hr_outbox.retry, row_id):
        await run_in_threadpool(audit.audit, request.state.advisor.id, "hr_callback_retry",
                                None, f"outbox {row_id}")
        flash(request, "Le rappel RH sera renvoyé dans un instant.")
    else:
        flash(request, "Ce rappel RH n'est pas (ou plus) en échec.", "error")
    return RedirectResponse("/console/hr-callbacks", status_code=303)


routes = [
    Route("/hr-callbacks", page),
    Route("/hr-callbacks/{row_id}/retry", retry, methods=["POST"]),
]
