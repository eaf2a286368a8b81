"""Outputs delivered against planned: who counts what.

Other apps tell this one what was delivered for a task (the press app: issues published,
events held, classes run) by registering a source in their AppConfig.ready():

    from kehoach.web.reporting.outputs import register_delivered_source
    register_delivered_source(fn)   # fn(task, start: date, end: date) -> [{kind, label, date, url}]

`delivered(task, start, end)` is every registered source's list followed by what the units'
submitted or accepted reports declared, so officers stop counting by hand. `tally` sets them
against the task's planned outputs ("01 số/quý" over a year: 4 planned, one per quarter) and
names the slots that are missing ("Quý IV").
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.utils import timezone

from kehoach.text import fold

from .periods import ROMAN, per_kind, plan_span, slots, task_dates

log = logging.getLogger("kehoach.reporting")
_SOURCES: list = []


def register_delivered_source(fn):
    """Add a source of delivered outputs (once; returns fn, so it can decorate)."""
    if fn not in _SOURCES:
        _SOURCES.append(fn)
    return fn


def unregister_delivered_source(fn) -> None:
    if fn in _SOURCES:
        _SOURCES.remove(fn)


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def declared(task, start: dt.date, end: dt.date, *, exclude_report=None) -> list[dict]:
    """What submitted or accepted unit reports declared for `task`, dated within [start, end]
    (an undated line takes the day its report was submitted), each once across reports."""
    from .models import ReportItem, ReportStatus

    items = (
        ReportItem.objects.filter(task=task, report__status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])
        .exclude(deliveries=[])
        .select_related("report__period", "report__unit")
        .order_by("report__period__window_end", "pk")
    )
    if exclude_report is not None:
        items = items.exclude(report=exclude_report)
    return _declared_from(items, start, end)


def _declared_from(items, start, end) -> list[dict]:
    seen, out = set(), []
    for item in items:
        report = item.report
        fallback = timezone.localtime(report.submitted_at).date() if report.submitted_at else report.period.window_end
        for line in item.deliveries or []:
            day = _as_date(line.get("date")) or min(fallback, report.period.window_end)
            if not (start <= day <= end):
                continue
            key = (fold(line.get("label", "")), day, line.get("url", ""), line.get("output"))
            if key in seen:
                continue
            seen.add(key)
            out.append({"kind": "report", "label": line.get("label", ""), "date": day, "url": line.get("url", ""),
                        "output": line.get("output"), "unit": report.unit.name})
    return out


def from_sources(task, start: dt.date, end: dt.date) -> list[dict]:
    out = []
    for source in list(_SOURCES):
        try:
            for entry in source(task, start, end) or []:
                entry = dict(entry)
                entry["date"] = _as_date(entry.get("date"))
                if entry["date"] is None or start <= entry["date"] <= end:  # a source that ignored the window
                    out.append(entry)
        except Exception:  # one broken source must not hide the others, nor break a page
            log.exception("delivered-output source %r failed", source)
    return out


def delivered(task, start: dt.date, end: dt.date) -> list[dict]:
    """All registered sources' deliveries for `task` in [start, end], then the reports' own."""
    return from_sources(task, start, end) + declared(task, start, end)


# --------------------------------------------------------------------------- planned against delivered


@dataclass
class Tally:
    index: int
    unit: str
    quantity: int
    per: str | None
    planned: int
    delivered: int
    missing: list[str] = field(default_factory=list)   # slots with fewer than planned ("Quý IV")
    entries: list[dict] = field(default_factory=list)

    def text(self) -> str:
        """"03/04 số", with the slots missing: "03/04 số (còn thiếu: Quý IV/2026)"."""
        base = f"{self.delivered:02d}/{self.planned:02d} {self.unit}".strip()
        return f"{base} (còn thiếu: {', '.join(self.missing)})" if self.missing else base


def slot_name(kind: str, year: int, index: int) -> str:
    if kind == "month":
        return f"Tháng {index}/{year}"
    if kind == "quarter":
        return f"Quý {ROMAN[index]}/{year}"
    return f"Năm {year}"


def _output_of(entry: dict, outputs: list[dict]) -> int | None:
    """Which of a task's outputs an entry counts towards."""
    if isinstance(entry.get("output"), int) and 0 <= entry["output"] < len(outputs):
        return entry["output"]
    if len(outputs) == 1:
        return 0
    words = fold(f"{entry.get('kind', '')} {entry.get('label', '')}")
    for index, output in enumerate(outputs):
        unit = fold(output.get("unit") or "")
        if unit and unit in words:
            return index
    return None


def tally(task, start: dt.date, end: dt.date, *, entries: list[dict] | None = None, as_of: dt.date | None = None,
          span=None) -> list[Tally]:
    """Planned against delivered for each counted output of `task` in the window [start, end].

    Per-period outputs ("01 số/quý") are planned per calendar slot that meets both the window and
    the task's dates; a total ("02 lớp") is planned whole and counted from the task's start.
    """
    outputs = list(task.outputs or [])
    if not outputs:
        return []
    span = span or plan_span(task.plan)
    t_start, t_end = task_dates(task, span)
    as_of = as_of or timezone.localdate()
    if entries is None:
        entries = delivered(task, min(t_start, start), end)
    out = []
    for index, output in enumerate(outputs):
        quantity = int(output.get("quantity") or 0) or 1
        kind = per_kind(output.get("per"))
        mine = [e for e in entries if _output_of(e, outputs) == index and e.get("date")]
        if kind is None:
            counted = [e for e in mine if t_start <= e["date"] <= end]
            out.append(Tally(index, output.get("unit") or "", quantity, None, quantity, len(counted), [], counted))
            continue
        lo, hi = max(start, t_start), min(end, t_end)
        planned = delivered_count = 0
        missing, counted = [], []
        for year, number, first, last in slots(kind, lo, hi) if lo <= hi else []:
            planned += quantity
            in_slot = [e for e in mine if first <= e["date"] <= last]
            counted.extend(in_slot)
            delivered_count += min(len(in_slot), quantity) if len(in_slot) else 0
            if len(in_slot) < quantity and first <= as_of:
                missing.append(slot_name(kind, year, number))
        out.append(Tally(index, output.get("unit") or "", quantity, output.get("per"), planned, delivered_count, missing, counted))
    return out
