"""extract_facts: realistic French messages (SMS style, typos, no accents) -> profile facts."""
import datetime as dt

import pytest

from actions.understanding import extract_facts

TODAY = dt.date(2026, 11, 26)


def facts(text, pending=None):
    return extract_facts(text, TODAY, pending)


# ----------------------------------------------------------------- whole messages (exact)
@pytest.mark.parametrize("text,expected", [
    ("jsuis en alternance chez un garagiste, j'ai trouvé un appart à 80 bornes, je touche 1100 brut",
     {"activity": "alternant", "employer_sector": "prive_non_agricole", "previous_home_distance_km": 80,
      "gross_monthly_salary": 1100, "project": "louer"}),
    ("j'ai 19 ans, je suis apprentie en BTS, loyer 650 cc, 250 d'APL",
     {"age": 19, "activity": "alternant", "contract": "apprentissage", "rent": 650, "housing_benefit": 250,
      "project": "louer"}),
    ("muté à Marseille il y a 2 mois, CDI depuis 6 ans, 2400 net",
     {"mutation_date": "2026-09-26", "zone": "II", "contract": "cdi", "activity": "salarie",
      "job_start_date": "2020-11-26", "cdi_confirmed": True, "net_monthly_salary": 2400}),
    ("en fait j'ai 31 ans", {"age": 31}),
])
def test_whole_messages(text, expected):
    assert facts(text) == expected


# ----------------------------------------------------------------- ages
@pytest.mark.parametrize("text,age", [
    ("19 ans", 19), ("j'ai 24 ans", 24), ("jai 31 ans", 31), ("agée de 22 ans", 22), ("âgé de 45 ans", 45),
    ("J'AI 27 ANS", 27), ("g 23 ans et je cherche un studio", 23), ("moi j'ai vingt-quatre ans", 24),
    ("bonjour, 26 ans, alternant", 26), ("jai 29ans", 29), ("je suis né le 3 mars 2001", 25),
    ("née le 30 décembre 2000", 25), ("j'ai 30 ans depuis hier", 30),
])
def test_age(text, age):
    assert facts(text).get("age") == age


@pytest.mark.parametrize("text", [
    "j'ai 2 enfants", "j'ai 20 ans d'ancienneté", "je suis en CDI depuis 6 ans", "il y a 3 ans",
    "mon fils a 12 ans", "j'habite ici depuis 15 ans", "un bail de 3 ans", "un prêt sur 25 ans",
    "ça fait 10 ans que je travaille", "ma fille a 19 ans", "dans 2 ans je serai propriétaire",
])
def test_not_age(text):
    assert "age" not in facts(text)


def test_bare_age_when_asked():
    assert facts("24", "age") == {"age": 24}
    assert facts("vingt-quatre", "age") == {"age": 24}
    assert "age" not in facts("24")


# ----------------------------------------------------------------- amounts
@pytest.mark.parametrize("text,field,value", [
    ("je touche 1 200 € net", "net_monthly_salary", 1200),
    ("je gagne 1200e net par mois", "net_monthly_salary", 1200),
    ("salaire 1200 euros net", "net_monthly_salary", 1200),
    ("mon salaire est de 1,2 k net", "net_monthly_salary", 1200),
    ("je suis payé 1.2k net", "net_monthly_salary", 1200),
    ("je touche 1 100 balles brut", "gross_monthly_salary", 1100),
    ("je gagne mille deux cents euros brut", "gross_monthly_salary", 1200),
    ("je touche 1100 brut", "gross_monthly_salary", 1100),
    ("1500 net", "net_monthly_salary", 1500),
    ("je gagne 1800 euros par mois", "net_monthly_salary", 1800),
    ("alternant, je touche 950 euros", "gross_monthly_salary", 950),
    ("salaire brut annuel 24 000 €", "gross_monthly_salary", 2000),
    ("je gagne 30000 brut par an", "gross_monthly_salary", 2500),
    ("loyer de 650 € charges comprises", "rent", 650),
    ("650 cc", "rent", 650),
    ("un loyer à 720 euros", "rent", 720),
    ("je paie 580 de loyer", "rent", 580),
    ("loyer 600 hc + 50 de charges", "rent", 650),
    ("APL de 250", "housing_benefit", 250),
    ("j'ai 200 d'APL", "housing_benefit", 200),
    ("200 d'ALS", "housing_benefit", 200),
    ("j'ai 180 € d'aides au logement", "housing_benefit", 180),
    ("la caf me verse 150 €", "housing_benefit", 150),
    ("je n'ai pas d'APL", "housing_benefit", 0),
    ("nos revenus sont de 2 400 €", "monthly_resources", 2400),
    ("à deux on gagne 3200 par mois", "monthly_resources", 3200),
    ("les ressources du foyer : 2100 €", "monthly_resources", 2100),
])
def test_amounts(text, field, value):
    assert facts(text).get(field) == value


def test_rent_and_benefit_and_salary_together():
    f = facts("je touche 1400 net, loyer 700 cc et 120 d'apl")
    assert (f["net_monthly_salary"], f["rent"], f["housing_benefit"]) == (1400, 700, 120)


@pytest.mark.parametrize("text", [
    "je cherche un T2", "un 2 pièces", "un F3 à Lyon", "j'ai 2 enfants", "au 3e étage",
    "revenu fiscal de référence 28000", "j'habite au 12 rue de la paix",
])
def test_not_amounts(text):
    f = facts(text)
    for k in ("rent", "housing_benefit", "net_monthly_salary", "gross_monthly_salary", "monthly_resources"):
        assert k not in f, (k, f)


@pytest.mark.parametrize("pending,text,value", [
    ("rent", "650", 650), ("rent", "650 €", 650), ("housing_benefit", "0", 0), ("housing_benefit", "aucune", 0),
    ("gross_monthly_salary", "1100", 1100), ("net_monthly_salary", "1 450 €", 1450),
    ("monthly_resources", "2400", 2400), ("gross_monthly_salary", "1,1k", 1100),
])
def test_bare_amount_when_asked(pending, text, value):
    assert facts(text, pending) == {pending: value}


def test_explicit_net_does_not_answer_gross_question():
    f = facts("1500 net", "gross_monthly_salary")
    assert f == {"net_monthly_salary": 1500}


# ----------------------------------------------------------------- distances and times
@pytest.mark.parametrize("text,field,value", [
    ("j'ai trouvé un appart à 80 bornes", "previous_home_distance_km", 80),
    ("c'est à 80 km de chez mes parents", "previous_home_distance_km", 80),
    ("350 kilomètres", "previous_home_distance_km", 350),
    ("à 120km de mon ancien logement", "previous_home_distance_km", 120),
    ("c'est à 1h de route", "previous_home_travel_minutes", 60),
    ("à 45 min de mon ancien appart", "previous_home_travel_minutes", 45),
    ("1h15 de trajet", "previous_home_travel_minutes", 75),
    ("une heure et demie de train", "previous_home_travel_minutes", 90),
    ("2h de voiture", "previous_home_travel_minutes", 120),
    ("trois quarts d'heure de route", "previous_home_travel_minutes", 45),
    ("une demi-heure de trajet", "previous_home_travel_minutes", 30),
])
def test_distance_time(text, field, value):
    assert facts(text).get(field) == value


@pytest.mark.parametrize("text", [
    "je fais 40 km par jour pour aller au travail", "je commence à 9h", "je travaille 35h par semaine",
    "limité à 90 km/h",
])
def test_not_move_distance(text):
    f = facts(text)
    assert "previous_home_distance_km" not in f and "previous_home_travel_minutes" not in f


@pytest.mark.parametrize("pending,text,value", [
    ("previous_home_distance_km", "80", 80), ("previous_home_travel_minutes", "50", 50),
    ("previous_home_travel_minutes", "1h15", 75), ("previous_home_travel_minutes", "une heure", 60),
])
def test_bare_distance_when_asked(pending, text, value):
    assert facts(text, pending).get(pending) == value


# ----------------------------------------------------------------- dates
@pytest.mark.parametrize("text,field,value", [
    ("mon contrat a commencé le 1er septembre", "job_start_date", "2026-09-01"),
    ("j'ai commencé le 15 octobre", "job_start_date", "2026-10-15"),
    ("je commence le 5 janvier", "job_start_date", "2027-01-05"),
    ("embauché le 3/11", "job_start_date", "2026-11-03"),
    ("prise de poste le 01/12/2026", "job_start_date", "2026-12-01"),
    ("j'ai une promesse d'embauche pour le 1er janvier", "job_promise_start_date", "2027-01-01"),
    ("j'ai été muté il y a trois semaines", "mutation_date", "2026-11-05"),
    ("mutation prévue début janvier", "mutation_date", "2027-01-01"),
    ("j'emménage la semaine prochaine", "move_in_date", "2026-12-03"),
    ("j'emmenage dans 15 jours", "move_in_date", "2026-12-11"),
    ("je suis arrivé dans l'appart il y a 2 mois", "move_in_date", "2026-09-26"),
    ("entrée dans le logement le 1er décembre", "move_in_date", "2026-12-01"),
    ("je démenage fin décembre", "move_in_date", "2026-12-31"),
    ("je bosse là depuis 6 mois", "job_start_date", "2026-05-26"),
    ("alternance depuis septembre", "job_start_date", "2026-09-01"),
])
def test_dates_by_context(text, field, value):
    assert facts(text).get(field) == value


@pytest.mark.parametrize("pending,text,value", [
    ("move_in_date", "le 1er septembre", "2026-09-01"),
    ("move_in_date", "1/09", "2026-09-01"),
    ("job_start_date", "début septembre", "2026-09-01"),
    ("job_start_date", "il y a trois semaines", "2026-11-05"),
    ("mutation_date", "il y a 2 mois", "2026-09-26"),
    ("move_in_date", "la semaine prochaine", "2026-12-03"),
    ("move_in_date", "dans 15 jours", "2026-12-11"),
    ("job_start_date", "depuis 6 mois", "2026-05-26"),
    ("move_in_date", "demain", "2026-11-27"),
    ("job_start_date", "le 2 novembre 2026", "2026-11-02"),
    ("move_in_date", "15 janvier", "2027-01-15"),
])
def test_bare_date_when_asked(pending, text, value):
    assert facts(text, pending).get(pending) == value


def test_none_for_promise_and_mutation():
    assert facts("non", "job_promise_start_date") == {"job_promise_start_date": False}
    assert facts("je n'ai pas de promesse d'embauche")["job_promise_start_date"] is False
    assert facts("pas de mutation")["mutation_date"] is False


def test_two_dates_two_fields():
    f = facts("mon contrat a commencé le 1er septembre et j'emménage le 15 décembre")
    assert f["job_start_date"] == "2026-09-01" and f["move_in_date"] == "2026-12-15"


# ----------------------------------------------------------------- activity / contract
@pytest.mark.parametrize("text,expected", [
    ("je suis en alternance", {"activity": "alternant"}),
    ("alternante en BTS", {"activity": "alternant"}),
    ("je suis apprenti", {"activity": "alternant", "contract": "apprentissage"}),
    ("en apprentissage dans un CFA", {"activity": "alternant", "contract": "apprentissage"}),
    ("contrat pro", {"activity": "alternant", "contract": "professionnalisation"}),
    ("je suis en contrat de professionnalisation", {"activity": "alternant", "contract": "professionnalisation"}),
    ("étudiant en alternance", {"activity": "alternant"}),
    ("je suis en CDI", {"activity": "salarie", "contract": "cdi"}),
    ("CDI en période d'essai", {"contract": "cdi", "cdi_confirmed": False}),
    ("CDI confirmé", {"contract": "cdi", "cdi_confirmed": True}),
    ("ma période d'essai est terminée", {"cdi_confirmed": True}),
    ("je suis en cdd", {"activity": "salarie", "contract": "cdd"}),
    ("je suis intérimaire", {"activity": "salarie", "contract": "interim"}),
    ("je fais de l'interim", {"contract": "interim"}),
    ("saisonnier pour l'été", {"contract": "saisonnier"}),
    ("je fais les vendanges", {"contract": "saisonnier", "employer_sector": "agricole"}),
    ("je suis stagiaire", {"activity": "etudiant", "contract": "stage"}),
    ("je suis étudiante", {"activity": "etudiant"}),
    ("etudiant boursier", {"activity": "etudiant", "scholarship": True}),
    ("je suis au chômage", {"activity": "demandeur_emploi"}),
    ("inscrit à France Travail", {"activity": "demandeur_emploi"}),
    ("demandeuse d'emploi", {"activity": "demandeur_emploi"}),
    ("je suis fonctionnaire", {"activity": "fonctionnaire"}),
    ("je suis contractuelle à la mairie", {"activity": "agent_public_contractuel", "employer_sector": "public"}),
    ("CDD à l'hôpital", {"activity": "agent_public_contractuel", "employer_sector": "public", "contract": "cdd"}),
    ("je suis auto-entrepreneur", {"activity": "independant"}),
    ("freelance", {"activity": "independant"}),
    ("je suis retraité", {"activity": "retraite"}),
    ("en préretraite", {"activity": "preretraite"}),
    ("je suis salariée", {"activity": "salarie"}),
    ("recrutée en VTE", {"vte": True}),
    ("jsuis en alternanse", {"activity": "alternant"}),
    ("je suis en aprentissage", {"activity": "alternant", "contract": "apprentissage"}),
    ("JE SUIS EN CDI", {"activity": "salarie", "contract": "cdi"}),
])
def test_activity_contract(text, expected):
    f = facts(text)
    assert {k: f.get(k) for k in expected} == expected


def test_no_longer_student():
    assert facts("je ne suis plus étudiant").get("activity") != "etudiant"


# ----------------------------------------------------------------- employer
@pytest.mark.parametrize("text,expected", [
    ("je bosse dans le privé", {"employer_sector": "prive_non_agricole"}),
    ("une PME de 12 salariés", {"employer_sector": "prive_non_agricole", "employer_size": 12}),
    ("une boîte de 300 personnes", {"employer_size": 300}),
    ("chez un garagiste", {"employer_sector": "prive_non_agricole"}),
    ("sur une exploitation agricole", {"employer_sector": "agricole"}),
    ("je travaille dans une ferme", {"employer_sector": "agricole"}),
    ("dans une coopérative agricole de 80 salariés", {"employer_sector": "agricole", "employer_size": 80}),
    ("domaine viticole", {"employer_sector": "agricole"}),
    ("je travaille à la mairie", {"employer_sector": "public"}),
    ("au ministère", {"employer_sector": "public"}),
    ("à la SNCF", {"employer_sector": "epic"}),
    ("je suis à la RATP", {"employer_sector": "epic"}),
    ("je suis employée à domicile par un particulier", {"employer_sector": "particulier_employeur"}),
    ("assistante maternelle", {"employer_sector": "particulier_employeur"}),
    ("mon employeur cotise au 1 % logement", {"employer_contributes": True}),
    ("mon employeur ne cotise pas à Action Logement", {"employer_contributes": False}),
    ("une entreprise de plus de 50 salariés", {"employer_size": 51}),
    ("moins de 10 salariés", {"employer_size": 9}),
    ("une vingtaine de salariés", {"employer_size": 20}),
])
def test_employer(text, expected):
    f = facts(text)
    assert {k: f.get(k) for k in expected} == expected


def test_private_flat_is_not_private_employer():
    f = facts("un appart dans le privé")
    assert f.get("dwelling") == "prive" and "employer_sector" not in f


# ----------------------------------------------------------------- volunteered booleans
@pytest.mark.parametrize("text,field,value", [
    ("j'ai déjà signé le bail", "lease_signed", True),
    ("jai deja signe le bail", "lease_signed", True),
    ("le bail est signé", "lease_signed", True),
    ("pas encore signé", "lease_signed", False),
    ("je n'ai pas encore signé le bail", "lease_signed", False),
    ("je signe le bail demain", "lease_signed", False),
    ("je suis boursier", "scholarship", True),
    ("je suis boursière échelon 4", "scholarship", True),
    ("je ne suis pas boursier", "scholarship", False),
    ("c'est un bail mobilité", "bail_mobilite", True),
    ("je loue à mes parents", "landlord_is_family", True),
    ("le proprio c'est mon père", "landlord_is_family", True),
    ("ma mère me loue son studio a Caen", "landlord_is_family", True),
    ("mes parents nous louent leur maison", "landlord_is_family", True),
    ("je loue le studio de ma grand-mère", "landlord_is_family", True),
    ("je paie deux loyers", "double_rent", True),
    ("je paye 2 loyers en ce moment", "double_rent", True),
    ("j'ai un logement de fonction", "employer_provided_housing", True),
    ("logé par mon employeur", "employer_provided_housing", True),
    ("je n'ai jamais été propriétaire", "first_time_buyer", True),
    ("primo-accédant", "first_time_buyer", True),
    ("j'ai déjà été propriétaire", "first_time_buyer", False),
    ("mon fils a une carte d'invalidité", "disability_in_household", True),
    ("je touche l'AAH", "disability_in_household", True),
    ("j'ai déjà un dossier Mobili-Jeune en cours", "mobili_jeune_in_progress", True),
    ("logé via Solibail", "iml", True),
    ("je suis propriétaire de ma maison", "owner_occupier", True),
    ("j'ai obtenu le visa Visale", "visale_visa_obtained", True),
])
def test_volunteered_booleans(text, field, value):
    assert facts(text).get(field) is value


# ----------------------------------------------------------------- project & details
@pytest.mark.parametrize("text,expected", [
    ("je cherche un appart", {"project": "louer"}),
    ("je cherche un logement en location", {"project": "louer"}),
    ("je dois déménager pour mon travail", {"project": "louer"}),
    ("je veux acheter une maison", {"project": "acheter"}),
    ("on veut devenir propriétaires", {"project": "acheter"}),
    ("achat d'un appartement en VEFA", {"project": "acheter", "purchase_operation": "vefa"}),
    ("acheter sur plan", {"project": "acheter", "purchase_operation": "vefa"}),
    ("faire construire notre maison", {"project": "acheter", "purchase_operation": "construction"}),
    ("acheter un appart ancien", {"project": "acheter", "purchase_operation": "ancien_prive"}),
    ("acheter du neuf", {"project": "acheter", "purchase_operation": "neuf"}),
    ("acheter mon logement HLM mis en vente", {"project": "acheter", "purchase_operation": "ancien_hlm"}),
    ("achat en PSLA", {"project": "acheter", "purchase_operation": "psla"}),
    ("bail réel solidaire, on achète", {"project": "acheter", "purchase_operation": "brs"}),
    ("des travaux d'isolation", {"project": "travaux", "works_kind": "energie"}),
    ("rénovation de la salle de bain", {"project": "travaux", "works_kind": "amelioration"}),
    ("travaux pour adapter la maison au handicap de ma fille", {"project": "travaux", "works_kind": "handicap"}),
    ("travaux dans ma copropriété dégradée", {"project": "travaux", "works_kind": "copropriete"}),
    ("j'ai des impayés de loyer", {"project": "difficulte", "difficulty_events": ["impayes_loyer"]}),
    ("je n'arrive plus à payer mon loyer depuis mon divorce",
     {"project": "difficulte", "difficulty_events": ["impayes_loyer", "separation"]}),
    ("menace d'expulsion", {"project": "difficulte", "difficulty_events": ["expulsion"]}),
    ("dossier de surendettement", {"project": "difficulte", "difficulty_events": ["surendettement"]}),
    ("je n'arrive plus à payer mon crédit, j'ai été licencié",
     {"project": "difficulte", "difficulty_events": ["impayes_pret", "perte_emploi"]}),
    ("un logement social", {"dwelling": "social"}),
    ("un HLM", {"dwelling": "social"}),
    ("en foyer de jeunes travailleurs", {"dwelling": "foyer"}),
    ("une chambre au CROUS", {"dwelling": "residence_etudiante"}),
    ("résidence étudiante", {"dwelling": "residence_etudiante"}),
    ("un appart chez un particulier", {"dwelling": "prive"}),
])
def test_project(text, expected):
    f = facts(text)
    assert {k: f.get(k) for k in expected} == expected


# ----------------------------------------------------------------- zone in text
@pytest.mark.parametrize("text,zone", [
    ("je cherche à Paris", "I"), ("muté à Marseille", "II"), ("je déménage à Lyon", "II"),
    ("dans le 93", "I"), ("en Seine-Saint-Denis", "I"), ("à Ajaccio", "II"), ("à la Réunion", "II"),
    ("un studio à Rennes", "II"), ("j'ai trouvé à Aurillac", "III"), ("je pars à st etienne", "II"),
    ("je quitte Lyon pour Rennes", "II"), ("je viens de Toulouse et je vais à Mende", "III"),
    ("a villeurbanne", "II"), ("à Boulogne-Billancourt", "I"), ("dans le Cantal", "III"),
])
def test_zone_in_message(text, zone):
    assert facts(text).get("zone") == zone


@pytest.mark.parametrize("text", [
    "dans les Bouches-du-Rhône", "un appart à 80 km de Rennes", "à Saint-Denis", "j'ai 93 ans",
    "trois tours de piste", "je suis dans le Nord",
])
def test_zone_unknown(text):
    assert "zone" not in facts(text)


# ----------------------------------------------------------------- pending field
def test_pending_plus_volunteered_facts():
    f = facts("oui et j'ai 24 ans", "lease_signed")
    assert f == {"lease_signed": True, "age": 24}


def test_pending_enum_bare():
    assert facts("CDD", "contract")["contract"] == "cdd"
    assert facts("privé", "employer_sector") == {"employer_sector": "prive_non_agricole"}


def test_empty_and_noise():
    assert facts("") == {}
    assert facts("   ") == {}
    assert facts("bonjour") == {}
    assert facts("!!!???") == {}


# ----------------------------------------------------------------- more pending / corrections
@pytest.mark.parametrize("pending,text,expected", [
    ("rent", "650 et 250 d'apl", {"rent": 650, "housing_benefit": 250}),
    ("lease_signed", "non mais j'ai 24 ans", {"lease_signed": False, "age": 24}),
    ("age", "j'ai 2 enfants", {}),
    ("zone", "75", {"zone": "I"}),
    ("activity", "CDI", {"activity": "salarie", "contract": "cdi"}),
    ("project", "je cherche un appart", {"project": "louer"}),
    ("job_start_date", "le 1er septembre, et j'emménage le 15 décembre",
     {"job_start_date": "2026-09-01", "move_in_date": "2026-12-15", "project": "louer"}),
])
def test_pending_cases(pending, text, expected):
    assert facts(text, pending) == expected


@pytest.mark.parametrize("text,expected", [
    ("en fait je suis en CDD pas en CDI", {"contract": "cdd", "activity": "salarie"}),
    ("en fait j'ai 31 ans", {"age": 31}),
    ("non le loyer c'est 720", {"rent": 720, "project": "louer"}),
    ("je me suis trompé, c'est 1300 net", {"net_monthly_salary": 1300}),
])
def test_corrections_are_plain_facts(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text", [
    "c'est quoi Visale ?", "le Mobili-Pass existe encore ?", "recommencer", "je veux parler à un conseiller",
    "merci beaucoup", "Je m'appelle Julie",
])
def test_questions_and_small_talk_state_no_fact(text):
    assert facts(text) == {}


def test_signed_on_a_date_is_not_a_departement():
    assert facts("j'ai signé mon bail le 15 novembre") == {"lease_signed": True, "project": "louer"}


def test_trial_period_ending_soon():
    assert facts("Ma période d'essai se termine dans 1 mois") == {"cdi_confirmed": False}
