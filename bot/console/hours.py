"""Opening hours of the advisors' team, from ``ADVISOR_HOURS`` (time zone Europe/Paris).

Syntax: ``always``, ``never``, or day ranges with time ranges separated by ``;`` or ``,``::

    ADVISOR_HOURS="lun-ven 09:00-18:00"            (the default)
    ADVISOR_HOURS="lun-jeu 09:00-12:30 13:30-18:00; ven 09:00-17:00"

Days: lun mar mer jeu ven sam dim. ``ADVISOR_TIMEZONE`` overrides Europe/Paris.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Optional
from zoneinfo import ZoneInfo

DEFAULT_HOURS = "lun-ven 09:00-18:00"
DAYS = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"]
PHONE_LINE = "0970 800 800"
PHONE_HOURS = "du lundi au vendredi de 9 h à 18 h"


class HoursError(ValueError):
    pass


@dataclass(frozen=True)
class Hours:
    always: bool = False
    slots: tuple = ()  # (weekday, start minute, end minute)

    def is_open(self, when: Optional[dt.datetime] = None) -> bool:
        if self.always:
            return True
        local = (when or dt.datetime.now(dt.timezone.utc)).astimezone(timezone())
        minute = local.hour * 60 + local.minute
        return any(day == local.weekday() and start <= minute < end
                   for day, start, end in self.slots)


def timezone() -> ZoneInfo:
    return ZoneInfo(os.environ.get("ADVISOR_TIMEZONE", "Europe/Paris"))


def _minutes(text: str) -> int:
    match = re.fullmatch(r"(\d{1,2})[:h](\d{2})?", text.strip())
    if not match:
        raise HoursError(f"heure illisible : {text!r} (attendu HH:MM)")
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 24 or minutes > 59 or hours * 60 + minutes > 24 * 60:
        raise HoursError(f"heure impossible : {text!r}")
    return hours * 60 + minutes


def parse(spec: Optional[str]) -> Hours:
    text = (spec if spec is not None else DEFAULT_HOURS).strip().lower()
    if text in ("always", "toujours", "24/7"):
        return Hours(always=True)
    if text in ("never", "jamais", ""):
        return Hours()
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
    return Hours(slots=tuple(slots))


def configured() -> Hours:
    return parse(os.environ.get("ADVISOR_HOURS"))


def describe(spec: Optional[str] = None) -> str:
    """A French description of the configured hours, for messages."""
    text = (spec if spec is not None else os.environ.get("ADVISOR_HOURS", DEFAULT_HOURS)).strip()
    if text.lower() in ("always", "toujours", "24/7"):
        return "à toute heure"
    if text.lower() == DEFAULT_HOURS:
        return "du lundi au vendredi de 9 h à 18 h"
    return text
