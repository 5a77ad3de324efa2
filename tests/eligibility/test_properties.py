"""Property-based tests (hypothesis), deterministic (derandomize=True)."""
import datetime as dt

from hypothesis import given, settings, HealthCheck, strategies as st

from tests.eligibility.util import evaluate
from actions.eligibility import load_catalogue, next_question, validate_profile

CAT = load_catalogue()
FIELDS = {k: v for k, v in CAT.fields.items() if k != "as_of"}
AS_OF = st.sampled_from(["2018-01-01", "2019-06-01", "2021-06-03", "2022-06-01", "2023-06-30", "2023-07-01", "2024-01-10", "2024-06-04", "2024-11-15",
                         "2025-06-01", "2026-01-05", "2026-01-06", "2026-03-15", "2026-06-01",
                         "2026-07-01", "2026-11-26"])
SETTINGS = settings(max_examples=200, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NUMERIC = {
    "age": st.integers(0, 80), "employer_size": st.integers(0, 400),
    "internship_months": st.sampled_from([0, 2, 2.9, 3, 6]), "cdd_months_last_6": st.sampled_from([0, 2, 3, 6]),
    "gross_monthly_salary": st.sampled_from([0, 900, 1413.54, 1413.55, 2187.64, 2187.65, 2240.42, 2240.43, 3646.07, 5000]),
    "net_monthly_salary": st.sampled_from([0, 1200, 1500, 1501, 1710, 1711, 2400, 4000]),
    "monthly_resources": st.sampled_from([0, 600, 1300, 2200, 2199, 5000]),
    "rent": st.sampled_from([0, 9, 259, 260, 600, 680, 681, 840, 1000, 1365, 1366, 1575, 1940, 1941, 3000]),
    "housing_benefit": st.sampled_from([0, 100, 250, 600]),
    "previous_home_distance_km": st.sampled_from([0, 70, 71, 300]),
    "previous_home_travel_minutes": st.sampled_from([0, 40, 41, 80]),
}


def value_strategy(name, spec):
    t = spec["type"]
    if name in NUMERIC:
        return NUMERIC[name]
    if t == "boolean":
        return st.booleans()
    if t == "enum":
        return st.sampled_from(sorted(spec["values"]))
    if t == "enum_list":
        return st.lists(st.sampled_from(sorted(spec["values"])), max_size=3)
    if t == "date":
        base = dt.date(2026, 3, 15)
        d = st.integers(-900, 200).map(lambda n: (base + dt.timedelta(days=n)).isoformat())
        return st.one_of(d, st.just(False)) if spec.get("none_allowed") else d
    if t == "integer":
        return st.integers(0, 100)
    if t == "string":  # commune: in Rennes Métropole (zone from the territory file) or elsewhere
        return st.sampled_from(["Rennes", "Bruz", "Acigné", "35230", "35000", "Lyon", "Brest"])
    return st.floats(0, 5000, allow_nan=False)


@st.composite
def profiles(draw, min_fields=0, max_fields=25):
    names = draw(st.lists(st.sampled_from(sorted(FIELDS)), min_size=min_fields, max_size=max_fields, unique=True))
    p = {n: draw(value_strategy(n, FIELDS[n])) for n in names}
    p["as_of"] = draw(AS_OF)
    return p


@SETTINGS
@given(profiles())
def test_any_valid_profile_evaluates(p):
    res = evaluate(p)
    ids = [r["id"] for r in res["results"]]
    assert ids == list(CAT.products)
    norm = validate_profile(p)
    for r in res["results"]:
        assert r["status"] in ("eligible", "ineligible", "to_confirm", "need_info", "ended")
        assert (r["status"] == "need_info") == bool(r["missing"])
        assert all(norm[m] is None for m in r["missing"])
        assert r["reasons"], r
        for code in r["rules"]:
            assert code in CAT.products[r["id"]].rules, (r["id"], code)


@SETTINGS
@given(profiles())
def test_discontinued_product_never_eligible(p):
    for r in evaluate(p)["results"]:
        if CAT.products[r["id"]].discontinued:
            assert r["status"] != "eligible"


@SETTINGS
@given(profiles(max_fields=20), st.data())
def test_adding_a_fact_never_turns_ineligible_into_need_info(p, data):
    unknown = sorted(n for n in FIELDS if n not in p or p[n] is None)
    if not unknown:
        return
    name = data.draw(st.sampled_from(unknown))
    q = dict(p, **{name: data.draw(value_strategy(name, FIELDS[name]))})
    before = {r["id"]: r for r in evaluate(p)["results"]}
    after = {r["id"]: r for r in evaluate(q)["results"]}
    for pid, r in before.items():
        if r["status"] == "ineligible":
            assert after[pid]["status"] != "need_info", (pid, name, q[name], r, after[pid])


@SETTINGS
@given(profiles())
def test_next_question_never_asks_a_given_field(p):
    f = next_question(p)
    norm = validate_profile(p)
    if f is None:
        assert all(r["status"] != "need_info" for r in evaluate(p)["results"])
    else:
        assert f in FIELDS and norm[f] is None


def _answer(spec):
    t = spec["type"]
    if t == "boolean":
        return False
    if t == "date":
        return "2026-01-01"
    if t == "enum":
        return sorted(spec["values"])[0]
    if t == "enum_list":
        return []
    return 1


@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(max_fields=5))
def test_answering_next_questions_terminates(p):
    """Answering whatever next_question asks always ends (each answer removes one field)."""
    for _ in range(len(FIELDS) + 1):
        f = next_question(p)
        if f is None:
            return
        p = dict(p, **{f: _answer(FIELDS[f])})
    raise AssertionError("next_question did not terminate")
