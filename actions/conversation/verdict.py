"""The verdict: the aid_results payload and its short French summary."""
from __future__ import annotations

from actions.eligibility import field_spec


def _first_sentence_list(items: list) -> str:
    return " ; ".join(s.rstrip(".") for s in items)


MAX_CONDITIONS = 2  # the summary stays short; the aid_results payload carries every condition


def verdict_messages(result: dict) -> list:
    """The aid_results payload and a short French summary."""
    results = result["results"]
    eligible = [r for r in results if r["status"] == "eligible"]
    to_confirm = [r for r in results if r["status"] == "to_confirm"]
    need_info = [r for r in results if r["status"] == "need_info"]
    lines = []
    if eligible:
        lines.append("D'après vos réponses, vous pouvez demander :")
        for r in eligible:
            amount = (r.get("amount") or {}).get("text")
            line = f"• {r['name']}"
            if amount:
                line += f" : {amount}"
            if r.get("apply_url"):
                line += f". Demande sur {r['apply_url']}"
            conditions = r.get("conditions") or []
            if conditions:
                line += f". À condition de : {_first_sentence_list(conditions[:MAX_CONDITIONS])}"
                more = len(conditions) - MAX_CONDITIONS
                if more == 1:
                    line += " (et une autre condition, détaillée sur le site de la demande)"
                elif more > 1:
                    line += f" (et {more} autres conditions, détaillées sur le site de la demande)"
            lines.append(line + ".")
    else:
        lines.append("D'après vos réponses, aucune aide d'Action Logement ne vous est ouverte pour l'instant.")
    if to_confirm:
        lines.append("À vérifier avec un conseiller :")
        for r in to_confirm:
            reason = r["reasons"][0] if r.get("reasons") else ""
            lines.append(f"• {r['name']} : {reason}".rstrip(" :"))
    if need_info:
        labels = sorted({field_spec(m)["label"] for r in need_info for m in r.get("missing", [])})
        names = ", ".join(r["name"] for r in need_info)
        lines.append(f"Pour {names}, il faudrait connaître : {', '.join(labels)}.")
    lines.append("Vous pouvez me demander « pourquoi pas Visale ? » pour une aide absente de cette liste, "
                 "corriger une réponse (« en fait j'ai 31 ans ») ou dire « recommencer ».")
    summary = {"text": "\n".join(lines)}
    payload = {"custom": dict({"type": "aid_results"}, **result)}
    return [summary, payload]

