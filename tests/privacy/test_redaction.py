"""Redaction of personal identifiers (bot/storage/redaction.py): what is masked, and what a
rule needs and must stay readable (salaries, amounts, dates, ages, durations, towns)."""
from __future__ import annotations

import pytest

from bot.storage.redaction import redact_event, redact_text

PHONE, EMAIL, IBAN, CARD = "[téléphone]", "[e-mail]", "[IBAN]", "[carte bancaire]"
NIR, ADDRESS, NAME = "[n° de sécurité sociale]", "[adresse]", "[nom]"

MASKED = [
    # phones, French and international, every usual layout
    ("appelez-moi au 06 12 34 56 78 svp", "06 12 34 56 78", PHONE),
    ("mon numéro : 0612345678", "0612345678", PHONE),
    ("tel 06.12.34.56.78", "06.12.34.56.78", PHONE),
    ("06-12-34-56-78 le matin", "06-12-34-56-78", PHONE),
    ("joignable au +33 6 12 34 56 78", "+33 6 12 34 56 78", PHONE),
    ("+33612345678", "+33612345678", PHONE),
    ("0033 6 12 34 56 78", "0033 6 12 34 56 78", PHONE),
    ("+33 (0)6 12 34 56 78 merci", "+33 (0)6 12 34 56 78", PHONE),
    ("fixe 02 99 12 34 56 à Rennes", "02 99 12 34 56", PHONE),
    ("mon portable belge +32 470 12 34 56", "+32 470 12 34 56", PHONE),
    ("UK: +44 20 7946 0958", "+44 20 7946 0958", PHONE),
    ("rappelez le 07 81 22 33 44.", "07 81 22 33 44", PHONE),
    # e-mails
    ("écrivez à julie.martin@gmail.com", "julie.martin@gmail.com", EMAIL),
    ("mail: J.Martin-2@entreprise.co.uk merci", "J.Martin-2@entreprise.co.uk", EMAIL),
    ("julie.martin arobase gmail point com", "julie.martin arobase gmail point com", EMAIL),
    ("contact : prenom.nom@exemple.fr.", "prenom.nom@exemple.fr", EMAIL),
    # IBANs
    ("mon IBAN FR76 3000 6000 0112 3456 7890 189", "FR76 3000 6000 0112 3456 7890 189", IBAN),
    ("FR7630006000011234567890189", "FR7630006000011234567890189", IBAN),
    ("iban fr76 3000 6000 0112 3456 7890 189", "fr76 3000 6000 0112 3456 7890 189", IBAN),
    ("compte allemand DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00", IBAN),
    ("FR76 3000 6000 0112 3456 7890 188 (une faute)", "FR76 3000 6000 0112 3456 7890 188", IBAN),
    # bank cards
    ("ma carte 4970 1012 3456 7890", "4970 1012 3456 7890", CARD),
    ("carte 4111111111111111 exp 12/27", "4111111111111111", CARD),
    ("4111-1111-1111-1111", "4111-1111-1111-1111", CARD),
    ("amex 3714 496353 98431", "3714 496353 98431", CARD),
    # NIR
    ("sécu 1 85 05 78 006 084 36", "1 85 05 78 006 084 36", NIR),
    ("n° ss 185057800608436", "185057800608436", NIR),
    ("2 90 12 2A 004 123 45 corse", "2 90 12 2A 004 123", NIR),
    ("numéro de sécu : 2.94.03.75.120.005.22", "2.94.03.75.120.005.22", NIR),
    # postal addresses
    ("j'habite au 12 rue de la République à Rennes", "12 rue de la République", ADDRESS),
    ("mon adresse : 3 bis avenue Jean Jaurès, 35000 Rennes", "3 bis avenue Jean Jaurès", ADDRESS),
    ("je vis 45, boulevard de la Liberté à Lille", "45, boulevard de la Liberté", ADDRESS),
    ("12 rue des lilas 35000 rennes", "12 rue des lilas", ADDRESS),
    ("j'habite 8 allée des Tilleuls depuis 2020", "8 allée des Tilleuls", ADDRESS),
    ("au 27 impasse du Moulin, Vitré", "27 impasse du Moulin", ADDRESS),
    ("5 place Sainte-Anne à Rennes", "5 place Sainte-Anne", ADDRESS),
    ("14 bd Voltaire Paris", "14 bd Voltaire", ADDRESS),
    ("j'habite 7 chemin des vignes et je paie 500 € de loyer", "7 chemin des vignes", ADDRESS),
    # names where they are reliable
    ("je m'appelle Julie Martin et j'ai 19 ans", "Julie Martin", NAME),
    ("Je m'appelle julie martin, je suis apprentie", "julie martin", NAME),
    ("bonjour, je m’appelle Karim", "Karim", NAME),
    ("mon nom est Dupont", "Dupont", NAME),
    ("Nom : Lefèvre", "Lefèvre", NAME),
    ("prénom : Anne-Sophie", "Anne-Sophie", NAME),
    ("je suis Mme Nguyen, locataire", "Nguyen", NAME),
    ("Madame Le Goff a signé", "Le Goff", NAME),
    ("M. Bernard m'a dit", "Bernard", NAME),
    ("Monsieur Diallo", "Diallo", NAME),
    ("Merci d'avance.\nCordialement,\nJean Dupont", "Jean Dupont", NAME),
    ("Bien à vous, J. Morel", "J. Morel", NAME),
]


@pytest.mark.parametrize("text,secret,mask", MASKED, ids=[m[0][:40] for m in MASKED])
def test_identifier_is_masked(text, secret, mask):
    redacted = redact_text(text)
    assert secret not in redacted
    assert mask in redacted


KEPT = [
    "j'ai 19 ans, je gagne 1 300 € net, j'arrive à Rennes le 14 août",
    "je gagne 1300 euros bruts par mois",
    "mon salaire est de 1 850,50 € brut",
    "salaire annuel 24 000 €",
    "un loyer de 650 € charges comprises",
    "je commence le 14/08/2026",
    "contrat du 01/09/2026 au 31/08/2028",
    "le 2026-09-01",
    "j'emménage le 1er septembre 2026",
    "depuis 3 ans et 6 mois",
    "CDD de 18 mois",
    "j'ai 27 ans",
    "je suis alternant à Saint-Malo",
    "je déménage de Brest à Lyon",
    "code postal 35000",
    "j'habite à Rennes 35200",
    "on est 3 personnes",
    "l'entreprise a 120 salariés",
    "je fais 35 heures par semaine",
    "j'ai 2 cours par semaine au CFA",
    "j'ai trouvé 2 places de parking",
    "le loyer est de 1 200 € et la caution 1 200 €",
    "je gagne 1 300 1 400 selon les mois",
    "bonjour madame",
    "merci beaucoup",
    "Merci, c'est très clair",
    "Cordialement",
    "je m'appelle",
    "Visale et Mobili-Jeune, merci",
    "Appelez Action Logement au 0970 800 800",
    "mon numéro fiscal n'est pas connu",
    "entre 9 h et 12 h",
    "j'ai signé le 12 mars",
    "année 2025, revenu fiscal 18 500 €",
    "mon loyer augmente de 3,5 % le 1/1/2027",
    "je commence le 01 09 2026",
    "arrivée le 06.08.2026",
    "né le 06-08-2001",
    "je m'appelle pas comme ça sur le bail",
]


@pytest.mark.parametrize("text", KEPT, ids=[k[:40] for k in KEPT])
def test_what_a_rule_needs_is_kept(text):
    assert redact_text(text) == text


def test_the_issue_sentence_stays_whole_around_a_phone():
    text = "j'ai 19 ans, je gagne 1 300 € net, j'arrive à Rennes le 14 août, tel 06 12 34 56 78"
    assert redact_text(text) == ("j'ai 19 ans, je gagne 1 300 € net, j'arrive à Rennes le "
                                 "14 août, tel [téléphone]")


def test_several_identifiers_in_one_message():
    text = ("Je m'appelle Julie Martin, 12 rue de la Paix à Rennes, 06 12 34 56 78, "
            "julie@exemple.fr, IBAN FR76 3000 6000 0112 3456 7890 189, sécu 1 85 05 78 006 084 36")
    redacted = redact_text(text)
    for secret in ("Julie", "Martin", "12 rue", "06 12", "julie@", "FR76", "1 85 05"):
        assert secret not in redacted
    assert "Rennes" in redacted


def test_redaction_is_idempotent():
    text = "je m'appelle Julie, 06 12 34 56 78"
    assert redact_text(redact_text(text)) == redact_text(text)


def test_user_event_text_and_parse_data_are_redacted_original_untouched():
    event = {"event": "user", "timestamp": 1.0, "text": "mon tel 06 12 34 56 78",
             "parse_data": {"text": "mon tel 06 12 34 56 78",
                            "intent": {"name": "informer", "confidence": 0.9},
                            "entities": [{"entity": "reponse", "value": "0612345678",
                                          "text": "06 12 34 56 78", "start": 8, "end": 22}]},
             "input_channel": "rest", "metadata": {"note": "julie@exemple.fr"}}
    redacted = redact_event(event)
    assert "06 12" not in str(redacted) and "0612345678" not in str(redacted)
    assert "julie@" not in str(redacted)
    assert redacted["parse_data"]["intent"]["name"] == "informer"
    assert event["text"] == "mon tel 06 12 34 56 78"  # the running conversation keeps it


def test_slot_and_bot_events_are_redacted():
    slot = {"event": "slot", "name": "callback_contact", "value": "06 12 34 56 78"}
    bot = {"event": "bot", "text": "Un conseiller vous appellera au 06 12 34 56 78.",
           "data": {"buttons": [{"title": "julie@exemple.fr", "payload": "/informer"}]}}
    assert redact_event(slot)["value"] == PHONE
    assert "06 12" not in redact_event(bot)["text"]
    assert redact_event(bot)["data"]["buttons"][0]["title"] == EMAIL
