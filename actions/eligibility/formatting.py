"""French formatting helpers shared by the engine and the conversation layer.

Amounts: thousands are separated by U+202F (NARROW NO-BREAK SPACE) and the euro sign is preceded
by U+00A0 (NO-BREAK SPACE): ``format_euros(1200) == "1\u202f200\u00a0€"``. Decimals use a comma and
are shown only when the amount is not whole: ``format_euros(2187.64) == "2\u202f187,64\u00a0€"``.
"""
from __future__ import annotations

import datetime as _dt

NNBSP = "\u202f"  # thousands separator
NBSP = "\u00a0"   # before the euro sign

_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre")


def format_number(amount) -> str:
    """French number: ``1 200``, ``2 187,64``, ``0,5`` (no unit)."""
    neg = amount < 0
    amount = abs(amount)
    cents = int(round(amount * 100))
    whole, frac = divmod(cents, 100)
    s = f"{whole:,}".replace(",", NNBSP)
    if frac:
        s += "," + f"{frac:02d}"
    return ("-" if neg else "") + s


def format_euros(amount) -> str:
    """French amount in euros: ``format_euros(1200) -> '1 200 €'`` (see module doc for spaces)."""
    return format_number(amount) + NBSP + "€"


def format_percent(rate) -> str:
    """``format_percent(1.5) -> '1,5 %'`` (rate given in percent)."""
    s = f"{rate:g}".replace(".", ",")
    return s + NBSP + "%"


def format_date(d) -> str:
    """French long date: ``1er juillet 2023``, ``15 février 2024``."""
    if isinstance(d, str):
        d = _dt.date.fromisoformat(d)
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {_MONTHS[d.month - 1]} {d.year}"


def normalise_spaces(text: str) -> str:
    """Replace the no-break spaces by plain spaces (for comparisons in tests and logs)."""
    return text.replace(NNBSP, " ").replace(NBSP, " ")
