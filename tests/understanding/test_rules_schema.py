"""The readers' rules name only fields and values of the one schema (fields.yml): a value renamed
there and not in a rule table fails here, not in a conversation."""
import pytest

from actions.eligibility import field_names, field_spec
from actions.eligibility.fields import enum_values
from actions.understanding import answer, dated, housing, work
from actions.understanding.field_kinds import BOOL_FIELDS, DATE_FIELDS

NAMES = set(field_names())

VALUE_TABLES = [
    ("contract", work._CONTRACT_RULES), ("activity", work._ACTIVITY_RULES),
    ("employer_sector", work._SECTOR_RULES), ("project", housing._PROJECT_RULES),
    ("difficulty_events", housing._EVENT_RULES), ("purchase_operation", housing._PURCHASE_RULES),
    ("works_kind", housing._WORKS_RULES), ("dwelling", housing._DWELLING_RULES),
] + [(field, rules) for field, rules in answer._LABEL_WORDS.items()]


@pytest.mark.parametrize("field,rules", VALUE_TABLES, ids=[f"{f}-{i}" for i, (f, _) in enumerate(VALUE_TABLES)])
def test_every_value_a_rule_gives_is_a_value_of_its_field(field, rules):
    assert {value for value, _ in rules} <= set(enum_values(field))


def test_the_yes_no_rules_give_boolean_fields():
    assert {name for name, _, _, _ in housing._BOOL_RULES} <= set(BOOL_FIELDS)


def test_the_date_cues_give_date_fields_or_the_age():
    assert {name for name, _ in dated._DATE_FIELD_CUES} <= set(DATE_FIELDS) | {"age"}


def test_the_conversation_gives_intents_project_values():
    from actions.conversation.turn import PROJECT_OF_INTENT

    assert set(PROJECT_OF_INTENT.values()) <= set(enum_values("project"))
    assert field_spec("project")["type"] == "enum" and "project" in NAMES
