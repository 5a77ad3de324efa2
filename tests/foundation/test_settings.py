"""Settings and model fingerprint: pure unit tests."""
import pytest

from bot import settings
from bot.tools import model


def test_defaults_follow_the_contract(monkeypatch, tmp_path):
    for name in ("RASA_PORT", "ACTIONS_PORT", "WEB_PORT", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(settings, "VAR_DIR", tmp_path)
    assert (settings.port("RASA_PORT"), settings.port("ACTIONS_PORT"),
            settings.port("WEB_PORT")) == (5005, 5055, 8000)
    assert settings.database_url() == f"sqlite:///{tmp_path / 'assistant.db'}"


def test_environment_overrides(monkeypatch):
    monkeypatch.setenv("RASA_PORT", "6005")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@127.0.0.1/test")
    assert settings.port("RASA_PORT") == 6005
    assert settings.database_url() == "postgresql://u@127.0.0.1/test"


@pytest.mark.parametrize("value", ["abc", "0", "70000"])
def test_bad_port_is_a_clear_error(monkeypatch, value):
    monkeypatch.setenv("WEB_PORT", value)
    with pytest.raises(SystemExit, match="WEB_PORT"):
        settings.port("WEB_PORT")


def test_secrets_are_generated_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("RASA_TOKEN", raising=False)
    monkeypatch.setattr(settings, "VAR_DIR", tmp_path)
    first = settings.rasa_token()
    assert len(first) > 30 and settings.rasa_token() == first


def test_model_fingerprint_changes_with_training_data(monkeypatch, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "config.yml").write_text("language: fr\n")
    (tmp_path / "domain.yml").write_text("intents: [saluer]\n")
    (tmp_path / "data" / "nlu.yml").write_text("nlu: []\n")
    monkeypatch.setattr(model, "ROOT", tmp_path)
    before = model.fingerprint()
    assert model.fingerprint() == before
    (tmp_path / "data" / "nlu.yml").write_text("nlu: [x]\n")
    assert model.fingerprint() != before
