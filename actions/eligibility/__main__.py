"""Command line: ``python -m actions.eligibility [--as-of YYYY-MM-DD] < profile.json``.

Prints the eligibility result (interfaces.md section 5) as JSON and exits 0. On a profile it
cannot read, exits 2 and prints on stderr which field is wrong and why.

``python -m actions.eligibility --stale 180 [--on YYYY-MM-DD] [--json]`` lists the parameters and
sources not checked for 180 days before that date (default today) and exits 0; stdin is not read."""
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
    parser.add_argument("--stale", type=int, metavar="JOURS", help="liste les paramètres et sources non vérifiés depuis JOURS jours (n'évalue pas de profil)")
    parser.add_argument("--on", metavar="AAAA-MM-JJ", help="date de référence de --stale (défaut : aujourd'hui)")
    parser.add_argument("--json", action="store_true", help="avec --stale : sortie JSON")
    args = parser.parse_args(argv)
    if args.stale is not None:
        return _stale(args)
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


def _stale(args) -> int:
    import datetime as _dt
    from .freshness import format_stale, stale
    if args.stale < 0:
        print(f"stale: doit être un nombre de jours positif (reçu {args.stale}) [must be >= 0]", file=sys.stderr)
        return 2
    try:
        on = _dt.date.fromisoformat(args.on) if args.on else _dt.date.today()
    except ValueError:
        print(f"on: doit être une date AAAA-MM-JJ (reçu {args.on!r}) [must be a YYYY-MM-DD date]", file=sys.stderr)
        return 2
    items = stale(args.stale, on)
    if args.json:
        json.dump({"on": on.isoformat(), "days": args.stale,
                   "stale": [dict(i, date=i["date"] and i["date"].isoformat(),
                                  last_checked=i["last_checked"] and i["last_checked"].isoformat()) for i in items]},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(format_stale(items, args.stale, on))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `... --stale 180 | head`: the reader left, nothing is wrong
        sys.stderr.close()
        sys.exit(0)
