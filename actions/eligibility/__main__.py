"""Command line: ``python -m actions.eligibility [--as-of YYYY-MM-DD] < profile.json``.

Prints the eligibility result (interfaces.md section 5) as JSON and exits 0. On a profile it
cannot read, exits 2 and prints on stderr which field is wrong and why."""
from __future__ import annotations

import argparse
import json
import sys

from .engine import evaluate
from .profile import ProfileError


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.eligibility",
                                     description="Évalue l'éligibilité aux aides Action Logement d'un profil JSON lu sur l'entrée standard.")
    parser.add_argument("--as-of", dest="as_of", help="date de la demande AAAA-MM-JJ (défaut : as_of du profil, sinon aujourd'hui)")
    parser.add_argument("--next-question", action="store_true", help="ajoute le champ à demander ensuite (clé next_question)")
    args = parser.parse_args(argv)
    raw = sys.stdin.read()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        print(f"profil: JSON invalide ligne {exc.lineno} colonne {exc.colno} : {exc.msg} [invalid JSON]", file=sys.stderr)
        return 2
    try:
        result = evaluate(data, args.as_of)
    except ProfileError as exc:
        print(f"{exc.field}: {exc.message}", file=sys.stderr)
        return 2
    if args.next_question:
        from .engine import next_question
        result["next_question"] = next_question(result)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
