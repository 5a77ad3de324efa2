"""fields.yml is the one schema of profile fields: the console, the person's export, the
advisors' queue and the channels' employer metadata read it, and no module of the service or
of the conversation lists field names or enum values by hand."""
import ast
import glob
import os

import pytest

from actions.eligibility import field_names, field_spec
from actions.eligibility.fields import employer_metadata_fields, enum_values, field_titles, short_values

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAMES = set(field_names())
ENUMS = {n: set(enum_values(n)) for n in NAMES if field_spec(n)["type"] in ("enum", "enum_list")}
# the understanding's rules name values by design (checked against the schema in
# tests/understanding/test_rules_schema.py); the engine and the catalogue are the schema's home
SCANNED = ["bot/**/*.py", "actions/*.py", "actions/conversation/*.py", "actions/feedback/*.py"]


def _hand_lists(path):
    """Literal tuples, lists, sets or dict keys of 3 strings or more that are all field names or
    all values of one enum field."""
    found = []
    for node in ast.walk(ast.parse(open(path, encoding="utf-8").read())):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            elts = node.elts
        elif isinstance(node, ast.Dict):
            elts = [k for k in node.keys if k is not None]
        else:
            continue
        strings = [e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(strings) < 3 or len(strings) != len(elts):
            continue
        if all(s in NAMES for s in strings) or any(all(s in values for s in strings) for values in ENUMS.values()):
            found.append((node.lineno, strings))
    return found


@pytest.mark.parametrize("path", sorted(p for pattern in SCANNED
                                        for p in glob.glob(os.path.join(ROOT, pattern), recursive=True)),
                         ids=lambda p: os.path.relpath(p, ROOT))
def test_no_module_lists_field_names_or_enum_values(path):
    assert _hand_lists(path) == []


@pytest.mark.parametrize("name", sorted(NAMES))
def test_every_field_has_a_title_for_tables(name):
    title = field_titles()[name]
    assert title and (title[0].isupper() or title[0].isdigit()) and len(title) <= 60


def test_the_console_and_the_export_name_every_field_from_the_schema():
    from bot.storage.conversation_export import PROFILE_LABELS

    assert PROFILE_LABELS == field_titles()
    assert PROFILE_LABELS["age"] == "Âge" and PROFILE_LABELS["employer_sector"] == "Secteur de l'employeur"


def test_short_values_are_values_of_their_field():
    assert set(short_values("difficulty_events")) == ENUMS["difficulty_events"]
    assert short_values("difficulty_events")["impayes_loyer"] == "impayés de loyer"
    assert short_values("dwelling") == {c["value"]: c["label"] for c in field_spec("dwelling")["choices"]}


def test_the_employer_metadata_keys_and_sectors_are_those_of_the_schema():
    from bot.channels import integrations
    from actions.conversation.state import EMPLOYER_FIELDS

    assert employer_metadata_fields() == {"sector": "employer_sector", "size": "employer_size",
                                          "contributes": "employer_contributes"}
    assert EMPLOYER_FIELDS == employer_metadata_fields()
    assert integrations.EMPLOYER_KEYS == ("sector", "size", "contributes")
    assert set(integrations.SECTORS) == ENUMS["employer_sector"]
