"""Readers of the housing project: booleans volunteered (lease signed, scholarship, landlord in
the family…), project, difficulties, purchase, works, dwelling."""
from __future__ import annotations

import re

from .reading import Reading

_c = re.compile  # a rule pattern

# --------------------------------------------------------------------------- booleans volunteered
_BOOL_RULES = [
    # (field, value, pattern, negatable)
    ("lease_signed", True, _c(r"\b(?:(?:ai|as|a|avons|avez|ont) (?:deja |bien )?signe (?:le |mon |un |notre |mon nouveau )?bail|(?:ai|avons|a) (?:deja )?(?:pris|loue) (?:un|une|mon|ma|notre) (?:appart\w*|studio|logement|chambre|maison|location|t\d|f\d)|bail (?:est |a ete |deja )?(?:deja )?signe|bail signe|signature du bail (?:est )?faite)\b"), True),
    ("lease_signed", False, _c(r"\b(?:pas encore signe|pas signe|(?:je |on )?(?:vais|va|dois|doit|devons) signer (?:le |mon |un )?bail|je signe (?:le |mon )?bail (?:demain|la semaine|le mois|bientot|dans|lundi|mardi|mercredi|jeudi|vendredi|samedi)|avant de signer|avant la signature|bail (?:n'est )?pas encore signe|pas encore de bail)\b"), False),
    ("scholarship", True, _c(r"\b(?:boursier|boursiere|boursiers|boursieres|bourse du crous|bourse sur criteres sociaux|bourse sur criteres|bourse d'etat|bourse d'etudes|bourse etudiante|echelon \d)\b"), True),
    ("bail_mobilite", True, _c(r"\bbail (?:de )?mobilite\b"), True),
    ("bail_mobilite", False, _c(r"\b(?:bail classique|bail normal|bail de 3 ans|bail d'un an|bail meuble d'un an)\b"), False),
    ("iml", True, _c(r"\b(?:intermediation locative|solibail|louer solidaire|iml)\b"), True),
    ("landlord_is_family", True, _c(r"\b(?:lou\w* (?:a|chez) (?:mes|mon|ma) (?:parents?|pere|mere|papa|maman|grands?-parents?|grands? parents?|grand-pere|grand-mere|grand pere|grand mere|fils|fille|enfants?)|(?:proprio|proprietaire|bailleur|bailleuse)(?: du logement| de l'appart)? (?:c'est|est|sont|ce sont) (?:mes|mon|ma) (?:parents?|pere|mere|papa|maman|grands?-parents?|grand-pere|grand-mere|fils|fille)|(?:appartient|appartenant) a (?:mes|mon|ma) (?:parents?|pere|mere|grands?-parents?|grand-pere|grand-mere|fils|fille)|(?:mes|mon|ma) (?:parents?|pere|mere|papa|maman|grands?-parents?|grand-pere|grand-mere|fils|fille) (?:me|nous) (?:lou\w*|sous-lou\w*)|lou\w* (?:l'appart\w*|le studio|la maison|le logement|l'ancien appart\w*|son \w+|leur \w+) (?:de|a) (?:mes|mon|ma) (?:parents?|pere|mere|papa|maman|grands?-parents?|grand-pere|grand-mere|fils|fille))\b"), True),
    ("landlord_is_family", False, _c(r"\b(?:lou\w* (?:a|chez) (?:mon|ma) (?:oncle|tante|cousin|cousine|ami|amie|pote)|(?:proprio|proprietaire) (?:est |c'est )?(?:un|une) (?:particulier|inconnu|inconnue|agence|bailleur social|societe))\b"), False),
    ("double_rent", True, _c(r"\b(?:(?:2|deux) loyers(?! (?:de retard|en retard|impayes?|pas payes|non payes|d'avance))|double loyer|doubles loyers|(?:2|deux) baux)\b"), True),
    ("employer_provided_housing", True, _c(r"\b(?:logement de fonction|loge par (?:mon |l'|le )?(?:employeur|patron|entreprise|exploitant)|loge sur (?:l'exploitation|place|le domaine)|logement (?:fourni|prete|mis a disposition|paye) par (?:mon |l'|le |la )?(?:employeur|patron|entreprise|boite|exploitant)|(?:logement|appart|maison) (?:appartient|appartenant) a (?:mon |l'|le )?(?:employeur|patron|entreprise)|loge chez (?:mon|le) (?:employeur|patron)|logement (?:de|du) (?:mon )?(?:employeur|patron))\b"), True),
    ("first_time_buyer", True, _c(r"\b(?:jamais (?:ete )?proprietaires?|primo-accedant|primo accedant|primo-accedante|primo accedante|primo-accedants|primoaccedant|premier achat|premiere acquisition|premier achat immobilier|jamais achete|(?:notre|ma) premiere (?:maison|acquisition|propriete))\b"), False),
    ("first_time_buyer", False, _c(r"\b(?:deja (?:ete )?proprietaire|j'ai ete proprietaire|etais proprietaire|(?:je suis|nous sommes|on est) (?:deja )?proprietaires?)\b"), False),
    ("owner_occupier", True, _c(r"\b(?:proprietaires? occupants?|(?:je suis|nous sommes|on est) proprietaires? (?:de (?:ma|mon|notre|la|le) (?:maison|appart|logement|residence principale))?(?!\s*bailleur)|j'habite (?:dans )?(?:ma|mon) (?:propre )?(?:maison|appart) (?:dont je suis|que j'ai achete))\b"), False),
    ("owner_occupier", False, _c(r"\b(?:proprietaires? bailleurs?|(?:je suis|nous sommes|on est) locataires?|je loue (?:mon|ma) (?:appart|maison|logement) a)\b"), False),
    ("disability_in_household", True, _c(r"\b(?:handicap|handicape|handicapee|handicapes|en situation de handicap|aah|aeeh|carte d'invalidite|carte mobilite inclusion|carte d'handicape|invalidite|invalide|rqth|mdph|en fauteuil|fauteuil roulant)\b"), True),
    ("mobili_jeune_in_progress", True, _c(r"(?:(?:deja|en cours)\W+(?:\w+\W+){0,4}mobili[- ]?jeune|mobili[- ]?jeune (?:\w+ ){0,2}(?:en cours|deja|ouvert|depose|accepte|accorde)|(?:je touche|je percois|je recois) (?:deja )?(?:la |l'aide )?mobili[- ]?jeune)"), True),
    ("vte", True, _c(r"\b(?:vte|volontariat territorial(?: en entreprise)?)\b"), True),
    ("employer_contributes", True, _c(r"\b(?:(?:cotise|cotisent|verse|paie|paye|participe)\w* (?:bien |deja |pas |plus )?(?:au|a|pour|le|la) (?:1 ?%|1 pour ?cent|action logement|peec|peaec|participation (?:des employeurs )?a l'effort de construction)|(?:1 ?%|1 pour ?cent) (?:logement|patronal)|adherent a action logement)"), True),
    ("visale_visa_obtained", True, _c(r"\b(?:(?:ai|as|a|avons|avez) (?:deja |bien )?(?:obtenu|eu|recu) (?:le |mon |un |notre )?visa(?: visale)?|visa visale (?:obtenu|accorde|valide|ok))\b"), True),
    ("cdi_confirmed", True, _c(r"\b(?:periode d'essai (?:est |a ete )?(?:terminee|finie|fini|validee|valide|passee|termine|ok|depassee|confirmee)|fin de (?:ma |la )?periode d'essai (?:est )?passee|cdi confirme|cdi valide|confirme dans mon poste|titularise dans mon cdi)\b"), True),
    ("cdi_confirmed", False, _c(r"\b(?:en periode d'essai|periode d'essai (?:en cours|pas (?:encore )?(?:finie|terminee|fini|termine))|(?:encore|toujours) en (?:periode d')?essai|encore (?:\d+|un|une|deux|trois|quelques) (?:mois|semaines?|jours) d'essai|je suis a l'essai|en essai|periode d'essai (?:se termine|finit|termine|s'acheve|prend fin) (?:dans|le|en|fin|debut|la semaine|le mois|bientot))\b"), False),
]

# --------------------------------------------------------------------------- project & co
_PROJECT_RULES = [
    ("difficulte", _c(r"\b(?:impaye|impayes|impayee|impayees|retards? (?:de|dans (?:le|mon)) (?:loyers?|paiement)|loyers? (?:de|en) retard|(?:n'arrive|arrive|n'y arrive) plus a payer|(?:peux|peut|pouvons|arrive) (?:plus|pas) (?:a )?payer|plus payer (?:mon|le|mes|nos) (?:loyer|pret|credit)|(?:paie|paye|paient|payons|rembourse) plus (?:mon|le|mes|nos|notre) (?:loyer|pret|credit|emprunt)|expulsion|expulse|expulsee|huissier|surendettement|surendette|commandement de payer|commandement de quitter|saisie (?:immobiliere|sur salaire)|dettes? (?:de|du) loyer|dettes? locatives?|difficultes? (?:a|pour) (?:payer|regler)|galere a payer|du mal a payer|risque de perdre mon logement|perdre mon logement|garder mon logement|rester dans mon logement|(?:je suis|on est|nous sommes) en (?:grosse |grande )?difficulte)\b")),
    ("acheter", _c(r"\b(?:acheter|achat|achete|acquerir|acquisition|devenir proprietaires?|acceder a la propriete|accession|vefa|sur plan|fai\w* construire|construire (?:une|ma|notre|un) (?:maison|logement|appart)|construction (?:d'une|de ma|de notre|d'un) (?:maison|logement)|pret immobilier|credit immobilier|primo-accedant|primo accedant|pret accession|psla|location-accession|location accession|bail reel solidaire|compromis de vente|offre d'achat)\b")),
    ("travaux", _c(r"\b(?:travaux|renovation|renover|isolation|isoler|chaudiere|pompe a chaleur|double vitrage|refaire (?:ma|mon|la|le|les) (?:toiture|toit|salle de bain|cuisine|isolation|fenetres|chauffage)|adapter (?:mon|ma|le|la|notre) (?:logement|maison|appart|salle de bain)|amenagement pour (?:le )?handicap|agrandissement|agrandir (?:ma|notre) maison)\b")),
    ("louer", _c(r"\b(?:je cherche (?:un|une|a) (?:appart|logement|studio|location|coloc|colocation|chambre|maison|t\d|f\d)|cherche (?:un|une) (?:appart|logement|studio|location|coloc|colocation|chambre)|location|louer|loue|louez|locataire|bail|demenag\w*|emmenag\w*|trouve (?:un|une|mon) (?:appart|logement|studio|coloc|colocation|chambre|maison)|appart|logement|studio|coloc|colocation|caution|garant|garantie (?:de loyer|locative)|depot de garantie|loyer|loyers)\b")),
]
_EVENT_RULES = [
    ("impayes_loyer", _c(r"\b(?:impayes? de loyers?|(?:paie|paye|paient|payons) plus (?:mon|mes|le|nos|notre) loyers?|loyers? impayes?|retards? (?:de|dans (?:le|mon)) loyers?|loyers? (?:de|en) retard|(?:plus|pas) (?:a )?payer (?:mon|le|mes) loyers?|dettes? (?:de|du) loyer|dettes? locatives?|(?:n'arrive|arrive) plus a payer (?:mon|le) loyer|impayes?(?! de (?:pret|credit)))\b")),
    ("impayes_pret", _c(r"\b(?:impayes? (?:de|du|sur (?:mon|le)) (?:pret|credit)|(?:paie|paye|paient|payons|rembourse) plus (?:mon|mes|le|nos|notre) (?:pret|credit|emprunt|traites|mensualites|echeances)|mensualites? (?:de (?:pret|credit) )?impayees?|(?:plus|pas) (?:a )?payer (?:mon|mes|le|nos) (?:pret|credit|traites|mensualites|echeances)|echeances? impayees?|retards? (?:de|sur (?:mon|le)) (?:pret|credit))\b")),
    ("expulsion", _c(r"\b(?:expulsion|expulse|expulsee|commandement de quitter|saisie immobiliere|huissier)\b")),
    ("surendettement", _c(r"\b(?:surendettement|surendette|surendettee|dossier banque de france)\b")),
    ("separation", _c(r"\b(?:separation|separe|separee|divorce|divorcee|divorcer|rupture|quitte par (?:mon|ma))\b")),
    ("perte_emploi", _c(r"\b(?:perte (?:d'emploi|de mon emploi|de mon travail|d'activite)|perdu mon (?:emploi|travail|poste|travail)|(?:viens|vient|venons) de perdre (?:mon|ma|notre) (?:emploi|travail|poste|boulot)|licencie|licenciee|licenciement|plus de travail|fin de (?:mon )?contrat)\b")),
    ("maladie", _c(r"\b(?:maladie|malade|arret maladie|hospitalise|hospitalisee|hospitalisation|cancer|accident)\b")),
    ("deces", _c(r"\b(?:deces|decede|decedee|veuf|veuve|perdu (?:mon mari|ma femme|mon conjoint|ma conjointe|mon compagnon|ma compagne))\b")),
    ("sinistre", _c(r"\b(?:sinistre|incendie|inondation|inonde|degats? des eaux|tempete|catastrophe naturelle)\b")),
]
_PURCHASE_RULES = [
    ("vefa", _c(r"\b(?:vefa|sur plan|en l'etat futur d'achevement|etat futur d'achevement)\b")),
    ("psla", _c(r"\b(?:psla|location-accession|location accession|pret social location accession)\b")),
    ("brs", _c(r"\b(?:brs|bail reel solidaire)\b")),
    ("ancien_hlm", _c(r"\b(?:(?:hlm|logement social|logement de bailleur social) (?:mis en vente|a vendre|en vente|vendu)|acheter (?:mon|un|le|notre) (?:logement |appart )?(?:hlm|social)|vente hlm|achat (?:d'un|de mon) (?:logement )?hlm|bailleur social (?:me |nous )?(?:vend|met en vente)|(?:appartement|appart|logement|maison) hlm|hlm que (?:mon|le|notre) bailleur|vendu par (?:un|le|mon) bailleur social|vendu par (?:l'|un |mon )?(?:office )?hlm)\b")),
    ("construction", _c(r"\b(?:faire construire|construire|construction|contrat de construction|constructeur)\b")),
    ("terrain", _c(r"\b(?:terrain seul|un terrain|achat (?:de|d'un) terrain)\b")),
    ("neuf", _c(r"\b(?:neuf|neuve|neufs|programme neuf|logement neuf|construction neuve)\b|^9$")),  # « neuf » read as 9
    ("ancien_prive", _c(r"\b(?:ancien|ancienne|dans l'ancien|a renover|de seconde main)\b")),
]
_WORKS_RULES = [
    ("copropriete", _c(r"\b(?:copropriete degradee|copropriete|copro|syndic|parties communes)\b")),
    ("handicap", _c(r"\b(?:adapt\w* (?:\w+ ){0,4}(?:handicap|mobilite reduite|perte d'autonomie)|accessibilite|monte-escalier|monte escalier|douche a l'italienne|pmr|perte d'autonomie|travaux (?:pour|lies au|d'adaptation au) handicap|en fauteuil|fauteuil roulant)\b")),
    ("energie", _c(r"\b(?:isolation|isoler|chaudiere|pompe a chaleur|energetique|energie|economies d'energie|chauffage|double vitrage|fenetres|passoire|dpe|panneaux solaires|photovoltaique|vmc|combles)\b")),
    ("amelioration", _c(r"\b(?:amelioration|ameliorer|agrandissement|agrandir|salle de bain|cuisine|mise aux normes|toiture|toit|electricite|refaire|renovation|renover|extension|veranda)\b")),
]
_DWELLING_RULES = [
    ("residence_etudiante", _c(r"\b(?:residence etudiante|residence universitaire|crous|cite u|cite universitaire|logement crous|chambre crous|studio crous|residence pour etudiants)\b")),
    ("foyer", _c(r"\b(?:foyer de jeunes travailleurs|fjt|foyer|residence sociale|habitat jeunes|residence habitat jeunes|pension de famille)\b(?! fiscal)")),
    ("social", _c(r"\b(?:hlm|logement social|logements sociaux|bailleur social|office hlm|opac|opah|parc social|logement aide)\b")),
    ("prive", _c(r"\b(?:(?:appart|logement|studio|maison|location|chambre)\w* (?:\w+ ){0,3}(?:chez|d'|a|aupres d') ?(?:un|une) (?:particulier|proprietaire prive|proprio)|parc prive|proprietaire prive|proprio prive|proprio particulier|agence immobiliere|par une agence|via une agence|par l'agence|leboncoin|le bon coin|(?:appart|logement|studio|location)\w* (?:dans le |du )?prive)\b")),
]

_HOUSING_WORDS = _c(r"\b(?:appart|logement|studio|location|louer|loue|bail|chambre|maison|coloc|colocation|proprio|proprietaire)\b")


# --------------------------------------------------------------------------- the readers
def read_booleans(r: Reading, facts: dict) -> None:
    """The yes/no facts volunteered (« j'ai signé mon bail », « je ne suis pas boursier »)."""
    t = r.text
    for fname, value, rx, negatable in _BOOL_RULES:
        if fname in facts:
            continue
        for m in rx.finditer(t):
            neg = negatable and r.negated(m.start(), m.end())
            if fname == "lease_signed" and value is True and re.search(r"\b(?:je signe|vais signer|on signe)\b", t[max(0, m.start() - 5):m.end()]):
                neg = True
            facts[fname] = (not value) if neg else value
            break


def read_project(r: Reading, facts: dict) -> None:
    """The project (louer, acheter, travaux, difficulte), the difficulties, and what is bought,
    the works and the dwelling."""
    t, pending_field = r.text, r.pending
    proj = None
    for value, rx in _PROJECT_RULES:
        for m in rx.finditer(t):
            if value in ("acheter", "travaux") and r.negated(m.start(), m.end()):
                continue
            if value == "difficulte" and r.denied(m.start()):
                continue
            proj = value
            break
        if proj:
            break
    if proj:
        facts["project"] = proj
    events = []
    strong_only = proj != "difficulte" and pending_field not in ("difficulty_events", "project")
    for value, rx in _EVENT_RULES:
        m = next((m for m in rx.finditer(t) if not r.denied(m.start())), None)
        if not m or (value in ("separation", "maladie", "deces", "sinistre", "expulsion") and r.negated(m.start(), m.end())):
            continue
        if strong_only and value in ("separation", "maladie", "perte_emploi", "impayes_loyer", "impayes_pret"):
            if not re.search(r"impaye|expuls|surendet|payer|dette|huissier", t):
                continue
        events.append(value)
    if events:
        facts["difficulty_events"] = events
    if proj == "acheter" or pending_field == "purchase_operation":
        for value, rx in _PURCHASE_RULES:
            m = rx.search(t)
            if m and not r.negated(m.start(), m.end()):
                facts["purchase_operation"] = value
                break
    if proj == "travaux" or pending_field == "works_kind":
        for value, rx in _WORKS_RULES:
            m = rx.search(t)
            if m and not r.negated(m.start(), m.end()):
                facts["works_kind"] = value
                break
    if proj != "acheter":
        for value, rx in _DWELLING_RULES:
            m = rx.search(t)
            if m and not r.negated(m.start(), m.end()):
                if value == "foyer" and re.search(r"\b(?:au foyer|du foyer|mon foyer|notre foyer|le foyer fiscal|ressources du foyer|revenus du foyer)\b", t) \
                        and not re.search(r"\bfoyer de jeunes|fjt|foyer d'hebergement|en foyer|dans un foyer|au foyer de jeunes", t):
                    continue
                facts["dwelling"] = value
                break
