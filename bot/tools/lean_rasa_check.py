"""Does the lean loading of bot/tools/rasa_server.py answer exactly as Rasa's own? (issue 14)

Loads a model once with Rasa's loader (``--loader rasa``) or the lean one (``--loader lean``)
and writes, as JSON, what it predicts: the intent ranking and entities of every NLU training
example, and the next-action probabilities of the dialogue policies after each action of every
training story and rule. Two such files must be equal to the last digit (the test
tests/foundation/test_lean_rasa.py runs both and compares them).

    python -m bot.tools.lean_rasa_check --loader lean --out lean.json [--model PATH]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from pathlib import Path

from bot.settings import ROOT

_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def nlu_texts(data_dir: Path) -> list[str]:
    """The text of every NLU training example (entity annotations removed)."""
    import yaml

    texts = []
    for path in sorted(data_dir.rglob("*.yml")):
        for item in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
            examples = item.get("examples")
            if isinstance(examples, str):
                texts += [_ANNOTATION.sub(r"\1", line[2:].strip())
                          for line in examples.splitlines() if line.startswith("- ")]
    return texts


def story_prefixes(agent, data_dir: Path) -> list:
    """Trackers of every training story and rule, cut after each of their actions."""
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.generator import TrainingDataGenerator
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(ROOT / "domain.yml"), training_data_paths=[str(data_dir)])
    trackers = TrainingDataGenerator(importer.get_stories(), agent.domain, augmentation_factor=0,
                                     remove_duplicates=True).generate()
    prefixes = []
    for number, tracker in enumerate(trackers):
        events = list(tracker.events)
        for index, event in enumerate(events):
            if isinstance(event, ActionExecuted) and index:
                prefixes.append(DialogueStateTracker.from_events(
                    f"story-{number}", events[:index], agent.domain.slots))
    return prefixes


async def predictions(model: Path, data_dir: Path) -> dict:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    nlu = []
    for text in nlu_texts(data_dir):
        parsed = await agent.parse_message(text)
        nlu.append({"text": text, "intent_ranking": parsed.get("intent_ranking"),
                    "entities": parsed.get("entities")})
    core = []
    for tracker in story_prefixes(agent, data_dir):
        prediction = agent.processor._predict_next_with_tracker(tracker)
        core.append({"policy": prediction.policy_name,
                     "probabilities": [float(p) for p in prediction.probabilities]})
    return {"nlu": nlu, "core": core}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--loader", choices=("rasa", "lean"), required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--model")
    parser.add_argument("--data", default=str(ROOT / "data"))
    args = parser.parse_args()
    if args.loader == "lean":
        from bot.tools.rasa_server import keep_jax_out, lean_model_loading

        keep_jax_out()
        lean_model_loading()
    from bot.tools.model import model_path

    model = Path(args.model) if args.model else model_path()
    result = asyncio.run(predictions(model, Path(args.data)))
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False))
    print(f"{len(result['nlu'])} NLU examples, {len(result['core'])} dialogue states", file=sys.stderr)


if __name__ == "__main__":
    main()
