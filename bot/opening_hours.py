"""Opening hours of the advisors' team, public holidays included (time zone Europe/Paris).

Read by the action server (will an advisor answer live?) and by the console (local times).
Settings come from bot.settings: ``ADVISOR_HOURS``, ``ADVISOR_TIMEZONE`` and
``ADVISOR_HOLIDAYS``.

``ADVISOR_HOURS`` syntax: ``always``, ``never``, or day ranges with time ranges separated by
``;`` or ``,``::

    ADVISOR_HOURS="lun-ven 09:00-18:00"            (the default)
    ADVISOR_HOURS="lun-jeu 09:00-12:30 13:30-18:00; ven 09:00-17:00"

Days: lun mar mer jeu ven sam dim. On a public holiday the team is closed (``always`` stays
open around the clock). ``ADVISOR_HOLIDAYS`` chooses the calendar of the ``holidays`` library:
``FR`` (metropolitan France, the default), ``FR-57`` (Moselle), ``FR-67`` / ``FR-68`` /
``FR-6AE`` (Alsace) — Alsace-Moselle adds Good Friday and 26 December, ``FR-971`` ... ``FR-976`` (Guadeloupe, Martinique, Guyane, La
Réunion, Mayotte: the abolition of slavery day), other French subdivisions the library knows
(``FR-BL``, ``FR-MF``, ``FR-NC``, ``FR-PF``, ``FR-PM``, ``FR-WF``...), or ``none``.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Optional
from zoneinfo import ZoneInfo

import holidays as holidays_library

from bot import settings

DEFAULT_HOURS = "lun-ven 09:00-18:00"
DAYS = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"]
PHONE_LINE = "0970 800 800"
PHONE_HOURS = "du lundi au vendredi de 9 h à 18 h, hors jours fériés"
# The library's French subdivisions: Alsace is "6AE" (Bas-Rhin 67, Haut-Rhin 68), Moselle "57";
# both have Good Friday and 26 December.
ALSACE_MOSELLE = {"67": "6AE", "68": "6AE", "ALSACE": "6AE", "ALSACE-MOSELLE": "6AE",
                  "MOSELLE": "57"}


class HoursError(ValueError):
    pass


@functools.lru_cache(maxsize=32)
def _calendar(spec: str) -> Optional[holidays_library.HolidayBase]:
    text = spec.strip().upper().replace("_", "-")
    if text in ("", "NONE", "AUCUN", "AUCUNS"):
        return None
    country, _, subdivision = text.partition("-")
    if country != "FR":
        raise HoursError(f"calendrier des jours fériés inconnu : {spec!r} (attendu FR, FR-57, "
                         "FR-974...)")
    subdivision = ALSACE_MOSELLE.get(subdivision, subdivision)
    if subdivision and subdivision not in holidays_library.France.subdivisions:
        known = ", ".join("FR-" + s for s in holidays_library.France.subdivisions)
        raise HoursError(f"subdivision française inconnue : {spec!r} (connues : {known})")
    return holidays_library.country_holidays("FR", subdiv=subdivision or None, language="fr")


def holiday_name(day: dt.date, spec: Optional[str] = None) -> Optional[str]:
    """The name of the public holiday on ``day`` in the configured calendar, else None."""
    calendar = _calendar(spec if spec is not None else settings.advisor_holidays())
    if calendar is None:
        return None
    return calendar.get(day)


@dataclass(frozen=True)
class Hours:
    always: bool = False
    slots: tuple = ()  # (weekday, start minute, end minute)
    holidays: str = "FR"  # the calendar of days off (ADVISOR_HOLIDAYS)

    def is_open(self, when: Optional[dt.datetime] = None) -> bool:
        if self.always:
            return True
        local = (when or dt.datetime.now(dt.timezone.utc)).astimezone(timezone())
        if holiday_name(local.date(), self.holidays):
            return False
        minute = local.hour * 60 + local.minute
        return any(day == local.weekday() and start <= minute < end
                   for day, start, end in self.slots)


def timezone() -> ZoneInfo:
    return ZoneInfo(settings.advisor_timezone())


def _minutes(text: str) -> int:
    match = re.fullmatch(r"(\d{1,2})[:h](\d{2})?", text.strip())
    if not match:
        raise HoursError(f"heure illisible : {text!r} (attendu HH:MM)")
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 24 or minutes > 59 or hours * 60 + minutes > 24 * 60:
        raise HoursError(f"heure impossible : {text!r}")
    return hours * 60 + minutes


def parse(spec: Optional[str], holidays: Optional[str] = None) -> Hours:
    calendar = holidays if holidays is not None else settings.advisor_holidays()
    _calendar(calendar)  # refuse an unknown calendar now, not at the first message
    text = (spec if spec is not None else DEFAULT_HOURS).strip().lower()
    if text in ("always", "toujours", "24/7"):
        return Hours(always=True, holidays=calendar)
    if text in ("never", "jamais", ""):
        return Hours(holidays=calendar)
    slots = []
    for part in re.split(r"[;,]", text):
        tokens = part.split()
        if not tokens:
            continue
        days_token, ranges = tokens[0], tokens[1:]
        if not ranges:
            raise HoursError(f"plage horaire manquante après {days_token!r}")
        if "-" in days_token:
            first, last = days_token.split("-", 1)
        else:
            first = last = days_token
        if first not in DAYS or last not in DAYS:
            raise HoursError(f"jour inconnu dans {days_token!r} (lun mar mer jeu ven sam dim)")
        i, j = DAYS.index(first), DAYS.index(last)
        days = list(range(i, j + 1)) if i <= j else list(range(i, 7)) + list(range(0, j + 1))
        for time_range in ranges:
            if "-" not in time_range:
                raise HoursError(f"plage horaire illisible : {time_range!r} (attendu 09:00-18:00)")
            start, end = (_minutes(x) for x in time_range.split("-", 1))
            if start >= end:
                raise HoursError(f"plage horaire vide : {time_range!r}")
            slots.extend((day, start, end) for day in days)
    return Hours(slots=tuple(slots), holidays=calendar)


def configured() -> Hours:
    return parse(settings.advisor_hours())


def describe(spec: Optional[str] = None) -> str:
    """A French description of the configured hours, for messages."""
    text = (spec if spec is not None else settings.advisor_hours() or DEFAULT_HOURS).strip()
    if text.lower() in ("always", "toujours", "24/7"):
        return "à toute heure"
    if text.lower() == DEFAULT_HOURS:
        return "du lundi au vendredi de 9 h à 18 h, hors jours fériés"
    return text + " (hors jours fériés)"
