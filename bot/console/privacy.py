"""Console: erase a conversation (issue 13). Advisors and admins; CSRF and an explicit
confirmation box are required; the erasure is recorded in the access log without its content.
Mounted by bot/console/app.py (``POST /console/conversations/{id}/erase``)."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.storage import erasure


async def erase(request: Request) -> Response:
    from bot.console.app import checked_form, csrf_refused, flash, render

    form = await checked_form(request)
    if form is None:
        return csrf_refused()
    conversation_id = request.path_params["conversation_id"]
    if form.get("confirm") != "oui":
        flash(request, "Cochez la case de confirmation pour effacer la conversation.", "error")
        return RedirectResponse(request.headers.get("referer") or "/console/conversations",
                                status_code=303)
    if not await run_in_threadpool(erasure.conversation_exists, conversation_id):
        return render(request, "error.html", {"message": "Cette conversation n'existe pas."}, 404)
    advisor = request.state.advisor
    erased = await run_in_threadpool(erasure.erase_conversation, conversation_id,
                                     f"{advisor.display_name} (console)", advisor.id)
    flash(request, f"Conversation effacée : {erased.describe()}. Seules les statistiques "
                   "anonymes restent.")
    return RedirectResponse("/console/conversations", status_code=303)
