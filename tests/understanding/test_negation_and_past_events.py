"""Negation scope per clause and per fact, past events as dates and states, counts that are not
amounts (issue 11). Dated with a fixed day so that relative dates never drift."""
import datetime as dt

import pytest

from actions.understanding import extract_facts

TODAY = dt.date(2026, 10, 15)


def facts(text, pending=None):
    return extract_facts(text, TODAY, pending)


@pytest.mark.parametrize("text", [
    "aucun retard de loyer, c'est juste cher",
    "pas de retard de loyer, juste trop cher pour moi, je cherche moins cher",
    "pas d'impayés pour l'instant mais je viens de perdre mon emploi",
    "sans impayé, je veux juste un appart plus petit",
])
def test_denied_arrears_are_not_arrears(text):
    found = facts(text)
    assert "impayes_loyer" not in (found.get("difficulty_events") or [])
    assert found.get("project") != "difficulte"


def test_a_denied_clause_keeps_the_other_clause_s_fact():
    assert facts("pas d'impayés pour l'instant mais je viens de perdre mon emploi")["difficulty_events"] == ["perte_emploi"]


@pytest.mark.parametrize("text, event", [
    ("je ne paie plus mon prêt depuis mon chômage partiel", "impayes_pret"),
    ("je ne paie plus mon loyer depuis 2 mois", "impayes_loyer"),
    ("j'ai 3 mois de loyers impayés", "impayes_loyer"),
])
def test_arrears_said_with_a_negation_are_arrears(text, event):
    found = facts(text)
    assert event in found["difficulty_events"] and found["project"] == "difficulte"


def test_no_more_cdd_is_not_a_cdd():
    assert facts("je n'ai plus de CDD depuis septembre et j'ai peur pour mon loyer").get("contract") != "cdd"


def test_not_yet_signed():
    assert facts("je n'ai pas encore signé le bail")["lease_signed"] is False


@pytest.mark.parametrize("text, move_in", [
    ("j'ai emménagé il y a 3 semaines", "2026-09-24"),
    ("j'ai pris un studio y a 15 jours", "2026-09-30"),
    ("j'ai pris un appart il y a 15 jours", "2026-09-30"),
    ("j'ai signé mon bail il y a 7 mois", "2026-03-15"),
])
def test_past_events_become_a_move_in_date_and_a_signed_lease(text, move_in):
    found = facts(text)
    assert found["move_in_date"] == move_in and found["lease_signed"] is True


def test_a_lease_signed_on_a_named_day_is_not_a_move_in():
    assert "move_in_date" not in facts("j'ai signé mon bail le 15 novembre")


@pytest.mark.parametrize("text", ["ça fait 2 loyers", "3 loyers impayés", "séparée depuis 4 mois, 3 loyers impayés"])
def test_a_count_of_rents_is_not_an_amount(text):
    assert "rent" not in facts(text)


def test_a_rent_is_still_an_amount():
    assert facts("loyer 600 euros")["rent"] == 600


def test_neuf_as_the_answer_to_the_purchase_question_is_new_not_nine():
    assert facts("neuf", "purchase_operation")["purchase_operation"] == "neuf"
