"""Outputs and evidence: press coverage, publications, events and press accreditation.

Every record here can be linked to the plan tasks whose planned outputs it delivers ("01 số/quý",
"02 lớp"), so outputs count by themselves. Press coverage is counted in aggregate: published
articles of outlets, never social-media accounts or private persons.
"""
from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kehoach.web.plans.models import Plan, Task, Unit

LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English")), ("ko", _("Korean")), ("ja", _("Japanese")),
             ("zh", _("Chinese")), ("fr", _("French")), ("ru", _("Russian")), ("de", _("German")),
             ("es", _("Spanish")), ("th", _("Thai")), ("", _("unknown"))]


class Scope(models.TextChoices):
    DOMESTIC = "domestic", _("domestic")
    FOREIGN = "foreign", _("foreign")


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS/Atom feed")
    SITEMAP = "sitemap", _("sitemap")
    MANUAL = "manual", _("manual entry")


class Source(models.Model):
    """An outlet's feed or sitemap the collector reads, or an outlet whose articles are entered by hand."""

    name = models.CharField(_("outlet"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices, default=SourceKind.FEED)
    url = models.URLField(_("feed or sitemap address"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True, default="vi")
    scope = models.CharField(_("domestic or foreign"), max_length=10, choices=Scope.choices, default=Scope.DOMESTIC)
    active = models.BooleanField(_("collect"), default=True)
    min_interval = models.FloatField(_("seconds between requests"), default=1.0,
                                     help_text=_("per host; robots.txt Crawl-delay raises it"))
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("press source")
        verbose_name_plural = _("press sources")

    def __str__(self) -> str:
        return self.name


class FetchFailure(models.Model):
    """A page or feed the collector could not read: kept so the run can go on and the officer can see why."""

    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.CASCADE, related_name="failures")
    url = models.URLField(max_length=1000)
    kind = models.CharField(max_length=30)
    message = models.TextField()
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]


class Topic(models.Model):
    """A subject to follow: a flagship topic of the province, or a plan's own keywords."""

    name = models.CharField(_("topic"), max_length=200)
    keywords = models.TextField(_("keywords"), help_text=_("one per line; matched without diacritics"))
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="press_topics")

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")

    def __str__(self) -> str:
        return self.name

    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.splitlines() if k.strip()]


class ProvinceProfile(models.Model):
    """What names the province in print (one row). Communes come from the unit registry."""

    names = models.TextField(_("names of the province"), help_text=_("one per line, e.g. “Lâm Viên”, “tỉnh Lâm Viên”"))
    leaders = models.TextField(_("leaders' official titles"), blank=True,
                               help_text=_("one per line, e.g. “Chủ tịch UBND tỉnh”; titles, never private persons"))
    min_relevance = models.FloatField(_("lowest relevance counted"), default=0.5)

    def name_list(self) -> list[str]:
        return [n.strip() for n in self.names.splitlines() if n.strip()]

    def leader_list(self) -> list[str]:
        return [n.strip() for n in self.leaders.splitlines() if n.strip()]


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


class Article(models.Model):
    """A published article about the province (or collected and judged not relevant)."""

    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    outlet = models.CharField(_("outlet"), max_length=200)
    url = models.URLField(_("address"), max_length=1000, unique=True)  # canonical
    fetched_url = models.URLField(max_length=1000, blank=True)
    title = models.TextField(_("title"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)  # the lists' order
    # Denormalised for grouping without date functions (fast on SQLite and PostgreSQL alike).
    day = models.DateField(null=True, blank=True, db_index=True)
    week = models.DateField(null=True, blank=True, db_index=True)
    month = models.DateField(null=True, blank=True, db_index=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    lang = models.CharField(_("language"), max_length=5, blank=True)
    # outlet, lang and scope have no index of their own: article_coverage serves their filters (a
    # single-column index would tempt SQLite into thousands of row lookups instead).
    scope = models.CharField(_("domestic or foreign"), max_length=10, choices=Scope.choices, default=Scope.DOMESTIC)
    text = models.TextField(_("text"), blank=True)
    signature = models.BinaryField(blank=True, default=b"")
    # Indexed by article_coverage, which it leads (a second index here would steer SQLite away from it).
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies",
                                     verbose_name=_("copy of"), db_index=False)
    similarity = models.FloatField(default=0.0)  # to duplicate_of
    relevance = models.FloatField(_("relevance"), default=0.0)
    relevant = models.BooleanField(_("about the province"), default=False)
    terms = models.JSONField(default=list, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles", verbose_name=_("topics"))
    clipping = models.FileField(upload_to="clippings/%Y/%m/", max_length=500, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # Covers the coverage page's grouped query: filtered on the first three columns, grouped
            # on the others, read from the index alone (no table rows) on SQLite and PostgreSQL.
            models.Index(fields=["duplicate_of", "relevant", "day", "month", "week", "outlet", "lang", "scope"],
                         name="article_coverage"),
        ]

    def __str__(self) -> str:
        return self.title[:120]

    def save(self, *args, **kwargs):
        if self.published_at:
            day = timezone.localtime(self.published_at).date() if timezone.is_aware(self.published_at) else self.published_at.date()
            self.day, self.week, self.month = day, _week(day), day.replace(day=1)
        else:
            self.day = self.week = self.month = None
        super().save(*args, **kwargs)


class LinkStatus(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class ArticleTask(models.Model):
    """An article as evidence for a task: suggested by similarity, confirmed or rejected by an officer."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="task_links")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="press_links")
    score = models.FloatField(default=0.0)
    status = models.CharField(max_length=10, choices=LinkStatus.choices, default=LinkStatus.SUGGESTED, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["article", "task"], name="article_task_unique")]


class Publication(models.Model):
    """One issue of a bulletin or publication ("Bản tin Lâm Viên hội nhập", số 3/2026)."""

    title = models.CharField(_("publication"), max_length=300)
    number = models.CharField(_("issue number"), max_length=50, blank=True)
    period = models.CharField(_("period"), max_length=60, help_text=_("e.g. “Quý I/2026”, “Tháng 3/2026”, “Năm 2026”"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    languages = models.JSONField(_("language editions"), default=list, blank=True)
    print_run = models.PositiveIntegerField(_("print run"), default=0)
    digital_link = models.URLField(_("digital edition"), max_length=500, blank=True)
    distribution = models.TextField(_("distribution list"), blank=True, help_text=_("one recipient per line"))
    tasks = models.ManyToManyField(Task, blank=True, related_name="publications", verbose_name=_("tasks delivered"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("publication issue")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"{self.title} {self.number}".strip() + f" ({self.period})"

    @property
    def counted_on(self) -> dt.date:
        return self.period_start


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("conference")
    PRESS_CONFERENCE = "press_conference", _("press conference")
    EXHIBITION = "exhibition", _("exhibition")
    CLASS = "class", _("class or training")
    SEMINAR = "seminar", _("seminar")
    DELEGATION = "delegation", _("delegation visit")
    OTHER = "other", _("other event")


class Event(models.Model):
    """A conference, press conference, exhibition or class."""

    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), db_index=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    place = models.ForeignKey(Unit, verbose_name=_("commune or ward"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="events_held", limit_choices_to={"kind": "commune"})
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    organiser = models.ForeignKey(Unit, verbose_name=_("organiser"), null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="events_organised")
    participants = models.PositiveIntegerField(_("participants"), default=0)
    foreign_participants = models.PositiveIntegerField(_("foreign participants"), default=0)
    materials = models.TextField(_("materials"), blank=True, help_text=_("documents, publications handed out; one per line"))
    tasks = models.ManyToManyField(Task, blank=True, related_name="events", verbose_name=_("tasks delivered"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"


class AccreditationEvent(models.Model):
    """An event reporters register to cover (the Party congress)."""

    name = models.CharField(_("event"), max_length=300)
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    open = models.BooleanField(_("accepting applications"), default=True)
    retention_days = models.PositiveIntegerField(
        _("keep personal data for (days after the event)"), default=90,
        help_text=_("then names, press-card numbers and photos are deleted (kehoach_purge_accreditation)"))
    purged_at = models.DateTimeField(null=True, blank=True, editable=False)
    purged_counts = models.JSONField(default=dict, blank=True, editable=False)  # what remains after deletion

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("accreditation event")

    def __str__(self) -> str:
        return self.name

    def purge_due(self) -> dt.date:
        return self.ends_on + dt.timedelta(days=self.retention_days)


class AccreditationStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


def _photo_path(instance, filename: str) -> str:
    return f"accreditation/{instance.event_id}/{uuid.uuid4().hex}.jpg"


class Accreditation(models.Model):
    """A reporter's application. Personal data (name, agency, card number, photo, contact) is visible
    only to the accreditation role, and deleted `retention_days` after the event."""

    event = models.ForeignKey(AccreditationEvent, on_delete=models.CASCADE, related_name="applications")
    full_name = models.CharField(_("full name"), max_length=200)
    agency = models.CharField(_("press agency"), max_length=300)
    position = models.CharField(_("position"), max_length=100, blank=True)
    press_card = models.CharField(_("press card number"), max_length=50)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    photo = models.ImageField(_("portrait photo"), upload_to=_photo_path, blank=True, max_length=300)
    foreign = models.BooleanField(_("foreign press"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=AccreditationStatus.choices,
                              default=AccreditationStatus.PENDING, db_index=True)
    badge_number = models.PositiveIntegerField(null=True, blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # in the QR code
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("accreditation")
        constraints = [models.UniqueConstraint(fields=["event", "badge_number"], name="badge_number_unique")]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.get_status_display()})"


class ApplicationAttempt(models.Model):
    """Public applications per address (hashed), to rate-limit the form without a CAPTCHA."""

    key = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
