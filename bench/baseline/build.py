"""The bare Rasa bot the benchmarks compare this assistant with (issue 14).

A minimal Rasa project built from this one: the same NLU data and pipeline, the same policies
(config.yml, with the core fallback going to Rasa's own ``action_default_fallback`` as there is
no action server), a domain with the same intents and entities and one response per intent,
rules "intent → its response" and a few stories so that TED has something to learn. No custom
action, no slot. Generated under var/baseline/<fingerprint>/ and trained once into
models/baseline-<fingerprint>.tar.gz (a new training only when the NLU data or config change).

    .venv/bin/python -m bench.baseline.build        # prints the model path, training if needed
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import yaml

from bot.settings import MODELS_DIR, ROOT, VAR_DIR

NLU_FILES = sorted((ROOT / "data").glob("nlu*.yml"))


def _intents_and_entities() -> tuple[list, list]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    intents = [i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents") or []]
    for path in NLU_FILES:
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            name = block.get("intent")
            if name and name not in intents:
                intents.append(name)
    entities = [e if isinstance(e, str) else next(iter(e)) for e in domain.get("entities") or []]
    return intents, entities


def project_files() -> dict[str, str]:
    """The baseline project's files (relative path → text)."""
    intents, entities = _intents_and_entities()
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    for policy in config.get("policies") or []:
        if policy.get("core_fallback_action_name"):
            policy["core_fallback_action_name"] = "action_default_fallback"
    domain = {
        "version": "3.1",
        "session_config": {"session_expiration_time": 120, "carry_over_slots_to_new_session": True},
        "intents": intents, "entities": entities,
        "responses": {f"utter_{i}": [{"text": f"Réponse simple pour {i}."}] for i in intents},
    }
    domain["responses"]["utter_default"] = [{"text": "Je n'ai pas compris."}]
    rules = {"version": "3.1", "rules": [
        {"rule": f"répondre à {i}", "steps": [{"intent": i}, {"action": f"utter_{i}"}]}
        for i in intents]}
    stories = {"version": "3.1", "stories": []}
    for n, first in enumerate(intents):
        steps = []
        for intent in (first, intents[(n + 1) % len(intents)], intents[(n + 5) % len(intents)]):
            steps += [{"intent": intent}, {"action": f"utter_{intent}"}]
        stories["stories"].append({"story": f"enchaînement {n}", "steps": steps})

    def dump(value: dict) -> str:
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)

    files = {"config.yml": dump(config), "domain.yml": dump(domain),
             "data/rules.yml": dump(rules), "data/stories.yml": dump(stories),
             "credentials.yml": "rest:\n"}
    for path in NLU_FILES:
        files[f"data/{path.name}"] = path.read_text(encoding="utf-8")
    return files


def fingerprint(files: dict[str, str]) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(f"rasa=={version('rasa')}\n".encode())
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode() + b"\0")
    for path in sorted((ROOT / "bot" / "nlu").rglob("*.py")):  # the custom NLU component
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def project_dir() -> Path:
    files = project_files()
    directory = VAR_DIR / "baseline" / fingerprint(files)
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return directory


def model_path() -> Path:
    return MODELS_DIR / f"baseline-{fingerprint(project_files())}.tar.gz"


def train() -> Path:
    path = model_path()
    if path.exists():
        return path
    directory = project_dir()
    print(f"Training the bare Rasa bot {path.name} (once)...", flush=True)
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2",
               PYTHONHASHSEED="0", TF_DETERMINISTIC_OPS="1", PYTHONPATH=str(ROOT))
    partial = f"partial-{path.stem.split('.')[0]}"
    subprocess.run([sys.executable, "-m", "rasa", "train", "--config", "config.yml",
                    "--domain", "domain.yml", "--data", "data", "--out", str(MODELS_DIR),
                    "--fixed-model-name", partial], cwd=directory, env=env, check=True)
    (MODELS_DIR / f"{partial}.tar.gz").rename(path)
    return path


if __name__ == "__main__":
    print(train())
