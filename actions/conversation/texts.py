"""The assistant's own French sentences (not the catalogue's): values as the user reads them,
the « C'est noté » line, the rephrase and advisor texts."""
from __future__ import annotations

from typing import Any

from actions.eligibility import field_names, field_spec, format_date, format_euros, load_catalogue

PHONE = "0970 800 800"  # the catalogue's phone number (every product has it); read below
ADVISOR_PAYLOAD = "/demander_conseiller"
REPHRASE_TEXT = "Pardon, je n'ai pas compris. Pouvez-vous reformuler en quelques mots ?"
REPHRASE_OPENING = "Pardon, je n'ai pas compris : vous pouvez reformuler, ou choisir ci-dessous."
ENGLISH_TEXT = ("Je suis désolé, ce service ne parle que français. "
                "Sorry, this assistant only speaks French: you can write to me in French, or call Action Logement "
                "on +33 970 800 800.")
ENGLISH_OPENING = ("Hello! This assistant tells employees which Action Logement housing aids they can get "
                   "(rent guarantee, deposit loan, rent help for apprentices, loans to buy or renovate). "
                   "It speaks French, but you can answer with the buttons. First: what is your housing project?")
REASK_TEXT = ("Pardon, je n'ai pas compris votre réponse : pouvez-vous reformuler ? "
              "Vous pouvez aussi répondre « je ne sais pas ».\n")
LATER_TEXT = ("Pas de souci, prenez votre temps. Si vous ne savez pas, répondez « je ne sais pas » "
              "et je passe à la suite.\n")
WHY_ASKED_PREFIX = "Je vous pose cette question parce que : "
# A town missing from the zone table is a common unusable answer: say what would do instead.
REASK_PREFIX = {
    "zone": ("Je ne trouve pas ce lieu dans ma table des zones. Dites-moi plutôt si le logement est en "
             "Île-de-France, dans une grande agglomération (plus de 100 000 habitants), en Corse ou outre-mer, "
             "ou ailleurs (choix ci-dessous). Vous pouvez aussi répondre « je ne sais pas ».\n"),
}
OPENING_TEXT = ("Pour trouver les aides d'Action Logement qui vous concernent, commençons par votre projet. "
                "Vous pouvez cliquer sur un choix ou me décrire votre situation avec vos mots.\n")


def phone() -> str:
    for product in load_catalogue():
        if product.phone:
            return product.phone
    return PHONE


def value_text(name: str, value: Any) -> str:
    """A value in French for the 'C'est noté' line (units and money from fields.yml)."""
    spec = field_spec(name)
    if value is False and spec.get("none_allowed"):
        return "aucune"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        if not value:
            return "aucune"
        labels = {c["value"]: c["label"] for c in spec["choices"]}
        return ", ".join(labels.get(v, str(v)).lower() for v in value)
    if spec["choices"] and spec["type"] == "enum":
        labels = {c["value"]: c["label"] for c in spec["choices"]}
        return labels.get(value, str(value))
    if spec["type"] == "date":
        try:
            return format_date(value)
        except (TypeError, ValueError):
            return str(value)
    if spec.get("money") and isinstance(value, (int, float)):
        return format_euros(value)
    if isinstance(value, (int, float)):
        number = format_euros(value)[:-2]  # the French number without " €"
        return number + (f" {spec['unit']}" if spec.get("unit") else "")
    return str(value)


def noted_text(facts: dict) -> str:
    order = {n: i for i, n in enumerate(field_names())}
    parts = []
    for name in sorted(facts, key=lambda n: order.get(n, 999)):
        label = field_spec(name)["label"]
        if label.startswith("si "):  # "si votre période d'essai est terminée" → "Votre période ... : oui"
            label = label[3:]
        parts.append(f"{label[0].upper()}{label[1:]} : {value_text(name, facts[name])}")
    return "C'est noté. " + " ; ".join(parts) + "."



def advisor_offer() -> dict:
    return {
        "text": ("Je n'arrive pas à vous comprendre, désolé. Un conseiller d'Action Logement peut vous aider : "
                 f"appelez le {phone()} (appel non surtaxé), ou demandez à parler à un conseiller."),
        "buttons": [{"title": "Parler à un conseiller", "payload": ADVISOR_PAYLOAD}],
    }


# Said by action_process_turn (they were domain responses; the turn decides when each fits).
INVITE_TEXT = "Dites-moi en quelques mots votre situation, par exemple : « je suis en alternance et je cherche un logement »."
GOODBYE_TEXT = "Au revoir, et bonne installation !"
THANKS_TEXT = "Avec plaisir. Avez-vous une autre question sur le logement ?"
THANKS_OPENING = "Avec plaisir."
HELP_TEXT = ("Je peux vous dire à quelles aides logement d'Action Logement vous avez droit : garantie Visale, "
             "Avance Loca-Pass, aide Mobili-Jeune, Prêt Accession, Prêt Travaux, accompagnement en cas de difficulté.")
OFF_TOPIC_TEXT = ("Je ne sais répondre qu'aux questions sur les aides au logement des salariés (Action Logement). "
                  "Avez-vous une question sur votre logement ?")
ROBOT_TEXT = ("Oui, je suis un assistant automatique, pas une personne. Si vous le souhaitez, un conseiller "
              "peut prendre le relais.")
