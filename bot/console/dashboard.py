"""The dashboard of the advisors' console: ``/console/tableau-de-bord`` (advisors and admins).

For a period (``du``, ``au``: local dates, default the last 30 days up to today) and a channel
(``canal``, default all): conversations per day by channel, verdicts, aids by product, messages
not understood, handoffs and their reasons, ticket delays, outcomes, busy hours, feedback and
follow-ups. Each table has its server-rendered SVG chart and its CSV
(``/console/tableau-de-bord/<table>.csv`` with the same query): the chart, the HTML table and
the CSV are built from the same rows. Figures come from bot.storage.dashboard.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from dataclasses import dataclass, field
from typing import Any, Callable, Optional
from urllib.parse import urlencode

import yaml
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot import settings
from bot.console import dashboard_charts as charts
from bot.opening_hours import timezone
from bot.storage import dashboard as stats
from bot.storage.feedback import FOLLOW_UP_LABELS
from bot.storage.query_dates import query_date

DEFAULT_DAYS = 30
CHANNEL_LABELS = {"rest": "API REST (rest)", "socketio": "Widget (socketio)", "hr": "RH (hr)",
                  "slack": "Slack (slack)", "botframework": "Teams (botframework)"}
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
# injectable clock: tests and the held-back check choose the day the default period ends
clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)


class PeriodError(ValueError):
    pass


@dataclass
class Table:
    slug: str
    heading: str            # the section's heading and the table's caption
    headers: list           # column headers; the first names the row headers
    rows: list              # [row header (text), number, number, ...]
    chart: str = ""
    row_links: dict = field(default_factory=dict)  # row index -> [(label, href)]
    note: str = ""


@functools.lru_cache(maxsize=1)
def product_names() -> dict:
    path = settings.ROOT / "actions" / "eligibility" / "catalogue" / "products.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    out = {}
    for key in ("products", "unverified"):
        for product in data.get(key) or []:
            if isinstance(product, dict) and product.get("id"):
                out[str(product["id"])] = str(product.get("name") or product["id"])
    return out


def number(value: Any) -> str:
    """A plain number, the French way (comma decimals, no unit); 0 when there is no data."""
    if value is None:
        return "0"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    value = round(float(value), 1)
    return str(int(value)) if value == int(value) else f"{value:.1f}".replace(".", ",")


def day_label(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def period_from(query: Any, today: Optional[dt.date] = None) -> stats.Period:
    tz = timezone()
    today = today or clock().astimezone(tz).date()

    def date(name: str) -> Optional[dt.date]:
        return query_date(query, name, PeriodError)

    end = date("au")
    start = date("du")
    end = end or (max(start, today) if start and start > today else today)
    start = start or end - dt.timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise PeriodError("La date de début est après la date de fin.")
    if (end - start).days + 1 > stats.MAX_DAYS:
        raise PeriodError(f"Choisissez une période d'au plus {stats.MAX_DAYS} jours.")
    return stats.Period(start, end, tz)


def channel_from(query: Any) -> str:
    value = (query.get("canal") or "").strip()
    if value and value not in stats.CHANNELS:
        raise PeriodError("Canal inconnu : choisissez-en un dans la liste.")
    return value


def tables(fig: dict) -> list[Table]:
    names = product_names()
    out = []
    channels = fig["channels"]
    per_day = fig["per_day"]
    out.append(Table(
        "conversations", "Conversations par jour et par canal",
        ["Jour"] + [CHANNEL_LABELS.get(c, c) for c in channels] + ["Total"],
        [[day_label(d["day"])] + d["by_channel"] + [d["total"]] for d in per_day],
        charts.columns("chart-conversations", "Graphique : conversations par jour (total ; "
                       "chiffres par canal dans le tableau qui suit)",
                       [d["day"].strftime("%d/%m") for d in per_day], [d["total"] for d in per_day]),
        note=f"{fig['conversations']} conversation(s) distincte(s) sur la période ; une "
             "conversation compte une fois par jour où elle a eu lieu."))
    v = fig["verdicts"]
    rows = [["Conversations", v["conversations"]], ["Avec un verdict", v["verdicts"]],
            ["Sans verdict", v["without"]], ["Taux de verdict (%)", v["rate"]]]
    out.append(Table("verdicts", "Verdicts rendus", ["Mesure", "Nombre"], rows,
                     charts.bars("chart-verdicts", "Graphique : verdicts rendus (chiffres dans le "
                                 "tableau qui suit)", [r[0] for r in rows[:3]],
                                 [("Nombre", [r[1] for r in rows[:3]])])))
    products = fig["products"]
    rows = [[names.get(p["id"], p["id"]), p["eligible"], p["to_confirm"]] for p in products]
    out.append(Table("aides", "Aides trouvées par produit : éligibles et à confirmer",
                     ["Aide", "Éligible", "À confirmer"], rows,
                     charts.bars("chart-aides", "Graphique : aides éligibles et à confirmer par "
                                 "produit (chiffres dans le tableau qui suit)",
                                 [r[0] for r in rows], [("Éligible", [r[1] for r in rows]),
                                                        ("À confirmer", [r[2] for r in rows])]),
                     note="Nombre de conversations où l'aide a été trouvée."))
    n = fig["not_understood"]
    rows = [["Messages des usagers", n["messages"]], ["Messages non compris", n["not_understood"]],
            ["Taux de messages non compris (%)", n["rate"]]]
    out.append(Table("non-compris", "Messages non compris", ["Mesure", "Nombre"], rows,
                     charts.bars("chart-non-compris", "Graphique : messages non compris parmi les "
                                 "messages des usagers (chiffres dans le tableau qui suit)",
                                 [r[0] for r in rows[:2]], [("Messages", [r[1] for r in rows[:2]])])))
    top = n["top"]
    links = {i: [(f"transcription {j + 1}", "/console/conversations/" + _quote(c))
                 for j, c in enumerate(e["conversations"])] for i, e in enumerate(top)}
    out.append(Table("non-compris-frequents", "Messages non compris les plus fréquents",
                     ["Message (masqué)", "Occurrences"], [[e["text"], e["count"]] for e in top],
                     charts.bars("chart-non-compris-frequents", "Graphique : messages non compris "
                                 "les plus fréquents (chiffres dans le tableau qui suit)",
                                 [e["text"] for e in top], [("Occurrences", [e["count"] for e in top])]),
                     row_links=links,
                     note="Textes masqués (coordonnées et numéros retirés)."))
    h = fig["handoffs"]
    rows = [["Conversations", h["conversations"]], ["Conversations transférées", h["handoffs"]],
            ["Taux de transfert (%)", h["rate"]], ["Tickets ouverts", h["tickets"]]]
    out.append(Table("transferts", "Transferts au conseiller", ["Mesure", "Nombre"], rows,
                     charts.bars("chart-transferts", "Graphique : transferts au conseiller "
                                 "(chiffres dans le tableau qui suit)",
                                 [rows[0][0], rows[1][0], rows[3][0]],
                                 [("Nombre", [rows[0][1], rows[1][1], rows[3][1]])]),
                     note="Un transfert est un ticket ouvert pour un conseiller."))
    rows = [[reason, count] for reason, count in h["reasons"]]
    out.append(Table("motifs", "Motifs des transferts au conseiller", ["Motif", "Tickets"], rows,
                     charts.bars("chart-motifs", "Graphique : motifs des transferts (chiffres dans "
                                 "le tableau qui suit)", [r[0] for r in rows],
                                 [("Tickets", [r[1] for r in rows])]),
                     note="Un ticket peut avoir plusieurs motifs."))
    d = fig["delays"]
    rows = [["Prise en charge", d["take"]["count"], d["take"]["median"], d["take"]["p90"]],
            ["Clôture", d["close"]["count"], d["close"]["median"], d["close"]["p90"]]]
    out.append(Table("delais", "Délais des tickets en minutes : médiane et 90e centile",
                     ["Délai depuis l'ouverture", "Tickets", "Médiane (min)", "90e centile (min)"],
                     rows, charts.bars("chart-delais", "Graphique : délais de prise en charge et de "
                                       "clôture en minutes (chiffres dans le tableau qui suit)",
                                       [r[0] for r in rows],
                                       [("Médiane", [r[2] or 0 for r in rows]),
                                        ("90e centile", [r[3] or 0 for r in rows])]),
                     note="90e centile : méthode du rang le plus proche."))
    rows = [[outcome, count] for outcome, count in fig["outcomes"]]
    out.append(Table("issues", "Issues des tickets clos", ["Issue", "Tickets"], rows,
                     charts.bars("chart-issues", "Graphique : issues des tickets clos (chiffres "
                                 "dans le tableau qui suit)", [r[0] for r in rows],
                                 [("Tickets", [r[1] for r in rows])])))
    busy = fig["busy"]
    out.append(Table("affluence", "Heures d'affluence par jour de la semaine",
                     ["Jour"] + [f"{hour} h" for hour in range(24)],
                     [[WEEKDAYS[i]] + busy[i] for i in range(7)],
                     charts.grid("chart-affluence", "Graphique : débuts de conversation par jour "
                                 "de la semaine et par heure (chiffres dans le tableau qui suit)",
                                 WEEKDAYS, busy),
                     note="Débuts de conversation, heure de Paris."))
    f = fig["feedback"]
    rows = [["Conversations ayant répondu", f["answers"]], ["Oui, la réponse a aidé", f["yes"]],
            ["Non", f["no"]], ["Taux de « oui » (%)", f["rate"]]]
    out.append(Table("avis", "Avis des usagers : « Cette réponse vous a-t-elle aidé ? »",
                     ["Mesure", "Nombre"], rows,
                     charts.bars("chart-avis", "Graphique : avis des usagers (chiffres dans le "
                                 "tableau qui suit)", [rows[1][0], rows[2][0]],
                                 [("Conversations", [f["yes"], f["no"]])]),
                     note="La dernière réponse de chaque conversation compte."))
    fu = fig["follow_ups"]
    rows = [["Relances demandées", fu["requested"]], ["Relances envoyées", fu["sent"]]]
    rows += [[f"Réponse « {FOLLOW_UP_LABELS[a]} »", count] for a, count in fu["answers"]]
    out.append(Table("relances", "Relances : les usagers ont-ils fait leur demande ?",
                     ["Mesure", "Nombre"], rows,
                     charts.bars("chart-relances", "Graphique : relances et réponses (chiffres dans "
                                 "le tableau qui suit)", [r[0] for r in rows],
                                 [("Nombre", [r[1] for r in rows])])))
    return out


def _quote(value: str) -> str:
    from urllib.parse import quote
    return quote(value or "", safe="")


def _figures(period: stats.Period, channel: str) -> dict:
    return stats.figures(period, channel)


def _parse(request: Request) -> tuple[stats.Period, str, Optional[str]]:
    try:
        return period_from(request.query_params), channel_from(request.query_params), None
    except PeriodError as error:
        return period_from({}), "", str(error)


async def dashboard_page(request: Request) -> Response:
    from bot.console.app import fmt_dt, render

    period, channel, error = _parse(request)
    fig = await run_in_threadpool(_figures, period, channel)
    query = urlencode({"du": period.start.isoformat(), "au": period.end.isoformat(),
                       **({"canal": channel} if channel else {})})
    return render(request, "dashboard.html", {
        "period": period, "channel": channel, "error": error, "tables": tables(fig),
        "query": query, "number": number, "fig": fig, "channel_labels": CHANNEL_LABELS,
        "fmt_dt": fmt_dt}, status_code=400 if error else 200)


async def dashboard_csv(request: Request) -> Response:
    period, channel, error = _parse(request)
    if error:
        return PlainTextResponse(error, status_code=400)
    slug = request.path_params["table"]
    fig = await run_in_threadpool(_figures, period, channel)
    table = next((t for t in tables(fig) if t.slug == slug), None)
    if table is None:
        return PlainTextResponse("Ce tableau n'existe pas.", status_code=404)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_csv_cell(row[0])] + [number(v) for v in row[1:]])
    name = f"tableau-de-bord-{slug}-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})


def _csv_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas (CSV injection) in a text cell."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


routes = [
    Route("/tableau-de-bord", dashboard_page),
    Route("/tableau-de-bord/{table}.csv", dashboard_csv),
]
