"""Realistic profiles written from shared/domain/action-logement.md, independently of the other
tests and BEFORE running the engine, in the way a held-back acceptance writer would: only the
fields of interfaces.md section 4, irrelevant fields left out.

Each case: (name, profile, expectations). Expectations map a product id to
  "S"  the rules make it eligible            -> must come out `eligible`
  "C"  the reference marks the point open    -> `to_confirm` (or `eligible`)
  "N"  the rules exclude it                  -> must NOT come out `eligible`
Discontinued products are checked for every case (never `eligible`).
"""

PA = "prive_non_agricole"

CASES = [
    # ---------------- Mobili-Jeune / alternants -------------------------------------------------
    ("H01 apprenti 18 ans, 180 km, bail pas encore signé",
     {"as_of": "2026-09-01", "age": 18, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": PA, "employer_size": 45, "gross_monthly_salary": 980,
      "job_start_date": "2026-09-15", "project": "louer", "rent": 520, "housing_benefit": 200,
      "zone": "III", "dwelling": "prive", "lease_signed": False, "previous_home_distance_km": 180,
      "mobili_jeune_in_progress": False},
     {"mobili_jeune": "S", "avance_loca_pass": "S", "visale": "S", "pret_accession": "N",
      "agri_mobili_jeune": "N", "agri_loca_pass": "N", "accompagnement_salaries_difficulte": "N"}),

    ("H02 contrat pro 24 ans, double loyer, entrée il y a plus de 2 mois",
     {"as_of": "2026-03-10", "age": 24, "activity": "alternant", "contract": "professionnalisation",
      "employer_sector": PA, "employer_size": 300, "gross_monthly_salary": 1600,
      "job_start_date": "2026-01-05", "project": "louer", "rent": 480, "housing_benefit": 150, "zone": "II",
      "dwelling": "prive", "lease_signed": True, "move_in_date": "2026-01-02",
      "previous_home_distance_km": 30, "previous_home_travel_minutes": 25, "double_rent": True},
     {"mobili_jeune": "S", "avance_loca_pass": "N"}),

    ("H03 apprenti, salaire 2 200 € brut en juillet 2026 (entre 2 187,64 et 2 240,42)",
     {"as_of": "2026-07-01", "age": 21, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": PA, "gross_monthly_salary": 2200, "job_start_date": "2026-06-01",
      "rent": 600, "housing_benefit": 100, "zone": "I", "dwelling": "prive", "lease_signed": False,
      "previous_home_distance_km": 250, "mobili_jeune_in_progress": False},
     {"mobili_jeune": "C", "avance_loca_pass": "S", "visale": "S"}),

    ("H04 apprenti, salaire 2 300 € brut en juillet 2026",
     {"as_of": "2026-07-01", "age": 21, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": PA, "gross_monthly_salary": 2300, "job_start_date": "2026-06-01",
      "rent": 600, "housing_benefit": 100, "zone": "I", "dwelling": "prive", "lease_signed": False,
      "previous_home_distance_km": 250},
     {"mobili_jeune": "N", "avance_loca_pass": "S", "visale": "S"}),

    ("H05 apprenti, 2 180 € brut en février 2026",
     {"as_of": "2026-02-15", "age": 22, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": PA, "gross_monthly_salary": 2180, "job_start_date": "2026-01-12",
      "rent": 550, "housing_benefit": 0, "zone": "II", "dwelling": "prive", "lease_signed": False,
      "previous_home_distance_km": 400, "mobili_jeune_in_progress": False},
     {"mobili_jeune": "S", "avance_loca_pass": "S", "visale": "S"}),

    ("H06 contrat pro, 2 170 € brut en novembre 2025 (plafond 2 162,16)",
     {"as_of": "2025-11-01", "age": 23, "activity": "alternant", "contract": "professionnalisation",
      "employer_sector": PA, "gross_monthly_salary": 2170, "job_start_date": "2025-09-01",
      "rent": 500, "housing_benefit": 50, "zone": "III", "dwelling": "prive", "lease_signed": False,
      "previous_home_distance_km": 150},
     {"mobili_jeune": "N", "avance_loca_pass": "S", "visale": "S"}),

    ("H07 apprenti qui demande 5 mois avant le début du contrat",
     {"as_of": "2026-04-01", "age": 19, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": PA, "gross_monthly_salary": 900, "job_start_date": "2026-09-01",
      "rent": 450, "housing_benefit": 150, "zone": "III", "dwelling": "prive", "lease_signed": False,
      "previous_home_distance_km": 200},
     {"mobili_jeune": "N", "visale": "S"}),

    ("H08 apprentie en 2e année, demande 6 semaines après l'anniversaire du contrat",
     {"as_of": "2026-10-15", "age": 20, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": PA, "employer_size": 15, "gross_monthly_salary": 1100,
      "job_start_date": "2025-09-01", "rent": 430, "housing_benefit": 120, "zone": "III",
      "dwelling": "prive", "lease_signed": False, "previous_home_distance_km": 90,
      "mobili_jeune_in_progress": False},
     {"mobili_jeune": "S", "avance_loca_pass": "S", "visale": "S"}),

    ("H09 apprenti 29 ans, 65 km et 35 minutes, un seul bail",
     {"as_of": "2026-10-01", "age": 29, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": PA, "gross_monthly_salary": 1500, "job_start_date": "2026-09-01",
      "rent": 600, "housing_benefit": 80, "zone": "II", "dwelling": "prive", "lease_signed": False,
      "previous_home_distance_km": 65, "previous_home_travel_minutes": 35, "double_rent": False},
     {"mobili_jeune": "N", "avance_loca_pass": "S", "visale": "S"}),

    ("H10 contrat pro 29 ans, 120 km",
     {"as_of": "2026-05-20", "age": 29, "activity": "alternant", "contract": "professionnalisation",
      "employer_sector": PA, "employer_size": 500, "gross_monthly_salary": 1700,
      "job_start_date": "2026-04-01", "project": "louer", "rent": 700, "housing_benefit": 0,
      "zone": "II", "dwelling": "prive", "lease_signed": False, "previous_home_distance_km": 120},
     {"mobili_jeune": "S", "avance_loca_pass": "S", "visale": "S"}),

    ("H11 apprenti de 31 ans dans une exploitation agricole",
     {"as_of": "2026-03-01", "age": 31, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": "agricole", "employer_size": 60, "employer_contributes": True,
      "gross_monthly_salary": 1500, "net_monthly_salary": 1250, "job_start_date": "2026-02-01",
      "rent": 600, "zone": "III", "dwelling": "prive", "lease_signed": False,
      "previous_home_distance_km": 100},
     {"visale": "S", "mobili_jeune": "N", "agri_mobili_jeune": "N", "avance_loca_pass": "N"}),

    ("H12 apprentie de 19 ans dans une mairie",
     {"as_of": "2026-09-20", "age": 19, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": "public", "gross_monthly_salary": 950, "job_start_date": "2026-09-01",
      "rent": 480, "housing_benefit": 180, "zone": "III", "dwelling": "prive", "lease_signed": False,
      "previous_home_distance_km": 110},
     {"mobili_jeune": "N", "avance_loca_pass": "S", "visale": "S"}),

    ("H13 alternant d'un EPIC",
     {"as_of": "2026-02-01", "age": 22, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": "epic", "gross_monthly_salary": 1300, "job_start_date": "2026-01-05",
      "rent": 500, "housing_benefit": 100, "zone": "II", "dwelling": "prive", "lease_signed": False,
      "previous_home_distance_km": 300, "mobili_jeune_in_progress": False},
     {"mobili_jeune": "C", "visale": "S", "avance_loca_pass": "S"}),

    ("H14 Mobili-Jeune déjà en cours",
     {"as_of": "2026-10-01", "age": 20, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": PA, "gross_monthly_salary": 1000, "job_start_date": "2026-09-01",
      "rent": 500, "housing_benefit": 100, "zone": "III", "previous_home_distance_km": 200,
      "mobili_jeune_in_progress": True},
     {"mobili_jeune": "N"}),

    ("H15 Mobili-Jeune pendant la suspension de janvier 2024",
     {"as_of": "2024-01-10", "age": 20, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": PA, "gross_monthly_salary": 1000, "job_start_date": "2023-12-01",
      "rent": 500, "housing_benefit": 100, "zone": "III", "previous_home_distance_km": 200},
     {"mobili_jeune": "N"}),

    ("H16 Mobili-Jeune en juin 2024 au-dessus de 80 % du SMIC",
     {"as_of": "2024-06-01", "age": 21, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": PA, "gross_monthly_salary": 1500, "job_start_date": "2024-05-01",
      "rent": 500, "housing_benefit": 100, "zone": "III", "previous_home_distance_km": 200},
     {"mobili_jeune": "N", "avance_loca_pass": "S"}),

    ("H17 Mobili-Jeune : reste à charge de 5 €",
     {"as_of": "2026-10-01", "age": 20, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": PA, "gross_monthly_salary": 1000, "job_start_date": "2026-09-01",
      "rent": 250, "housing_benefit": 245, "zone": "III", "dwelling": "foyer",
      "previous_home_distance_km": 200, "mobili_jeune_in_progress": False},
     {"mobili_jeune": "N"}),

    # ---------------- Mobili-Jeune VTE ------------------------------------------------------------
    ("H18 jeune diplômé VTE de 26 ans",
     {"as_of": "2026-03-01", "age": 26, "activity": "salarie", "contract": "cdd", "vte": True,
      "employer_sector": PA, "employer_size": 120, "gross_monthly_salary": 2800,
      "net_monthly_salary": 2180, "job_start_date": "2026-02-01", "rent": 700, "zone": "II",
      "dwelling": "prive", "lease_signed": False},
     {"mobili_jeune_vte": "C", "visale": "S", "avance_loca_pass": "S", "mobili_jeune": "N"}),  # C: 2020 source only (issue 12)

    ("H19 VTE de 32 ans (âge : sources en désaccord)",
     {"as_of": "2026-03-01", "age": 32, "activity": "salarie", "contract": "cdi", "cdi_confirmed": False,
      "vte": True, "employer_sector": PA, "employer_size": 250, "gross_monthly_salary": 2900,
      "net_monthly_salary": 2260, "job_start_date": "2026-01-15", "rent": 800, "zone": "III",
      "dwelling": "prive", "lease_signed": False},
     {"mobili_jeune_vte": "C", "visale": "S", "avance_loca_pass": "S"}),

    ("H20 VTE payé 3 800 € brut",
     {"as_of": "2026-03-01", "age": 27, "activity": "salarie", "contract": "cdd", "vte": True,
      "employer_sector": PA, "gross_monthly_salary": 3800, "job_start_date": "2026-02-01",
      "rent": 900, "zone": "I", "dwelling": "prive", "lease_signed": False},
     {"mobili_jeune_vte": "N"}),

    # ---------------- Visale > 30 ans -----------------------------------------------------------
    ("H21 CDI en période d'essai, 35 ans",
     {"as_of": "2026-02-10", "age": 35, "activity": "salarie", "contract": "cdi", "cdi_confirmed": False,
      "employer_sector": PA, "employer_size": 80, "net_monthly_salary": 2300,
      "job_start_date": "2026-01-05", "project": "louer", "rent": 950, "zone": "III", "dwelling": "prive",
      "lease_signed": False},
     {"visale": "S", "avance_loca_pass": "S", "mobili_jeune": "N"}),

    ("H22 CDI confirmé 40 ans, 2 000 € net, ni mutation ni promesse",
     {"as_of": "2026-04-01", "age": 40, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 40, "net_monthly_salary": 2000,
      "job_start_date": "2019-03-01", "rent": 800, "zone": "II", "dwelling": "prive", "lease_signed": False},
     {"visale": "N", "avance_loca_pass": "S"}),

    ("H23 CDI confirmé 45 ans, 1 700 € net, janvier 2026",
     {"as_of": "2026-01-10", "age": 45, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 12, "net_monthly_salary": 1700,
      "project": "louer", "rent": 800, "zone": "II", "dwelling": "prive", "lease_signed": False},
     {"visale": "S", "avance_loca_pass": "S"}),

    ("H24 même salarié en décembre 2025 (plafond 1 500 €)",
     {"as_of": "2025-12-15", "age": 45, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 12, "net_monthly_salary": 1700,
      "project": "louer", "rent": 800, "zone": "II", "dwelling": "prive", "lease_signed": False},
     {"visale": "N", "avance_loca_pass": "S"}),

    ("H25 promesse d'embauche, 38 ans, au chômage",
     {"as_of": "2026-05-01", "age": 38, "activity": "demandeur_emploi",
      "job_promise_start_date": "2026-06-15", "contract": "cdi", "employer_sector": PA,
      "net_monthly_salary": 2100, "rent": 900, "zone": "I", "dwelling": "prive", "lease_signed": False},
     {"visale": "S"}),

    ("H26 mutation il y a 2 mois, CDI confirmé, 2 400 € net",
     {"as_of": "2026-03-15", "age": 36, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 300, "net_monthly_salary": 2400,
      "mutation_date": "2026-01-15", "rent": 1100, "zone": "II", "dwelling": "prive",
      "lease_signed": False},
     {"visale": "S", "avance_loca_pass": "S", "mobili_pass": "N"}),

    ("H27 CDD de 2 mois, 33 ans, loyer au-dessus du plafond de zone",
     {"as_of": "2026-05-01", "age": 33, "activity": "salarie", "contract": "cdd",
      "employer_sector": PA, "net_monthly_salary": 3600, "job_start_date": "2026-03-01",
      "rent": 1700, "zone": "II", "dwelling": "prive", "lease_signed": False},
     {"visale": "N", "avance_loca_pass": "S"}),

    ("H28 CDI confirmé 31 ans, 1 650 € net, loyer 900 € (taux d'effort)",
     {"as_of": "2026-06-01", "age": 31, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "net_monthly_salary": 1650, "rent": 900, "zone": "III",
      "dwelling": "prive", "lease_signed": False},
     {"visale": "N", "avance_loca_pass": "S"}),

    ("H29 salarié 35 ans entrant en HLM",
     {"as_of": "2026-04-01", "age": 35, "activity": "salarie", "contract": "cdd",
      "employer_sector": PA, "employer_size": 150, "net_monthly_salary": 1600,
      "job_start_date": "2026-02-01", "project": "louer", "rent": 550, "zone": "II", "dwelling": "social",
      "lease_signed": False},
     {"visale": "N", "avance_loca_pass": "S", "logement_social_alin": "S"}),

    ("H30 jeune de 25 ans louant à sa mère",
     {"as_of": "2026-04-01", "age": 25, "activity": "salarie", "contract": "cdi", "employer_sector": PA,
      "net_monthly_salary": 1800, "rent": 500, "zone": "III", "dwelling": "prive",
      "landlord_is_family": True, "lease_signed": False},
     {"visale": "N", "avance_loca_pass": "S"}),

    ("H31 saisonnier d'une station de ski, 42 ans, décembre 2026",
     {"as_of": "2026-11-20", "age": 42, "activity": "salarie", "contract": "saisonnier",
      "employer_sector": PA, "employer_size": 25, "net_monthly_salary": 1600,
      "job_start_date": "2026-11-15", "rent": 650, "zone": "III", "dwelling": "prive", "lease_signed": False},
     {"visale": "S", "avance_loca_pass": "S", "aide_saisonniers_agricoles": "N"}),

    ("H32 bail mobilité, indépendant de 45 ans",
     {"as_of": "2026-06-01", "age": 45, "activity": "independant", "project": "louer", "rent": 900,
      "zone": "I", "dwelling": "prive", "bail_mobilite": True, "lease_signed": False},
     {"visale": "S", "avance_loca_pass": "N"}),

    ("H33 logé par intermédiation locative, 50 ans au chômage",
     {"as_of": "2026-06-01", "age": 50, "activity": "demandeur_emploi", "monthly_resources": 1100,
      "rent": 500, "zone": "III", "dwelling": "prive", "iml": True, "lease_signed": False},
     {"visale": "S", "avance_loca_pass": "N", "accompagnement_salaries_difficulte": "N"}),

    # ---------------- Public, students, job seekers, retired ------------------------------------
    ("H34 fonctionnaire de 28 ans, location privée",
     {"as_of": "2026-09-01", "age": 28, "activity": "fonctionnaire", "employer_sector": "public",
      "net_monthly_salary": 2000, "rent": 750, "zone": "II", "dwelling": "prive", "lease_signed": False},
     {"visale": "S", "avance_loca_pass": "N", "mobili_jeune": "N", "pret_accession": "N"}),

    ("H35 fonctionnaire de 35 ans",
     {"as_of": "2026-09-01", "age": 35, "activity": "fonctionnaire", "employer_sector": "public",
      "net_monthly_salary": 2200, "rent": 750, "zone": "II", "dwelling": "prive", "lease_signed": False},
     {"visale": "N", "avance_loca_pass": "N"}),

    ("H36 contractuelle de 27 ans en mairie",
     {"as_of": "2026-09-01", "age": 27, "activity": "agent_public_contractuel", "contract": "cdd",
      "employer_sector": "public", "net_monthly_salary": 1650, "rent": 600, "zone": "III",
      "dwelling": "prive", "lease_signed": False},
     {"visale": "S", "avance_loca_pass": "S"}),

    ("H37 étudiant boursier en résidence étudiante",
     {"as_of": "2026-09-01", "age": 22, "activity": "etudiant", "scholarship": True, "rent": 450,
      "zone": "II", "dwelling": "residence_etudiante", "lease_signed": False},
     {"avance_loca_pass": "S", "visale": "S", "mobili_jeune": "N"}),

    ("H38 étudiante en stage de 6 mois",
     {"as_of": "2026-02-01", "age": 23, "activity": "etudiant", "scholarship": False,
      "contract": "stage", "internship_months": 6, "rent": 700, "zone": "I", "dwelling": "prive",
      "lease_signed": False},
     {"avance_loca_pass": "S", "visale": "S"}),

    ("H39 étudiant avec 4 mois de CDD sur les 6 derniers mois",
     {"as_of": "2026-09-01", "age": 21, "activity": "etudiant", "scholarship": False,
      "cdd_months_last_6": 4, "rent": 500, "zone": "III", "dwelling": "prive", "lease_signed": False},
     {"avance_loca_pass": "S", "visale": "S"}),

    ("H40 étudiante non boursière, 2 mois de CDD",
     {"as_of": "2026-09-01", "age": 20, "activity": "etudiant", "scholarship": False,
      "cdd_months_last_6": 2, "internship_months": 0, "rent": 600, "zone": "II", "dwelling": "prive",
      "lease_signed": False},
     {"avance_loca_pass": "N", "visale": "S", "mobili_jeune": "N"}),

    ("H41 étudiant de 30 ans (encore dans VIS-A)",
     {"as_of": "2026-09-01", "age": 30, "activity": "etudiant", "scholarship": True, "rent": 600,
      "zone": "III", "dwelling": "prive", "lease_signed": False},
     {"visale": "S", "avance_loca_pass": "S"}),

    ("H42 étudiant de 31 ans sans emploi",
     {"as_of": "2026-09-01", "age": 31, "activity": "etudiant", "scholarship": False, "rent": 600,
      "zone": "III", "dwelling": "prive", "lease_signed": False},
     {"visale": "N", "avance_loca_pass": "N"}),

    ("H43 étudiant, loyer 950 € en zone III, 800 € de ressources",
     {"as_of": "2026-09-01", "age": 21, "activity": "etudiant", "scholarship": True,
      "monthly_resources": 800, "rent": 950, "zone": "III", "dwelling": "prive", "lease_signed": False},
     {"visale": "N", "avance_loca_pass": "S"}),

    ("H44 demandeur d'emploi de 26 ans",
     {"as_of": "2026-05-01", "age": 26, "activity": "demandeur_emploi", "monthly_resources": 1100,
      "project": "louer", "rent": 500, "zone": "III", "dwelling": "prive", "lease_signed": False},
     {"avance_loca_pass": "S", "visale": "S", "accompagnement_salaries_difficulte": "N"}),

    ("H45 demandeur d'emploi de 35 ans",
     {"as_of": "2026-05-01", "age": 35, "activity": "demandeur_emploi", "monthly_resources": 1300,
      "rent": 550, "zone": "III", "dwelling": "prive", "lease_signed": False},
     {"visale": "N", "avance_loca_pass": "N", "accompagnement_salaries_difficulte": "N"}),

    ("H46 retraité de 67 ans",
     {"as_of": "2026-05-01", "age": 67, "activity": "retraite", "monthly_resources": 1800,
      "rent": 700, "zone": "II", "dwelling": "prive", "lease_signed": False},
     {"visale": "N", "avance_loca_pass": "N", "aide_adaptation_vieillissement": "N"}),

    ("H47 préretraité de 60 ans d'une entreprise privée",
     {"as_of": "2026-05-01", "age": 60, "activity": "preretraite", "employer_sector": PA,
      "monthly_resources": 1900, "rent": 700, "zone": "II", "dwelling": "prive", "lease_signed": False},
     {"avance_loca_pass": "S", "visale": "N"}),

    ("H48 indépendant de 25 ans",
     {"as_of": "2026-05-01", "age": 25, "activity": "independant", "monthly_resources": 2000,
      "rent": 600, "zone": "III", "dwelling": "prive", "lease_signed": False},
     {"avance_loca_pass": "N", "visale": "S"}),

    # ---------------- Loca-Pass timing ----------------------------------------------------------
    ("H49 salarié entré dans le logement il y a 3 mois",
     {"as_of": "2026-06-01", "age": 40, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "net_monthly_salary": 2500, "rent": 800, "zone": "II",
      "dwelling": "prive", "lease_signed": True, "move_in_date": "2026-03-01"},
     {"avance_loca_pass": "N", "visale": "N"}),

    ("H50 salarié entré dans le logement il y a 1 mois",
     {"as_of": "2026-06-01", "age": 40, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "net_monthly_salary": 2500, "rent": 800, "zone": "II",
      "dwelling": "prive", "lease_signed": True, "move_in_date": "2026-05-01"},
     {"avance_loca_pass": "S"}),

    ("H51 employée à domicile par un particulier, 40 ans",
     {"as_of": "2026-06-01", "age": 40, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": "particulier_employeur", "net_monthly_salary": 1400, "rent": 600,
      "zone": "III", "dwelling": "prive", "lease_signed": False},
     {"avance_loca_pass": "C"}),

    # ---------------- Accession / travaux -------------------------------------------------------
    ("H52 primo-accédant en VEFA",
     {"as_of": "2026-03-01", "age": 34, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 250, "project": "acheter", "purchase_operation": "vefa",
      "first_time_buyer": True, "resources_under_pli": True},
     {"pret_accession": "S", "prime_accession": "N", "visale": "N", "avance_loca_pass": "N"}),

    ("H53 achat d'une maison ancienne sur le marché privé",
     {"as_of": "2026-03-01", "age": 39, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 90, "project": "acheter",
      "purchase_operation": "ancien_prive", "first_time_buyer": True, "resources_under_pli": True},
     {"pret_accession": "N"}),

    ("H54 construction, employeur de 8 salariés",
     {"as_of": "2026-03-01", "age": 30, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 8, "project": "acheter",
      "purchase_operation": "construction", "first_time_buyer": True, "resources_under_pli": True},
     {"pret_accession": "N"}),

    ("H55 achat HLM, déjà propriétaire, sans mobilité ni handicap",
     {"as_of": "2026-03-01", "age": 45, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 500, "project": "acheter", "purchase_operation": "ancien_hlm",
      "first_time_buyer": False, "disability_in_household": False, "mutation_date": False},
     {"pret_accession": "N"}),

    ("H56 achat PSLA avec enfant handicapé, pas primo-accédant",
     {"as_of": "2025-10-01", "age": 42, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 70, "project": "acheter", "purchase_operation": "psla",
      "first_time_buyer": False, "disability_in_household": True, "resources_under_pli": True},
     {"pret_accession": "S"}),

    ("H57 rénovation énergétique, propriétaire occupant",
     {"as_of": "2026-04-01", "age": 50, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 200, "project": "travaux", "works_kind": "energie",
      "owner_occupier": True, "resources_under_pli": True},
     {"pret_travaux": "S", "aide_renovation_energetique": "N", "pret_agrandissement": "N"}),

    # revenus non précisés : PT-3 est demandé (need_info), voir test_boundaries « PT-3 PLI unknown is asked »
    ("H58 travaux d'amélioration, propriétaire occupant, revenus sous les plafonds",
     {"as_of": "2026-04-01", "age": 44, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 35, "project": "travaux", "works_kind": "amelioration",
      "owner_occupier": True, "resources_under_pli": True},
     {"pret_travaux": "S"}),

    ("H59 travaux, salarié d'une entreprise de 6 personnes",
     {"as_of": "2026-04-01", "age": 44, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 6, "project": "travaux", "works_kind": "amelioration",
      "owner_occupier": True},
     {"pret_travaux": "N"}),

    ("H60 travaux, salarié agricole",
     {"as_of": "2026-04-01", "age": 44, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": "agricole", "employer_size": 80, "employer_contributes": True,
      "project": "travaux", "works_kind": "amelioration", "owner_occupier": True},
     {"pret_travaux": "N", "agri_travaux": "C"}),

    # ---------------- Services ------------------------------------------------------------------
    ("H61 employeur de 5 salariés, demande de HLM",
     {"as_of": "2026-04-01", "age": 33, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 5, "net_monthly_salary": 1600, "project": "louer",
      "dwelling": "social"},
     {"logement_social_alin": "N", "avance_loca_pass": "S"}),

    ("H62 séparation, impayés, menace d'expulsion",
     {"as_of": "2026-05-01", "age": 38, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 30, "net_monthly_salary": 1900, "project": "difficulte",
      "difficulty_events": ["separation", "impayes_loyer", "expulsion"]},
     {"accompagnement_salaries_difficulte": "S", "logement_social_alin": "S", "visale": "N",
      "avance_loca_pass": "N", "aide_exceptionnelle_covid": "N"}),

    ("H63 impayés de loyer, employeur de 6 salariés",
     {"as_of": "2026-05-01", "age": 38, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 6, "project": "difficulte",
      "difficulty_events": ["impayes_loyer"]},
     {"accompagnement_salaries_difficulte": "N"}),

    ("H64 salarié agricole (70 salariés) malade, échéances de prêt impayées",
     {"as_of": "2026-05-01", "age": 47, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": "agricole", "employer_size": 70, "project": "difficulte",
      "difficulty_events": ["maladie", "impayes_pret"]},
     {"accompagnement_salaries_difficulte": "S"}),

    # ---------------- Agricultural --------------------------------------------------------------
    ("H65 saisonnière agricole de 26 ans (vendanges), petite exploitation",
     {"as_of": "2026-09-20", "age": 26, "activity": "salarie", "contract": "saisonnier",
      "employer_sector": "agricole", "employer_size": 8, "job_start_date": "2026-09-01",
      "net_monthly_salary": 1500, "rent": 400, "zone": "III", "dwelling": "prive",
      "employer_provided_housing": False, "lease_signed": False},
     {"aide_saisonniers_agricoles": "S", "visale": "S", "agri_mobili_jeune": "N", "mobili_jeune": "N"}),

    ("H66 saisonnier agricole logé par l'employeur",
     {"as_of": "2026-07-01", "age": 45, "activity": "salarie", "contract": "saisonnier",
      "employer_sector": "agricole", "employer_size": 20, "job_start_date": "2026-06-15",
      "net_monthly_salary": 1500, "rent": 300, "zone": "III", "employer_provided_housing": True},
     {"aide_saisonniers_agricoles": "N"}),

    ("H67 saisonnier agricole qui demande 6 mois et demi après le début",
     {"as_of": "2026-09-15", "age": 30, "activity": "salarie", "contract": "saisonnier",
      "employer_sector": "agricole", "employer_size": 12, "job_start_date": "2026-03-01",
      "rent": 350, "zone": "III", "employer_provided_housing": False},
     {"aide_saisonniers_agricoles": "N"}),

    ("H68 apprenti agricole de 20 ans, exploitation de 80 salariés cotisante",
     {"as_of": "2026-09-15", "age": 20, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": "agricole", "employer_size": 80, "employer_contributes": True,
      "gross_monthly_salary": 1200, "job_start_date": "2026-09-01", "rent": 450, "housing_benefit": 150,
      "zone": "III", "dwelling": "prive", "lease_signed": False, "previous_home_distance_km": 120},
     {"agri_mobili_jeune": "C", "mobili_jeune": "N", "visale": "S"}),

    ("H69 apprenti agricole, exploitation de 15 salariés",
     {"as_of": "2026-09-15", "age": 20, "activity": "alternant", "contract": "apprentissage",
      "employer_sector": "agricole", "employer_size": 15, "employer_contributes": False,
      "gross_monthly_salary": 1200, "job_start_date": "2026-09-01", "rent": 450, "housing_benefit": 150,
      "zone": "III", "previous_home_distance_km": 120},
     {"agri_mobili_jeune": "N", "mobili_jeune": "N"}),

    # ---------------- Discontinued, dated -------------------------------------------------------
    ("H70 mutation de 300 km en mai 2023 (Mobili-Pass encore ouvert)",
     {"as_of": "2023-05-01", "age": 40, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 400, "net_monthly_salary": 2600,
      "mutation_date": "2023-04-01", "previous_home_distance_km": 300, "rent": 900, "zone": "II",
      "dwelling": "prive", "lease_signed": False},
     {"mobili_pass": "N", "visale": "S", "avance_loca_pass": "S"}),

    ("H71 même mutation en septembre 2025",
     {"as_of": "2025-09-01", "age": 40, "activity": "salarie", "contract": "cdi", "cdi_confirmed": True,
      "employer_sector": PA, "employer_size": 400, "net_monthly_salary": 2600,
      "mutation_date": "2025-08-01", "previous_home_distance_km": 300, "rent": 900, "zone": "II",
      "dwelling": "prive", "lease_signed": False},
     {"mobili_pass": "N", "aide_mobilite": "N", "mon_job_mon_logement": "N", "visale": "S",
      "avance_loca_pass": "S"}),

    # ---------------- Written after the first run, from probes with fields left out ---------------
    ("H72 saisonnier agricole sans précision sur le propriétaire du logement",
     {"as_of": "2026-07-01", "age": 24, "activity": "salarie", "contract": "saisonnier",
      "employer_sector": "agricole", "job_start_date": "2026-06-15", "net_monthly_salary": 1500,
      "rent": 300, "zone": "III"},
     {"aide_saisonniers_agricoles": "S", "visale": "S", "mobili_jeune": "N"}),

    ("H73 apprenti décrit comme salarié en contrat d'apprentissage",
     {"as_of": "2026-09-20", "age": 20, "activity": "salarie", "contract": "apprentissage",
      "employer_sector": PA, "gross_monthly_salary": 1100, "job_start_date": "2026-09-01",
      "rent": 500, "housing_benefit": 150, "zone": "III", "previous_home_distance_km": 200},
     {"mobili_jeune": "S", "avance_loca_pass": "S", "visale": "S"}),

    ("H74 salariée entrée dans le logement il y a 3 mois (bail non précisé)",
     {"as_of": "2026-06-01", "age": 25, "activity": "salarie", "contract": "cdi", "employer_sector": PA,
      "net_monthly_salary": 2000, "rent": 700, "zone": "II", "move_in_date": "2026-03-01"},
     {"visale": "N", "avance_loca_pass": "N"}),
]
