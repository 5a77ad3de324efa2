"""Only the slots a turn really changes (issue 14: fewer bytes per turn).

Every event an action returns is stored for good and sent back to the action server on each
later call; setting a slot to the value it already has changes nothing in Rasa's state (the
policies featurise slot values, not SlotSet events), so it is left out. ``aid_results`` (~10 KB)
is thus written only when the verdict changes: a status, an amount or a condition.
"""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, Text

from rasa_sdk.events import SlotSet


def changed_slots(current: Mapping[Text, Any], wanted: Mapping[Text, Any]) -> Dict[Text, Any]:
    """The slots of ``wanted`` whose value differs from ``current`` (missing counts as None)."""
    return {name: value for name, value in wanted.items()
            if name not in current or not _same(current[name], value)}


def slot_set_events(current: Mapping[Text, Any], wanted: Mapping[Text, Any]
                    ) -> List[Dict[Text, Any]]:
    """SlotSet events for the changed slots only, in ``wanted``'s order."""
    return [SlotSet(name, value) for name, value in changed_slots(current, wanted).items()]


def _same(a: Any, b: Any) -> bool:
    """Equal as Rasa stores them (JSON): 1 and 1.0 alike, tuples as lists, bools kept apart."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b
