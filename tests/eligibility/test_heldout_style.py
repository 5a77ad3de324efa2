"""Held-out-style acceptance: realistic profiles written from the reference alone
(tests/eligibility/heldout_profiles.py), checked the way the issue's acceptance does:

* a product the rules make eligible ("S") comes out `eligible`;
* a point the reference marks open ("C") comes out `to_confirm` (or `eligible`);
* a product the rules exclude ("N"), and every discontinued product, never comes out `eligible`.

A sample goes through the command line (subprocess, as the acceptance runs it), the rest
through evaluate(). Profiles use only interfaces.md section 4 fields."""
import json
import subprocess
import sys

import pytest

from actions.eligibility import load_catalogue
from tests.eligibility.heldout_profiles import CASES
from tests.eligibility.util import ROOT, by_id, evaluate

CAT = load_catalogue()
DISCONTINUED = [pid for pid, prod in CAT.products.items() if prod.discontinued]
SECTION_4 = {
    "as_of", "age", "activity", "contract", "cdi_confirmed", "vte", "employer_sector", "employer_size",
    "employer_contributes", "gross_monthly_salary", "net_monthly_salary", "monthly_resources", "job_start_date",
    "job_promise_start_date", "mutation_date", "scholarship", "internship_months", "cdd_months_last_6",
    "mobili_jeune_in_progress", "project", "rent", "housing_benefit", "zone", "dwelling", "lease_signed",
    "move_in_date", "bail_mobilite", "iml", "landlord_is_family", "previous_home_distance_km",
    "previous_home_travel_minutes", "double_rent", "employer_provided_housing", "first_time_buyer",
    "purchase_operation", "disability_in_household", "resources_under_pli", "owner_occupier", "works_kind",
    "difficulty_events",
}
CLI_SAMPLE = set(range(0, len(CASES), 6))  # every 6th case through the command line


def check(name, results, expectations):
    res = by_id(results)
    exp = dict(expectations)
    for pid in DISCONTINUED:
        exp.setdefault(pid, "N")
    wrong = []
    for pid, e in exp.items():
        st = res[pid]["status"]
        if e == "S" and st != "eligible":
            wrong.append((pid, "should be eligible", st, res[pid]["missing"], res[pid]["reasons"]))
        elif e == "C" and st not in ("eligible", "to_confirm"):
            wrong.append((pid, "should be to_confirm (open point)", st, res[pid]["missing"], res[pid]["reasons"]))
        elif e == "N" and st == "eligible":
            wrong.append((pid, "must not be eligible", st, res[pid]["rules"]))
    assert not wrong, (name, wrong)


def test_profiles_use_only_section_4_fields():
    for name, profile, expectations in CASES:
        assert set(profile) <= SECTION_4, (name, set(profile) - SECTION_4)
        assert set(expectations) <= set(CAT.products), name
        assert set(expectations.values()) <= {"S", "C", "N"}, name


@pytest.mark.parametrize("i", sorted(set(range(len(CASES))) - CLI_SAMPLE), ids=lambda i: CASES[i][0][:4])
def test_heldout_style_profile(i):
    name, profile, expectations = CASES[i]
    check(name, evaluate(profile), expectations)


@pytest.mark.parametrize("i", sorted(CLI_SAMPLE), ids=lambda i: CASES[i][0][:4])
def test_heldout_style_profile_through_cli(i):
    name, profile, expectations = CASES[i]
    r = subprocess.run([sys.executable, "-m", "actions.eligibility"], input=json.dumps(profile),
                       capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["as_of"] == profile["as_of"]
    check(name, out, expectations)


def test_eligible_products_state_their_conditions_rather_than_asking():
    """The fixes behind H72-H74: who owns the seasonal worker's dwelling is stated as a condition,
    an apprentice described as a salarié is an alternant for Visale, a past move-in means the lease is signed
    (then whether the visa came before the signature is asked)."""
    by_name = {c[0][:3]: c[1] for c in CASES}
    r = by_id(evaluate(by_name["H72"]))["aide_saisonniers_agricoles"]
    assert r["status"] == "eligible" and any("employeur" in c for c in r["conditions"])
    r = by_id(evaluate(by_name["H73"]))["visale"]
    assert r["status"] == "eligible" and "VIS-L6" in r["rules"]
    r = by_id(evaluate(by_name["H74"]))["visale"]
    assert r["status"] == "need_info" and "VIS-T" in r["rules"] and r["missing"] == ["visale_visa_obtained"]
    assert any("entré(e) dans le logement" in x for x in r["reasons"])
