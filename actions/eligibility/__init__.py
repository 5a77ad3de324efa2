"""Eligibility engine and aid catalogue of the Action Logement housing assistant.

Pure Python (no Rasa import). Public API::

    evaluate(profile: dict, as_of: date | str | None = None) -> dict   # interfaces.md section 5
    next_question(profile: dict, as_of=None) -> str | None
    validate_profile(data: dict) -> dict        # raises ProfileError(.field, .message)
    load_catalogue() -> Catalogue               # cached; catalogue.products[id], value_at(name, date)
    field_spec(name) -> dict                    # question, why, ask kind, choices of a profile field
    format_euros(amount) -> str                 # "1 200 €" (U+202F thousands, U+00A0 before €)

Territories (``territories/*.yml``, Rennes Métropole first): ``actions.eligibility.territories``;
freshness of parameters and sources: ``actions.eligibility.freshness``.

Command line: ``python -m actions.eligibility [--as-of YYYY-MM-DD] < profile.json``;
``python -m actions.eligibility --stale 180 [--on YYYY-MM-DD]``. See docs/eligibility.md.
"""
from .catalogue import load_catalogue, value_at
from .engine import evaluate, next_question
from .fields import field_names, field_spec
from .formatting import format_date, format_euros
from .products.common import is_project_reason
from .profile import ProfileError, validate_profile

__all__ = ["evaluate", "next_question", "validate_profile", "ProfileError", "load_catalogue", "value_at",
           "field_spec", "field_names", "format_euros", "format_date", "is_project_reason"]
