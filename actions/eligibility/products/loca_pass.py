"""Avance Loca-Pass (LP-*): at least one public (LP-1..LP-6), exclusions LP-X, timing LP-T."""
from __future__ import annotations

from ..logic import all_of, any_of, T, F, U, O
from .common import F0, ACTIVITY_LABELS, ALTERNANCE_CONTRACTS, EPIC_NOTE, NON_PERMANENT_CONTRACTS, add_months, eur, format_date

EXCLUDED = {
    "fonctionnaire": "Les fonctionnaires titulaires ne peuvent pas obtenir l'Avance Loca-Pass (règle LP-X)",
    "retraite": "Les retraités ne peuvent pas obtenir l'Avance Loca-Pass, seuls les préretraités le peuvent (règle LP-X)",
    "independant": "Les travailleurs indépendants ne peuvent pas obtenir l'Avance Loca-Pass (règle LP-X)",
    "sans_activite": "L'Avance Loca-Pass est réservée aux salariés, aux jeunes en formation, en recherche d'emploi ou en emploi non permanent et à certains étudiants (règle LP-X)",
}


def _young(c, rule):
    age = c.p["age"]
    amax = c.v("loca_pass_age_max_exclu")
    if age is None:
        return U(rule, ("age",))
    if age < amax:
        return T(rule, f"Vous avez {age} ans (moins de {amax} ans)")
    return F(rule, f"Vous avez {age} ans : cette voie est réservée aux moins de {amax} ans (règle {rule})")


def _lp1(c):
    p = c.p
    act = p["activity"]
    if act not in ("salarie", "alternant", "preretraite"):
        return F0("LP-1")
    sector = p["employer_sector"]
    if sector is None:
        return U("LP-1", ("employer_sector",))
    if sector == "prive_non_agricole":
        return T("LP-1", f"Vous êtes {ACTIVITY_LABELS[act]} d'une entreprise privée non agricole (quels que soient l'âge, le contrat et la taille de l'entreprise)")
    if sector == "epic" and c.epic_as_private():
        return T("LP-1", f"Vous êtes {ACTIVITY_LABELS[act]} d'un EPIC, {EPIC_NOTE} : l'Avance Loca-Pass est ouverte aux salariés du secteur privé non agricole, quels que soient l'âge et le contrat")
    if sector == "agricole":
        return F("LP-1", "Vous travaillez dans une entreprise agricole : voyez plutôt l'Avance Agri-Loca-Pass (règle LP-1)")
    if sector == "particulier_employeur":
        return O("LP-1", "Le cas des salariés d'un particulier employeur n'est pas précisé par les textes de l'Avance Loca-Pass (à vérifier auprès d'Action Logement)")
    return F0("LP-1")


def _lp2(c):
    p = c.p
    act, contract = p["activity"], p["contract"]
    if act not in ("alternant", "salarie"):  # the activity decides alone (monotonic)
        return F0("LP-2")
    if contract in ALTERNANCE_CONTRACTS or (contract is None and act == "alternant"):
        young = _young(c, "LP-2")
        if p["employer_sector"] == "agricole":
            return all_of(young, O("LP-2", "Pour un alternant d'une entreprise agricole, l'orientation vers l'Avance Loca-Pass ou l'Agri-Loca-Pass n'est pas documentée (à vérifier)"))
        if young.state == 1:
            return T("LP-2", f"Vous avez {p['age']} ans et êtes en contrat d'alternance (moins de {c.v('loca_pass_age_max_exclu')} ans en formation professionnelle)")
        return young
    if contract is None and act in ("salarie",):
        return U("LP-2", ("contract",))
    return F0("LP-2")


def _lp3(c):
    if c.p["activity"] != "demandeur_emploi":
        return F0("LP-3")
    y = _young(c, "LP-3")
    if y.state == 1:
        return T("LP-3", f"Vous avez {c.p['age']} ans et cherchez un emploi")
    if y.state == 0:
        return F("LP-3", f"Vous avez {c.p['age']} ans et cherchez un emploi : l'Avance Loca-Pass n'est ouverte aux demandeurs d'emploi qu'avant {c.v('loca_pass_age_max_exclu')} ans (règle LP-3)")
    return y


def _lp4(c):
    p = c.p
    act, contract = p["activity"], p["contract"]
    if act == "agent_public_contractuel" or (act == "salarie" and contract in NON_PERMANENT_CONTRACTS):
        y = _young(c, "LP-4")
        if y.state == 1 and p["employer_sector"] == "agricole":
            return O("LP-4", "Pour un emploi non permanent dans une entreprise agricole, l'orientation vers l'Avance Loca-Pass ou l'Agri-Loca-Pass n'est pas documentée (à vérifier)")
        if y.state == 1:
            return T("LP-4", f"Vous avez {p['age']} ans et un emploi non permanent (secteur privé ou public)")
        return y
    if act == "salarie" and contract is None and p["employer_sector"] != "prive_non_agricole":
        return U("LP-4", ("contract",))
    return F0("LP-4")


def _lp5_6(c):
    p = c.p
    if p["activity"] != "etudiant":
        return F0("LP-5")
    sch = p["scholarship"]
    if sch:
        return T("LP-5", "Vous êtes étudiant(e) boursier ou boursière d'État")
    cdd, stage = p["cdd_months_last_6"], p["internship_months"]
    n = c.v("loca_pass_etudiant_min_mois")
    if (cdd is not None and cdd >= n) or (stage is not None and stage >= n):
        return T("LP-6", f"Vous êtes étudiant(e) avec un CDD ou un stage d'au moins {n} mois")
    missing = tuple(f for f, v in (("scholarship", sch), ("cdd_months_last_6", cdd), ("internship_months", stage)) if v is None)
    if missing:
        return U(("LP-5", "LP-6"), missing)
    return F(("LP-5", "LP-6"), f"Vous êtes étudiant(e) sans bourse d'État, sans CDD ni stage d'au moins {n} mois (règles LP-5 et LP-6)")


def _promise(c):
    p = c.p
    if p["job_promise_start_date"] and p["activity"] not in ("salarie", "alternant", "preretraite"):
        return O("LP-1", "Vous avez une promesse d'embauche : les textes de l'Avance Loca-Pass ne disent pas si elle suffit (à vérifier auprès d'Action Logement)")
    return F0(None)


def _timing(c):
    m = c.p["move_in_date"]
    delay = c.v("loca_pass_delai_mois")
    if m is None:
        return T(conditions=f"Faire la demande au plus tard {delay} mois après l'entrée dans le logement (elle est possible avant la signature du bail)")
    deadline = add_months(m, delay)
    if c.d > deadline:
        return F("LP-T", f"Vous êtes entré(e) dans le logement le {format_date(m)} : la demande devait être faite au plus tard {delay} mois après, soit le {format_date(deadline)} (règle LP-T)")
    return T("LP-T", f"Entrée dans le logement le {format_date(m)}", conditions=f"Faire la demande au plus tard le {format_date(deadline)}")


def evaluate(c):
    relevance = c.project_is({"louer"}, "LP-H", "l'Avance Loca-Pass finance le dépôt de garantie d'une location")
    act = c.p["activity"]
    if act in EXCLUDED:
        return all_of(relevance, F("LP-X", EXCLUDED[act]))
    if act is None:
        public = U("LP-1", ("activity",))
    else:
        public = any_of(_lp2(c), _lp1(c), _lp3(c), _lp4(c), _lp5_6(c), _promise(c))
        if public.state == 0 and not public.reasons:
            public = F("LP-X", f"Vous êtes {ACTIVITY_LABELS[act]} : votre situation ne correspond à aucun des publics de l'Avance Loca-Pass (règle LP-X)")
    return all_of(relevance, public, _timing(c),
                  T(conditions="Le logement doit être votre résidence principale, loué vide ou meublé (parc privé, social ou foyer)"))


def amount(c, v):
    mx = c.v("loca_pass_montant_max")
    r = c.v("loca_pass_remboursement")
    return {"max": mx, "currency": "EUR",
            "text": f"jusqu'à {eur(mx)} pour le dépôt de garantie, sans intérêts, remboursés en {r['mois_max']} mois au plus "
                    f"(au moins {eur(r['mensualite_min'])} par mois, à partir de {r['differe_mois']} mois après le versement)"}
