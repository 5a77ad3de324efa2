"""The feedback and follow-up messages (actions/feedback/messages.yml), without servers."""
from __future__ import annotations

import datetime as dt

from actions.feedback import question


def test_a_verdict_reply_gets_the_question_with_yes_and_no():
    reply = [{"text": "D'après vos réponses…"}, {"custom": {"type": "aid_results", "results": []}}]
    added = question.after_verdict(reply)
    assert len(added) == 1 and "vous a-t-elle aidé ?" in added[0]["text"]
    assert [b["title"] for b in added[0]["buttons"]] == ["Oui", "Non"]


def test_a_reply_without_verdict_gets_no_question():
    assert question.after_verdict([{"text": "Quel âge avez-vous ?"}, {"custom": {"type": "ask"}}]) == []


def test_the_follow_up_names_the_aids_and_offers_four_answers():
    results = {"results": [{"id": "visale", "name": "Garantie Visale", "status": "eligible"},
                           {"id": "mobili_jeune", "name": "Aide Mobili-Jeune", "status": "to_confirm"},
                           {"id": "pret_travaux", "name": "Prêt Travaux", "status": "not_eligible"}]}
    message = question.follow_up_question(question.aids_to_apply_for(results))
    assert message["text"].endswith("Avez-vous fait votre demande de Garantie Visale ou Aide Mobili-Jeune ?")
    assert [b["payload"] for b in message["buttons"]] == [
        '/suivre_demande{"suivi": "fait"}', '/suivre_demande{"suivi": "pas_encore"}',
        '/suivre_demande{"suivi": "pas_pu"}', '/suivre_demande{"suivi": "besoin_aide"}']


def test_the_follow_up_date_is_written_the_french_way():
    assert question.french_date(dt.date(2026, 12, 1)) == "mardi 1er décembre"
    assert question.french_date(dt.date(2026, 7, 14)) == "mardi 14 juillet"
