"""The demo's reporting cycle: the sample plan mid-cycle, so every dashboard has figures from the
first minute. Everything here is invented (units of the fictional tỉnh Lâm Viên).

For the plan's period closest behind today (or its first one) most expected units have reported
on time; one reported late, one has not started, and the Sở Ngoại vụ's report was returned for
revision (log in as `ngoaivu` to revise and resubmit it). Earlier periods are complete and
accepted. Idempotent: a plan that already has reports is left alone.
"""
from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

LATE_UNIT = "Công an tỉnh"
MISSING_UNIT = "Sở Tài chính"
RETURNED_UNIT = "Sở Ngoại vụ"


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 30)))


def _fill(report, period, today, rng, span) -> None:
    from .models import ReportItem
    from .periods import is_continuous, per_kind, slots, task_dates

    as_of = min(today, period.window_end)
    items = list(report.items.select_related("task"))
    for item in items:
        task = item.task
        start, end = task_dates(task, span)
        if item.role == "partner":
            item.narrative = f"Phối hợp cung cấp thông tin, tài liệu và cử cán bộ tham gia thực hiện nhiệm vụ {task.ref}."
            continue
        if is_continuous(task):
            item.status, item.percent = "dang_thuc_hien", None
            item.narrative = "Thực hiện thường xuyên, đúng kế hoạch; cập nhật tin, bài hằng tuần."
        elif end <= as_of and task.ref != "II.2.b":
            item.status, item.percent = "hoan_thanh", 100
            item.completed_on = min(end, as_of) - dt.timedelta(days=rng.randint(1, 20))
            item.narrative = "Đã hoàn thành theo kế hoạch; sản phẩm đã được gửi Sở Văn hóa, Thể thao và Du lịch."
        elif end <= as_of:  # one task stays overdue, for the dashboards
            item.status, item.percent = "dang_thuc_hien", 70
            item.narrative = "Đã xây dựng chương trình, tài liệu; chưa tổ chức được do trùng lịch công tác."
        else:
            item.status, item.percent = "dang_thuc_hien", rng.choice([40, 50, 60, 75])
            item.narrative = "Đang triển khai theo tiến độ kế hoạch."
        if period.needs_estimate:
            item.estimate = "Ước hoàn thành 100% khối lượng nhiệm vụ đến hết năm."
        deliveries = []
        for index, output in enumerate(task.outputs or []):
            kind = per_kind(output.get("per"))
            quantity = int(output.get("quantity") or 1)
            if kind:
                for year, number, first, last in slots(kind, max(start, span[0]), min(as_of, end)):
                    if last > as_of - dt.timedelta(days=30):  # the latest slot is still missing
                        continue
                    day = min(last - dt.timedelta(days=5), as_of)
                    label = "Bản tin" if kind == "quarter" else "Chương trình"
                    deliveries.append({"output": index, "label": f"{label} {output.get('unit')} {number}/{year}",
                                       "date": day.isoformat(), "url": ""})
            else:
                done = quantity if item.status == "hoan_thanh" else max(0, quantity - 1)
                for n in range(done):
                    day = min(start + dt.timedelta(days=20 + 25 * n), as_of)
                    deliveries.append({"output": index, "label": f"{output.get('unit', '').capitalize()} thứ {n + 1}",
                                       "date": day.isoformat(), "url": ""})
        item.deliveries = deliveries
        item.links = "https://lamvien.example.gov.vn/tin-tuc/ttdn-" + (task.ref or str(task.pk)).lower().replace(".", "-")
    ReportItem.objects.bulk_update(items, ["status", "percent", "completed_on", "narrative", "estimate", "deliveries", "links"])


def load_demo(out=print, start_scheduler: bool = True) -> None:
    """Bring the sample plan's reporting mid-cycle (see the module's doc) and, for `kehoach serve
    --demo`, start the in-process reminder scheduler."""
    from kehoach.web.plans.models import Plan, PlanStatus

    from .models import ReportStatus, UnitReport
    from .periods import plan_span, sync_periods
    from .reminders import send_reminders
    from .reminders import start_scheduler as start
    from .scope import expected_parts
    from .services import _freeze, ensure_report

    plan = Plan.objects.filter(number="45/KH-SVHTTDL", status=PlanStatus.PUBLISHED).order_by("pk").first()
    if plan is None:
        out("reporting: the sample plan is not published; no reporting demo")
        return
    periods = [p for p in sync_periods(plan) if p.expects_reports]
    if not periods:
        out("reporting: the sample plan has no report period")
        return
    if UnitReport.objects.filter(period__plan=plan).exists():
        out("reporting: the sample plan's reports are there already")
    else:
        today = timezone.localdate()
        rng = random.Random(45)
        span = plan_span(plan)
        past = [p for p in periods if p.due < today]
        current = past[-1] if past else periods[0]
        with transaction.atomic():
            for period in periods:
                if period.due > current.due:
                    continue
                is_current = period.pk == current.pk
                for unit, parts in expected_parts(period).items():
                    if is_current and unit.name == MISSING_UNIT:
                        continue  # not started
                    report = ensure_report(period, unit, parts)
                    _fill(report, period, today, rng, span)
                    late = unit.name == LATE_UNIT and (is_current or period == periods[0])
                    day = period.due + dt.timedelta(days=1) if late else period.due - dt.timedelta(days=rng.randint(1, 6))
                    day = min(day, today)
                    report.difficulties = ("Kinh phí cho hoạt động thông tin đối ngoại còn hạn chế; thiếu cán bộ có trình "
                                           "độ ngoại ngữ.") if rng.random() < 0.5 else ""
                    report.proposals = ("Đề nghị Sở Văn hóa, Thể thao và Du lịch tổ chức tập huấn nghiệp vụ thông tin đối "
                                        "ngoại cho cán bộ phụ trách.") if rng.random() < 0.3 else ""
                    issued = period.window_start + dt.timedelta(days=rng.randint(20, 60))
                    report.directives = (f"Kế hoạch số {rng.randint(10, 99)}/KH ngày {issued:%d/%m/%Y} triển khai Kế hoạch "
                                         f"45/KH-SVHTTDL" if rng.random() < 0.25 else "")
                    report.status = ReportStatus.SUBMITTED
                    report.first_submitted_at = report.submitted_at = report.updated_at = _at(day)
                    report.version = 2
                    report.save()
                    _freeze(report, "submit", None)
                    if is_current and unit.name == RETURNED_UNIT:
                        report.status = ReportStatus.RETURNED
                        report.review_comment = ("Đề nghị bổ sung số liệu lớp bồi dưỡng (số lượt người tham dự) và sản "
                                                 "phẩm của triển lãm ảnh đợt 3.")
                    elif not is_current or rng.random() < 0.5:
                        report.status = ReportStatus.ACCEPTED
                    if report.status != ReportStatus.SUBMITTED:
                        report.reviewed_at = _at(min(day + dt.timedelta(days=2), today), 15)
                        report.version = 3
                        report.save()
                        _freeze(report, "return" if report.status == ReportStatus.RETURNED else "accept", None,
                                report.review_comment)
        figures = UnitReport.objects.filter(period=current)
        out(f"reporting: {plan.label()} mid-cycle in “{current.label}” (due {current.due:%d/%m/%Y}): "
            f"{figures.filter(first_submitted_at__isnull=False).count()} reports in, {LATE_UNIT} late, "
            f"{MISSING_UNIT} not started, {RETURNED_UNIT} returned for revision")
    counts = send_reminders()
    if counts["reminders"]:
        out(f"reporting: {counts['reminders']} reminders sent ({counts['notices']} in-app notices, {counts['emails']} e-mails)")
    if start_scheduler:
        start()
