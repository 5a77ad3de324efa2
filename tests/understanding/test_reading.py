"""reading.read: a message read once — normalised text, clauses, numbers with units, dates."""
import dataclasses
import datetime as dt

import pytest

from actions.understanding.reading import read

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize("text,normalised", [
    ("J'AI 19 ANS", "j'ai 19 ans"),
    ("jsuis alternante", "je suis alternante"),
    ("mille deux cents euros", "1200 euros"),
    ("un loyer de 650€", "un loyer de 650 €"),
    ("à 80 bornes", "a 80 km"),
    ("Prêt d’accession", "pret d'accession"),
])
def test_the_text_is_normalised_once(text, normalised):
    assert read(text, TODAY).text == normalised


def test_the_folded_text_keeps_the_words_as_written():
    assert read("jsuis à Évry", TODAY).folded == "jsuis a evry"


@pytest.mark.parametrize("text,clauses", [
    ("je suis apprenti, j'ai 19 ans", ["je suis apprenti", "j'ai 19 ans"]),
    ("aucun retard de loyer mais c'est cher", ["aucun retard de loyer", "c'est cher"]),
    ("1h et demie de route", ["1 h et demie de route"]),
    ("un loyer de 1,5 k", ["un loyer de 1,5 k"]),
])
def test_the_clauses(text, clauses):
    r = read(text, TODAY)
    assert [r.text[s:e].strip() for s, e in r.clauses] == clauses


@pytest.mark.parametrize("text,numbers", [
    ("1 200 € net", [(1200, "€")]),
    ("1k2 brut", [(1200, "€")]),
    ("à 80 km, 45 min de train", [(80, "km"), (45, "min")]),
    ("120 salariés", [(120, "salaries")]),
    ("19 ans", [(19, "ans")]),
])
def test_the_numbers_and_their_units(text, numbers):
    assert [(n.value, n.unit) for n in read(text, TODAY).numbers] == numbers


@pytest.mark.parametrize("text,dates", [
    ("le 1er septembre 2026", ["2026-09-01"]),
    ("il y a 2 mois", ["2026-09-26"]),
    ("dans 15 jours", ["2026-12-11"]),
    ("aucune date", []),
])
def test_the_dates_against_today(text, dates):
    assert [d.value.isoformat() for d in read(text, TODAY).dates] == dates


def test_the_numbers_inside_a_date_are_known():
    r = read("le 3 mars, je touche 1100", TODAY)
    assert [n.value for n in r.numbers if n.start in r.numbers_in_dates()] == [3]


def test_a_reading_is_frozen_and_keeps_the_pending_field():
    r = read("19", TODAY, "age")
    assert r.pending == "age" and r.today == TODAY
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.text = "autre"
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.numbers[0].value = 20
    assert hash(r) == hash(read("19", TODAY, "age"))
