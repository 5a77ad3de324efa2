"""Every parameter and source carries the date it was last checked; --stale lists the old ones."""
import datetime as dt
import json
import os
import subprocess
import sys

from actions.eligibility import freshness, load_catalogue

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_no_source_or_parameter_without_a_date():
    assert freshness.undated() == []


def test_every_parameter_value_has_a_source_and_a_source_date():
    for name, prm in load_catalogue().parameters.items():
        for start, e in zip(prm.starts, prm.entries):
            assert e.get("source") and e.get("source_date"), (name, start)


def test_every_rule_has_a_source_date():
    for prod in load_catalogue():
        for code, rule in prod.rules.items():
            assert rule.get("source") and rule.get("source_date"), code


def test_stale_lists_what_was_not_checked_in_time():
    items = freshness.stale(180, dt.date(2027, 5, 26))  # limit 2026-11-27
    names = {i["name"] for i in items}
    assert "loca_pass_montant_max" in names          # last checked 2026-11-26
    assert "smic_brut_mensuel" not in names          # last checked 2026-12-01
    assert all(i["last_checked"] < dt.date(2026, 11, 27) for i in items)


def test_nothing_is_stale_the_day_after_the_check():
    assert freshness.stale(180, dt.date(2026, 12, 2)) == []


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "actions.eligibility", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, PYTHONPATH=ROOT))


def test_cli_stale_with_a_date():
    out = _cli("--stale", "180", "--on", "2027-06-01", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["on"] == "2027-06-01" and data["days"] == 180
    assert {"parameter", "source", "territory_source"} <= {i["kind"] for i in data["stale"]}


def test_cli_stale_text_names_the_item():
    out = _cli("--stale", "180", "--on", "2027-06-01")
    assert out.returncode == 0 and "smic_brut_mensuel" in out.stdout and "last_checked 2026-12-01" in out.stdout


def test_cli_stale_bad_date_exit_2():
    out = _cli("--stale", "180", "--on", "demain")
    assert out.returncode == 2 and out.stderr.startswith("on:")


def test_every_rule_cited_in_a_result_comes_with_its_dated_source():
    from tests.eligibility.util import evaluate
    r = evaluate({"as_of": "2026-07-01", "age": 45, "activity": "salarie", "employer_sector": "epic", "contract": "cdi",
                  "cdi_confirmed": True, "net_monthly_salary": 1650, "rent": 700, "zone": "III", "project": "louer"})
    for p in r["results"]:
        if p["status"] not in ("ended",):
            assert [s["rule"] for s in p["rule_sources"]] == [c for c in p["rules"] if c in load_catalogue()[p["id"]].rules], p
            assert all(dt.date.fromisoformat(s["date"]) for s in p["rule_sources"])
