"""The dialogue logic (actions/conversation/turn.py and its helpers) without servers: questions, buttons,
corrections, "je ne sais pas", fallbacks, verdict and product texts. The understanding library
is replaced by a small stub so that these tests check the dialogue, not the extraction."""
import datetime as dt
import json

import pytest

from actions.conversation import dialogue as d
from actions.conversation.dialogue import Message, State
from actions.eligibility import evaluate

TODAY = dt.date(2026, 9, 15)
DONT_KNOW = object()


class Stub:
    """extract_facts reads 'key=value' pairs; parse_answer reads a bare value for the field."""
    DONT_KNOW = DONT_KNOW

    @staticmethod
    def extract_facts(text, today, pending_field=None):
        facts = {}
        for part in text.split():
            if "=" in part:
                k, v = part.split("=", 1)
                facts[k] = json.loads(v)
        return facts

    @staticmethod
    def parse_answer(field, text, today):
        if text == "je ne sais pas":
            return DONT_KNOW
        try:
            return json.loads(text)
        except ValueError:
            return None

    @staticmethod
    def looks_english(text):
        return text.startswith("Hello")


@pytest.fixture(autouse=True)
def stub(monkeypatch):
    from actions.conversation import turn as turn_module
    monkeypatch.setattr(turn_module, "understanding", Stub)


def turn(state, text, intent="informer", confidence=0.9, entities=None, metadata=None):
    return d.process_turn(state, Message(text=text, intent=intent, confidence=confidence,
                                         entities=entities or [], metadata=metadata or {}), TODAY)


def ask_of(messages):
    asks = [m["custom"] for m in messages if m.get("custom", {}).get("type") == "ask"]
    return asks[-1] if asks else None


def test_every_question_has_the_ask_payload_and_buttons_for_choices():
    for name in ("activity", "lease_signed", "job_promise_start_date", "difficulty_events", "age"):
        m = d.ask_message(name)
        assert m["custom"]["type"] == "ask" and m["custom"]["field"] == name
        assert "Pourquoi cette question" in m["text"]
        if m["custom"]["choices"]:
            assert [b["title"] for b in m["buttons"]] == [c["label"] for c in m["custom"]["choices"]]
        else:
            assert "buttons" not in m


def test_button_payloads_decode_to_the_choice_values():
    for name in ("activity", "lease_signed", "job_promise_start_date", "difficulty_events"):
        for choice in d.ask_message(name)["custom"]["choices"]:
            payload = d.button_payload(name, choice["value"])
            assert payload.startswith("/informer{")
            entity = json.loads(payload[len("/informer"):])["reponse"]
            expected = choice["value"]
            got = d.decode_button([{"entity": "reponse", "value": entity}])
            assert got == (name, [expected] if name == "difficulty_events" and expected != [] else expected)


def test_facts_of_the_first_message_fill_the_profile_and_the_next_question_is_asked():
    messages, state = turn(State(), 'age=19 activity="alternant"')
    assert state.profile == {"age": 19, "activity": "alternant"}
    assert state.pending_field == ask_of(messages)["field"]
    assert "C'est noté" in messages[0]["text"] and "19 ans" in messages[0]["text"]


def test_employer_metadata_fills_the_profile_silently():
    meta = {"employer": {"sector": "agricole", "size": 60, "contributes": True}}
    messages, state = turn(State(), "age=25", metadata=meta)
    assert state.profile["employer_sector"] == "agricole" and state.profile["employer_size"] == 60
    assert "secteur" not in messages[0]["text"]


def test_a_correction_overwrites_the_earlier_value():
    _, state = turn(State(), "age=29")
    _, state = turn(state, "age=31", intent="corriger")
    assert state.profile["age"] == 31


def test_impossible_values_are_refused_with_a_french_message():
    messages, state = turn(State(), "age=250")
    assert "age" not in state.profile
    assert "pas pu retenir votre âge" in messages[0]["text"]


def test_unusable_answer_reasked_once_then_skipped():
    _, state = turn(State(), 'activity="alternant"')
    pending = state.pending_field
    messages, state = turn(state, "bof", intent="nlu_fallback", confidence=0.2)
    assert ask_of(messages)["field"] == pending and "reformuler" in messages[0]["text"]
    messages, state = turn(state, "pfff", intent="nlu_fallback", confidence=0.2)
    assert pending in state.skipped_fields
    assert (ask_of(messages) or {}).get("field") != pending


def test_an_unknown_town_is_reasked_with_the_zone_choices_in_words():
    state = State(profile={"project": "louer", "activity": "etudiant", "age": 20}, pending_field="zone")
    messages, state = turn(state, "Trifouilly", intent="informer", confidence=0.5)
    assert ask_of(messages)["field"] == "zone" and state.pending_field == "zone"
    assert "Je ne trouve pas ce lieu" in messages[0]["text"] and "ailleurs" in messages[0]["text"]
    assert [b["title"] for b in messages[0]["buttons"]][0] == "Île-de-France"


def test_dont_know_skips_the_field_for_good():
    _, state = turn(State(), 'activity="alternant"')
    pending = state.pending_field
    messages, state = turn(state, "je ne sais pas", intent="ne_sait_pas")
    assert pending in state.skipped_fields and state.pending_field != pending
    name, _ = d.next_field(state.profile, state.skipped_fields, TODAY)
    assert name != pending


def test_yes_no_intents_answer_boolean_questions():
    state = State(profile={"age": 20}, pending_field="lease_signed")
    _, state = turn(state, "ouaip", intent="affirmer")
    assert state.profile["lease_signed"] is True
    state = State(profile={"age": 20}, pending_field="mutation_date")
    _, state = turn(state, "nan", intent="nier")
    assert state.profile["mutation_date"] is False


def test_two_misses_without_question_offer_an_advisor():
    messages, state = turn(State(), "zzz", intent="nlu_fallback", confidence=0.1)
    assert ask_of(messages)["field"] == "project" and messages[-1]["buttons"]  # initiative
    messages, state = turn(state, "xxx", intent="nlu_fallback", confidence=0.1)
    assert "0970 800 800" in messages[-1]["text"]
    assert messages[-1]["buttons"][0]["payload"] == "/demander_conseiller"


def test_english_message():
    messages, _ = turn(State(), "Hello there", intent="nlu_fallback", confidence=0.1)
    assert "French" in messages[0]["text"] and ask_of(messages)["field"] == "project"
    messages, _ = turn(State(profile={"age": 20}, pending_field="rent"), "Hello there", intent="nlu_fallback")
    assert "français" in messages[0]["text"] and ask_of(messages)["field"] == "rent"


def test_off_topic_keeps_the_question():
    state = State(profile={"age": 20}, pending_field="rent")
    messages, state = turn(state, "quel temps fait-il", intent="hors_sujet")
    assert "Action Logement" in messages[0]["text"] and ask_of(messages)["field"] == "rent"


def test_verdict_summary_and_payload():
    profile = {"age": 19, "activity": "alternant", "contract": "apprentissage", "employer_sector": "prive_non_agricole",
               "employer_size": 120, "project": "louer", "vte": False, "gross_monthly_salary": 1050,
               "rent": 650, "housing_benefit": 250, "previous_home_distance_km": 350, "job_start_date": "2026-09-01"}
    messages = d.verdict_messages(evaluate(profile, TODAY))
    assert messages[1]["custom"]["type"] == "aid_results" and len(messages[1]["custom"]["results"]) >= 20
    text = messages[0]["text"]
    assert "Aide Mobili-Jeune" in text and "https://mobilijeune.actionlogement.fr" in text
    assert "Aide Mobili-Pass" not in text  # ineligible and ended products are not listed


def test_why_not_and_product_texts():
    profile = {"age": 20, "activity": "alternant", "contract": "apprentissage", "employer_sector": "prive_non_agricole",
               "previous_home_distance_km": 65, "previous_home_travel_minutes": 35, "double_rent": False}
    text = d.why_not_text(["mobili_jeune"], evaluate(profile, TODAY)).replace("\u202f", " ").replace("\u00a0", " ")
    assert "70 km" in text and "MJ-6" in text
    assert "30 juin 2023" in d.product_info_text("mobili_pass", TODAY)
    assert "1 200" in d.product_info_text("avance_loca_pass", TODAY).replace("\u202f", " ")
    assert d.find_product("le mobili pass existe encore ?", []) == "mobili_pass"
    assert d.find_product("pourquoi pas agri loca pass", []) == "agri_loca_pass"
    assert d.find_product("c'est quoi", [{"entity": "produit", "value": "visale"}]) == "visale"


def test_reset_keeps_the_employer_only():
    messages, state = d.reset_state(State(profile={"age": 30}), {"employer_size": 50}, TODAY)
    assert state.profile == {"employer_size": 50} and state.pending_field
    assert "zéro" in messages[0]["text"]


def test_greeting_alone_invites_and_greeting_with_facts_goes_on():
    messages, state = turn(State(), "bonjour", intent="saluer")
    assert ask_of(messages)["field"] == "project" and messages[-1]["buttons"] and not state.profile
    messages, state = turn(State(), 'bonjour age=22', intent="saluer")
    assert state.profile == {"age": 22} and ask_of(messages)


def test_denied_count_questions_mean_zero():
    state = State(profile={"age": 20, "activity": "etudiant"}, pending_field="internship_months")
    _, state = turn(state, "je ne suis pas en stage", intent="nier")
    assert state.profile["internship_months"] == 0


def test_reset_needs_a_reset_word():
    assert d.asks_reset("on reprend à zéro") and d.asks_reset("recommencer") and d.asks_reset("/recommencer")
    assert not d.asks_reset("je commence un CDD lundi")


def test_why_not_wording_is_recognised_even_as_a_product_question():
    assert d.asks_why_not("comment ca se fait que j'ai pas droit a visale")
    assert d.asks_why_not("pourquoi l'avance loca-pass n'est pas possible")
    assert not d.asks_why_not("c'est quoi visale ?")
