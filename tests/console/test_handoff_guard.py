"""Only a request for a person opens a ticket: an off-topic message misread as one does not."""
from pathlib import Path

import pytest
import yaml

from actions.handoff import asks_for_a_person
from tests.servers import ROOT


def training_examples(intent: str) -> list[str]:
    examples = []
    for path in sorted(Path(ROOT, "data").glob("*.yml")):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []) or []:
            if block.get("intent") == intent:
                examples += [line[2:].strip() for line in block["examples"].splitlines()
                             if line.strip().startswith("- ")]
    return examples


def test_every_advisor_request_of_the_training_data_is_recognised():
    examples = training_examples("demander_conseiller")
    assert len(examples) > 10
    assert [e for e in examples if not asks_for_a_person(e)] == []


@pytest.mark.parametrize("text", ["/demander_conseiller", "Je voudrais parler à un conseiller",
                                  "un humain svp", "Vous pouvez me rappeler ?"])
def test_requests_for_a_person(text):
    assert asks_for_a_person(text)


@pytest.mark.parametrize("text", ["je veux commander une pizza", "je veux commander un uber",
                                  "c'est combien une playstation", "mon pc est tout lent"])
def test_off_topic_messages_are_not_requests_for_a_person(text):
    assert not asks_for_a_person(text)


def test_off_topic_message_opens_no_ticket(stack):
    sender = "guard-pizza"
    replies = stack.say(sender, "je veux commander une pizza")
    assert not any((m.get("custom") or {}).get("type") == "handoff" for m in replies)
    events = stack.tracker(sender)["events"]
    assert not any(e["event"] == "pause" for e in events)
