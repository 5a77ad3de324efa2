"""Playing French conversations over the REST channel of the real running stack."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Optional

DONT_KNOW = "je ne sais pas"
MAX_TURNS = 25


def new_sender(prefix: str = "conv") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def texts(messages: list) -> str:
    return "\n".join(m.get("text", "") for m in messages if m.get("text"))


def customs(messages: list, kind: Optional[str] = None) -> list:
    found = [m["custom"] for m in messages if isinstance(m.get("custom"), dict)]
    return [c for c in found if kind is None or c.get("type") == kind]


def last_ask(messages: list) -> Optional[dict]:
    asks = customs(messages, "ask")
    return asks[-1] if asks else None


def verdict(messages: list) -> Optional[dict]:
    results = customs(messages, "aid_results")
    return results[-1] if results else None


def statuses(result: dict) -> dict:
    return {r["id"]: r["status"] for r in result["results"]}


@dataclass
class Conversation:
    """One user talking to the assistant; keeps every answer for the failure messages."""
    stack: object
    sender: str = field(default_factory=new_sender)
    transcript: list = field(default_factory=list)
    user_messages: int = 0

    def say(self, text: str, metadata: Optional[dict] = None) -> list:
        answer = self.stack.say(self.sender, text, metadata=metadata)
        self.user_messages += 1
        self.transcript.append(f"> {text}")
        self.transcript.extend(f"< {m.get('text') or m.get('custom')}" for m in answer)
        return answer

    def slots(self) -> dict:
        return self.stack.tracker(self.sender)["slots"]

    def show(self) -> str:
        return "\n".join(self.transcript)


def until_verdict(conv: Conversation, reply: list, answers: dict, metadata: Optional[dict] = None,
                  asked: Optional[list] = None) -> tuple:
    """Answer each `ask` question in free text until the verdict; returns (reply, aid_results)."""
    asked = [] if asked is None else asked
    while verdict(reply) is None:
        ask = last_ask(reply)
        assert ask is not None, f"neither a question nor a verdict:\n{conv.show()}"
        asked.append(ask["field"])
        assert len(asked) <= MAX_TURNS, f"too many questions {asked}:\n{conv.show()}"
        reply = conv.say(answers.get(ask["field"], DONT_KNOW), metadata=metadata)
    return reply, verdict(reply)


def play(stack, first_message: str, answers: dict, metadata: Optional[dict] = None, asked: Optional[list] = None):
    """The persona writes ``first_message``, then answers each `ask` question in free text
    (``answers[field]``, else "je ne sais pas") until the verdict. Returns
    (conversation, aid_results, number of user messages before the verdict)."""
    conv = Conversation(stack)
    reply = conv.say(first_message, metadata=metadata)
    _, result = until_verdict(conv, reply, answers, metadata, asked)
    return conv, result, conv.user_messages
