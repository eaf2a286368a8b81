"""Report periods from a plan's regime, its recurring tasks and outputs, and the lead agency.

- Regime: each `ReportDeadline` the reader found ("báo cáo 06 tháng trước ngày 15/6/2026",
  "báo cáo năm trước ngày 25/11/2026") becomes a period whose deadline is the plan's own and
  whose data cut-off window follows Nghị định 09/2019/NĐ-CP, Điều 12, unless the plan chooses
  calendar windows: month 15th of the month before → 14th; quarter 15th of the month before the
  quarter → 14th of its last month; first half 15/12 of the year before → 14/6, second half
  15/6 → 14/12; year 15/12 of the year before → 14/12.
- Recurring: tasks done monthly or quarterly, and outputs counted per month or quarter ("01
  số/quý"), give one slot per month or quarter across the plan's span; the slots count outputs,
  and collect reports only when the plan asks for it.
- Ad hoc: plans that set no dated regime ("định kỳ hoặc khi có yêu cầu") get the periods the
  lead agency opens (`open_adhoc`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kehoach.text import fold

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
ONE_DAY = dt.timedelta(days=1)


@dataclass
class PeriodSpec:
    key: str
    kind: str
    source: str
    label: str
    window_start: dt.date
    window_end: dt.date
    due: dt.date
    deadline_id: int | None = None
    report_to: str = ""
    expects_reports: bool = True
    tasks: list = field(default_factory=list)  # the recurring tasks behind a slot


# --------------------------------------------------------------------------- windows


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - ONE_DAY


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def window(kind: str, year: int, index: int = 1, rule: str = "nd09") -> tuple[dt.date, dt.date]:
    """The data cut-off window of a month (index 1–12), quarter (1–4), half (1–2) or year."""
    if kind == "month":
        first_month, months = index, 1
    elif kind == "quarter":
        first_month, months = 3 * (index - 1) + 1, 3
    elif kind == "half":
        first_month, months = 6 * (index - 1) + 1, 6
    elif kind == "year":
        first_month, months = 1, 12
    else:
        raise ValueError(kind)
    last_year, last_month = _shift_month(year, first_month, months - 1)
    if rule == "calendar":
        return dt.date(year, first_month, 1), _month_end(last_year, last_month)
    # Nghị định 09/2019, Điều 12: from the 15th of the month before to the 14th of the last month.
    start_year, start_month = _shift_month(year, first_month, -1)
    return dt.date(start_year, start_month, 15), dt.date(last_year, last_month, 14)


def label(kind: str, year: int, index: int = 1) -> str:
    if kind == "month":
        return f"tháng {index} năm {year}"
    if kind == "quarter":
        return f"quý {ROMAN[index]} năm {year}"
    if kind == "half":
        return f"6 tháng {'đầu' if index == 1 else 'cuối'} năm {year}"
    return f"năm {year}"


def key(kind: str, year: int, index: int = 1) -> str:
    return {"month": f"{year}-M{index:02d}", "quarter": f"{year}-Q{index}", "half": f"{year}-H{index}"}.get(kind, f"{year}-Y")


# --------------------------------------------------------------------------- a plan's span and a task's dates


_YEARS = re.compile(r"(?:giai doan|nam|nhiem ky)\s+((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?")


def plan_span(plan) -> tuple[dt.date, dt.date]:
    """The plan's own period: the year(s) its title names ("năm 2026", "giai đoạn 2026 - 2030"),
    else from its date to the end of that year, else the year it was published or made."""
    match = _YEARS.search(fold(plan.title or ""))
    if match:
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first <= last <= first + 10:
            return dt.date(first, 1, 1), dt.date(last, 12, 31)
    if plan.date:
        return plan.date, dt.date(plan.date.year, 12, 31)
    moment = plan.published_at or plan.created_at
    year = moment.year if moment else dt.date.today().year
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def is_continuous(task) -> bool:
    return task.recurrence == "continuous" or "thuong xuyen" in fold(task.timeframe or "")


def task_dates(task, span) -> tuple[dt.date, dt.date]:
    """(start, end) of a task; what it does not state comes from the plan's span."""
    start = task.start or span[0]
    end = task.end or span[1]
    if task.end and not task.start:
        start = min(span[0], task.end)
    if start > end:
        start = end
    return start, end


def per_kind(per: str | None) -> str | None:
    """"tháng" → month, "quý" → quarter, "năm" → year; None for a total ("02 lớp")."""
    word = fold(per or "")
    if word.startswith("thang"):
        return "month"
    if word.startswith("quy"):
        return "quarter"
    if word.startswith("nam"):
        return "year"
    return None


def recurring_kind(task) -> str | None:
    """The slot kind a task recurs in: monthly/quarterly recurrence or per-month/quarter outputs."""
    if task.recurrence == "monthly":
        return "month"
    if task.recurrence == "quarterly":
        return "quarter"
    for output in task.outputs or []:
        kind = per_kind(output.get("per"))
        if kind in ("month", "quarter"):
            return kind
    return None


def slots(kind: str, start: dt.date, end: dt.date) -> list[tuple[int, int, dt.date, dt.date]]:
    """Calendar (year, index, first day, last day) of each month/quarter/year meeting [start, end]."""
    out = []
    months = {"month": 1, "quarter": 3, "year": 12}[kind]
    year, month = start.year, ((start.month - 1) // months) * months + 1
    while True:
        first = dt.date(year, month, 1)
        if first > end:
            break
        last_year, last_month = _shift_month(year, month, months - 1)
        out.append((year, (month - 1) // months + 1, first, _month_end(last_year, last_month)))
        year, month = _shift_month(year, month, months)
    return out


# --------------------------------------------------------------------------- the regime


def _classify(period_text: str | None, due: dt.date) -> tuple[str, int, int]:
    """(kind, year, index) of a regime line, from its wording and its due date."""
    text = fold(period_text or "")
    if re.search(r"\b(0?6|sau) thang\b", text):
        if "cuoi" in text or due.month >= 10 or due.month <= 1:
            return "half", due.year if due.month >= 6 else due.year - 1, 2
        return "half", due.year, 1
    if "quy" in text:
        quarter = (due.month - 1) // 3 + 1
        # A quarter's report is due in its last month or the month after.
        if due.month % 3 == 1:
            quarter -= 1
        year = due.year
        if quarter == 0:
            quarter, year = 4, year - 1
        return "quarter", year, quarter
    if re.search(r"\b(hang )?thang\b", text):
        month, year = due.month, due.year
        if due.day <= 10:  # due early in a month: the month before
            year, month = _shift_month(year, month, -1)
        return "month", year, month
    if "nam" in text or not text:
        # No wording: a deadline in the first half of the year reads as a 6-month report.
        if not text and 4 <= due.month <= 8:
            return "half", due.year, 1
        return "year", due.year if due.month >= 6 else due.year - 1, 1
    return "adhoc", due.year, 1


def regime_specs(plan, deadlines, rule: str = "nd09") -> list[PeriodSpec]:
    specs: dict[str, PeriodSpec] = {}
    adhoc = 0
    for deadline in deadlines:
        if deadline.due is None:
            continue
        kind, year, index = _classify(deadline.period, deadline.due)
        if kind == "adhoc":
            adhoc += 1
            span = plan_span(plan)
            spec = PeriodSpec(f"regime-{adhoc}", "adhoc", "regime", deadline.period or "báo cáo", span[0],
                              min(deadline.due, span[1]), deadline.due, deadline.pk, deadline.to)
        else:
            start, end = window(kind, year, index, rule)
            spec = PeriodSpec(key(kind, year, index), kind, "regime", label(kind, year, index), start, end,
                              deadline.due, deadline.pk, deadline.to)
        specs.setdefault(spec.key, spec)
    return list(specs.values())


def slot_specs(plan, tasks, rule: str = "nd09", collect: bool = False, taken: set[str] = frozenset()) -> list[PeriodSpec]:
    span = plan_span(plan)
    by_key: dict[str, PeriodSpec] = {}
    for task in tasks:
        kind = recurring_kind(task)
        if kind is None:
            continue
        start, end = task_dates(task, span)
        for year, index, _first, _last in slots(kind, start, end):
            slot_key = key(kind, year, index)
            if slot_key in taken:
                continue
            spec = by_key.get(slot_key)
            if spec is None:
                w_start, w_end = window(kind, year, index, rule)
                spec = by_key[slot_key] = PeriodSpec(slot_key, kind, "recurring", label(kind, year, index), w_start,
                                                     w_end, w_end + ONE_DAY, expects_reports=collect)
            spec.tasks.append(task)
    return sorted(by_key.values(), key=lambda s: (s.window_end, s.key))


def has_dated_regime(plan) -> bool:
    return plan.report_deadlines.filter(due__isnull=False).exists()


# --------------------------------------------------------------------------- the database


def settings_for(plan):
    """The plan's PlanReporting row, made with defaults that fit the plan on first use."""
    from .models import DocFormat, PlanReporting

    row = PlanReporting.objects.filter(plan=plan).first()
    if row is None:
        row, _ = PlanReporting.objects.get_or_create(plan=plan, defaults={"doc_format": default_format(plan)})
    return row


def default_format(plan) -> str:
    """Party format for a Party body's plan ("37-KH/TU", "Ban Thường vụ Tỉnh ủy")."""
    from kehoach.web.plans.models import UnitKind

    from .models import DocFormat

    if plan.issuer_unit_id and plan.issuer_unit.kind == UnitKind.PARTY:
        return DocFormat.PARTY
    number = plan.number or ""
    issuer = fold(plan.issuer or "")
    if re.search(r"\d+-[A-ZĐ]+/", number) or "tinh uy" in issuer or "dang uy" in issuer:
        return DocFormat.PARTY
    return DocFormat.STATE


def sync_periods(plan, user=None) -> list:
    """Create the periods of a published plan that are missing; update those nobody edited.

    Idempotent: called on every visit of the plan's reporting page and by the CLI. Periods with
    reports keep their key; a regime line that disappeared leaves its period (and its reports).
    """
    from django.db import IntegrityError, transaction

    from .models import Period

    if plan.status != "published":
        return list(Period.objects.filter(plan=plan))
    config = settings_for(plan)
    regime = regime_specs(plan, plan.report_deadlines.order_by("position"), config.window_rule)
    tasks = list(plan.tasks.all())
    specs = regime + slot_specs(plan, tasks, config.window_rule, config.collect_slot_reports, {s.key for s in regime})
    existing = {p.key: p for p in Period.objects.filter(plan=plan)}
    for spec in specs:
        period = existing.get(spec.key)
        values = {
            "kind": spec.kind, "source": spec.source, "label": spec.label, "window_start": spec.window_start,
            "window_end": spec.window_end, "due": spec.due, "deadline_id": spec.deadline_id,
            "report_to": spec.report_to[:300], "expects_reports": spec.expects_reports,
        }
        if period is None:
            try:
                with transaction.atomic():
                    existing[spec.key] = Period.objects.create(plan=plan, key=spec.key, opened_by=user, **values)
            except IntegrityError:  # made at the same moment by another request
                existing[spec.key] = Period.objects.get(plan=plan, key=spec.key)
        elif not period.edited and any(getattr(period, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(period, k, v)
            period.save()
    return sorted(existing.values(), key=lambda p: (p.due, p.window_end, p.key))


def open_adhoc(plan, *, label_text: str, window_start: dt.date, window_end: dt.date, due: dt.date, user=None,
               report_to: str = "", note: str = ""):
    """An ad-hoc period the lead agency opens ("báo cáo khi có yêu cầu")."""
    from django.db import transaction

    from kehoach.web.plans.services.audit import record

    from .models import Period
    from .services import ReportingError

    if not (label_text or "").strip():
        raise ReportingError("label: give the period a name, e.g. “Báo cáo phục vụ sơ kết quý I”", "label")
    if window_start > window_end:
        raise ReportingError("window_end: the data window ends before it starts", "window_end")
    with transaction.atomic():
        used = Period.objects.select_for_update().filter(plan=plan, key__startswith="adhoc-").count()
        period = Period.objects.create(
            plan=plan, key=f"adhoc-{used + 1}", kind="adhoc", source="adhoc", label=label_text.strip()[:200],
            window_start=window_start, window_end=window_end, due=due, report_to=report_to[:300], note=note,
            opened_by=user, edited=True,
        )
        record(user, "open_period", period, plan=plan, after={"key": period.key, "label": period.label,
                                                              "window": [window_start, window_end], "due": due})
    return period


def find_period(plan, text: str):
    """A period by its key ("2026-H1"), id or label, for the CLI."""
    from .models import Period

    periods = sync_periods(plan)
    wanted = (text or "").strip()
    for period in periods:
        if period.key.lower() == wanted.lower() or str(period.pk) == wanted:
            return period
    folded = fold(wanted)
    matches = [p for p in periods if fold(p.label) == folded] or [p for p in periods if folded and folded in fold(p.label)]
    return matches[0] if len(matches) == 1 else None
