"""The Rasa server starts lean (bot/tools/rasa_server.py: no training step at load, spaCy once,
no jax) and must answer exactly as Rasa's own loader does: same intent ranking and entities for
every NLU training example, same next-action probabilities after every action of every
training story and rule, to the last digit. Each loader runs in its own process on the trained
model (bot/tools/lean_rasa_check.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.settings import ROOT
from bot.tools.model import model_path


@pytest.fixture(scope="module")
def predictions(tmp_path_factory) -> dict:
    if not model_path().exists():
        pytest.fail("no trained model for the current data: run `make setup`")
    out = tmp_path_factory.mktemp("lean")

    def run(loader: str) -> dict:
        target = out / f"{loader}.json"
        subprocess.run([sys.executable, "-m", "bot.tools.lean_rasa_check", "--loader", loader,
                        "--out", str(target)], cwd=ROOT, check=True, timeout=1200,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return json.loads(target.read_text())

    with ThreadPoolExecutor(2) as pool:
        rasa, lean = pool.map(run, ("rasa", "lean"))
    return {"rasa": rasa, "lean": lean}


def test_every_nlu_example_gets_the_same_intents_and_entities(predictions):
    rasa, lean = predictions["rasa"]["nlu"], predictions["lean"]["nlu"]
    assert len(rasa) > 100 and len(lean) == len(rasa)
    differing = [a["text"] for a, b in zip(rasa, lean) if a != b]
    assert differing == []


def test_every_dialogue_state_gets_the_same_next_action(predictions):
    rasa, lean = predictions["rasa"]["core"], predictions["lean"]["core"]
    assert len(rasa) > 10 and len(lean) == len(rasa)
    differing = [index for index, (a, b) in enumerate(zip(rasa, lean)) if a != b]
    assert differing == []
