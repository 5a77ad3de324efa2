"""Rasa's Slack and Microsoft Teams (Bot Framework) connectors, made safe to leave configured.

``credentials.yml`` enables both with values from the environment (``bot.tools.serve`` gives
the variables empty defaults, since Rasa refuses ``${VAR}`` when VAR is unset). Rasa 3.6 as
shipped has three problems these thin subclasses fix:

- ``SlackInput`` refuses to start without a signing secret, so an unconfigured Slack would stop
  the whole server. Here it starts, logs a warning, and refuses every Slack request (401): an
  empty secret never means "accept everything" (an HMAC with an empty key is forgeable).
  A bad signature gets 401 (Rasa answers 400), and Slack's ``url_verification`` gets the
  ``{"challenge": ...}`` object Slack documents.
- ``BotFrameworkInput`` downloads Microsoft's signing keys at start-up with a blocking
  request without timeout (no network: the server does not start) and sends replies with
  blocking ``requests`` calls inside the event loop. Here keys are fetched when the first
  request comes, in a thread with a timeout, replies go through aiohttp, the token issuer is
  checked, and without ``BOTFRAMEWORK_APP_ID``/``BOTFRAMEWORK_APP_PASSWORD`` every request is
  refused (401).

The URLs do not change: ``/webhooks/slack/webhook`` and ``/webhooks/botframework/webhook``.
``SLACK_EMPLOYER`` / ``TEAMS_EMPLOYER`` (JSON ``{"sector", "size", "contributes"}``) give the
employer context of the whole workspace, added to every message's metadata like the HR
integrations do, so the assistant does not ask it.
``SLACK_API_URL`` (tests only) sends Slack API calls to another base URL.
"""
from __future__ import annotations

import asyncio
import datetime
import json
import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import aiohttp
import jwt
import requests
from jwt.algorithms import RSAAlgorithm
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels import botframework as rasa_botframework
from rasa.core.channels import slack as rasa_slack
from rasa.core.channels.channel import OutputChannel, UserMessage

from bot import settings
from bot.channels.api_push import add_botframework_push, add_slack_push
from bot.channels.integrations import IntegrationsError, _employer

logger = logging.getLogger(__name__)

HTTP_TIMEOUT_S = 10
BOTFRAMEWORK_ISSUER = "https://api.botframework.com"


def employer_from_env(name: str) -> dict:
    """Employer context for a whole workspace, e.g. ``SLACK_EMPLOYER='{"sector":
    "prive_non_agricole", "size": 250, "contributes": true}'`` (empty: none)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        raise IntegrationsError(name, ['must be JSON such as {"sector": "prive_non_agricole", '
                                       '"size": 250, "contributes": true}']) from None
    problems: list[str] = []
    employer = _employer(data, "employer", problems)
    if problems:
        raise IntegrationsError(name, problems)
    return employer.as_metadata()


def _with_employer(metadata: Optional[dict], employer: dict) -> Optional[dict]:
    if not employer:
        return metadata
    metadata = dict(metadata or {})
    metadata["employer"] = {**(metadata.get("employer") or {}), **employer}
    return metadata


def _unauthorized(message: str) -> HTTPResponse:
    return response.json({"error": "unauthorized", "message": message},
                         status=HTTPStatus.UNAUTHORIZED)


# -- Slack -------------------------------------------------------------------------------------
class SlackInput(rasa_slack.SlackInput):
    """Rasa's Slack connector (name ``slack``) that refuses everything until configured."""

    def __init__(self, slack_token: Text, slack_channel: Optional[Text] = None,
                 *args: Any, **kwargs: Any) -> None:
        self.employer = employer_from_env("SLACK_EMPLOYER")
        super().__init__(slack_token or "", slack_channel or None, *args, **kwargs)

    def get_metadata(self, request: Request) -> Dict[Text, Any]:
        return _with_employer(super().get_metadata(request), self.employer)

    def _validate_credentials(self) -> None:
        if not self.slack_signing_secret:
            logger.warning("Slack is not configured (SLACK_SIGNING_SECRET is empty): "
                           "every request to /webhooks/slack/webhook is refused")
        elif not self.slack_token:
            logger.warning("SLACK_TOKEN is empty: Slack messages are received but the "
                           "assistant cannot answer them")

    def is_request_from_slack_authentic(self, request: Request) -> bool:
        if not self.slack_signing_secret:
            return False
        return super().is_request_from_slack_authentic(request)

    def get_output_channel(self, channel: Optional[Text] = None,
                           thread_id: Optional[Text] = None) -> OutputChannel:
        output = super().get_output_channel(channel, thread_id)
        api_url = os.environ.get("SLACK_API_URL", "").strip()
        if api_url:
            output.client.base_url = api_url if api_url.endswith("/") else api_url + "/"
        return output

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        from bot.channels.http_safety import harden
        from bot.channels.turns import guarded

        slack_webhook = super().blueprint(guarded(on_new_message, "slack"))

        @slack_webhook.listener("before_server_start")
        async def _harden(app: Any, _loop: Any) -> None:
            harden(app)

        @slack_webhook.middleware("request")
        async def check_signature(request: Request) -> Optional[HTTPResponse]:
            if not request.path.rstrip("/").endswith("/webhook"):
                return None
            if not self.slack_signing_secret:
                return _unauthorized("Slack is not configured on this server "
                                     "(SLACK_SIGNING_SECRET)")
            if not self.is_request_from_slack_authentic(request):
                return _unauthorized("missing or invalid X-Slack-Signature / "
                                     "X-Slack-Request-Timestamp")
            if (request.headers.get("content-type", "").startswith("application/json")):
                try:
                    payload = json.loads(request.body or b"null")
                except ValueError:
                    return response.json({"error": "malformed_json",
                                          "message": "the body is not valid JSON"}, status=400)
                if isinstance(payload, dict) and payload.get("type") == "url_verification":
                    return response.json({"challenge": payload.get("challenge")})
            return None

        add_slack_push(slack_webhook, self)  # advisor messages (bot/channels/registry.py)
        return slack_webhook


# -- Microsoft Teams (Bot Framework) -----------------------------------------------------------
class BotFrameworkOutput(rasa_botframework.BotFramework):
    """Rasa's Bot Framework output channel, with non-blocking HTTP calls and timeouts."""

    async def _get_headers(self) -> Optional[Dict[Text, Any]]:
        cls = rasa_botframework.BotFramework
        if cls.headers and cls.token_expiration_date > datetime.datetime.now():
            return cls.headers
        uri = f"{settings.botframework_oauth_url()}/{rasa_botframework.MICROSOFT_OAUTH2_PATH}"
        payload = {"client_id": self.app_id, "client_secret": self.app_password,
                   "grant_type": "client_credentials",
                   "scope": "https://api.botframework.com/.default"}
        try:
            async with aiohttp.ClientSession(
                    timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S)) as session:
                async with session.post(uri, data=payload) as reply:
                    if reply.status != 200:
                        logger.error("Could not get a Bot Framework token (HTTP %s)", reply.status)
                        return None
                    token = await reply.json()
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            logger.error("Could not get a Bot Framework token: %s", type(error).__name__)
            return None
        cls.token_expiration_date = (datetime.datetime.now()
                                     + datetime.timedelta(seconds=int(token["expires_in"]) - 60))
        cls.headers = {"content-type": "application/json",
                       "Authorization": f"Bearer {token['access_token']}"}
        return cls.headers

    async def send(self, message_data: Dict[Text, Any]) -> bool:
        uri = f"{self.global_uri}conversations/{self.conversation['id']}/activities"
        headers = await self._get_headers()
        if headers is None:
            return False
        try:
            async with aiohttp.ClientSession(
                    timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S)) as session:
                async with session.post(uri, headers=headers,
                                        data=json.dumps(message_data)) as reply:
                    if reply.status >= 300:
                        logger.error("Bot Framework refused a message (HTTP %s)", reply.status)
                        return False
                    return True
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            logger.error("Could not send a Bot Framework message: %s", type(error).__name__)
            return False

    async def send_checked(self, recipient_id: Text, text: Text) -> bool:
        """Send a text (an advisor push); False when Bot Framework did not take all of it."""
        for part in text.strip().split("\n\n"):
            if not await self.send(self.prepare_message(recipient_id, {"text": part})):
                return False
        return True


class BotFrameworkInput(rasa_botframework.BotFrameworkInput):
    """Rasa's Bot Framework connector (name ``botframework``), used for Microsoft Teams."""

    def __init__(self, app_id: Text, app_password: Text) -> None:
        # Rasa's __init__ downloads the keys here, blocking and without timeout: not called.
        self.app_id = app_id or ""
        self.app_password = app_password or ""
        self.jwt_keys: Dict[Text, Any] = {}
        self.jwt_update_time = datetime.datetime.fromtimestamp(0)
        self.employer = employer_from_env("TEAMS_EMPLOYER")
        if not self.configured:
            logger.warning("Microsoft Teams is not configured (BOTFRAMEWORK_APP_ID / "
                           "BOTFRAMEWORK_APP_PASSWORD empty): every request to "
                           "/webhooks/botframework/webhook is refused")

    @property
    def configured(self) -> bool:
        return bool(self.app_id and self.app_password)

    def _update_cached_jwk_keys(self) -> None:
        conf = requests.get(rasa_botframework.MICROSOFT_OPEN_ID_URI, timeout=HTTP_TIMEOUT_S)
        conf.raise_for_status()
        keys = requests.get(conf.json()["jwks_uri"], timeout=HTTP_TIMEOUT_S)
        keys.raise_for_status()
        self.jwt_keys = {key["kid"]: key for key in keys.json()["keys"]}
        self.jwt_update_time = datetime.datetime.now()

    async def _refresh_keys(self) -> None:
        if datetime.datetime.now() - self.jwt_update_time <= datetime.timedelta(days=1):
            return
        try:
            await asyncio.get_running_loop().run_in_executor(None, self._update_cached_jwk_keys)
        except (requests.RequestException, ValueError, KeyError) as error:
            logger.warning("Could not update the Bot Framework signing keys: %s",
                           type(error).__name__)

    def _validate_jwt_token(self, jwt_token: Text) -> None:
        header = jwt.get_unverified_header(jwt_token)
        key = self.jwt_keys.get(header.get("kid"))
        if key is None:
            raise jwt.InvalidKeyError("unknown signing key")
        jwt.decode(jwt_token, key=RSAAlgorithm.from_jwk(key), audience=self.app_id,
                   issuer=BOTFRAMEWORK_ISSUER, algorithms=["RS256"])

    def _validate_auth(self, auth_header: Optional[Text]) -> Optional[HTTPResponse]:
        if not self.configured:
            return _unauthorized("Microsoft Teams is not configured on this server")
        match = rasa_botframework.BEARER_REGEX.match(auth_header or "")
        if not match:
            return _unauthorized("Authorization: Bearer <Bot Framework token> required")
        try:
            self._validate_jwt_token(match.group(1))
        except (jwt.PyJWTError, ValueError) as error:
            logger.warning("Bot Framework token refused: %s", type(error).__name__)
            return _unauthorized("the Bot Framework token could not be verified")
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        from bot.channels.http_safety import SafeBlueprint
        from bot.channels.turns import guarded

        on_new_message = guarded(on_new_message, self.name())
        botframework_webhook = SafeBlueprint("botframework_webhook", __name__)

        @botframework_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @botframework_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if self.configured:
                await self._refresh_keys()
            refused = self._validate_auth(request.headers.get("Authorization"))
            if refused:
                return refused
            try:
                postdata = json.loads(request.body or b"null")
            except ValueError:
                return response.json({"error": "malformed_json"}, status=400)
            if not isinstance(postdata, dict):
                return response.json({"error": "malformed_json"}, status=400)
            metadata = _with_employer(
                self.add_attachments_to_metadata(postdata, self.get_metadata(request)),
                self.employer)
            if postdata.get("type") != "message":
                return response.text("success")
            if isinstance(metadata, dict) or metadata is None:
                # where an advisor's later message must go (bot/channels/api_push.py)
                metadata = dict(metadata or {})
                metadata["botframework"] = {"conversation": postdata.get("conversation"),
                                            "recipient": postdata.get("recipient"),
                                            "service_url": postdata.get("serviceUrl")}
            try:
                output = BotFrameworkOutput(self.app_id, self.app_password,
                                            postdata["conversation"], postdata["recipient"],
                                            postdata["serviceUrl"])
                await on_new_message(UserMessage(
                    text=postdata.get("text", ""), output_channel=output,
                    sender_id=postdata["from"]["id"], input_channel=self.name(),
                    metadata=metadata))
            except KeyError as error:
                return response.json({"error": "invalid_activity",
                                      "message": f"missing field {error}"}, status=400)
            except Exception:  # noqa: BLE001 - answer Teams, log the failure
                logger.exception("Bot Framework message could not be handled")
            return response.text("success")

        add_botframework_push(botframework_webhook, self, BotFrameworkOutput)
        return botframework_webhook
