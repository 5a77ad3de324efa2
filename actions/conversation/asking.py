"""Asking for one profile field: the `ask` message with its buttons, a clicked button or a typed
button label read back, the next field to ask, and the merge of new facts into the profile."""
from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Optional

from actions.eligibility import (ProfileError, evaluate, field_names, field_spec, next_question,
                                 validate_profile)

from .products import normalise
from .state import jsonable


# Questions
def choices_for(spec: dict) -> list:
    choices = [dict(c) for c in spec["choices"]]
    if spec.get("multiple"):
        choices.append({"value": [], "label": "Aucune de ces difficultés"})
    return choices


def button_payload(name: str, value: Any) -> str:
    """``/informer{"reponse": "<field>:<value>"}``: understood by action_process_turn."""
    if isinstance(value, bool):
        encoded = "true" if value else "false"
    elif isinstance(value, list):
        encoded = "none" if not value else ",".join(value)
    else:
        encoded = str(value)
    return "/informer" + json.dumps({"reponse": f"{name}:{encoded}"}, ensure_ascii=False)


def ask_message(name: str, prefix: str = "") -> dict:
    spec = field_spec(name)
    text = f"{prefix}{spec['question']}\nPourquoi cette question : {spec['why']}"
    choices = choices_for(spec) if spec["ask"] in ("choice", "boolean") or spec["choices"] else []
    message = {
        "text": text,
        "custom": {"type": "ask", "field": name, "input": spec["ask"], "choices": choices},
    }
    if spec.get("multiple"):
        message["custom"]["multiple"] = True
    if choices:
        message["buttons"] = [{"title": c["label"], "payload": button_payload(name, c["value"])}
                              for c in choices]
    return message


def decode_button(entities: list) -> Optional[tuple]:
    """The (field, value) of a clicked button, from the entity ``reponse``."""
    for entity in entities or ():
        if entity.get("entity") != "reponse" or not isinstance(entity.get("value"), str):
            continue
        name, _, raw = entity["value"].partition(":")
        try:
            spec = field_spec(name)
        except KeyError:
            return None
        if spec["type"] == "boolean" or (raw in ("true", "false") and spec["type"] != "enum"):
            value: Any = raw == "true"
        elif spec["type"] == "date" and raw == "false":
            value = False
        elif spec.get("multiple"):
            value = [] if raw in ("none", "") else raw.split(",")
        elif spec["type"] in ("integer", "number"):
            try:
                value = float(raw)
                value = int(value) if value.is_integer() else value
            except ValueError:
                return None
        else:
            value = raw
        return name, value
    return None


def label_answer(name: str, text: str) -> Any:
    """The value of a choice whose label is exactly the text (a button title typed or sent)."""
    wanted = normalise(text)
    if not wanted:
        return None
    spec = field_spec(name)
    for choice in choices_for(spec):
        if normalise(choice["label"]) == wanted:
            value = choice["value"]
            return [value] if spec.get("multiple") and not isinstance(value, list) else value
    return None


def next_field(profile: dict, skipped: list, today: _dt.date) -> tuple:
    """(field to ask or None, evaluation result). Fields answered "je ne sais pas" are never
    asked again: the next most decisive field is asked instead (the engine's own order)."""
    result = evaluate(profile, today)
    if not skipped:
        return next_question(result), result
    counts: dict = {}
    for r in result["results"]:
        if r["status"] == "need_info":
            for name in r["missing"]:
                if name not in skipped:
                    counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None, result
    order = {n: i for i, n in enumerate(field_names())}
    return min(counts, key=lambda n: (-counts[n], order.get(n, 999))), result


def clean_facts(profile: dict, facts: dict) -> tuple:
    """Merge ``facts`` into ``profile``; facts the engine refuses are dropped with a French
    explanation. Returns (new profile, kept facts, list of problems)."""
    kept = {k: jsonable(v) for k, v in facts.items() if v is not None}
    problems = []
    for _ in range(len(kept) + 1):
        merged = dict(profile)
        merged.update(kept)
        try:
            validate_profile(merged)
            return merged, kept, problems
        except ProfileError as error:
            if error.field in kept:
                value = kept.pop(error.field)
                try:
                    label = field_spec(error.field)["label"]
                except KeyError:  # a fact the profile does not know: ignored silently
                    continue
                problems.append(f"Je n'ai pas pu retenir {label} ({value}) : la valeur ne semble pas possible.")
            elif error.field in profile:
                profile = {k: v for k, v in profile.items() if k != error.field}
            else:
                break
    return dict(profile), {}, problems

