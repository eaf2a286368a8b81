"""A task's progress as the units' reports give it: the interface other apps use.

    task_progress(task) -> {"status", "percent", "as_of", "period"}

`status` is one of STATUSES. The view is the latest accepted report item of a lead (or co-lead)
unit on the task, else the latest submitted one; with neither, the task's own dates and done
mark decide (percent, as_of and period are then None). Dates win over words: a task reported
"hoàn thành" after its due date counts as "hoàn thành quá hạn", and an unfinished task past its
due date is "quá hạn" — except "Thường xuyên" tasks, which are never overdue.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .periods import is_continuous, plan_span, task_dates

DONE_ON_TIME = "hoan_thanh_dung_han"
DONE_LATE = "hoan_thanh_qua_han"
IN_PROGRESS = "dang_thuc_hien"
OVERDUE = "qua_han"
NOT_STARTED = "chua_trien_khai"
NOT_DONE = "khong_thuc_hien"
STATUSES = (DONE_ON_TIME, DONE_LATE, IN_PROGRESS, OVERDUE, NOT_STARTED, NOT_DONE)

LABELS = {
    DONE_ON_TIME: "hoàn thành đúng hạn",
    DONE_LATE: "hoàn thành quá hạn",
    IN_PROGRESS: "đang thực hiện",
    OVERDUE: "quá hạn chưa hoàn thành",
    NOT_STARTED: "chưa triển khai",
    NOT_DONE: "không thực hiện",
}

# The four-way grouping of Vietnamese task tracking (Văn phòng Chính phủ).
FOUR_WAY = {
    DONE_ON_TIME: "done_on_time",
    DONE_LATE: "done_late",
    IN_PROGRESS: "in_time",
    NOT_STARTED: "in_time",
    OVERDUE: "overdue",
    NOT_DONE: "not_done",
}
FOUR_WAY_LABELS = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "in_time": "Đang thực hiện trong hạn",
    "overdue": "Quá hạn chưa hoàn thành",
    "not_done": "Không thực hiện",
}


def status_of(item_status: str, completed_on, task, today: dt.date, span=None) -> str:
    continuous = is_continuous(task)
    end = task_dates(task, span or plan_span(task.plan))[1]
    if item_status in ("hoan_thanh", "hoan_thanh_qua_han"):
        late = item_status == "hoan_thanh_qua_han" or (not continuous and completed_on is not None and completed_on > end)
        return DONE_LATE if late else DONE_ON_TIME
    if item_status == NOT_DONE:
        return NOT_DONE
    if not continuous and today > end:
        return OVERDUE
    return IN_PROGRESS if item_status == IN_PROGRESS else NOT_STARTED


def _without_report(task, today: dt.date, span) -> str:
    if task.done_at:
        done = timezone.localtime(task.done_at).date()
        return status_of("hoan_thanh", done, task, today, span)
    return status_of("", None, task, today, span)


def progress_many(tasks, today: dt.date | None = None) -> dict[int, dict]:
    """{task id: progress} for many tasks in three queries (dashboards, the consolidated report)."""
    from .models import ReportItem, ReportStatus

    today = today or timezone.localdate()
    tasks = list(tasks)
    items = (
        ReportItem.objects.filter(
            task__in=[t.pk for t in tasks], role__in=["lead", "co_lead"],
            report__status__in=[ReportStatus.ACCEPTED, ReportStatus.SUBMITTED],
        )
        .exclude(status="")
        .select_related("report__period")
        .order_by("report__period__window_end", "report__submitted_at", "pk")
    )
    accepted: dict[int, object] = {}
    submitted: dict[int, object] = {}
    for item in items:  # ordered oldest first, so the last one written wins
        (accepted if item.report.status == ReportStatus.ACCEPTED else submitted)[item.task_id] = item
    spans: dict[int, tuple] = {}
    out = {}
    for task in tasks:
        span = spans.get(task.plan_id)
        if span is None:
            span = spans[task.plan_id] = plan_span(task.plan)
        item = accepted.get(task.pk) or submitted.get(task.pk)
        if item is None:
            out[task.pk] = {"status": _without_report(task, today, span), "percent": None, "as_of": None, "period": None}
            continue
        percent = item.percent
        if percent is None and item.status in ("hoan_thanh", "hoan_thanh_qua_han"):
            percent = 100
        report = item.report
        as_of = min(timezone.localtime(report.submitted_at).date(), report.period.window_end) if report.submitted_at else report.period.window_end
        out[task.pk] = {
            "status": status_of(item.status, item.completed_on, task, today, span),
            "percent": percent,
            "as_of": as_of,
            "period": report.period.label,
        }
    return out


def task_progress(task) -> dict:
    """The latest accepted (else submitted) unit report's view of `task`; see the module's doc."""
    return progress_many([task])[task.pk]
