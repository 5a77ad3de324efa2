"""Free French text -> employee-profile facts (interfaces.md section 4).

Choices (documented in the package docstring too):
- A salary without "brut"/"net" is the gross salary for an alternant (their contract states a
  gross salary, and Mobili-Jeune reads the contract salary) and the net salary otherwise.
- A yearly amount ("24 000 € brut par an", or a salary over 10 000 without "par mois") is divided
  by 12 for salaries and household resources; "revenu fiscal" amounts are ignored.
- "plus de 50 salariés" -> 51, "moins de 10 salariés" -> 9, "une vingtaine" -> 20.
- A rent "hors charges" is kept as the rent unless charges are given ("600 hc + 50 de charges" -> 650).
- A CDI started at least 8 months ago (the longest trial period, renewal included) is confirmed.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from . import dates as _dates
from .numbers import APPROX_WORDS, DURATION, clean_number, duration_minutes, find_numbers
from .places import zone_for_place, zone_in_text
from .text import fold, norm


class _DontKnow(str):
    """The answer "je ne sais pas". A str (JSON-friendly), compare with ``is DONT_KNOW``."""
    _inst = None

    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls, "DONT_KNOW")
        return cls._inst

    def __repr__(self):
        return "DONT_KNOW"

    def __reduce__(self):
        return (_DontKnow, ())


DONT_KNOW = _DontKnow()
Facts = dict  # dict[str, Any]: profile field -> value

# --------------------------------------------------------------------------- field kinds
MONEY_FIELDS = ("gross_monthly_salary", "net_monthly_salary", "monthly_resources", "rent", "housing_benefit")
DATE_FIELDS = ("job_start_date", "job_promise_start_date", "mutation_date", "move_in_date", "as_of")
NONE_ALLOWED_DATES = ("job_promise_start_date", "mutation_date")
BOOL_FIELDS = ("cdi_confirmed", "vte", "employer_contributes", "scholarship", "mobili_jeune_in_progress",
               "lease_signed", "bail_mobilite", "iml", "landlord_is_family", "double_rent",
               "employer_provided_housing", "first_time_buyer", "disability_in_household",
               "resources_under_pli", "owner_occupier", "visale_visa_obtained")
ENUMS = {
    "activity": ("salarie", "alternant", "etudiant", "demandeur_emploi", "fonctionnaire",
                 "agent_public_contractuel", "independant", "preretraite", "retraite", "sans_activite"),
    "contract": ("cdi", "cdd", "interim", "saisonnier", "apprentissage", "professionnalisation", "stage"),
    "employer_sector": ("prive_non_agricole", "agricole", "public", "epic", "particulier_employeur"),
    "project": ("louer", "acheter", "travaux", "difficulte"),
    "zone": ("I", "II", "III"),
    "dwelling": ("prive", "social", "foyer", "residence_etudiante"),
    "purchase_operation": ("neuf", "vefa", "construction", "psla", "brs", "ancien_hlm", "ancien_prive", "terrain"),
    "works_kind": ("energie", "amelioration", "handicap", "copropriete"),
    "difficulty_events": ("impayes_loyer", "impayes_pret", "expulsion", "surendettement", "separation",
                          "perte_emploi", "maladie", "deces", "sinistre"),
}
# bounds of catalogue/fields.yml: a value outside is not a fact (the bot asks again)
BOUNDS = {"age": (0, 120), "employer_size": (0, 10_000_000), "gross_monthly_salary": (0, 1_000_000),
          "net_monthly_salary": (0, 1_000_000), "monthly_resources": (0, 1_000_000), "rent": (0, 100_000),
          "housing_benefit": (0, 100_000), "internship_months": (0, 60), "cdd_months_last_6": (0, 6),
          "previous_home_distance_km": (0, 40_000), "previous_home_travel_minutes": (0, 10_000)}


def _in_bounds(field: str, value) -> bool:
    b = BOUNDS.get(field)
    if b is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return True
    return b[0] <= value <= b[1]


NUMBER_FIELDS = ("age", "employer_size", "internship_months", "cdd_months_last_6",
                 "previous_home_distance_km", "previous_home_travel_minutes") + MONEY_FIELDS

# --------------------------------------------------------------------------- helpers
_CLAUSE_SPLIT = re.compile(r"(?<!\d),|,(?!\d)|[;!?]|\.(?!\d)|\s(?:et(?!\s+(?:demie?|quart)\b)|mais|puis|sinon|donc|car|alors)\s")
_NEG = re.compile(r"(?:\bne\b|\bn'|\bpas\b|\bplus\b|\bjamais\b|\baucune?\b|\bsans\b|\bni\b|\bnon\b)")


def _clauses(t: str) -> list[tuple[int, int]]:
    spans, last = [], 0
    for m in _CLAUSE_SPLIT.finditer(t):
        spans.append((last, m.start()))
        last = m.end()
    spans.append((last, len(t)))
    return [(s, e) for s, e in spans if e > s]


def _clause_of(t: str, pos: int) -> tuple[int, int]:
    for s, e in _clauses(t):
        if s <= pos <= e:
            return s, e
    return 0, len(t)


def _negated(t: str, start: int, end: int | None = None) -> bool:
    """A negation word shortly before the match, in the same clause ("je ne suis pas boursier",
    "pas encore signé", "non boursier"), or "pas" right after it ("signé pas")."""
    cs, _ = _clause_of(t, start)
    window = t[max(cs, start - 28):start]
    if _NEG.search(window):
        # "plus de 50" / "non plus" are not negations of what follows
        w = re.sub(r"\bplus de\b|\bplus que\b|\bde plus\b|\bnon plus\b|\bpas mal\b|\bpas cher\b", "", window)
        if _NEG.search(w):
            return True
    return False


_DENIED = re.compile(r"(?:\baucune?s?|\bpas (?:encore |eu |vraiment |du tout |de |d')*d[e']|\bpas de|\bsans|\bjamais (?:eu )?d[e']|\bzero|\bni)\s*(?:\w+\s+)?$")


def _denied(t: str, start: int) -> bool:
    """A fact denied outright just before it, in its clause: « aucun retard de loyer », « pas
    d'impayés », « sans impayé » (unlike « je ne paie plus mon loyer », which states arrears)."""
    cs, _ = _clause_of(t, start)
    window = t[max(cs, start - 30):start]
    return bool(_DENIED.search(window))


def _find(rx: re.Pattern, t: str):
    return [m for m in rx.finditer(t)]


def _c(p: str) -> re.Pattern:
    return re.compile(p)


# --------------------------------------------------------------------------- activity / contract
_CONTRACT_RULES = [
    ("apprentissage", _c(r"\b(?:apprenti|apprentie|apprentis|apprenties|apprentissage|cfa|contrat d'apprenti\w*)\b")),
    ("professionnalisation", _c(r"\b(?:contrat (?:de )?pro|contrat de professionnalisation|professionnalisation|contrat professionnalisation)\b")),
    ("cdi", _c(r"\bcdi\b")),
    ("cdd", _c(r"\bcdd\b")),
    ("interim", _c(r"\b(?:interim|interimaire|interimaires|en mission d'interim|boite d'interim)\b")),
    ("saisonnier", _c(r"\b(?:saisonnier|saisonniere|saisonniers|saisonnieres|contrat saisonnier|pour la saison|une saison|la saison d'ete|la saison d'hiver|vendanges?|vendangeur|vendangeuse)\b")),
    ("stage", _c(r"\b(?:stage|stagiaire|convention de stage)\b")),
]
_ACTIVITY_RULES = [
    ("alternant", _c(r"\b(?:alternance|alternant|alternante|alternants|apprenti|apprentie|apprentissage|cfa|contrat (?:de )?pro|contrat de professionnalisation|professionnalisation)\b")),
    ("agent_public_contractuel", _c(r"\b(?:contractuel|contractuelle|contractuels|agent contractuel|agente contractuelle)\b")),
    ("fonctionnaire", _c(r"\b(?:fonctionnaire|fonctionnaires|titularise|titularisee|agent titulaire|je suis titulaire|titulaire de la fonction publique)\b")),
    ("preretraite", _c(r"\b(?:preretraite|preretraitee|pre-retraite|pre-retraitee|pre retraite|en preretraite)\b")),
    ("retraite", _c(r"\b(?:retraite|retraitee|retraites|a la retraite|en retraite)\b(?! complementaire)")),
    ("independant", _c(r"\b(?:independant|independante|auto-entrepreneur|auto entrepreneur|autoentrepreneur|auto-entrepreneuse|micro-entrepreneur|micro entrepreneur|freelance|free-lance|free lance|a mon compte|a mon propre compte|profession liberale|en liberal|chef d'entreprise)\b")),
    ("demandeur_emploi", _c(r"\b(?:demandeu(?:r|se|rs|ses) d'emplois?|demandeur d emplois?|au chomage|chomeur|chomeuse|inscrit a pole emploi|inscrite a pole emploi|pole emploi|france travail|sans emploi|en recherche d'emploi|je cherche du travail|je cherche un travail|je cherche un emploi)\b")),
    ("sans_activite", _c(r"\b(?:sans activite|inactif|inactive|femme au foyer|homme au foyer|mere au foyer|pere au foyer)\b")),
    ("etudiant", _c(r"\b(?:etudiant|etudiante|etudiants|etudiantes|je suis en (?:licence|master|l[123]|m[12]|fac)|a la fac|en fac|a l'universite|je fais des etudes|en etudes)\b")),
    ("salarie", _c(r"\b(?:^salariee?|(?<=, )salariee?|(?<=,)salariee?|(?<=et )salariee?|je suis salarie|je suis salariee|suis salarie|suis salariee|en tant que salarie|en tant que salariee|salarie en|salariee en|salarie d[eu']|salariee d[eu']|salarie chez|salariee chez|je suis employe|je suis employee|ouvrier|ouvriere|technicien|technicienne|je suis cadre|je travaille|je bosse|j'ai un travail|j'ai trouve un travail|j'ai trouve un emploi|embauche|embauchee|j'ai ete embauche|en poste|je suis en poste)\b")),
]

# --------------------------------------------------------------------------- employer
_SECTOR_RULES = [
    ("particulier_employeur", _c(r"(?:particulier employeur|particuliers employeurs|(?:travaille|bosse|employe|employee|embauche|embauchee|salarie|salariee|paye|payee)\s+(?:a domicile\s+)?(?:chez|par)\s+(?:un|une|des)\s+particuliers?|cesu|assistante? maternelle?|assistant maternel|nounou|garde d'enfants? a domicile|employee? de maison|employee? a domicile)")),
    ("epic", _c(r"\b(?:epic|sncf|ratp|onf|cea|cnes|ifremer|voies navigables de france|etablissement public industriel)\b")),
    ("agricole", _c(r"\b(?:agricole|agricoles|agriculture|agriculteur|agricultrice|exploitation agricole|exploitant agricole|une ferme|la ferme|dans une ferme|sur une ferme|viticole|viticulteur|viticultrice|vigne|vignes|vignoble|vendanges?|maraicher|maraichere|maraichage|elevage|eleveur|eleveuse|cooperative agricole|msa|domaine viticole|horticole|horticulture|arboriculture|arboriculteur|cueillette)\b")),
    ("public", _c(r"\b(?:mairie|hopital public|hopital|hopitaux|chu|chru|ap-hp|aphp|ministere|fonction publique|fonction publique hospitaliere|fonction publique territoriale|collectivite|collectivite territoriale|conseil departemental|conseil regional|conseil general|prefecture|education nationale|rectorat|secteur public|dans le public|employeur public|service public|gendarmerie|police nationale|ehpad public|lycee public|college public|intercommunalite|metropole de \w+|communaute de communes)\b")),
    ("prive_non_agricole", _c(r"\b(?:prive|privee|dans le prive|entreprise privee|secteur prive|pme|tpe|start-up|startup|garagiste|garage|boulangerie|boulanger|patisserie|restaurant|resto|restauration|magasin|supermarche|hypermarche|boutique|usine|bureau d'etudes|hotel|hotellerie|coiffeur|coiffeuse|salon de coiffure|btp|chantier|grande distribution|plomberie|plombier|electricien|menuiserie|menuisier|carrosserie|carrossier|clinique|hopital prive|concession|concessionnaire|artisan|entreprise|societe|boite|multinationale|grand groupe|cabinet comptable|cabinet d'avocats|fast-food|mcdo|mcdonald's|logistique|entrepot|call center|esn|ssii)\b")),
]
_SIZE_UNITS = r"(?:salaries|salariés|employes|employés|personnes|collaborateurs|agents|gars|personnes)"
_COMPANY_WORD = _c(r"\b(?:pme|tpe|boite|entreprise|societe|structure|employeur|effectif|on est|nous sommes|garage|usine|magasin|restaurant|cabinet|agence|exploitation|ferme|groupe|start-up|startup|association|mairie)\b")

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
    ("double_rent", True, _c(r"\b(?:(?:2|deux) loyers|double loyer|doubles loyers|(?:2|deux) baux)\b"), True),
    ("employer_provided_housing", True, _c(r"\b(?:logement de fonction|loge par (?:mon |l'|le )?(?:employeur|patron|entreprise|exploitant)|loge sur (?:l'exploitation|place|le domaine)|logement (?:fourni|prete|mis a disposition|paye) par (?:mon |l'|le |la )?(?:employeur|patron|entreprise|boite|exploitant)|(?:logement|appart|maison) (?:appartient|appartenant) a (?:mon |l'|le )?(?:employeur|patron|entreprise)|loge chez (?:mon|le) (?:employeur|patron)|logement (?:de|du) (?:mon )?(?:employeur|patron))\b"), True),
    ("first_time_buyer", True, _c(r"\b(?:jamais (?:ete )?proprietaires?|primo-accedant|primo accedant|primo-accedante|primo accedante|primo-accedants|primoaccedant|premier achat|premiere acquisition|premier achat immobilier|jamais achete)\b"), False),
    ("first_time_buyer", False, _c(r"\b(?:deja (?:ete )?proprietaire|j'ai ete proprietaire|etais proprietaire|(?:je suis|nous sommes|on est) (?:deja )?proprietaires?)\b"), False),
    ("owner_occupier", True, _c(r"\b(?:proprietaires? occupants?|(?:je suis|nous sommes|on est) proprietaires? (?:de (?:ma|mon|notre|la|le) (?:maison|appart|logement|residence principale))?(?!\s*bailleur)|j'habite (?:dans )?(?:ma|mon) (?:propre )?(?:maison|appart) (?:dont je suis|que j'ai achete))\b"), False),
    ("owner_occupier", False, _c(r"\b(?:proprietaires? bailleurs?|(?:je suis|nous sommes|on est) locataires?|je loue (?:mon|ma) (?:appart|maison|logement) a)\b"), False),
    ("disability_in_household", True, _c(r"\b(?:handicap|handicape|handicapee|handicapes|en situation de handicap|aah|aeeh|carte d'invalidite|carte mobilite inclusion|carte d'handicape|invalidite|invalide|rqth|mdph)\b"), True),
    ("mobili_jeune_in_progress", True, _c(r"(?:(?:deja|en cours)\W+(?:\w+\W+){0,4}mobili[- ]?jeune|mobili[- ]?jeune (?:\w+ ){0,2}(?:en cours|deja|ouvert|depose|accepte|accorde)|(?:je touche|je percois|je recois) (?:deja )?(?:la |l'aide )?mobili[- ]?jeune)"), True),
    ("vte", True, _c(r"\b(?:vte|volontariat territorial(?: en entreprise)?)\b"), True),
    ("employer_contributes", True, _c(r"\b(?:(?:cotise|cotisent|verse|paie|paye|participe)\w* (?:bien |deja |pas |plus )?(?:au|a|pour|le|la) (?:1 ?%|1 pour ?cent|action logement|peec|peaec|participation (?:des employeurs )?a l'effort de construction)|(?:1 ?%|1 pour ?cent) (?:logement|patronal)|adherent a action logement)"), True),
    ("visale_visa_obtained", True, _c(r"\b(?:(?:ai|as|a|avons|avez) (?:deja |bien )?(?:obtenu|eu|recu) (?:le |mon |un |notre )?visa(?: visale)?|visa visale (?:obtenu|accorde|valide|ok))\b"), True),
    ("cdi_confirmed", True, _c(r"\b(?:periode d'essai (?:est |a ete )?(?:terminee|finie|fini|validee|valide|passee|termine|ok|depassee|confirmee)|fin de (?:ma |la )?periode d'essai (?:est )?passee|cdi confirme|cdi valide|confirme dans mon poste|titularise dans mon cdi)\b"), True),
    ("cdi_confirmed", False, _c(r"\b(?:en periode d'essai|periode d'essai (?:en cours|pas (?:encore )?(?:finie|terminee|fini|termine))|(?:encore|toujours) en (?:periode d')?essai|je suis a l'essai|en essai|periode d'essai (?:se termine|finit|termine|s'acheve|prend fin) (?:dans|le|en|fin|debut|la semaine|le mois|bientot))\b"), False),
]

# --------------------------------------------------------------------------- project & co
_PROJECT_RULES = [
    ("difficulte", _c(r"\b(?:impaye|impayes|impayee|impayees|retards? (?:de|dans (?:le|mon)) (?:loyer|paiement)|(?:n'arrive|arrive|n'y arrive) plus a payer|(?:peux|peut|pouvons|arrive) (?:plus|pas) (?:a )?payer|plus payer (?:mon|le|mes|nos) (?:loyer|pret|credit)|(?:paie|paye|paient|payons|rembourse) plus (?:mon|le|mes|nos|notre) (?:loyer|pret|credit|emprunt)|expulsion|expulse|expulsee|huissier|surendettement|surendette|commandement de payer|commandement de quitter|saisie (?:immobiliere|sur salaire)|dettes? (?:de|du) loyer|dettes? locatives?|difficultes? (?:a|pour) (?:payer|regler)|galere a payer|du mal a payer|risque de perdre mon logement|perdre mon logement|garder mon logement|rester dans mon logement|(?:je suis|on est|nous sommes) en (?:grosse |grande )?difficulte)\b")),
    ("acheter", _c(r"\b(?:acheter|achat|achete|acquerir|acquisition|devenir proprietaires?|acceder a la propriete|accession|vefa|sur plan|faire construire|construire (?:une|ma|notre|un) (?:maison|logement|appart)|construction (?:d'une|de ma|de notre|d'un) (?:maison|logement)|pret immobilier|credit immobilier|primo-accedant|primo accedant|pret accession|psla|location-accession|location accession|bail reel solidaire|compromis de vente|offre d'achat)\b")),
    ("travaux", _c(r"\b(?:travaux|renovation|renover|isolation|isoler|chaudiere|pompe a chaleur|double vitrage|refaire (?:ma|mon|la|le|les) (?:toiture|toit|salle de bain|cuisine|isolation|fenetres|chauffage)|adapter (?:mon|ma|le|la|notre) (?:logement|maison|appart|salle de bain)|amenagement pour (?:le )?handicap|agrandissement|agrandir (?:ma|notre) maison)\b")),
    ("louer", _c(r"\b(?:je cherche (?:un|une|a) (?:appart|logement|studio|location|coloc|colocation|chambre|maison|t\d|f\d)|cherche (?:un|une) (?:appart|logement|studio|location|coloc|colocation|chambre)|location|louer|loue|louez|locataire|bail|demenag\w*|emmenag\w*|trouve (?:un|une|mon) (?:appart|logement|studio|coloc|colocation|chambre|maison)|appart|logement|studio|coloc|colocation|caution|garant|garantie (?:de loyer|locative)|depot de garantie|loyer|loyers)\b")),
]
_EVENT_RULES = [
    ("impayes_loyer", _c(r"\b(?:impayes? de loyers?|(?:paie|paye|paient|payons) plus (?:mon|mes|le|nos|notre) loyers?|loyers? impayes?|retards? (?:de|dans (?:le|mon)) loyer|(?:plus|pas) (?:a )?payer (?:mon|le|mes) loyers?|dettes? (?:de|du) loyer|dettes? locatives?|(?:n'arrive|arrive) plus a payer (?:mon|le) loyer|impayes?(?! de (?:pret|credit)))\b")),
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
    ("neuf", _c(r"\b(?:neuf|neuve|neufs|programme neuf|logement neuf|construction neuve)\b")),
    ("ancien_prive", _c(r"\b(?:ancien|ancienne|dans l'ancien|a renover|de seconde main)\b")),
]
_WORKS_RULES = [
    ("copropriete", _c(r"\b(?:copropriete degradee|copropriete|copro|syndic|parties communes)\b")),
    ("handicap", _c(r"\b(?:adapt\w* (?:\w+ ){0,4}(?:handicap|mobilite reduite|perte d'autonomie)|accessibilite|monte-escalier|monte escalier|douche a l'italienne|pmr|perte d'autonomie|travaux (?:pour|lies au|d'adaptation au) handicap)\b")),
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


# --------------------------------------------------------------------------- money
_MONEY_CATS = [
    ("housing_benefit", _c(r"\b(?:apl|als|alf|aide au logement|aides au logement|aide logement|aides logement|allocation logement|allocations logement|aide de la caf|caf|alloc|allocs|aide personnalisee au logement)\b")),
    ("rent", _c(r"\b(?:loyer|loyers|cc|charges comprises|hc|hors charges|charges|je loue|louer|loue|location|appart|studio|logement|chambre|coloc|colocation|t\d|f\d)\b")),
    ("salary", _c(r"\b(?:salaire|salaires|touche|touches|gagne|gagnes|paye|payee|paie|remuneration|remunere|remuneree|smic|brut|net|nets|bruts|fiche de paie|bulletin de salaire|mensuel|mensuels|par mois)\b")),
    ("resources", _c(r"\b(?:revenus|revenu|ressources|foyer|menage|a deux|nos|notre|ensemble|on gagne|on touche|conjoint|conjointe|mari|femme|copain|copine|compagnon|compagne)\b")),
]
_YEARLY = _c(r"\b(?:par an|/ ?an|annuel|annuels|annuelle|l'annee|brut annuel|net annuel|a l'annee|k€ ?/ ?an)\b")
_NOT_MONEY_UNITS = {"km", "ans", "mois", "jours", "jour", "semaine", "semaines", "min", "minute", "minutes", "h",
                    "heure", "heures", "salaries", "salariés", "employes", "personnes", "collaborateurs",
                    "agents", "enfant", "enfants", "piece", "pieces", "m2", "m²", "%", "fois", "etage",
                    "etages", "annees", "loyers", "baux", "logements", "apparts", "echeances", "mensualites",
                    "retards", "impayes", "credits", "prets"}


def _is_alternant_context(t: str, facts: dict) -> bool:
    return facts.get("activity") == "alternant" or bool(_ACTIVITY_RULES[0][1].search(t))


def _money(t: str, nums, used: set, facts: dict, date_spans) -> dict:
    found: dict[str, Any] = {}
    charges_extra = None
    for n in nums:
        if n.start in used or n.unit in _NOT_MONEY_UNITS:
            continue
        if re.match(r"\s*(?:loyers|baux|logements|apparts|echeances|mensualites|retards|impayes|credits|prets|mois)\b", t[n.end:]):
            continue  # a count (« 3 loyers impayés », « ça fait 2 loyers »), not an amount
        if any(s <= n.start < e for s, e in date_spans):
            continue
        if re.search(r"\b(?:t|f)$", t[max(0, n.start - 2):n.start]) and n.unit is None:
            continue
        cs, ce = _clause_of(t, n.start)
        clause = t[cs:ce]
        rel = n.start - cs
        after = t[n.end:n.end + 40]
        before = t[max(cs, n.start - 45):n.start]
        # post-positioned markers win: "250 d'apl", "1100 brut", "650 cc", "50 de charges"
        cat = None
        post = re.match(r"\s*(?:€|euros?|e)?\s*(?:par mois |/ ?mois |mensuels? )?(?P<w>d'apl|d'als|d'alf|de caf|d'aides? au logement|d'aide logement|d'aides? logement|d'allocs?|d'allocation logement|de loyer|brut|bruts|net|nets|cc|charges comprises|hc|hors charges|de charges|de salaire|de revenus|de ressources)\b", after)
        if post:
            w = post.group("w")
            if w in ("d'apl", "d'als", "d'alf", "de caf", "d'allocs", "d'alloc", "d'allocation logement") or "logement" in w:
                cat = "housing_benefit"
            elif w in ("de loyer", "cc", "charges comprises", "hc", "hors charges"):
                cat = "rent"
            elif w == "de charges":
                charges_extra = n.value
                used.add(n.start)
                continue
            elif w in ("brut", "bruts", "net", "nets", "de salaire"):
                cat = "salary"
            else:
                cat = "resources"
        if cat is None:
            best = None
            for name, rx in _MONEY_CATS:
                for m in rx.finditer(clause):
                    if name == "rent" and m.group(0) in ("appart", "studio", "logement", "chambre", "coloc", "colocation", "louer", "loue", "location", "je loue") \
                            and n.unit != "€" and not re.search(r"\ba\s*$", before):
                        continue
                    if name == "resources" and m.group(0) in ("nos", "notre", "ensemble", "a deux") and n.unit != "€" \
                            and not re.search(r"revenu|ressource|gagn|touch", clause):
                        continue
                    d = (rel - m.end()) if m.end() <= rel else (m.start() - rel) + 8
                    if d < 0:
                        d = 0
                    if best is None or d < best[0]:
                        best = (d, name)
            if best is not None:
                cat = best[1]
        if cat is None:
            continue
        if n.unit is None and cat in ("salary", "resources") and n.value < 100:
            continue
        value = n.value
        window = t[max(cs, n.start - 60):min(ce, n.end + 40)]
        yearly = bool(_YEARLY.search(t[n.end:min(ce, n.end + 30)])) or bool(re.search(r"\bannuel", window))
        if re.search(r"revenu fiscal|\brfr\b|avis d'imposition", window):
            continue
        if cat == "salary":
            if re.search(r"\b(?:revenus|ressources|foyer|menage|a deux|on gagne|nos salaires)\b", clause):
                cat = "resources"
        if cat in ("salary", "resources") and (yearly or (value > 10000 and not re.search(r"par mois|/ ?mois|mensuel", window))):
            value = value / 12
        elif yearly:
            continue
        if cat == "salary":
            mark = re.search(r"\b(brut|bruts|brute|net|nets|nette)\b", t[max(cs, n.start - 25):min(ce, n.end + 25)])
            if mark:
                field = "gross_monthly_salary" if mark.group(1).startswith("brut") else "net_monthly_salary"
            else:
                field = "gross_monthly_salary" if _is_alternant_context(t, facts) else "net_monthly_salary"
        elif cat == "resources":
            field = "monthly_resources"
        else:
            field = cat
        if field == "rent" and re.match(r"\s*(?:€|euros?|e)?\s*(?:hc|hors charges)", after):
            found["_rent_hc"] = True
        if field in found:
            continue
        found[field] = clean_number(round(value, 2))
        used.add(n.start)
    if charges_extra is not None and "rent" in found and found.pop("_rent_hc", False):
        found["rent"] = clean_number(found["rent"] + charges_extra)
    found.pop("_rent_hc", None)
    return found


# --------------------------------------------------------------------------- ages
_AGE_NEG_BEFORE = _c(r"(?:depuis|il y a|ca fait|cela fait|fait|pendant|dans|d'ici|plus de|moins de|bail de|pret sur|credit sur|sur|en|tous les|chaque|pour|avant|apres|durant|de plus de|entre)\s*$")
_AGE_NEG_STRONG = _c(r"^\s*(?:d'anciennete|d'experience|de cdi|de contrat|de travail|de boite|d'etudes|de bail|de pret|de credit|de mariage|de loyer|de vie commune|d'activite|de service|de carriere|de metier|d'affilee|d'interim|de chomage|de plus|de moins)\b")
_AGE_NEG_AFTER = _c(r"^\s*(?:d'anciennete|d'experience|de cdi|de contrat|de travail|de boite|d'etudes|de bail|de pret|de credit|de mariage|de loyer|de vie commune|d'activite|dans|chez|en cdi|en cdd|de service|que|de suite|ici|la-bas|a|au|aux|sur|de carriere|de metier|plus tard|d'affilee|deja dans|d'interim|de chomage)\b")
_RELATIVE = _c(r"\b(?:fils|fille|filles|enfant|enfants|mari|femme|epoux|epouse|conjoint|conjointe|copain|copine|compagnon|compagne|frere|soeur|bebe|pere|mere|parents|il|elle|ils|elles|petit|petite|neveu|niece|chien|chat|voiture|immeuble|maison|appart|logement|batiment|bail|entreprise|boite|contrat|cdd|cdi|mission|stage|formation|pret|credit|emprunt|garantie|engagement|periode|duree|etudes|diplome|experience|anciennete)\b")


def _age(t: str, nums, used: set, today: _dt.date) -> int | None:
    for n in nums:
        if n.unit != "ans" or n.start in used:
            continue
        cs, _ = _clause_of(t, n.start)
        before = t[max(cs, n.start - 30):n.start]
        after = t[n.end:n.end + 30]
        if not (14 <= n.value <= 110) or n.value != int(n.value):
            continue
        if _AGE_NEG_STRONG.search(after):
            continue
        if _AGE_NEG_BEFORE.search(before) or _AGE_NEG_AFTER.search(after):
            if not re.search(r"(?:j'ai|j'aurai|j'ai bientot|ai|age de|agee de|agé de)\s*$", before):
                continue
        if re.search(r"\b(?:a|ont|aura|auront)\s*$", before) or _RELATIVE.search(before[-22:]):
            if not re.search(r"\b(?:j'ai|moi|je)\b", before[-22:]):
                continue
        used.add(n.start)
        return int(n.value)
    # birth date: "ne le 3 mars 2001", "nee en 1999"
    m = re.search(r"\b(?:ne|nee|naissance)\b(?: le| en| :)?", t)
    if m:
        for d in _dates.find_dates(t[m.end():m.end() + 30], today):
            b = d.value
            if b < today and b.year > today.year - 110:
                return today.year - b.year - ((today.month, today.day) < (b.month, b.day))
    return None


# --------------------------------------------------------------------------- distances / times
_TRAVEL = _c(r"\b(?:route|trajet|train|voiture|tgv|ter|bus|transports?|metro|rer|d'ici|de chez|ancien|ancienne|distance|loin|eloigne|eloignee|de mes parents|de l'ancien|de mon ancien|km|en car|en avion|de porte a porte|minutes? de|heures? de|aller)\b")
_COMMUTE = _c(r"\b(?:par jour|chaque jour|par semaine|aller-retour|aller retour|a/r|quotidien|tous les jours|par an|km/h|de pause|de travail|par nuit)\b")


def _distance_time(t: str, nums, used: set, pending: str | None) -> dict:
    out = {}
    for n in nums:
        if n.unit == "km" and n.start not in used:
            after = t[n.end:n.end + 25]
            if _COMMUTE.search(after) or re.match(r"\s*/\s*h", after):
                continue
            out.setdefault("previous_home_distance_km", clean_number(n.value))
            used.add(n.start)
    for m in DURATION.finditer(t):
        mins = duration_minutes(m)
        if mins is None or mins <= 0 or mins > 10000:
            continue
        cs, ce = _clause_of(t, m.start())
        clause = t[cs:ce]
        after = t[m.end():m.end() + 25]
        before = t[max(cs, m.start() - 20):m.start()]
        if _COMMUTE.search(after) or re.search(r"\b(?:35|39)\s*h", m.group(0)) and "semaine" in clause:
            continue
        travel = bool(_TRAVEL.search(clause)) or pending == "previous_home_travel_minutes"
        if not travel:
            if re.search(r"\ba\s*$", before) and (m.group("m") or m.group("tq") or m.group("dh")):
                travel = True
        if not travel:
            continue
        if re.search(r"\b(?:a|vers|des|jusqu'a|jusqu a|avant|apres)\s*$", before) and not _TRAVEL.search(after) \
                and m.group("h") and not m.group("m") and "de" not in after[:4]:
            continue  # "je commence a 9h"
        out.setdefault("previous_home_travel_minutes", clean_number(mins))
        for n in nums:
            if m.start() <= n.start < m.end():
                used.add(n.start)
    return out


# --------------------------------------------------------------------------- dates
_DATE_FIELD_CUES = [
    ("age", _c(r"\b(?:ne|nee|naissance|anniversaire)\b")),
    ("job_promise_start_date", _c(r"\b(?:promesse|promesses)\b")),
    ("mutation_date", _c(r"\b(?:mute|mutee|mutation|muter|mutes|mutees)\b")),
    ("move_in_date", _c(r"\b(?:emmenag\w*|demenag\w*|entree dans|entre dans|entree|entrer dans|rentrer dans|rentre dans|arrive dans|arrivee dans|suis arrive|suis arrivee|installe|installee|m'installer|installation|remise des cles|les cles|etat des lieux|date d'entree|j'habite la|j'y habite|je vis la|dans l'appart|dans le logement|dans mon appart|dans mon logement|dans le studio|bail commence|bail debute|debut du bail|pris (?:un|une|mon|ma|notre) (?:appart\w*|studio|logement|chambre|maison|location|coloc\w*|t\d|f\d))\b")),
    ("job_start_date", _c(r"\b(?:contrat|commence|commencer|commencerai|commencement|debut|debute|debuter|embauche|embauchee|prise de poste|prends mon poste|prendre mon poste|poste|cdi|cdd|alternance|alternant\w*|apprentissage|apprenti\w*|travaille|travail|recrute|recrutee|en poste|signe mon contrat|rentree|stage|mission|je bosse|boulot|la boite|l'entreprise)\b")),
]


def _dates_facts(t: str, today: _dt.date, pending: str | None) -> tuple[dict, list]:
    out: dict[str, Any] = {}
    unassigned = []
    mentions = _dates.find_dates(t, today)
    for d in mentions:
        cs, ce = _clause_of(t, d.start)
        clause_before = t[cs:d.start]
        clause_after = t[d.end:ce]
        best = None
        for fname, rx in _DATE_FIELD_CUES:
            for m in rx.finditer(clause_before):
                dist = len(clause_before) - m.end()
                if best is None or dist < best[0]:
                    best = (dist, fname)
            for m in rx.finditer(clause_after):
                dist = m.start() + 5
                if best is None or dist < best[0]:
                    best = (dist, fname)
        if best is None:
            unassigned.append(d)
            continue
        fname = best[1]
        clause = t[cs:ce]
        for strong in ("job_promise_start_date", "mutation_date"):
            if dict(_DATE_FIELD_CUES)[strong].search(clause) and fname == "job_start_date":
                fname = strong
                break
        if fname == "age":
            continue
        out.setdefault(fname, d.value.isoformat())
    # "pas de promesse", "pas ete mute", "aucune mutation" -> False (none), only when stated
    if re.search(r"\b(?:pas|aucune|sans|jamais) (?:de |d')?(?:promesse)", t):
        out.setdefault("job_promise_start_date", False)
    if re.search(r"\b(?:pas (?:ete )?mute|pas (?:de |eu de )?mutation|aucune mutation|jamais (?:ete )?mute|sans mutation)", t):
        out.setdefault("mutation_date", False)
    return out, unassigned


# --------------------------------------------------------------------------- size, months
def _employer_size(t: str, nums, used: set) -> int | None:
    for n in nums:
        if n.start in used or n.unit not in ("salaries", "salariés", "employes", "employés", "personnes",
                                             "collaborateurs", "agents"):
            continue
        cs, ce = _clause_of(t, n.start)
        clause = t[cs:ce]
        if n.unit in ("personnes", "agents") and not _COMPANY_WORD.search(clause):
            continue
        if re.search(r"\b(?:foyer|menage|famille|a la maison|colocation|coloc)\b", clause):
            continue
        before = t[max(cs, n.start - 15):n.start]
        v = int(n.value)
        if re.search(r"plus de\s*$", before):
            v += 1
        elif re.search(r"moins de\s*$", before):
            v = max(0, v - 1)
        used.add(n.start)
        return v
    m = re.search(r"\b(" + "|".join(APPROX_WORDS) + r") (?:de )?(?:salaries|employes|personnes|collaborateurs)\b", t)
    if m:
        return APPROX_WORDS[m.group(1)]
    return None


def _months_facts(t: str, nums, used: set) -> dict:
    out = {}
    m = re.search(r"\bstage (?:de |d'une duree de |qui dure |d'environ )?(\d+(?:[.,]5)?) mois\b|\b(\d+(?:[.,]5)?) mois de stage\b", t)
    if m:
        out["internship_months"] = clean_number(float((m.group(1) or m.group(2)).replace(",", ".")))
    m = re.search(r"\b(\d+(?:[.,]5)?) mois (?:de |en )?cdd\b|\bcdds? (?:de |pendant )(\d+(?:[.,]5)?) mois\b", t)
    if m:
        v = float((m.group(1) or m.group(2)).replace(",", "."))
        if v <= 6:
            out["cdd_months_last_6"] = clean_number(v)
    return out


# --------------------------------------------------------------------------- public API
def _first_rule(rules, t: str, negatable: bool = True):
    hits = []
    for value, rx in rules:
        for m in rx.finditer(t):
            if negatable and _negated(t, m.start(), m.end()):
                continue
            hits.append((value, m))
            break
    return hits


def _activity_contract(t: str, facts: dict) -> None:
    contract_hits = _first_rule(_CONTRACT_RULES, t)
    contracts = [v for v, _ in contract_hits]
    if contracts:
        # apprentissage/professionnalisation beat "cdi"/"cdd" (an apprenticeship may be a CDD or CDI)
        for pref in ("apprentissage", "professionnalisation", "cdi", "cdd", "interim", "saisonnier", "stage"):
            if pref in contracts:
                facts["contract"] = pref
                break
    act_matches = _first_rule(_ACTIVITY_RULES, t)
    act_hits = [v for v, _ in act_matches]
    # "étudiante sans emploi" is a student who has no job, not a job seeker
    if "etudiant" in act_hits and any(
            v == "demandeur_emploi" and m.group(0) == "sans emploi" for v, m in act_matches):
        act_hits = [v for v in act_hits if v != "demandeur_emploi"]
    # "salarie" inside "12 salaries" is not an activity
    if act_hits:
        facts["activity"] = act_hits[0]
    elif facts.get("contract") == "stage":
        facts["activity"] = "etudiant"
    elif facts.get("contract") in ("cdi", "cdd", "interim", "saisonnier"):
        facts["activity"] = "salarie"
    if facts.get("activity") == "etudiant" and facts.get("contract") in ("apprentissage", "professionnalisation"):
        facts["activity"] = "alternant"


def _sector(t: str, facts: dict) -> None:
    for value, rx in _SECTOR_RULES:
        for m in rx.finditer(t):
            if _negated(t, m.start(), m.end()) and value != "prive_non_agricole":
                continue
            word = m.group(0)
            if value == "prive_non_agricole":
                cs, ce = _clause_of(t, m.start())
                if word in ("prive", "privee", "dans le prive") and _HOUSING_WORDS.search(t[cs:ce]):
                    continue  # "un appart dans le prive" is the dwelling
                if word in ("entreprise", "societe", "boite") and re.search(r"chef d'entreprise|mon entreprise a moi|ma propre", t):
                    continue
                if word in ("entreprise", "societe", "boite") and re.search(r"\b(?:interim|boite d'interim)\b", t) and word == "boite":
                    continue
                if _negated(t, m.start(), m.end()):
                    continue
            if value == "public" and word == "hopital" and re.search(r"hopital prive|clinique", t):
                continue
            if value == "agricole" and word in ("vigne", "vignes", "elevage") and _HOUSING_WORDS.search(t) and not re.search(r"travail|bosse|salarie|saison|contrat", t):
                continue
            facts["employer_sector"] = value
            return


def _yes_no(t: str):
    """True/False for an answer that starts with a yes or a no, else None."""
    t = t.strip(" .!?,;:")
    if re.match(r"^(?:pas encore|non|nan|nope|no|nop|nn|pas du tout|absolument pas|jamais|aucun|aucune|pas vraiment|"
                r"du tout|negatif|nada|que dalle|non merci|toujours pas|pas pour l'instant|pas pour le moment|"
                r"pas encore non|faux|c'est faux|pas que je sache|ce n'est pas le cas|pas le cas|nenni|ben non|bah non|"
                r"euh non|heu non|oh non|surement pas|certainement pas|pas (?:de|d')\w+|je n'ai pas|j'ai pas|je ne suis pas|"
                r"je suis pas|il n'y a pas|y a pas|pas)\b", t):
        return False
    if re.match(r"^(?:oui|ouais|ouaip|ouai|ouep|oue|ui|wi|yes|yep|yup|ok|d'accord|bien sur|tout a fait|exact|"
                r"exactement|c'est ca|c'est bien ca|affirmatif|absolument|evidemment|carrement|certainement|"
                r"effectivement|si|en effet|c'est exact|c'est le cas|voila|volontiers|je confirme|confirme|vrai|"
                r"c'est vrai|bien entendu|correct|c'est correct|bah oui|ben oui|euh oui|heu oui|oui oui|of course|"
                r"tout a fait|c'est bon|bon|yes)\b", t):
        return True
    return None


_DONT_KNOW = _c(r"(?:\b(?:je\s+)?(?:ne\s+)?(?:sais|sait|connais)\s+(?:pas|plus|rien)\b|\bj'?sais pas\b|\baucune idee\b|\bpas d'idee\b|"
                r"\bjsp\b|\bnsp\b|\bchais pas\b|\bj'en sais rien\b|\bj'en ai aucune idee\b|\bje n'en sais rien\b|"
                r"\bpas sur\b|\bpas sure\b|\bje ne suis pas sur|\bje suis pas sur|\baucun idee\b|\bidk\b|"
                r"\bje ne me souviens (?:pas|plus)\b|\bje me souviens (?:pas|plus)\b|\bje ne sais\b|\bincertain\b|"
                r"\bje l'ignore\b|\bne sait pas\b|\bje ne connais pas\b|\bje connais pas\b|\bpas la moindre idee\b|"
                r"\bbonne question\b|\bdon'?t know\b|\baucune? id[eé]e\b|^\s*\?+\s*$)")


def is_dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.search(norm(text)))


_INCOME_FIELDS = ("gross_monthly_salary", "net_monthly_salary", "monthly_resources")
_INCOME_MARKS = {"gross_monthly_salary": r"\bbrut", "net_monthly_salary": r"\bnet(?:s|te|tes)?\b",
                 "monthly_resources": r"\b(?:revenus?|ressources?|foyer|menage|a deux|ensemble)\b"}


def extract_facts(text: str, today: _dt.date, pending_field: str | None = None) -> dict:
    """Every profile field the message states (see the package docstring)."""
    if not text or not text.strip():
        return {}
    t = norm(text)
    facts: dict[str, Any] = {}
    nums = find_numbers(t)
    used: set[int] = set()

    _activity_contract(t, facts)
    _sector(t, facts)
    if facts.get("activity") == "agent_public_contractuel":
        facts["employer_sector"] = "public"
    if facts.get("employer_sector") == "public" and facts.get("activity") in ("salarie", None) \
            and facts.get("contract") in ("cdd", "cdi") and not re.search(r"\bfonctionnaire|titulaire\b", t):
        facts["activity"] = "agent_public_contractuel"

    date_facts, unassigned = _dates_facts(t, today, pending_field)
    mentions = _dates.find_dates(t, today)
    date_spans = [(d.start, d.end) for d in mentions]
    for d in mentions:  # numbers inside dates are not amounts or ages
        for n in nums:
            if d.start <= n.start < d.end:
                used.add(n.start)

    age = _age(t, nums, used, today)
    if age is not None:
        facts["age"] = age
    facts.update(_distance_time(t, nums, used, pending_field))
    size = _employer_size(t, nums, used)
    if size is not None:
        facts["employer_size"] = size
    months = _months_facts(t, nums, used)
    facts.update(months)
    for n in nums:
        if n.unit == "mois":
            used.add(n.start)
    facts.update(_money(t, nums, used, facts, date_spans))
    if re.search(r"\b(?:pas d'apl|pas d'aide au logement|pas d'als|aucune apl|aucune aide au logement|sans apl|pas le droit (?:aux|a l')apl|0 d'apl|zero apl)\b", t):
        facts.setdefault("housing_benefit", 0)

    for fname, value, rx, negatable in _BOOL_RULES:
        if fname in facts:
            continue
        for m in rx.finditer(t):
            neg = negatable and _negated(t, m.start(), m.end())
            if fname == "lease_signed" and value is True and re.search(r"\b(?:je signe|vais signer|on signe)\b", t[max(0, m.start() - 5):m.end()]):
                neg = True
            facts[fname] = (not value) if neg else value
            break

    # project, events, purchase, works, dwelling
    proj = None
    for value, rx in _PROJECT_RULES:
        for m in rx.finditer(t):
            if value in ("acheter", "travaux") and _negated(t, m.start(), m.end()):
                continue
            if value == "difficulte" and _denied(t, m.start()):
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
        m = next((m for m in rx.finditer(t) if not _denied(t, m.start())), None)
        if not m or (value in ("separation", "maladie", "deces", "sinistre", "expulsion") and _negated(t, m.start(), m.end())):
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
            if m and not _negated(t, m.start(), m.end()):
                facts["purchase_operation"] = value
                break
    if proj == "travaux" or pending_field == "works_kind":
        for value, rx in _WORKS_RULES:
            m = rx.search(t)
            if m and not _negated(t, m.start(), m.end()):
                facts["works_kind"] = value
                break
    if proj != "acheter":
        for value, rx in _DWELLING_RULES:
            m = rx.search(t)
            if m and not _negated(t, m.start(), m.end()):
                if value == "foyer" and re.search(r"\b(?:au foyer|du foyer|mon foyer|notre foyer|le foyer fiscal|ressources du foyer|revenus du foyer)\b", t) \
                        and not re.search(r"\bfoyer de jeunes|fjt|foyer d'hebergement|en foyer|dans un foyer|au foyer de jeunes", t):
                    continue
                facts["dwelling"] = value
                break

    zone, _key = zone_in_text(t)
    if zone is not None:
        facts["zone"] = zone

    # dates
    for k, v in date_facts.items():
        facts.setdefault(k, v)
    # one has moved in only with a signed lease: "j'ai emménagé il y a 4 mois"
    mi = facts.get("move_in_date")
    if isinstance(mi, str) and "lease_signed" not in facts and _dt.date.fromisoformat(mi) < today:
        facts["lease_signed"] = True
    if facts.get("contract") == "cdi" and "cdi_confirmed" not in facts:
        js = facts.get("job_start_date")
        if isinstance(js, str):
            start = _dt.date.fromisoformat(js)
            if start <= _dates.add_months(today, -8):
                facts["cdi_confirmed"] = True

    # an amount whose kind the message leaves open answers the pending money question: asked for
    # the household's resources, "je touche 1000 balles" is the resources, not only a salary
    if pending_field in _INCOME_FIELDS and pending_field not in facts:
        incomes = [k for k in _INCOME_FIELDS if k in facts]
        if len(incomes) == 1 and not re.search(_INCOME_MARKS[incomes[0]], t):
            facts[pending_field] = facts.pop(incomes[0])

    # the bare answer to the pending question
    if pending_field and pending_field not in facts:
        value = parse_answer(pending_field, text, today, _norm=t, _facts=facts, _unassigned=unassigned, _used=used)
        if value is not None and value is not DONT_KNOW:
            facts[pending_field] = value
    return {k: v for k, v in facts.items() if _in_bounds(k, v)}


# --------------------------------------------------------------------------- parse_answer
def _enum_from_text(field: str, t: str, today: _dt.date):
    facts = extract_facts_norm(t, today, field)
    if field in facts:
        return facts[field]
    values = ENUMS.get(field, ())
    # the value itself or its label
    for v in values:
        if re.search(r"\b" + re.escape(v.lower()) + r"\b", t) or re.search(r"\b" + re.escape(v.replace("_", " ").lower()) + r"\b", t):
            return v
    label_map = {
        "employer_sector": [("prive_non_agricole", r"\bprive|privee|entreprise|hors agriculture\b"), ("agricole", r"\bagri"),
                            ("public", r"\bpublic|publique\b"), ("particulier_employeur", r"\bparticulier"), ("epic", r"\bepic\b")],
        "activity": [("salarie", r"\bsalarie|salariee|employe|employee\b"), ("etudiant", r"\betudi"),
                     ("demandeur_emploi", r"\bchomage|demandeu|sans emploi"), ("alternant", r"\balterna|apprenti"),
                     ("fonctionnaire", r"\bfonctionnaire|titulaire"), ("independant", r"\bindependant"),
                     ("retraite", r"\bretraite"), ("sans_activite", r"\bsans activite|aucune activite|inactif|je ne travaille pas|je travaille pas")],
        "project": [("louer", r"\blou|location|locataire"), ("acheter", r"\bache|achat|proprietaire"), ("travaux", r"\btravaux|renov"),
                    ("difficulte", r"\bdifficult|payer|garder mon logement")],
        "zone": [("I", r"\bile de france|zone (?:1|i)\b|^(?:1|i)$"),
                 ("III", r"\bmoins de 100 ?000 (?:habitants|hab)\b|\bpas (?:une |dans une )?grande (?:ville|agglo)"),
                 ("II", r"\bzone (?:2|ii)\b|^(?:2|ii)$|grande agglo|grande ville|grosse ville|plus de 100 ?000 (?:habitants|hab)\b|outre-mer|corse"),
                 ("III", r"\bzone (?:3|iii)\b|^(?:3|iii)$|ailleurs|campagne|petite ville|village|ville moyenne")],
        "dwelling": [("prive", r"\bprive|particulier"), ("social", r"\bsocial|hlm"), ("foyer", r"\bfoyer|residence sociale"),
                     ("residence_etudiante", r"\betudiant|crous")],
        "purchase_operation": [("neuf", r"\bneuf|neuve"), ("ancien_prive", r"\bancien"), ("terrain", r"\bterrain")],
        "works_kind": [("energie", r"\benerg"), ("amelioration", r"\bamelior"), ("handicap", r"\bhandicap"), ("copropriete", r"\bcopro")],
        "contract": [("interim", r"\binterim"), ("stage", r"\bstage"), ("apprentissage", r"\bapprenti")],
    }
    for v, rx in label_map.get(field, ()):
        if re.search(rx, t):
            return v
    return None


def extract_facts_norm(t: str, today: _dt.date, pending: str | None) -> dict:
    """extract_facts on already normalised text, without attributing a bare answer."""
    return {k: v for k, v in extract_facts(t, today, None).items()}


def _number_answer(field: str, t: str, facts: dict, used: set, today: _dt.date):
    nums = [n for n in find_numbers(t) if n.start not in used]
    if field == "previous_home_travel_minutes":
        for m in DURATION.finditer(t):
            v = duration_minutes(m)
            if v:
                return clean_number(v)
        for n in nums:
            if n.unit in (None, "min", "minute", "minutes"):
                return clean_number(n.value)
            if n.unit in ("h", "heure", "heures"):
                return clean_number(n.value * 60)
        return None
    if field == "previous_home_distance_km":
        for n in nums:
            if n.unit in (None, "km"):
                return clean_number(n.value)
        if re.search(r"\b(?:meme ville|meme immeuble|meme quartier|a cote|tout pres|pas loin)\b", t):
            return None
        return None
    if field == "employer_size":
        for n in nums:
            if n.unit in (None, "salaries", "salariés", "employes", "personnes", "collaborateurs", "agents"):
                before = t[max(0, n.start - 12):n.start]
                v = int(n.value)
                if re.search(r"plus de\s*$", before):
                    v += 1
                elif re.search(r"moins de\s*$", before):
                    v = max(0, v - 1)
                return v
        for w, v in APPROX_WORDS.items():
            if w in t:
                return v
        if re.search(r"\b(?:je suis seul|seul salarie|que moi|juste moi)\b", t):
            return 1
        return None
    if field in ("internship_months", "cdd_months_last_6"):
        if re.search(r"\b(?:aucun|aucune|rien|jamais|zero|pas de cdd|non)\b", t) and not nums:
            return 0
        for n in nums:
            if n.unit in (None, "mois"):
                v = n.value
            elif n.unit in ("semaine", "semaines"):
                v = round(n.value / 4.33, 1)
            elif n.unit == "ans":
                v = n.value * 12
            else:
                continue
            if field == "cdd_months_last_6" and v > 6:
                v = 6
            return clean_number(v)
        if re.search(r"\bun semestre\b", t):
            return 6
        if re.search(r"\bun an\b|\bune annee\b", t):
            return 12 if field == "internship_months" else 6
        return None
    if field == "age":
        for n in nums:
            if n.unit in (None, "ans") and 14 <= n.value <= 110 and n.value == int(n.value):
                return int(n.value)
        return None
    if field in MONEY_FIELDS:
        if re.search(r"\b(?:aucune?|rien|zero|pas d'apl|pas d'aide|je n'en ai pas|j'en ai pas|je touche rien|nada|pas le droit)\b", t) \
                and not nums:
            return 0 if field in ("housing_benefit",) else None
        for n in nums:
            if n.unit in _NOT_MONEY_UNITS:
                continue
            value = n.value
            window = t[max(0, n.start - 30):n.end + 30]
            mark = re.search(r"\b(brut|bruts|brute|net|nets|nette)\b", window)
            if mark and field in ("gross_monthly_salary", "net_monthly_salary"):
                wants_gross = field == "gross_monthly_salary"
                if mark.group(1).startswith("brut") != wants_gross:
                    return None
            if _YEARLY.search(t[n.end:n.end + 30]) or (value > 10000 and field in ("gross_monthly_salary", "net_monthly_salary", "monthly_resources")
                                                      and not re.search(r"par mois|/ ?mois|mensuel", window)):
                value = value / 12
            return clean_number(round(value, 2))
        return None
    return None


def parse_answer(field: str, text: str, today: _dt.date, *, _norm=None, _facts=None, _unassigned=None, _used=None):
    """The value of ``field`` in an answer to the question about that field; ``DONT_KNOW`` for
    "je ne sais pas" and its variants; None when the answer is unusable."""
    if text is None:
        return None
    t = _norm if _norm is not None else norm(text)
    if not t:
        return None
    dont_know = bool(_DONT_KNOW.search(t))
    if field in BOOL_FIELDS:
        if dont_know:
            return DONT_KNOW
        facts = _facts if _facts is not None else extract_facts(text, today, None)
        if field in facts and isinstance(facts[field], bool):
            return facts[field]
        yn = _yes_no(t)
        if yn is not None:
            return yn
        # "je suis boursiere" while scholarship is asked; "je ne suis pas boursier"
        return None
    if field in DATE_FIELDS:
        if field in NONE_ALLOWED_DATES and not dont_know:
            if _yes_no(t) is False or re.search(r"\b(?:pas de promesse|pas de mutation|aucune|pas concerne|pas concernee|je n'en ai pas|j'en ai pas|pas mute|pas ete mute)\b", t):
                found = _dates.find_dates(t, today)
                if not found:
                    return False
        facts = _facts if _facts is not None else extract_facts(text, today, None)
        if field in facts and facts[field] is not None:
            return facts[field]
        if _unassigned is not None:
            if _unassigned:
                return _unassigned[0].value.isoformat()
        else:
            if not facts or not any(k in facts for k in DATE_FIELDS):
                d = _dates.parse_date_answer(t, today)
                if d is not None:
                    return d.isoformat()
        if _unassigned is None:
            d = _dates.parse_date_answer(t, today)
            if d is not None:
                return d.isoformat()
        return DONT_KNOW if dont_know else None
    if field in NUMBER_FIELDS:
        facts = _facts if _facts is not None else extract_facts(text, today, None)
        if field in facts:
            return facts[field] if _in_bounds(field, facts[field]) else None
        used = set(_used) if _used is not None else set()
        if _facts is None:
            # numbers the message attributed to other fields are not this answer
            other = {k: v for k, v in facts.items() if k in NUMBER_FIELDS}
            if other:
                used = set()
                for n in find_numbers(t):
                    if any(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(n.value - v) < 1e-9 for v in other.values()):
                        used.add(n.start)
        for d in _dates.find_dates(t, today):
            for n in find_numbers(t):
                if d.start <= n.start < d.end:
                    used.add(n.start)
        v = _number_answer(field, t, facts, used, today)
        if v is not None:
            return v if _in_bounds(field, v) else None
        return DONT_KNOW if dont_know else None
    if field in ENUMS:
        v = _enum_from_text(field, t, today) if _facts is None else (_facts.get(field) or _enum_label_only(field, t))
        if field == "zone" and v is None:
            z = zone_for_place(t)
            if z:
                return z
        if field == "difficulty_events":
            if v is None and (_yes_no(t) is False or re.search(r"\b(?:aucune|rien|aucun)\b", t)):
                return []
            if isinstance(v, str):
                v = [v]
        if v is not None:
            return v
        return DONT_KNOW if dont_know else None
    return DONT_KNOW if dont_know else None


def _enum_label_only(field: str, t: str):
    return _enum_from_text(field, t, _TODAY_FALLBACK) if field in ENUMS and len(t) < 60 else None


_TODAY_FALLBACK = _dt.date(2000, 1, 1)  # enum labels never depend on the date


# --------------------------------------------------------------------------- English
_EN = set("""i i'm im you the is are am need needs help with do does speak english my what how can could please
want looking for apartment flat rent renting housing job work working have has it this that would like to
hi hey hello thanks thank there where when why who which your our we they an of and in on at be been
not don't dont doesn't can't cannot about any some get got find moving move salary student am also know
""".split())
_FR = set("""je j'ai tu vous il elle nous on le la les un une de des du est suis es sommes et pour avec mon ma mes
ton ta tes votre vos pas que qui quoi oui non bonjour merci c'est ai au aux en logement loyer appart dans sur
ce cette mais ou comment pourquoi quand quel quelle bonsoir salut travail j'habite je suis aide aides
""".split())


def looks_english(text: str) -> bool:
    """True for a message written in English ("hello, I need help with housing",
    "do you speak English?"); False for French, even with an English word or two."""
    if not text:
        return False
    t = fold(text)
    if re.search(r"\b(?:do you speak english|speak english|in english|english please|english\?|anglais)\b", t) \
            and not re.search(r"\b(?:parlez|parles|parler|en anglais)\b", t):
        return True
    toks = re.findall(r"[a-z']+", t)
    en = sum(1 for w in toks if w in _EN and w not in _FR)
    fr = sum(1 for w in toks if w in _FR)
    return en >= 2 and en > 2 * fr
