"""clauses: where a negation stops — « aucun retard de loyer, c'est juste cher » denies the
arrears of its clause only; « je ne paie plus mon loyer » states them."""
import datetime as dt

import pytest

from actions.understanding.reading import read

TODAY = dt.date(2026, 11, 26)


def negated(text, word):
    r = read(text, TODAY)
    start = r.text.index(word)
    return r.negated(start, start + len(word))


def denied(text, word):
    r = read(text, TODAY)
    return r.denied(r.text.index(word))


@pytest.mark.parametrize("text,word", [
    ("je ne suis pas boursier", "boursier"),
    ("pas encore signé le bail", "signe"),
    ("non boursière", "boursiere"),
    ("je n'ai jamais été propriétaire", "proprietaire"),
])
def test_a_negation_before_the_word_in_its_clause(text, word):
    assert negated(text, word)


@pytest.mark.parametrize("text,word", [
    ("je suis boursier", "boursier"),
    ("pas de souci, je suis boursier", "boursier"),
    ("plus de 50 salariés", "50"),
    ("moi non plus je suis boursier", "boursier"),
    ("pas mal de travaux", "travaux"),
])
def test_no_negation_of_the_word(text, word):
    assert not negated(text, word)


@pytest.mark.parametrize("text,word", [
    ("aucun retard de loyer", "retard"),
    ("pas d'impayés", "impayes"),
    ("sans impayé", "impaye"),
    ("jamais eu d'impayés", "impayes"),
])
def test_a_fact_denied_outright(text, word):
    assert denied(text, word)


@pytest.mark.parametrize("text,word", [
    ("je ne paie plus mon loyer", "loyer"),
    ("aucun souci, j'ai des impayés", "impayes"),
    ("j'ai 2 mois d'impayés", "impayes"),
])
def test_a_fact_stated_even_with_a_negation_word(text, word):
    assert not denied(text, word)
