"""dates and dated: French dates resolved against today, then given to their field by the cue of
their clause (promesse, mutation, emménager, contrat…)."""
import datetime as dt

import pytest

from actions.understanding.dated import read_dates, signed_ago_move_in
from actions.understanding.dates import find_dates, parse_date_answer
from actions.understanding.reading import read
from actions.understanding.text import norm

TODAY = dt.date(2026, 11, 26)  # a Thursday


def first_date(text):
    found = find_dates(norm(text), TODAY)
    return found[0].value.isoformat() if found else None


@pytest.mark.parametrize("text,date", [
    ("il y a 2 mois", "2026-09-26"),
    ("il y a 3 semaines", "2026-11-05"),
    ("y a 15 jours", "2026-11-11"),
    ("dans 15 jours", "2026-12-11"),
    ("la semaine prochaine", "2026-12-03"),
    ("le mois prochain", "2026-12-01"),
    ("depuis 6 mois", "2026-05-26"),
    ("début septembre 2026", "2026-09-01"),
    ("mi-janvier 2027", "2027-01-15"),
    ("fin février 2027", "2027-02-28"),
    ("le 1er septembre 2026", "2026-09-01"),
    ("le 03/01/2027", "2027-01-03"),
    ("2026-10-15", "2026-10-15"),
    ("hier", "2026-11-25"),
    ("lundi prochain", "2026-11-30"),
])
def test_a_date_against_today(text, date):
    assert first_date(text) == date


@pytest.mark.parametrize("text,date", [
    ("j'ai été embauché le 1er décembre", "2025-12-01"),
    ("je commence le 1er septembre", "2027-09-01"),
    ("le 2 décembre", "2026-12-02"),
])
def test_a_day_and_month_take_their_year_from_the_tense(text, date):
    assert first_date(text) == date


def test_a_short_answer_the_patterns_miss_goes_to_dateparser():
    assert parse_date_answer(norm("3 janvier"), TODAY) == dt.date(2027, 1, 3)


@pytest.mark.parametrize("text,field,date", [
    ("j'ai une promesse d'embauche pour le 4 janvier 2027", "job_promise_start_date", "2027-01-04"),
    ("muté à Lyon il y a 2 mois", "mutation_date", "2026-09-26"),
    ("j'emménage le 15 décembre 2026", "move_in_date", "2026-12-15"),
    ("mon contrat a commencé il y a 3 semaines", "job_start_date", "2026-11-05"),
    ("embauché en CDI depuis 6 ans", "job_start_date", "2020-11-26"),
])
def test_a_date_goes_to_the_field_of_its_cue(text, field, date):
    facts, _ = read_dates(read(text, TODAY))
    assert facts == {field: date}


def test_a_date_without_cue_is_left_for_the_pending_question():
    facts, unassigned = read_dates(read("le 15 décembre 2026", TODAY))
    assert facts == {} and [d.value.isoformat() for d in unassigned] == ["2026-12-15"]


@pytest.mark.parametrize("text,field", [
    ("pas de promesse d'embauche", "job_promise_start_date"),
    ("je n'ai pas été muté", "mutation_date"),
    ("aucune mutation", "mutation_date"),
])
def test_none_stated_is_false(text, field):
    facts, _ = read_dates(read(text, TODAY))
    assert facts.get(field) is False


@pytest.mark.parametrize("text,move_in", [
    ("j'ai signé mon bail il y a 7 mois", "2026-04-26"),
    ("bail signé il y a 3 semaines", "2026-11-05"),
])
def test_a_lease_signed_some_time_ago_gives_the_move_in(text, move_in):
    assert signed_ago_move_in(read(text, TODAY)) == move_in
