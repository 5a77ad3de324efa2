"""Validation of the integrations file: every problem named with its entry and field."""
from __future__ import annotations

import pytest
import yaml

from bot.channels.integrations import IntegrationsError, load_integrations, parse_integrations
from tests.servers import ROOT

GOOD = {"id": "acme", "secret": "s" * 20, "callback_url": "https://rh.acme.example/cb",
        "employer": {"sector": "prive_non_agricole", "size": 250, "contributes": True}}


def problems(data, environ=None) -> str:
    with pytest.raises(IntegrationsError) as error:
        parse_integrations(data, "integrations.yml", environ or {})
    return str(error.value)


def test_a_valid_entry_gives_the_integration_and_its_employer_context():
    [integration] = parse_integrations([GOOD], environ={}).values()
    assert integration.id == "acme"
    assert integration.callback_url == "https://rh.acme.example/cb"
    assert integration.employer.as_metadata() == {
        "sector": "prive_non_agricole", "size": 250, "contributes": True}
    assert "s" * 20 not in repr(integration)  # secrets never reach logs through repr


def test_secret_and_callback_may_come_from_the_environment():
    entry = {**GOOD, "secret": "${HR_ACME_SECRET}", "callback_url": "${HR_ACME_CALLBACK}"}
    environ = {"HR_ACME_SECRET": "x" * 32, "HR_ACME_CALLBACK": "http://127.0.0.1:9/cb"}
    integration = parse_integrations([entry], environ=environ)["acme"]
    assert integration.secret == "x" * 32
    assert integration.callback_url == "http://127.0.0.1:9/cb"


def test_an_unset_environment_variable_is_named():
    message = problems([{**GOOD, "secret": "${HR_ACME_SECRET}"}])
    assert "entry 1 (id 'acme').secret: environment variable HR_ACME_SECRET is not set" in message


@pytest.mark.parametrize("change, expected", [
    ({"id": "Acme Corp"}, "entry 1 (id 'Acme Corp').id: use 1 to 64 lower-case"),
    ({"secret": "short"}, "entry 1 (id 'acme').secret: too short"),
    ({"callback_url": "ftp://x"}, "entry 1 (id 'acme').callback_url: 'ftp://x' is not an http"),
    ({"employer": {"sector": "prive", "size": 3, "contributes": True}},
     "entry 1 (id 'acme').employer.sector: 'prive' is not one of prive_non_agricole"),
    ({"employer": {"sector": "public", "size": "big", "contributes": True}},
     "entry 1 (id 'acme').employer.size: must be a whole number"),
    ({"employer": {"sector": "public", "size": True, "contributes": True}},
     "entry 1 (id 'acme').employer.size: must be a whole number"),
    ({"employer": {"sector": "public", "size": 3, "contributes": "oui"}},
     "entry 1 (id 'acme').employer.contributes: must be true or false"),
    ({"employer": {"sector": "public", "siren": "123"}},
     "entry 1 (id 'acme').employer: unknown field(s) siren"),
    ({"token": "x"}, "entry 1 (id 'acme'): unknown field(s) token"),
])
def test_each_bad_field_is_named(change, expected):
    assert expected in problems([{**GOOD, **change}])


def test_missing_fields_and_duplicate_ids_are_named_and_all_reported_at_once():
    second = {k: v for k, v in GOOD.items() if k != "callback_url"}
    message = problems([GOOD, {**GOOD}, second, "acme"])
    assert "entry 2 (id 'acme').id: duplicate id 'acme'" in message
    assert "entry 3 (id 'acme'): missing field callback_url" in message
    assert "entry 4: must be a mapping" in message
    assert "entry 3 (id 'acme').id: duplicate id" in message
    assert "4 problems" in message


def test_the_file_must_be_a_list():
    assert "must be a list of integrations" in problems({"acme": GOOD})


def test_an_empty_or_missing_file_declares_no_integration(tmp_path):
    assert load_integrations(tmp_path / "absent.yml") == {}
    empty = tmp_path / "empty.yml"
    empty.write_text("# nothing yet\n")
    assert load_integrations(empty) == {}


def test_invalid_yaml_is_reported_with_the_file_name(tmp_path):
    path = tmp_path / "integrations.yml"
    path.write_text("- id: acme\n  secret: [unclosed\n")
    with pytest.raises(IntegrationsError, match="integrations.yml: not valid YAML"):
        load_integrations(path)


def test_integrations_file_env_overrides_the_default(tmp_path, monkeypatch):
    path = tmp_path / "other.yml"
    path.write_text(yaml.safe_dump([{**GOOD, "id": "other"}]))
    monkeypatch.setenv("INTEGRATIONS_FILE", str(path))
    assert list(load_integrations()) == ["other"]


def test_the_committed_example_file_is_valid_and_calls_back_to_localhost():
    integrations = load_integrations(ROOT / "integrations.yml", environ={})
    assert list(integrations) == ["demo"]
    assert integrations["demo"].callback_url.startswith("http://127.0.0.1:")
