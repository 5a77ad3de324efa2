"""Each worked example of shared/domain/examples.md, played as a French conversation over REST
against the real servers, reaches the verdict of the rules."""
import statistics

import pytest

from tests.conversation.helpers import play, statuses
from tests.conversation.personas import PERSONAS, answers_of

COUNTS = {}


@pytest.mark.parametrize("name", sorted(PERSONAS))
def test_worked_example_reaches_its_verdict(stack, name):
    persona = PERSONAS[name]
    conv, result, n = play(stack, persona["first"], answers_of(name))
    got = statuses(result)
    for product in persona["should"]:
        assert got[product] == "eligible", f"{name}: {product} is {got[product]}\n{conv.show()}"
    for product in persona["never"]:
        assert got[product] != "eligible", f"{name}: {product} should not be eligible\n{conv.show()}"
    # the verdict is also in the slots the advisors' console reads
    slots = conv.slots()
    assert slots["aid_results"]["results"] == result["results"]
    assert slots["pending_field"] is None
    COUNTS[name] = n


def test_worked_examples_need_few_messages(stack):
    """The acceptance aim: a median of at most 8 user messages before the verdict."""
    for name in sorted(PERSONAS):
        if name not in COUNTS:
            persona = PERSONAS[name]
            COUNTS[name] = play(stack, persona["first"], answers_of(name))[2]
    assert statistics.median(COUNTS.values()) <= 8, COUNTS
