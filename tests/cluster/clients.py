"""Clients that talk to the cluster through its balancer like the real ones: a REST caller that
tries again on a 5xx or a dropped connection, and a widget-like socket.io client (keeps the
balancer's cookie, asks for its session again on every (re)connection, as widget/src does)."""
from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from typing import Optional

import aiohttp
import socketio
from yarl import URL

TURNS = ["Bonjour", "Je suis apprentie", "J'ai 20 ans", "Je travaille dans une entreprise privée",
         "Je cherche un logement à Rennes", "Mon loyer sera de 450 euros",
         "Quelles aides existent pour moi ?", "Et pour le dépôt de garantie ?",
         "Merci pour ces informations", "Au revoir"]


def turns(tag: str, count: int = 10) -> list:
    """Ten turns, each told apart by a number (to check that every one is stored once, in order)."""
    return [f"{TURNS[i % len(TURNS)]} ({tag} {i + 1})" for i in range(count)]


@dataclass
class Outcome:
    sender: str
    sent: list = field(default_factory=list)
    answered: list = field(default_factory=list)   # one entry per turn: number of bot messages
    errors: list = field(default_factory=list)


async def rest_conversation(base: str, sender: str, messages: list, tries: int = 6,
                            progress: Optional[list] = None) -> Outcome:
    outcome = Outcome(sender)
    timeout = aiohttp.ClientTimeout(total=150)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for text in messages:
            outcome.sent.append(text)
            answer = None
            for attempt in range(tries):
                try:
                    async with session.post(f"{base}/webhooks/rest/webhook",
                                            json={"sender": sender, "message": text}) as reply:
                        if reply.status == 200:
                            answer = await reply.json()
                            break
                        outcome.errors.append(f"{text}: HTTP {reply.status}")
                except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                    outcome.errors.append(f"{text}: {type(error).__name__}")
                await asyncio.sleep(2 + 2 * attempt)
            outcome.answered.append(len(answer) if isinstance(answer, list) else 0)
            if progress is not None:
                progress.append(1)
    return outcome


class Widget:
    """A socket.io client behaving like the chat widget."""

    def __init__(self, base: str, label: str = "", replica: Optional[str] = None) -> None:
        # the server issues the conversation id and its signature (session_confirm); the
        # widget keeps both and sends them again on every reconnection
        self.base, self.label, self.replica = base, label, replica
        self.session_id: Optional[str] = None
        self.token: Optional[str] = None
        self.received: list = []
        self.confirmed = asyncio.Event()
        self.connections = 0
        self._arrived = asyncio.Event()

    async def open(self) -> None:
        jar = aiohttp.CookieJar(unsafe=True)  # the balancer's cookie on 127.0.0.1
        if self.replica:
            jar.update_cookies({"RASASRV": self.replica}, URL(self.base + "/"))
        self.http = aiohttp.ClientSession(cookie_jar=jar)
        self.sio = socketio.AsyncClient(http_session=self.http, reconnection_delay=0.5,
                                        reconnection_delay_max=3)

        @self.sio.event
        async def connect() -> None:
            self.connections += 1
            self.confirmed.clear()
            request = {"session_id": self.session_id, "token": self.token} \
                if self.session_id else {}
            await self.sio.emit("session_request", request)

        @self.sio.on("session_confirm")
        async def confirm(data) -> None:
            if isinstance(data, dict):
                self.session_id, self.token = data.get("session_id"), data.get("token")
            self.confirmed.set()

        @self.sio.on("bot_uttered")
        async def bot(data) -> None:
            self.received.append(data)
            self._arrived.set()

        await self.sio.connect(self.base, transports=["polling", "websocket"], wait_timeout=60)
        await asyncio.wait_for(self.confirmed.wait(), 60)

    def server_cookie(self) -> Optional[str]:
        for cookie in self.http.cookie_jar:
            if cookie.key == "RASASRV":
                return cookie.value
        return None

    async def wait_for(self, predicate, timeout: float = 60) -> dict:
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for message in self.received:
                if predicate(message):
                    return message
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(f"nothing matching within {timeout} s; got {self.received}")
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), min(remaining, 1))
            except asyncio.TimeoutError:
                pass

    async def turn(self, text: str, timeout: float = 150, settle: float = 1.5) -> int:
        """Send a message; the number of bot messages that came back before a quiet pause."""
        await asyncio.wait_for(self.confirmed.wait(), timeout)
        before = len(self.received)
        await self.sio.emit("user_uttered", {"session_id": self.session_id, "message": text})
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.received) == before and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.1)
        count = len(self.received)
        while True:
            await asyncio.sleep(settle)
            if len(self.received) == count:
                break
            count = len(self.received)
        return count - before

    async def close(self) -> None:
        try:
            await self.sio.disconnect()
        finally:
            await self.http.close()


async def widget_conversation(base: str, tag: str, count: int = 10) -> Outcome:
    widget = Widget(base, tag)
    await widget.open()
    outcome = Outcome(widget.session_id)
    messages = turns(tag, count)
    try:
        for text in messages:
            outcome.sent.append(text)
            outcome.answered.append(await widget.turn(text))
    finally:
        await widget.close()
    return outcome


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)
