"""Shared helpers (imported by the test modules of this folder)."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from actions.eligibility import evaluate  # noqa: E402

ACCEPTED = ("eligible", "to_confirm")


def by_id(result):
    return {r["id"]: r for r in result["results"]}


def status(profile, product, as_of=None):
    return by_id(evaluate(profile, as_of))[product]["status"]


def result_for(profile, product, as_of=None):
    return by_id(evaluate(profile, as_of))[product]
