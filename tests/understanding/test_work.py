"""work: contract, activity, employer sector and size, months of CDD or internship."""
import datetime as dt

import pytest

from actions.understanding.reading import read
from actions.understanding.work import read_activity_contract, read_employer_size, read_months, read_sector

TODAY = dt.date(2026, 11, 26)


def work(text):
    r = read(text, TODAY)
    facts = {}
    read_activity_contract(r, facts)
    read_sector(r, facts)
    return facts


@pytest.mark.parametrize("text,contract", [
    ("je suis apprentie en BTS", "apprentissage"),
    ("en contrat pro", "professionnalisation"),
    ("un CDI depuis 2 ans", "cdi"),
    ("CDD de 6 mois", "cdd"),
    ("je suis intérimaire", "interim"),
    ("je fais les vendanges", "saisonnier"),
    ("en stage de fin d'études", "stage"),
    ("alternant en CDI d'apprentissage", "apprentissage"),
])
def test_the_contract(text, contract):
    assert work(text).get("contract") == contract


@pytest.mark.parametrize("text,activity", [
    ("jsuis en alternance", "alternant"),
    ("je suis fonctionnaire", "fonctionnaire"),
    ("agent contractuel à la mairie", "agent_public_contractuel"),
    ("je suis au chômage", "demandeur_emploi"),
    ("étudiante sans emploi", "etudiant"),
    ("je suis à la retraite", "retraite"),
    ("auto-entrepreneur", "independant"),
    ("je suis salarié d'une PME", "salarie"),
    ("CDI dans une boulangerie", "salarie"),
    ("CDD à l'hôpital", "agent_public_contractuel"),
])
def test_the_activity(text, activity):
    assert work(text).get("activity") == activity


@pytest.mark.parametrize("text,sector", [
    ("je bosse chez un garagiste", "prive_non_agricole"),
    ("dans une exploitation viticole", "agricole"),
    ("à la mairie", "public"),
    ("je travaille à la SNCF", "epic"),
    ("nounou chez des particuliers", "particulier_employeur"),
])
def test_the_employer_sector(text, sector):
    assert work(text).get("employer_sector") == sector


@pytest.mark.parametrize("text", [
    "un appart dans le privé",
    "je ne travaille pas dans l'agriculture",
])
def test_not_an_employer_sector(text):
    assert "employer_sector" not in work(text)


@pytest.mark.parametrize("text,size", [
    ("une entreprise de 120 salariés", 120),
    ("plus de 50 salariés", 51),
    ("moins de 10 salariés", 9),
    ("une vingtaine de salariés", 20),
    ("on est 8 personnes dans la boîte", 8),
])
def test_the_employer_size(text, size):
    assert read_employer_size(read(text, TODAY), set()) == size


@pytest.mark.parametrize("text", ["on est 4 personnes dans le foyer", "3 personnes en colocation"])
def test_people_at_home_are_not_the_employer_size(text):
    assert read_employer_size(read(text, TODAY), set()) is None


@pytest.mark.parametrize("text,facts", [
    ("un stage de 6 mois", {"internship_months": 6}),
    ("4 mois de CDD", {"cdd_months_last_6": 4}),
    ("12 mois de CDD", {}),
])
def test_the_months_of_internship_and_cdd(text, facts):
    assert read_months(read(text, TODAY)) == facts
