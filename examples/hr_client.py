#!/usr/bin/env python3
"""Example HR system for the assistant's signed webhook (Python standard library only).

It signs and sends the employee's messages to ``POST /webhooks/hr/webhook``, and runs a small
HTTP server that receives the assistant's replies on the integration's ``callback_url``,
checking their signature. With ``make run`` and the ``demo`` integration of integrations.yml:

    python3 examples/hr_client.py                       # interactive: type, read the replies
    python3 examples/hr_client.py -m "Bonjour" -m "Je suis apprenti et je cherche un logement"
    python3 examples/hr_client.py --unsigned -m "Bonjour"   # shows the refusal (401)

Type ``#2`` to click the second button of the last reply; an empty line or Ctrl-D quits.
Exit status: 0 when every message was accepted and answered by a correctly signed callback,
1 when the assistant refused a request, 2 when a reply was missing or badly signed.
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import queue
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEMO_SECRET = "demo-secret-not-a-real-secret-change-me"  # the public demo of integrations.yml
MAX_SKEW_S = 300


def sign(secret: str, body: bytes, timestamp: int | None = None) -> dict:
    """The X-Timestamp and X-Signature headers: HMAC-SHA256 of "<timestamp>.<raw body>"."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return {"X-Timestamp": str(timestamp), "X-Signature": "sha256=" + digest.hexdigest()}


def verify(secret: str, headers, body: bytes) -> str | None:
    """None when the callback is correctly signed and recent, else why not."""
    timestamp, signature = headers.get("X-Timestamp"), headers.get("X-Signature")
    if not timestamp or not signature:
        return "en-têtes X-Timestamp / X-Signature absents"
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_SKEW_S:
        return "horodatage absent ou trop ancien"
    expected = sign(secret, body, int(timestamp))["X-Signature"]
    if not hmac.compare_digest(expected, signature):
        return "signature invalide"
    return None


class CallbackServer:
    """Receives the assistant's callbacks; keeps the correctly signed ones in a queue."""

    def __init__(self, host: str, port: int, secret: str):
        self.deliveries: "queue.Queue[dict]" = queue.Queue()
        self.bad_signatures = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                problem = verify(secret, self.headers, body)
                if problem is None:
                    try:
                        server.deliveries.put(json.loads(body))
                    except ValueError:
                        problem = "corps JSON invalide"
                if problem:
                    server.bad_signatures += 1
                    print(f"!! rappel refusé : {problem}", file=sys.stderr, flush=True)
                self.send_response(401 if problem else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def post(url: str, body: bytes, headers: dict) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def show(messages: list, as_json: bool) -> list:
    """Print the assistant's messages; return the buttons of the last one that had any."""
    buttons: list = []
    has_buttons = any(message.get("buttons") for message in messages)
    for message in messages:
        if as_json:
            print(json.dumps(message, ensure_ascii=False), flush=True)
        custom = message.get("custom") or {}
        if message.get("text") and not as_json:
            print(f"assistant> {message['text']}")
        if message.get("buttons"):
            buttons = message["buttons"]
            if not as_json:
                for number, button in enumerate(buttons, start=1):
                    print(f"   #{number} {button.get('title')}")
        if as_json or not custom:
            continue
        kind = custom.get("type")
        if kind == "ask" and not has_buttons and custom.get("choices"):
            buttons = [{"title": c["label"], "payload": c["label"]} for c in custom["choices"]]
            for number, choice in enumerate(custom["choices"], start=1):
                print(f"   #{number} {choice['label']}")
        elif kind == "aid_results":
            for result in custom.get("results", []):
                if result.get("status") in ("eligible", "to_confirm", "need_info"):
                    amount = (result.get("amount") or {}).get("text", "")
                    print(f"   - {result.get('name')} : {result.get('status')} {amount}".rstrip())
        elif kind in ("handoff", "advisor_message") and not message.get("text"):
            print(f"assistant> {custom.get('message') or custom.get('text')}")
    sys.stdout.flush()
    return buttons


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get(
        "HR_WEBHOOK_URL", f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}"
                          "/webhooks/hr/webhook"))
    parser.add_argument("--integration", default=os.environ.get("HR_INTEGRATION", "demo"))
    parser.add_argument("--secret", default=os.environ.get("HR_SECRET", DEMO_SECRET),
                        help="the integration's secret (default: $HR_SECRET, else the demo one)")
    parser.add_argument("--listen", default="127.0.0.1:8765",
                        help="host:port of the callback server (the integration's callback_url)")
    parser.add_argument("--sender", default=f"salarie-{uuid.uuid4().hex[:8]}",
                        help="the employee's conversation id in your HR system")
    parser.add_argument("-m", "--message", action="append",
                        help="a message to send (repeat); without it, read from the keyboard")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for a reply")
    parser.add_argument("--unsigned", action="store_true",
                        help="send without signature, to see the assistant refuse it")
    parser.add_argument("--json", action="store_true", help="print the raw messages as JSON")
    args = parser.parse_args()

    host, _, port = args.listen.rpartition(":")
    callbacks = CallbackServer(host or "127.0.0.1", int(port), args.secret)
    print(f"Rappels attendus sur http://{host}:{port}/callback ; conversation {args.sender}",
          flush=True)
    scripted = list(args.message) if args.message else None
    buttons: list = []
    status_code = 0
    try:
        while True:
            if scripted is not None:
                if not scripted:
                    break
                text = scripted.pop(0)
                print(f"vous> {text}", flush=True)
            else:
                try:
                    text = input("vous> ").strip()
                except EOFError:
                    break
                if not text:
                    break
            if text.startswith("#") and text[1:].isdigit() and 0 < int(text[1:]) <= len(buttons):
                text = buttons[int(text[1:]) - 1].get("payload") or text
            message_id = uuid.uuid4().hex
            body = json.dumps({"integration": args.integration, "message_id": message_id,
                               "sender": args.sender, "message": text},
                              ensure_ascii=False).encode()
            headers = {} if args.unsigned else sign(args.secret, body)
            status, answer = post(args.url, body, headers)
            if status != 202:
                print(f"!! refusé : HTTP {status} {answer}", file=sys.stderr, flush=True)
                status_code = 1
                continue
            deadline = time.monotonic() + args.timeout
            while True:
                try:
                    delivery = callbacks.deliveries.get(
                        timeout=max(0.1, deadline - time.monotonic()))
                except queue.Empty:
                    print(f"!! pas de réponse en {args.timeout:g} s", file=sys.stderr, flush=True)
                    status_code = 2
                    break
                found = show(delivery.get("messages", []), args.json)
                buttons = found
                if delivery.get("in_reply_to") == message_id:
                    break
    except KeyboardInterrupt:
        pass
    finally:
        callbacks.close()
    if callbacks.bad_signatures:
        status_code = 2
    return status_code


if __name__ == "__main__":
    sys.exit(main())
