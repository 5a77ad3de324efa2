"""Local answers of a territory in the conversation (glue between the territory files of the
eligibility catalogue and the conversation turn; no Rasa import).

* ``reply(text, profile)``: a question about the social housing request, the cotation, AL'in, the
  NPNRU quartiers, the BRS or local help, asked about a territory we know (a commune or a place
  keyword in the text, or the profile's ``commune``) → the file's answer with its dated sources.
* ``place_commune(text, profile)``: the profile with ``commune`` set when the text names a commune
  of a territory as the person's home or workplace (the engine then knows the zone and adds the
  local steps to the verdict).
* ``steps_messages(result)``: the local steps of a verdict (``result["local"]``) as one message.
"""
from __future__ import annotations

import dataclasses

from actions.conversation.turn import continue_after_digression
from actions.eligibility import format_date
from actions.eligibility.territories import find_place, find_topics, load_territories, territory_named, topic_answer
from actions.understanding.places import find_places
from actions.understanding.text import fold


def _sources_text(sources) -> str:
    parts = []
    for s in sources:
        host = (s.get("url") or "").split("//")[-1].split("/")[0].removeprefix("www.")
        parts.append(f"{host or s['title']} ({format_date(s['date'])})")
    return "Sources : " + ", ".join(dict.fromkeys(parts)) + "."


def _territory_of(text, profile):
    terr = territory_named(text or "")
    if terr is None and (profile or {}).get("commune"):
        place = find_place(profile["commune"])
        if place is not None and place.in_territory:
            terr = place.territory
    return terr


def reply(text: str, profile: dict | None = None) -> list:
    """[] or [message] answering a local question from the territory file, with its sources."""
    if not text or text.startswith("/"):
        return []
    terr = _territory_of(text, profile)
    if terr is None:
        return []
    topics = find_topics(text, terr)
    if not topics:
        return []
    a = topic_answer(terr, topics[0])
    body = f"{a['title']} ({terr.name}) : {a['answer']}\n{_sources_text(a['sources'])}"
    return [{"text": body, "custom": {"local_answer": {"territory": terr.id, "topic": a["topic"], "sources": a["sources"]}}}]


def place_commune(text: str, profile: dict) -> dict:
    """``profile`` with ``commune`` set from a commune of a territory named as where the person
    lives or works (not where they come from); unchanged otherwise."""
    names = {}
    for terr in load_territories().values():
        for c in terr.communes:
            names[" ".join(fold(c["name"]).replace("-", " ").replace("'", " ").split())] = c["name"]
    to = [p for p in find_places(fold(text or "")) if p[3] in ("to", "from?")]
    if not to:
        return profile
    key = to[-1][1]
    if key in names:
        if profile.get("commune") != names[key]:
            return dict(profile, commune=names[key])
    elif profile.get("commune"):
        return {k: v for k, v in profile.items() if k != "commune"}  # the place named is elsewhere
    return profile


def steps_messages(result: dict | None) -> list:
    """The local steps of a verdict as one message with their sources ([] when there are none)."""
    local = (result or {}).get("local") or {}
    steps = local.get("steps") or []
    if not steps:
        return []
    lines = [f"Dans votre territoire ({local['name']}) :"]
    sources = []
    for s in steps:
        lines.append(f"• {s['text']}")
        sources += s["sources"]
    lines.append(_sources_text(sources))
    return [{"text": "\n".join(lines), "custom": {"local_steps": local}}]


def around_turn(state, text: str, turn):
    """Run one conversation turn ``turn(state) -> (messages, state)`` with the territory added:
    the commune placed in the profile, a local question answered from the file (if the turn
    understood nothing else, the pending question is simply asked again) and the local steps
    after a verdict. ``state`` is the conversation State (dataclass) of actions.conversation."""
    placed = dataclasses.replace(state, profile=place_commune(text, dict(state.profile)))
    local = reply(text, placed.profile)
    if local:
        try:
            messages, new = turn(placed)
        except Exception:  # noqa: BLE001 - a failing turn must not lose the local answer
            return local + continue_after_digression(placed), placed
    else:
        messages, new = turn(placed)
    if local:
        understood = (new.profile != placed.profile or new.pending_field != placed.pending_field
                      or new.aid_results != placed.aid_results)
        if not understood:  # a pure local question: answered, nothing else changes
            return local + continue_after_digression(placed), placed
        messages = local + messages
    verdict = any((m.get("custom") or {}).get("type") == "aid_results" for m in messages)
    if verdict:
        messages = messages + steps_messages(new.aid_results)
    return messages, new
