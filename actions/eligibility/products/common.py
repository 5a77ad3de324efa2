"""Helpers shared by the product rules: dates, project relevance, employer tests, labels."""
from __future__ import annotations

import bisect
import calendar
import datetime as _dt

from ..formatting import format_date, format_euros
from ..logic import F, O, T, U, Verdict, FALSE

SALARIED = frozenset({"salarie", "alternant"})
ALTERNANCE_CONTRACTS = frozenset({"apprentissage", "professionnalisation"})
NON_PERMANENT_CONTRACTS = frozenset({"cdd", "interim", "saisonnier"})

ACTIVITY_LABELS = {
    "salarie": "salarié(e)", "alternant": "alternant(e)", "etudiant": "étudiant(e)",
    "demandeur_emploi": "demandeur ou demandeuse d'emploi", "fonctionnaire": "fonctionnaire",
    "agent_public_contractuel": "agent public contractuel", "independant": "indépendant(e)",
    "preretraite": "préretraité(e)", "retraite": "retraité(e)", "sans_activite": "sans activité",
}
SECTOR_LABELS = {
    "prive_non_agricole": "une entreprise privée non agricole", "agricole": "une entreprise agricole",
    "public": "un employeur public", "epic": "un EPIC", "particulier_employeur": "un particulier employeur",
}
# The net salary is at least a share (parameter ratio_net_brut_min) of the gross salary for every
# French employee (employee contributions are about 22-25 %, less for apprentices): a net salary
# under that share of a gross ceiling proves the gross salary is under it, and a gross salary under
# a net ceiling proves the net is.

EPIC_NOTE = "assujetti à la participation des employeurs à l'effort de construction, comme une entreprise privée : CCH art. L313-1"

PROJECT_LABELS = {"louer": "de louer", "acheter": "d'acheter", "travaux": "de faire des travaux",
                  "difficulte": "de faire face à une difficulté de logement"}
# How a reason saying the aid does not concern the person's project begins (the why-not answer
# passes over those aids when the question names none).
PROJECT_REASON_START = "Votre projet est "


def is_project_reason(reason: str) -> bool:
    return (reason or "").startswith(PROJECT_REASON_START)


def add_months(d, n):
    """``d`` plus ``n`` months (day clamped to the end of the month)."""
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return _dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def add_years(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def F0(rule):
    """A failing path that needs no explanation of its own (e.g. a public the person is not in)."""
    return Verdict(FALSE, (rule,) if rule else ())


def eur(x):
    return format_euros(x)


def whole(x):
    """An amount without a useless decimal part: 100.0 → 100, 72.5 stays."""
    return int(x) if x == int(x) else x


def stated_unless(c, field, rule, condition, refusal):
    """A yes/no fact that excludes when true: stated as a condition while unknown, not asked."""
    value = c.p[field]
    if value is None:
        return T(conditions=condition)
    if value:
        return F(rule, refusal)
    return T()


def num(x):
    """Plain French number for reasons: 65, 1 650, 2 187,64."""
    return format_euros(x)[:-2]


class Ctx:
    """The evaluation context: normalised profile ``p``, request date ``d``, catalogue ``cat``."""

    __slots__ = ("p", "d", "cat", "_memo")

    def __init__(self, p, d, cat):
        self.p = p
        self.d = d
        self.cat = cat
        self._memo = {}

    def v(self, name):
        """Dated parameter in force at the request date (memoised per evaluation)."""
        m = self._memo
        if name not in m:
            m[name] = self.cat.parameters[name].value_at(self.d)
        return m[name]

    def bounds(self, name):
        """(first day, last day or None) of the value of ``name`` in force at the request date."""
        prm = self.cat.parameters[name]
        i = bisect.bisect_right(prm.starts, self.d) - 1
        if i < 0:
            return None, None
        end = prm.starts[i + 1] - _dt.timedelta(days=1) if i + 1 < len(prm.starts) else None
        return prm.starts[i], end

    def period(self, name):
        """' (en vigueur depuis le 1er juin 2026)' when the value of ``name`` at the request date did
        not apply for the whole calendar year of the request (a mid-year step, before or after);
        '' otherwise. Every amount or ceiling that changed during the year is stated with it."""
        start, end = self.bounds(name)
        if start is None:
            return ""
        jan1, dec31 = _dt.date(self.d.year, 1, 1), _dt.date(self.d.year, 12, 31)
        late_start = start > jan1
        early_end = end is not None and end < dec31
        if late_start and early_end:
            return f" (en vigueur du {format_date(start)} au {format_date(end)})"
        if late_start:
            return f" (en vigueur depuis le {format_date(start)})"
        if early_end:
            return f" (en vigueur jusqu'au {format_date(end)})"
        return ""

    def net_gross(self):
        return self.v("ratio_net_brut_min")

    def epic_as_private(self):
        """EPIC employers pay the PEEC (CCH L313-1): treated as private where a rule says « secteur privé »."""
        return bool(self.v("peec_epic"))

    # ----- project relevance -------------------------------------------------------------------
    def inferred_project(self):
        p = self.p
        if p["project"] is not None:
            return p["project"]
        if p["purchase_operation"] is not None:
            return "acheter"
        if p["works_kind"] is not None:
            return "travaux"
        if p["difficulty_events"]:
            return "difficulte"
        return None

    def project_is(self, wanted, rule, what):
        """Relevance of a product to the person's project.

        Known project: TRUE if in ``wanted`` else FALSE. Unknown project: renting products
        (``louer`` in ``wanted``) take the default renting path when nothing hints at another
        project; otherwise the project is asked (UNKNOWN), never guessed into a FALSE."""
        proj = self.p["project"]
        if proj is not None:
            if proj in wanted:
                return T()
            return F(rule, f"{PROJECT_REASON_START}{PROJECT_LABELS[proj]} : {what} (règle {rule})")
        hint = self.inferred_project()
        if hint is None:
            if "louer" in wanted:
                return T()
            return U(rule, ("project",))
        if hint in wanted:
            return T()
        return U(rule, ("project",))

    # ----- employer ----------------------------------------------------------------------------
    def private_employee(self, rule, activities=SALARIED, min_size=None, agri_min_size=None,
                         allow_agri=False, agri_reason=None):
        """Salarié of a private non-agricultural company (optionally of ``min_size`` employees;
        agricultural companies accepted when ``allow_agri`` with ``agri_min_size``)."""
        p = self.p
        act = p["activity"]
        if act is None:
            return U(rule, ("activity",))
        if act not in activities:
            return F(rule, f"Vous êtes {ACTIVITY_LABELS[act]} : cette aide est réservée aux salariés "
                           f"du secteur privé (règle {rule})")
        sector = p["employer_sector"]
        if sector is None:
            return U(rule, ("employer_sector",))
        if sector == "agricole" and not allow_agri:
            return F(rule, agri_reason or f"Votre employeur est une entreprise agricole : cette aide concerne "
                                          f"le secteur privé non agricole (règle {rule})")
        if sector == "epic" and self.epic_as_private():
            sector_text = f"{SECTOR_LABELS[sector]} ({EPIC_NOTE})"
        elif sector not in ("prive_non_agricole", "agricole"):
            return F(rule, f"Votre employeur est {SECTOR_LABELS[sector]} : cette aide est réservée aux "
                           f"salariés d'entreprises privées (règle {rule})")
        else:
            sector_text = SECTOR_LABELS[sector]
        limit = agri_min_size if sector == "agricole" else min_size
        if limit is None:
            return T(rule, f"Vous êtes {ACTIVITY_LABELS[act]} dans {sector_text}")
        size = p["employer_size"]
        if size is None:
            return U(rule, ("employer_size",))
        if size < limit:
            return F(rule, f"Votre employeur compte {size} salariés : il en faut au moins {limit} (règle {rule})")
        return T(rule, f"Vous êtes {ACTIVITY_LABELS[act]} dans {sector_text} de {size} salariés")

    def pli(self, rule, open_reason):
        v = self.p["resources_under_pli"]
        if v is None:  # decides eligible (under) vs to_confirm (above): asked, never assumed
            return U(rule, ("resources_under_pli",))
        if v:
            return T(rule, "Vos revenus sont sous les plafonds du logement intermédiaire")
        return O(rule, open_reason)


def resources(p):
    """Monthly resources for the Visale effort rate: ``monthly_resources``, or else the net salary
    (documented choice: for a salarié the net salary is the main resource)."""
    r = p["monthly_resources"]
    if r is None:
        r = p["net_monthly_salary"]
    return r


def resources_lower_bound(c):
    """A proven lower bound of the resources when only the gross salary is known (else None)."""
    g = c.p["gross_monthly_salary"]
    return None if g is None else c.net_gross() * g


__all__ = ["Ctx", "F", "F0", "O", "T", "U", "add_months", "add_years", "eur", "num", "format_date",
           "SALARIED", "ALTERNANCE_CONTRACTS", "NON_PERMANENT_CONTRACTS", "ACTIVITY_LABELS",
           "SECTOR_LABELS", "resources", "resources_lower_bound", "EPIC_NOTE"]
