"""The territory around a conversation turn, without servers (the real understanding library and
engine; the Rasa glue only calls around_turn)."""
import datetime as dt

from actions import territory_answers as ta
from actions.conversation import dialogue
from actions.conversation.dialogue import Message, State

TODAY = dt.date(2026, 3, 15)


def turn(state, text, intent="informer"):
    msg = Message(text=text, intent=intent, confidence=0.9, entities=[], metadata={})
    return ta.around_turn(state, text, lambda s: dialogue.process_turn(s, msg, TODAY))


def texts(messages):
    return "\n".join(m.get("text") or "" for m in messages)


def test_social_housing_question_in_rennes_is_answered_locally_with_sources():
    messages, state = turn(State(), "Comment j'ai un logement social à Rennes ?", intent="chercher_logement")
    t = texts(messages)
    assert "une seule demande" in t and "numéro unique" in t and "Sources :" in t and "demandelogement35.fr" in t
    local = [m["custom"]["local_answer"] for m in messages if "local_answer" in (m.get("custom") or {})]
    assert local and local[0]["topic"] == "demande_logement_social" and all(s["date"] for s in local[0]["sources"])


def test_cotation_question_after_a_commune_was_given():
    state = State(profile={"commune": "Bruz"}, pending_field="age")
    messages, new = turn(state, "Et la cotation, ça marche comment ?", intent="hors_sujet")
    t = texts(messages)
    assert "points" in t and "Sources :" in t
    assert new.pending_field == "age" and new.fallback_count == 0  # the question is asked again, no fallback


def test_quartier_question_is_answered_from_the_file():
    messages, _ = turn(State(), "Il se passe quoi à Villejean et au Blosne ?", intent="hors_sujet")
    assert "renouvellement urbain" in texts(messages) and "cget.gouv.fr" in texts(messages)


def test_workplace_in_the_metropole_sets_the_commune_and_the_zone_is_not_asked():
    messages, state = turn(State(), "Je suis en CDD dans une boîte de 40 salariés à Cesson-Sévigné et je cherche un appart",
                           intent="chercher_logement")
    assert state.profile.get("commune") == "Cesson-Sévigné" and state.profile.get("zone") == "II"
    assert state.pending_field != "zone"


def test_the_verdict_of_a_precarious_employee_carries_the_local_social_housing_step():
    profile = {"commune": "Rennes", "project": "louer", "age": 34, "activity": "salarie", "contract": "cdd",
               "employer_sector": "prive_non_agricole", "employer_size": 40, "rent": 700, "monthly_resources": 1800,
               "job_start_date": "2026-02-01", "lease_signed": False, "landlord_is_family": False,
               "bail_mobilite": False, "iml": False, "dwelling": "prive", "resources_under_pli": True,
               "net_monthly_salary": 1500, "move_in_date": "2026-04-01", "mutation_date": False,
               "job_promise_start_date": False, "difficulty_events": [], "vte": False}
    messages, _ = turn(State(profile=profile), "mon loyer est de 650 euros")
    kinds = [(m.get("custom") or {}).get("type") or next(iter(m.get("custom") or {}), None) for m in messages]
    assert kinds.index("local_steps") == kinds.index("aid_results") + 1, kinds
    steps = messages[kinds.index("local_steps")]["text"]
    assert "demandelogement35.fr" in steps and "Sources :" in steps


def test_the_same_verdict_elsewhere_has_no_local_step():
    profile = {"commune": "Lyon", "project": "louer", "age": 34, "activity": "salarie", "contract": "cdd",
               "employer_sector": "prive_non_agricole", "employer_size": 40, "rent": 700, "monthly_resources": 1800,
               "job_start_date": "2026-02-01", "lease_signed": False, "landlord_is_family": False,
               "bail_mobilite": False, "iml": False, "dwelling": "prive", "resources_under_pli": True, "zone": "II",
               "net_monthly_salary": 1500, "move_in_date": "2026-04-01", "mutation_date": False,
               "job_promise_start_date": False, "difficulty_events": [], "vte": False}
    messages, _ = turn(State(profile=profile), "mon loyer est de 650 euros")
    assert not [m for m in messages if "local_steps" in (m.get("custom") or {})]


def test_a_town_elsewhere_gets_no_local_answer():
    assert ta.reply("Comment avoir un logement social à Lyon ?", {}) == []
