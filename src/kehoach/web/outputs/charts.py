"""Bar charts as inline SVG, drawn on the server (no script, no CDN). Every bar is a link to the
articles behind it, and carries a <title> a screen reader or a mouse hover reads."""
from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ["#1f5f8b", "#c0392b", "#2e7d32", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b"]


def _fmt(n: float) -> str:
    return f"{int(n):,}".replace(",", ".")


def _nice_step(top: float) -> int:
    """A step of 1, 2, 3 or 5 × 10^n such that four steps reach `top`."""
    raw = max(top, 1) / 4
    magnitude = 10 ** max(len(str(int(raw))) - 1, 0)
    for factor in (1, 2, 3, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


def columns(items: list[dict], *, label: str, height: int = 220, width: int = 900, color: str = PALETTE[0]) -> str:
    """Vertical columns for a time series: items of {"label", "value", "href", "short"}."""
    if not items:
        return ""
    unit = _nice_step(max(i["value"] for i in items))
    top = unit * 4
    pad_left, pad_bottom, pad_top = 40, 34, 12
    inner_w, inner_h = width - pad_left - 8, height - pad_bottom - pad_top
    step = inner_w / len(items)
    bar = max(step * 0.75, 1.0)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{escape(label)}" '
             f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">']
    for k in range(5):  # grid lines and the scale, at whole, round numbers
        value = unit * k
        y = pad_top + inner_h - inner_h * k / 4
        parts.append(f'<line x1="{pad_left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{pad_left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#555">{_fmt(value)}</text>')
    every = max(1, round(len(items) / 12))
    for n, item in enumerate(items):
        h = inner_h * item["value"] / top
        x = pad_left + n * step + (step - bar) / 2
        y = pad_top + inner_h - h
        title = escape(f'{item["label"]}: {_fmt(item["value"])}')
        parts.append(f'<a href="{escape(item["href"])}"><title>{title}</title>'
                     f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{max(h, 0.5):.1f}" fill="{color}"/></a>')
        if n % every == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - pad_bottom + 14}" text-anchor="middle" font-size="11" '
                         f'fill="#333">{escape(item.get("short", item["label"]))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def bars(items: list[dict], *, label: str, width: int = 440, row: int = 24) -> str:
    """Horizontal bars for categories (outlets, languages, topics, plans)."""
    if not items:
        return ""
    top = max(i["value"] for i in items) or 1
    label_w, value_w = 200, 50
    inner = width - label_w - value_w
    height = row * len(items) + 4
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{escape(label)}" '
             f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">']
    for n, item in enumerate(items):
        y = n * row + 2
        w = inner * item["value"] / top
        color = item.get("color") or PALETTE[n % len(PALETTE)]
        name = item["label"] if len(item["label"]) <= 28 else item["label"][:27] + "…"
        title = escape(f'{item["label"]}: {_fmt(item["value"])}')
        parts.append(f'<a href="{escape(item["href"])}"><title>{title}</title>'
                     f'<text x="{label_w - 6}" y="{y + row * 0.65:.1f}" text-anchor="end" font-size="12" fill="#222">{escape(name)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row - 8}" fill="{color}"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + row * 0.65:.1f}" font-size="12" fill="#222">{_fmt(item["value"])}</text></a>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
