"""money: salaries (gross or net), household resources, rent with its charges, housing benefit."""
import datetime as dt

import pytest

from actions.understanding.money import read_money
from actions.understanding.reading import read

TODAY = dt.date(2026, 11, 26)


def money(text, facts=None):
    r = read(text, TODAY)
    return read_money(r, r.numbers_in_dates(), dict(facts or {}))


@pytest.mark.parametrize("text,field,value", [
    ("je touche 1 200 € net", "net_monthly_salary", 1200),
    ("1100 brut", "gross_monthly_salary", 1100),
    ("je gagne 1,2 k par mois", "net_monthly_salary", 1200),
    ("mon salaire est de 1k5", "net_monthly_salary", 1500),
    ("je gagne 1 100 balles", "net_monthly_salary", 1100),
    ("24 000 € brut par an", "gross_monthly_salary", 2000),
    ("on gagne 3000 à deux", "monthly_resources", 3000),
    ("loyer 650 cc", "rent", 650),
    ("loyer 600 hc + 50 de charges", "rent", 650),
    ("250 d'APL", "housing_benefit", 250),
    ("je touche 180 € de CAF", "housing_benefit", 180),
])
def test_an_amount_goes_to_its_field(text, field, value):
    assert money(text).get(field) == value


def test_a_salary_without_gross_or_net_is_the_gross_one_for_an_alternant():
    assert money("je touche 1000", {"activity": "alternant"}) == {"gross_monthly_salary": 1000}


def test_a_salary_without_gross_or_net_is_the_net_one_otherwise():
    assert money("je touche 1800") == {"net_monthly_salary": 1800}


@pytest.mark.parametrize("text", [
    "pas d'APL", "aucune aide au logement", "sans APL",
])
def test_no_housing_benefit_is_zero(text):
    assert money(text).get("housing_benefit") == 0


@pytest.mark.parametrize("text", [
    "ça fait 3 loyers impayés",
    "à 80 km de chez mes parents",
    "j'ai 19 ans",
    "mon revenu fiscal de référence est de 18 000 €",
    "le 3 mars je déménage",
    "un T2 de 40 m2",
])
def test_not_an_amount(text):
    assert money(text) == {}
