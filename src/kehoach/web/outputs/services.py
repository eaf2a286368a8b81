"""The outputs app's changes and counts. Every change is one transaction with its audit entry."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Min, Max
from django.urls import reverse
from django.utils import timezone

from kehoach.web.plans.models import PlanStatus, Task, Unit, UnitKind
from kehoach.web.plans.services.audit import record

from . import periods
from .models import (
    Accreditation,
    AccreditationStatus,
    Article,
    ArticleTask,
    Event,
    LinkStatus,
    ProvinceProfile,
    Publication,
    Topic,
)

ACCREDITATION_GROUP = "accreditation"


class OutputsError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


# --------------------------------------------------------------------------- roles


def can_accredit(user) -> bool:
    """The accreditation role: a Django group of that name. Only its members see applicants' data."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_kehoach_accredit"):
        user._kehoach_accredit = user.groups.filter(name=ACCREDITATION_GROUP).exists()
    return user._kehoach_accredit


def set_accreditation_role(user, on: bool, actor=None) -> None:
    from django.contrib.auth.models import Group

    group, _ = Group.objects.get_or_create(name=ACCREDITATION_GROUP)
    with transaction.atomic():
        (user.groups.add if on else user.groups.remove)(group)
        record(actor, "role" if on else "unrole", user, after={"accreditation": on})
    user.__dict__.pop("_kehoach_accredit", None)


# --------------------------------------------------------------------------- relevance


def build_profile():
    from kehoach.press.relevance import Profile

    row = ProvinceProfile.objects.first()
    names = row.name_list() if row else []
    if not names:
        province = Unit.objects.filter(kind=UnitKind.PROVINCE).order_by("pk").first()
        if province:
            bare = province.name.replace("Tỉnh ", "").replace("Thành phố ", "")
            names = [province.name, bare]
    communes = []
    for name, aliases in Unit.objects.filter(kind=UnitKind.COMMUNE, active=True).values_list("name", "aliases")[:5000]:
        communes += [name, *(aliases or [])]
    topics = {t.name: t.keyword_list() for t in Topic.objects.all()}
    return Profile(names=names, communes=communes, leaders=row.leader_list() if row else [], topics=topics), \
        (row.min_relevance if row else 0.5)


def task_matcher():
    from kehoach.press.relevance import TaskMatcher

    tasks = Task.objects.filter(plan__status=PlanStatus.PUBLISHED).only("pk", "text")
    return TaskMatcher([(t.pk, t.text) for t in tasks])


def assess(articles: list[Article], profile=None, min_relevance: float | None = None, matcher=None) -> None:
    """Relevance, topics and suggested tasks for freshly stored articles (one batch)."""
    if not articles:
        return
    if profile is None:
        profile, min_relevance = build_profile()
    topics = {t.name: t for t in Topic.objects.all()}
    relevant = []
    for article in articles:
        match = profile.match(article.title, article.text)
        article.relevance, article.terms = match.score, match.terms
        article.relevant = match.province and match.score >= (min_relevance or 0.5)
        article.save(update_fields=["relevance", "terms", "relevant"])
        article.topics.set([topics[name] for name in match.topics if name in topics])
        if article.relevant and article.duplicate_of_id is None:
            relevant.append(article)
    matcher = matcher or task_matcher()
    ranked = matcher.rank([f"{a.title}\n{a.text[:3000]}" for a in relevant])
    links = [ArticleTask(article=a, task_id=c.task_key, score=c.score) for a, cands in zip(relevant, ranked) for c in cands]
    ArticleTask.objects.bulk_create(links, ignore_conflicts=True)


def decide_link(link: ArticleTask, status: str, user) -> ArticleTask:
    if status not in (LinkStatus.CONFIRMED, LinkStatus.REJECTED, LinkStatus.SUGGESTED):
        raise OutputsError("status must be confirmed, rejected or suggested", "status")
    with transaction.atomic():
        before = link.status
        link.status, link.decided_by, link.decided_at = status, user, timezone.now()
        link.save(update_fields=["status", "decided_by", "decided_at"])
        record(user, status, link, before={"status": before}, after={"status": status, "task": link.task_id,
                                                                     "article": link.article_id}, plan=link.task.plan)
    return link


# --------------------------------------------------------------------------- registers


def save_record(instance, tasks, user, action: str):
    """A publication or event with the tasks it delivers, audited."""
    with transaction.atomic():
        created = instance.pk is None
        if created:
            instance.created_by = user
        instance.save()
        instance.tasks.set(tasks)
        record(user, "create" if created else "update", instance,
               after={"record": str(instance), "tasks": [t.pk for t in tasks], "action": action})
    return instance


def delete_record(instance, user) -> None:
    with transaction.atomic():
        record(user, "delete", instance, before={"record": str(instance)})
        instance.delete()


# --------------------------------------------------------------------------- outputs count by themselves


def _record(kind: str, label: str, day, url: str) -> dict:
    return {"kind": kind, "label": label, "date": day, "url": url}


def delivered_publications(task, start: dt.date, end: dt.date) -> list[dict]:
    rows = Publication.objects.filter(tasks=task, period_start__lte=end, period_start__gte=start).order_by("period_start")
    return [_record("publication", str(p), p.period_start, reverse("outputs:publication_detail", args=[p.pk])) for p in rows]


def delivered_events(task, start: dt.date, end: dt.date) -> list[dict]:
    rows = Event.objects.filter(tasks=task, date__range=(start, end)).order_by("date")
    return [_record(e.kind, f"{e.get_kind_display()}: {e.title}", e.date, reverse("outputs:event_detail", args=[e.pk])) for e in rows]


def delivered_articles(task, start: dt.date, end: dt.date) -> list[dict]:
    rows = (ArticleTask.objects.filter(task=task, status=LinkStatus.CONFIRMED, article__day__range=(start, end))
            .select_related("article").order_by("article__day"))
    return [_record("article", f"{l.article.outlet}: {l.article.title}", l.article.day,
                    reverse("outputs:article_detail", args=[l.article_id])) for l in rows]


# Units of output and the records that deliver them ("số" → publication issues, "lớp" → classes).
_UNIT_KINDS = {
    "so": ("publication",), "ban tin": ("publication",), "an pham": ("publication",), "cuon": ("publication",),
    "tap": ("publication",), "lop": ("event:class",), "khoa": ("event:class",), "dot": ("event",),
    "hoi nghi": ("event:conference", "event:press_conference"), "cuoc": ("event",),
    "trien lam": ("event:exhibition",), "buoi": ("event",), "tin": ("article",), "bai": ("article",),
    "tin, bai": ("article",), "chuong trinh": ("publication", "event", "article"), "phong su": ("article",),
}


def record_kinds(unit: str) -> tuple[str, ...]:
    from kehoach.text import fold

    key = " ".join(fold(unit or "").split())
    return _UNIT_KINDS.get(key, ("publication", "event", "article"))


def task_span(task) -> tuple[dt.date, dt.date]:
    """The task's own span, else its plan's (earliest start to latest due), else the plan's year."""
    if task.start and task.end:
        return task.start, task.end
    bounds = Task.objects.filter(plan_id=task.plan_id).aggregate(first=Min("start"), last=Max("end"))
    return _span(task, bounds["first"], bounds["last"])


def _span(task, first, last) -> tuple[dt.date, dt.date]:
    year = (task.plan.date or timezone.localdate()).year
    start = task.start or first or dt.date(year, 1, 1)
    end = task.end or last or dt.date(year, 12, 31)
    if end < start:
        end = dt.date(start.year, 12, 31)
    return start, end


@dataclass
class TaskOutputs:
    task: object
    items: list  # OutputProgress per planned output

    @property
    def summary(self) -> str:
        return "; ".join(p.summary() for p in self.items)


def task_outputs(task, span=None, found=None) -> TaskOutputs:
    """Planned outputs against delivered records. `span` and `found` (records by kind, from
    `tasks_outputs`) spare the queries when many tasks are shown at once."""
    start, end = span or task_span(task)

    def records_of(kind, fetch):
        if found is None:
            return fetch(task, start, end)
        return [r for r in found.get(kind, []) if start <= r["date"] <= end]

    items = []
    for output in task.outputs or []:
        kinds = record_kinds(output.get("unit", ""))
        records = []
        if "publication" in kinds:
            records += records_of("publication", delivered_publications)
        if any(k.startswith("event") for k in kinds):
            wanted = {k.split(":", 1)[1] for k in kinds if ":" in k}
            records += [r for r in records_of("event", delivered_events) if not wanted or r["kind"] in wanted]
        if "article" in kinds:
            records += records_of("article", delivered_articles)
        records.sort(key=lambda r: r["date"])
        items.append(periods.progress(output, start, end, records))
    return TaskOutputs(task, items)


def tasks_outputs(tasks) -> list[TaskOutputs]:
    """`task_outputs` for many tasks in a handful of queries (a plan page lists dozens)."""
    tasks = list(tasks)
    if not tasks:
        return []
    ids = [t.pk for t in tasks]
    found: dict[int, dict[str, list]] = {pk: {"publication": [], "event": [], "article": []} for pk in ids}
    for link in Publication.tasks.through.objects.filter(task_id__in=ids).select_related("publication"):
        p = link.publication
        found[link.task_id]["publication"].append(
            _record("publication", str(p), p.period_start, reverse("outputs:publication_detail", args=[p.pk])))
    for link in Event.tasks.through.objects.filter(task_id__in=ids).select_related("event"):
        e = link.event
        found[link.task_id]["event"].append(
            _record(e.kind, f"{e.get_kind_display()}: {e.title}", e.date, reverse("outputs:event_detail", args=[e.pk])))
    for link in (ArticleTask.objects.filter(task_id__in=ids, status=LinkStatus.CONFIRMED)
                 .exclude(article__day=None).select_related("article")):
        found[link.task_id]["article"].append(
            _record("article", f"{link.article.outlet}: {link.article.title}", link.article.day,
                    reverse("outputs:article_detail", args=[link.article_id])))
    bounds = {row["plan_id"]: row for row in Task.objects.filter(plan_id__in={t.plan_id for t in tasks})
              .values("plan_id").annotate(first=Min("start"), last=Max("end"))}
    result = []
    for task in tasks:
        b = bounds.get(task.plan_id, {})
        result.append(task_outputs(task, span=_span(task, b.get("first"), b.get("last")), found=found[task.pk]))
    return result


# --------------------------------------------------------------------------- accreditation


def decide_accreditation(application: Accreditation, approve: bool, user, reason: str = "") -> Accreditation:
    with transaction.atomic():
        application = Accreditation.objects.select_for_update().get(pk=application.pk)
        before = application.status
        application.status = AccreditationStatus.APPROVED if approve else AccreditationStatus.REJECTED
        application.reason = reason[:300]
        application.decided_by, application.decided_at = user, timezone.now()
        if approve and application.badge_number is None:
            last = Accreditation.objects.filter(event=application.event).aggregate(n=Max("badge_number"))["n"] or 0
            application.badge_number = last + 1
        application.save()
        # The audit log names the application by number only: no personal data in the log.
        record(user, "approve" if approve else "reject", application, before={"status": before},
               after={"status": application.status, "badge": application.badge_number})
    return application


def purge_expired(today: dt.date | None = None, out=print) -> int:
    """Delete the personal data of events past their retention period; keep the counts."""
    from .models import AccreditationEvent

    today = today or timezone.localdate()
    removed = 0
    for event in AccreditationEvent.objects.all():
        if event.purge_due() > today:
            continue
        applications = list(event.applications.all())
        if not applications:
            continue
        counts = dict(event.purged_counts or {})
        for application in applications:
            counts[application.status] = counts.get(application.status, 0) + 1
            if application.photo:
                application.photo.delete(save=False)
        with transaction.atomic():
            event.applications.all().delete()
            event.purged_counts, event.purged_at = counts, timezone.now()
            event.save(update_fields=["purged_counts", "purged_at"])
            record(None, "purge", event, after={"deleted": len(applications), "counts": counts})
        removed += len(applications)
        out(f"{event.name}: {len(applications)} applications deleted (retention {event.retention_days} days after {event.ends_on:%d/%m/%Y})")
    return removed

