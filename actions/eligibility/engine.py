"""The eligibility engine: evaluate(profile, as_of) and next_question(profile, as_of)."""
from __future__ import annotations

import datetime as _dt

from .catalogue import load_catalogue
from .fields import field_names
from .formatting import format_date
from .logic import FALSE, OPEN, TRUE, UNKNOWN
from .products import RULES
from .products.common import Ctx
from .profile import ProfileError, validate_profile
from .territories import find_place, local_block

STATUS = {TRUE: "eligible", FALSE: "ineligible", UNKNOWN: "need_info", OPEN: "to_confirm"}

_order_cache = {}


def field_order():
    o = _order_cache.get("o")
    if o is None:
        o = {name: i for i, name in enumerate(field_names())}
        _order_cache["o"] = o
    return o


def resolve_as_of(profile_as_of, as_of):
    if as_of is None:
        as_of = profile_as_of
    if as_of is None:
        d = _dt.date.today()
    elif isinstance(as_of, _dt.datetime):
        d = as_of.date()
    elif isinstance(as_of, _dt.date):
        d = as_of
    else:
        try:
            d = _dt.date.fromisoformat(str(as_of))
        except ValueError:
            raise ProfileError("as_of", f"doit être une date AAAA-MM-JJ (reçu {as_of!r}) [must be a YYYY-MM-DD date]") from None
    floor = load_catalogue().valid_from
    if d < floor:
        raise ProfileError("as_of", f"date antérieure aux données du catalogue, qui commencent le {floor.isoformat()} "
                                    f"(reçu {d.isoformat()}) [date before the catalogue coverage]")
    return d


def _labels(fields, cat):
    return ", ".join(cat.fields[f]["label"] for f in fields)


def _rule_sources(prod, codes):
    """The dated source of each rule code cited (an addition to interfaces.md section 5)."""
    out = []
    for code in codes:
        rule = prod.rules.get(code)
        if rule is not None:
            out.append({"rule": code, "source": rule["source"], "date": str(rule["source_date"])})
    return out


def _product_result(prod, ctx):
    cat, d = ctx.cat, ctx.d
    base = {"id": prod.id, "name": prod.name, "kind": prod.kind}
    if prod.end is not None and d > prod.end:
        note = f" ({prod.end_note})" if prod.end_note else ""
        base.update(status="ended", rules=[], missing=[], conditions=[], amount=None, apply_url=None, rule_sources=[],
                    reasons=[f"Ce dispositif n'existe plus : les dernières demandes datent du {format_date(prod.end)}{note}."])
        return base, None
    if prod.start is not None and d < prod.start:
        base.update(status="ineligible", rules=[], missing=[], conditions=[], amount=None, apply_url=prod.apply_url, rule_sources=[],
                    reasons=[f"Ce dispositif n'existait pas encore à cette date (ouvert le {format_date(prod.start)})."])
        return base, None
    rule = RULES.get(prod.id)
    if rule is None:  # discontinued product, still in force at that date: not evaluated
        base.update(status="to_confirm", rules=[], missing=[], conditions=[], amount=None, apply_url=prod.apply_url, rule_sources=[],
                    reasons=[f"Ce dispositif était en vigueur à cette date (jusqu'au {format_date(prod.end)}) mais "
                             f"n'existe plus aujourd'hui : l'assistant n'en évalue pas les conditions."])
        return base, None
    evaluate_fn, amount_fn = rule
    v = evaluate_fn(ctx)
    status = STATUS[v.state]
    reasons = list(v.reasons)
    p = ctx.p
    missing = []
    if v.state == UNKNOWN:
        order = field_order()
        missing = sorted({m for m in v.missing if p.get(m) is None}, key=lambda f: order.get(f, 999))
        reasons.append(f"Pour se prononcer, il faut connaître : {_labels(missing, cat)}.")
    elif v.state == FALSE and not reasons:
        reasons.append("Votre situation ne remplit pas les conditions de cette aide.")
    conditions = list(v.conditions) if v.state in (TRUE, OPEN) else []
    amount = amount_fn(ctx, v) if v.state != FALSE else None
    base.update(status=status, rules=list(v.rules), reasons=reasons, missing=missing, conditions=conditions,
                amount=amount, apply_url=prod.apply_url, rule_sources=_rule_sources(prod, v.rules))
    return base, v


def evaluate(profile: dict, as_of=None) -> dict:
    """Evaluate every product of the catalogue for ``profile`` at ``as_of`` (default: the
    profile's ``as_of``, else today). Returns the JSON-ready result of interfaces.md section 5.
    Raises :class:`ProfileError` on a profile that cannot be read."""
    cat = load_catalogue()
    p = validate_profile(profile)
    d = resolve_as_of(p["as_of"], as_of)
    place = find_place(p["commune"]) if p["commune"] else None
    if place is not None and p["zone"] is None and place.zone is not None:
        p["zone"] = place.zone  # the territory file knows the zone: never asked
    ctx = Ctx(p, d, cat)
    results = [_product_result(prod, ctx)[0] for prod in cat]
    out = {"as_of": d.isoformat(), "catalogue_version": cat.version, "results": results}
    if place is not None and place.in_territory:
        out["local"] = local_block(place, p, out)
    return out


def next_question(profile: dict, as_of=None):
    """The one missing field whose answer decides the most still-undecided (``need_info``)
    products; ties broken by the conversation order of fields.yml (situation before salary before
    dates). None when no answer would change a verdict."""
    result = profile if isinstance(profile, dict) and "results" in profile and "catalogue_version" in profile else evaluate(profile, as_of)
    counts = {}
    for r in result["results"]:
        if r["status"] == "need_info":
            for f in r["missing"]:
                counts[f] = counts.get(f, 0) + 1
    if not counts:
        return None
    order = field_order()
    return min(counts, key=lambda f: (-counts[f], order.get(f, 999)))
