"""Agricultural-sector products (PEAEC). Their current conditions are not confirmed (open point 9):
when every known rule holds, the answer is `to_confirm` with that reason."""
from __future__ import annotations

from ..logic import all_of, T, F, U, O
from ..formatting import format_percent
from .common import ACTIVITY_LABELS, SECTOR_LABELS, add_months, eur, num, format_date, whole
from .mobili_jeune import alternance, smic_share_text, window

def duration(minutes):
    """French duration: 75 -> '1 h 15', 40 -> '40 minutes'."""
    h, m = divmod(int(minutes), 60)
    if not h:
        return f"{m} minutes"
    return f"{h} h {m:02d}" if m else f"{h} h"


POINT_9 = "Les conditions actuelles des aides du secteur agricole ne sont pas confirmées par une source officielle : à vérifier sur actionlogement.fr/le-secteur-agricole"


def _agri_employee(c, rule, activities=("salarie", "alternant", "preretraite"), retiree_open=False):
    p = c.p
    act = p["activity"]
    if act is None:
        return U(rule, ("activity",))
    if act not in activities and not (retiree_open and act == "retraite"):
        return F(rule, f"Vous êtes {ACTIVITY_LABELS[act]} : cette aide est réservée aux salariés d'entreprises agricoles (règle {rule})")
    sector = p["employer_sector"]
    if sector is None:
        return U(rule, ("employer_sector",))
    if sector != "agricole":
        return F(rule, f"Votre employeur est {SECTOR_LABELS[sector]} : cette aide est réservée au secteur agricole (règle {rule})")
    if act == "retraite":
        return O(rule, f"Les retraités depuis moins de {c.v('retraite_recente_annees')} ans étaient acceptés en 2021 : à vérifier")
    return T(rule, "Vous êtes salarié(e) d'une entreprise agricole")


def _contributes(c, rule):
    v = c.p["employer_contributes"]
    if v is None:
        return U(rule, ("employer_contributes",))
    if v:
        return T(rule, "Votre employeur cotise à la PEAEC")
    return F(rule, f"Votre employeur ne cotise pas à la PEAEC (règle {rule})")


def _peaec_employer(c, rule, lim):
    """The employer pays the PEAEC: said by the person, or inferred from the size (agricultural
    firms of ``lim`` employees and more are liable); a smaller firm does not pay it."""
    p = c.p
    size, contrib = p["employer_size"], p["employer_contributes"]
    if size is not None and size < lim:
        return F(rule, f"Votre employeur agricole compte {size} salariés : seules les entreprises agricoles de {lim} salariés et plus "
                       f"cotisent à la participation agricole (PEAEC) qui finance cette aide (règle {rule})")
    if contrib is False:
        return F(rule, f"Votre employeur ne cotise pas à la participation agricole (PEAEC) qui finance cette aide (règle {rule})")
    if contrib:
        return T(rule, "Votre employeur cotise à la PEAEC")
    if size is not None:
        return T(rule, f"Votre employeur agricole compte {size} salariés (au moins {lim}) : il cotise à la PEAEC")
    return U(rule, ("employer_size",))


def evaluate_loca_pass(c):
    relevance = c.project_is({"louer"}, "AGLP-1", "l'Agri-Loca-Pass finance le dépôt de garantie d'une location")
    emp = _agri_employee(c, "AGLP-1")
    if emp.state != 1:
        return all_of(relevance, emp)
    peaec = _peaec_employer(c, "AGLP-2", c.v("agri_loca_pass")["taille_min"])
    return all_of(relevance, emp, peaec, O("AGLP-1", POINT_9))


def evaluate_mobili_jeune(c):
    p = c.p
    relevance = c.project_is({"louer"}, "AGMJ-1", "l'aide Agri-Mobili-Jeune concerne le loyer d'un logement")
    age = p["age"]
    params = c.v("agri_mobili_jeune")
    amax = params["age_max_exclu"]
    if age is None:
        age_v = U("AGMJ-1", ("age",))
    elif age < amax:
        age_v = T("AGMJ-1", f"Vous avez {age} ans (moins de {amax} ans)")
    else:
        age_v = F("AGMJ-1", f"Vous avez {age} ans : l'aide est réservée aux moins de {amax} ans (règle AGMJ-1)")
    emp = _agri_employee(c, "AGMJ-2", activities=("salarie", "alternant"))
    size = p["employer_size"]
    lim = c.v("taille_min_entreprise_agricole")
    if size is None:
        size_v = U("AGMJ-2", ("employer_size",))
    elif size >= lim:
        size_v = T()
    else:
        size_v = F("AGMJ-2", f"Votre employeur compte {size} salariés : il en faut au moins {lim} (règle AGMJ-2)")
    smic = c.v("smic_brut_mensuel")
    g = p["gross_monthly_salary"]
    cap = round(params["taux_smic"] * smic + 1e-9, 2)
    mj_ratio = c.v("mobili_jeune_taux_smic") or params["taux_smic"]
    if g is None:
        sal = U("AGMJ-3", ("gross_monthly_salary",))
    elif g <= cap:
        sal = T("AGMJ-3", f"Votre salaire brut ({eur(g)}) ne dépasse pas {smic_share_text(c, params['taux_smic'])}")
    elif g <= round(mj_ratio * smic + 1e-9, 2):
        sal = O("AGMJ-3", f"Votre salaire brut ({eur(g)}) dépasse {smic_share_text(c, params['taux_smic'])} : on ne sait pas si le plafond a été relevé à {smic_share_text(c, mj_ratio)} comme pour Mobili-Jeune")
    else:
        sal = F("AGMJ-3", f"Votre salaire brut ({eur(g)}) dépasse le plafond ({smic_share_text(c, mj_ratio)}) (règle AGMJ-3)")
    return all_of(relevance, age_v, alternance(c, "AGMJ-1"), emp, size_v, _contributes(c, "AGMJ-2"), sal,
                  window(c, params["before"], params["after"], "AGMJ-4"), O("AGMJ-4", POINT_9),
                  T(conditions="Le logement doit vous rapprocher de votre lieu de formation ou de votre entreprise"))


def amount_mobili_jeune(c, v):
    params = c.v("agri_mobili_jeune")
    rent, hb = c.p["rent"], c.p["housing_benefit"]
    out = {"max_monthly": params["max"], "currency": "EUR", "monthly": None}
    if rent is not None and hb is not None:
        m = round(max(0.0, min(params["max"], rent - hb - params["reste_min"] * rent)), 2)
        out["monthly"] = whole(m)
        out["text"] = f"environ {eur(out['monthly'])} par mois (au plus {eur(params['max'])}, {format_percent(round(params['reste_min'] * 100, 2))} du loyer restant à votre charge)"
    else:
        out["text"] = f"jusqu'à {eur(params['max'])} par mois (loyer moins APL, {format_percent(round(params['reste_min'] * 100, 2))} du loyer restant à votre charge)"
    return out


def evaluate_mobilite(c):
    p = c.p
    params = c.v("agri_mobilite")
    relevance = c.project_is({"louer", "acheter"}, "AGMO-1", "l'aide Agri-Mobilité concerne un déménagement")
    emp = _agri_employee(c, "AGMO-1", activities=("salarie", "alternant"))
    km, mins = p["previous_home_distance_km"], p["previous_home_travel_minutes"]
    if (km is not None and km > params["km"]) or (mins is not None and mins > params["minutes"]):
        mob = T("AGMO-2", f"Votre nouveau logement est loin de l'ancien (plus de {params['km']} km ou plus de {duration(params['minutes'])})")
    elif km is not None and mins is not None:
        mob = F("AGMO-2", f"Votre nouveau logement est à {num(km)} km et {num(mins)} minutes de l'ancien : il faut plus de {params['km']} km ou plus de {duration(params['minutes'])} (règle AGMO-2)")
    else:
        mob = U("AGMO-2", tuple(f for f, v in (("previous_home_distance_km", km), ("previous_home_travel_minutes", mins)) if v is None))
    pli = p["resources_under_pli"]
    pli_v = U("AGMO-3", ("resources_under_pli",)) if pli is None else (T("AGMO-3", "Vos revenus sont sous les plafonds du logement intermédiaire") if pli else F("AGMO-3", "Vos revenus dépassent les plafonds du logement intermédiaire (règle AGMO-3)"))
    js, mu = p["job_start_date"], p["mutation_date"]
    delay = params["delai_mois"]
    if any(x and c.d <= add_months(x, delay) for x in (js, mu)):
        win = T("AGMO-4", f"La demande est faite dans les {delay} mois suivant l'embauche ou la mutation")
    elif js is not None and mu is not None:  # both known (mutation may be "none"), none recent
        win = F("AGMO-4", f"L'embauche ou la mutation date de plus de {delay} mois (règle AGMO-4)")
    else:
        win = T(conditions=f"Faire la demande dans les {delay} mois suivant l'embauche ou la mutation")
    return all_of(relevance, emp, _contributes(c, "AGMO-1"), mob, pli_v, win, O("AGMO-5", POINT_9),
                  T(conditions=f"Avec l'accord de votre employeur ; une aide par foyer tous les {params['frequence_annees']} ans"))


def amount_mobilite(c, v):
    a = c.v("agri_mobilite")
    return {"max": a["max"], "currency": "EUR", "text": f"jusqu'à {eur(a['max'])} (montant {a['amount_year']})"}


def evaluate_saisonniers(c):
    p = c.p
    relevance = c.project_is({"louer"}, "AGS-2", "l'aide aux saisonniers agricoles concerne le logement pendant la saison")
    emp = _agri_employee(c, "AGS-1", activities=("salarie",))
    contract = p["contract"]
    if contract is None:
        ct = U("AGS-1", ("contract",))
    elif contract in ("saisonnier", "interim"):
        ct = T("AGS-1", "Vous avez un contrat saisonnier dans une entreprise agricole")
    else:
        ct = F("AGS-1", "L'aide est réservée aux contrats saisonniers (règle AGS-1)")
    eph = p["employer_provided_housing"]
    if eph:
        house = F("AGS-2", "Le logement appartient à votre employeur : l'aide ne s'applique pas (règle AGS-2)")
    elif p["dwelling"] == "residence_etudiante":
        house = F("AGS-2", "Les résidences étudiantes (CROUS) ne sont pas acceptées (règle AGS-2)")
    elif eph is None:
        # who owns the dwelling is stated, like the landlord of Visale (VIS-L3), not asked: a
        # seasonal worker renting a gîte or a flat rarely rents from the farm that employs them
        house = T(conditions="Le logement ne doit pas appartenir à votre employeur (ni être une résidence CROUS)")
    else:
        house = T("AGS-2", "Le logement n'appartient pas à votre employeur")
    params = c.v("aide_saisonniers_agricoles")
    start = p["job_start_date"]
    if start is None:
        win = T(conditions=f"Faire la demande dans les {params['delai_mois']} mois suivant le début de l'activité saisonnière")
    elif c.d > add_months(start, params["delai_mois"]):
        win = F("AGS-3", f"Votre contrat a commencé le {format_date(start)} : la demande devait être faite dans les {params['delai_mois']} mois (règle AGS-3)")
    else:
        win = T("AGS-3", f"La demande est faite dans les {params['delai_mois']} mois suivant le début de l'activité",
                conditions=f"Faire la demande au plus tard le {format_date(add_months(start, params['delai_mois']))}")
    return all_of(relevance, emp, ct, house, win)


def amount_saisonniers(c, v):
    params = c.v("aide_saisonniers_agricoles")
    return {"monthly": params["monthly"], "months": params["months"], "yearly_cap": params["yearly"], "currency": "EUR",
            "text": f"{eur(params['monthly'])} par mois, {params['months']} mois au plus ({eur(params['yearly'])} par an)"}


def evaluate_accession(c):
    relevance = c.project_is({"acheter"}, "AGAC-1", "le prêt Agri-Accession finance l'achat de votre résidence principale")
    return all_of(relevance, _agri_employee(c, "AGAC-1", retiree_open=True), _contributes(c, "AGAC-1"), O("AGAC-1", POINT_9))


def evaluate_travaux(c):
    relevance = c.project_is({"travaux"}, "AGTR-1", "le prêt Agri-Travaux finance des travaux dans votre logement")
    return all_of(relevance, _agri_employee(c, "AGTR-1"), _contributes(c, "AGTR-1"), O("AGTR-1", POINT_9))


def amount_none(c, v):
    return None
