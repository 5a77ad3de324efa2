"""Benchmark of the eligibility engine: evaluations per second, median and p95 of one evaluation.

Run: .venv/bin/python bench/bench_eligibility.py [--n 5000]
Varied profiles (empty, partial, complete; every kind of situation), after a warm-up; the catalogue
is loaded once (cached) before timing, as in the action server."""
import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from actions.eligibility import evaluate, load_catalogue, next_question  # noqa: E402


def profiles(n, seed=7):
    cat = load_catalogue()
    fields = {k: v for k, v in cat.fields.items() if k != "as_of"}
    rnd = random.Random(seed)
    base = dt.date(2026, 3, 15)
    nums = {"age": lambda: rnd.randint(16, 70), "employer_size": lambda: rnd.choice([5, 10, 11, 50, 300]),
            "rent": lambda: rnd.choice([300, 650, 900, 1400, 2000]), "housing_benefit": lambda: rnd.choice([0, 150, 250]),
            "cdd_months_last_6": lambda: rnd.choice([0, 3, 6]), "internship_months": lambda: rnd.choice([0, 2, 6])}
    out = []
    for _ in range(n):
        p = {"as_of": (base + dt.timedelta(days=rnd.randint(-400, 250))).isoformat()}
        for name in rnd.sample(sorted(fields), rnd.randint(0, len(fields))):
            spec = fields[name]
            t = spec["type"]
            if name in nums:
                p[name] = nums[name]()
            elif t == "boolean":
                p[name] = rnd.random() < 0.5
            elif t == "enum":
                p[name] = rnd.choice(sorted(spec["values"]))
            elif t == "enum_list":
                p[name] = rnd.sample(sorted(spec["values"]), rnd.randint(0, 2))
            elif t == "date":
                p[name] = (base + dt.timedelta(days=rnd.randint(-500, 120))).isoformat()
            else:
                p[name] = rnd.choice([0, 900, 1500, 1710, 2187.64, 2500])
        out.append(p)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5000)
    args = ap.parse_args()
    load_catalogue()
    ps = profiles(args.n)
    for p in ps[:500]:  # warm-up
        evaluate(p)
    times = []
    t0 = time.perf_counter_ns()
    for p in ps:
        s = time.perf_counter_ns()
        evaluate(p)
        times.append(time.perf_counter_ns() - s)
    total = time.perf_counter_ns() - t0
    times.sort()
    med = statistics.median(times) / 1000
    p95 = times[int(0.95 * len(times)) - 1] / 1000
    nq = []
    for p in ps[:1000]:
        s = time.perf_counter_ns()
        next_question(p)
        nq.append(time.perf_counter_ns() - s)
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} CPU")
    print(f"products per evaluation: {len(load_catalogue().products)}; profiles: {len(ps)}")
    print(f"evaluations per second: {len(ps) / (total / 1e9):,.0f}")
    print(f"median of one evaluation: {med:.1f} µs; p95: {p95:.1f} µs; max: {times[-1] / 1000:.1f} µs")
    print(f"median of next_question (evaluates, then picks): {statistics.median(nq) / 1000:.1f} µs")


if __name__ == "__main__":
    main()
