"""The pages. Each view asks `permissions` what the user may see (404 otherwise) and do (403),
and leaves every change to `services` (one transaction each, audited)."""
from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from collections import OrderedDict, defaultdict
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.text import fold

from . import exports
from .forms import NewUnitForm, PlanForm, TaskForm, UnitForm, UploadForm
from .models import Assignment, AuditEntry, Job, Plan, PlanStatus, ReportDeadline, Role, Task, Unit, UnitKind
from .permissions import (
    can_edit_plan,
    can_edit_task,
    can_manage_units,
    can_mark_done,
    can_publish,
    can_upload,
    is_admin,
    plans_for,
    tasks_for,
    unit_of,
)
from .services import review
from .services.files import NoTextLayer, UploadError, safe_name
from .services.ingest import ingest, sha256
from .services.search import search_plans
from .services.units import Matcher

ASSIGNMENTS = Prefetch("assignments", queryset=Assignment.objects.select_related("unit").order_by("role", "position", "pk"))
# Other apps add dated items to the deadline calendar: callables (user, first, last) yielding
# (date, {"kind": "extra", "url", "label", "title", "css"}); appended in their AppConfig.ready.
CALENDAR_SOURCES: list = []


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --------------------------------------------------------------------------- home and plans


@login_required
def home(request):
    unit = unit_of(request.user)
    if unit is not None:
        return redirect("unit_detail", pk=unit.pk)
    return redirect("plan_list")


@login_required
def plan_list(request):
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    plans = plans_for(request.user).select_related("owner_unit")
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    if q:
        plans = search_plans(plans, q)
    plans = plans.defer("source_text", "extracted").order_by("-date", "-created_at")
    page = Paginator(plans, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # evaluated once; the template iterates this list
    _add_task_counts(page.object_list)
    return render(request, "plans/plan_list.html", {"page": page, "q": q, "status": status, "statuses": PlanStatus.choices})


def _add_task_counts(plans) -> None:
    """task_count on each plan, in one grouped query over the page's plans only (a GROUP BY over
    the plan rows themselves would drag their long text columns along)."""
    plans = list(plans)
    counts = dict(
        Task.objects.filter(plan__in=[p.pk for p in plans]).order_by().values_list("plan").annotate(n=Count("id"))
    )
    for plan in plans:
        plan.task_count = counts.get(plan.pk, 0)


def _get_plan(request, pk):
    return get_object_or_404(plans_for(request.user).select_related("issuer_unit", "owner_unit", "created_by"), pk=pk)


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(
        plans_for(request.user).select_related("issuer_unit", "owner_unit").defer("source_text", "extracted"), pk=pk
    )
    by = request.GET.get("by", "section")
    tasks = list(tasks_for(request.user).filter(plan=plan).prefetch_related(ASSIGNMENTS).order_by("position"))
    today = timezone.localdate()
    references = list(plan.references.select_related("target").order_by("position"))
    visible_targets = set(
        plans_for(request.user).filter(pk__in=[r.target_id for r in references if r.target_id]).values_list("pk", flat=True)
    )
    groups = _group_by_section(plan, tasks) if by != "unit" else _group_by_unit(tasks)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "groups": groups,
            "by": by,
            "task_count": len(tasks),
            "today": today,
            "references": references,
            "visible_targets": visible_targets,
            "cited_by": plans_for(request.user).filter(references__target=plan).distinct(),
            "reports": plan.report_deadlines.select_related("to_unit").order_by("position"),
            "can_edit": can_edit_plan(request.user, plan),
            "can_publish": can_publish(request.user, plan),
            "unresolved": review.unresolved_names(plan) if plan.is_draft else [],
        },
    )


def _group_by_section(plan, tasks):
    groups: OrderedDict[str, list] = OrderedDict()
    for task in tasks:
        groups.setdefault(task.section, []).append(task)
    return [
        {"key": key, "title": f"{key}. {plan.sections.get(key, '')}".strip(" .") if key else _("Other tasks"), "tasks": items}
        for key, items in groups.items()
    ]


def _group_by_unit(tasks):
    groups: dict = defaultdict(list)
    for task in tasks:
        leads = [a for a in task.assignments.all() if a.role in (Role.LEAD, Role.CO_LEAD)] or [None]
        for a in leads:
            label = (a.unit.name if a.unit else a.name) if a else _("No lead unit")
            groups[label].append(task)
    return [{"key": k, "title": k, "tasks": v} for k, v in sorted(groups.items(), key=lambda kv: fold(kv[0]))]


@login_required
def plan_source(request, pk):
    plan = _get_plan(request, pk)
    try:
        handle = plan.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("The original file is missing from the data folder.")) from None
    return FileResponse(handle, as_attachment=True, filename=plan.source_name)


@login_required
def plan_export(request, pk, fmt):
    plan = _get_plan(request, pk)
    tasks = tasks_for(request.user).filter(plan=plan).select_related("plan").prefetch_related(ASSIGNMENTS).order_by("position")
    name = safe_name(f"{plan.number or 'plan-' + str(plan.pk)}-tasks").replace(" ", "_")
    return exports.response(tasks, fmt, name, title=str(plan))


# --------------------------------------------------------------------------- upload and jobs


@login_required
def plan_upload(request):
    _require(can_upload(request.user))
    form = UploadForm()
    ocr_offer = None
    if request.method == "POST":
        # Refuse an oversize request before Django spools it all to disk.
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.KEHOACH_MAX_UPLOAD_BYTES + 1024 * 1024:
            form.add_error(None, _("The upload is too large (%(size).1f MB; the limit is %(limit)d MB).")
                           % {"size": length / 1048576, "limit": settings.KEHOACH_MAX_UPLOAD_BYTES // 1048576})
            return render(request, "plans/plan_upload.html", {"form": form}, status=413)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            files = form.cleaned_data["files"]
            if len(files) > 1:
                return _bulk_upload(request, files)
            upload = files[0]
            data = upload.read()
            try:
                result = ingest(data, upload.name, request.user)
            except NoTextLayer as error:
                form.add_error("files", str(error))
                ocr_offer = _offer_ocr(request, data, upload.name)
            except UploadError as error:
                form.add_error("files", str(error))
            else:
                plan = result.plan
                if not result.created:
                    messages.info(request, _("This file was already uploaded: %(plan)s.") % {"plan": plan})
                    if plan in plans_for(request.user):
                        return redirect("plan_detail", pk=plan.pk)
                    return redirect("plan_list")
                messages.success(request, _("Read %(n)d tasks from %(file)s. Check them, then publish.")
                                 % {"n": plan.tasks.count(), "file": upload.name})
                return redirect("plan_review", pk=plan.pk)
    status = 400 if form.errors else 200
    return render(request, "plans/plan_upload.html", {"form": form, "ocr_offer": ocr_offer}, status=status)


def _incoming(job_key: str) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "incoming" / job_key
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _bulk_upload(request, files):
    from kehoach.web.jobs import submit

    folder = _incoming(timezone.now().strftime("%Y%m%d%H%M%S%f"))
    items = []
    for number, upload in enumerate(files):
        path = folder / f"{number:03d}-{safe_name(upload.name)}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        items.append({"path": str(path), "name": upload.name})
    job = submit("ingest_files", {"files": items, "user": request.user.pk}, request.user)
    return redirect("job_detail", pk=job.pk)


def _offer_ocr(request, data: bytes, name: str) -> dict:
    from .services.ocr import available

    reason = available()
    if reason:
        return {"possible": False, "reason": reason}
    digest = sha256(data)
    path = _incoming("pending") / f"{digest}.pdf"
    path.write_bytes(data)
    return {"possible": True, "digest": digest, "name": name}


@login_required
@require_POST
def plan_ocr(request):
    from kehoach.web.jobs import submit

    _require(can_upload(request.user))
    digest = request.POST.get("digest", "")
    name = request.POST.get("name", "scan.pdf")[:200]
    path = Path(settings.MEDIA_ROOT) / "incoming" / "pending" / f"{digest}.pdf"
    if not (len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)) or not path.is_file():
        messages.error(request, _("That scan is no longer waiting; upload it again."))
        return redirect("plan_upload")
    job = submit("ocr", {"path": str(path), "name": name, "user": request.user.pk}, request.user)
    return redirect("job_detail", pk=job.pk)


@login_required
def job_detail(request, pk):
    job = get_object_or_404(Job, pk=pk)
    if not is_admin(request.user) and job.created_by_id != request.user.pk:
        raise Http404
    template = "plans/_job_status.html" if request.headers.get("HX-Request") else "plans/job_detail.html"
    return render(request, template, {"job": job})


# --------------------------------------------------------------------------- review


def _editable_plan(request, pk):
    plan = _get_plan(request, pk)
    _require(can_edit_plan(request.user, plan))
    return plan


@login_required
def plan_review(request, pk):
    plan = _editable_plan(request, pk)
    tasks = list(plan.tasks.prefetch_related(ASSIGNMENTS).order_by("position"))
    matcher = Matcher()
    unresolved = [
        {"name": name, "suggestions": matcher.suggest(name), "count": count}
        for name, count in _unresolved_counts(plan)
    ]
    if request.method == "POST":
        form = PlanForm(request.POST, instance=Plan.objects.get(pk=plan.pk))
        if form.is_valid():
            review.update_plan(plan, {f: form.cleaned_data[f] for f in form.changed_data}, request.user)
            messages.success(request, _("Plan details saved."))
            return redirect("plan_review", pk=plan.pk)
    else:
        form = PlanForm(instance=plan)
    return render(
        request,
        "plans/plan_review.html",
        {
            "plan": plan,
            "tasks": tasks,
            "segments": _segments(plan.source_text, tasks),
            "unresolved": unresolved,
            "form": form,
            "all_units": Unit.objects.filter(active=True).only("name").order_by("folded"),
            "problems": review.publish_problems(plan) if plan.is_draft else [],
            "can_publish": can_publish(request.user, plan),
            "unit_kinds": UnitKind.choices,
            "no_lead": sum(1 for t in tasks if not any(a.role == Role.LEAD for a in t.assignments.all())),
        },
        status=400 if form.errors else 200,
    )


def _unresolved_counts(plan):
    rows = (
        Assignment.objects.filter(task__plan=plan, unit__isnull=True)
        .values("name")
        .annotate(n=Count("id"))
        .order_by("name")
    )
    return [(r["name"], r["n"]) for r in rows]


def _segments(source: str, tasks) -> list[dict]:
    """The source cut at the tasks' passages, so each passage can be marked and scrolled to."""
    spans = sorted(
        ((t.source_start, t.source_end, t.pk) for t in tasks if t.source_start is not None and t.source_end),
        key=lambda s: s[0],
    )
    segments, cursor = [], 0
    for start, end, pk in spans:
        if start < cursor:  # overlapping passages: mark the part not yet shown
            start = cursor
        if end <= start:
            continue
        if start > cursor:
            segments.append({"text": source[cursor:start], "task": None})
        segments.append({"text": source[start:end], "task": pk})
        cursor = end
    segments.append({"text": source[cursor:], "task": None})
    return segments


@login_required
@require_POST
def plan_resolve(request, pk):
    plan = _editable_plan(request, pk)
    name = request.POST.get("name", "")
    action = request.POST.get("action", "")
    if not Assignment.objects.filter(task__plan=plan, name=name, unit__isnull=True).exists():
        messages.error(request, _("“%(name)s” has nothing left to resolve.") % {"name": name})
        return redirect("plan_review", pk=plan.pk)
    try:
        if action == "drop":
            review.drop_name(plan, name, request.user)
            messages.success(request, _("“%(name)s” removed from the tasks.") % {"name": name})
        elif action == "create":
            _require(can_manage_units(request.user))
            form = NewUnitForm(request.POST, prefix="new")
            if not form.is_valid():
                messages.error(request, _("New unit: %(errors)s") % {"errors": "; ".join(e for es in form.errors.values() for e in es)})
                return redirect("plan_review", pk=plan.pk)
            unit = review.create_unit({"name": form.cleaned_data["name"], "kind": form.cleaned_data["kind"]}, request.user)
            review.resolve_name(plan, name, unit, request.user, remember=unit.name != name)
            messages.success(request, _("Unit “%(unit)s” created.") % {"unit": unit.name})
        else:
            typed = request.POST.get("unit_name", "").strip()
            if typed:  # a unit typed in the free field wins over the ticked suggestion
                unit = Unit.objects.filter(name=typed, active=True).first() or Matcher().exact(typed)
            else:
                unit = Unit.objects.filter(pk=request.POST.get("unit") or 0).first()
            if unit is None:
                messages.error(request, _("Choose a unit for “%(name)s”.") % {"name": name})
                return redirect("plan_review", pk=plan.pk)
            count = review.resolve_name(plan, name, unit, request.user)
            messages.success(request, _("“%(name)s” → %(unit)s (%(n)d tasks).") % {"name": name, "unit": unit.name, "n": count})
    except review.ReviewError as error:
        messages.error(request, str(error))
    return redirect(reverse("plan_review", args=[plan.pk]) + "#units")


@login_required
@require_POST
def plan_publish(request, pk):
    plan = _get_plan(request, pk)
    _require(can_publish(request.user, plan))
    try:
        review.publish(plan, request.user)
    except review.ReviewError as error:
        messages.error(request, _("Not published: %(reason)s") % {"reason": error})
        return redirect("plan_review", pk=plan.pk)
    messages.success(request, _("Published. Every unit now sees its tasks."))
    return redirect("plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_unpublish(request, pk):
    plan = _get_plan(request, pk)
    _require(is_admin(request.user))
    try:
        review.unpublish(plan, request.user)
    except review.ReviewError as error:
        messages.error(request, str(error))
    return redirect("plan_review", pk=plan.pk)


@login_required
@require_POST
def plan_delete(request, pk):
    plan = _editable_plan(request, pk)
    try:
        review.delete_draft(plan, request.user)
    except review.ReviewError as error:
        messages.error(request, str(error))
        return redirect("plan_detail", pk=plan.pk)
    messages.success(request, _("Draft deleted."))
    return redirect("plan_list")


# --------------------------------------------------------------------------- tasks


def _get_task(request, pk):
    return get_object_or_404(tasks_for(request.user).select_related("plan").prefetch_related(ASSIGNMENTS), pk=pk)


@login_required
def task_detail(request, pk):
    task = _get_task(request, pk)
    passage = ""
    if task.source_start is not None and task.source_end:
        passage = task.plan.source_text[task.source_start : task.source_end]
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "plan": task.plan,
            "passage": passage,
            "section_title": task.plan.sections.get(task.section, ""),
            "can_edit": can_edit_task(request.user, task),
            "can_mark_done": can_mark_done(request.user, task),
            "today": timezone.localdate(),
        },
    )


@login_required
def task_edit(request, pk):
    task = _get_task(request, pk)
    _require(can_edit_task(request.user, task))
    if request.method == "POST":
        form = TaskForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                review.update_task(
                    task,
                    {f: data[f] for f in ("ref", "text", "timeframe", "start", "end", "recurrence", "outputs")},
                    request.user,
                )
                for role, field in ((Role.LEAD, "lead"), (Role.CO_LEAD, "co_lead"), (Role.PARTNER, "partners")):
                    current = [a.unit.name if a.unit else a.name for a in task.assignments.all() if a.role == role]
                    if current != data[field]:
                        review.set_assignments(task, role, data[field], request.user)
            except review.ReviewError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            else:
                messages.success(request, _("Task saved."))
                return redirect(reverse("plan_review", args=[task.plan_id]) + f"#task-{task.pk}")
    else:
        form = TaskForm(initial=TaskForm.initial_for(task))
    return render(request, "plans/task_form.html", {"form": form, "task": task, "plan": task.plan},
                  status=400 if form.errors else 200)


@login_required
def task_add(request, pk):
    plan = _editable_plan(request, pk)
    if request.method == "POST":
        form = TaskForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            task = review.add_task(
                plan, {f: data[f] for f in ("ref", "text", "timeframe", "start", "end", "recurrence", "outputs")}, request.user
            )
            for role, field in ((Role.LEAD, "lead"), (Role.CO_LEAD, "co_lead"), (Role.PARTNER, "partners")):
                if data[field]:
                    review.set_assignments(task, role, data[field], request.user)
            messages.success(request, _("Task added."))
            return redirect(reverse("plan_review", args=[plan.pk]) + f"#task-{task.pk}")
    else:
        form = TaskForm()
    return render(request, "plans/task_form.html", {"form": form, "task": None, "plan": plan},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def task_delete(request, pk):
    task = _get_task(request, pk)
    _require(can_edit_task(request.user, task))
    plan_id = task.plan_id
    review.delete_task(task, request.user)
    messages.success(request, _("Task removed."))
    return redirect(reverse("plan_review", args=[plan_id]) + "#tasks")


@login_required
@require_POST
def task_done(request, pk):
    task = _get_task(request, pk)
    _require(can_mark_done(request.user, task))
    review.mark_done(task, request.user, request.POST.get("done") == "1")
    return redirect(request.POST.get("next") if _safe_next(request) else reverse("task_detail", args=[task.pk]))


def _safe_next(request) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    return bool(request.POST.get("next")) and url_has_allowed_host_and_scheme(
        request.POST["next"], allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


# --------------------------------------------------------------------------- units


@login_required
def unit_list(request):
    q = request.GET.get("q", "").strip()
    units = Unit.objects.filter(active=True).select_related("parent")
    if q:
        for word in fold(q).split():
            units = units.filter(Q(folded__contains=word) | Q(keys__contains=word))
    visible = tasks_for(request.user).filter(plan__status=PlanStatus.PUBLISHED)
    counts = dict(
        Assignment.objects.filter(task__in=visible, unit__isnull=False).values_list("unit").annotate(n=Count("task", distinct=True))
    )
    groups = defaultdict(list)
    for unit in units.order_by("kind", "folded"):
        unit.task_count = counts.get(unit.pk, 0)
        groups[unit.kind].append(unit)
    ordered = [(label, groups[kind]) for kind, label in UnitKind.choices if groups.get(kind)]
    return render(request, "plans/unit_list.html", {"groups": ordered, "q": q, "can_manage": can_manage_units(request.user)})


def unit_tasks(user, unit, *, state: str = "open", role: str = ""):
    """The tasks `unit` leads or supports, visible to `user`, by due date (undated last)."""
    assignments = Assignment.objects.filter(task=OuterRef("pk"), unit=unit)
    if role in Role.values:
        assignments = assignments.filter(role=role)
    # EXISTS, not "id IN (…)": SQLite's planner drives an IN list from the wrong side (50 ms → 3 ms).
    tasks = tasks_for(user).filter(Exists(assignments), plan__status=PlanStatus.PUBLISHED)
    if state == "open":
        tasks = tasks.filter(done_at__isnull=True)
    elif state == "done":
        tasks = tasks.filter(done_at__isnull=False)
    from django.db.models import F

    return (tasks.select_related("plan")
            # the plan's source text and extracted JSON are large and not shown in a task list
            .defer("plan__source_text", "plan__extracted", "plan__search_text", "plan__recipients", "plan__warnings")
            .prefetch_related(ASSIGNMENTS).order_by(F("end").asc(nulls_last=True), "plan_id", "position"))


@login_required
def unit_detail(request, pk):
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=pk)
    state = request.GET.get("state", "open")
    role = request.GET.get("role", "")
    today = timezone.localdate()
    tasks = unit_tasks(request.user, unit, state=state, role=role)
    # One pass over the unit's tasks for the count, the overdue count and the plans they belong to:
    # a busy unit (the lead agency, "UBND các xã, phường") holds thousands of tasks.
    late = Q(end__lt=today, done_at__isnull=True) & ~Q(recurrence="continuous")
    totals = tasks.order_by().aggregate(total=Count("pk"), overdue=Count("pk", filter=late))
    plan_ids = list(tasks.order_by().values_list("plan_id", flat=True).distinct())
    paginator = Paginator(tasks, 100)
    paginator.__dict__["count"] = totals["total"]  # already counted above
    page = paginator.get_page(request.GET.get("page"))
    for task in page:
        task.my_roles = sorted({a.get_role_display() for a in task.assignments.all() if a.unit_id == unit.pk})
        task.overdue = task.is_overdue(today)
    overdue = totals["overdue"] if state != "done" else 0
    reports = (
        ReportDeadline.objects.filter(plan_id__in=plan_ids, due__gte=today)
        .select_related("plan")
        .order_by("due")[:20]
    )
    return render(
        request,
        "plans/unit_detail.html",
        {
            "unit": unit,
            "page": page,
            "tasks": page.object_list,
            "state": state,
            "role": role,
            "roles": Role.choices,
            "today": today,
            "overdue": overdue,
            "reports": reports,
            "children": unit.children.filter(active=True).order_by("folded")[:200],
            "can_manage": can_manage_units(request.user),
            "is_mine": unit_of(request.user) == unit,
        },
    )


@login_required
def unit_export(request, pk, fmt):
    unit = get_object_or_404(Unit, pk=pk)
    tasks = unit_tasks(request.user, unit, state=request.GET.get("state", "all"))
    return exports.response(tasks, fmt, safe_name(unit.name).replace(" ", "_") + "-tasks", title=unit.name)


@login_required
def unit_edit(request, pk=None):
    _require(can_manage_units(request.user))
    unit = get_object_or_404(Unit, pk=pk) if pk else None
    form = UnitForm(request.POST or None, instance=unit or Unit())
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            if unit is None:
                unit = review.create_unit(values, request.user)
            else:
                review.update_unit(unit, values, request.user)
        except review.ReviewError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, _("Unit saved."))
            return redirect("unit_detail", pk=unit.pk)
    return render(request, "plans/unit_form.html", {"form": form, "unit": unit}, status=400 if form.errors else 200)


# --------------------------------------------------------------------------- calendar


@login_required
def deadline_calendar(request):
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    tasks = tasks_for(request.user).filter(plan__status=PlanStatus.PUBLISHED, end__range=(first, last))
    unit = None
    if request.GET.get("unit"):
        unit = Unit.objects.filter(pk=request.GET["unit"]).first()
        if unit:
            tasks = tasks.filter(assignments__unit=unit).distinct()
    reports = ReportDeadline.objects.filter(
        plan__in=plans_for(request.user).filter(status=PlanStatus.PUBLISHED), due__range=(first, last)
    ).select_related("plan")
    by_day = defaultdict(list)
    for task in tasks.select_related("plan").order_by("end", "plan_id", "position")[:2000]:
        by_day[task.end].append({"kind": "task", "task": task, "overdue": task.is_overdue(today)})
    for report in reports:
        by_day[report.due].append({"kind": "report", "report": report})
    for source in CALENDAR_SOURCES:
        for day, item in source(request.user, first, last):
            by_day[day].append(item)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append([{"date": d, "in_month": d.month == first.month, "items": by_day.get(d, []), "today": d == today} for d in week])
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = last + dt.timedelta(days=1)
    return render(
        request,
        "plans/calendar.html",
        {"weeks": weeks, "first": first, "prev": prev_month, "next": next_month, "unit": unit,
         "count": sum(len(v) for v in by_day.values())},
    )


# --------------------------------------------------------------------------- audit, tokens


@login_required
def audit_list(request):
    _require(is_admin(request.user))
    entries = AuditEntry.objects.select_related("plan").order_by("-at", "-id")
    for field in ("model", "action", "username"):
        if request.GET.get(field):
            entries = entries.filter(**{field: request.GET[field]})
    if request.GET.get("plan"):
        entries = entries.filter(plan_id=request.GET["plan"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "plans/audit_list.html", {"page": page})


@login_required
def tokens(request):
    from .api_auth import create_token

    new_token = None
    if request.method == "POST":
        if request.POST.get("delete"):
            request.user.api_tokens.filter(pk=request.POST["delete"]).delete()
            messages.success(request, _("Token deleted."))
            return redirect("tokens")
        new_token = create_token(request.user, request.POST.get("name", "")[:100])
    return render(request, "plans/tokens.html", {"tokens": request.user.api_tokens.order_by("-created_at"), "new_token": new_token})


# --------------------------------------------------------------------------- errors


def error_400(request, exception=None):
    return render(request, "errors/error.html", {"code": 400, "message": _("The request could not be understood.")}, status=400)


def error_403(request, exception=None):
    return render(request, "errors/error.html", {"code": 403, "message": _("You do not have permission to do this.")}, status=403)


def error_404(request, exception=None):
    return render(request, "errors/error.html", {"code": 404, "message": _("There is nothing here, or you may not see it.")}, status=404)


def error_500(request):
    return render(request, "errors/error.html", {"code": 500, "message": _("Something went wrong on our side. The error was logged.")}, status=500)


def csrf_failure(request, reason=""):
    return render(request, "errors/error.html", {"code": 403, "message": _("The form expired. Go back, reload the page and try again.")}, status=403)


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")

