"""Answers to follow-up questions (answers.yml), why-not and hypotheses, without servers."""
import datetime as dt
import re

import pytest
import yaml

from actions.conversation import follow_up, questions, why_not
from actions.conversation.intents import asks_advisor, is_goodbye, says_later
from actions.conversation.products import alias_table, find_products, normalise
from actions.conversation.state import Message, State
from actions.eligibility import evaluate, load_catalogue

TODAY = dt.date(2026, 10, 15)


def plain(text):
    return re.sub(r"[\u202f\u00a0]", " ", text)


def test_every_answer_has_a_dated_source_and_names_a_known_product():
    data = follow_up.answers()
    ids = set(load_catalogue().products)
    for pid, aspects in data["products"].items():
        assert pid in ids
        for aspect, entry in aspects.items():
            assert aspect in data["aspects"], aspect
            assert entry["source"]["url"].startswith("http") and entry["source"]["date"], (pid, aspect)
    for topic in data["topics"].values():
        assert topic["source"]["url"].startswith("http") and topic["source"]["date"]


@pytest.mark.parametrize("question, fact", [
    ("faut payer quelque chose pour Visale ?", "gratuite"),
    ("loca pass je rembourse sur combien de temps ?", "25 mois"),
    ("mobili jeune ça dure combien de temps ?", "2 années"),
    ("c'est quoi la différence entre visale et loca pass ?", "dépôt de garantie"),
    ("le mobili-pass existe encore ?", "30 juin 2023"),
    ("pour les APL je vais où ?", "CAF"),
    ("je suis surendetté, je vais où ?", "Banque de France"),
    ("mon proprio refuse de faire les réparations", "ADIL"),
    ("comment je fais une demande de logement social ?", "demande-logement-social.gouv.fr"),
])
def test_follow_up_answers_contain_the_fact_and_a_source(question, fact):
    text = follow_up.answer(question, [], {}, TODAY)
    assert fact in plain(text) and "Source :" in text


def test_mobili_jeune_amount_is_personal_within_floor_and_ceiling():
    low = follow_up.answer("mobili jeune combien pour moi ?", [], {"rent": 450, "housing_benefit": 380}, TODAY)
    high = follow_up.answer("mobili jeune combien pour moi ?", [], {"rent": 650, "housing_benefit": 250}, TODAY)
    none = follow_up.answer("mobili jeune combien pour moi ?", [], {"rent": 250, "housing_benefit": 245}, TODAY)
    assert "soit 70 € par mois" in plain(low) and "soit 100 € par mois" in plain(high)
    assert "pas d'aide" in none


def test_loca_pass_monthly_repayment_from_the_catalogue_terms():
    assert "24 € par mois pendant 25 mois" in plain(follow_up.answer("si je prends 600 € de loca pass je rembourse combien par mois ?", [], {}, TODAY))
    assert "20 € par mois pendant 20 mois" in plain(follow_up.answer("pour 400 € le remboursement loca pass ?", [], {}, TODAY))


def test_an_aspect_the_catalogue_cannot_answer_offers_an_advisor():
    assert "conseiller" in follow_up.answer("quels documents pour agri mobili jeune ?", [], {}, TODAY)


def test_why_not_names_the_person_s_value_and_what_would_change_it():
    profile = {"project": "louer", "activity": "demandeur_emploi", "age": 35, "monthly_resources": 1300,
               "job_promise_start_date": False, "bail_mobilite": False, "iml": False}
    text = why_not.why_not_text([], evaluate(profile, TODAY), "c'est à cause de mon âge ?")
    assert "35 ans" in text and "30 ans" in text and "Source" in text


def test_a_hypothesis_is_evaluated_on_a_copy():
    profile = {"project": "louer", "activity": "demandeur_emploi", "age": 35, "monthly_resources": 1300,
               "job_promise_start_date": False, "bail_mobilite": False, "iml": False, "zone": "III", "rent": 500}
    state = State(profile=dict(profile), aid_results=evaluate(profile, TODAY))
    messages = questions.answer_question(state, Message(text="et si j'avais 28 ans ?", intent="informer"), TODAY)
    assert "28 ans" in messages[0]["text"] and state.profile == profile


def test_a_question_during_the_questions_is_answered_only_when_it_names_an_aid():
    state = State(profile={"age": 20}, pending_field="rent")
    assert questions.answer_question(state, Message(text="650 € charges comprises"), TODAY) is None
    reply = questions.answer_question(state, Message(text="c'est quoi visale ?"), TODAY)
    assert "caution" in reply[0]["text"] and reply[-1]["custom"]["field"] == "rent"


@pytest.mark.parametrize("text, advisor", [
    ("j'aimerais qu'un conseiller m'appelle, je ne paie plus mon prêt", True),
    ("un humain svp", True), ("rappelez-moi svp", True),
    ("on est 80 personnes dans la boîte", False), ("c'est quoi le conseiller social ?", False),
])
def test_an_advisor_request_is_read_from_its_words(text, advisor):
    assert asks_advisor(text) is advisor


def test_later_is_not_a_goodbye():
    assert says_later("pas pour l'instant, on verra plus tard") and not is_goodbye("pas pour l'instant, on verra plus tard")
    assert is_goodbye("au revoir") and is_goodbye("bonne journée")


def test_the_nlu_synonyms_are_aliases_of_the_catalogue():
    """Every `synonym:` example of data/nlu_produits.yml names its product in products.yml."""
    nlu = yaml.safe_load(open("data/nlu_produits.yml", encoding="utf-8"))["nlu"]
    for block in nlu:
        if "synonym" not in block:
            continue
        for example in block["examples"].splitlines():
            example = example.strip().lstrip("- ").strip()
            if example:
                assert block["synonym"] in find_products(example), (block["synonym"], example)
    assert alias_table() and normalise("Loca-Pass") == "loca pass"
