"""Employees of Rennes Métropole over REST (real Rasa + action server): local questions get the
territory file's answer with its dated sources; a commune of the métropole gives the zone."""
import pytest

from tests.conversation.helpers import Conversation, customs, texts

pytestmark = pytest.mark.servers


def local_answers(messages):
    return [m["custom"]["local_answer"] for m in messages
            if isinstance(m.get("custom"), dict) and "local_answer" in m["custom"]]


@pytest.mark.parametrize("question,topic,words", [
    ("Comment j'ai un logement social à Rennes ?", "demande_logement_social", ["une seule demande", "numéro unique"]),
    ("bonjour, je bosse à Bruz, comment on fait une demande HLM par ici ?", "demande_logement_social", ["demandelogement35.fr"]),
    ("Comment marche la cotation des demandes à Rennes ?", "cotation", ["points", "ancienneté"]),
    ("Qu'est-ce qui change avec la rénovation urbaine à Maurepas ?", "quartiers_npnru", ["Gros-Chêne"]),
    ("On peut acheter en bail réel solidaire à Saint-Jacques-de-la-Lande ?", "brs", ["Foncier solidaire Rennes Métropole"]),
    ("Vous pouvez m'aider pour un logement social à Rennes ?", "demande_logement_social", ["une seule demande"]),
    ("Comment est calculé mon score pour un HLM à Rennes ?", "cotation", ["points"]),
    ("Est-ce qu'Action Logement a des logements réservés à Rennes ?", "reservations_action_logement", ["al-in.fr"]),
    ("Le Blosne c'est un bon quartier pour chercher ?", "quartiers_npnru", ["Blosne"]),
])
def test_local_question_gets_the_local_answer_with_sources(stack, question, topic, words):
    conv = Conversation(stack)
    answer = conv.say(question)
    found = local_answers(answer)
    assert found and found[0]["topic"] == topic, conv.show()
    assert all(s["date"] and s["url"] for s in found[0]["sources"]), found
    t = texts(answer)
    assert "Sources :" in t and all(w in t for w in words), conv.show()


def test_cotation_asked_later_in_the_conversation_after_naming_the_commune(stack):
    conv = Conversation(stack)
    conv.say("Je suis en CDD à Cesson-Sévigné et je cherche un appartement")
    answer = conv.say("et pour la cotation, comment ça se passe ?")
    found = local_answers(answer)
    assert found and found[0]["topic"] == "cotation", conv.show()
    assert conv.slots()["profile"].get("commune") == "Cesson-Sévigné", conv.show()


def test_workplace_in_the_metropole_means_the_zone_is_never_asked(stack):
    conv = Conversation(stack)
    conv.say("Je travaille à Pacé en CDI et je cherche une location")
    profile = conv.slots()["profile"]
    assert profile.get("zone") == "II" and profile.get("commune") == "Pacé", conv.show()
    asks = [c for c in customs(conv.say("j'ai 27 ans")) if c.get("type") == "ask"]
    assert all(a["field"] != "zone" for a in asks), conv.show()
