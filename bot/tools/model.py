"""Which trained model matches the training data, and training it only when needed.

A model is named after a fingerprint of everything that shapes it (config, domain, training
data, custom NLU components, Rasa's version), so ``make run`` retrains only when one of those
changed, and two checkouts never mistake each other's models.

    python -m bot.tools.model path    # prints the model path for the current data
    python -m bot.tools.model train   # trains it unless it already exists
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bot.settings import MODELS_DIR, ROOT

TRAINING_INPUTS = ("config.yml", "domain.yml", "domain", "data", "bot/nlu")


def _input_files() -> list[Path]:
    files: list[Path] = []
    for name in TRAINING_INPUTS:
        path = ROOT / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix in {".yml", ".yaml", ".py", ".txt", ".csv"}
            )
    return files


def fingerprint() -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(f"rasa=={version('rasa')}\n".encode())
    for path in _input_files():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def model_path() -> Path:
    return MODELS_DIR / f"assistant-{fingerprint()}.tar.gz"


def train() -> Path:
    path = model_path()
    if path.exists():
        print(f"Model up to date: {path.relative_to(ROOT)}")
        return path
    print(f"Training {path.relative_to(ROOT)} (the training data changed)...", flush=True)
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2",
               PYTHONHASHSEED="0", TF_DETERMINISTIC_OPS="1")
    tmp_name = f"partial-{fingerprint()}"
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "--config", "config.yml", "--domain", "domain.yml",
         "--data", "data", "--out", str(MODELS_DIR), "--fixed-model-name", tmp_name],
        cwd=ROOT, env=env, check=True,
    )
    (MODELS_DIR / f"{tmp_name}.tar.gz").rename(path)  # only a finished model gets the real name
    return path


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "path"
    if command == "path":
        print(model_path())
    elif command == "train":
        try:
            train()
        except subprocess.CalledProcessError as error:
            print(f"Training failed (exit {error.returncode}); see the log above.", file=sys.stderr)
            return 1
    else:
        print("usage: python -m bot.tools.model [path|train]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
