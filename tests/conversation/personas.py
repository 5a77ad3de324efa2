"""The worked examples of shared/domain/examples.md as French personas.

Each persona opens with a message in their own words, then answers the assistant's questions in
free text (``answers``; a question not listed gets "je ne sais pas"). Dates are relative to the
day of the conversation ("il y a trois semaines") so that the verdicts do not depend on today.
``should`` / ``never``: the products the rules make eligible / not eligible.
"""
from __future__ import annotations

# Answers most people give the same way; each persona overrides what differs.
COMMON = {
    "project": "louer un appart",
    "employer_contributes": "oui",
    "cdi_confirmed": "oui",
    "vte": "non",
    "bail_mobilite": "non",
    "iml": "non",
    "landlord_is_family": "non",
    "double_rent": "non",
    "mobili_jeune_in_progress": "non",
    "employer_provided_housing": "non",
    "job_promise_start_date": "non, pas de promesse d'embauche",
    "mutation_date": "non pas de mutation",
    "difficulty_events": "non aucune",
    "disability_in_household": "non",
    "dwelling": "un appartement dans le privé",
    "lease_signed": "non pas encore",
}

PERSONAS = {
    "TC01": dict(
        first="Bonjour, je suis apprentie en BTS dans un magasin, j'ai 19 ans et je touche 1050 euros. "
              "J'ai quitté Rennes pour Paris il y a trois semaines pour mon contrat",
        answers={
            "activity": "alternante", "contract": "contrat d'apprentissage", "age": "19 ans",
            "employer_sector": "entreprise privée", "employer_size": "120 salariés",
            "gross_monthly_salary": "1050 euros brut", "net_monthly_salary": "1050",
            "monthly_resources": "1050 euros",
            "zone": "Paris", "rent": "650 euros charges comprises", "housing_benefit": "250 euros d'APL",
            "previous_home_distance_km": "350 km", "previous_home_travel_minutes": "plus de 3 heures",
            "lease_signed": "oui j'ai signé il y a trois semaines", "visale_visa_obtained": "oui",
            "move_in_date": "il y a trois semaines", "job_start_date": "la semaine prochaine",
            "cdi_confirmed": "non",
        },
        should=["mobili_jeune", "avance_loca_pass", "visale"],
        never=["mobili_pass", "mon_job_mon_logement", "aide_mobilite", "agri_mobili_jeune", "pret_accession"],
    ),
    "TC02": dict(
        first="jsuis en apprentissage chez un garagiste, j'ai 20 ans, je touche 1100 brut, "
              "j'ai trouvé un appart a 65 km de chez mes parents",
        answers={
            "activity": "apprenti", "contract": "apprentissage", "age": "20",
            "employer_sector": "privé", "employer_size": "8 salariés",
            "gross_monthly_salary": "1100 brut", "net_monthly_salary": "1100 net",
            "monthly_resources": "1100",
            "zone": "Angers", "rent": "500 euros", "housing_benefit": "150",
            "previous_home_distance_km": "65 km", "previous_home_travel_minutes": "35 minutes en voiture",
            "double_rent": "non, un seul bail", "move_in_date": "dans deux semaines",
            "job_start_date": "il y a un mois", "cdi_confirmed": "non",
        },
        should=["avance_loca_pass", "visale"],
        never=["mobili_jeune"],
    ),
    "TC06": dict(
        first="Je suis en contrat de professionnalisation depuis un mois, j'ai eu 30 ans la semaine derniere, "
              "je gagne 1500 brut et j'ai déménagé à 200 km pour le boulot",
        answers={
            "activity": "alternant", "contract": "contrat pro", "age": "30 ans",
            "employer_sector": "dans le privé", "employer_size": "40 salariés",
            "gross_monthly_salary": "1500 brut", "net_monthly_salary": "1200 net",
            "monthly_resources": "1500 euros",
            "zone": "Lyon", "rent": "600 euros", "housing_benefit": "0",
            "previous_home_distance_km": "200 km", "previous_home_travel_minutes": "2 heures",
            "move_in_date": "dans deux semaines", "job_start_date": "il y a un mois",
            "cdi_confirmed": "non",
        },
        should=["visale", "avance_loca_pass"],
        never=["mobili_jeune"],
    ),
    "TC12": dict(
        first="J'ai 22 ans, je suis alternant dans une boite privée, je touche 1200 euros. Mon contrat a "
              "commencé il y a 6 mois, j'ai signé mon bail et emménagé il y a 6 mois, à 300 km de chez mes parents",
        answers={
            "activity": "alternant", "contract": "apprentissage", "age": "22 ans",
            "employer_sector": "privé", "employer_size": "60 salariés",
            "gross_monthly_salary": "1200", "net_monthly_salary": "1200", "monthly_resources": "1200",
            "zone": "Bordeaux", "rent": "550", "housing_benefit": "100",
            "previous_home_distance_km": "300 km", "previous_home_travel_minutes": "3 heures",
            "lease_signed": "oui il y a 6 mois", "visale_visa_obtained": "non",
            "move_in_date": "il y a 6 mois", "job_start_date": "il y a 6 mois", "cdi_confirmed": "non",
        },
        should=[],
        never=["mobili_jeune", "avance_loca_pass", "visale"],
    ),
    "TC15": dict(
        first="je suis etudiante en licence a Lyon, j'ai 20 ans, pas de boulot et pas de bourse, "
              "mon loyer c'est 600 euros charges comprises",
        answers={
            "activity": "étudiante", "age": "20 ans", "scholarship": "non je ne suis pas boursière",
            "internship_months": "je ne suis pas en stage", "cdd_months_last_6": "aucun",
            "zone": "Lyon", "rent": "600", "housing_benefit": "0", "monthly_resources": "400 euros",
            "employer_sector": "je n'ai pas d'employeur",
        },
        should=["visale"],
        never=["avance_loca_pass", "mobili_jeune"],
    ),
    "TC20": dict(
        first="Je suis demandeur d'emploi, j'ai 35 ans et je touche 1300 euros d'ARE, je cherche un appart",
        answers={
            "activity": "demandeur d'emploi", "age": "35", "monthly_resources": "1300 euros",
            "job_promise_start_date": "non aucune offre", "zone": "Nantes", "rent": "550 euros",
        },
        should=[],
        never=["visale", "avance_loca_pass", "accompagnement_salaries_difficulte"],
    ),
    "TC22": dict(
        first="Bonjour, j'ai 35 ans, je suis en CDI depuis 6 ans dans une entreprise privée de 300 salariés, "
              "je gagne 2400 net. Mon employeur m'a muté de Lille à Marseille il y a 2 mois",
        answers={
            "activity": "salarié", "contract": "CDI", "age": "35 ans", "cdi_confirmed": "oui",
            "employer_sector": "privé", "employer_size": "300",
            "net_monthly_salary": "2400 net", "monthly_resources": "2400 euros", "gross_monthly_salary": "3100 brut",
            "mutation_date": "il y a 2 mois", "zone": "Marseille", "rent": "1100 euros charges comprises",
            "housing_benefit": "0", "lease_signed": "non pas encore", "move_in_date": "dans trois semaines",
            "job_start_date": "il y a 6 ans",
        },
        should=["visale", "avance_loca_pass"],
        never=["mobili_pass", "aide_mobilite", "mon_job_mon_logement"],
    ),
    "TC25": dict(
        first="J'ai 45 ans, CDI depuis 10 ans dans une petite boite privée de 12 salariés, 1650 euros net. "
              "Je cherche un appart moins cher dans ma ville, a 700 euros charges comprises",
        answers={
            "activity": "salarié", "contract": "CDI", "age": "45", "cdi_confirmed": "oui",
            "employer_sector": "privé", "employer_size": "12",
            "net_monthly_salary": "1650 net", "monthly_resources": "1650", "gross_monthly_salary": "2100 brut",
            "zone": "Aurillac", "rent": "700", "housing_benefit": "0",
            "move_in_date": "le mois prochain", "job_start_date": "il y a 10 ans",
        },
        should=["visale", "avance_loca_pass"],
        never=[],
    ),
    "TC28": dict(
        first="J'ai 35 ans, je suis en CDD depuis 2 mois dans une entreprise de logistique privée, "
              "je gagne 1600 net et on m'a proposé un logement HLM",
        answers={
            "activity": "salarié", "contract": "CDD", "age": "35 ans", "cdi_confirmed": "non",
            "employer_sector": "privé", "employer_size": "80 salariés",
            "net_monthly_salary": "1600", "monthly_resources": "1600", "gross_monthly_salary": "2050",
            "dwelling": "un HLM", "zone": "Rouen", "rent": "450 euros", "housing_benefit": "0",
            "move_in_date": "dans un mois", "job_start_date": "il y a 2 mois",
            "resources_under_pli": "oui",
        },
        should=["avance_loca_pass"],
        never=["visale"],
    ),
    "TC32": dict(
        first="J'ai 34 ans, en CDI dans une entreprise privée de 250 salariés. On achète un appartement neuf "
              "sur plan (VEFA) pour y habiter, c'est notre premier achat",
        answers={
            "project": "acheter", "activity": "salarié", "contract": "CDI", "age": "34",
            "employer_sector": "privé", "employer_size": "250",
            "purchase_operation": "VEFA, sur plan", "first_time_buyer": "oui, jamais été propriétaire",
            "resources_under_pli": "oui on est sous les plafonds", "net_monthly_salary": "2500",
            "monthly_resources": "4000", "gross_monthly_salary": "3200",
        },
        should=["pret_accession"],
        never=["prime_accession", "visale", "avance_loca_pass"],
    ),
    "TC37": dict(
        first="J'ai 38 ans, je suis en CDI dans une boite privée de 30 salariés. Je me suis séparé il y a 4 mois, "
              "j'ai 3 mois de loyers impayés et mon propriétaire menace de m'expulser",
        answers={
            "project": "garder mon logement", "activity": "salarié", "contract": "CDI", "age": "38",
            "employer_sector": "privé", "employer_size": "30",
            "difficulty_events": "impayés de loyer et séparation", "net_monthly_salary": "1900 net",
            "monthly_resources": "1900", "gross_monthly_salary": "2400",
            "resources_under_pli": "oui",
        },
        should=["accompagnement_salaries_difficulte"],
        never=["visale", "avance_loca_pass", "aide_exceptionnelle_covid"],
    ),
    "TC39a": dict(
        first="Je suis fonctionnaire titulaire de l'Etat, j'ai 28 ans, nouvelle affectation, "
              "je loue un appartement dans le privé",
        answers={
            "activity": "fonctionnaire", "age": "28", "employer_sector": "public",
            "zone": "Toulouse", "rent": "700", "housing_benefit": "0",
            "net_monthly_salary": "2000", "monthly_resources": "2000",
            "move_in_date": "dans un mois",
        },
        should=["visale"],
        never=["avance_loca_pass", "mobili_jeune", "pret_accession"],
    ),
    "TC39b": dict(
        first="J'ai 27 ans, je suis agent contractuel en CDD à la mairie, et je cherche un appartement",
        answers={
            "activity": "agent contractuel", "contract": "CDD", "age": "27", "employer_sector": "public",
            "zone": "Dijon", "rent": "600", "housing_benefit": "0", "cdi_confirmed": "non",
            "net_monthly_salary": "1700", "monthly_resources": "1700", "move_in_date": "dans un mois",
            "job_start_date": "il y a 2 mois",
        },
        should=["visale", "avance_loca_pass"],
        never=[],
    ),
}


def answers_of(name: str) -> dict:
    persona = PERSONAS[name]
    merged = dict(COMMON)
    merged.update(persona["answers"])
    return merged
