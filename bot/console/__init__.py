"""The advisors' console (Starlette app mounted at /console by bot.web.app).

Its data lives in ``bot.storage`` (advisors, tickets, annotations, audit, transcripts, review);
``bot.console.hours`` uses only the standard library, so the action server imports it without
the web stack.
"""
