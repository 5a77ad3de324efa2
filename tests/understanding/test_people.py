"""people: the person's age — « 19 ans », a birth date — not a duration nor someone else's age."""
import datetime as dt

import pytest

from actions.understanding.people import read_age
from actions.understanding.reading import read

TODAY = dt.date(2026, 11, 26)


def age(text):
    r = read(text, TODAY)
    return read_age(r, r.numbers_in_dates())


@pytest.mark.parametrize("text,value", [
    ("j'ai 19 ans", 19),
    ("jai 29ans", 29),
    ("âgée de 22 ans", 22),
    ("moi j'ai vingt-quatre ans", 24),
    ("bonjour, 26 ans, alternant", 26),
    ("je suis né le 3 mars 2001", 25),
    ("née le 30 décembre 2000", 25),
])
def test_the_person_s_age(text, value):
    assert age(text) == value


@pytest.mark.parametrize("text", [
    "en CDI depuis 3 ans",
    "20 ans d'ancienneté",
    "mon fils a 3 ans",
    "ma copine a 25 ans",
    "un prêt sur 25 ans",
    "il y a 2 ans",
])
def test_not_the_person_s_age(text):
    assert age(text) is None
