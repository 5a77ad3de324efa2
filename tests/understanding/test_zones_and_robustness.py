"""Visale zone table and robustness: any text gives a valid profile fragment, never a crash."""
import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.eligibility import validate_profile
from actions.understanding import extract_facts, parse_answer, zone_for_place
from actions.understanding.places import place_key

TODAY = dt.date(2026, 11, 26)
TABLE = yaml.safe_load((Path(__file__).resolve().parents[2] / "actions/understanding/data/visale_zones.yml").read_text())


def test_every_departement_is_classified_once():
    codes = []
    for key in ("zone_I_departements", "zone_II_departements", "departements_without_big_agglomeration",
                "departements_with_big_agglomeration"):
        codes += [str(c) for c in TABLE[key]]
    metro = {f"{i:02d}" for i in range(1, 96) if i != 20} | {"2A", "2B"}
    assert metro <= set(codes)
    assert len(codes) == len(set(codes))


def test_table_names_do_not_conflict():
    """A commune is in one zone list only (shared names belong to `ambiguous`)."""
    seen = {}
    lists = [("I", TABLE["zone_I_communes"]), ("II", [c for v in TABLE["zone_II_agglomerations"].values() for c in v]
                                                  + TABLE["zone_II_corse"] + TABLE["zone_II_drom"]),
             ("III", TABLE["zone_III_communes"])]
    ambiguous = {place_key(n) for n in TABLE["ambiguous"] + TABLE["uncertain"]}
    for zone, names in lists:
        for n in names:
            k = place_key(n)
            if k in ambiguous:
                continue
            assert seen.setdefault(k, zone) == zone, (n, seen[k], zone)


@pytest.mark.parametrize("place,zone", [
    ("Paris", "I"), ("paris 15e", "I"), ("75011", "I"), ("93", "I"), ("Seine-Saint-Denis", "I"), ("Val-d'Oise", "I"),
    ("Versailles", "I"), ("Créteil", "I"), ("Île-de-France", "I"), ("Cergy", "I"),
    ("Lyon", "II"), ("Villeurbanne", "II"), ("Marseille", "II"), ("Aix-en-Provence", "II"), ("Lille", "II"),
    ("Roubaix", "II"), ("Toulouse", "II"), ("Bordeaux", "II"), ("Nice", "II"), ("Nantes", "II"),
    ("Strasbourg", "II"), ("Grenoble", "II"), ("Rennes", "II"), ("Saint-Étienne", "II"), ("St Etienne", "II"),
    ("Clermont-Ferrand", "II"), ("Le Havre", "II"), ("Annemasse", "II"), ("Ajaccio", "II"), ("Bastia", "II"),
    ("2A", "II"), ("Corse", "II"), ("Guadeloupe", "II"), ("971", "II"), ("Martinique", "II"), ("Guyane", "II"),
    ("La Réunion", "II"), ("974", "II"), ("Mayotte", "II"), ("Fort-de-France", "II"), ("Cayenne", "II"),
    ("Mamoudzou", "II"), ("69003", "II"), ("13001", "II"),
    ("Aurillac", "III"), ("Mende", "III"), ("Guéret", "III"), ("Cantal", "III"), ("Creuse", "III"), ("15", "III"),
    ("23000", "III"), ("Lozère", "III"), ("Gap", "III"), ("Rodez", "III"),
    ("Bouches-du-Rhône", None), ("13", None), ("Nord", None), ("Rhône", None), ("Saint-Denis", None),
    ("Colmar", None), ("Atlantis", None), ("", None), ("13500", None),
])
def test_zone_for_place(place, zone):
    assert zone_for_place(place) == zone


FIELDS_TEXT = st.sampled_from([
    "j'ai", "ans", "24", "1 200 €", "loyer", "apl", "brut", "net", "cdi", "alternance", "il y a", "mois", "le",
    "1er", "septembre", "à", "Paris", "km", "1h15", "oui", "non", "pas", "encore", "signé", "bail", "de", "et",
    ",", "mutation", "promesse", "déménage", "3/11", "dans", "jours", "hlm", "acheter", "neuf", "travaux",
    "impayés", "salariés", "12", "k", "€", "depuis", "je", "sais", "boursier", "T2", "99999999999", "0", "-5",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FIELDS_TEXT, max_size=14).map(" ".join),
       st.sampled_from([None, "age", "rent", "lease_signed", "move_in_date", "mutation_date", "zone", "activity",
                        "previous_home_travel_minutes", "difficulty_events", "employer_size"]))
def test_any_word_salad_gives_a_valid_profile(text, pending):
    facts = extract_facts(text, TODAY, pending)
    validate_profile(facts)  # raises ProfileError on an unknown field or impossible value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_unicode_never_crashes(text):
    facts = extract_facts(text, TODAY)
    validate_profile(facts)
    for field in ("age", "rent", "lease_signed", "move_in_date", "zone", "activity"):
        parse_answer(field, text, TODAY)
