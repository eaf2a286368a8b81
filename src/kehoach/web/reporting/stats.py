"""The lead agency's figures: who reported (on time, late, not at all), the four-way task
status per plan, unit and task, overdue tasks, outputs planned against delivered, and the
on-time completion rate.

Rates follow DHIS2's reporting rates: expected reports, reports received, received on time.
The on-time completion rate of a plan is the share of tasks finished on time among the tasks
whose outcome is known (finished, or past their due date).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from .outputs import _declared_from, from_sources, tally
from .periods import is_continuous, plan_span, task_dates
from .progress import FOUR_WAY, FOUR_WAY_LABELS, LABELS, progress_many
from .scope import GroupExpander, covered_tasks, expected_parts, lead_units


def pct(part: int, whole: int) -> str:
    """"37,5" — one decimal, a decimal comma, as Vietnamese reports print it."""
    if not whole:
        return "0"
    value = round(100 * part / whole, 1)
    return (f"{value:.1f}".rstrip("0").rstrip(".")).replace(".", ",")


@dataclass
class UnitRow:
    unit: object
    report: object | None
    parts: list
    state: str  # on_time | late | missing | draft (not submitted) — on time/late judged on the first submission
    submitted: dt.datetime | None = None


@dataclass
class PeriodFigures:
    period: object
    rows: list
    expected: int
    received: int
    on_time: int
    late: int
    missing: int
    returned: int
    accepted: int

    @property
    def received_rate(self) -> str:
        return pct(self.received, self.expected)

    @property
    def on_time_rate(self) -> str:
        return pct(self.on_time, self.expected)

    def names(self, state: str) -> list[str]:
        return [r.unit.name for r in self.rows if r.state == state]


def plan_tasks(plan):
    from kehoach.web.plans.models import Assignment

    return list(
        plan.tasks.select_related("plan")
        .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("unit").order_by("role", "position")))
        .order_by("position")
    )


def period_figures(period, tasks=None, today: dt.date | None = None, expander=None) -> PeriodFigures:
    from .models import ReportStatus

    today = today or timezone.localdate()
    parts = expected_parts(period, tasks, expander)
    reports = {r.unit_id: r for r in period.unit_reports.select_related("unit")}
    rows = []
    for unit, unit_parts in sorted(parts.items(), key=lambda kv: kv[0].folded):
        report = reports.get(unit.pk)
        if report is None or report.first_submitted_at is None:
            state = "missing" if today > period.due else "pending"
            if report is not None and state == "pending":
                state = "draft"
        else:
            state = "on_time" if report.on_time() else "late"
        rows.append(UnitRow(unit, report, unit_parts, state, report.first_submitted_at if report else None))
    counts = Counter(r.state for r in rows)
    return PeriodFigures(
        period=period, rows=rows, expected=len(rows), received=counts["on_time"] + counts["late"],
        on_time=counts["on_time"], late=counts["late"], missing=counts["missing"],
        returned=sum(1 for r in rows if r.report and r.report.status == ReportStatus.RETURNED),
        accepted=sum(1 for r in rows if r.report and r.report.status == ReportStatus.ACCEPTED),
    )


@dataclass
class TaskRow:
    task: object
    progress: dict
    four_way: str
    leads: list
    end: dt.date
    continuous: bool
    outputs: list = field(default_factory=list)


@dataclass
class PlanFigures:
    tasks: list
    four_way: Counter
    by_unit: "OrderedDict[str, Counter]"
    overdue: list
    completion_rate: str
    outputs_planned: int = 0
    outputs_delivered: int = 0
    outputs_by_unit: "OrderedDict[str, list[int]]" = field(default_factory=OrderedDict)

    @property
    def total(self) -> int:
        return len(self.tasks)

    def share(self, key: str) -> str:
        return pct(self.four_way.get(key, 0), self.total)

    def unit_rows(self) -> list[tuple[str, list[int]]]:
        """(unit, [count per four-way state, in FOUR_WAY_LABELS' order]) for a table."""
        return [(name, [counts.get(k, 0) for k in FOUR_WAY_LABELS]) for name, counts in self.by_unit.items()]

    def summary(self) -> list[tuple[str, int, str]]:
        return [(FOUR_WAY_LABELS[k], self.four_way.get(k, 0), self.share(k)) for k in FOUR_WAY_LABELS]


def plan_figures(plan, tasks=None, today: dt.date | None = None, window=None, expander=None) -> PlanFigures:
    """The four-way status of every task of `plan` (those with a lead), by unit, and outputs.

    `window` (start, end) limits the output count to a period's data window.
    """
    from .models import ReportItem, ReportStatus

    today = today or timezone.localdate()
    tasks = plan_tasks(plan) if tasks is None else tasks
    tasks = [t for t in tasks if any(a.role in ("lead", "co_lead") for a in t.assignments.all())]
    progress = progress_many(tasks, today)
    span = plan_span(plan)
    expander = expander or GroupExpander()
    # Declared deliveries of all the plan's tasks in one query.
    declared_items = (
        ReportItem.objects.filter(task__plan=plan, report__status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])
        .exclude(deliveries=[]).select_related("report__period", "report__unit").order_by("report__period__window_end", "pk")
    )
    by_task: dict[int, list] = {}
    for item in declared_items:
        by_task.setdefault(item.task_id, []).append(item)
    rows, four_way, by_unit, overdue = [], Counter(), OrderedDict(), []
    outputs_by_unit: OrderedDict = OrderedDict()
    planned_total = delivered_total = 0
    for task in tasks:
        info = progress[task.pk]
        key = FOUR_WAY[info["status"]]
        start, end = task_dates(task, span)
        leads = lead_units(task, expander)
        row = TaskRow(task, info, key, leads, end, is_continuous(task))
        if task.outputs:
            w_start, w_end = window or span
            entries = from_sources(task, start, w_end) + _declared_from(by_task.get(task.pk, []), start, w_end)
            row.outputs = tally(task, w_start, w_end, entries=entries, as_of=today, span=span)
            for t in row.outputs:
                planned_total += t.planned
                delivered_total += t.delivered
                for unit in leads[:1] or []:
                    figures = outputs_by_unit.setdefault(unit.name, [0, 0])
                    figures[0] += t.planned
                    figures[1] += t.delivered
        rows.append(row)
        four_way[key] += 1
        if key == "overdue":
            overdue.append(row)
        for unit in {u.pk: u for u in leads}.values():
            by_unit.setdefault(unit.name, Counter())[key] += 1
    decided = four_way["done_on_time"] + four_way["done_late"] + four_way["overdue"]
    return PlanFigures(
        tasks=rows, four_way=four_way, by_unit=OrderedDict(sorted(by_unit.items())), overdue=overdue,
        completion_rate=pct(four_way["done_on_time"], decided), outputs_planned=planned_total,
        outputs_delivered=delivered_total, outputs_by_unit=OrderedDict(sorted(outputs_by_unit.items())),
    )


STATUS_LABELS = LABELS
