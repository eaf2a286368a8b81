"""Who reports what in a period: the tasks a period covers and the units expected to report.

A task is covered when its dates (or the plan's, where it states none) meet the period's data
window; "Thường xuyên" tasks are covered by every period. A monthly or quarterly slot covers
only the recurring tasks behind it. Each unit with a part in a covered task is expected to
report on it: as lead or co-lead (the task's result) or as a partner (a contribution that the
lead unit's report folds in). A group the plan names ("UBND các xã, phường") stands for its
members in the registry, each of which reports.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from kehoach.text import fold

from .periods import is_continuous, plan_span, recurring_kind, task_dates

ROLE_ORDER = {"lead": 0, "co_lead": 1, "partner": 2}

# Group units of the registry and the kind of unit they stand for.
GROUP_KINDS = (
    (("xa", "phuong"), "commune"),
    (("so", "nganh"), "department"),
    (("bao chi",), "press"),
    (("hoi", "doan the"), "mass"),
)


@dataclass
class Part:
    task: object
    role: str


def covered_tasks(period, tasks=None) -> list:
    """The plan's tasks that `period` covers, in the plan's order."""
    from kehoach.web.plans.models import Assignment

    plan = period.plan
    if tasks is None:
        tasks = list(
            plan.tasks.prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("unit")))
            .order_by("position")
        )
    span = plan_span(plan)
    out = []
    for task in tasks:
        if period.source == "recurring":
            if recurring_kind(task) != period.kind:
                continue
        if is_continuous(task):
            out.append(task)
            continue
        start, end = task_dates(task, span)
        if start <= period.window_end and end >= period.window_start:
            out.append(task)
    return out


class GroupExpander:
    """Members of group units; the registry is read once, on the first group met."""

    def __init__(self):
        self._cache: dict[int, list] = {}
        self._parents: dict[int, int | None] | None = None
        self._by_kind: dict[str, list] | None = None

    def _load(self) -> None:
        from kehoach.web.plans.models import Unit

        self._parents = dict(Unit.objects.values_list("pk", "parent_id"))
        self._by_kind = defaultdict(list)
        for candidate in Unit.objects.filter(active=True).exclude(kind="group").order_by("folded"):
            self._by_kind[candidate.kind].append(candidate)

    def _root(self, pk: int) -> int:
        seen = 0
        while self._parents.get(pk) is not None and seen < 50:
            pk, seen = self._parents[pk], seen + 1
        return pk

    def members(self, unit) -> list:
        if unit.kind != "group":
            return [unit]
        if unit.pk not in self._cache:
            name = fold(unit.name)
            kind = next((k for words, k in GROUP_KINDS if all(w in name for w in words)), None)
            members = []
            if kind:
                if self._parents is None:
                    self._load()
                root = self._root(unit.pk)
                members = [m for m in self._by_kind.get(kind, []) if self._root(m.pk) == root]
            self._cache[unit.pk] = members or [unit]
        return self._cache[unit.pk]


def expected_parts(period, tasks=None, expander=None) -> dict:
    """{unit: [Part…]} of every unit expected to report in `period`, parts in the plan's order."""
    if not period.expects_reports:
        return {}
    expander = expander or GroupExpander()
    parts: dict = {}
    seen: set = set()
    for task in covered_tasks(period, tasks):
        for assignment in sorted(task.assignments.all(), key=lambda a: ROLE_ORDER.get(a.role, 3)):
            if assignment.unit is None:
                continue
            for unit in expander.members(assignment.unit):
                if (unit.pk, task.pk) in seen:
                    continue
                seen.add((unit.pk, task.pk))
                parts.setdefault(unit, []).append(Part(task, assignment.role))
    return parts


def parts_for_unit(period, unit, expander=None) -> list[Part]:
    """The parts of one unit in `period`: as `expected_parts` gives them, read from the unit's own
    assignments and the plan's groups only (a unit's page must not walk every task of the plan)."""
    from kehoach.web.plans.models import Assignment

    if not period.expects_reports:
        return []
    expander = expander or GroupExpander()
    assignments = (
        Assignment.objects.filter(task__plan_id=period.plan_id)
        .filter(Q(unit=unit) | Q(unit__kind="group"))
        .select_related("task__plan", "unit")
    )
    chosen: dict[int, tuple] = {}
    for a in sorted(assignments, key=lambda a: (a.task.position, ROLE_ORDER.get(a.role, 3))):
        if a.unit_id != unit.pk and not any(m.pk == unit.pk for m in expander.members(a.unit)):
            continue
        chosen.setdefault(a.task_id, (a.task, a.role))
    covered = {t.pk for t in covered_tasks(period, [task for task, _ in chosen.values()])}
    return [Part(task, role) for task, role in chosen.values() if task.pk in covered]


def lead_units(task, expander=None) -> list:
    expander = expander or GroupExpander()
    units = []
    for assignment in task.assignments.all():
        if assignment.role in ("lead", "co_lead") and assignment.unit is not None:
            units.extend(expander.members(assignment.unit))
    return units
