"""Pages of the outputs app: press coverage, the publications and events registers, outputs per task
and plan, and press accreditation (public application form, officer review, badges, gate check)."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import mimetypes
import os
from collections import defaultdict
from importlib import resources
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.web.plans.exports import table_response
from kehoach.web.plans.models import Plan, PlanStatus
from kehoach.web.plans.permissions import can_mark_done, can_upload, is_admin, plans_for, tasks_for
from kehoach.web.plans.services.audit import record

from . import charts, services
from .forms import ApplicationForm, DecisionForm, EventForm, ManualArticleForm, PublicationForm, SourceForm
from .models import (
    LANGUAGES,
    Accreditation,
    AccreditationEvent,
    AccreditationStatus,
    ApplicationAttempt,
    Article,
    ArticleTask,
    Event,
    FetchFailure,
    LinkStatus,
    Publication,
    Scope,
    Source,
    Topic,
)

LANGUAGE_NAMES = dict(LANGUAGES)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --------------------------------------------------------------------------- coverage

FILTERS = ("from", "to", "scope", "lang", "outlet", "topic", "plan", "week", "month", "all")


def _date(value: str):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _article_q(params, prefix: str = "") -> Q:
    """The coverage filters as a Q on Article (prefix "article__" on a table that points to it)."""
    q = Q()

    def add(**kwargs):
        nonlocal q
        q &= Q(**{prefix + k: v for k, v in kwargs.items()})

    if params.get("all") != "1":
        add(relevant=True, duplicate_of__isnull=True)
    start, end = _date(params.get("from")), _date(params.get("to"))
    if start:
        add(day__gte=start)
    if end:
        add(day__lte=end)
    for field in ("scope", "lang", "outlet"):
        if params.get(field) is not None and params.get(field) != "":
            add(**{field: params[field] if params[field] != "-" else ""})
    if params.get("week") and _date(params["week"]):
        add(week=_date(params["week"]))
    if params.get("month") and _date(params["month"]):
        add(month=_date(params["month"]))
    if params.get("topic", "").isdigit():
        add(topics=int(params["topic"]))
    return q


def counted_articles(params, user):
    """The articles the charts count: about the province, one per story (copies left out), filtered."""
    articles = Article.objects.filter(_article_q(params))
    if params.get("plan", "").isdigit():
        visible = plans_for(user).filter(pk=int(params["plan"]))
        articles = articles.filter(task_links__task__plan__in=visible).exclude(task_links__status=LinkStatus.REJECTED).distinct()
    return articles


def _link(base_params: dict, **extra) -> str:
    params = {k: v for k, v in base_params.items() if v not in (None, "")}
    params.update({k: v for k, v in extra.items()})
    return reverse("outputs:article_list") + "?" + urlencode(params)


def _grouped(articles, by: str) -> list[tuple]:
    """One pass over the counted articles: (period, outlet, language, scope, count) groups, from
    which the total, the time series and the outlet, language and scope breakdowns are all summed
    (one scan of the table instead of five)."""
    field = "week" if by == "week" else "month"
    return list(articles.order_by().values_list(field, "outlet", "lang", "scope").annotate(n=Count("id")))


def _series(groups: list[tuple], by: str, params: dict) -> list[dict]:
    field = "week" if by == "week" else "month"
    rows: dict = defaultdict(int)
    for period, _outlet, _lang, _scope, n in groups:
        if period is not None:
            rows[period] += n
    if not rows:
        return []
    first, last = min(rows), max(rows)
    start, end = _date(params.get("from")), _date(params.get("to"))
    if start:
        first = min(first, start - dt.timedelta(days=start.weekday()) if field == "week" else start.replace(day=1))
    if end:
        last = max(last, end - dt.timedelta(days=end.weekday()) if field == "week" else end.replace(day=1))
    items, cursor = [], first
    while cursor <= last and len(items) < 400:
        n = rows.get(cursor, 0)
        if field == "week":
            label, short = _("week of %(date)s") % {"date": cursor.strftime("%d/%m/%Y")}, cursor.strftime("%d/%m")
            nxt = cursor + dt.timedelta(days=7)
        else:
            label, short = cursor.strftime("%m/%Y"), cursor.strftime("%m/%y")
            nxt = (cursor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        items.append({"label": label, "short": short, "value": n, "href": _link(params, **{field: cursor.isoformat()})})
        cursor = nxt
    return items


def _breakdowns(articles, groups: list[tuple], params: dict, user) -> dict:
    outlets: dict = defaultdict(int)
    langs: dict = defaultdict(int)
    scopes: dict = defaultdict(int)
    for _period, outlet, lang, scope, n in groups:
        outlets[outlet] += n
        langs[lang] += n
        scopes[scope] += n
    top_outlets = sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    base = articles.order_by()
    through = Article.topics.through
    # Joined to the article rows (not "article IN (subquery)", which SQLite materialises whole).
    if params.get("plan", "").isdigit():
        topic_filter, link_filter = Q(article__in=base.values("pk")), Q(article__in=base.values("pk"))
    else:
        topic_filter, link_filter = _article_q(params, "article__"), _article_q(params, "article__")
    topic_counts = list(through.objects.filter(topic_filter).values_list("topic")
                        .annotate(n=Count("article")).order_by("-n")[:15])
    names = dict(Topic.objects.filter(pk__in=[t for t, _ in topic_counts]).values_list("pk", "name"))
    visible_plans = plans_for(user).filter(status=PlanStatus.PUBLISHED)
    plan_rows = list(
        ArticleTask.objects.filter(link_filter, task__plan__in=visible_plans).exclude(status=LinkStatus.REJECTED)
        .values_list("task__plan").annotate(n=Count("article", distinct=True)).order_by("-n")[:10]
    )
    plan_names = {p.pk: p.label() for p in Plan.objects.filter(pk__in=[r[0] for r in plan_rows]).only("pk", "number", "doc_type", "title")}
    return {
        "outlet": [{"label": o or "—", "value": n, "href": _link(params, outlet=o)} for o, n in top_outlets],
        "lang": [{"label": str(LANGUAGE_NAMES.get(code, code or _("unknown"))), "value": n, "href": _link(params, lang=code or "-")}
                 for code, n in sorted(langs.items(), key=lambda kv: -kv[1])],
        "scope": [{"label": str(label), "value": scopes.get(value, 0), "href": _link(params, scope=value),
                   "color": "#1f5f8b" if value == Scope.DOMESTIC else "#c0392b"} for value, label in Scope.choices],
        "topic": [{"label": names.get(pk, str(pk)), "value": n, "href": _link(params, topic=pk)} for pk, n in topic_counts],
        "plan": [{"label": plan_names.get(pk, str(pk)), "value": n, "href": _link(params, plan=pk)} for pk, n in plan_rows],
    }


@login_required
def coverage(request):
    params = {k: request.GET.get(k, "") for k in FILTERS}
    if not params["from"] and not params["to"]:
        today = timezone.localdate()
        params["from"] = dt.date(today.year - 1, today.month, 1).isoformat() if today.month < 12 else dt.date(today.year, 1, 1).isoformat()
    by = request.GET.get("by", "month")
    by = by if by in ("week", "month") else "month"
    articles = counted_articles(params, request.user)
    groups = _grouped(articles, by)
    total = sum(g[-1] for g in groups)
    series = _series(groups, by, params)
    parts = _breakdowns(articles, groups, params, request.user)
    chart_params = {k: v for k, v in params.items() if v}
    return render(request, "outputs/coverage.html", {
        "params": params, "by": by, "total": total,
        "copies": Article.objects.filter(duplicate_of__isnull=False, relevant=True).count(),
        "time_chart": charts.columns(series, label=_("Articles per %(unit)s") % {"unit": _("week") if by == "week" else _("month")}),
        "series": series,
        "charts": [(key, title, charts.bars(parts[key], label=str(title)), parts[key]) for key, title in (
            ("outlet", _("By outlet")), ("scope", _("Domestic and foreign")), ("lang", _("By language")),
            ("topic", _("By topic")), ("plan", _("By plan (articles linked to its tasks)")))],
        "list_url": _link(chart_params),
        "scopes": Scope.choices, "languages": [c for c in LANGUAGES if c[0]],
        "topics": Topic.objects.all(), "plans": plans_for(request.user).filter(status=PlanStatus.PUBLISHED).only("pk", "number", "title", "doc_type"),
        "sources": Source.objects.all(), "failures": FetchFailure.objects.select_related("source")[:10] if is_admin(request.user) else [],
        "can_manage": is_admin(request.user), "can_enter": can_upload(request.user),
    })


@login_required
def article_list(request):
    params = {k: request.GET.get(k, "") for k in FILTERS}
    articles = counted_articles(params, request.user).select_related("source").defer("text", "signature")
    articles = articles.order_by("-published_at", "-id")
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        return _export_articles(articles, fmt)
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in params.items() if v})
    filters = []
    for key in ("week", "month", "outlet", "lang", "scope", "from", "to"):
        if params.get(key):
            filters.append((key, params[key]))
    if params.get("topic", "").isdigit():
        filters.append(("topic", Topic.objects.filter(pk=params["topic"]).values_list("name", flat=True).first() or params["topic"]))
    if params.get("plan", "").isdigit():
        plan = plans_for(request.user).filter(pk=params["plan"]).first()
        filters.append(("plan", plan.label() if plan else params["plan"]))
    return render(request, "outputs/article_list.html", {"page": page, "query": query, "filters": filters,
                                                         "lang_names": LANGUAGE_NAMES, "can_enter": can_upload(request.user)})


def _export_articles(articles, fmt: str):
    header = [_("Published"), _("Outlet"), _("Title"), _("Language"), _("Domestic or foreign"), _("Topics"), _("Address")]
    rows = []
    for article in articles.prefetch_related("topics")[:100_000]:
        rows.append([timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M") if article.published_at else "",
                     article.outlet, article.title, article.lang, article.get_scope_display(),
                     "; ".join(t.name for t in article.topics.all()), article.url])
    stamp = timezone.localdate().isoformat()
    return table_response(header, rows, fmt, f"press-coverage-{stamp}", _("Articles"))


@login_required
def article_detail(request, pk):
    article = get_object_or_404(Article.objects.select_related("source", "duplicate_of"), pk=pk)
    links = list(ArticleTask.objects.filter(article=article, task__in=tasks_for(request.user))
                 .select_related("task__plan", "decided_by").order_by("-score"))
    for link in links:
        link.can_decide = can_mark_done(request.user, link.task)
    return render(request, "outputs/article_detail.html", {
        "article": article, "links": links, "copies": article.copies.all()[:50],
        "lang_name": LANGUAGE_NAMES.get(article.lang, article.lang),
    })


@login_required
@require_POST
def article_link(request, pk, link_pk):
    link = get_object_or_404(ArticleTask.objects.select_related("task__plan"), pk=link_pk, article_id=pk,
                             task__in=tasks_for(request.user))
    _require(can_mark_done(request.user, link.task))
    status = request.POST.get("status", "")
    try:
        services.decide_link(link, status, request.user)
    except services.OutputsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved: the article is %(status)s as evidence for task %(task)s.")
                         % {"status": link.get_status_display(), "task": link.task.ref or link.task.pk})
    return redirect("outputs:article_detail", pk=pk)


@login_required
def article_new(request):
    _require(can_upload(request.user))
    form = ManualArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = _enter_article(form.cleaned_data, request.user)
        except services.OutputsError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, _("Article saved."))
            return redirect("outputs:article_detail", pk=article.pk)
    return render(request, "outputs/article_form.html", {"form": form}, status=400 if form.errors else 200)


def _enter_article(data: dict, user) -> Article:
    from kehoach.press.dedup import canonical_url, signature
    from kehoach.press.extract import Extracted, extract_article

    clipping = data.get("clipping")
    url = data.get("url") or ""
    raw = b""
    if clipping:
        raw = clipping.read()
        if raw[:5] == b"%PDF-":
            extracted = Extracted(text=_pdf_text(raw), title=data.get("title") or "")
        else:
            extracted = extract_article(raw, url)
    else:
        from kehoach.press.fetch import Fetcher, FetchError

        with Fetcher(min_interval=0, timeout=15, retries=1) as fetcher:
            try:
                page = fetcher.fetch(url)
            except FetchError as error:
                raise services.OutputsError(error.message, "url") from None
        extracted = extract_article(page.content, page.url, charset=page.charset)
    title = data.get("title") or extracted.title
    if not title:
        raise services.OutputsError(_("The page has no title: type it in."), "title")
    published = data.get("published") or extracted.date
    if isinstance(published, dt.date) and not isinstance(published, dt.datetime):
        published = dt.datetime.combine(published, dt.time(12, 0), tzinfo=timezone.get_current_timezone())
    key = canonical_url(url, extracted.canonical) if url else f"clipping:{hashlib.sha256(raw).hexdigest()[:32]}"
    if Article.objects.filter(url=key).exists():
        raise services.OutputsError(_("This article is already recorded."), "url" if url else "clipping")
    with transaction.atomic():
        article = Article(outlet=data["outlet"], url=key, fetched_url=url, title=title, published_at=published,
                          author=extracted.author[:200], lang=extracted.lang[:5], scope=data["scope"],
                          text=extracted.text, signature=signature(f"{title}\n{extracted.text}"), entered_by=user)
        if clipping:
            clipping.seek(0)
            article.clipping.save(clipping.name[-100:], clipping, save=False)
        article.save()
        record(user, "create", article, after={"title": title, "outlet": data["outlet"]})
    services.assess([article])
    return article


def _pdf_text(data: bytes) -> str:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise services.OutputsError(_("The PDF cannot be read."), "clipping") from None
    return "\n".join(page.get_textpage().get_text_range() for page in pdf).strip()


# --------------------------------------------------------------------------- sources


@login_required
def source_list(request):
    _require(is_admin(request.user))
    sources = Source.objects.annotate(n=Count("articles")).order_by("name")
    return render(request, "outputs/source_list.html", {
        "sources": sources, "failures": FetchFailure.objects.select_related("source")[:50]})


@login_required
def source_edit(request, pk=None):
    _require(is_admin(request.user))
    source = get_object_or_404(Source, pk=pk) if pk else Source()
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            created = source.pk is None
            form.save()
            record(request.user, "create" if created else "update", source, after={"name": source.name, "url": source.url})
        messages.success(request, _("Source saved."))
        return redirect("outputs:source_list")
    return render(request, "outputs/source_form.html", {"form": form, "source": source if pk else None},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def collect_now(request):
    _require(is_admin(request.user))
    import threading

    from .collector import run_collector

    def work():
        from django.db import close_old_connections

        try:
            run_collector()
        finally:
            close_old_connections()

    if getattr(settings, "KEHOACH_JOBS_INLINE", "thread") == "eager":
        report = run_collector()
        messages.success(request, _("Collected: %(summary)s") % {"summary": report.summary()})
    else:
        threading.Thread(target=work, name="kehoach-collect-now", daemon=True).start()
        messages.info(request, _("The collector is running; new articles appear here in a minute or two."))
    return redirect("outputs:source_list")


# --------------------------------------------------------------------------- registers


def _visible_tasks(user):
    return tasks_for(user).filter(plan__status=PlanStatus.PUBLISHED)


def _register(request, model, form_class, template, list_name, pk=None):
    _require(can_upload(request.user))
    instance = get_object_or_404(model, pk=pk) if pk else model()
    if pk and not is_admin(request.user) and instance.created_by_id != request.user.pk:
        raise PermissionDenied
    initial = {}
    if not pk and request.GET.get("task", "").isdigit():
        initial["tasks"] = [int(request.GET["task"])]
    form = form_class(request.POST or None, instance=instance, tasks=_visible_tasks(request.user), initial=initial)
    if request.method == "POST" and form.is_valid():
        record_ = form.save(commit=False)
        services.save_record(record_, form.cleaned_data.get("tasks") or [], request.user, "form")
        messages.success(request, _("Saved."))
        return redirect(f"outputs:{list_name}_detail", pk=record_.pk)
    return render(request, template, {"form": form, "object": instance if pk else None},
                  status=400 if form.errors else 200)


@login_required
def publication_list(request):
    rows = Publication.objects.prefetch_related("tasks__plan").order_by("-period_start", "title")
    return render(request, "outputs/publication_list.html", {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")), "can_enter": can_upload(request.user),
        "lang_names": LANGUAGE_NAMES})


@login_required
def publication_edit(request, pk=None):
    return _register(request, Publication, PublicationForm, "outputs/publication_form.html", "publication", pk)


@login_required
def publication_detail(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    return render(request, "outputs/publication_detail.html", {
        "object": publication, "tasks": _visible_tasks(request.user).filter(publications=publication).select_related("plan"),
        "lang_names": LANGUAGE_NAMES, "can_edit": can_upload(request.user) and (is_admin(request.user) or publication.created_by_id == request.user.pk)})


@login_required
def event_list(request):
    rows = Event.objects.select_related("place", "organiser").prefetch_related("tasks__plan").order_by("-date")
    kind = request.GET.get("kind", "")
    if kind:
        rows = rows.filter(kind=kind)
    totals = rows.aggregate(participants=Sum("participants"), foreign=Sum("foreign_participants"), n=Count("id"))
    from .models import EventKind

    return render(request, "outputs/event_list.html", {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")), "kinds": EventKind.choices, "kind": kind,
        "totals": totals, "can_enter": can_upload(request.user)})


@login_required
def event_edit(request, pk=None):
    return _register(request, Event, EventForm, "outputs/event_form.html", "event", pk)


@login_required
def event_detail(request, pk):
    event = get_object_or_404(Event.objects.select_related("place", "organiser"), pk=pk)
    return render(request, "outputs/event_detail.html", {
        "object": event, "tasks": _visible_tasks(request.user).filter(events=event).select_related("plan"),
        "can_edit": can_upload(request.user) and (is_admin(request.user) or event.created_by_id == request.user.pk)})


@login_required
@require_POST
def record_delete(request, kind, pk):
    model = {"publication": Publication, "event": Event}.get(kind)
    if model is None:
        raise Http404
    instance = get_object_or_404(model, pk=pk)
    _require(is_admin(request.user) or instance.created_by_id == request.user.pk)
    services.delete_record(instance, request.user)
    messages.success(request, _("Deleted."))
    return redirect(f"outputs:{kind}_list")


# --------------------------------------------------------------------------- outputs per task and plan


@login_required
def task_outputs(request, pk):
    task = get_object_or_404(_visible_tasks(request.user).select_related("plan"), pk=pk)
    result = services.task_outputs(task)
    suggestions = ArticleTask.objects.filter(task=task, status=LinkStatus.SUGGESTED).select_related("article")[:20]
    return render(request, "outputs/task_outputs.html", {
        "task": task, "plan": task.plan, "result": result, "today": timezone.localdate(), "suggestions": suggestions,
        "can_enter": can_upload(request.user)})


@login_required
def plan_outputs(request, pk):
    plan = get_object_or_404(plans_for(request.user).filter(status=PlanStatus.PUBLISHED), pk=pk)
    tasks = _visible_tasks(request.user).filter(plan=plan).exclude(outputs=[]).order_by("position")
    rows = services.tasks_outputs(tasks)
    return render(request, "outputs/plan_outputs.html", {"plan": plan, "rows": rows, "today": timezone.localdate()})


# --------------------------------------------------------------------------- accreditation

APPLY_LIMIT = 5  # applications per address per hour
APPLY_WINDOW = dt.timedelta(hours=1)


def _address_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


@login_required
def accreditation_home(request):
    events = AccreditationEvent.objects.annotate(
        pending=Count("applications", filter=Q(applications__status=AccreditationStatus.PENDING)),
        approved=Count("applications", filter=Q(applications__status=AccreditationStatus.APPROVED)),
        rejected=Count("applications", filter=Q(applications__status=AccreditationStatus.REJECTED)),
    )
    staff = services.can_accredit(request.user)
    applications = []
    event = None
    if staff:
        event = events.filter(slug=request.GET.get("event", "")).first() or events.first()
        if event:
            applications = event.applications.order_by("status", "-submitted_at")
            status = request.GET.get("status", "")
            if status in AccreditationStatus.values:
                applications = applications.filter(status=status)
    return render(request, "outputs/accreditation_home.html", {
        "events": events, "event": event, "applications": applications, "staff": staff,
        "statuses": AccreditationStatus.choices, "status": request.GET.get("status", "")})


def accreditation_apply(request, slug):
    event = get_object_or_404(AccreditationEvent, slug=slug)
    if not event.open or event.purged_at:
        return render(request, "outputs/accreditation_closed.html", {"event": event}, status=410)
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        key = _address_key(request)
        recent = ApplicationAttempt.objects.filter(key=key, at__gte=timezone.now() - APPLY_WINDOW).count()
        if recent >= APPLY_LIMIT and not services.can_accredit(request.user):
            limited = _("Too many applications from this address in the last hour. Try again later, "
                        "or ask the organisers to enter yours.")
            return render(request, "outputs/accreditation_apply.html", {"event": event, "form": ApplicationForm(),
                                                                          "limited": limited}, status=429)
        if form.is_valid():
            if form.cleaned_data.get("website"):  # a field people never see: a robot filled it
                return redirect("outputs:accreditation_thanks", slug=slug)
            with transaction.atomic():
                ApplicationAttempt.objects.create(key=key)
                application = form.save(commit=False)
                application.event = event
                if request.user.is_authenticated:
                    application.entered_by = request.user
                if application.photo:
                    application.photo = _normalised_photo(application.photo)
                application.save()
                record(request.user if request.user.is_authenticated else None, "apply", application,
                       after={"event": event.pk})
            ApplicationAttempt.objects.filter(at__lt=timezone.now() - dt.timedelta(days=1)).delete()
            return redirect("outputs:accreditation_thanks", slug=slug)
    return render(request, "outputs/accreditation_apply.html", {"event": event, "form": form},
                  status=400 if form.errors else 200)


def _normalised_photo(upload):
    """The portrait re-encoded as a JPEG of at most 600 px (drops metadata such as GPS position)."""
    from django.core.files.base import ContentFile
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            image = image.convert("RGB")
            image.thumbnail((600, 600))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85)
    except (UnidentifiedImageError, OSError):
        return None
    return ContentFile(out.getvalue(), name="photo.jpg")


def accreditation_thanks(request, slug):
    event = get_object_or_404(AccreditationEvent, slug=slug)
    return render(request, "outputs/accreditation_thanks.html", {"event": event})


def _staff_application(request, pk):
    if not services.can_accredit(request.user):
        raise Http404  # applicants' personal data: not even its existence is shown to others
    return get_object_or_404(Accreditation.objects.select_related("event"), pk=pk)


@login_required
def application_detail(request, pk):
    application = _staff_application(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = request.POST.get("decision") == "approve"
        services.decide_accreditation(application, approve, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Approved.") if approve else _("Rejected."))
        return redirect(reverse("outputs:accreditation_home") + f"?event={application.event.slug}")
    return render(request, "outputs/application_detail.html", {"a": application, "form": form})


@login_required
def application_photo(request, pk):
    application = _staff_application(request, pk)
    if not application.photo:
        raise Http404
    return HttpResponse(application.photo.open("rb").read(), content_type="image/jpeg")


def _verify_url(request, application) -> str:
    return request.build_absolute_uri(reverse("outputs:verify", args=[application.token]))


@login_required
def badge_pdf(request, pk):
    from .badge import BadgeError, badges_pdf

    application = _staff_application(request, pk)
    if application.status != AccreditationStatus.APPROVED:
        messages.error(request, _("Only an approved application gets a badge."))
        return redirect("outputs:application_detail", pk=pk)
    try:
        data = badges_pdf([application], lambda a: _verify_url(request, a))
    except BadgeError as error:
        messages.error(request, str(error))
        return redirect("outputs:application_detail", pk=pk)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badge-{application.badge_number:03d}.pdf"'
    return response


@login_required
def event_badges(request, slug):
    from .badge import BadgeError, badges_pdf

    if not services.can_accredit(request.user):
        raise Http404
    event = get_object_or_404(AccreditationEvent, slug=slug)
    approved = list(event.applications.filter(status=AccreditationStatus.APPROVED).order_by("badge_number"))
    if not approved:
        messages.error(request, _("No approved application yet."))
        return redirect(reverse("outputs:accreditation_home") + f"?event={slug}")
    try:
        data = badges_pdf(approved, lambda a: _verify_url(request, a))
    except BadgeError as error:
        messages.error(request, str(error))
        return redirect("outputs:accreditation_home")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badges-{slug}.pdf"'
    return response


@login_required
def accredited_export(request, slug, fmt):
    if not services.can_accredit(request.user):
        raise Http404
    event = get_object_or_404(AccreditationEvent, slug=slug)
    rows = [[a.badge_number, a.full_name, a.agency, a.position, a.press_card, _("foreign") if a.foreign else _("domestic"),
             a.email, a.phone]
            for a in event.applications.filter(status=AccreditationStatus.APPROVED).order_by("badge_number")]
    header = [_("Badge"), _("Full name"), _("Press agency"), _("Position"), _("Press card number"),
              _("Domestic or foreign"), _("Email"), _("Phone")]
    record(request.user, "export", event, after={"accredited": len(rows), "format": fmt})
    return table_response(header, rows, fmt, f"accredited-{slug}", _("Accredited"))


def verify(request, token):
    """The gate: anyone scanning the QR code learns whether the badge is valid; accreditation staff
    (logged in on their phone) also see who it belongs to, to compare with the person."""
    application = Accreditation.objects.select_related("event").filter(token=token).first()
    today = timezone.localdate()
    valid = bool(application and application.status == AccreditationStatus.APPROVED
                 and application.event.ends_on >= today)
    staff = services.can_accredit(request.user)
    return render(request, "outputs/verify.html", {"a": application, "valid": valid, "staff": staff, "today": today},
                  status=200 if application else 404)


# --------------------------------------------------------------------------- the demo's press archive


def archive(request, path):
    """The demo's offline press archive (fictional outlets on 127.0.0.1), only when the demo runs."""
    if os.environ.get("KEHOACH_PRESS_ARCHIVE") != "1":
        raise Http404
    parts = PurePosixPath(path).parts
    if not parts or any(p in ("..", "") or p.startswith(".") for p in parts):
        raise Http404
    target = resources.files("kehoach.web.outputs").joinpath("archive", *parts)
    if not target.is_file():
        raise Http404
    kind = mimetypes.guess_type(parts[-1])[0] or "application/octet-stream"
    if parts[-1].endswith(".html"):
        kind = "text/html"  # the charset is declared inside the page (after <title>, as the outlets do)
    elif parts[-1].endswith((".rss", ".atom", ".xml")):
        kind = {"rss": "application/rss+xml", "atom": "application/atom+xml", "xml": "application/xml"}[parts[-1].rsplit(".", 1)[1]]
    data = target.read_bytes()
    etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(data, content_type=kind)
    response["ETag"] = etag
    return response
