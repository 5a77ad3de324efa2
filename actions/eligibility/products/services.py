"""Services: logement social / AL'in (AL-*) and accompagnement des salariés en difficulté (ASD-*)."""
from __future__ import annotations

from ..logic import all_of, T, F, U, O
from .common import ACTIVITY_LABELS, EPIC_NOTE, SECTOR_LABELS

EVENT_LABELS = {"impayes_loyer": "des loyers impayés", "impayes_pret": "des mensualités de prêt impayées",
                "expulsion": "une menace d'expulsion ou de saisie", "surendettement": "un surendettement",
                "separation": "une séparation", "perte_emploi": "une perte d'emploi", "maladie": "une maladie",
                "deces": "un décès", "sinistre": "un sinistre dans le logement"}


def _al1(c):
    p = c.p
    act = p["activity"]
    if act is None:
        return U("AL-1", ("activity",))
    if act not in ("salarie", "alternant"):
        return F("AL-1", f"Vous êtes {ACTIVITY_LABELS[act]} : ce service est réservé aux salariés d'entreprises privées (règle AL-1)")
    sector = p["employer_sector"]
    if sector is None:
        return U("AL-1", ("employer_sector",))
    epic = sector == "epic" and c.epic_as_private()
    if sector not in ("prive_non_agricole", "agricole") and not epic:
        return F("AL-1", f"Votre employeur est {SECTOR_LABELS[sector]} : ce service est réservé aux salariés d'entreprises privées (règle AL-1)")
    size = p["employer_size"]
    cond = "Avec l'accord de votre employeur (entreprise cliente d'Action Logement)"
    if size is None:  # a fact about the person that decides the service: asked, never assumed
        return U("AL-1", ("employer_size",))
    if sector == "agricole":
        lim = c.v("taille_min_entreprise_agricole")
        if size >= lim:
            return T("AL-1", f"Votre employeur agricole compte {size} salariés (au moins {lim})", cond)
        return F("AL-1", f"Votre employeur agricole compte {size} salariés : il en faut au moins {lim} (règle AL-1)")
    lim = c.v("taille_min_entreprise_prets")
    who = f"Votre employeur, un EPIC {EPIC_NOTE}," if epic else "Votre employeur privé"
    if size > lim:
        return T("AL-1", f"{who} compte {size} salariés (plus de {lim})", cond)
    if size == lim:
        return O("AL-1", f"Votre employeur compte exactement {lim} salariés : les sources disent « plus de {lim} » ou « au moins {lim} » (à vérifier)", cond)
    return F("AL-1", f"Votre employeur compte {size} salariés : il en faut plus de {lim} (règle AL-1)")


def _al2(c):
    v = c.p["resources_under_pli"]
    if v is False:
        return F("AL-2", "Vos revenus dépassent les plafonds du logement intermédiaire, donc aussi ceux des logements sociaux (règle AL-2)")
    return T(conditions="Les ressources de votre foyer doivent être sous les plafonds du logement proposé (logement social ou intermédiaire)")


def evaluate_alin(c):
    relevance = c.project_is({"louer", "difficulte"}, "AL-1", "ce service propose des logements sociaux ou intermédiaires à louer")
    return all_of(relevance, _al1(c), _al2(c),
                  T(conditions="Avoir une demande de logement social valide (numéro unique) ; Action Logement peut la déposer pour vous"))


def amount_alin(c, v):
    return None


def _asd1(c):
    p = c.p
    act = p["activity"]
    if act is None:
        return U("ASD-1", ("activity",))
    if act not in ("salarie", "alternant"):
        return F("ASD-1", f"Vous êtes {ACTIVITY_LABELS[act]} : l'accompagnement est réservé aux salariés du secteur privé (règle ASD-1)")
    sector = p["employer_sector"]
    if sector is None:
        return U("ASD-1", ("employer_sector",))
    epic = sector == "epic" and c.epic_as_private()
    if sector not in ("prive_non_agricole", "agricole") and not epic:
        return F("ASD-1", f"Votre employeur est {SECTOR_LABELS[sector]} : l'accompagnement est réservé aux salariés du secteur privé (règle ASD-1)")
    lim = c.v("taille_min_entreprise_agricole" if sector == "agricole" else "taille_min_entreprise_prets")
    size = p["employer_size"]
    if size is None:  # a fact about the person that decides the service: asked, never assumed
        return U("ASD-1", ("employer_size",))
    if size < lim:
        return F("ASD-1", f"Votre employeur compte {size} salariés : il en faut au moins {lim} (règle ASD-1)")
    if epic:
        return T("ASD-1", f"Vous êtes salarié(e) d'un EPIC de {size} salariés, {EPIC_NOTE}")
    return T("ASD-1", f"Vous êtes salarié(e) d'une entreprise privée de {size} salariés")


def _asd2(c):
    p = c.p
    events, proj = p["difficulty_events"], p["project"]
    if events:
        return T("ASD-2", "Vous faites face à " + ", ".join(EVENT_LABELS[e] for e in events))
    if proj == "difficulte":
        return T("ASD-2", "Vous avez une difficulté pour accéder à un logement ou le garder",
                 conditions="La difficulté doit venir d'un événement imprévu (impayés, séparation, perte d'emploi, maladie…)")
    if events is None:
        return U("ASD-2", ("difficulty_events",) if proj is not None else ("project", "difficulty_events"))
    if proj is None:  # explicitly no event listed, project unknown
        return U("ASD-2", ("project",))
    return F("ASD-2", "Vous n'avez pas signalé d'événement imprévu qui menace votre logement (règle ASD-2)")


def evaluate_asd(c):
    return all_of(_asd1(c), _asd2(c))


def amount_asd(c, v):
    return None
