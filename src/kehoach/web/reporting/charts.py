"""Charts drawn on the server as inline SVG: nothing to load, they print, and they read without
JavaScript. Each chart carries a <title> and a text table beside it on the page."""
from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe

COLOURS = {
    "done_on_time": "#1d6b3a",
    "done_late": "#7fb069",
    "in_time": "#1f4e96",
    "overdue": "#a4161a",
    "not_done": "#8a8f98",
    "on_time": "#1d6b3a",
    "late": "#e0a800",
    "missing": "#a4161a",
    "pending": "#c9ced6",
    "draft": "#9fb3d1",
}
ORDER = ("done_on_time", "done_late", "in_time", "overdue", "not_done")


def stacked_bars(rows: list[tuple[str, dict]], keys=ORDER, labels: dict | None = None, title: str = "") -> str:
    """Horizontal stacked bars, one per (label, {key: count}) row."""
    labels = labels or {}
    bar_h, gap, label_w, width = 18, 6, 260, 720
    height = len(rows) * (bar_h + gap) + 40
    scale_w = width - label_w - 50
    largest = max((sum(c.get(k, 0) for k in keys) for _, c in rows), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {width} {height}" '
             f'width="100%" style="max-width:{width}px" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    y = 4
    for name, counts in rows:
        short = name if len(name) <= 42 else name[:40] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" font-size="12">{escape(short)}</text>')
        x = label_w
        for key in keys:
            value = counts.get(key, 0)
            if not value:
                continue
            w = value / largest * scale_w
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{COLOURS[key]}">'
                         f'<title>{escape(labels.get(key, key))}: {value}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 13}" font-size="12">{sum(counts.get(k, 0) for k in keys)}</text>')
        y += bar_h + gap
    x = label_w
    for key in keys:
        parts.append(f'<rect x="{x}" y="{y + 8}" width="10" height="10" fill="{COLOURS[key]}"/>'
                     f'<text x="{x + 14}" y="{y + 17}" font-size="11">{escape(labels.get(key, key))}</text>')
        x += 14 + 7 * len(labels.get(key, key)) + 12
    parts.append("</svg>")
    return mark_safe("".join(parts))


def donut(parts: list[tuple[str, int, str]], title: str = "", centre: str = "") -> str:
    """A ring of (key, value, label) shares with the centre text."""
    import math

    total = sum(v for _, v, _ in parts) or 1
    r, cx, cy, stroke = 60, 80, 80, 26
    circumference = 2 * math.pi * r
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart donut" viewBox="0 0 340 160" width="340" '
           f'height="160" aria-label="{escape(title)}"><title>{escape(title)}</title>'
           f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="#eef0f4" stroke-width="{stroke}"/>']
    offset = 0.0
    for key, value, label in parts:
        if not value:
            continue
        length = value / total * circumference
        out.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{COLOURS[key]}" stroke-width="{stroke}" '
                   f'stroke-dasharray="{length:.2f} {circumference - length:.2f}" stroke-dashoffset="{-offset:.2f}" '
                   f'transform="rotate(-90 {cx} {cy})"><title>{escape(label)}: {value}</title></circle>')
        offset += length
    out.append(f'<text x="{cx}" y="{cy + 6}" text-anchor="middle" font-size="18" font-weight="700">{escape(centre)}</text>')
    y = 30
    for key, value, label in parts:
        out.append(f'<rect x="170" y="{y - 10}" width="11" height="11" fill="{COLOURS[key]}"/>'
                   f'<text x="186" y="{y}" font-size="12">{escape(label)}: {value}</text>')
        y += 22
    out.append("</svg>")
    return mark_safe("".join(out))
