"""The reporting cycle: report periods of each published plan, the units' reports on their tasks,
the versions kept of each, reminders, calendar tokens and the consolidated report's draft.

Nothing here changes the plans app's tables: a plan's reporting settings live in
`PlanReporting` (one-to-one), and every other row points at plans, tasks and units.
"""
from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kehoach.web.plans.models import Plan, ReportDeadline, Task, Unit


class DocFormat(models.TextChoices):
    STATE = "state", _("state body (Nghị định 30/2020/NĐ-CP)")
    PARTY = "party", _("Party body (Hướng dẫn 36-HD/VPTW)")


class WindowRule(models.TextChoices):
    ND09 = "nd09", _("Nghị định 09/2019/NĐ-CP (15th of the month before to the 14th)")
    CALENDAR = "calendar", _("calendar months, quarters and years")


class PlanReporting(models.Model):
    """How one plan's reports are collected; made with defaults the first time it is needed."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="reporting")
    doc_format = models.CharField(_("document format"), max_length=10, choices=DocFormat.choices, default=DocFormat.STATE)
    window_rule = models.CharField(_("data cut-off windows"), max_length=10, choices=WindowRule.choices, default=WindowRule.ND09)
    lock_after_days = models.PositiveSmallIntegerField(
        _("lock reports this many days after the due date"), null=True, blank=True, default=15,
        help_text=_("Empty: never lock."),
    )
    remind_days_before = models.PositiveSmallIntegerField(_("remind this many days before the due date"), default=3)
    collect_slot_reports = models.BooleanField(
        _("collect monthly and quarterly reports on recurring tasks"), default=False,
        help_text=_("Off: the monthly and quarterly slots only count the outputs due in them."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"reporting of {self.plan_id}"


class PeriodKind(models.TextChoices):
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    HALF = "half", _("6 months")
    YEAR = "year", _("year")
    ADHOC = "adhoc", _("ad hoc")


class PeriodSource(models.TextChoices):
    REGIME = "regime", _("the plan's reporting regime")
    RECURRING = "recurring", _("recurring tasks and outputs")
    ADHOC = "adhoc", _("opened by the lead agency")


class Period(models.Model):
    """One report period of one plan: its data cut-off window and, apart from it, its deadline."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="report_periods")
    key = models.CharField(_("key"), max_length=40)  # "2026-H1", "2026-Q3", "adhoc-2": stable, for the CLI
    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices)
    source = models.CharField(_("source"), max_length=10, choices=PeriodSource.choices)
    label = models.CharField(_("period"), max_length=200)
    window_start = models.DateField(_("data from"))
    window_end = models.DateField(_("data to"))
    due = models.DateField(_("due"), db_index=True)
    deadline = models.ForeignKey(ReportDeadline, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    report_to = models.CharField(_("report to"), max_length=300, blank=True)
    expects_reports = models.BooleanField(_("units report in this period"), default=True)
    lock_after_days = models.PositiveSmallIntegerField(_("lock after (days)"), null=True, blank=True,
                                                       help_text=_("Empty: the plan's setting."))
    edited = models.BooleanField(default=False, editable=False)  # changed by hand: regeneration keeps it
    note = models.TextField(_("note"), blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["plan", "due", "window_end", "key"]
        verbose_name = _("report period")
        verbose_name_plural = _("report periods")
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="period_unique_key")]

    def __str__(self) -> str:
        return f"{self.label} ({self.due:%d/%m/%Y})"

    @property
    def needs_estimate(self) -> bool:
        """Due before its window closes: the report carries an estimate to the window's end."""
        return self.due < self.window_end

    def lock_days(self) -> int | None:
        if self.lock_after_days is not None:
            return self.lock_after_days
        settings_row = getattr(self.plan, "reporting", None)
        return settings_row.lock_after_days if settings_row else 15

    def locks_on(self) -> dt.date | None:
        days = self.lock_days()
        return self.due + dt.timedelta(days=days) if days is not None else None

    def is_locked(self, unit=None, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        locks_on = self.locks_on()
        if locks_on is None or today <= locks_on:
            return False
        if unit is not None:
            return not self.lock_exceptions.filter(unit=unit, until__gte=today).exists()
        return True


class LockException(models.Model):
    """The lead agency lets one unit report after its period locked, until a date."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="lock_exceptions")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    until = models.DateField(_("open until"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="lock_exception_unique")]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for revision")
    ACCEPTED = "accepted", _("accepted")


class UnitReport(models.Model):
    """One unit's report for one period. `version` grows with every save (optimistic locking)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="unit_reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True)
    version = models.PositiveIntegerField(default=1)
    directives = models.TextField(_("documents issued to direct and carry out the plan"), blank=True)
    difficulties = models.TextField(_("difficulties and obstacles"), blank=True)
    proposals = models.TextField(_("proposals and recommendations"), blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)  # on time or late is judged on this
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    review_comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["period", "unit__folded"]
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="unit_report_unique")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period.label}"

    @property
    def editable_status(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    def on_time(self) -> bool | None:
        if not self.first_submitted_at:
            return None
        return timezone.localtime(self.first_submitted_at).date() <= self.period.due


class ItemStatus(models.TextChoices):
    NOT_STARTED = "chua_trien_khai", _("not started yet")
    IN_PROGRESS = "dang_thuc_hien", _("in progress")
    DONE = "hoan_thanh", _("completed")
    DONE_LATE = "hoan_thanh_qua_han", _("completed late")
    NOT_DONE = "khong_thuc_hien", _("not carried out (with the reason)")


class ItemRole(models.TextChoices):
    LEAD = "lead", _("lead")
    CO_LEAD = "co_lead", _("co-lead")
    PARTNER = "partner", _("partner (contribution to the lead unit)")


class ReportItem(models.Model):
    """What a unit reports on one task: as its lead (the task's result) or as a partner (its
    contribution, which the lead unit's report folds in)."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="items")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="report_items")
    role = models.CharField(max_length=10, choices=ItemRole.choices)
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, blank=True)
    percent = models.PositiveSmallIntegerField(_("progress %"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    narrative = models.TextField(_("results"), blank=True)
    estimate = models.TextField(_("estimate to the end of the period"), blank=True)
    # [{"output": 0, "label": "Bản tin số 1", "date": "2026-03-20", "url": ""}]: each delivered output.
    deliveries = models.JSONField(default=list, blank=True)
    links = models.TextField(_("evidence links"), blank=True)

    class Meta:
        ordering = ["report", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "task"], name="report_item_unique")]

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


def _evidence_path(instance, filename):
    return f"reports/{instance.report.period_id}/{instance.report_id}/{secrets.token_hex(4)}-{filename}"


class Evidence(models.Model):
    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="evidence")
    item = models.ForeignKey(ReportItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence")
    file = models.FileField(upload_to=_evidence_path, max_length=500)
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]


class ReportVersion(models.Model):
    """A frozen copy of a report at each submission, return and acceptance."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    action = models.CharField(max_length=10)  # submit | return | accept
    status = models.CharField(max_length=10, choices=ReportStatus.choices)
    snapshot = models.JSONField()
    comment = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]


class Notice(models.Model):
    """An in-app notice: a reminder, a report returned or accepted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_notices")
    kind = models.CharField(max_length=20)
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class ReminderLog(models.Model):
    """One reminder per period, unit and kind: the scheduler may run as often as it likes."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)  # before | after
    sent_at = models.DateTimeField(default=timezone.now)
    emails = models.PositiveIntegerField(default=0)
    notices = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "unit", "kind"], name="reminder_once")]


def _token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret in a user's calendar feed URLs (calendar programs cannot log in)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True, default=_token)
    created_at = models.DateTimeField(default=timezone.now)


class HolidayOverride(models.Model):
    """A day the year's announcement adds to the rules (day_off) or gives back to work."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=200)
    day_off = models.BooleanField(default=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class ConsolidatedDraft(models.Model):
    """The consolidated report of one period as the lead agency edits it before export."""

    period = models.OneToOneField(Period, on_delete=models.CASCADE, related_name="consolidated")
    data = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)
    generated_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
