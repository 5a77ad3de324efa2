"""Readers of work: contract, activity, employer sector and size, months of CDD or internship."""
from __future__ import annotations

import re

from .housing import _HOUSING_WORDS
from .numbers import APPROX_WORDS, clean_number
from .reading import Reading

_c = re.compile  # a rule pattern

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
    ("fonctionnaire", _c(r"\b(?:fonctionnaire|fonctionnaires|titularise|titularisee|agent titulaire|je suis titulaire|titulaire de la fonction publique|titulaire(?!\s+(?:d'|de\b|du\b|des\b)))\b")),
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
_COMPANY_WORD = _c(r"\b(?:pme|tpe|boite|entreprise|societe|structure|employeur|effectif|on est|nous sommes|garage|usine|magasin|restaurant|cabinet|agence|exploitation|ferme|groupe|start-up|startup|association|mairie|salon|cooperative|coop)\b")

_COMPANY_OF = _c(r"\b(?:pme|tpe|boite|entreprise|societe|structure|usine|agence|groupe|start-up|startup|cabinet|industriel|magasin|coop|cooperative)\s+(?:\w+\s+)?de\s+(?:plus de\s+|moins de\s+|environ\s+)?$")

# --------------------------------------------------------------------------- size, months
def _headcount(v: int, before: str) -> int:
    """« plus de 50 » -> 51, « moins de 10 » -> 9."""
    if re.search(r"plus de\s*$", before):
        return v + 1
    if re.search(r"moins de\s*$", before):
        return max(0, v - 1)
    return v


def read_employer_size(r: Reading, used: set) -> int | None:
    """« 120 salariés », « plus de 50 salariés » -> 51, « une vingtaine d'employés » -> 20."""
    t, nums = r.text, r.numbers
    for n in nums:
        if n.start in used or n.unit not in ("salaries", "salariés", "employes", "employés", "personnes",
                                             "collaborateurs", "agents"):
            continue
        cs, ce = r.clause_of(n.start)
        clause = t[cs:ce]
        if n.unit in ("personnes", "agents") and not _COMPANY_WORD.search(clause):
            continue
        if re.search(r"\b(?:foyer|menage|famille|a la maison|colocation|coloc)\b", clause):
            continue
        used.add(n.start)
        return _headcount(int(n.value), t[max(cs, n.start - 15):n.start])
    # « une boîte de 120 », « PME de 35 », « (boîte de 80) »: a bare number right after a word for
    # the company is its headcount (not « boîte de 2 ans », « entreprise de 300 km »)
    for n in nums:
        if n.start in used or n.unit is not None or n.value != int(n.value):
            continue
        before = t[max(0, n.start - 25):n.start]
        if _COMPANY_OF.search(before):
            used.add(n.start)
            return _headcount(int(n.value), before)
    m = re.search(r"\b(" + "|".join(APPROX_WORDS) + r") (?:de )?(?:salaries|employes|personnes|collaborateurs)\b", t)
    if m:
        return APPROX_WORDS[m.group(1)]
    return None


def read_months(r: Reading) -> dict:
    """Months of internship (« stage de 6 mois ») and of CDD in the last 6 months."""
    t = r.text
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


def _first_rule(rules, r: Reading, negatable: bool = True):
    hits = []
    for value, rx in rules:
        for m in rx.finditer(r.text):
            if negatable and r.negated(m.start(), m.end()):
                continue
            hits.append((value, m))
            break
    return hits


def read_activity_contract(r: Reading, facts: dict) -> None:
    """The contract and the activity (an apprenticeship is an alternant's, a CDI a salarié's)."""
    contract_hits = _first_rule(_CONTRACT_RULES, r)
    contracts = [v for v, _ in contract_hits]
    if contracts:
        # apprentissage/professionnalisation beat "cdi"/"cdd" (an apprenticeship may be a CDD or CDI)
        for pref in ("apprentissage", "professionnalisation", "cdi", "cdd", "interim", "saisonnier", "stage"):
            if pref in contracts:
                facts["contract"] = pref
                break
    act_matches = _first_rule(_ACTIVITY_RULES, r)
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


def read_sector(r: Reading, facts: dict) -> None:
    """The employer's sector; then a contract in the public sector is an agent contractuel's."""
    _sector(r, facts)
    t = r.text
    if facts.get("activity") == "agent_public_contractuel":
        facts["employer_sector"] = "public"
    if facts.get("employer_sector") == "public" and facts.get("activity") in ("salarie", None) \
            and facts.get("contract") in ("cdd", "cdi") and not re.search(r"\bfonctionnaire|titulaire\b", t):
        facts["activity"] = "agent_public_contractuel"


def _sector(r: Reading, facts: dict) -> None:
    t = r.text
    for value, rx in _SECTOR_RULES:
        for m in rx.finditer(t):
            if r.negated(m.start(), m.end()) and value != "prive_non_agricole":
                continue
            word = m.group(0)
            if value == "prive_non_agricole":
                cs, ce = r.clause_of(m.start())
                if word in ("prive", "privee", "dans le prive") and _HOUSING_WORDS.search(t[cs:ce]):
                    continue  # "un appart dans le prive" is the dwelling
                if word in ("entreprise", "societe", "boite") and re.search(r"chef d'entreprise|mon entreprise a moi|ma propre", t):
                    continue
                if word in ("entreprise", "societe", "boite") and re.search(r"\b(?:interim|boite d'interim)\b", t) and word == "boite":
                    continue
                if r.negated(m.start(), m.end()):
                    continue
            if value == "public" and word == "hopital" and re.search(r"hopital prive|clinique", t):
                continue
            if value == "agricole" and word in ("vigne", "vignes", "elevage") and _HOUSING_WORDS.search(t) and not re.search(r"travail|bosse|salarie|saison|contrat", t):
                continue
            facts["employer_sector"] = value
            return
