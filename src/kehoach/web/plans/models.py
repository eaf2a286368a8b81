"""The province's plans as tracked work: units, plans, tasks, who does what, and when to report.

A Plan keeps the original file and the reader's JSON exactly as it came (`extracted`); the rows
below it are what the lead agency reviewed and published, and what the pages and the API show.
"""
from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kehoach.text import fold


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    PARTY = "party", _("Provincial Party Committee and its boards")
    GOVERNMENT = "government", _("People's Council and People's Committee")
    DEPARTMENT = "department", _("Departments, boards and sectors")
    COMMUNE = "commune", _("Communes and wards")
    PRESS = "press", _("Press")
    MASS = "mass", _("Fatherland Front and mass organisations")
    CENTRAL = "central", _("Central bodies")
    GROUP = "group", _("Groups of units")
    OTHER = "other", _("Other")


class Unit(models.Model):
    """A body that can lead or support a task, or a named group of them ("UBND các xã, phường")."""

    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.OTHER)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    abbreviations = models.JSONField(_("abbreviations"), default=list, blank=True)
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    code = models.CharField(_("administrative code"), max_length=20, blank=True)
    active = models.BooleanField(_("active"), default=True)
    # Maintained on save: the folded name (sorting, search) and the matching keys (unit resolution).
    folded = models.CharField(max_length=300, editable=False, db_index=True)
    keys = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "folded"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unit_unique_name_under_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        from .services.units import unit_keys

        self.folded = fold(self.name)
        self.keys = "\n".join(unit_keys(self))
        super().save(*args, **kwargs)

    def short_name(self) -> str:
        return self.abbreviations[0] if self.abbreviations else self.name


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Plan(models.Model):
    title = models.TextField(_("title"), blank=True)
    doc_type = models.CharField(_("document type"), max_length=100, blank=True)
    number = models.CharField(_("number"), max_length=100, blank=True)
    number_key = models.CharField(max_length=100, blank=True, db_index=True, editable=False)
    issuer = models.CharField(_("issuer"), max_length=300, blank=True)
    issuer_unit = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="issued_plans"
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signer_authority = models.CharField(_("signing authority"), max_length=200, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    sections = models.JSONField(default=dict, blank=True)  # "II" -> "Nhiệm vụ", read from the source
    extracted = models.JSONField(default=dict)  # the reader's plan JSON, exactly as it came

    source_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(upload_to="plans/%Y/%m/", max_length=500)
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveIntegerField(default=0)
    file_format = models.CharField(max_length=10)  # text | markdown | docx | pdf | ocr
    source_text = models.TextField(blank=True)

    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True)
    owner_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_plans",
        help_text="the unit whose officer uploaded the plan (their draft)",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    # The searchable text, raw (PostgreSQL searches it through unaccent) and folded (SQLite).
    search_text = models.TextField(blank=True, editable=False)
    search_folded = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        indexes = [models.Index(fields=["status", "-date"], name="plan_status_date")]

    def __str__(self) -> str:
        label = f"{self.doc_type or 'Kế hoạch'} {self.number}".strip()
        return f"{label}: {self.title}" if self.title else label

    def save(self, *args, **kwargs):
        from .services.search import number_key

        self.number_key = number_key(self.number)
        parts = [self.doc_type, self.number, self.title, self.issuer, self.place, self.source_name, self.signer_name]
        self.search_text = " \n".join(p for p in parts if p)
        self.search_folded = fold(self.search_text)
        super().save(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    def label(self) -> str:
        kind = self.doc_type or "Kế hoạch"
        if self.number:
            return f"{kind} {self.number}"
        # No number (a draft, or a plan that prints none): the title tells plans apart.
        title = self.title if len(self.title) <= 60 else self.title[:57].rstrip() + "…"
        return f"{kind}: {title}" if title else kind


class Reference(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=100, blank=True)
    number = models.CharField(max_length=100, blank=True)
    number_key = models.CharField(max_length=100, blank=True, db_index=True)
    date = models.DateField(null=True, blank=True)
    issuer = models.CharField(max_length=300, blank=True)
    # The plan this reference names, when that plan is in the database (kept up to date both ways).
    target = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by")

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"{self.kind} {self.number}".strip()


class Recurrence(models.TextChoices):
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    YEARLY = "yearly", _("yearly")
    CONTINUOUS = "continuous", _("continuous")


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(default=0)
    ref = models.CharField(_("item"), max_length=60, blank=True)  # the reader's id: "II.2.b"
    section = models.CharField(_("section"), max_length=20, blank=True)  # "II"
    text = models.TextField(_("task"))
    timeframe = models.CharField(_("timeframe"), max_length=300, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("due"), null=True, blank=True, db_index=True)
    recurrence = models.CharField(_("recurrence"), max_length=12, choices=Recurrence.choices, blank=True)
    outputs = models.JSONField(_("outputs"), default=list, blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)  # where the task is in source_text
    source_end = models.PositiveIntegerField(null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return f"[{self.ref}] {self.text[:80]}" if self.ref else self.text[:80]

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(self.end and self.end < today and not self.done_at and not self.recurrence == Recurrence.CONTINUOUS)

    def outputs_text(self) -> str:
        return "; ".join(output_text(o) for o in self.outputs)


def output_text(output: dict) -> str:
    text = f"{int(output.get('quantity') or 0):02d} {output.get('unit') or ''}".strip()
    return f"{text}/{output['per']}" if output.get("per") else text


class Role(models.TextChoices):
    LEAD = "lead", _("lead")
    CO_LEAD = "co_lead", _("co-lead")
    PARTNER = "partner", _("partner")


class Assignment(models.Model):
    """One unit's part in one task. `name` is the unit as the document wrote it; `unit` is what
    the review resolved it to (null until then)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments")
    name = models.CharField(max_length=300)
    role = models.CharField(max_length=10, choices=Role.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["task", "role", "position"]
        indexes = [models.Index(fields=["unit", "role"], name="assignment_unit_role")]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "role"], condition=models.Q(unit__isnull=False), name="assignment_unique_unit_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.unit or self.name}"


class ReportDeadline(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="report_deadlines")
    position = models.PositiveIntegerField(default=0)
    period = models.CharField(_("period"), max_length=100, blank=True)
    due = models.DateField(_("due"), null=True, blank=True, db_index=True)
    to = models.CharField(_("report to"), max_length=300, blank=True)
    to_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"{self.period or ''} {self.due or ''}".strip()


class UserRole(models.TextChoices):
    ADMIN = "admin", _("lead-agency administrator")
    OFFICER = "officer", _("unit officer")
    VIEWER = "viewer", _("viewer")


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kehoach")
    role = models.CharField(_("role"), max_length=10, choices=UserRole.choices, default=UserRole.VIEWER)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="officers")

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class ApiToken(models.Model):
    """A bearer token for the API; only its hash is stored, the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)


class AuditEntry(models.Model):
    """Who changed what and when, with the values before and after."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, blank=True)  # kept when the user is deleted
    action = models.CharField(max_length=30)
    model = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """Work slower than a page view (OCR, bulk ingestion), run by `kehoach.web.jobs`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=30)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    def percent(self) -> int:
        return int(100 * self.progress / self.total) if self.total else (100 if self.finished else 0)


class LoginFailure(models.Model):
    """Failed log-ins, counted per user name and per address to throttle guessing."""

    key = models.CharField(max_length=200, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
