"""A whole conversation through the signed HR webhook, and the example client, on the real stack."""
from __future__ import annotations

import subprocess
import sys

from tests.integrations.conftest import SECRETS
from tests.servers import ROOT

EMPLOYER_FIELDS = {"employer_sector", "employer_size", "employer_contributes"}

# An apprentice (worked example TC02 of shared/domain/examples.md) whose HR system declares the
# employer: the answers hold nothing about the employer, any such question gets "je ne sais pas".
FIRST = ("jsuis en apprentissage chez un garagiste, j'ai 20 ans, je touche 1100 brut, "
         "j'ai trouvé un appart a 65 km de chez mes parents")
ANSWERS = {
    "project": "louer un appart", "activity": "apprenti", "contract": "apprentissage",
    "age": "20", "vte": "non", "cdi_confirmed": "non",
    "gross_monthly_salary": "1100 brut", "net_monthly_salary": "1100 net",
    "monthly_resources": "1100", "zone": "Angers", "rent": "500 euros",
    "housing_benefit": "150", "previous_home_distance_km": "65 km",
    "previous_home_travel_minutes": "35 minutes en voiture", "double_rent": "non, un seul bail",
    "move_in_date": "dans deux semaines", "job_start_date": "il y a un mois",
    "bail_mobilite": "non", "iml": "non", "landlord_is_family": "non",
    "mobili_jeune_in_progress": "non", "employer_provided_housing": "non",
    "job_promise_start_date": "non, pas de promesse d'embauche",
    "mutation_date": "non pas de mutation", "difficulty_events": "non aucune",
    "disability_in_household": "non", "dwelling": "un appartement dans le privé",
    "lease_signed": "non pas encore",
}


def customs(messages: list, kind: str) -> list:
    return [m["custom"] for m in messages
            if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind]


def test_a_whole_conversation_reaches_a_verdict_without_asking_the_employer(hr):
    sender = hr.new_sender("apprenti")
    transcript, asked = [f"> {FIRST}"], []
    reply = hr.say("acme", sender, FIRST)  # every reply is checked for its signature
    for _ in range(30):
        transcript += [f"< {m.get('text') or m.get('custom')}" for m in reply]
        if customs(reply, "aid_results"):
            break
        asks = customs(reply, "ask")
        assert asks, "neither a question nor a verdict:\n" + "\n".join(transcript)
        asked.append(asks[-1]["field"])
        answer = ANSWERS.get(asks[-1]["field"], "je ne sais pas")
        transcript.append(f"> {answer}")
        reply = hr.say("acme", sender, answer)
    [result] = customs(reply, "aid_results")[-1:]
    assert not EMPLOYER_FIELDS & set(asked), asked
    statuses = {r["id"]: r["status"] for r in result["results"]}
    assert statuses["visale"] == "eligible", "\n".join(transcript)
    assert statuses["avance_loca_pass"] == "eligible", "\n".join(transcript)
    profile = hr.stack.tracker(f"hr:acme:{sender}")["slots"]["profile"]
    assert profile["employer_sector"] == "prive_non_agricole"
    assert profile["employer_size"] == 250
    assert profile["employer_contributes"] is True


def run_client(hr, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "examples" / "hr_client.py"),
         "--url", hr.webhook_url, "--integration", "client", "--secret", SECRETS["client"],
         "--listen", f"127.0.0.1:{hr.client_port}", "--timeout", "120", *args],
        capture_output=True, text=True, timeout=600, cwd=ROOT)


def test_the_example_client_holds_a_conversation_and_gets_every_reply(hr):
    done = run_client(hr, "--sender", hr.new_sender("client"),
                      "-m", "Bonjour", "-m", FIRST, "-m", "apprenti")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert sum(line.startswith("vous> ") for line in lines) == 3
    assert any("assistant" in line.lower() for line in lines if line.startswith("assistant> "))
    assert "pas de réponse" not in done.stderr and "rappel refusé" not in done.stderr


def test_the_example_client_unsigned_is_refused(hr):
    done = run_client(hr, "--unsigned", "-m", "Bonjour")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "HTTP 401" in done.stderr
    assert "assistant> " not in done.stdout
