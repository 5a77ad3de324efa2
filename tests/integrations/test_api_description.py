"""docs/integration-api.yaml describes what the running HR channel really sends and accepts."""
from __future__ import annotations

import copy

import jsonschema
import pytest
import yaml

from tests.integrations.conftest import SECRETS
from tests.integrations.test_hr_conversation import FIRST
from tests.servers import ROOT

API = yaml.safe_load((ROOT / "docs" / "integration-api.yaml").read_text(encoding="utf-8"))


def as_json_schema(node):
    """OpenAPI 3.0 schema → JSON Schema (nullable becomes a null type; discriminator dropped)."""
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: as_json_schema(value) for key, value in node.items() if key != "discriminator"}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
        elif "oneOf" in node or "$ref" in node:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


DOCUMENT = as_json_schema(copy.deepcopy(API))


def validate(instance, name: str) -> None:
    resolver = jsonschema.RefResolver.from_schema(DOCUMENT)
    jsonschema.validate(instance, DOCUMENT["components"]["schemas"][name], resolver=resolver)


def test_the_documented_examples_follow_the_documented_schemas():
    webhook = API["paths"]["/webhooks/hr/webhook"]["post"]
    validate(webhook["requestBody"]["content"]["application/json"]["example"], "InboundMessage")
    validate(DOCUMENT["components"]["schemas"]["Callback"]["example"], "Callback")
    assert {"202", "400", "401", "413"} <= set(webhook["responses"])
    assert "404" not in webhook["responses"]  # an unknown integration gets the 401 of a bad signature
    with pytest.raises(jsonschema.ValidationError):
        validate({"integration": "demo", "message_id": "1", "sender": "s", "message": "m",
                  "priority": 1}, "InboundMessage")


def test_real_callbacks_and_errors_follow_the_description(hr):
    sender = hr.new_sender("api")
    for text in ("Bonjour", FIRST):
        message_id = hr.send("acme", sender, text)
        delivery = hr.reply("acme", message_id)
        validate(delivery, "Callback")
    assert any(m.get("custom", {}).get("type") == "ask" for m in delivery["messages"])
    status, error = hr.post({"integration": "acme", "sender": sender}, SECRETS["acme"])
    assert status == 400
    validate(error, "Error")
    status, error = hr.post({"integration": "acme", "message_id": "x", "sender": sender,
                             "message": "Bonjour"}, SECRETS["beta"])
    assert status == 401
    validate(error, "Error")
