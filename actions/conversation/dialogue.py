"""The conversation without Rasa, as one import for the Rasa glue and the tests.

Each idea has its module: ``state`` (the slots), ``asking`` (questions, buttons, merge),
``turn`` (one turn: facts in, question or verdict out), ``verdict`` (the summary),
``products`` (which aid a message names), ``follow_up`` (answers from answers.yml),
``why_not`` (why-not and hypotheses), ``intents`` (what a message asks besides facts),
``questions`` (which of those answers a message), ``texts`` (the assistant's sentences).
"""
from __future__ import annotations

from actions.eligibility import ProfileError, evaluate  # noqa: F401 - used by the glue
from actions.understanding import extract_facts  # noqa: F401

from .asking import (ask_message, button_payload, choices_for, clean_facts, decode_button,  # noqa: F401
                     label_answer, next_field)
from .intents import asks_advisor, asks_reset, asks_why_not  # noqa: F401
from .products import find_product, find_products, normalise  # noqa: F401
from .questions import answer_question, context_product_of, english_reply, is_english, product_info_text  # noqa: F401
from .state import Message, State, employer_facts, jsonable  # noqa: F401
from .texts import (ADVISOR_PAYLOAD, ENGLISH_TEXT, REPHRASE_TEXT, advisor_offer, noted_text, phone,  # noqa: F401
                    value_text)
from .turn import PROJECT_OF_INTENT, continue_after_digression, process_turn, reset_state  # noqa: F401
from .verdict import verdict_messages  # noqa: F401
from .why_not import hypothesis_text, why_not_text  # noqa: F401
