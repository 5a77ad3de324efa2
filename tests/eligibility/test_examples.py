"""Every worked example of shared/domain/examples.md, with its SHOULD / NOT verdicts.

SHOULD -> status `eligible` (or `to_confirm` only where the reference marks the point open);
NOT -> anything but `eligible`. Dates are in 2026 unless the case says otherwise."""
import pytest

from tests.eligibility.util import by_id, evaluate

ENDED_MOBILITY = ["mobili_pass", "mon_job_mon_logement", "aide_mobilite"]

CASES = {
    # TC01 apprentie BTS, Rennes -> Paris, contract starts 6 Oct 2026, moved in 3 weeks before.
    "TC01": dict(
        profile={"as_of": "2026-09-15", "age": 19, "activity": "alternant", "contract": "apprentissage",
                 "employer_sector": "prive_non_agricole", "employer_size": 120, "gross_monthly_salary": 1050,
                 "previous_home_distance_km": 350, "job_start_date": "2026-10-06",
                 "mobili_jeune_in_progress": False, "project": "louer", "rent": 650, "housing_benefit": 250,
                 "zone": "I", "dwelling": "prive", "lease_signed": True, "visale_visa_obtained": True,
                 "move_in_date": "2026-08-25"},
        should={"mobili_jeune": "eligible", "avance_loca_pass": "eligible", "visale": "eligible"},
        not_=ENDED_MOBILITY + ["agri_mobili_jeune", "pret_accession"]),
    "TC02": dict(
        profile={"as_of": "2026-03-10", "age": 20, "activity": "alternant", "contract": "apprentissage",
                 "employer_sector": "prive_non_agricole", "gross_monthly_salary": 1100,
                 "previous_home_distance_km": 65, "previous_home_travel_minutes": 35, "double_rent": False,
                 "project": "louer"},
        should={"avance_loca_pass": "eligible", "visale": "eligible"},
        not_=["mobili_jeune"]),
    "TC06": dict(
        profile={"as_of": "2026-10-01", "age": 30, "activity": "alternant", "contract": "professionnalisation",
                 "employer_sector": "prive_non_agricole", "gross_monthly_salary": 1500,
                 "previous_home_distance_km": 200, "job_start_date": "2026-09-01",
                 "mobili_jeune_in_progress": False, "project": "louer"},
        should={"visale": "eligible", "avance_loca_pass": "eligible"},
        not_=["mobili_jeune"]),
    "TC12": dict(
        profile={"as_of": "2026-09-15", "age": 22, "activity": "alternant", "contract": "apprentissage",
                 "employer_sector": "prive_non_agricole", "gross_monthly_salary": 1200,
                 "previous_home_distance_km": 300, "job_start_date": "2026-03-15", "move_in_date": "2026-03-15",
                 "lease_signed": True, "visale_visa_obtained": False, "mobili_jeune_in_progress": False,
                 "project": "louer"},
        should={},
        not_=["mobili_jeune", "avance_loca_pass", "visale"]),
    "TC15": dict(
        profile={"as_of": "2026-09-01", "age": 20, "activity": "etudiant", "scholarship": False,
                 "cdd_months_last_6": 0, "internship_months": 0, "rent": 600, "zone": "II", "project": "louer"},
        should={"visale": "eligible"},
        not_=["avance_loca_pass", "mobili_jeune"]),
    "TC20": dict(
        profile={"as_of": "2026-05-01", "age": 35, "activity": "demandeur_emploi", "monthly_resources": 1300,
                 "job_promise_start_date": False, "project": "louer"},
        should={},
        not_=["visale", "avance_loca_pass", "accompagnement_salaries_difficulte"]),
    "TC22": dict(
        profile={"as_of": "2026-04-01", "age": 35, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
                 "employer_sector": "prive_non_agricole", "employer_size": 300, "net_monthly_salary": 2400,
                 "mutation_date": "2026-02-01", "rent": 1100, "zone": "II", "lease_signed": False,
                 "project": "louer"},
        should={"visale": "eligible", "avance_loca_pass": "eligible"},
        not_=ENDED_MOBILITY),
    "TC25": dict(
        profile={"as_of": "2026-03-01", "age": 45, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
                 "job_start_date": "2016-03-01", "employer_sector": "prive_non_agricole", "employer_size": 12,
                 "net_monthly_salary": 1650, "rent": 700, "zone": "III", "project": "louer"},
        should={"visale": "eligible", "avance_loca_pass": "eligible"},
        not_=[]),
    "TC28": dict(
        profile={"as_of": "2026-05-01", "age": 35, "activity": "salarie", "contract": "cdd",
                 "job_start_date": "2026-03-01", "employer_sector": "prive_non_agricole", "employer_size": 80,
                 "net_monthly_salary": 1600, "dwelling": "social", "iml": False, "project": "louer"},
        should={"avance_loca_pass": "eligible", "logement_social_alin": "eligible"},
        not_=["visale"]),
    "TC32": dict(
        profile={"as_of": "2026-05-01", "age": 34, "activity": "salarie", "contract": "cdi",
                 "employer_sector": "prive_non_agricole", "employer_size": 250, "resources_under_pli": True,
                 "purchase_operation": "vefa", "first_time_buyer": True, "project": "acheter"},
        should={"pret_accession": "eligible"},
        not_=["prime_accession", "visale", "avance_loca_pass"]),
    "TC37": dict(
        profile={"as_of": "2026-06-01", "age": 38, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
                 "employer_sector": "prive_non_agricole", "employer_size": 30, "net_monthly_salary": 1900,
                 "difficulty_events": ["separation", "impayes_loyer", "expulsion"], "project": "difficulte",
                 "lease_signed": True, "move_in_date": "2022-01-01"},
        should={"accompagnement_salaries_difficulte": "eligible", "logement_social_alin": "eligible"},
        not_=["visale", "avance_loca_pass", "aide_exceptionnelle_covid"]),
    "TC39a": dict(
        profile={"as_of": "2026-09-01", "age": 28, "activity": "fonctionnaire", "employer_sector": "public",
                 "dwelling": "prive", "project": "louer"},
        should={"visale": "eligible"},
        not_=["avance_loca_pass", "mobili_jeune", "pret_accession"]),
    "TC39b": dict(
        profile={"as_of": "2026-09-01", "age": 27, "activity": "agent_public_contractuel", "contract": "cdd",
                 "employer_sector": "public", "project": "louer"},
        should={"visale": "eligible", "avance_loca_pass": "eligible"},
        not_=[]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_worked_example(case):
    spec = CASES[case]
    res = by_id(evaluate(spec["profile"]))
    for pid, expected in spec["should"].items():
        assert res[pid]["status"] == expected, (case, pid, res[pid])
    for pid in spec["not_"]:
        assert res[pid]["status"] != "eligible", (case, pid, res[pid])


def test_tc01_amount_mobili_jeune():
    r = by_id(evaluate(CASES["TC01"]["profile"]))["mobili_jeune"]
    assert r["amount"]["monthly"] == 100 and r["amount"]["yearly_cap"] == 1100
    assert "MJ-6a" in r["rules"]


def test_tc01_without_visa_information_asks_for_the_visa():
    p = dict(CASES["TC01"]["profile"])
    del p["visale_visa_obtained"]
    r = by_id(evaluate(p))["visale"]
    assert r["status"] == "need_info" and "VIS-T" in r["rules"] and r["missing"] == ["visale_visa_obtained"]


def test_tc02_reason_names_distance_and_rule():
    r = by_id(evaluate(CASES["TC02"]["profile"]))["mobili_jeune"]
    assert r["status"] == "ineligible" and "MJ-6a" in r["rules"]
    text = " ".join(r["reasons"]).replace("\u202f", " ").replace("\u00a0", " ")
    assert "65 km" in text and "35 minutes" in text and "70 km" in text


def test_tc06_mobili_jeune_fails_on_age():
    r = by_id(evaluate(CASES["TC06"]["profile"]))
    assert r["mobili_jeune"]["status"] == "ineligible" and r["mobili_jeune"]["rules"] == ["MJ-1"]
    assert "LP-1" in r["avance_loca_pass"]["rules"]


def test_tc12_rules():
    r = by_id(evaluate(CASES["TC12"]["profile"]))
    assert r["mobili_jeune"]["status"] == "ineligible" and "MJ-7" in r["mobili_jeune"]["rules"]
    assert r["avance_loca_pass"]["status"] == "ineligible" and "LP-T" in r["avance_loca_pass"]["rules"]
    assert r["visale"]["status"] == "ineligible" and "VIS-T" in r["visale"]["rules"]


def test_tc12_later_within_anniversary_window():
    p = dict(CASES["TC12"]["profile"], as_of="2027-01-15")
    assert by_id(evaluate(p))["mobili_jeune"]["status"] == "eligible"


def test_tc12_lease_signed_visa_unknown_is_never_eligible():
    p = dict(CASES["TC12"]["profile"])
    del p["visale_visa_obtained"]
    assert by_id(evaluate(p))["visale"]["status"] != "eligible"


def test_tc25_2025_rule_excludes():
    p = dict(CASES["TC25"]["profile"], as_of="2025-06-01", mutation_date=False, job_promise_start_date=False,
             bail_mobilite=False, iml=False)
    r = by_id(evaluate(p))["visale"]
    assert r["status"] == "ineligible"


def test_tc28_visale_excluded_by_dwelling_rule():
    r = by_id(evaluate(CASES["TC28"]["profile"]))["visale"]
    assert r["status"] == "ineligible" and "VIS-L2" in r["rules"]


def test_tc32_amount():
    r = by_id(evaluate(CASES["TC32"]["profile"]))["pret_accession"]
    assert r["amount"]["max"] == 30000 and r["amount"]["rate"] == 1.0 and r["amount"]["years"] == 25


def test_tc37_without_project_never_offers_renting_products():
    p = dict(CASES["TC37"]["profile"])
    del p["project"]
    r = by_id(evaluate(p))
    assert r["visale"]["status"] != "eligible" and r["avance_loca_pass"]["status"] != "eligible"
    assert r["accompagnement_salaries_difficulte"]["status"] == "eligible"


def test_tc39a_loca_pass_excluded_as_fonctionnaire():
    r = by_id(evaluate(CASES["TC39a"]["profile"]))["avance_loca_pass"]
    assert r["status"] == "ineligible" and r["rules"] == ["LP-X"]


def test_tc39b_loca_pass_via_non_permanent_job():
    r = by_id(evaluate(CASES["TC39b"]["profile"]))["avance_loca_pass"]
    assert "LP-4" in r["rules"]
