"""The action server (rasa_sdk) as ``make run`` starts it: loopback only, authenticated, bounded.

``python -m bot.tools.action_server`` serves the ``actions`` package like
``python -m rasa_sdk --actions actions`` with three differences (docs/security.md):

- it listens on ``HOST`` (127.0.0.1 by default), not on every interface;
- every route except ``GET /health`` requires ``Authorization: Bearer <ACTIONS_TOKEN>``, the
  shared secret the Rasa server sends (endpoints.yml ``action_endpoint.headers``): 401 else;
- a body is at most 8 MB as received and 32 MB once decompressed (``Content-Encoding:
  deflate``/``gzip``, decompressed with a bound: 413 beyond), and must be a JSON object that
  names an action (400 else).
"""
from __future__ import annotations

import hmac
import logging

from sanic import response

from bot import settings
from bot.channels import limits

logger = logging.getLogger(__name__)
MAX_RAW_BYTES = 8 * 1024 * 1024
MAX_BODY_BYTES = 32 * 1024 * 1024
OPEN_PATHS = ("/health",)


def create_app(package: str = "actions"):
    from rasa_sdk.endpoint import create_app as sdk_app

    app = sdk_app(package, cors_origins=None)
    app.config.REQUEST_MAX_SIZE = MAX_RAW_BYTES

    @app.middleware("request")
    async def guard(request):
        if request.path in OPEN_PATHS:
            return None
        header = request.headers.get("Authorization", "")
        sent = header[len("Bearer "):].strip() if header.startswith("Bearer ") else ""
        if not sent or not hmac.compare_digest(sent.encode(), settings.actions_token().encode()):
            logger.warning("action server: refused %s %s from %s without the shared secret",
                           request.method, request.path, request.ip)
            return response.json({"error": "jeton du serveur d'actions manquant ou invalide"},
                                 status=401)
        if request.method != "POST":
            return None
        try:
            body = limits.decompressed(request.body or b"",
                                       request.headers.get("content-encoding"), MAX_BODY_BYTES)
            call = limits.loads_strict(body)
        except limits.BodyError as error:
            return response.json({"error": str(error)}, status=error.status)
        except (ValueError, UnicodeDecodeError):
            return response.json({"error": "le corps n'est pas un JSON valide"}, status=400)
        if not isinstance(call, dict) or not isinstance(call.get("next_action"), str):
            return response.json({"error": "le corps doit être un objet JSON avec next_action"},
                                 status=400)
        # hand the checked, decompressed body to rasa_sdk's handler
        request.body = body
        for name in [k for k in request.headers if k.lower() == "content-encoding"]:
            del request.headers[name]
        return None

    return app


def main() -> None:
    from rasa_sdk import utils

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s - %(message)s")
    app = create_app("actions")
    host, port = settings.host(), settings.port("ACTIONS_PORT")
    logger.info("Action endpoint is up and running on http://%s:%s", host, port)
    app.run(host, port, workers=utils.number_of_sanic_workers(), access_log=False)


if __name__ == "__main__":
    main()
