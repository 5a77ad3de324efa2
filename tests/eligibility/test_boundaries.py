"""For every rule code, the boundary on both sides (ages, distances, minutes, ceilings, windows,
the day a product ended)."""
import datetime as dt

import pytest

from tests.eligibility.util import by_id, evaluate, result_for, status
from actions.eligibility import load_catalogue, value_at

D = dt.date.fromisoformat

ALT = {  # young apprentice who fulfils every Mobili-Jeune rule on 2026-03-15
    "as_of": "2026-03-15", "age": 20, "activity": "alternant", "contract": "apprentissage",
    "employer_sector": "prive_non_agricole", "employer_size": 50, "gross_monthly_salary": 1100,
    "previous_home_distance_km": 300, "previous_home_travel_minutes": 200, "double_rent": False,
    "job_start_date": "2026-02-01", "mobili_jeune_in_progress": False, "project": "louer", "rent": 500,
    "housing_benefit": 200, "zone": "II", "dwelling": "prive", "lease_signed": False, "landlord_is_family": False,
    "bail_mobilite": False, "iml": False,
}
OVER30 = {  # 45-year-old salarié in a confirmed CDI, eligible to Visale through VIS-B2 on 2026-03-15
    "as_of": "2026-03-15", "age": 45, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
    "job_start_date": "2015-01-01", "employer_sector": "prive_non_agricole", "employer_size": 50,
    "net_monthly_salary": 1600, "monthly_resources": 3000, "mutation_date": False, "job_promise_start_date": False,
    "bail_mobilite": False, "iml": False, "project": "louer", "rent": 900, "zone": "III", "dwelling": "prive",
    "lease_signed": False, "landlord_is_family": False,
}
HIGH = dict(OVER30, net_monthly_salary=2500)  # VIS-B2 fails: other paths decide
STUDENT = {"as_of": "2026-03-15", "age": 20, "activity": "etudiant", "scholarship": False, "cdd_months_last_6": 0,
           "internship_months": 0, "project": "louer", "bail_mobilite": False, "iml": False, "rent": 600, "zone": "II"}
BUYER = {"as_of": "2026-03-15", "age": 40, "activity": "salarie", "contract": "cdi", "employer_sector": "prive_non_agricole",
         "employer_size": 50, "first_time_buyer": True, "resources_under_pli": True, "purchase_operation": "vefa",
         "project": "acheter"}
WORKS = {"as_of": "2026-03-15", "age": 40, "activity": "salarie", "employer_sector": "prive_non_agricole",
         "employer_size": 50, "owner_occupier": True, "works_kind": "amelioration", "resources_under_pli": True,
         "project": "travaux"}
VTE = {"as_of": "2026-03-15", "age": 25, "activity": "salarie", "contract": "cdd", "vte": True,
       "employer_sector": "prive_non_agricole", "gross_monthly_salary": 2500, "project": "louer"}
AGRI_SEASON = {"as_of": "2026-06-15", "age": 40, "activity": "salarie", "contract": "saisonnier", "employer_sector": "agricole",
               "employer_size": 5, "employer_provided_housing": False, "job_start_date": "2026-06-01", "project": "louer"}
DIFF = {"as_of": "2026-03-15", "age": 40, "activity": "salarie", "employer_sector": "prive_non_agricole",
        "employer_size": 10, "difficulty_events": ["impayes_loyer"], "project": "difficulte"}


def sh(base, **kw):
    return dict(base, **kw)


def months(d, n):
    from actions.eligibility.products.common import add_months
    return add_months(D(d), n).isoformat()


def day(d, n):
    return (D(d) + dt.timedelta(days=n)).isoformat()


NOT = "not_eligible"

CASES = [
    # ---- Visale
    ("VIS-A 18", "visale", sh(ALT, age=18), "eligible"),
    ("VIS-A 17", "visale", sh(ALT, age=17), NOT),
    ("VIS-A 15", "visale", sh(ALT, age=15), "ineligible"),
    ("VIS-A 30", "visale", sh(STUDENT, age=30), "eligible"),
    ("VIS-A 31 student", "visale", sh(STUDENT, age=31, job_promise_start_date=False, salaried_activity=False), "ineligible"),
    # minors (visale.fr FAQ « Locataire de 30 ans ou moins », question 2, checked 2026-12-01)
    ("VIS-A 17 emancipated", "visale", sh(ALT, age=17, emancipated=True), "eligible"),
    ("VIS-A 16 emancipated", "visale", sh(ALT, age=16, emancipated=True), "eligible"),
    ("VIS-A 15 emancipated", "visale", sh(ALT, age=15, emancipated=True), "ineligible"),
    ("VIS-A 17 not emancipated, 18 within 2 months", "visale", sh(ALT, age=17, emancipated=False, majority_soon=True), "eligible"),
    ("VIS-A 17 not emancipated, 18 in more than 2 months", "visale", sh(ALT, age=17, emancipated=False, majority_soon=False), "ineligible"),
    ("VIS-A 16 not emancipated", "visale", sh(ALT, age=16, emancipated=False), "ineligible"),
    ("VIS-A 17 emancipation unknown: both routes stated", "visale", sh(ALT, age=17), "to_confirm"),
    ("VIS-A 17 not emancipated, date of majority unknown", "visale", sh(ALT, age=17, emancipated=False), "to_confirm"),
    # over 30, student or intern with a salaried activity, parc privé (visale.fr FAQ « plus de 30 ans »)
    ("VIS-B5 student 35 with a job, private", "visale", sh(STUDENT, age=35, salaried_activity=True, dwelling="prive", job_promise_start_date=False), "eligible"),
    ("VIS-B5 student 35 without a job", "visale", sh(STUDENT, age=35, salaried_activity=False, dwelling="prive", job_promise_start_date=False), "ineligible"),
    ("VIS-B5 student 35 with a job, social housing", "visale", sh(STUDENT, age=35, salaried_activity=True, dwelling="social", job_promise_start_date=False), "ineligible"),
    ("VIS-B5 intern 40 paid by a side job", "visale", sh(STUDENT, age=40, contract="stage", net_monthly_salary=900, monthly_resources=1400, dwelling="prive", job_promise_start_date=False), "eligible"),
    ("VIS-B5 student 35 job unknown is asked", "visale", sh(STUDENT, age=35, dwelling="prive", job_promise_start_date=False), "need_info"),
    ("VIS-B EPIC over 30 open", "visale", sh(OVER30, employer_sector="epic"), "to_confirm"),
    ("VIS-B1 6 months", "visale", sh(HIGH, contract="cdd", job_start_date=months("2026-03-15", -6)), "eligible"),
    ("VIS-B1 6 months + 1 day", "visale", sh(HIGH, contract="cdd", job_start_date=day(months("2026-03-15", -6), -1)), "ineligible"),
    ("VIS-B1 CDI in trial", "visale", sh(HIGH, cdi_confirmed=False, job_start_date="2026-02-01"), "eligible"),
    ("VIS-B1 CDI confirmed", "visale", sh(HIGH, cdi_confirmed=True, job_start_date="2026-02-01"), "ineligible"),
    ("VIS-B2 1710 in 2026", "visale", sh(OVER30, net_monthly_salary=1710), "eligible"),
    ("VIS-B2 1711 in 2026", "visale", sh(OVER30, net_monthly_salary=1711), "ineligible"),
    ("VIS-B2 1500 on 2026-01-05", "visale", sh(OVER30, net_monthly_salary=1500, as_of="2026-01-05"), "eligible"),
    ("VIS-B2 1501 on 2026-01-05", "visale", sh(OVER30, net_monthly_salary=1501, as_of="2026-01-05"), "ineligible"),
    ("VIS-B2 1600 on 2026-01-06", "visale", sh(OVER30, net_monthly_salary=1600, as_of="2026-01-06"), "eligible"),
    ("VIS-B3 6 months", "visale", sh(HIGH, mutation_date=months("2026-03-15", -6)), "eligible"),
    ("VIS-B3 6 months + 1 day", "visale", sh(HIGH, mutation_date=day(months("2026-03-15", -6), -1)), "ineligible"),
    ("VIS-B4 3 months", "visale", sh(HIGH, activity="demandeur_emploi", job_promise_start_date=months("2026-03-15", 3)), "eligible"),
    ("VIS-B4 3 months + 1 day", "visale", sh(HIGH, activity="demandeur_emploi", job_promise_start_date=day(months("2026-03-15", 3), 1)), "ineligible"),
    ("VIS-B fonctionnaire over 30", "visale", sh(OVER30, activity="fonctionnaire", employer_sector="public"), "ineligible"),
    ("VIS-C bail mobilite any age", "visale", sh(OVER30, activity="retraite", bail_mobilite=True), "eligible"),
    ("VIS-C no bail mobilite", "visale", sh(OVER30, activity="retraite"), "ineligible"),
    ("VIS-D iml any age", "visale", sh(OVER30, activity="sans_activite", iml=True), "eligible"),
    ("VIS-E seasonal 2024-06-04", "visale", sh(HIGH, contract="saisonnier", job_start_date="2024-01-01", as_of="2024-06-04", rent=500), "eligible"),
    ("VIS-E seasonal 2024-06-03", "visale", sh(HIGH, contract="saisonnier", job_start_date="2023-06-01", as_of="2024-06-03", rent=500), "ineligible"),
    ("VIS-E seasonal 2025 rent cap 601", "visale", sh(HIGH, contract="saisonnier", job_start_date="2024-01-01", as_of="2025-06-01", rent=601), "ineligible"),
    ("VIS-E seasonal 2026 rent 1365", "visale", sh(HIGH, contract="saisonnier", job_start_date="2024-01-01", rent=1365), "eligible"),
    ("VIS-L1 not renting", "visale", sh(ALT, project="acheter"), "ineligible"),
    ("VIS-L2 over 30 social", "visale", sh(OVER30, dwelling="social"), "ineligible"),
    ("VIS-L2 over 30 private", "visale", sh(OVER30, dwelling="prive"), "eligible"),
    ("VIS-L2 young worker social", "visale", sh(ALT, activity="salarie", contract="cdd", dwelling="social", monthly_resources=2000), "ineligible"),
    ("VIS-L2 student social", "visale", sh(STUDENT, dwelling="social"), "eligible"),
    # an apprentice described as a salarié on a contrat d'apprentissage is an alternant for VIS-L2/L6
    ("VIS-L2 salarie apprenti social", "visale", sh(ALT, activity="salarie", dwelling="social"), "eligible"),
    ("VIS-L6 salarie apprenti no resources", "visale", sh(ALT, activity="salarie", rent=800, zone="II"), "eligible"),
    ("VIS-L5 salarie cdd no resources", "visale", sh(ALT, activity="salarie", contract="cdd", rent=800, zone="II"), "need_info"),
    ("VIS-L2 over 30 salarie pro any dwelling", "visale", sh(OVER30, contract="professionnalisation", dwelling="social"), "eligible"),
    ("VIS-L3 family landlord", "visale", sh(ALT, landlord_is_family=True), "ineligible"),
    ("VIS-L4 zone I 1940", "visale", sh(OVER30, zone="I", rent=1940, monthly_resources=5000), "eligible"),
    ("VIS-L4 zone I 1941", "visale", sh(OVER30, zone="I", rent=1941, monthly_resources=5000), "ineligible"),
    ("VIS-L4 zone II 1575", "visale", sh(OVER30, zone="II", rent=1575, monthly_resources=5000), "eligible"),
    ("VIS-L4 zone II 1576", "visale", sh(OVER30, zone="II", rent=1576, monthly_resources=5000), "ineligible"),
    ("VIS-L4 zone III 1365", "visale", sh(OVER30, zone="III", rent=1365, monthly_resources=5000), "eligible"),
    ("VIS-L4 zone III 1366", "visale", sh(OVER30, zone="III", rent=1366, monthly_resources=5000), "ineligible"),
    ("VIS-L4 IDF 1500 in 2025", "visale", sh(OVER30, zone="I", rent=1500, monthly_resources=5000, net_monthly_salary=1400, as_of="2025-06-01"), "eligible"),
    ("VIS-L4 IDF 1501 in 2025", "visale", sh(OVER30, zone="I", rent=1501, monthly_resources=5000, net_monthly_salary=1400, as_of="2025-06-01"), "ineligible"),
    ("VIS-L5 half resources", "visale", sh(OVER30, rent=1100, monthly_resources=2200), "eligible"),
    ("VIS-L5 one euro over", "visale", sh(OVER30, rent=1100, monthly_resources=2199), "ineligible"),
    ("VIS-L5 net salary used", "visale", sh(OVER30, rent=801, monthly_resources=None, net_monthly_salary=1600), "ineligible"),
    ("VIS-L6 student cap 840", "visale", sh(STUDENT, rent=840), "eligible"),
    ("VIS-L6 student 841 no resources", "visale", sh(STUDENT, rent=841), "need_info"),
    ("VIS-L6 student 841 low resources", "visale", sh(STUDENT, rent=841, monthly_resources=1600), "ineligible"),
    ("VIS-L6 student 841 open 2026", "visale", sh(STUDENT, rent=841, monthly_resources=1700), "to_confirm"),
    ("VIS-L6 student cap 2025 IDF 800", "visale", sh(STUDENT, zone="I", rent=800, as_of="2025-06-01"), "eligible"),
    ("VIS-T visa before signing", "visale", sh(ALT, lease_signed=True, visale_visa_obtained=True), "eligible"),
    ("VIS-T no visa", "visale", sh(ALT, lease_signed=True, visale_visa_obtained=False), "ineligible"),
    ("VIS-T moved in, lease not stated", "visale", sh(ALT, lease_signed=None, move_in_date="2026-03-01"), "need_info"),
    ("VIS-T moving in later, lease not stated", "visale", sh(ALT, lease_signed=None, move_in_date="2026-04-01"), "eligible"),
    ("VIS-T visa unknown", "visale", sh(ALT, lease_signed=True), "need_info"),
    # ---- Avance Loca-Pass
    ("LP-1 private salarie any age", "avance_loca_pass", sh(OVER30, age=62), "eligible"),
    ("LP-1 preretraite", "avance_loca_pass", sh(OVER30, activity="preretraite"), "eligible"),
    ("LP-1 agricultural", "avance_loca_pass", sh(OVER30, employer_sector="agricole"), "ineligible"),
    ("LP-1 EPIC employee (CCH L313-1)", "avance_loca_pass", sh(OVER30, employer_sector="epic"), "eligible"),
    ("LP-1 public employer", "avance_loca_pass", sh(OVER30, employer_sector="public", contract="cdi"), "ineligible"),
    ("LP-2 public apprentice 29", "avance_loca_pass", sh(ALT, employer_sector="public", age=29), "eligible"),
    ("LP-2 public apprentice 30", "avance_loca_pass", sh(ALT, employer_sector="public", age=30), "ineligible"),
    ("LP-3 job seeker 29", "avance_loca_pass", sh(STUDENT, activity="demandeur_emploi", age=29), "eligible"),
    ("LP-3 job seeker 30", "avance_loca_pass", sh(STUDENT, activity="demandeur_emploi", age=30), "ineligible"),
    ("LP-4 contractuel 29", "avance_loca_pass", sh(STUDENT, activity="agent_public_contractuel", employer_sector="public", age=29), "eligible"),
    ("LP-4 contractuel 30", "avance_loca_pass", sh(STUDENT, activity="agent_public_contractuel", employer_sector="public", age=30), "ineligible"),
    ("LP-4 agricultural seasonal open", "avance_loca_pass", sh(STUDENT, activity="salarie", contract="saisonnier", employer_sector="agricole", age=25), "to_confirm"),
    ("LP-4 CDD 25 any sector", "avance_loca_pass", sh(STUDENT, activity="salarie", contract="cdd", employer_sector="public", age=25), "eligible"),
    ("LP-5 scholarship", "avance_loca_pass", sh(STUDENT, scholarship=True), "eligible"),
    ("LP-6 CDD 3 months", "avance_loca_pass", sh(STUDENT, cdd_months_last_6=3), "eligible"),
    ("LP-6 CDD 2.9 months", "avance_loca_pass", sh(STUDENT, cdd_months_last_6=2.9), "ineligible"),
    ("LP-6 internship 3 months", "avance_loca_pass", sh(STUDENT, internship_months=3), "eligible"),
    ("LP-6 internship 2 months", "avance_loca_pass", sh(STUDENT, internship_months=2), "ineligible"),
    ("LP-X fonctionnaire", "avance_loca_pass", sh(OVER30, activity="fonctionnaire", age=25), "ineligible"),
    ("LP-X retraite", "avance_loca_pass", sh(OVER30, activity="retraite"), "ineligible"),
    ("LP-X independant", "avance_loca_pass", sh(OVER30, activity="independant", age=25), "ineligible"),
    ("LP-H not renting", "avance_loca_pass", sh(OVER30, project="travaux"), "ineligible"),
    ("LP-T 2 months after move-in", "avance_loca_pass", sh(OVER30, move_in_date=months("2026-03-15", -2)), "eligible"),
    ("LP-T 2 months + 1 day", "avance_loca_pass", sh(OVER30, move_in_date=day(months("2026-03-15", -2), -1)), "ineligible"),
    # ---- Mobili-Jeune
    ("MJ-1 29", "mobili_jeune", sh(ALT, age=29), "eligible"),
    ("MJ-1 30", "mobili_jeune", sh(ALT, age=30), "ineligible"),
    ("MJ-2 CDD", "mobili_jeune", sh(ALT, activity="salarie", contract="cdd"), "ineligible"),
    ("MJ-2 professionnalisation", "mobili_jeune", sh(ALT, contract="professionnalisation"), "eligible"),
    ("MJ-3 agricultural", "mobili_jeune", sh(ALT, employer_sector="agricole"), "ineligible"),
    ("MJ-3 public", "mobili_jeune", sh(ALT, employer_sector="public"), "ineligible"),
    ("MJ-3 EPIC open", "mobili_jeune", sh(ALT, employer_sector="epic"), "to_confirm"),
    ("MJ-4 2187.64 March 2026", "mobili_jeune", sh(ALT, gross_monthly_salary=2187.64), "eligible"),
    ("MJ-4 2187.65 March 2026", "mobili_jeune", sh(ALT, gross_monthly_salary=2187.65), "ineligible"),
    # the ceiling follows the SMIC on the request date: 120 % x 1 867,02 € from 1 June 2026
    ("MJ-4 2187.65 on 2026-05-31", "mobili_jeune", sh(ALT, gross_monthly_salary=2187.65, as_of="2026-05-31", job_start_date="2026-05-01"), "ineligible"),
    ("MJ-4 2187.65 on 2026-06-01", "mobili_jeune", sh(ALT, gross_monthly_salary=2187.65, as_of="2026-06-01", job_start_date="2026-05-01"), "eligible"),
    ("MJ-4 2240.42 July 2026", "mobili_jeune", sh(ALT, gross_monthly_salary=2240.42, as_of="2026-07-01", job_start_date="2026-06-01"), "eligible"),
    ("MJ-4 2240.43 July 2026", "mobili_jeune", sh(ALT, gross_monthly_salary=2240.43, as_of="2026-07-01", job_start_date="2026-06-01"), "ineligible"),
    ("MJ-4 80% SMIC 1413.54 (2024)", "mobili_jeune", sh(ALT, gross_monthly_salary=1413.54, as_of="2024-06-01", job_start_date="2024-05-01"), "eligible"),
    ("MJ-4 80% SMIC 1413.55 (2024)", "mobili_jeune", sh(ALT, gross_monthly_salary=1413.55, as_of="2024-06-01", job_start_date="2024-05-01"), "ineligible"),
    ("MJ-4 120% from 2024-10-29", "mobili_jeune", sh(ALT, gross_monthly_salary=1500, as_of="2024-10-29", job_start_date="2024-10-01"), "eligible"),
    ("MJ-4 80% until 2024-10-28", "mobili_jeune", sh(ALT, gross_monthly_salary=1500, as_of="2024-10-28", job_start_date="2024-10-01"), "ineligible"),
    ("MJ suspended 2023-12-15", "mobili_jeune", sh(ALT, as_of="2023-12-15", job_start_date="2023-12-01"), "ineligible"),
    ("MJ suspended 2024-02-14", "mobili_jeune", sh(ALT, as_of="2024-02-14", job_start_date="2024-02-01"), "ineligible"),
    ("MJ reopened 2024-02-15", "mobili_jeune", sh(ALT, as_of="2024-02-15", job_start_date="2024-02-01"), "eligible"),
    ("MJ-5 file in progress", "mobili_jeune", sh(ALT, mobili_jeune_in_progress=True), "ineligible"),
    ("MJ-6a 70 km 40 min", "mobili_jeune", sh(ALT, previous_home_distance_km=70, previous_home_travel_minutes=40), "ineligible"),
    ("MJ-6a 71 km", "mobili_jeune", sh(ALT, previous_home_distance_km=71, previous_home_travel_minutes=40), "eligible"),
    ("MJ-6a 41 minutes", "mobili_jeune", sh(ALT, previous_home_distance_km=70, previous_home_travel_minutes=41), "eligible"),
    ("MJ-6b double rent", "mobili_jeune", sh(ALT, previous_home_distance_km=5, previous_home_travel_minutes=10, double_rent=True), "eligible"),
    ("MJ-7 5 months after start", "mobili_jeune", sh(ALT, job_start_date=months("2026-03-15", -5)), "eligible"),
    ("MJ-7 5 months + 1 day", "mobili_jeune", sh(ALT, job_start_date=day(months("2026-03-15", -5), -1)), "ineligible"),
    ("MJ-7 3 months before start", "mobili_jeune", sh(ALT, job_start_date=months("2026-03-15", 3)), "eligible"),
    ("MJ-7 3 months + 1 day before", "mobili_jeune", sh(ALT, job_start_date=day(months("2026-03-15", 3), 1)), "ineligible"),
    ("MJ-7 anniversary window opens", "mobili_jeune", sh(ALT, job_start_date="2025-06-15"), "eligible"),
    ("MJ-7 day before anniversary window", "mobili_jeune", sh(ALT, job_start_date="2025-06-16"), "ineligible"),
    ("MJ-8 not renting", "mobili_jeune", sh(ALT, project="acheter"), "ineligible"),
    ("MJ-9 rest 10", "mobili_jeune", sh(ALT, rent=260, housing_benefit=250), "eligible"),
    ("MJ-9 rest 9.99", "mobili_jeune", sh(ALT, rent=259.99, housing_benefit=250), "ineligible"),
    # ---- Mobili-Jeune VTE
    ("MJV-1 vte (MJV-5: 2020 source only)", "mobili_jeune_vte", VTE, "to_confirm"),
    ("MJV-1 not vte", "mobili_jeune_vte", sh(VTE, vte=False), "ineligible"),
    ("MJV-2 public", "mobili_jeune_vte", sh(VTE, employer_sector="public"), "ineligible"),
    ("MJV-3 200% SMIC", "mobili_jeune_vte", sh(VTE, gross_monthly_salary=3646.06), "to_confirm"),
    ("MJV-3 over 200% SMIC", "mobili_jeune_vte", sh(VTE, gross_monthly_salary=3646.07), "ineligible"),
    ("MJV-4 age 30 open", "mobili_jeune_vte", sh(VTE, age=30), "to_confirm"),
    # ---- Prêt Accession
    ("PA-1 10 employees", "pret_accession", sh(BUYER, employer_size=10), "eligible"),
    ("PA-1 9 employees", "pret_accession", sh(BUYER, employer_size=9), "ineligible"),
    ("PA-1 agricultural", "pret_accession", sh(BUYER, employer_sector="agricole"), "ineligible"),
    ("PA-1 EPIC 300 employees", "pret_accession", sh(BUYER, employer_sector="epic", employer_size=300), "eligible"),
    ("PA-1 public employer", "pret_accession", sh(BUYER, employer_sector="public"), "ineligible"),
    ("PA-1 retiree open", "pret_accession", sh(BUYER, activity="retraite"), "to_confirm"),
    ("PA-2 not first-time, no mobility", "pret_accession", sh(BUYER, first_time_buyer=False, disability_in_household=False, mutation_date=False), "ineligible"),
    ("PA-2 mobility", "pret_accession", sh(BUYER, first_time_buyer=False, disability_in_household=False, mutation_date="2026-01-10"), "eligible"),
    ("PA-2 disability", "pret_accession", sh(BUYER, first_time_buyer=False, disability_in_household=True), "eligible"),
    ("PA-3 over PLI open", "pret_accession", sh(BUYER, resources_under_pli=False), "to_confirm"),
    ("PA-3 PLI unknown is asked", "pret_accession", sh(BUYER, resources_under_pli=None), "need_info"),
    ("PA-5 land only", "pret_accession", sh(BUYER, purchase_operation="terrain"), "ineligible"),
    ("PA-5 old private open", "pret_accession", sh(BUYER, purchase_operation="ancien_prive"), "to_confirm"),
    ("PA-5 old HLM", "pret_accession", sh(BUYER, purchase_operation="ancien_hlm"), "eligible"),
    ("PA-5 not buying", "pret_accession", sh(BUYER, project="louer"), "ineligible"),
    # ---- Prêt Travaux
    ("PT-1 10 employees", "pret_travaux", sh(WORKS, employer_size=10), "eligible"),
    ("PT-1 9 employees", "pret_travaux", sh(WORKS, employer_size=9), "ineligible"),
    ("PT-1 EPIC", "pret_travaux", sh(WORKS, employer_sector="epic"), "eligible"),
    ("PT-2 landlord energy", "pret_travaux", sh(WORKS, owner_occupier=False, works_kind="energie"), "eligible"),
    ("PT-2 landlord other works", "pret_travaux", sh(WORKS, owner_occupier=False, works_kind="amelioration"), "ineligible"),
    ("PT-3 over PLI open", "pret_travaux", sh(WORKS, resources_under_pli=False), "to_confirm"),
    ("PT-3 PLI unknown is asked", "pret_travaux", sh(WORKS, resources_under_pli=None), "need_info"),
    ("PT-4 not works", "pret_travaux", sh(WORKS, project="louer"), "ineligible"),
    # ---- AL'in
    ("AL-1 11 employees", "logement_social_alin", sh(OVER30, employer_size=11), "eligible"),
    ("AL-1 10 employees open", "logement_social_alin", sh(OVER30, employer_size=10), "to_confirm"),
    ("AL-1 9 employees", "logement_social_alin", sh(OVER30, employer_size=9), "ineligible"),
    ("AL-1 EPIC 200 employees", "logement_social_alin", sh(OVER30, employer_sector="epic", employer_size=200), "eligible"),
    ("AL-1 public employer", "logement_social_alin", sh(OVER30, employer_sector="public", employer_size=200), "ineligible"),
    ("AL-1 size unknown is asked", "logement_social_alin", sh(OVER30, employer_size=None), "need_info"),
    ("AL-1 agricultural 50", "logement_social_alin", sh(OVER30, employer_sector="agricole", employer_size=50), "eligible"),
    ("AL-1 agricultural 49", "logement_social_alin", sh(OVER30, employer_sector="agricole", employer_size=49), "ineligible"),
    ("AL-2 over PLI", "logement_social_alin", sh(OVER30, resources_under_pli=False), "ineligible"),
    ("AL-3 stated as condition", "logement_social_alin", OVER30, "eligible"),
    # ---- Accompagnement des salariés en difficulté
    ("ASD-1 10 employees", "accompagnement_salaries_difficulte", DIFF, "eligible"),
    ("ASD-1 9 employees", "accompagnement_salaries_difficulte", sh(DIFF, employer_size=9), "ineligible"),
    ("ASD-1 EPIC", "accompagnement_salaries_difficulte", sh(DIFF, employer_sector="epic", employer_size=80), "eligible"),
    ("ASD-1 size unknown is asked", "accompagnement_salaries_difficulte", sh(DIFF, employer_size=None), "need_info"),
    ("ASD-1 agricultural 50", "accompagnement_salaries_difficulte", sh(DIFF, employer_sector="agricole", employer_size=50), "eligible"),
    ("ASD-1 agricultural 49", "accompagnement_salaries_difficulte", sh(DIFF, employer_sector="agricole", employer_size=49), "ineligible"),
    ("ASD-1 job seeker", "accompagnement_salaries_difficulte", sh(DIFF, activity="demandeur_emploi"), "ineligible"),
    ("ASD-2 no event", "accompagnement_salaries_difficulte", sh(DIFF, difficulty_events=[], project="louer"), "ineligible"),
    ("ASD-2 event without project", "accompagnement_salaries_difficulte", sh(DIFF, project=None), "eligible"),
    # ---- Agricultural products
    ("AGS seasonal 6 months", "aide_saisonniers_agricoles", sh(AGRI_SEASON, as_of=months("2026-06-01", 6)), "eligible"),
    ("AGS seasonal 6 months + 1 day", "aide_saisonniers_agricoles", sh(AGRI_SEASON, as_of=day(months("2026-06-01", 6), 1)), "ineligible"),
    ("AGS employer housing", "aide_saisonniers_agricoles", sh(AGRI_SEASON, employer_provided_housing=True), "ineligible"),
    ("AGS non agricultural", "aide_saisonniers_agricoles", sh(AGRI_SEASON, employer_sector="prive_non_agricole"), "ineligible"),
    ("AGLP-2 4-employee vineyard", "agri_loca_pass", AGRI_SEASON, "ineligible"),
    ("AGLP-2 49 employees", "agri_loca_pass", sh(AGRI_SEASON, employer_size=49), "ineligible"),
    ("AGLP-2 50 employees open", "agri_loca_pass", sh(AGRI_SEASON, employer_size=50), "to_confirm"),
    ("AGLP-2 not contributing", "agri_loca_pass", sh(AGRI_SEASON, employer_size=80, employer_contributes=False), "ineligible"),
    ("AGLP-2 size unknown is asked", "agri_loca_pass", sh(AGRI_SEASON, employer_size=None), "need_info"),
    ("AGLP non agricultural", "agri_loca_pass", OVER30, "ineligible"),
    ("AGMJ agricultural apprentice open", "agri_mobili_jeune", sh(ALT, employer_sector="agricole", employer_contributes=True), "to_confirm"),
    ("AGMJ 49 employees", "agri_mobili_jeune", sh(ALT, employer_sector="agricole", employer_size=49, employer_contributes=True), "ineligible"),
    ("AGMJ not contributing", "agri_mobili_jeune", sh(ALT, employer_sector="agricole", employer_contributes=False), "ineligible"),
    ("AGMJ age 30", "agri_mobili_jeune", sh(ALT, employer_sector="agricole", employer_contributes=True, age=30), "ineligible"),
    ("AGMO 71 km open", "agri_mobilite", sh(AGRI_SEASON, employer_contributes=True, previous_home_distance_km=71, previous_home_travel_minutes=60, resources_under_pli=True), "to_confirm"),
    ("AGMO 70 km 75 min", "agri_mobilite", sh(AGRI_SEASON, employer_contributes=True, previous_home_distance_km=70, previous_home_travel_minutes=75, resources_under_pli=True), "ineligible"),
    ("AGMO 76 min open", "agri_mobilite", sh(AGRI_SEASON, employer_contributes=True, previous_home_distance_km=70, previous_home_travel_minutes=76, resources_under_pli=True), "to_confirm"),
    ("AGAC open", "agri_accession", sh(BUYER, employer_sector="agricole", employer_contributes=True), "to_confirm"),
    ("AGAC not contributing", "agri_accession", sh(BUYER, employer_sector="agricole", employer_contributes=False), "ineligible"),
    ("AGTR open", "agri_travaux", sh(WORKS, employer_sector="agricole", employer_contributes=True), "to_confirm"),
]


@pytest.mark.parametrize("name,product,profile,expected", CASES, ids=[c[0] for c in CASES])
def test_boundary(name, product, profile, expected):
    r = result_for(profile, product)
    if expected == NOT:
        assert r["status"] != "eligible", r
    else:
        assert r["status"] == expected, r


ASKED = {  # a fact about the person that decides the product is asked, never assumed (interfaces.md 5)
    "VIS-T moved in, lease not stated": "visale_visa_obtained",
    "VIS-T visa unknown": "visale_visa_obtained",
    "PA-3 PLI unknown is asked": "resources_under_pli",
    "PT-3 PLI unknown is asked": "resources_under_pli",
    "AL-1 size unknown is asked": "employer_size",
    "ASD-1 size unknown is asked": "employer_size",
    "AGLP-2 size unknown is asked": "employer_size",
    "VIS-B5 student 35 job unknown is asked": "salaried_activity",
}


@pytest.mark.parametrize("name", sorted(ASKED))
def test_deciding_fact_is_asked_not_assumed(name):
    _, product, profile, _ = next(c for c in CASES if c[0] == name)
    r = result_for(profile, product)
    assert r["status"] == "need_info" and r["missing"] == [ASKED[name]], r


def test_every_rule_code_has_a_boundary_case():
    """Every rule code of the current products is exercised by at least one case above."""
    cat = load_catalogue()
    names = " ".join(c[0] for c in CASES)
    prefixes = {"MJV": "MJV", "AGLP": "AGLP", "AGMJ": "AGMJ", "AGMO": "AGMO", "AGS": "AGS", "AGAC": "AGAC", "AGTR": "AGTR"}
    condition_only = {"PA-4", "PA-6", "AL-3"}  # stated as conditions, never deciding on their own
    for prod in cat:
        for code in prod.rules:
            if code in condition_only:
                continue
            prefix = code.split("-")[0]
            if prefix in prefixes:
                assert prefix in names, code
            elif code in ("MJ-6",):
                assert "MJ-6a" in names
            else:
                assert code in names, code


# ---- dated products: the day a product ended
ENDED = [(p.id, p.end) for p in load_catalogue() if p.end is not None]


@pytest.mark.parametrize("pid,end", ENDED, ids=[e[0] for e in ENDED])
def test_product_end_day(pid, end):
    on_last_day = result_for({"as_of": end.isoformat()}, pid)
    day_after = result_for({"as_of": (end + dt.timedelta(days=1)).isoformat()}, pid)
    assert on_last_day["status"] == "to_confirm"
    assert day_after["status"] == "ended" and day_after["reasons"]


def test_product_not_yet_open():
    assert result_for({"as_of": "2020-07-14"}, "logement_social_alin")["status"] == "ineligible"


# ---- dated parameters
@pytest.mark.parametrize("name,date,value", [
    ("smic_brut_mensuel", "2025-12-31", 1801.80), ("smic_brut_mensuel", "2026-01-01", 1823.03),
    ("smic_brut_mensuel", "2026-05-31", 1823.03), ("smic_brut_mensuel", "2026-06-01", 1867.02),
    ("smic_brut_mensuel", "2022-04-30", 1603.12), ("smic_brut_mensuel", "2022-05-01", 1645.58),
    ("smic_brut_mensuel", "2022-07-31", 1645.58), ("smic_brut_mensuel", "2022-08-01", 1678.95),
    ("visale_plafond_salaire_net_plus_30", "2021-06-03", None), ("visale_plafond_salaire_net_plus_30", "2021-06-04", 1500),
    ("visale_plafond_salaire_net_plus_30", "2026-01-05", 1500), ("visale_plafond_salaire_net_plus_30", "2026-01-06", 1710),
    ("loca_pass_montant_max", "2017-12-31", 500), ("loca_pass_montant_max", "2018-01-01", 1200),
    ("mobili_jeune_taux_smic", "2023-12-14", 1.0), ("mobili_jeune_taux_smic", "2023-12-15", None),
    ("mobili_jeune_taux_smic", "2024-02-15", 0.8), ("mobili_jeune_taux_smic", "2024-10-29", 1.2),
])
def test_value_at(name, date, value):
    assert value_at(name, date) == value


@pytest.mark.parametrize("date,expected", [("2023-02-28", (40000, 0.5)), ("2023-03-01", (40000, 1.5)),
                                           ("2023-08-31", (40000, 1.5)), ("2023-09-01", (30000, 1.0))])
def test_pret_accession_terms_by_date(date, expected):
    a = result_for(sh(BUYER, as_of=date), "pret_accession")["amount"]
    assert (a["max"], a["rate"]) == expected


def test_march_and_july_2026_differ():
    """The same profile gets a different Mobili-Jeune answer in March and July 2026 (SMIC of June)."""
    p = sh(ALT, gross_monthly_salary=2200, job_start_date="2026-05-01")
    assert status(p, "mobili_jeune", "2026-03-15") == "ineligible"
    assert status(p, "mobili_jeune", "2026-07-15") == "eligible"


def test_mobili_jeune_ceiling_is_stated_with_its_date():
    """The SMIC changed on 1 June 2026: the ceiling is stated with the date it applies from."""
    r = result_for(sh(ALT, gross_monthly_salary=2300, as_of="2026-07-01", job_start_date="2026-06-01"), "mobili_jeune")
    assert r["rules"] == ["MJ-4"]
    assert "2\u202f240,42\u00a0€" in r["reasons"][0] and "1er juin 2026" in r["reasons"][0], r["reasons"]


def test_mobili_jeune_ceiling_before_june_states_until_when():
    r = result_for(sh(ALT, gross_monthly_salary=2300), "mobili_jeune")
    assert "2\u202f187,64\u00a0€" in r["reasons"][0] and "31 mai 2026" in r["reasons"][0], r["reasons"]


def test_visale_rent_cap_2026_is_stated_with_its_date():
    r = result_for(sh(OVER30, zone="II", rent=1600, monthly_resources=5000), "visale")
    assert r["rules"] == ["VIS-L4"] and "6 janvier 2026" in r["reasons"][0], r


def test_published_mobili_jeune_ceiling_equals_120_percent_of_the_smic_at_its_date():
    cat = load_catalogue()
    prm = cat.parameters["mobili_jeune_plafond_salaire_publie"]
    for start, entry in zip(prm.starts, prm.entries):
        if entry["value"] is not None:
            assert round(value_at("mobili_jeune_taux_smic", start) * value_at("smic_brut_mensuel", start), 2) == entry["value"]


def test_visale_coverage_2026_is_per_period_of_occupancy():
    a = result_for(OVER30, "visale")["amount"]["text"]
    assert "3 premières années d'occupation" in a and "nouvelle demande" in a and "6 janvier 2026" in a, a
    old = result_for(sh(OVER30, as_of="2025-06-01", net_monthly_salary=1400), "visale")["amount"]["text"]
    assert "toute la durée du bail" in old, old


def test_minor_close_to_18_is_told_the_lease_waits_for_majority():
    r = result_for(sh(ALT, age=17, emancipated=False, majority_soon=True), "visale")
    assert any("18 ans" in c for c in r["conditions"]), r["conditions"]


def test_epic_employee_reason_cites_the_law():
    r = result_for(sh(OVER30, employer_sector="epic"), "avance_loca_pass")
    assert r["rules"][0] == "LP-1" and "L313-1" in " ".join(r["reasons"]), r


def test_vte_reason_names_its_only_source():
    r = result_for(VTE, "mobili_jeune_vte")
    assert "MJV-5" in r["rules"] and "2020" in r["reasons"][0], r


@pytest.mark.parametrize("rent,apl,monthly", [(350, 220, 100), (350, 280, 70), (650, 250, 100), (260, 250, 10)])
def test_mobili_jeune_amount(rent, apl, monthly):
    r = result_for(sh(ALT, rent=rent, housing_benefit=apl), "mobili_jeune")
    assert r["status"] == "eligible"
    assert r["amount"]["monthly"] == monthly and r["amount"]["yearly_cap"] == 1100


def test_mobili_jeune_amount_250_245_no_aid():
    assert status(sh(ALT, rent=250, housing_benefit=245), "mobili_jeune") == "ineligible"


def test_loca_pass_amount():
    a = result_for(OVER30, "avance_loca_pass")["amount"]
    assert a["max"] == 1200 and "1\u202f200\u00a0€" in a["text"]
