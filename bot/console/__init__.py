"""The advisors' console (Starlette app mounted at /console by bot.web.app).

Its data lives in ``bot.storage`` (advisors, tickets, annotations, audit, transcripts, review);
the opening hours the action server also needs are in ``bot.opening_hours``.
"""
