"""The conversation over REST against the real servers: corrections, digressions, "pourquoi
pas", fallbacks, English, reset, employer context, buttons, "je ne sais pas"."""
import json

from tests.conversation.helpers import (Conversation, customs, last_ask, play, statuses, texts,
                                        until_verdict, verdict)
from tests.conversation.personas import COMMON, PERSONAS, answers_of

EMPLOYER = {"employer": {"sector": "prive_non_agricole", "size": 120, "contributes": True}}
EMPLOYER_FIELDS = {"employer_sector", "employer_size", "employer_contributes"}


def plain(text):
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_first_message_fills_many_fields_and_the_first_question_has_its_payload(stack):
    conv = Conversation(stack)
    reply = conv.say(PERSONAS["TC02"]["first"])
    profile = conv.slots()["profile"]
    assert profile.get("age") == 20 and profile.get("activity") == "alternant", conv.show()
    ask = last_ask(reply)
    assert ask is not None and ask["field"] not in profile, conv.show()
    assert ask["input"] in ("number", "date", "choice", "boolean", "text")
    assert "Pourquoi cette question" in texts(reply)  # it says why it asks
    assert conv.slots()["pending_field"] == ask["field"]


def test_correction_changes_the_verdict(stack):
    answers = dict(answers_of("TC01"))
    conv, result, _ = play(stack, PERSONAS["TC01"]["first"], answers)
    assert statuses(result)["mobili_jeune"] == "eligible", conv.show()
    reply = conv.say("en fait j'ai 31 ans")
    assert conv.slots()["profile"]["age"] == 31, conv.show()
    reply, result = until_verdict(conv, reply, dict(answers, age="31 ans"))
    assert statuses(result)["mobili_jeune"] == "ineligible", conv.show()
    assert "31" in texts(conv.stack.say(conv.sender, "pourquoi pas mobili jeune ?"))


def test_product_questions_in_the_middle_then_the_question_again(stack):
    conv = Conversation(stack)
    first = last_ask(conv.say(PERSONAS["TC02"]["first"]))
    assert first is not None
    reply = conv.say("c'est quoi Visale ?")
    assert "caution" in texts(reply) and "visale.fr" in texts(reply), conv.show()
    assert last_ask(reply)["field"] == first["field"], conv.show()  # the conversation goes on
    reply = conv.say("le Mobili-Pass existe encore ?")
    assert "n'existe plus" in texts(reply) and "30 juin 2023" in texts(reply), conv.show()
    reply = conv.say("Loca-Pass c'est combien ?")
    assert "1 200 €" in plain(texts(reply)), conv.show()
    # and the profile was not touched by the digressions
    assert conv.slots()["pending_field"] == first["field"]


def test_why_not_names_the_failing_rule(stack):
    conv, result, _ = play(stack, PERSONAS["TC02"]["first"], answers_of("TC02"))
    assert statuses(result)["mobili_jeune"] == "ineligible", conv.show()
    answer = plain(texts(conv.say("pourquoi pas Mobili-Jeune ?")))
    assert "70 km" in answer and "40 minutes" in answer and "MJ-6" in answer, conv.show()


def test_the_verdict_summary_names_amounts_and_where_to_apply(stack):
    conv, result, _ = play(stack, PERSONAS["TC01"]["first"], answers_of("TC01"))
    # the verdict's text (the feedback question of issue 16 may follow it in the same reply)
    summary = plain(next(line for line in reversed(conv.transcript)
                         if "vous pouvez demander" in line))
    assert "Aide Mobili-Jeune" in summary and "100 € par mois" in summary, conv.show()
    assert "https://mobilijeune.actionlogement.fr" in summary
    assert "pourquoi pas" in summary  # says the user can ask about the others
    assert result["catalogue_version"] and len(result["results"]) >= 20


def test_two_misses_in_a_row_offer_an_advisor_and_the_phone_number(stack):
    conv = Conversation(stack)
    first = conv.say("zzkq wxv plouf grmbl")
    assert last_ask(first)["field"] == "project", conv.show()  # initiative: the first question
    reply = conv.say("blorf vrrr kpz xq")
    assert "0970 800 800" in texts(reply), conv.show()
    payloads = [b["payload"] for m in reply for b in m.get("buttons", [])]
    assert "/demander_conseiller" in payloads


def test_english_gets_an_english_explanation_and_the_first_question_with_buttons(stack):
    answer = Conversation(stack).say("Hello, do you speak English? I need help with my rent")
    assert "French" in texts(answer) and last_ask(answer)["field"] == "project"
    assert any(m.get("buttons") for m in answer)


def test_reset_starts_a_new_profile_but_keeps_the_employer(stack):
    conv = Conversation(stack)
    conv.say(PERSONAS["TC22"]["first"], metadata=EMPLOYER)
    assert conv.slots()["profile"].get("age") == 35
    reply = conv.say("on reprend à zéro", metadata=EMPLOYER)
    assert "zéro" in texts(reply), conv.show()
    profile = conv.slots()["profile"]
    assert "age" not in profile and profile["employer_size"] == 120, profile
    assert last_ask(reply) is not None  # and it asks the first question


def test_employer_context_of_the_metadata_is_never_asked(stack):
    asked = []
    conv, result, _ = play(stack, PERSONAS["TC01"]["first"], answers_of("TC01"), metadata=EMPLOYER, asked=asked)
    assert not EMPLOYER_FIELDS & set(asked), asked
    assert statuses(result)["mobili_jeune"] == "eligible", conv.show()
    profile = conv.slots()["profile"]
    assert profile["employer_sector"] == "prive_non_agricole" and profile["employer_contributes"] is True


def test_buttons_answer_the_question_when_clicked(stack):
    conv = Conversation(stack)
    reply = conv.say("je cherche un logement")
    ask = last_ask(reply)
    buttons = [b for m in reply for b in m.get("buttons", [])]
    assert ask and ask["input"] in ("choice", "boolean") and buttons, conv.show()
    assert [b["title"] for b in buttons] == [c["label"] for c in ask["choices"]]
    clicked = buttons[0]
    reply = conv.say(clicked["payload"])
    value = ask["choices"][0]["value"]
    assert conv.slots()["profile"][ask["field"]] == value, conv.show()
    assert last_ask(reply)["field"] != ask["field"]


def test_an_unusable_answer_is_asked_again_once_then_dont_know_moves_on(stack):
    conv = Conversation(stack)
    first = last_ask(conv.say("je suis en alternance et je cherche un appart"))
    reply = conv.say("bof euh pfff")
    again = last_ask(reply)
    assert again and again["field"] == first["field"] and "reformuler" in texts(reply), conv.show()
    reply = conv.say("je ne sais pas")
    following = last_ask(reply) or {}
    assert following.get("field") != first["field"], conv.show()
    assert first["field"] in conv.slots()["skipped_fields"]


def test_the_issue_example_is_understood_in_one_message(stack):
    conv = Conversation(stack)
    reply = conv.say("jsuis en alternance chez un garagiste, j'ai trouvé un appart a 80 bornes, je touche 1100 brut")
    profile = conv.slots()["profile"]
    assert profile.get("activity") == "alternant", conv.show()
    assert profile.get("previous_home_distance_km") == 80, conv.show()
    assert profile.get("gross_monthly_salary") == 1100, conv.show()
    assert "C'est noté" in texts(reply) and last_ask(reply)["field"] not in profile


def test_after_the_verdict_a_plain_ok_does_not_repeat_it(stack):
    conv, _, _ = play(stack, PERSONAS["TC39b"]["first"], answers_of("TC39b"))
    reply = conv.say("ok")
    assert not customs(reply, "aid_results") and "autre question" in texts(reply), conv.show()
