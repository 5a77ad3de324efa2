"""The advisors' console (Starlette app mounted at /console by bot.web.app).

``bot.console.service`` and ``bot.console.hours`` use only SQLAlchemy and the standard library,
so the action server and the Rasa channels import them without the web stack.
"""
