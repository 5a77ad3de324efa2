"""Create or update an advisor account of the console.

    make advisor LOGIN=<login> PASSWORD=<password> [ROLE=admin] [NAME="Prénom Nom"]
    python -m bot.tools.advisor <login> [--role advisor|admin] [--name "Prénom Nom"]
        (the password is read from ADVISOR_PASSWORD, else asked on the terminal)

Runs the migrations first, so it works on a fresh database (DATABASE_URL).
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys

from bot.storage import advisors, errors
from bot.tools import migrate


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.advisor",
                                     description="Crée ou met à jour un compte de la console.")
    parser.add_argument("login")
    parser.add_argument("--role", default="advisor", choices=["advisor", "admin"])
    parser.add_argument("--name", default=None, help="nom affiché à l'usager")
    args = parser.parse_args(argv)
    password = os.environ.get("ADVISOR_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            print("Mot de passe manquant : PASSWORD=... (make) ou ADVISOR_PASSWORD=...", file=sys.stderr)
            return 2
        password = getpass.getpass("Mot de passe : ")
    try:
        migrate.upgrade()
        advisor = advisors.save_advisor(args.login, password, args.role, args.name)
    except errors.ServiceError as error:
        print(error, file=sys.stderr)
        return 2
    role = "administrateur" if advisor.role == "admin" else "conseiller"
    print(f"Compte « {advisor.login} » ({role}) enregistré. Console : /console")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
