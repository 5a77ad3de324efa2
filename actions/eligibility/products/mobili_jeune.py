"""Aide Mobili-Jeune (MJ-*) and Mobili-Jeune VTE (MJV-*)."""
from __future__ import annotations

from ..formatting import format_percent
from ..logic import all_of, T, F, U, O
from .common import F0, ACTIVITY_LABELS, ALTERNANCE_CONTRACTS, SECTOR_LABELS, EPIC_NOTE, add_months, add_years, eur, num, format_date, stated_unless, whole

CONTRACT_LABELS = {"apprentissage": "contrat d'apprentissage", "professionnalisation": "contrat de professionnalisation"}


def alternance(c, rule):
    """MJ-2: apprenticeship or professionalisation contract. The activity, when it excludes
    alternance, decides alone (so that adding a contract never reopens the question)."""
    p = c.p
    act, contract = p["activity"], p["contract"]
    if act is not None and act not in ("alternant", "salarie", "agent_public_contractuel"):
        return F(rule, f"Vous êtes {ACTIVITY_LABELS[act]} : cette aide est réservée aux alternants (règle {rule})")
    if contract in ALTERNANCE_CONTRACTS:
        return T(rule, f"Vous êtes en {CONTRACT_LABELS[contract]}")
    if contract is not None:
        return F(rule, f"Cette aide est réservée aux contrats d'apprentissage ou de professionnalisation (règle {rule})")
    if act == "alternant":
        return T(rule, "Vous êtes en alternance (apprentissage ou professionnalisation)")
    if act is None:
        return U(rule, ("activity",))
    return U(rule, ("contract",))


def salary_ceiling(c):
    """Mobili-Jeune gross salary ceiling at the request date (ratio x SMIC in force on that day:
    it follows every SMIC step, mid-year ones included), or None while the aid was suspended."""
    ratio = c.v("mobili_jeune_taux_smic")
    if ratio is None:
        return None
    return round(ratio * c.v("smic_brut_mensuel") + 1e-9, 2)


def smic_share_text(c, ratio, param="smic_brut_mensuel"):
    """'120 % du SMIC, soit 2 240,42 € brut par mois (en vigueur depuis le 1er juin 2026)'."""
    cap = round(ratio * c.v(param) + 1e-9, 2)
    return f"{format_percent(round(ratio * 100, 2))} du SMIC, soit {eur(cap)} brut par mois{c.period(param)}"


def _salary(c, cap):
    g = c.p["gross_monthly_salary"]
    ratio = c.v("mobili_jeune_taux_smic")
    ceiling = smic_share_text(c, ratio)
    if g is None:
        net = c.p["net_monthly_salary"]
        if net is not None and net <= c.net_gross() * cap:
            return T("MJ-4", f"Votre salaire net ({eur(net)}) correspond à un salaire brut sous le plafond ({ceiling})")
        return U("MJ-4", ("gross_monthly_salary",))
    if g <= cap:
        return T("MJ-4", f"Votre salaire brut ({eur(g)}) ne dépasse pas le plafond ({ceiling})")
    return F("MJ-4", f"Votre salaire brut ({eur(g)}) dépasse le plafond ({ceiling}) (règle MJ-4)")


def _sector(c):
    s = c.p["employer_sector"]
    if s is None:
        return U("MJ-3", ("employer_sector",))
    if s == "prive_non_agricole":
        return T("MJ-3", "Votre employeur est une entreprise privée non agricole")
    if s == "epic":
        return O("MJ-3", f"Un EPIC est {EPIC_NOTE} ; service-public (2023) citait « secteur privé ou assimilé (Epic par exemple) » mais sa version de 2026 ne le cite plus : à vérifier auprès d'Action Logement")
    if s == "agricole":
        return F("MJ-3", "Votre employeur est une entreprise agricole : voyez plutôt l'aide Agri-Mobili-Jeune (règle MJ-3)")
    return F("MJ-3", f"Votre employeur est {SECTOR_LABELS[s]} : l'aide est réservée aux entreprises privées non agricoles (règle MJ-3)")


def _age(c):
    age = c.p["age"]
    amax = c.v("mobili_jeune_age_max_exclu")
    if age is None:
        return U("MJ-1", ("age",))
    if age < amax:
        return T("MJ-1", f"Vous avez {age} ans (la demande doit être faite au plus tard la veille de vos {amax} ans)")
    return F("MJ-1", f"Vous avez {age} ans : la demande doit être faite au plus tard la veille de vos {amax} ans (règle MJ-1)")


def _mobility(c):
    lim = c.v("mobili_jeune_mobilite")
    if lim is None:
        return T(conditions="Le logement doit vous rapprocher de votre lieu de formation ou de votre entreprise")
    p = c.p
    km, mins, dbl = p["previous_home_distance_km"], p["previous_home_travel_minutes"], p["double_rent"]
    cond = "Le logement doit avoir été choisi pour vous rapprocher de votre lieu de formation ou de votre entreprise"
    if km is not None and km > lim["km"]:
        return T("MJ-6a", f"Votre nouveau logement est à {num(km)} km de l'ancien (plus de {lim['km']} km)", cond)
    if mins is not None and mins > lim["minutes"]:
        return T("MJ-6a", f"Votre nouveau logement est à {num(mins)} minutes de l'ancien (plus de {lim['minutes']} minutes)", cond)
    if dbl:
        return T("MJ-6b", "Vous payez deux loyers sur la même période (double charge de loyer)", cond)
    missing = tuple(f for f, v in (("previous_home_distance_km", km), ("previous_home_travel_minutes", mins), ("double_rent", dbl)) if v is None)
    if missing:
        return U(("MJ-6a", "MJ-6b"), missing)
    return F(("MJ-6a", "MJ-6b"), f"Le nouveau logement est à {num(km)} km de l'ancien et à {num(mins)} minutes : il faut plus de {lim['km']} km ou plus de {lim['minutes']} minutes (règle MJ-6a), ou payer deux loyers (règle MJ-6b)")


def window(c, before, after, rule, max_years=None):
    """Request window from ``before`` months before to ``after`` months after the contract start
    or one of its anniversaries."""
    start = c.p["job_start_date"]
    if max_years is None:
        max_years = c.v("mobili_jeune_annees_max")
    if start is None:
        return T(conditions=f"Faire la demande entre {before} mois avant et {after} mois après le début du contrat (ou sa date anniversaire)")
    d = c.d
    for k in range(0, max_years + 1):
        a = add_years(start, k)
        lo, hi = add_months(a, -before), add_months(a, after)
        if lo <= d <= hi:
            when = "du début du contrat" if k == 0 else "de la date anniversaire du contrat"
            return T(rule, f"La demande est faite dans les délais ({before} mois avant à {after} mois après {when}, le {format_date(a)})",
                     conditions=f"Faire la demande au plus tard le {format_date(hi)}")
        if d < lo:
            return F(rule, f"La demande ne peut être faite qu'à partir du {format_date(lo)}, {before} mois avant le {'début du contrat' if k == 0 else 'prochain anniversaire du contrat'} (règle {rule})")
    return F(rule, f"Votre contrat a commencé le {format_date(start)} : le délai de demande est dépassé (règle {rule})")


def _window_reason(c, v):
    return v


def _in_progress(c):
    return stated_unless(c, "mobili_jeune_in_progress", "MJ-5",
                         "Ne pas avoir déjà un dossier Mobili-Jeune en cours",
                         "Vous avez déjà un dossier Mobili-Jeune en cours (règle MJ-5)")


def _rest(c):
    p = c.p
    rent, hb = p["rent"], p["housing_benefit"]
    amounts = c.v("mobili_jeune_montant_mensuel")
    mn = amounts["min"]
    if rent is None:
        return T(conditions=f"Il doit vous rester au moins {eur(mn)} de loyer à payer après l'APL")
    if hb is None:
        if rent < mn:
            return F("MJ-9", f"Votre loyer ({eur(rent)}) est inférieur à {eur(mn)} (règle MJ-9)")
        return T(conditions=f"Il doit vous rester au moins {eur(mn)} de loyer à payer après l'APL")
    rest = rent - hb
    if rest < mn:
        return F("MJ-9", f"Après l'APL, il vous reste {eur(max(rest, 0))} de loyer à payer : il faut au moins {eur(mn)} (règle MJ-9)")
    return T("MJ-9", f"Après l'APL, il vous reste {eur(rest)} de loyer à payer")


def evaluate(c):
    relevance = c.project_is({"louer"}, "MJ-8", "l'aide Mobili-Jeune concerne le loyer d'un logement")
    ceiling = salary_ceiling(c)
    if ceiling is None:
        return all_of(relevance, F((), f"L'aide Mobili-Jeune était suspendue du {format_date(c.bounds('mobili_jeune_taux_smic')[0])} au {format_date(c.bounds('mobili_jeune_taux_smic')[1])} (enveloppe épuisée) : aucune demande possible à cette date"))
    w = c.v("mobili_jeune_fenetre")
    return all_of(relevance, _age(c), alternance(c, "MJ-2"), _sector(c), _salary(c, ceiling), _in_progress(c),
                  _mobility(c), window(c, w["before"], w["after"], "MJ-7"), _rest(c),
                  T(conditions="Logement loué ou en colocation, foyer, résidence sociale ou internat (pas de gîte ni de résidence de tourisme)"))


def amount(c, v):
    amounts = c.v("mobili_jeune_montant_mensuel")
    mn, mx = amounts["min"], amounts["max"]
    cap = c.v("mobili_jeune_plafond_annuel")
    rent, hb = c.p["rent"], c.p["housing_benefit"]
    out = {"monthly": None, "min_monthly": mn, "max_monthly": mx, "yearly_cap": cap, "currency": "EUR"}
    if rent is not None and hb is not None and rent - hb >= mn:
        m = whole(round(min(mx, rent - hb), 2))
        out["monthly"] = m
        out["text"] = f"{eur(m)} par mois (loyer {eur(rent)} moins APL {eur(hb)}, dans la limite de {eur(mx)}), au plus {eur(cap)} par an"
    else:
        out["text"] = f"de {eur(mn)} à {eur(mx)} par mois selon votre loyer et votre APL, au plus {eur(cap)} par an"
    return out


# ---------------------------------------------------------------------------------------------
# Mobili-Jeune VTE

def evaluate_vte(c):
    p = c.p
    relevance = c.project_is({"louer"}, "MJV-1", "l'aide Mobili-Jeune VTE concerne le loyer d'un logement")
    act = p["activity"]
    vte = p["vte"]
    if vte is None:
        vte_v = F0("MJV-1") if act is not None and act not in ("salarie", "alternant") else U("MJV-1", ("vte",))
    elif vte:
        vte_v = T("MJV-1", "Vous avez été recruté(e) dans le cadre du VTE")
    else:
        vte_v = F("MJV-1", "Cette aide est réservée aux jeunes recrutés dans le cadre du Volontariat territorial en entreprise (règle MJV-1)")
    if vte_v.state == 0 and not vte_v.reasons:
        vte_v = F("MJV-1", f"Vous êtes {ACTIVITY_LABELS[act]} : cette aide est réservée aux salariés recrutés en VTE (règle MJV-1)")
    emp = c.private_employee("MJV-2")
    if vte is None:  # a niche label: ask it before the salary and age it would make relevant
        return all_of(relevance, vte_v, emp)
    g = p["gross_monthly_salary"]
    ratio = c.v("mobili_jeune_vte_taux_smic")
    cap = round(ratio * c.v("smic_brut_mensuel") + 1e-9, 2)
    ceiling = smic_share_text(c, ratio)
    if g is None:
        sal = U("MJV-3", ("gross_monthly_salary",))
    elif g <= cap:
        sal = T("MJV-3", f"Votre salaire brut ({eur(g)}) ne dépasse pas {ceiling}")
    else:
        sal = F("MJV-3", f"Votre salaire brut ({eur(g)}) dépasse {ceiling} (règle MJV-3)")
    age = p["age"]
    amax = c.v("mobili_jeune_vte")["age_max_exclu"]
    if age is None:
        age_v = U("MJV-4", ("age",))
    elif age < amax:
        age_v = T()
    else:
        age_v = O("MJV-4", f"Vous avez {age} ans : les sources divergent sur une limite d'âge (aucune selon bij-brest 2020, moins de {amax} ans selon mes-allocs) — à vérifier auprès d'Action Logement")
    src = c.cat.parameters["mobili_jeune_vte_taux_smic"].entry_at(c.d)
    stale = O("MJV-5", f"Les conditions de l'aide Mobili-Jeune VTE ne reposent que sur une source de {src['source_date'].year} "
                       f"({src['source']}) ; aucune source actuelle ne les confirme : à vérifier auprès d'Action Logement")
    return all_of(relevance, vte_v, emp, sal, age_v, stale,
                  T(conditions="Être locataire (bail, avenant ou convention d'occupation) ; pas de gîte, chambre d'hôte ni chambre chez l'habitant"))


def amount_vte(c, v):
    a = c.v("mobili_jeune_vte")
    return {"min_monthly": a["min"], "max_monthly": a["max"], "currency": "EUR",
            "text": f"de {eur(a['min'])} à {eur(a['max'])} par mois pendant {a['months']} mois"}
