"""Reporting through the cascade: the work reported on lower tasks, rolled up to the upper task
they carry out, so the issuer of the upper plan sees what the units below have done.

Progress of one task comes from the reporting app (`kehoach.web.reporting.progress.task_progress`)
where it is installed, else from the plans app's "done" mark. An upper task's rolled-up progress
is the mean of its linked lower tasks' percentages: each carries a part of it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger("kehoach.cascade")

_UNSET = object()
_reporting = _UNSET


def _reported_progress():
    """The reporting app's `task_progress`, or None where it is not installed; looked up once."""
    global _reporting
    if _reporting is _UNSET:
        try:
            from kehoach.web.reporting.progress import task_progress as found
        except ImportError:  # the reporting app is not there (or not built yet)
            found = None
        except RuntimeError:  # its models exist but the app is not in INSTALLED_APPS
            log.warning("cascade: kehoach.web.reporting is not installed; progress comes from the done mark")
            found = None
        _reporting = found
    return _reporting


def _fallback(task) -> dict:
    done = task.done_at is not None
    return {"status": "done" if done else "open", "percent": 100 if done else 0,
            "as_of": task.done_at.date() if done else None, "period": None, "source": "done_mark"}


def task_progress(task) -> dict:
    """{status, percent, as_of, period} for one task; never raises."""
    reported = _reported_progress()
    if reported is not None:
        try:
            progress = dict(reported(task) or {})
        except Exception:  # noqa: BLE001 - a reporting error must not take the cascade page down
            log.exception("cascade: task_progress(%s) failed; using the done mark", task.pk)
        else:
            if progress.get("percent") is None and is_done(progress):
                progress["percent"] = 100  # done without a percentage reported
            progress.setdefault("source", "reporting")
            return progress
    return _fallback(task)


# Statuses as the reporting app writes them (kehoach.web.reporting.progress), and our fallback's.
DONE_STATUSES = {"done", "hoan_thanh_dung_han", "hoan_thanh_qua_han"}
STARTED_STATUSES = {"in_progress", "dang_thuc_hien"}


def is_done(progress: dict) -> bool:
    return progress.get("status") in DONE_STATUSES or (progress.get("percent") or 0) >= 100


def status_label(status) -> str:
    """A progress status in words: the reporting app's labels where it has them."""
    from django.utils.translation import gettext as _

    try:
        from kehoach.web.reporting.progress import LABELS
    except Exception:  # noqa: BLE001 - no reporting app: our own few labels
        LABELS = {}
    ours = {"done": _("done"), "open": _("open"), "in_progress": _("in progress"), "not_started": _("not started")}
    return LABELS.get(status) or ours.get(status) or str(status or "")


@dataclass
class LowerWork:
    plan: object
    task: object
    progress: dict
    confirmed: bool


@dataclass
class UpperRollup:
    task: object
    own: dict
    lower: list[LowerWork] = field(default_factory=list)
    gap_in: list = field(default_factory=list)  # lower plans that did not take this task up

    @property
    def percent(self) -> int | None:
        """The mean of the linked tasks' percentages (those that report one)."""
        known = [int(w.progress["percent"]) for w in self.lower if w.progress.get("percent") is not None]
        return round(sum(known) / len(known)) if known else None

    @property
    def status(self) -> str:
        if not self.lower:
            return "not_taken_up" if self.gap_in else "none"
        if all(is_done(w.progress) for w in self.lower):
            return "done"
        if any(is_done(w.progress) or (w.progress.get("percent") or 0) > 0 or w.progress.get("status") in STARTED_STATUSES
               for w in self.lower):
            return "in_progress"
        return "not_started"

    @property
    def as_of(self):
        dates = [w.progress.get("as_of") for w in self.lower if w.progress.get("as_of")]
        return max(dates, key=str) if dates else None


def implementing(upper, user) -> list[tuple[object, object]]:
    """(lower plan, its unit) for each plan visible to `user` that cites `upper`."""
    from kehoach.web.plans.permissions import plans_for

    from .coverage import plan_unit

    lowers = list(plans_for(user).filter(citations__target=upper).exclude(pk=upper.pk).distinct()
                  .select_related("issuer_unit", "owner_unit").defer("source_text", "extracted").order_by("date", "pk"))
    matcher = None
    if any(not (p.issuer_unit_id or p.owner_unit_id) for p in lowers):
        from kehoach.web.plans.services.units import Matcher

        matcher = Matcher()  # one snapshot of the registry for all of them
    return [(plan, plan_unit(plan, matcher)) for plan in lowers]


@dataclass
class Rollup:
    rows: list[UpperRollup]
    lowers: list[dict]  # {"plan", "unit", "counts"} per implementing plan ("counts" None: unit unknown)

    @property
    def linked(self) -> int:
        return sum(1 for r in self.rows if r.lower)


def rollup(upper, user) -> Rollup:
    """Per upper task, the lower tasks carrying it out and their progress, over every visible plan
    implementing `upper` (for a plan whose unit is unknown no coverage can be computed)."""
    from kehoach.web.plans.permissions import role_of, tasks_for

    from .coverage import coverage_for, db_tasks

    upper_tasks = db_tasks(upper)
    rows = {t.pk: UpperRollup(t, task_progress(t)) for t in upper_tasks}
    # Officers see the lower tasks they may see; admins and viewers all of a visible plan's.
    visible = None
    if role_of(user) == "officer":
        visible = set(tasks_for(user).values_list("pk", flat=True))
    lowers = []
    for lower, unit in implementing(upper, user):
        if unit is None:
            lowers.append({"plan": lower, "unit": None, "counts": None})
            continue
        view = coverage_for(upper, lower, unit)
        lowers.append({"plan": lower, "unit": unit, "counts": view.counts()})
        for row in view.rows:
            target = rows.get(row.task.pk)
            if target is None:
                continue
            if row.is_gap:
                target.gap_in.append(lower)
            for link in row.lower:
                if visible is not None and link.task.pk not in visible:
                    continue
                target.lower.append(LowerWork(lower, link.task, task_progress(link.task), link.verdict == "confirmed"))
    return Rollup([rows[t.pk] for t in upper_tasks], lowers)
