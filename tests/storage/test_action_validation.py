"""The action server's answers are still checked against Rasa's schema once the check is built
only once (bot/rasa_action_validation.py, installed by the tracker store module)."""
from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import bot.storage.tracker_store  # noqa: F401  (installs the check, as in the Rasa server)


def test_a_well_formed_answer_of_the_action_server_is_accepted():
    answer = {"events": [{"event": "slot", "name": "profile", "value": {"age": 19}}],
              "responses": [{"text": "C'est noté.", "buttons": [], "custom": {"type": "ask"}}]}
    assert RemoteAction("action_process_turn", None)._validate_action_result(answer) is True


def test_a_malformed_answer_is_refused_with_rasas_message():
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        RemoteAction("action_process_turn", None)._validate_action_result(
            {"events": [{"name": "profile"}], "responses": []})
