"""Public API: validate_profile, field_spec, format_euros, load_catalogue, next_question."""
import datetime as dt

import pytest

from tests.eligibility.util import by_id, evaluate
from actions.eligibility import (ProfileError, field_names, field_spec, format_euros, load_catalogue,
                                 next_question, validate_profile)
from actions.eligibility.formatting import normalise_spaces

SECTION_4 = """as_of age activity contract cdi_confirmed vte employer_sector employer_size employer_contributes
gross_monthly_salary net_monthly_salary monthly_resources job_start_date job_promise_start_date mutation_date
scholarship internship_months cdd_months_last_6 mobili_jeune_in_progress project rent housing_benefit zone dwelling
lease_signed move_in_date bail_mobilite iml landlord_is_family previous_home_distance_km previous_home_travel_minutes
double_rent employer_provided_housing first_time_buyer purchase_operation disability_in_household resources_under_pli
owner_occupier works_kind difficulty_events""".split()

ALL_IDS = """visale avance_loca_pass mobili_jeune mobili_jeune_vte pret_accession pret_travaux logement_social_alin
accompagnement_salaries_difficulte agri_loca_pass agri_mobili_jeune agri_mobilite aide_saisonniers_agricoles
agri_accession agri_travaux mobili_pass aide_mobilite mon_job_mon_logement prime_accession garantie_loca_pass
aide_adaptation_vieillissement aide_renovation_energetique pret_agrandissement aide_exceptionnelle_covid""".split()


def test_catalogue_has_every_product_of_the_reference():
    cat = load_catalogue()
    assert sorted(cat.products) == sorted(ALL_IDS)
    assert "louer_pour_l_emploi" not in cat.products
    assert any(u["id"] == "louer_pour_l_emploi" for u in cat.unverified)
    for p in cat:
        assert p.name and p.summary and p.kind in ("garantie", "pret", "subvention", "service")
        assert p.phone == "0970 800 800" and p.sources
        if not p.discontinued:
            assert p.apply_url.startswith("https://") and p.end is None and p.rules
            for r in p.rules.values():
                assert r["text"] and r["source"] and r["source_date"]
        else:
            assert p.end is not None


def test_every_section_4_field_has_a_spec():
    for name in SECTION_4:
        s = field_spec(name)
        assert s["question"].endswith("?") and s["why"] and s["label"]
        assert s["ask"] in ("number", "date", "choice", "boolean", "text")
        if s["type"] in ("enum", "enum_list", "boolean"):
            assert s["choices"] and all("value" in c and "label" in c for c in s["choices"])
    assert set(SECTION_4) <= set(field_names())


def test_field_spec_activity():
    s = field_spec("activity")
    assert s["question"] == "Quelle est votre situation professionnelle ?"
    assert s["why"] == "Chaque aide s'adresse à certaines situations."
    assert {c["value"] for c in s["choices"]} == {"salarie", "alternant", "etudiant", "demandeur_emploi", "fonctionnaire",
                                                  "agent_public_contractuel", "independant", "preretraite", "retraite",
                                                  "sans_activite"}


def test_field_spec_unknown():
    with pytest.raises(KeyError):
        field_spec("nope")


@pytest.mark.parametrize("amount,text", [(1200, "1 200 €"), (100, "100 €"), (2187.64, "2 187,64 €"),
                                         (30000, "30 000 €"), (0, "0 €"), (10.5, "10,50 €"), (1234567, "1 234 567 €")])
def test_format_euros(amount, text):
    out = format_euros(amount)
    assert normalise_spaces(out) == text
    if amount >= 1000:
        assert "\u202f" in out
    assert out.endswith("\u00a0€")


def test_validate_profile_normalises():
    p = validate_profile({"age": 20, "move_in_date": "2026-01-02", "difficulty_events": ["separation", "separation"],
                          "mutation_date": False, "age_unknown": None} if False else
                         {"age": 20, "move_in_date": "2026-01-02", "difficulty_events": ["separation", "separation"],
                          "mutation_date": False})
    assert p["age"] == 20 and p["move_in_date"] == dt.date(2026, 1, 2)
    assert p["difficulty_events"] == ("separation",) and p["mutation_date"] is False and p["rent"] is None


def test_validate_profile_error_attributes():
    with pytest.raises(ProfileError) as e:
        validate_profile({"age": -3})
    assert e.value.field == "age" and "entier positif" in e.value.message and "-3" in e.value.message
    with pytest.raises(ProfileError) as e:
        validate_profile({"zone": "IV"})
    assert e.value.field == "zone"
    with pytest.raises(ProfileError) as e:
        validate_profile({"lease_signed": False, "mutation_datee": "2026-01-01"})
    assert e.value.field == "mutation_datee"
    with pytest.raises(ProfileError):
        validate_profile({"move_in_date": False})  # only promise/mutation accept false = none


def test_evaluate_accepts_date_objects_and_default_today():
    assert evaluate({}, dt.date(2026, 3, 1))["as_of"] == "2026-03-01"
    assert evaluate({})["as_of"] == dt.date.today().isoformat()


def test_next_question_empty_profile_asks_situation_first():
    assert next_question({"as_of": "2026-03-01"}) == "activity"


def test_next_question_counts_products():
    # an apprentice: once the situation is known, the age decides most products
    q = next_question({"as_of": "2026-03-01", "activity": "alternant"})
    assert q in ("age", "employer_sector", "project")


def test_next_question_none_when_everything_decided():
    p = {"as_of": "2026-03-01", "activity": "retraite", "project": "louer", "age": 70, "bail_mobilite": False,
         "iml": False, "difficulty_events": [], "job_promise_start_date": False}
    assert next_question(p) is None


def test_next_question_accepts_a_result():
    res = evaluate({"as_of": "2026-03-01"})
    assert next_question(res) == "activity"


def test_need_info_lists_missing_and_reason():
    r = by_id(evaluate({"as_of": "2026-03-01", "activity": "alternant", "project": "louer"}))["mobili_jeune"]
    assert r["status"] == "need_info" and "age" in r["missing"]
    assert any("votre âge" in x for x in r["reasons"])


def test_plain_renter_is_asked_only_questions_that_change_a_status():
    """A 35-year-old renter: vte (Mobili-Jeune VTE, open on age) and difficulty_events (ASD-2)
    are asked, and each answer turns some product from need_info into a verdict."""
    p = {"as_of": "2026-06-01", "age": 35, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
         "employer_sector": "prive_non_agricole", "employer_size": 50, "net_monthly_salary": 1600,
         "project": "louer", "rent": 600, "zone": "III", "lease_signed": False}
    answers = {"vte": False, "difficulty_events": []}
    asked = []
    while (f := next_question(p)) is not None:
        assert f in answers, f
        before = {r["id"]: r["status"] for r in evaluate(p)["results"]}
        p[f] = answers[f]
        after = {r["id"]: r["status"] for r in evaluate(p)["results"]}
        assert before != after, f
        asked.append(f)
    assert sorted(asked) == ["difficulty_events", "vte"]
