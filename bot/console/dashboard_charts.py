"""Server-rendered SVG charts of the dashboard: bars and a weekday × hour grid.

Each chart draws the figures of the table beside it (the table is the accessible source: RGAA
criterion 1.8 / WCAG 1.1.1 — a chart is never the only way to read a figure). The SVG is
``role="img"`` with a French title that points to that table; no script, nothing from another
host. Colours keep a 3:1 contrast against white (WCAG 1.4.11).
"""
from __future__ import annotations

from html import escape
from typing import Sequence

COLOURS = ("#000091", "#b34000", "#18753c", "#6a3d9a", "#a0165e", "#006a6f")
TEXT = "#1e1e1e"
MAX_BARS = 60


def _svg(chart_id: str, title: str, width: int, height: int, body: str) -> str:
    return (f'<svg id="{escape(chart_id)}" class="chart" role="img" viewBox="0 0 {width} {height}" '
            f'width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="{escape(chart_id)}-t" '
            f'xmlns="http://www.w3.org/2000/svg"><title id="{escape(chart_id)}-t">{escape(title)}'
            f'</title>{body}</svg>')


def _fmt(value: float) -> str:
    return (f"{value:.1f}".rstrip("0").rstrip(".")).replace(".", ",")


def bars(chart_id: str, title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]) -> str:
    """Horizontal bars: one group per label, one bar per series, the value written after it."""
    labels = list(labels)[:MAX_BARS]
    if not labels:
        return _svg(chart_id, title + " (aucune donnée)", 600, 40,
                    f'<text x="8" y="24" fill="{TEXT}" font-size="14">Aucune donnée pour cette période.</text>')
    top = max([v for _, values in series for v in list(values)[:len(labels)]] + [1])
    bar_h, gap, left, right = 14, 10, 210, 60
    group_h = bar_h * len(series) + gap
    legend_h = 22 if len(series) > 1 else 0
    height = legend_h + group_h * len(labels) + 6
    width = 720
    scale = (width - left - right) / top
    parts = []
    if len(series) > 1:
        x = left
        for i, (name, _) in enumerate(series):
            colour = COLOURS[i % len(COLOURS)]
            parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>'
                         f'<text x="{x + 16}" y="15" fill="{TEXT}" font-size="13">{escape(name)}</text>')
            x += 24 + 8 * len(name)
    for row, label in enumerate(labels):
        y0 = legend_h + row * group_h
        short = label if len(label) <= 30 else label[:29] + "…"
        parts.append(f'<text x="{left - 6}" y="{y0 + bar_h * len(series) / 2 + 5:.0f}" '
                     f'text-anchor="end" fill="{TEXT}" font-size="13">{escape(short)}</text>')
        for i, (_, values) in enumerate(series):
            value = float(list(values)[row] or 0)
            y = y0 + i * bar_h
            w = max(value * scale, 0)
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h - 2}" '
                         f'fill="{COLOURS[i % len(COLOURS)]}"/>'
                         f'<text x="{left + w + 4:.1f}" y="{y + bar_h - 3}" fill="{TEXT}" '
                         f'font-size="12">{_fmt(value)}</text>')
    return _svg(chart_id, title, width, height, "".join(parts))


def columns(chart_id: str, title: str, labels: Sequence[str], values: Sequence[float]) -> str:
    """Vertical columns (one per day), labelled every few columns."""
    labels, values = list(labels), [float(v or 0) for v in values]
    if not labels:
        return bars(chart_id, title, [], [])
    width, height, bottom, left = 720, 180, 30, 30
    top = max(values + [1])
    step = (width - left - 10) / len(labels)
    every = max(1, len(labels) // 10)
    parts = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="{TEXT}"/>',
             f'<text x="{left - 4}" y="16" text-anchor="end" fill="{TEXT}" font-size="12">{_fmt(top)}</text>']
    for i, (label, value) in enumerate(zip(labels, values)):
        h = value / top * (height - bottom - 20)
        x = left + i * step
        parts.append(f'<rect x="{x + step * .15:.1f}" y="{height - bottom - h:.1f}" '
                     f'width="{max(step * .7, 1):.1f}" height="{h:.1f}" fill="{COLOURS[0]}"/>')
        if i % every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{height - 10}" text-anchor="middle" '
                         f'fill="{TEXT}" font-size="11">{escape(label)}</text>')
    return _svg(chart_id, title, width, height, "".join(parts))


def grid(chart_id: str, title: str, rows: Sequence[str], cells: Sequence[Sequence[float]]) -> str:
    """A weekday × hour grid: the darker the cell, the more conversations began then."""
    width, left, top_h, cell_w, cell_h = 720, 50, 18, 27, 20
    top = max([v for row in cells for v in row] + [1])
    parts = []
    for hour in range(0, 24, 3):
        parts.append(f'<text x="{left + hour * cell_w + cell_w / 2}" y="13" text-anchor="middle" '
                     f'fill="{TEXT}" font-size="11">{hour} h</text>')
    for r, (label, row) in enumerate(zip(rows, cells)):
        y = top_h + r * cell_h
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" fill="{TEXT}" '
                     f'font-size="12">{escape(label)}</text>')
        for hour, value in enumerate(row):
            share = value / top
            parts.append(f'<rect x="{left + hour * cell_w}" y="{y}" width="{cell_w - 2}" '
                         f'height="{cell_h - 2}" fill="#000091" fill-opacity="{0.08 + 0.92 * share:.2f}" '
                         f'stroke="#767676" stroke-width="0.5"/>')
    return _svg(chart_id, title, width, top_h + cell_h * len(rows) + 4, "".join(parts))
