"""Privacy through the HR integration (issue 13), on the real stack: personal data sent over
the signed HR webhook is stored masked; the signed HR privacy API exports an employee's
conversation and erases it, leaving nothing of that person."""
from __future__ import annotations

import json

import sqlalchemy as sa

from bot.channels import signing
from tests.integrations.conftest import SECRETS, raw_post
from tests.privacy.conftest import found_in_database

PHONE, EMAIL, IBAN = "06 59 48 37 26", "karim.haddad@exemple.fr", "FR76 3000 6000 0112 3456 7890 189"
NIR, ADDRESS, NAME = "1 85 05 78 006 084 36", "8 allée des Tilleuls", "Karim Haddad"
SECRETS_TYPED = [PHONE, "0659483726", EMAIL, IBAN, "FR7630006000", NIR, ADDRESS, "Tilleuls",
                 NAME, "Haddad"]
MESSAGES = [
    "je suis alternant, j'ai 22 ans, je gagne 1 450 € brut, je commence le 01/09/2026",
    f"bonjour, je m'appelle {NAME}",
    f"mon portable : {PHONE}, mon mail {EMAIL}",
    f"j'habite {ADDRESS} à Vitré, IBAN {IBAN}, sécu {NIR}",
]


def _signed(hr, path: str, body: dict, secret: str):
    data = json.dumps(body).encode()
    return raw_post(f"{hr.stack.rasa_url}/webhooks/privacy/hr/{path}", data,
                    signing.sign(secret, data))


def _conversation(hr) -> str:
    sender = hr.new_sender("privacy")
    for text in MESSAGES:
        hr.say("acme", sender, text)  # waits for the signed callback: the turn is stored
    return sender


def test_personal_data_sent_by_the_hr_webhook_is_stored_masked(hr):
    sender = _conversation(hr)
    assert found_in_database(hr.stack.database_url, SECRETS_TYPED) == []
    texts = [e["text"] for e in hr.stack.tracker(f"hr:acme:{sender}")["events"]
             if e.get("event") == "user"]
    assert texts[0] == MESSAGES[0]  # age, salary and date stay readable
    assert texts[3] == "j'habite [adresse] à Vitré, IBAN [IBAN], sécu [n° de sécurité sociale]"


def test_the_hr_api_exports_then_erases_an_employee_conversation(hr):
    sender = _conversation(hr)
    status, data = _signed(hr, "export", {"integration": "acme", "sender": sender},
                           SECRETS["acme"])
    assert status == 200 and data["conversation_id"] == f"hr:acme:{sender}"
    assert [m["text"] for m in data["messages"] if m["from"] == "vous"][0] == MESSAGES[0]
    assert data["profile"].get("age") == 22

    status, answer = _signed(hr, "erase", {"integration": "acme", "sender": sender},
                             SECRETS["acme"])
    assert status == 200 and answer["erased"] is True and answer["events"] > 0
    assert found_in_database(hr.stack.database_url, [sender]) == []
    status, _ = _signed(hr, "export", {"integration": "acme", "sender": sender}, SECRETS["acme"])
    assert status == 404
    with sa.create_engine(hr.stack.database_url).connect() as connection:
        logged = connection.execute(sa.text(
            "select detail from console_audit_log where action = 'erase'")).fetchall()
    assert any("intégration RH acme" in d for (d,) in logged)


def test_the_hr_privacy_api_refuses_a_bad_signature_or_another_integration(hr):
    sender = _conversation(hr)
    body = {"integration": "acme", "sender": sender}
    assert _signed(hr, "erase", body, "not-the-secret")[0] == 401
    assert _signed(hr, "export", {"integration": "beta", "sender": sender},
                   SECRETS["beta"])[0] == 404  # beta cannot read acme's employee
    assert _signed(hr, "erase", {**body, "extra": 1}, SECRETS["acme"])[0] == 400
    status, _ = raw_post(f"{hr.stack.rasa_url}/webhooks/privacy/hr/export",
                         json.dumps(body).encode())
    assert status == 401
    with sa.create_engine(hr.stack.database_url).connect() as connection:
        left = connection.execute(sa.text("select count(*) from events where sender_id = :s"),
                                  {"s": f"hr:acme:{sender}"}).scalar()
    assert left > 0
