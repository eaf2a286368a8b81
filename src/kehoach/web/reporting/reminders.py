"""Reminders: an e-mail and an in-app notice to each expected unit's officers N days before a
period's due date (the plan's setting) and on the day after it, when the unit has not submitted.

`send_reminders(today)` is idempotent (one `ReminderLog` per period, unit and kind), so cron may
call `kehoach-reminders` (the `send_reminders` management command) as often as it likes; the
demo runs it in-process every hour (`start_scheduler`). Mail goes through Django's mail backend
(EMAIL_* settings); a failed send is logged on the reminder and retried by no one, so a broken
mail server never stops the notices.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

log = logging.getLogger("kehoach.reporting")


def officers_of(unit):
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(kehoach__unit=unit, kehoach__role="officer", is_active=True))


def _mail(subject: str, body: str, recipients: list[str]) -> tuple[int, str]:
    from django.core.mail import EmailMessage, get_connection

    if not recipients:
        return 0, ""
    try:
        connection = get_connection(fail_silently=False, timeout=20)
        messages = [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address], connection=connection)
                    for address in recipients]
        return connection.send_messages(messages) or 0, ""
    except Exception as error:  # the notice still goes out; the failure is kept on the log row
        log.warning("reminder mail to %s failed: %s", recipients, error)
        return 0, f"{type(error).__name__}: {error}"[:300]


def notify_unit(report, kind: str, message: str) -> None:
    """In-app notice and e-mail to a unit's officers about their report (returned, accepted)."""
    from .models import Notice

    url = reverse("reporting:report", args=[report.period_id, report.unit_id])
    users = officers_of(report.unit)
    Notice.objects.bulk_create(Notice(user=u, kind=kind, message=message[:500], url=url, period=report.period) for u in users)
    _mail(f"[kehoach] {message[:120]}", f"{message}\n\n{_absolute(url)}\n", [u.email for u in users if u.email])


def _absolute(url: str) -> str:
    base = getattr(settings, "KEHOACH_BASE_URL", "") or "http://127.0.0.1:8000"
    return base.rstrip("/") + url


def due_reminders(today: dt.date):
    """(period, unit, kind) for every reminder that is due today and not yet sent."""
    from .models import Period, ReminderLog, ReportStatus, UnitReport
    from .periods import settings_for
    from .scope import expected_parts

    out = []
    candidates = Period.objects.filter(
        expects_reports=True, plan__status="published",
        due__gte=today - dt.timedelta(days=1), due__lte=today + dt.timedelta(days=60),
    ).select_related("plan")
    for period in candidates:
        before = settings_for(period.plan).remind_days_before
        if period.due == today - dt.timedelta(days=1):
            kind = "after"
        elif before and period.due - dt.timedelta(days=before) <= today < period.due:
            kind = "before"
        else:
            continue
        done = set(UnitReport.objects.filter(period=period, first_submitted_at__isnull=False).values_list("unit_id", flat=True))
        done |= set(UnitReport.objects.filter(period=period, status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])
                    .values_list("unit_id", flat=True))
        sent = set(ReminderLog.objects.filter(period=period, kind=kind).values_list("unit_id", flat=True))
        for unit in expected_parts(period):
            if unit.pk not in done and unit.pk not in sent:
                out.append((period, unit, kind))
    return out


def send_reminders(today: dt.date | None = None) -> dict:
    """Send the reminders due today; returns counts."""
    from .models import Notice, ReminderLog

    today = today or timezone.localdate()
    counts = {"reminders": 0, "emails": 0, "notices": 0, "errors": 0}
    for period, unit, kind in due_reminders(today):
        try:
            with transaction.atomic():
                row = ReminderLog.objects.create(period=period, unit=unit, kind=kind)
        except IntegrityError:  # another scheduler run got there first
            continue
        url = reverse("reporting:report", args=[period.pk, unit.pk])
        plan_label = period.plan.label()
        if kind == "before":
            days = (period.due - today).days
            message = (f"Còn {days} ngày đến hạn báo cáo {period.label} ({plan_label}): hạn {period.due:%d/%m/%Y}; "
                       f"{unit.name} chưa gửi báo cáo.")
        else:
            message = (f"Đã quá hạn báo cáo {period.label} ({plan_label}) từ ngày {period.due:%d/%m/%Y}; "
                       f"{unit.name} chưa gửi báo cáo.")
        users = officers_of(unit)
        Notice.objects.bulk_create(Notice(user=u, kind=f"remind_{kind}", message=message, url=url, period=period) for u in users)
        sent, error = _mail(f"[kehoach] Nhắc hạn báo cáo: {period.label} – {plan_label}",
                            f"{message}\n\nNhập báo cáo tại: {_absolute(url)}\n", [u.email for u in users if u.email])
        ReminderLog.objects.filter(pk=row.pk).update(emails=sent, notices=len(users), error=error)
        counts["reminders"] += 1
        counts["emails"] += sent
        counts["notices"] += len(users)
        counts["errors"] += bool(error)
    return counts


_scheduler: threading.Thread | None = None


def start_scheduler(interval_seconds: int = 3600) -> threading.Thread:
    """Run `send_reminders` now and then every `interval_seconds` in a daemon thread (the demo;
    a deployment calls the management command from cron instead)."""
    global _scheduler
    if _scheduler is not None and _scheduler.is_alive():
        return _scheduler
    stop = threading.Event()

    def loop():
        from django.db import close_old_connections

        while not stop.is_set():
            try:
                counts = send_reminders()
                if counts["reminders"]:
                    log.info("reminders: %s", counts)
            except Exception:
                log.exception("reminder run failed")
            finally:
                close_old_connections()
            stop.wait(interval_seconds)

    _scheduler = threading.Thread(target=loop, name="kehoach-reminders", daemon=True)
    _scheduler.stop = stop
    _scheduler.start()
    return _scheduler
