"""The channel registry names every channel the Rasa server opens, and the console shows its
labels (no server needed)."""
from __future__ import annotations

import yaml

from bot.channels import registry
from tests.servers import ROOT


def test_every_channel_of_credentials_yml_is_registered_and_nothing_else():
    opened = set(yaml.safe_load((ROOT / "credentials.yml").read_text())) - set(registry.ROUTES_ONLY)
    assert opened == {channel.input_class for channel in registry.CHANNELS}


def test_every_registered_channel_names_its_push_route_and_how_it_reaches_the_user():
    for channel in registry.CHANNELS:
        assert channel.push_path == f"/webhooks/{channel.name}/advisor_push"
        assert channel.push_description and channel.label


def test_the_console_shows_a_french_label_and_an_unknown_channel_as_it_is():
    assert registry.label("botframework") == "Microsoft Teams"
    assert registry.label("socketio") == "Widget web (socket.io)"
    assert registry.label("autre") == "autre" and registry.label(None) == "inconnu"
    assert registry.choices()[0] == ("", "tous")
