"""Rasa 3.6 checks every action server response against its JSON schema with
``jsonschema.validate``, which first re-checks the *schema itself* on every call: about 130 ms
per custom action call on this busy machine (5 ms with a validator built once). This module
replaces ``RemoteAction._validate_action_result`` with the same check against the same schema,
raising the same ``ValidationError`` with the same message, its validator built once.

Installed when imported: bot/storage/tracker_store.py imports it (endpoints.yml makes every
Rasa server load that module at start). Issue 14 (cost per turn).
"""
from __future__ import annotations

from typing import Any, Dict, Text

import jsonschema
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_validator = None


def _schema_validator() -> Any:
    global _validator
    if _validator is None:
        schema = RemoteAction.action_response_format_spec()
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)  # once, as jsonschema.validate does on every call
        _validator = cls(schema)
    return _validator


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    try:
        error = jsonschema.exceptions.best_match(_schema_validator().iter_errors(result))
    except jsonschema.ValidationError as raised:  # pragma: no cover - as validate() would
        error = raised
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


RemoteAction._validate_action_result = _validate_action_result
