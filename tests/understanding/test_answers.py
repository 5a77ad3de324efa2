"""parse_answer, DONT_KNOW, yes/no in all forms, looks_english, and persona messages."""
import datetime as dt

import pytest

from actions.understanding import DONT_KNOW, extract_facts, is_dont_know, looks_english, parse_answer

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize("text", [
    "oui", "Oui.", "ouais", "ouaip", "yes", "bien sûr", "bien sur", "tout à fait", "exact", "c'est ça",
    "affirmatif", "ok", "OUI", "oui oui", "absolument", "evidemment", "carrément", "ben oui", "si",
    "oui c'est signé", "effectivement", "yep", "ouai",
])
def test_yes(text):
    assert parse_answer("lease_signed", text, TODAY) is True
    assert extract_facts(text, TODAY, "double_rent").get("double_rent") is True


@pytest.mark.parametrize("text", [
    "non", "Non.", "nan", "pas encore", "non pas du tout", "pas du tout", "jamais", "aucun", "nope",
    "NON", "non merci", "pas vraiment", "absolument pas", "toujours pas", "pas pour l'instant", "nn",
    "bah non", "non je ne crois pas",
])
def test_no(text):
    assert parse_answer("lease_signed", text, TODAY) is False
    assert extract_facts(text, TODAY, "scholarship").get("scholarship") is False


@pytest.mark.parametrize("text", [
    "je ne sais pas", "je sais pas", "jsp", "aucune idée", "aucune idee", "chais pas", "j'en sais rien",
    "Je ne sais pas trop", "pas sûr", "je ne me souviens plus", "?", "euh je sais pas",
])
def test_dont_know(text):
    assert is_dont_know(text)
    for field in ("age", "lease_signed", "rent", "move_in_date", "activity", "zone"):
        assert parse_answer(field, text, TODAY) is DONT_KNOW, field
    assert extract_facts(text, TODAY, "age") == {}


def test_dont_know_is_a_string_marker():
    assert DONT_KNOW == "DONT_KNOW" and isinstance(DONT_KNOW, str) and repr(DONT_KNOW) == "DONT_KNOW"


@pytest.mark.parametrize("field,text", [
    ("age", "bof"), ("age", "trop vieux"), ("rent", "cher"), ("lease_signed", "peut-être la semaine"),
    ("move_in_date", "bientôt"), ("activity", "ça dépend"), ("zone", "quelque part"),
    ("previous_home_distance_km", "loin"), ("age", "250"),
])
def test_unusable(field, text):
    assert parse_answer(field, text, TODAY) is None


@pytest.mark.parametrize("field,text,value", [
    ("age", "24", 24), ("age", "j'ai 24 ans", 24), ("age", "vingt-deux", 22), ("age", "24 ans bientôt 25", 24),
    ("rent", "650", 650), ("rent", "650 € cc", 650), ("rent", "6OO", 600),
    ("housing_benefit", "rien", 0), ("housing_benefit", "pas d'apl", 0), ("housing_benefit", "250 €", 250),
    ("gross_monthly_salary", "1100", 1100), ("gross_monthly_salary", "1 100 € brut", 1100),
    ("gross_monthly_salary", "1500 net", None), ("net_monthly_salary", "environ 1800", 1800),
    ("monthly_resources", "2 400 € à deux", 2400),
    ("employer_size", "12", 12), ("employer_size", "plus de 50", 51), ("employer_size", "une centaine", 100),
    ("internship_months", "6 mois", 6), ("internship_months", "un semestre", 6),
    ("cdd_months_last_6", "3 mois", 3), ("cdd_months_last_6", "aucun", 0),
    ("previous_home_distance_km", "80", 80), ("previous_home_distance_km", "80 km", 80),
    ("previous_home_travel_minutes", "45", 45), ("previous_home_travel_minutes", "1h15", 75),
    ("previous_home_travel_minutes", "une heure et demie", 90),
    ("move_in_date", "le 1er septembre", "2026-09-01"), ("move_in_date", "1/09", "2026-09-01"),
    ("job_start_date", "il y a trois semaines", "2026-11-05"),
    ("job_promise_start_date", "non", False), ("mutation_date", "pas concerné", False),
    ("mutation_date", "il y a 2 mois", "2026-09-26"),
    ("contract", "CDD", "cdd"), ("contract", "un cdi", "cdi"), ("contract", "apprentissage", "apprentissage"),
    ("contract", "contrat pro", "professionnalisation"), ("contract", "intérim", "interim"),
    ("activity", "salarié", "salarie"), ("activity", "je suis étudiante", "etudiant"),
    ("activity", "au chômage", "demandeur_emploi"), ("activity", "alternant", "alternant"),
    ("employer_sector", "privé", "prive_non_agricole"), ("employer_sector", "public", "public"),
    ("employer_sector", "agricole", "agricole"), ("employer_sector", "un particulier", "particulier_employeur"),
    ("project", "louer", "louer"), ("project", "acheter", "acheter"), ("project", "des travaux", "travaux"),
    ("zone", "Paris", "I"), ("zone", "à Rennes", "II"), ("zone", "Aurillac", "III"), ("zone", "93", "I"),
    ("zone", "Bouches-du-Rhône", None), ("zone", "ailleurs", "III"),
    ("dwelling", "HLM", "social"), ("dwelling", "un foyer", "foyer"), ("dwelling", "crous", "residence_etudiante"),
    ("dwelling", "privé", "prive"),
    ("purchase_operation", "VEFA", "vefa"), ("purchase_operation", "dans l'ancien", "ancien_prive"),
    ("works_kind", "isolation", "energie"),
    ("difficulty_events", "impayés de loyer et expulsion", ["impayes_loyer", "expulsion"]),
    ("difficulty_events", "aucune", []),
    ("scholarship", "je suis boursière", True), ("scholarship", "je ne suis pas boursier", False),
    ("cdi_confirmed", "je suis encore en période d'essai", False),
])
def test_parse_answer(field, text, value):
    assert parse_answer(field, text, TODAY) == value


@pytest.mark.parametrize("text", [
    "hello, I need help with housing", "do you speak English?", "Hi, I am looking for an apartment",
    "I want to rent a flat in Paris", "Can you help me please",
])
def test_english(text):
    assert looks_english(text)


@pytest.mark.parametrize("text", [
    "hello je cherche un logement", "bonjour", "je cherche un appart à Paris", "ok", "Hello !",
    "j'ai un job en CDI", "jsuis en alternance", "oui", "24", "je fais du freelance",
])
def test_not_english(text):
    assert not looks_english(text)


# Personas of shared/domain/examples.md, told the way people write.
@pytest.mark.parametrize("text,expected", [
    ("Bonjour, j'ai 19 ans, je suis apprentie en BTS dans un magasin de 120 salariés, je gagne 1050 €. "
     "J'ai quitté Rennes pour Paris (350 km), le bail est signé depuis 3 semaines, loyer 650 cc et 250 d'APL",
     {"age": 19, "activity": "alternant", "contract": "apprentissage", "employer_size": 120,
      "employer_sector": "prive_non_agricole", "gross_monthly_salary": 1050, "zone": "I",
      "previous_home_distance_km": 350, "lease_signed": True, "rent": 650, "housing_benefit": 250}),
    ("20 ans, apprenti dans un garage, 1100 euros par mois, mon nouvel appart est à 65 km de chez mes parents, 35 min en voiture",
     {"age": 20, "activity": "alternant", "contract": "apprentissage", "employer_sector": "prive_non_agricole",
      "gross_monthly_salary": 1100, "previous_home_distance_km": 65, "previous_home_travel_minutes": 35}),
    ("je suis en contrat pro, 1500 brut, j'ai déménagé à 200 km, mon contrat a commencé il y a 1 mois et j'ai eu 30 ans la semaine dernière",
     {"activity": "alternant", "contract": "professionnalisation", "gross_monthly_salary": 1500,
      "previous_home_distance_km": 200, "job_start_date": "2026-10-26"}),
    ("etudiante en licence a lyon, pas de boulot, pas boursiere, loyer 600cc",
     {"activity": "etudiant", "zone": "II", "scholarship": False, "rent": 600}),
    ("je suis étudiante de 20 ans sans emploi, non boursière, je loue à Lyon 600 € charges comprises",
     {"activity": "etudiant", "age": 20, "zone": "II", "scholarship": False, "rent": 600}),
    ("j'ai 35 ans je suis au chomage, je touche l'ARE 1300 euros",
     {"age": 35, "activity": "demandeur_emploi"}),
    ("35 ans, en CDI depuis 6 ans dans une boîte de 300 salariés, 2400 net, muté de Lille à Marseille il y a 2 mois, "
     "loyer 1100 cc, bail pas encore signé",
     {"age": 35, "contract": "cdi", "cdi_confirmed": True, "employer_size": 300, "net_monthly_salary": 2400,
      "zone": "II", "mutation_date": "2026-09-26", "rent": 1100, "lease_signed": False,
      "job_start_date": "2020-11-26"}),
    ("45 ans, CDI confirmé depuis 10 ans dans une PME de 12 salariés, 1650 net, je cherche moins cher, loyer 700 €",
     {"age": 45, "contract": "cdi", "cdi_confirmed": True, "employer_size": 12, "net_monthly_salary": 1650,
      "rent": 700, "project": "louer"}),
    ("nouveau CDD depuis 2 mois dans la logistique, 1600 net, on m'a proposé un HLM",
     {"contract": "cdd", "activity": "salarie", "net_monthly_salary": 1600, "dwelling": "social",
      "job_start_date": "2026-09-26"}),
    ("34 ans, CDI dans une entreprise de 250 salariés, on achète un appart sur plan, jamais été propriétaires",
     {"age": 34, "contract": "cdi", "employer_size": 250, "project": "acheter", "purchase_operation": "vefa",
      "first_time_buyer": True}),
    ("38 ans, CDI dans une boite de 30 salariés, séparée depuis 4 mois, 3 mois de loyers impayés, menace d'expulsion, 1900 net",
     {"age": 38, "contract": "cdi", "employer_size": 30, "project": "difficulte", "net_monthly_salary": 1900,
      "difficulty_events": ["impayes_loyer", "expulsion", "separation"]}),
    ("27 ans, contractuelle en CDD à la mairie", {"age": 27, "activity": "agent_public_contractuel",
                                                  "contract": "cdd", "employer_sector": "public"}),
    ("fonctionnaire titulaire de 28 ans, nouvelle affectation, je loue dans le privé",
     {"age": 28, "activity": "fonctionnaire", "project": "louer"}),
])
def test_personas(text, expected):
    f = extract_facts(text, TODAY)
    assert {k: f.get(k) for k in expected} == expected, f


@pytest.mark.parametrize("pending,text,expected", [
    # asked for the household's resources, an amount of unstated kind is the resources
    ("monthly_resources", "1000 euros par mois", {"monthly_resources": 1000}),
    ("monthly_resources", "je touche 1400 balles", {"monthly_resources": 1400}),
    # ... but a salary said to be net stays the net salary
    ("monthly_resources", "1500 net", {"net_monthly_salary": 1500}),
    # a decimal comma is not a clause break: "3,4k brut" is a gross salary
    ("gross_monthly_salary", "3,4k brut", {"gross_monthly_salary": 3400}),
    (None, "je gagne 1,5k brut par mois", {"gross_monthly_salary": 1500}),
    # keeping one's home in spite of a difficulty
    ("project", "garder mon logement, je suis en difficulté", {"project": "difficulte"}),
])
def test_answers_to_money_and_project_questions(pending, text, expected):
    f = extract_facts(text, TODAY, pending)
    assert {k: f.get(k) for k in expected} == expected, f
    assert not ({"monthly_resources", "net_monthly_salary", "gross_monthly_salary"} - set(expected)) & set(f), f


@pytest.mark.parametrize("text,zone", [
    ("une grande ville", "II"),
    ("plus de 100 000 habitants", "II"),
    ("moins de 100 000 habitants", "III"),
    ("pas une grande ville", "III"),
    ("c'est une petite ville", "III"),
    ("en région parisienne", "I"),
])
def test_zone_in_everyday_words(text, zone):
    assert parse_answer("zone", text, TODAY) == zone


def test_a_job_seeker_with_a_cdi_promise_is_still_a_job_seeker():
    f = extract_facts("je suis demandeur d'emplois mais j'ai une promesse d'embauche en CDI", TODAY)
    assert f["activity"] == "demandeur_emploi"


def test_having_moved_in_means_the_lease_is_signed():
    assert extract_facts("j'ai emménagé il y a 4 mois à Nantes", TODAY)["lease_signed"] is True
    assert "lease_signed" not in extract_facts("j'emménage dans 2 semaines", TODAY)


@pytest.mark.parametrize("text", ["je veux louer un appart, salarié", "salariée", "louer, salarié"])
def test_salarie_alone_in_a_list_is_the_activity(text):
    assert extract_facts(text, TODAY)["activity"] == "salarie"


def test_a_headcount_is_not_the_activity():
    assert "activity" not in extract_facts("une boite de 30 salariés", TODAY)


def test_a_social_landlord_selling_the_flat_is_an_old_hlm_purchase():
    f = extract_facts("l'appartement HLM que mon bailleur social me vend", TODAY, "purchase_operation")
    assert f["purchase_operation"] == "ancien_hlm"
