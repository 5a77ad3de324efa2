"""The command line of interfaces.md section 5: ``python -m actions.eligibility [--as-of] < profile.json``."""
import json
import subprocess
import sys

import pytest

from tests.eligibility.util import ROOT


def run(stdin, *args):
    return subprocess.run([sys.executable, "-m", "actions.eligibility", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


GOOD = {"as_of": "2026-09-15", "age": 19, "activity": "alternant", "contract": "apprentissage",
        "employer_sector": "prive_non_agricole", "rent": 650, "housing_benefit": 250, "zone": "I", "project": "louer"}


def test_good_profile_exit_0_and_section_5_format():
    r = run(json.dumps(GOOD))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["as_of"] == "2026-09-15" and out["catalogue_version"]
    assert len(out["results"]) >= 23
    keys = {"id", "name", "kind", "status", "rules", "reasons", "missing", "conditions", "amount", "apply_url"}
    for res in out["results"]:
        assert keys <= set(res)
    assert "é" in r.stdout  # ensure_ascii=False


def test_as_of_option_overrides_profile():
    r = run(json.dumps(GOOD), "--as-of", "2026-03-01")
    assert r.returncode == 0 and json.loads(r.stdout)["as_of"] == "2026-03-01"


def test_empty_profile_defaults_to_today():
    r = run("{}")
    assert r.returncode == 0
    import datetime
    assert json.loads(r.stdout)["as_of"] == datetime.date.today().isoformat()


@pytest.mark.parametrize("profile,field", [
    ({"agee": 30}, "agee"),                                  # unknown field
    ({"age": "trente"}, "age"),                              # wrong type
    ({"age": 30.5}, "age"),                                  # not an integer
    ({"age": -3}, "age"),                                    # impossible value
    ({"activity": "astronaute"}, "activity"),                # bad enum
    ({"rent": -1}, "rent"),                                  # negative amount
    ({"lease_signed": "oui"}, "lease_signed"),               # boolean expected
    ({"move_in_date": "2026-02-30"}, "move_in_date"),        # impossible date
    ({"difficulty_events": ["pluie"]}, "difficulty_events"),  # bad enum in a list
    ({"cdd_months_last_6": 7}, "cdd_months_last_6"),         # more than 6 months in 6 months
    ({"as_of": "demain"}, "as_of"),
    ({"as_of": "2017-12-31"}, "as_of"),                     # before the catalogue coverage
    ([1, 2], "profil"),
])
def test_bad_profile_exit_2_names_the_field(profile, field):
    r = run(json.dumps(profile))
    assert r.returncode == 2
    assert r.stderr.startswith(field + ":"), r.stderr
    assert r.stdout == ""


def test_negative_age_message():
    r = run('{"age": -3}')
    assert r.returncode == 2 and "age: doit être un entier positif (reçu -3)" in r.stderr


def test_invalid_json_exit_2():
    r = run("{age: 3")
    assert r.returncode == 2 and "JSON" in r.stderr


def test_bad_as_of_option_exit_2():
    r = run("{}", "--as-of", "2026-13-01")
    assert r.returncode == 2 and r.stderr.startswith("as_of:")


def test_no_rasa_import():
    code = ("import sys, actions.eligibility as e; e.evaluate({'age': 20}); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('rasa', 'rasa_sdk')]; "
            "assert not bad, bad")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
