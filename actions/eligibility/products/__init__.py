"""Rules of each product: ``RULES[product_id] = (evaluate(ctx) -> Verdict, amount(ctx, verdict) -> dict | None)``.

Discontinued products have no rules here: the engine answers ``ended`` after their end date."""
from . import accession, agricole, loca_pass, mobili_jeune, services, visale

RULES = {
    "visale": (visale.evaluate, visale.amount),
    "avance_loca_pass": (loca_pass.evaluate, loca_pass.amount),
    "mobili_jeune": (mobili_jeune.evaluate, mobili_jeune.amount),
    "mobili_jeune_vte": (mobili_jeune.evaluate_vte, mobili_jeune.amount_vte),
    "pret_accession": (accession.evaluate_accession, accession.amount_accession),
    "pret_travaux": (accession.evaluate_travaux, accession.amount_travaux),
    "logement_social_alin": (services.evaluate_alin, services.amount_alin),
    "accompagnement_salaries_difficulte": (services.evaluate_asd, services.amount_asd),
    "agri_loca_pass": (agricole.evaluate_loca_pass, agricole.amount_none),
    "agri_mobili_jeune": (agricole.evaluate_mobili_jeune, agricole.amount_mobili_jeune),
    "agri_mobilite": (agricole.evaluate_mobilite, agricole.amount_mobilite),
    "aide_saisonniers_agricoles": (agricole.evaluate_saisonniers, agricole.amount_saisonniers),
    "agri_accession": (agricole.evaluate_accession, agricole.amount_none),
    "agri_travaux": (agricole.evaluate_travaux, agricole.amount_none),
}
