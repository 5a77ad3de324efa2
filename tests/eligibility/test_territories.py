"""Rennes Métropole as data: communes and their Visale zone, local answers with dated sources,
local steps in a verdict, a second territory is one more file."""
import datetime as dt
import os
import shutil

import pytest
import yaml

from tests.eligibility.util import evaluate
from actions.eligibility import territories as T

RM = T.load_territories()["rennes_metropole"]
# INSEE urban units 2020: the unité urbaine of Rennes (35701) inside the métropole (15 communes)
UU_RENNES = {"Betton", "Bruz", "Cesson-Sévigné", "Chantepie", "Chartres-de-Bretagne", "La Chapelle-des-Fougeretz",
             "Montgermont", "Noyal-Châtillon-sur-Seiche", "Pacé", "Pont-Péan", "Rennes", "Saint-Grégoire",
             "Saint-Jacques-de-la-Lande", "Thorigné-Fouillard", "Vezin-le-Coquet"}


def test_the_metropole_has_43_communes_with_insee_codes_and_postcodes():
    assert len(RM.communes) == 43
    assert len({c["insee"] for c in RM.communes}) == 43
    for c in RM.communes:
        assert c["insee"].startswith("35") and len(c["insee"]) == 5, c
        assert c["postcodes"] and all(p.startswith("35") and len(p) == 5 for p in c["postcodes"]), c


@pytest.mark.parametrize("name", [c["name"] for c in RM.communes])
def test_every_commune_resolves_to_its_zone_by_name_and_insee_code(name):
    c = RM.by_name[T.fold(name)]
    expected = "II" if name in UU_RENNES else "III"
    assert T.zone_of(name) == expected
    if c["insee"] not in RM.by_postcode:  # 35131 is L'Hermitage's INSEE code and a postcode of two other communes
        assert T.zone_of(c["insee"]) == expected


def test_zone_rule_and_communes_cite_the_insee_urban_units():
    src = RM.data["zone_rule"]["sources"]
    assert "uu2020_rennes" in src and RM.sources["uu2020_rennes"]["date"] == dt.date(2020, 10, 1)


def test_a_postcode_shared_by_both_zones_decides_no_zone():
    assert T.zone_of("35230") is None  # Noyal-Châtillon (II) and Bourgbarré, Orgères... (III)
    assert T.zone_of("35760") == "II"  # Montgermont and Saint-Grégoire


def test_a_postcode_shared_with_communes_outside_gives_the_zone_not_membership():
    p = T.find_place("35850")
    assert p.zone == "III" and not p.in_territory


def test_a_town_elsewhere_is_not_in_a_territory():
    assert T.find_place("Lyon") is None and T.find_place("69001") is None


@pytest.mark.parametrize("question,topic", [
    ("Comment j'ai un logement social à Rennes ?", "demande_logement_social"),
    ("Comment marche la cotation, combien de points j'ai ?", "cotation"),
    ("Qu'est-ce qui se passe dans le quartier de Maurepas ?", "quartiers_npnru"),
    ("Je veux acheter en bail réel solidaire", "brs"),
    ("Les logements réservés sur AL'in, c'est pour moi ?", "reservations_action_logement"),
    ("Est-ce qu'Action Logement a des logements réservés à Rennes ?", "reservations_action_logement"),
    ("Le quartier du Blosne, c'est bien pour un logement social ?", "quartiers_npnru"),
    ("Comment est calculé mon score pour un HLM ?", "cotation"),
    ("À qui je m'adresse pour des impayés de loyer ?", "aide_locale"),
])
def test_questions_route_to_the_local_topic(question, topic):
    assert T.find_topics(question, RM)[0] == topic


@pytest.mark.parametrize("topic", sorted(RM.topics))
def test_every_local_answer_has_dated_sources(topic):
    a = T.topic_answer(RM, topic)
    assert a["answer"] and a["sources"]
    for s in a["sources"]:
        assert s["url"] and dt.date.fromisoformat(s["date"]) and s["last_checked"], s


def test_request_answer_says_one_request_and_unique_number():
    a = T.topic_answer(RM, "demande_logement_social")["answer"]
    assert "une seule demande" in a and "numéro unique" in a and "demandelogement35.fr" in a


PRECARIOUS = {"as_of": "2026-03-15", "commune": "Rennes", "age": 34, "activity": "salarie", "contract": "cdd",
              "employer_sector": "prive_non_agricole", "employer_size": 40, "project": "louer"}


def test_the_zone_is_known_from_the_commune_without_asking():
    r = evaluate(dict(PRECARIOUS, rent=1500, monthly_resources=4000, job_start_date="2026-02-01", lease_signed=False,
                      landlord_is_family=False, bail_mobilite=False, iml=False, dwelling="prive"))
    visale = next(x for x in r["results"] if x["id"] == "visale")
    assert "zone" not in visale["missing"] and r["local"]["zone"] == "II"
    assert visale["status"] == "eligible" and visale["rules"]


def test_precarious_employee_gets_the_local_social_housing_path():
    r = evaluate(PRECARIOUS)
    topics = [s["topic"] for s in r["local"]["steps"]]
    assert "demande_logement_social" in topics and all(s["sources"] for s in r["local"]["steps"])


def test_first_time_buyer_gets_the_brs_step():
    r = evaluate({"as_of": "2026-03-15", "commune": "Cesson-Sévigné", "age": 32, "activity": "salarie",
                  "employer_sector": "prive_non_agricole", "employer_size": 200, "project": "acheter",
                  "first_time_buyer": True, "resources_under_pli": True, "purchase_operation": "brs"})
    assert [s["topic"] for s in r["local"]["steps"]] == ["brs"]


def test_a_renter_elsewhere_gets_no_local_block():
    assert "local" not in evaluate(dict(PRECARIOUS, commune="Lyon"))


def test_a_second_territory_is_one_more_file(tmp_path, monkeypatch):
    d = tmp_path / "territories"
    d.mkdir()
    shutil.copy(os.path.join(T.TERRITORY_DIR, "rennes_metropole.yml"), d)
    other = {"id": "test_town", "name": "Ville test", "sources": {"s": {"title": "t", "url": "https://x", "date": "2026-01-01", "last_checked": "2026-12-01"}},
             "communes": [{"name": "Villetest", "insee": "99001", "postcodes": ["99100"], "visale_zone": "III"}],
             "topics": {"demande_logement_social": {"title": "t", "keywords": ["logement social"], "answer": "Ici.", "sources": ["s"]}}}
    (d / "test_town.yml").write_text(yaml.safe_dump(other, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(T, "TERRITORY_DIR", str(d))
    T.load_territories.cache_clear()
    try:
        assert T.zone_of("Villetest") == "III" and T.zone_of("Bruz") == "II"
        assert T.topic_answer("test_town", "demande_logement_social")["answer"] == "Ici."
    finally:
        T.load_territories.cache_clear()
