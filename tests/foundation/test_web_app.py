"""The web app's health check and home page, on the real running server."""
from tests.servers import http_json
import urllib.request


def test_health_answers_ok(stack):
    status, body = http_json("GET", f"{stack.web_url}/health")
    assert status == 200 and body["status"] == "ok"


def test_home_page_is_french_and_presents_the_assistant(stack):
    with urllib.request.urlopen(f"{stack.web_url}/", timeout=10) as response:
        html = response.read().decode()
    assert '<html lang="fr">' in html
    assert "Action Logement" in html


def test_action_server_and_rasa_health(stack):
    assert http_json("GET", f"{stack.actions_url}/health")[0] == 200
    with urllib.request.urlopen(f"{stack.rasa_url}/", timeout=10) as response:
        assert response.status == 200


def test_rasa_http_api_requires_the_token(stack):
    status, _ = http_json("GET", f"{stack.rasa_url}/status")
    assert status == 401
    status, _ = http_json("GET", f"{stack.rasa_url}/status?token={stack.rasa_token}")
    assert status == 200


def test_conversations_are_stored_in_the_sql_tracker_store(stack):
    import sqlalchemy as sa
    stack.say("stored-conversation", "bonjour")
    engine = sa.create_engine(stack.database_url)
    with engine.connect() as connection:
        count = connection.execute(
            sa.text("select count(*) from events where sender_id = :s"),
            {"s": "stored-conversation"}).scalar()
    assert count > 0
