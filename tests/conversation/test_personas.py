"""The issue's acceptance, simulated: French personas (not the worked examples) who open in their
own words and answer each `ask` question in free text from the facts they know, played over REST
against the real running assistant.

A persona is: an opening message (SMS style, typos, missing accents for some), the facts it
knows (profile field -> value; dates as offsets from today) and its way of saying them
(``answer``: the everyday words, never the enum). A field it does not know gets "je ne sais pas".
The expected verdict is the engine's ``evaluate`` on the full profile of the persona's facts;
for every product, the conversation's status must fall in the same class: eligible, to_confirm,
or not eligible (ineligible, ended, or still undecided).

Aim of the issue: at least 90 % of the personas reach that verdict, with a median of at most 8
user messages before the verdict.
"""
from __future__ import annotations

import datetime as dt
import statistics
import zlib

from dateutil.relativedelta import relativedelta

from actions.eligibility import evaluate
from tests.conversation.helpers import Conversation, last_ask, verdict

MAX_QUESTIONS = 30
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]


# --------------------------------------------------------------------------------------------
# Dates are written in the facts as offsets from the day of the conversation, so that the
# verdicts do not depend on today: ("days", -21), ("weeks", -3), ("months", 2), ("years", -6).
def resolve(offset, today: dt.date) -> dt.date:
    unit, n = offset
    return today + relativedelta(**{unit: n})


def date_words(offset, today: dt.date, style: int) -> str:
    unit, n = offset
    day = resolve(offset, today)
    kind = style % 5
    if kind == 0:  # absolute: "le 3 septembre" (with the year when it is not this year)
        year = f" {day.year}" if day.year != today.year else ""
        first = "1er" if day.day == 1 else str(day.day)
        return f"le {first} {MONTHS[day.month - 1]}{year}"
    if kind == 1:
        return day.strftime("%d/%m/%Y")
    words = {"days": "jours", "weeks": "semaines", "months": "mois", "years": "ans"}[unit]
    if abs(n) == 1:
        words = {"days": "jour", "weeks": "semaine", "months": "mois", "years": "an"}[unit]
        count = "un" if unit in ("months", "years", "days") else "une"
    else:
        count = str(abs(n))
    if n < 0:
        return [f"il y a {count} {words}", f"ça fait {count} {words}", f"depuis {count} {words}"][kind - 2]
    return [f"dans {count} {words}", f"d'ici {count} {words}", f"dans {count} {words} normalement"][kind - 2]


YES = ["oui", "ouais", "oui bien sûr", "oui c'est ça", "absolument", "ben oui", "oui oui", "exact", "tout à fait"]
NO = ["non", "non pas du tout", "nan", "non pas encore", "non", "pas du tout", "non jamais", "bah non", "absolument pas"]

EVERYDAY = {
    "project": {"louer": ["je veux louer un appart", "location", "louer"],
                "acheter": ["acheter", "on veut acheter", "achat de notre residence principale"],
                "travaux": ["faire des travaux", "des travaux chez moi"],
                "difficulte": ["j'ai du mal à payer mon loyer", "garder mon logement, je suis en difficulté"]},
    "activity": {"salarie": ["salarié", "je suis salariée", "je bosse en entreprise"],
                 "alternant": ["en alternance", "alternant", "apprenti"],
                 "etudiant": ["étudiant", "je suis etudiante", "etudiant a la fac"],
                 "demandeur_emploi": ["au chômage", "demandeur d'emploi", "je cherche du travail, inscrit à france travail"],
                 "fonctionnaire": ["fonctionnaire", "fonctionnaire titulaire"],
                 "agent_public_contractuel": ["contractuel dans la fonction publique", "agent contractuel"]},
    "contract": {"cdi": ["un CDI", "cdi", "en CDI"], "cdd": ["un CDD", "cdd de 6 mois"],
                 "interim": ["intérim", "je suis intérimaire", "interim"],
                 "saisonnier": ["un contrat saisonnier", "saisonnier"],
                 "apprentissage": ["contrat d'apprentissage", "apprentissage"],
                 "professionnalisation": ["contrat pro", "contrat de professionnalisation"]},
    "employer_sector": {"prive_non_agricole": ["privé", "une boite privée", "une entreprise privée"],
                        "agricole": ["agricole", "une exploitation agricole", "dans l'agriculture"],
                        "public": ["public", "la fonction publique", "c'est un employeur public"],
                        "particulier_employeur": ["un particulier"], "epic": ["un EPIC", "établissement public (EPIC)"]},
    "dwelling": {"prive": ["un appart d'un proprio privé", "privé", "un logement privé"],
                 "social": ["un HLM", "logement social"],
                 "foyer": ["un foyer de jeunes travailleurs"],
                 "residence_etudiante": ["une résidence étudiante", "résidence du crous"]},
    "purchase_operation": {"vefa": ["sur plan", "VEFA, sur plan"], "ancien_prive": ["une maison ancienne", "de l'ancien"],
                           "neuf": ["du neuf"], "ancien_hlm": ["l'appartement HLM que mon bailleur social me vend", "un logement ancien vendu par le bailleur social"]},
    "works_kind": {"energie": ["isolation et chaudière pour économiser l'énergie", "renovation energetique"],
                   "amelioration": ["refaire la salle de bain", "améliorer le logement"],
                   "handicap": ["adapter la maison au handicap de mon fils"]},
}
DIFFICULTY_WORDS = {"impayes_loyer": "des loyers impayés", "impayes_pret": "des mensualités de crédit impayées",
                    "expulsion": "une menace d'expulsion", "separation": "une séparation",
                    "perte_emploi": "j'ai perdu mon emploi", "maladie": "une maladie", "surendettement": "surendettement",
                    "deces": "un deces", "sinistre": "un dégât des eaux"}
NONE_DATE = {"job_promise_start_date": ["non pas de promesse", "non j'ai pas de promesse d'embauche"],
             "mutation_date": ["non pas muté", "pas de mutation", "non"]}


def say_value(name: str, value, today: dt.date, style: int, persona: dict) -> str:
    """How a person says ``value`` for field ``name`` in an answer."""
    if name == "zone":
        if persona.get("asked_again"):  # the town was not understood: the everyday words of the choices
            return {"I": "en région parisienne", "II": "une grande ville", "III": "c'est une petite ville"}[value]
        return persona.get("city") or "je ne sais pas"
    if name == "age":
        return [f"j'ai {value} ans", str(value), f"{value} ans", f"{value} ans depuis mars"][style % 4]
    if isinstance(value, bool):
        if not value and name in NONE_DATE:
            return NONE_DATE[name][style % len(NONE_DATE[name])]
        return (YES if value else NO)[style % 9]
    if name in ("job_start_date", "job_promise_start_date", "mutation_date", "move_in_date"):
        words = date_words(value, today, style)
        if style % 4 == 3:  # a whole sentence
            past = resolve(value, today) < today
            return {"job_start_date": ("mon contrat a commencé " if past else "je commence ") + words,
                    "job_promise_start_date": "je dois commencer " + words,
                    "mutation_date": ("j'ai été muté " if past else "je suis muté ") + words,
                    "move_in_date": ("je suis rentré dans l'appart " if past else "j'emménage ") + words}[name]
        return words
    if name in ("gross_monthly_salary", "net_monthly_salary", "monthly_resources"):
        kind = {"gross_monthly_salary": " brut", "net_monthly_salary": " net"}.get(name, "")
        thousands = (f"{value / 1000:.1f}".replace(".", ",").replace(",0", "") + "k") if value % 100 == 0 else f"{value}€"
        return [f"environ {value:,} € {kind}".replace(",", " "), f"{value}e{kind}", f"{value} euros{kind} par mois",
                f"je touche {value} balles{kind}", f"{thousands}{kind}", f"à peu près {value}€{kind}"][style % 6]
    if name in ("rent",):
        return [f"{value} € charges comprises", f"{value} cc", f"{value} euros", f"le loyer est de {value} euros par mois",
                f"{value}e tout compris"][style % 5]
    if name == "housing_benefit":
        if value == 0:
            return ["aucune, pas d'apl", "0", "j'ai pas d'aide au logement", "rien"][style % 4]
        return [f"{value} € d'APL", f"{value}", f"à peu près {value} euros", f"la caf me verse {value}e"][style % 4]
    if name == "employer_size":
        return [f"à peu près {value}", f"{value} salariés", f"on est {value}", f"environ {value} personnes"][style % 4]
    if name == "previous_home_distance_km":
        return [f"{value} km", f"environ {value} bornes", f"{value} kilometres", f"a peu pres {value}km"][style % 4]
    if name == "previous_home_travel_minutes":
        h, m = divmod(value, 60)
        if h and style % 2:
            return f"{h}h{m:02d}" if m else [f"{h}h de route", f"{h} heures", f"environ {h}h"][style % 3]
        return [f"{value} minutes", f"{value} min", f"une {value}aine de minutes" if value % 10 == 0 and value < 60 else f"{value} mn"][style % 3]
    if name in ("internship_months", "cdd_months_last_6"):
        return "aucun" if value == 0 else f"{value} mois"
    if name == "difficulty_events":
        if not value:
            return "non rien de tout ça"
        return " et ".join(DIFFICULTY_WORDS[v] for v in value)
    if name in EVERYDAY:
        options = EVERYDAY[name][value]
        return options[style % len(options)]
    return str(value)


# --------------------------------------------------------------------------------------------
def P(first, facts, city=None):
    return {"first": first, "facts": facts, "city": city}


PERSONAS = {
    "apprenti_boulanger_muté_loin": P(
        "slt jsuis apprenti boulanger, 18 ans, jvais a Nantes pr mon contrat, c a 250km de chez mes parents",
        dict(project="louer", activity="alternant", contract="apprentissage", age=18,
             employer_sector="prive_non_agricole", employer_size=15, gross_monthly_salary=900,
             zone="II", rent=480, housing_benefit=180, previous_home_distance_km=250,
             previous_home_travel_minutes=150, lease_signed=False, job_start_date=("weeks", 2),
             move_in_date=("days", 10), dwelling="prive", landlord_is_family=False,
             mobili_jeune_in_progress=False, bail_mobilite=False, double_rent=False,
             monthly_resources=900, net_monthly_salary=900, vte=False, employer_contributes=True),
        city="Nantes"),
    "alternante_contrat_pro_lyon": P(
        "Bonjour, je commence un contrat de professionnalisation dans une agence immo le mois prochain. "
        "J'ai 23 ans et je cherche un studio sur Lyon",
        dict(project="louer", activity="alternant", contract="professionnalisation", age=23,
             employer_sector="prive_non_agricole", employer_size=45, gross_monthly_salary=1400,
             zone="II", rent=550, housing_benefit=90, previous_home_distance_km=110,
             previous_home_travel_minutes=75, lease_signed=False, job_start_date=("months", 1),
             move_in_date=("weeks", 3), dwelling="prive", landlord_is_family=False,
             mobili_jeune_in_progress=False, bail_mobilite=False, double_rent=False, monthly_resources=1400,
             net_monthly_salary=1100, vte=False, employer_contributes=True),
        city="Lyon"),
    "apprenti_pres_de_chez_lui": P(
        "bjr je suis en apprentissage dans un garage, j ai 21 ans, je veux prendre un appart pas loin de chez mes parents",
        dict(project="louer", activity="alternant", contract="apprentissage", age=21,
             employer_sector="prive_non_agricole", employer_size=6, gross_monthly_salary=1150,
             zone="III", rent=420, housing_benefit=120, previous_home_distance_km=15,
             previous_home_travel_minutes=20, double_rent=False, lease_signed=False,
             job_start_date=("months", -4), move_in_date=("weeks", 4), dwelling="prive",
             landlord_is_family=False, mobili_jeune_in_progress=False, bail_mobilite=False,
             monthly_resources=1150, net_monthly_salary=1150, vte=False, employer_contributes=True),
        city="Vesoul"),
    "etudiant_boursier": P(
        "Bonjour je suis étudiant boursier en master à Toulouse, 22 ans, je cherche un logement",
        dict(project="louer", activity="etudiant", age=22, scholarship=True, zone="II", rent=450,
             housing_benefit=150, dwelling="prive", lease_signed=False, move_in_date=("weeks", 3),
             landlord_is_family=False, monthly_resources=700, bail_mobilite=False),
        city="Toulouse"),
    "etudiante_residence_crous": P(
        "salut, je rentre en L1 a Rennes, j'ai 18 ans et j'ai une chambre en residence crous",
        dict(project="louer", activity="etudiant", age=18, scholarship=False, internship_months=0,
             cdd_months_last_6=0, zone="II", rent=350, housing_benefit=100, dwelling="residence_etudiante",
             lease_signed=False, move_in_date=("weeks", 2), landlord_is_family=False, monthly_resources=500,
             bail_mobilite=False),
        city="Rennes"),
    "etudiant_en_stage": P(
        "Je suis etudiant en ecole d'ingé, j'ai un stage de 6 mois a Grenoble, 24 ans, je cherche une coloc",
        dict(project="louer", activity="etudiant", age=24, scholarship=False, internship_months=6,
             zone="II", rent=500, housing_benefit=80, dwelling="prive", lease_signed=False,
             move_in_date=("weeks", 2), landlord_is_family=False, monthly_resources=1000,
             cdd_months_last_6=0, bail_mobilite=False),
        city="Grenoble"),
    "saisonnier_agricole_vendanges": P(
        "bonjour je suis saisonnier pour les vendanges dans une exploitation viticole, je cherche à me loger",
        dict(project="louer", activity="salarie", contract="saisonnier", age=26,
             employer_sector="agricole", employer_size=60, employer_contributes=True,
             net_monthly_salary=1450, monthly_resources=1450, zone="III", rent=350, housing_benefit=0,
             employer_provided_housing=False, dwelling="prive", lease_signed=False,
             move_in_date=("days", 5), job_start_date=("days", 7), landlord_is_family=False,
             bail_mobilite=False, gross_monthly_salary=1850, previous_home_distance_km=300,
             previous_home_travel_minutes=200, cdi_confirmed=False, job_promise_start_date=False,
             mutation_date=False, iml=False),
        city="Beaune"),
    "saisonnier_station_ski": P(
        "Salut ! J'ai signé un contrat saisonnier dans un hotel en station de ski pour l'hiver, 27 ans",
        dict(project="louer", activity="salarie", contract="saisonnier", age=27,
             employer_sector="prive_non_agricole", employer_size=35, net_monthly_salary=1500,
             monthly_resources=1500, gross_monthly_salary=1900, zone="III", rent=500, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("days", 10), job_start_date=("days", 14),
             landlord_is_family=False, bail_mobilite=True, employer_contributes=True, cdi_confirmed=False,
             job_promise_start_date=False, mutation_date=False, iml=False, employer_provided_housing=False),
        city="Tignes"),
    "interimaire_jeune": P(
        "Bonjour, je suis intérimaire depuis 3 mois dans le BTP, j'ai 25 ans, je voudrais louer un T1",
        dict(project="louer", activity="salarie", contract="interim", age=25,
             employer_sector="prive_non_agricole", employer_size=200, net_monthly_salary=1600,
             monthly_resources=1600, gross_monthly_salary=2050, zone="III", rent=520, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("weeks", 3), job_start_date=("months", -3),
             landlord_is_family=False, bail_mobilite=False, employer_contributes=True, cdi_confirmed=False,
             job_promise_start_date=False, mutation_date=False, iml=False),
        city="Chartres"),
    "cdd_40_ans": P(
        "Bonsoir. J'ai 41 ans, je viens de signer un CDD de 9 mois dans une clinique privée et je dois trouver un logement",
        dict(project="louer", activity="salarie", contract="cdd", age=41,
             employer_sector="prive_non_agricole", employer_size=150, net_monthly_salary=1900,
             monthly_resources=1900, gross_monthly_salary=2450, zone="II", rent=750, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("weeks", 4), job_start_date=("weeks", -2),
             landlord_is_family=False, bail_mobilite=False, employer_contributes=True, cdi_confirmed=False,
             job_promise_start_date=False, mutation_date=False, iml=False),
        city="Montpellier"),
    "cdi_periode_essai": P(
        "bonjour jai 36 ans je viens d'etre embauché en cdi il y a 1 mois, je suis encore en periode d'essai, je cherche a louer",
        dict(project="louer", activity="salarie", contract="cdi", cdi_confirmed=False, age=36,
             employer_sector="prive_non_agricole", employer_size=80, net_monthly_salary=2300,
             monthly_resources=2300, gross_monthly_salary=2950, zone="I", rent=1050, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("weeks", 5), job_start_date=("months", -1),
             landlord_is_family=False, bail_mobilite=False, employer_contributes=True,
             job_promise_start_date=False, mutation_date=False, iml=False),
        city="Créteil"),
    "cdi_confirme_bas_salaire": P(
        "Bonjour, je suis aide a domicile en CDI depuis 5 ans, 1500 net, 52 ans, je dois quitter mon logement trop cher",
        dict(project="louer", activity="salarie", contract="cdi", cdi_confirmed=True, age=52,
             employer_sector="prive_non_agricole", employer_size=40, net_monthly_salary=1500,
             monthly_resources=1500, gross_monthly_salary=1920, zone="III", rent=600, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("months", 1), job_start_date=("years", -5),
             landlord_is_family=False, bail_mobilite=False, employer_contributes=True,
             job_promise_start_date=False, mutation_date=False, iml=False),
        city="Niort"),
    "cdi_confirme_salaire_eleve": P(
        "J'ai 44 ans, CDI depuis 12 ans dans une banque, je gagne 3 800 net et on déménage dans un plus grand appartement",
        dict(project="louer", activity="salarie", contract="cdi", cdi_confirmed=True, age=44,
             employer_sector="prive_non_agricole", employer_size=2000, net_monthly_salary=3800,
             monthly_resources=5500, gross_monthly_salary=4900, zone="II", rent=1300, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("months", 2), job_start_date=("years", -12),
             landlord_is_family=False, bail_mobilite=False, employer_contributes=True,
             job_promise_start_date=False, mutation_date=False, iml=False),
        city="Bordeaux"),
    "mute_brest_strasbourg": P(
        "Bonjour, ma boite me mute de Brest a Strasbourg le mois prochain, je suis en CDI depuis 4 ans, 33 ans",
        dict(project="louer", activity="salarie", contract="cdi", cdi_confirmed=True, age=33,
             employer_sector="prive_non_agricole", employer_size=500, net_monthly_salary=2600,
             monthly_resources=2600, gross_monthly_salary=3350, zone="II", rent=900, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("months", 1), job_start_date=("years", -4),
             mutation_date=("months", 1), landlord_is_family=False, bail_mobilite=False,
             employer_contributes=True, job_promise_start_date=False, iml=False,
             previous_home_distance_km=1050, previous_home_travel_minutes=600),
        city="Strasbourg"),
    "promesse_embauche": P(
        "Bonjour, j'ai une promesse d'embauche en CDI qui commence le mois prochain a Lille, j'ai 38 ans et je cherche un appart",
        dict(project="louer", activity="salarie", contract="cdi", cdi_confirmed=False, age=38,
             employer_sector="prive_non_agricole", employer_size=120, net_monthly_salary=2200,
             monthly_resources=2200, gross_monthly_salary=2800, zone="II", rent=800, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("weeks", 3),
             job_promise_start_date=("months", 1), job_start_date=("months", 1), landlord_is_family=False,
             bail_mobilite=False, employer_contributes=True, mutation_date=False, iml=False),
        city="Lille"),
    "fonctionnaire_hospitaliere": P(
        "je suis infirmiere titulaire de la fonction publique hospitaliere, 31 ans, mutée a Dijon",
        dict(project="louer", activity="fonctionnaire", age=31, employer_sector="public",
             net_monthly_salary=2100, monthly_resources=2100, zone="II", rent=650, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("weeks", 4), landlord_is_family=False,
             bail_mobilite=False, mutation_date=("weeks", -2), job_promise_start_date=False, iml=False),
        city="Dijon"),
    "contractuel_public_cdd": P(
        "Bonjour, je suis contractuel en CDD au conseil départemental depuis 2 mois, 29 ans, je cherche un logement à Amiens",
        dict(project="louer", activity="agent_public_contractuel", contract="cdd", age=29,
             employer_sector="public", net_monthly_salary=1750, monthly_resources=1750,
             gross_monthly_salary=2200, zone="II", rent=580, housing_benefit=0, dwelling="prive",
             lease_signed=False, move_in_date=("weeks", 3), job_start_date=("months", -2),
             landlord_is_family=False, bail_mobilite=False, cdi_confirmed=False,
             job_promise_start_date=False, mutation_date=False, iml=False),
        city="Amiens"),
    "chomeur_jeune": P(
        "salut jsuis au chomage, 24 ans, je cherche un appart a Tours",
        dict(project="louer", activity="demandeur_emploi", age=24, monthly_resources=900, zone="II",
             rent=450, housing_benefit=150, dwelling="prive", lease_signed=False, move_in_date=("months", 1),
             landlord_is_family=False, bail_mobilite=False, job_promise_start_date=False, iml=False),
        city="Tours"),
    "chomeur_senior": P(
        "Bonjour, je suis demandeuse d'emploi depuis un an, j'ai 50 ans et je voudrais savoir si j'ai droit a une aide pour louer",
        dict(project="louer", activity="demandeur_emploi", age=50, monthly_resources=1100, zone="III",
             rent=500, housing_benefit=100, dwelling="prive", lease_signed=False, move_in_date=("months", 1),
             landlord_is_family=False, bail_mobilite=False, job_promise_start_date=False, iml=False),
        city="Gueret"),
    "achat_vefa": P(
        "Bonjour, avec mon conjoint on achete un appartement sur plan, je suis en CDI dans une entreprise de 400 personnes",
        dict(project="acheter", activity="salarie", contract="cdi", cdi_confirmed=True, age=32,
             employer_sector="prive_non_agricole", employer_size=400, purchase_operation="vefa",
             first_time_buyer=True, resources_under_pli=True, net_monthly_salary=2500, monthly_resources=4500,
             employer_contributes=True, disability_in_household=False, mutation_date=False),
        city="Nantes"),
    "achat_ancien_pas_primo": P(
        "On voudrait acheter une maison ancienne, on est deja proprietaires d'un appart. CDI dans une PME de 25 salariés",
        dict(project="acheter", activity="salarie", contract="cdi", cdi_confirmed=True, age=40,
             employer_sector="prive_non_agricole", employer_size=25, purchase_operation="ancien_prive",
             first_time_buyer=False, resources_under_pli=True, net_monthly_salary=2300, monthly_resources=4200,
             disability_in_household=False, mutation_date=False, employer_contributes=True),
        city="Angers"),
    "travaux_energie": P(
        "Bjr, je suis proprietaire de ma maison et je veux faire isoler les combles, je suis salarié dans l'industrie",
        dict(project="travaux", activity="salarie", contract="cdi", cdi_confirmed=True, age=47,
             employer_sector="prive_non_agricole", employer_size=300, owner_occupier=True, works_kind="energie",
             resources_under_pli=True, net_monthly_salary=2100, monthly_resources=3500,
             employer_contributes=True, disability_in_household=False),
        city="Limoges"),
    "separation_impayes": P(
        "bonjour je suis en grosse difficulté, je me suis séparée de mon mari et j'ai 2 mois de loyer impayés",
        dict(project="difficulte", activity="salarie", contract="cdi", cdi_confirmed=True, age=39,
             employer_sector="prive_non_agricole", employer_size=70, difficulty_events=["separation", "impayes_loyer"],
             net_monthly_salary=1700, monthly_resources=1700, resources_under_pli=True,
             employer_contributes=True),
        city="Metz"),
    "impayes_petite_entreprise": P(
        "J'arrive plus a payer mon loyer depuis que j'ai été malade, je travaille dans une boulangerie de 4 salariés",
        dict(project="difficulte", activity="salarie", contract="cdi", cdi_confirmed=True, age=45,
             employer_sector="prive_non_agricole", employer_size=4, difficulty_events=["maladie", "impayes_loyer"],
             net_monthly_salary=1600, monthly_resources=1600, resources_under_pli=True,
             employer_contributes=True),
        city="Agen"),
    "bail_mobilite_45": P(
        "Bonjour j'ai 45 ans et je vais signer un bail mobilité de 6 mois pour une mission a Paris, je suis en CDI",
        dict(project="louer", activity="salarie", contract="cdi", cdi_confirmed=True, age=45, bail_mobilite=True,
             employer_sector="prive_non_agricole", employer_size=900, net_monthly_salary=3000,
             monthly_resources=3000, gross_monthly_salary=3900, zone="I", rent=1200, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("weeks", 3), job_start_date=("years", -8),
             landlord_is_family=False, employer_contributes=True, job_promise_start_date=False,
             mutation_date=False, iml=False),
        city="Paris"),
    "hlm_jeune_salarie": P(
        "Bonjour, 26 ans, je suis en CDI depuis 2 ans chez un transporteur, on m'a attribué un logement social",
        dict(project="louer", activity="salarie", contract="cdi", cdi_confirmed=True, age=26,
             employer_sector="prive_non_agricole", employer_size=90, net_monthly_salary=1700,
             monthly_resources=1700, gross_monthly_salary=2200, zone="II", rent=430, housing_benefit=60,
             dwelling="social", lease_signed=False, move_in_date=("weeks", 2), job_start_date=("years", -2),
             landlord_is_family=False, employer_contributes=True, bail_mobilite=False,
             job_promise_start_date=False, mutation_date=False, iml=False, resources_under_pli=True),
        city="Reims"),
    "loue_a_sa_mere": P(
        "Salut, jsuis alternant (apprentissage), 20 ans, ma mère me loue son studio a Caen, j'ai droit à quoi ?",
        dict(project="louer", activity="alternant", contract="apprentissage", age=20,
             employer_sector="prive_non_agricole", employer_size=30, gross_monthly_salary=1000,
             zone="II", rent=400, housing_benefit=100, landlord_is_family=True, dwelling="prive",
             lease_signed=False, move_in_date=("weeks", 2), job_start_date=("weeks", -1),
             previous_home_distance_km=120, previous_home_travel_minutes=90, double_rent=False,
             mobili_jeune_in_progress=False, bail_mobilite=False, monthly_resources=1000,
             net_monthly_salary=1000, vte=False, employer_contributes=True),
        city="Caen"),
    "minimal_caution": P(
        "Bonjour, j'ai besoin d'aide pour payer la caution de mon futur appart",
        dict(project="louer", activity="salarie", contract="cdd", age=28, employer_sector="prive_non_agricole",
             employer_size=35, net_monthly_salary=1550, monthly_resources=1550, gross_monthly_salary=1980,
             zone="III", rent=540, housing_benefit=0, dwelling="prive", lease_signed=False,
             move_in_date=("weeks", 2), job_start_date=("months", -5), landlord_is_family=False,
             bail_mobilite=False, cdi_confirmed=False, job_promise_start_date=False, mutation_date=False,
             employer_contributes=True, previous_home_distance_km=20, previous_home_travel_minutes=25),
        city="Cholet"),
    "minimal_quelles_aides": P(
        "bonjour quelles aides existent pour moi ?",
        dict(project="louer", activity="alternant", contract="professionnalisation", age=22,
             employer_sector="prive_non_agricole", employer_size=250, gross_monthly_salary=1300,
             net_monthly_salary=1050, monthly_resources=1050, zone="I", rent=700, housing_benefit=150,
             previous_home_distance_km=400, previous_home_travel_minutes=240, lease_signed=False,
             job_start_date=("weeks", -2), move_in_date=("weeks", 1), dwelling="prive", landlord_is_family=False,
             bail_mobilite=False, employer_contributes=True),
        city="Nanterre"),
    "minimal_bonjour": P(
        "Bonjour",
        dict(project="louer", activity="salarie", contract="cdi", cdi_confirmed=True, age=33,
             employer_sector="prive_non_agricole", employer_size=18, net_monthly_salary=1600,
             monthly_resources=2900, gross_monthly_salary=2050, zone="II", rent=780, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("months", 1), job_start_date=("years", -6),
             landlord_is_family=False, bail_mobilite=False, employer_contributes=True,
             job_promise_start_date=False, mutation_date=False),
        city="Clermont-Ferrand"),
    "minimal_achat": P(
        "je voudrais des infos sur le pret accession svp",
        dict(project="acheter", activity="salarie", contract="cdi", cdi_confirmed=True, age=30,
             employer_sector="prive_non_agricole", employer_size=12, purchase_operation="neuf",
             first_time_buyer=True, resources_under_pli=False, net_monthly_salary=2600, monthly_resources=5200,
             employer_contributes=True, disability_in_household=False, mutation_date=False),
        city="Annecy"),
    "alternant_cuisine_sms": P(
        "yo g 19 ans jsui en alternence bac pro cuisine dans un resto, jdemenage a Marseille jai trouvé un studio a 520 balles",
        dict(project="louer", activity="alternant", contract="apprentissage", age=19,
             employer_sector="prive_non_agricole", employer_size=12, gross_monthly_salary=850,
             zone="II", rent=520, housing_benefit=200, previous_home_distance_km=180,
             previous_home_travel_minutes=120, lease_signed=False, job_start_date=("weeks", -3),
             move_in_date=("weeks", 1), dwelling="prive", landlord_is_family=False,
             mobili_jeune_in_progress=False, bail_mobilite=False, monthly_resources=850,
             net_monthly_salary=850, employer_contributes=True),
        city="Marseille"),
    "auxiliaire_chez_particulier": P(
        "Bonjour,je suis auxiliaire de vie employée par un particulier, 29 ans, en CDD, je cherche un apartement",
        dict(project="louer", activity="salarie", contract="cdd", age=29, employer_sector="particulier_employeur",
             employer_size=1, net_monthly_salary=1350, monthly_resources=1350, gross_monthly_salary=1700,
             zone="III", rent=480, housing_benefit=90, dwelling="prive", lease_signed=False,
             move_in_date=("weeks", 3), job_start_date=("months", -1), landlord_is_family=False,
             bail_mobilite=False, cdi_confirmed=False, job_promise_start_date=False, mutation_date=False),
        city="Vierzon"),
    "cheminot_epic": P(
        "je bosse a la SNCF en CDI depuis 3 ans, 27 ans, je dois demenager pour le taf a Lyon",
        dict(project="louer", activity="salarie", contract="cdi", cdi_confirmed=True, age=27, employer_sector="epic",
             employer_size=150000, net_monthly_salary=2100, monthly_resources=2100, gross_monthly_salary=2700,
             zone="II", rent=720, housing_benefit=0, dwelling="prive", lease_signed=False,
             move_in_date=("months", 1), job_start_date=("years", -3), landlord_is_family=False,
             bail_mobilite=False, employer_contributes=True, mutation_date=("months", 1),
             previous_home_distance_km=300, previous_home_travel_minutes=180, job_promise_start_date=False),
        city="Lyon"),
    "ouvrier_agricole_fraises": P(
        "Bonjour je suis ouvrier agricole saisonnier pour la récolte des fraises en Dordogne, j'ai 23 ans, je cherche un logement pour la saison",
        dict(project="louer", activity="salarie", contract="saisonnier", age=23, employer_sector="agricole",
             employer_size=55, employer_contributes=True, employer_provided_housing=False,
             net_monthly_salary=1400, monthly_resources=1400, gross_monthly_salary=1800, zone="III", rent=300,
             housing_benefit=0, dwelling="prive", lease_signed=False, move_in_date=("days", 7),
             job_start_date=("days", 10), landlord_is_family=False, bail_mobilite=False, cdi_confirmed=False,
             previous_home_distance_km=90, previous_home_travel_minutes=70, job_promise_start_date=False,
             mutation_date=False, double_rent=False),
        city="Bergerac"),
    "etudiante_boursiere_job_cdd": P(
        "coucou, je suis etudiante boursiere echelon 5 a Lille, j'ai 21 ans, je cherche un studio",
        dict(project="louer", activity="etudiant", age=21, scholarship=True, zone="II", rent=430,
             housing_benefit=160, dwelling="prive", lease_signed=False, move_in_date=("weeks", 4),
             landlord_is_family=False, monthly_resources=650, bail_mobilite=False, cdd_months_last_6=2,
             internship_months=0),
        city="Lille"),
    "chomeur_promesse": P(
        "Bonjour, je suis demandeur d'emplois mais j'ai une promesse d'embauche en CDI, j'ai 34 ans, il me faut un logement",
        dict(project="louer", activity="demandeur_emploi", age=34, job_promise_start_date=("weeks", 5),
             job_start_date=("weeks", 5),
             contract="cdi", cdi_confirmed=False, employer_sector="prive_non_agricole", employer_size=60,
             net_monthly_salary=1900, monthly_resources=1900, zone="II", rent=700, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("weeks", 4), landlord_is_family=False,
             bail_mobilite=False, mutation_date=False, employer_contributes=True),
        city="Rouen"),
    "fonctionnaire_typos": P(
        "bonjour je suis fonctionaire territoriale titulaire, 42 ans, je cherche un apart a Besancon",
        dict(project="louer", activity="fonctionnaire", age=42, employer_sector="public",
             net_monthly_salary=1950, monthly_resources=1950, zone="II", rent=620, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("weeks", 6), landlord_is_family=False,
             bail_mobilite=False, mutation_date=False, job_promise_start_date=False),
        city="Besançon"),
    "interim_plus_30_typos": P(
        "salut je suis interimere depuis 2 mois, 37 ans, je gagne dans les 1700 net, je veux louer un T2",
        dict(project="louer", activity="salarie", contract="interim", age=37, employer_sector="prive_non_agricole",
             employer_size=100, net_monthly_salary=1700, monthly_resources=1700, gross_monthly_salary=2200,
             zone="III", rent=560, housing_benefit=0, dwelling="prive", lease_signed=False,
             move_in_date=("weeks", 3), job_start_date=("months", -2), landlord_is_family=False,
             bail_mobilite=False, cdi_confirmed=False, job_promise_start_date=False, mutation_date=False,
             employer_contributes=True),
        city="Moulins"),
    "achat_ancien_hlm_primo": P(
        "Bonjour, mon bailleur social vend mon appartement et je voudrais l'acheter, je n'ai jamais été propriétaire",
        dict(project="acheter", activity="salarie", contract="cdi", cdi_confirmed=True, age=37,
             employer_sector="prive_non_agricole", employer_size=45, purchase_operation="ancien_hlm",
             first_time_buyer=True, resources_under_pli=True, net_monthly_salary=2000, monthly_resources=3200,
             employer_contributes=True, disability_in_household=False, mutation_date=False),
        city="Saint-Étienne"),
    "travaux_handicap": P(
        "Bonjour, je voudrais adapter ma salle de bain pour mon fils handicapé, on est propriétaires, je suis salarié d'une entreprise de 80 personnes",
        dict(project="travaux", activity="salarie", contract="cdi", cdi_confirmed=True, age=49,
             employer_sector="prive_non_agricole", employer_size=80, owner_occupier=True, works_kind="handicap",
             disability_in_household=True, resources_under_pli=True, net_monthly_salary=2200,
             monthly_resources=3600, employer_contributes=True),
        city="Poitiers"),
    "cdi_confirme_loyer_trop_cher": P(
        "jai 31 ans, cdi confirmé depuis 4 ans, 1 900 net, je vise un T3 a 1050 cc a Nice",
        dict(project="louer", activity="salarie", contract="cdi", cdi_confirmed=True, age=31,
             employer_sector="prive_non_agricole", employer_size=70, net_monthly_salary=1900,
             monthly_resources=1900, gross_monthly_salary=2450, zone="II", rent=1050, housing_benefit=0,
             dwelling="prive", lease_signed=False, move_in_date=("months", 1), job_start_date=("years", -4),
             landlord_is_family=False, bail_mobilite=False, employer_contributes=True,
             job_promise_start_date=False, mutation_date=False),
        city="Nice"),
    "emmenage_il_y_a_4_mois": P(
        "Bonjour, j'ai 26 ans, CDI dans une boite de com de 20 personnes, j'ai emmenagé il y a 4 mois a Nantes, est-ce que j'ai droit a quelque chose ?",
        dict(project="louer", activity="salarie", contract="cdi", cdi_confirmed=True, age=26,
             employer_sector="prive_non_agricole", employer_size=20, net_monthly_salary=1800,
             monthly_resources=1800, gross_monthly_salary=2300, zone="II", rent=640, housing_benefit=0,
             dwelling="prive", lease_signed=True, visale_visa_obtained=False, move_in_date=("months", -4),
             job_start_date=("years", -2), landlord_is_family=False, bail_mobilite=False,
             employer_contributes=True, job_promise_start_date=False, mutation_date=False),
        city="Nantes"),
}


# --------------------------------------------------------------------------------------------
# What nearly everyone knows without thinking (each persona's own facts take precedence).
KNOWN_BY_ALL = {"difficulty_events": [], "disability_in_household": False, "vte": False, "iml": False,
                "employer_provided_housing": False, "mobili_jeune_in_progress": False, "double_rent": False}


def facts_of(persona: dict) -> dict:
    facts = dict(KNOWN_BY_ALL)
    facts.update(persona["facts"])
    return facts


def full_profile(persona: dict, today: dt.date) -> dict:
    profile = {}
    for name, value in facts_of(persona).items():
        if isinstance(value, tuple):
            value = resolve(value, today).isoformat()
        profile[name] = value
    return profile


def status_class(status: str) -> str:
    return status if status in ("eligible", "to_confirm") else "not"


def play_persona(stack, name: str, persona: dict, today: dt.date) -> dict:
    style = zlib.crc32(name.encode())
    conv = Conversation(stack)
    reply = conv.say(persona["first"])
    asked = []
    described = False
    while verdict(reply) is None:
        ask = last_ask(reply)
        if ask is None and not described:
            # invited to tell the situation ("Bonjour" alone): the project and the activity
            described = True
            facts = facts_of(persona)
            reply = conv.say(", ".join(say_value(f, facts[f], today, style, persona)
                                       for f in ("project", "activity") if f in facts))
            continue
        if ask is None or len(asked) >= MAX_QUESTIONS:
            return {"name": name, "messages": conv.user_messages, "mismatches": ["no verdict"],
                    "asked": asked, "transcript": conv.show()}
        field = ask["field"]
        asked.append(field)
        facts = facts_of(persona)
        if field in facts:
            again = dict(persona, asked_again=asked.count(field) > 1)
            answer = say_value(field, facts[field], today, style + len(asked), again)
        else:
            answer = "je ne sais pas"
        reply = conv.say(answer)
    got = {r["id"]: r["status"] for r in verdict(reply)["results"]}
    expected = {r["id"]: r["status"] for r in evaluate(full_profile(persona, today), today)["results"]}
    mismatches = [f"{pid}: {got.get(pid)} (rules: {status})" for pid, status in expected.items()
                  if status_class(got.get(pid, "")) != status_class(status)]
    return {"name": name, "messages": conv.user_messages, "mismatches": mismatches, "asked": asked,
            "transcript": conv.show()}


def table(rows: list) -> str:
    lines = [f"{'persona':32} {'msgs':>4}  mismatches"]
    for row in rows:
        lines.append(f"{row['name']:32} {row['messages']:>4}  {'; '.join(row['mismatches']) or 'ok'}")
    return "\n".join(lines)


def test_personas_reach_the_verdict_of_the_rules(stack):
    today = dt.date.today()
    rows = [play_persona(stack, name, persona, today) for name, persona in PERSONAS.items()]
    passed = [r for r in rows if not r["mismatches"]]
    rate = len(passed) / len(rows)
    median = statistics.median(r["messages"] for r in rows)
    report = table(rows) + f"\npass rate {rate:.0%} ({len(passed)}/{len(rows)}), median {median} user messages"
    print("\n" + report)
    failures = "\n\n".join(f"--- {r['name']} (asked {r['asked']})\n{r['transcript']}" for r in rows if r["mismatches"])
    assert rate >= 0.9 and median <= 8, report + "\n\n" + failures
