"""The console does not hang when the Rasa server is down: a clear French error, quickly."""
from __future__ import annotations

import asyncio

import pytest

from bot.console import rasa_client
from tests.servers import free_port


def test_push_and_events_fail_with_a_french_message_when_rasa_is_down(monkeypatch):
    monkeypatch.setenv("RASA_URL", f"http://127.0.0.1:{free_port()}")  # nothing listens there
    monkeypatch.setenv("RASA_TOKEN", "t")
    with pytest.raises(rasa_client.RasaUnavailable, match="ne répond pas"):
        asyncio.run(rasa_client.push("rest", "someone", [{"text": "bonjour"}]))
    with pytest.raises(rasa_client.RasaUnavailable, match="rien n'a été transmis"):
        asyncio.run(rasa_client.append_events("someone", [{"event": "resume"}]))


def test_an_unknown_channel_is_explained(stack, monkeypatch):
    monkeypatch.setenv("RASA_URL", stack.rasa_url)
    monkeypatch.setenv("RASA_TOKEN", stack.rasa_token)
    with pytest.raises(rasa_client.RasaUnavailable, match="Ce canal ne permet pas"):
        asyncio.run(rasa_client.push("cmdline", "someone", [{"text": "bonjour"}]))
