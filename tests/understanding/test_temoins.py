"""Messages of the outsider personas (tests/conversation/corpus/temoins.yml) that the readers
missed or misread, one case per test, in the persona's own words."""
import datetime as dt

from actions.understanding import extract_facts

TODAY = dt.date(2026, 10, 15)


def facts(text, pending=None):
    return extract_facts(text, TODAY, pending)


# ----------------------------------------------------------------- people.py
def test_an_age_opening_a_clause_before_the_contract_is_the_age():
    assert facts("27 ans en CDI je cherche à Strasbourg").get("age") == 27


def test_an_age_after_other_clauses_before_the_contract_is_the_age():
    assert facts("j'ai visité un appart hier, pas encore signé, 28 ans en CDI").get("age") == 28


def test_years_in_a_cdi_after_depuis_stay_a_duration():
    assert "age" not in facts("je suis depuis 20 ans en cdi")


# ----------------------------------------------------------------- work.py
def test_a_bare_number_after_boite_de_is_the_headcount():
    assert facts("je voudrais une pompe à chaleur, je suis en CDI dans une boîte de 120").get("employer_size") == 120


def test_a_headcount_in_parentheses():
    assert facts("je travaille à Rennes en CDI (boîte de 80), 32 ans").get("employer_size") == 80


def test_a_headcount_of_plus_de_after_boite_de():
    assert facts("une boite de plus de 50").get("employer_size") == 51


def test_a_headcount_of_a_hair_salon_in_personnes():
    assert facts("je travaille dans un salon de coiffure de 6 personnes").get("employer_size") == 6


def test_a_titulaire_nurse_is_a_fonctionnaire():
    assert facts("je suis infirmière titulaire à l'hôpital public, 32 ans").get("activity") == "fonctionnaire"


def test_titulaire_of_a_cdi_is_not_a_fonctionnaire():
    assert facts("titulaire d'un CDI depuis 3 ans").get("activity") == "salarie"


# ----------------------------------------------------------------- housing.py
def test_two_rents_late_are_arrears_not_a_double_rent():
    f = facts("en arrêt maladie depuis 3 mois, j'ai 2 loyers de retard")
    assert "double_rent" not in f and "impayes_loyer" in f["difficulty_events"]


def test_months_of_rent_late_are_arrears():
    f = facts("4 mois de loyers en retard depuis ma séparation, le proprio lance l'expulsion")
    assert "impayes_loyer" in f["difficulty_events"]


def test_two_rents_at_once_stay_a_double_rent():
    assert facts("je paie deux loyers, un à Lille et un à Amiens").get("double_rent") is True


def test_on_fait_construire_is_a_purchase_by_construction():
    f = facts("on fait construire notre première maison, je suis en CDI dans une PME de 35 salariés")
    assert (f.get("project"), f.get("purchase_operation"), f.get("first_time_buyer")) == ("acheter", "construction", True)


def test_a_son_in_a_wheelchair_makes_the_works_an_adaptation():
    f = facts("mon fils est en fauteuil, je dois adapter la salle de bain de notre maison")
    assert (f.get("works_kind"), f.get("disability_in_household")) == ("handicap", True)


# ----------------------------------------------------------------- dated.py
def test_ten_days_in_the_new_flat_is_a_move_in_date_and_a_signed_lease():
    f = facts("ça fait 10 jours que je suis dans mon nouvel appart, CDD de 6 mois, 25 ans")
    assert (f.get("move_in_date"), f.get("lease_signed")) == ("2026-10-05", True)


def test_a_seasonal_job_since_a_date_is_the_job_start():
    f = facts("saisonnier aux vendanges depuis le 20 septembre dans un château du bordelais, 30 ans")
    assert f.get("job_start_date") == "2026-09-20"


def test_a_clause_continuing_a_mutation_dates_the_mutation():
    f = facts("on m'a muté à Lyon, c'est effectif depuis le 1er septembre, CDI, 38 ans")
    assert f.get("mutation_date") == "2026-09-01"


# ----------------------------------------------------------------- answers to a pending question
def test_a_rent_plus_charges_answer_adds_them():
    assert facts("550 + 50 de charges", "rent").get("rent") == 600


def test_three_quarters_of_an_hour_in_digits():
    assert facts("3/4 d'heure", "previous_home_travel_minutes").get("previous_home_travel_minutes") == 45


def test_one_more_month_of_trial_is_not_a_confirmed_cdi():
    assert facts("encore 1 mois d'essai", "cdi_confirmed").get("cdi_confirmed") is False
