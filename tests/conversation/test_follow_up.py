"""Answers to follow-up questions (answers.yml), why-not and hypotheses, without servers."""
import datetime as dt
import re

import pytest

from actions.conversation import follow_up, questions, why_not
from actions.conversation.intents import asks_advisor, is_goodbye, says_later
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


def test_why_not_without_an_aid_named_answers_on_the_person_s_project():
    """A buyer's « j'y ai pas droit ? » is about the Prêt Accession, not about renting aids."""
    profile = {"project": "acheter", "activity": "salarie", "contract": "cdi", "employer_sector": "prive_non_agricole",
               "employer_size": 8, "first_time_buyer": True, "purchase_operation": "vefa"}
    text = plain(why_not.why_not_text([], evaluate(profile, TODAY), "j'y ai pas droit ?"))
    assert text.startswith("Prêt Accession") and "10" in text and "Visale" not in text


def test_why_not_of_an_owner_names_the_two_years():
    profile = {"project": "acheter", "activity": "salarie", "contract": "cdi", "employer_sector": "prive_non_agricole",
               "employer_size": 3000, "first_time_buyer": False, "purchase_operation": "neuf",
               "resources_under_pli": True, "disability_in_household": False, "mutation_date": False}
    text = why_not.why_not_text([], evaluate(profile, TODAY), "c'est parce que je suis déjà propriétaire ?")
    assert "Prêt Accession" in text and "2 dernières années" in text


def test_zero_alone_answers_a_question_and_does_not_reset():
    from actions.conversation.intents import asks_reset
    assert not asks_reset("zéro") and asks_reset("on repart à zéro")


def test_an_advisor_asked_without_the_apostrophe():
    assert asks_advisor("est ce que je peux parler a quelqu un svp, mon mari est parti")


def test_a_comparison_with_the_apl_answers_both_sides():
    text = follow_up.answer("c quoi la diff entre mobili jeune et l'apl ?", [], {}, TODAY)
    assert "Mobili-Jeune" in text and "CAF" in text and text.count("Source") == 2


def test_verse_quand_asks_how_the_aid_is_paid():
    assert follow_up.aspect_of("mobili jeune c'est versé quand ?") == "payment"


def test_la_reponse_quand_stays_a_deadline():
    assert follow_up.aspect_of("je vais recevoir la réponse quand ?") == "deadline"


def test_a_deposit_kept_by_the_landlord_is_a_dispute():
    assert "ADIL" in follow_up.answer("mon ancien proprio veut pas me rendre ma caution", [], {}, TODAY)


def test_the_dwelling_types_of_visale():
    assert "logement social" in follow_up.answer("est-ce que visale marche pour un HLM ?", [], {}, TODAY)


def test_whether_mobili_jeune_is_taxed():
    assert "imposable" in follow_up.answer("c'est imposable mobili jeune ?", [], {}, TODAY)


def test_c_est_mort_pour_moi_is_a_why_not():
    from actions.conversation.intents import asks_why_not
    assert asks_why_not("visale c'est mort pour moi ?")


def test_je_peux_pas_avoir_is_a_why_not():
    from actions.conversation.intents import asks_why_not
    assert asks_why_not("je peux pas avoir visale ?")


def test_a_hypothesis_opening_with_si_is_evaluated_on_a_copy():
    profile = {"project": "louer", "activity": "salarie", "contract": "cdi", "cdi_confirmed": True, "age": 32,
               "employer_sector": "prive_non_agricole", "net_monthly_salary": 2000, "monthly_resources": 2000,
               "zone": "II", "rent": 700, "mutation_date": False, "job_promise_start_date": False,
               "bail_mobilite": False, "iml": False, "lease_signed": False, "dwelling": "prive"}
    state = State(profile=dict(profile), aid_results=evaluate(profile, TODAY))
    messages = questions.answer_question(state, Message(text="si je prends un bail mobilité ?", intent="informer"), TODAY)
    assert "bail mobilité" in messages[0]["text"] and "Visale" in messages[0]["text"] and state.profile == profile


def test_a_figure_of_apl_is_a_fact_not_a_question_about_the_apl():
    assert follow_up.topic_of("mon loyer c'est 600 et j'ai 200 d'apl, ça fait combien alors ?") is None


def test_a_fact_and_a_question_in_one_message_keep_both():
    from actions.conversation.turn import process_turn
    state = State(profile={"project": "louer"}, pending_field="activity")
    messages, new = process_turn(state, Message(text="j'ai 24 ans, c'est quoi visale au fait ?", intent="informer"), TODAY)
    texts = " ".join(m.get("text") or "" for m in messages)
    assert new.profile["age"] == 24 and "caution locative" in texts and "Source" in texts


def test_a_hypothesis_while_a_question_is_pending_changes_nothing():
    profile = {"project": "louer", "activity": "salarie", "contract": "cdd", "age": 25}
    state = State(profile=dict(profile), pending_field="employer_sector")
    messages = questions.answer_question(state, Message(text="et si j'avais 35 ans ?", intent="informer"), TODAY)
    assert "35 ans" in messages[0]["text"] and messages[-1]["custom"]["field"] == "employer_sector"
    assert state.profile == profile


def test_si_answering_a_pending_question_is_not_a_hypothesis():
    from actions.conversation.intents import is_hypothesis
    assert not is_hypothesis("si, j'en ai une", leading_si=False) and is_hypothesis("si je prends un bail mobilité ?")


def test_si_with_an_aspect_asked_is_a_follow_up_question_not_a_hypothesis():
    profile = {"project": "louer", "activity": "alternant", "contract": "apprentissage", "age": 19,
               "employer_sector": "prive_non_agricole"}
    state = State(profile=dict(profile), aid_results=evaluate(profile, TODAY))
    messages = questions.answer_question(
        state, Message(text="si je prends 600 € de loca pass je rembourse combien par mois ?", intent="informer"), TODAY)
    assert "24 €" in plain(messages[0]["text"]) and "Si c'était le cas" not in messages[0]["text"]
