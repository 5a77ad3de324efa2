"""housing: the yes/no facts volunteered, the project, the difficulties, the purchase, the works
and the dwelling."""
import datetime as dt

import pytest

from actions.understanding.housing import read_booleans, read_project
from actions.understanding.reading import read

TODAY = dt.date(2026, 11, 26)


def booleans(text):
    facts = {}
    read_booleans(read(text, TODAY), facts)
    return facts


def project(text, pending=None):
    facts = {}
    read_project(read(text, TODAY, pending), facts)
    return facts


@pytest.mark.parametrize("text,field,value", [
    ("j'ai signé mon bail", "lease_signed", True),
    ("pas encore signé", "lease_signed", False),
    ("je vais signer le bail", "lease_signed", False),
    ("je suis boursière", "scholarship", True),
    ("je ne suis pas boursier", "scholarship", False),
    ("ça fait 2 loyers", "double_rent", True),
    ("logement de fonction", "employer_provided_housing", True),
    ("jamais été propriétaire", "first_time_buyer", True),
    ("ma période d'essai est terminée", "cdi_confirmed", True),
    ("je suis en période d'essai", "cdi_confirmed", False),
])
def test_a_yes_no_fact(text, field, value):
    assert booleans(text).get(field) is value


@pytest.mark.parametrize("text,value", [
    ("je cherche un appart", "louer"),
    ("on veut acheter une maison", "acheter"),
    ("refaire l'isolation", "travaux"),
    ("je n'arrive plus à payer mon loyer", "difficulte"),
])
def test_the_project(text, value):
    assert project(text).get("project") == value


def test_a_purchase_denied_is_not_the_project():
    assert project("je ne veux pas acheter, je cherche une location").get("project") == "louer"


@pytest.mark.parametrize("text,events", [
    ("j'ai des impayés de loyer", ["impayes_loyer"]),
    ("je ne paie plus mon prêt", ["impayes_pret"]),
    ("menace d'expulsion", ["expulsion"]),
    ("dossier de surendettement", ["surendettement"]),
])
def test_the_difficulties(text, events):
    assert project(text).get("difficulty_events") == events


@pytest.mark.parametrize("text", ["aucun retard de loyer", "pas d'impayés"])
def test_denied_difficulties_are_none(text):
    assert "difficulty_events" not in project(text)


@pytest.mark.parametrize("text,field,value", [
    ("acheter sur plan", "purchase_operation", "vefa"),
    ("acheter dans l'ancien", "purchase_operation", "ancien_prive"),
    ("des travaux d'isolation", "works_kind", "energie"),
    ("travaux dans la copropriété", "works_kind", "copropriete"),
    ("une chambre au CROUS", "dwelling", "residence_etudiante"),
    ("un logement HLM", "dwelling", "social"),
    ("un foyer de jeunes travailleurs", "dwelling", "foyer"),
    ("un studio par une agence", "dwelling", "prive"),
])
def test_what_is_bought_the_works_and_the_dwelling(text, field, value):
    assert project(text).get(field) == value


def test_the_household_is_not_a_dwelling_in_a_foyer():
    assert "dwelling" not in project("les revenus du foyer sont de 2000 €")
