"""Prêt Accession (PA-*) and Prêt Travaux (PT-*)."""
from __future__ import annotations

from ..formatting import format_percent
from ..logic import all_of, T, F, U, O
from .common import eur

OK_OPERATIONS = {"neuf": "l'achat d'un logement neuf", "vefa": "l'achat sur plan (VEFA)",
                 "construction": "la construction d'une maison", "psla": "la location-accession (PSLA)",
                 "brs": "un bail réel solidaire (BRS)", "ancien_hlm": "l'achat d'un logement ancien vendu par un bailleur social"}


def _employee(c, rule, allow_retiree=False):
    size = c.v("taille_min_entreprise_prets")
    act = c.p["activity"]
    if allow_retiree and act == "retraite":
        return O(rule, f"Les retraités depuis moins de {c.v('retraite_recente_annees')} ans ne sont cités que par des sources secondaires (à vérifier auprès d'Action Logement)")
    return c.private_employee(rule, activities=("salarie", "alternant", "preretraite"), min_size=size,
                              agri_reason=f"Votre employeur est une entreprise agricole : voyez plutôt les prêts Agri-Accession ou Agri-Travaux (règle {rule})")


def _first_time(c):
    p = c.p
    ftb, dis, mut = p["first_time_buyer"], p["disability_in_household"], p["mutation_date"]
    if ftb:
        return T("PA-2", f"Vous n'avez pas été propriétaire de votre résidence principale depuis {c.v('pret_accession_primo_annees')} ans (primo-accédant)")
    if dis:
        return T("PA-2", "Une personne handicapée vit dans votre foyer")
    if mut:
        return T("PA-2", "Vous êtes en mobilité professionnelle (mutation)")
    missing = tuple(f for f, v in (("first_time_buyer", ftb), ("disability_in_household", dis), ("mutation_date", mut)) if v is None)
    if missing:
        return U("PA-2", missing)
    years = c.v("pret_accession_primo_annees")
    return F("PA-2", f"Vous avez été propriétaire de votre résidence principale ces {years} dernières années : le Prêt Accession est réservé aux primo-accédants (pas propriétaires depuis {years} ans), aux personnes en mobilité professionnelle ou aux foyers avec une personne handicapée (règle PA-2)")


def _operation(c):
    op = c.p["purchase_operation"]
    if op is None:
        return U("PA-5", ("purchase_operation",))
    if op in OK_OPERATIONS:
        return T("PA-5", f"Le prêt finance {OK_OPERATIONS[op]}")
    if op == "terrain":
        return F("PA-5", "Le Prêt Accession ne finance pas l'achat d'un terrain seul (règle PA-5)")
    return O("PA-5", "L'achat d'un logement ancien sur le marché privé figurait dans les textes de 2020 mais plus dans les listes actuelles : à vérifier auprès d'Action Logement")


def evaluate_accession(c):
    relevance = c.project_is({"acheter"}, "PA-5", "le Prêt Accession finance l'achat de votre résidence principale")
    return all_of(relevance, _employee(c, "PA-1", allow_retiree=True), _first_time(c),
                  c.pli("PA-3", "Vos revenus dépassent les plafonds du logement intermédiaire : une partie des prêts peut être accordée au-delà, sans garantie (à confirmer avec Action Logement)"),
                  _operation(c),
                  T(conditions=["Le logement doit devenir votre résidence principale",
                                "Faire la demande avant l'achat, en complément d'un prêt immobilier principal"]))


def amount_accession(c, v):
    t = c.v("pret_accession")
    if t is None:
        return {"currency": "EUR", "text": "conditions de l'époque non reprises dans le catalogue"}
    return {"max": t["max"], "rate": t["rate"], "years": t["years"], "currency": "EUR",
            "text": f"jusqu'à {eur(t['max'])} à {format_percent(t['rate'])} (hors assurance) sur {t['years']} ans maximum"}


def _owner(c):
    p = c.p
    own, kind = p["owner_occupier"], p["works_kind"]
    if own:
        return T("PT-2", "Vous êtes propriétaire occupant")
    if own is None:
        return U("PT-2", ("owner_occupier",))
    if kind is None:
        return U("PT-2", ("works_kind",))
    if kind == "energie":
        return T("PT-2", "Travaux d'économies d'énergie : ouverts aux propriétaires bailleurs",
                 conditions="Être propriétaire bailleur du logement (loué comme résidence principale)")
    return F("PT-2", "Hors travaux d'économies d'énergie, le Prêt Travaux est réservé aux propriétaires occupants (règle PT-2)")


def _works(c):
    kind = c.p["works_kind"]
    if kind is None:
        return U("PT-4", ("works_kind",))
    labels = {"energie": "d'économies d'énergie", "amelioration": "d'amélioration", "handicap": "d'adaptation au handicap",
              "copropriete": "en copropriété dégradée"}
    cond = "Les travaux d'énergie doivent respecter les critères de l'éco-PTZ (artisan RGE)" if kind == "energie" else None
    return T("PT-4", f"Le prêt finance des travaux {labels[kind]}", conditions=cond)


def evaluate_travaux(c):
    relevance = c.project_is({"travaux"}, "PT-4", "le Prêt Travaux finance des travaux dans votre logement")
    return all_of(relevance, _employee(c, "PT-1"), _owner(c), _works(c),
                  c.pli("PT-3", "Vos revenus dépassent les plafonds du logement intermédiaire : une partie des prêts peut être accordée au-delà, sans garantie (à confirmer avec Action Logement)"),
                  T(conditions="Le logement doit être une résidence principale en France (hexagone ou outre-mer)"))


def amount_travaux(c, v):
    t = c.v("pret_travaux")
    if t is None:
        return {"currency": "EUR", "text": "conditions de l'époque non reprises dans le catalogue"}
    return {"max": t["max"], "rate": t["rate"], "years": t["years"], "currency": "EUR",
            "text": f"jusqu'à {eur(t['max'])} à {format_percent(t['rate'])} sur {t['years']} ans (montant et taux à vérifier : les sources divergent)"}
