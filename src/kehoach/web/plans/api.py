"""The JSON API under /api/ (django-ninja; OpenAPI page at /api/docs).

Authentication: `Authorization: Bearer <token>` (tokens from /tokens/ or `kehoach createuser
--token`), or the browser session (with its CSRF token). The permission rules are the pages'
(`permissions.py`): objects a user may not see are 404, changes they may not make are 403.
Errors are JSON: {"detail": "...", "field": "..."} (and "errors" for several fields).
"""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from django.db.models import Exists, F, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import File, NinjaAPI, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.files import UploadedFile
from ninja.security import HttpBearer, django_auth
from pydantic import Field

from kehoach import __version__

from .models import Assignment, Job, PlanStatus, Role, Unit, UnitKind
from .permissions import (
    can_edit_plan,
    can_edit_task,
    can_manage_units,
    can_mark_done,
    can_publish,
    can_upload,
    plans_for,
    tasks_for,
)
from .services import review
from .services.files import UploadError
from .services.ingest import ingest
from .services.search import search_plans


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        from .api_auth import user_for_token

        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="kehoach API",
    version=__version__,
    description="Plans, tasks, units and assignments of the province's external-information work.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)


def _error(request, status: int, detail: str, field: str | None = None, errors=None):
    body = {"detail": detail}
    if field:
        body["field"] = field
    if errors:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(ValidationError)
def _validation(request, exc: ValidationError):
    errors = []
    for error in exc.errors:
        loc = [str(p) for p in error.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "form", "file", "header", "cookie"):
            loc = loc[1:]  # where ninja found it, not the field's name
        if len(loc) > 1 and loc[0] == "payload":
            loc = loc[1:]
        errors.append({"field": ".".join(loc) or "body", "message": error.get("msg", "invalid")})
    first = errors[0] if errors else {"field": "body", "message": "invalid"}
    return _error(request, 422, f"{first['field']}: {first['message']}", first["field"], errors)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(AuthenticationError)
def _unauthorised(request, exc):
    return _error(request, 401, "authentication required: send “Authorization: Bearer <token>”")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "not found")


@api.exception_handler(review.ReviewError)
def _review_error(request, exc: review.ReviewError):
    return _error(request, 400, str(exc), exc.field)


@api.exception_handler(Exception)
def _internal(request, exc):
    import logging

    logging.getLogger("kehoach.api").exception("API error")
    return _error(request, 500, f"internal error ({type(exc).__name__})")


# --------------------------------------------------------------------------- schemas


class PlanSummary(Schema):
    id: int
    doc_type: str
    number: str
    title: str
    issuer: str
    date: dt.date | None
    status: str
    task_count: int
    url: str


class UnitRef(Schema):
    unit_id: int | None
    name: str


class TaskOut(Schema):
    id: int
    plan_id: int
    ref: str
    section: str
    text: str
    timeframe: str
    start: dt.date | None
    end: dt.date | None
    recurrence: str | None
    outputs: list[dict]
    lead: list[UnitRef]
    co_lead: list[UnitRef]
    partners: list[UnitRef]
    done: bool
    overdue: bool
    url: str


class TaskPatch(Schema):
    ref: str | None = Field(None, max_length=60)
    text: str | None = Field(None, min_length=1)
    timeframe: str | None = Field(None, max_length=300)
    start: dt.date | None = None
    end: dt.date | None = None
    recurrence: Literal["monthly", "quarterly", "yearly", "continuous", ""] | None = None
    done: bool | None = None


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    abbreviations: list[str]
    aliases: list[str]
    code: str
    active: bool


class UnitIn(Schema):
    name: str = Field(..., min_length=2, max_length=300)
    kind: Literal[tuple(UnitKind.values)] = UnitKind.OTHER  # type: ignore[valid-type]
    parent_id: int | None = None
    abbreviations: list[str] = []
    aliases: list[str] = []
    code: str = Field("", max_length=20)


class AssignmentOut(Schema):
    id: int
    task_id: int
    unit_id: int | None
    unit_name: str | None
    name: str
    role: str


class AssignmentIn(Schema):
    task_id: int
    unit_id: int
    role: Literal["lead", "co_lead", "partner"]


class IngestOut(Schema):
    id: int
    created: bool
    status: str
    task_count: int
    unresolved_units: list[str]
    review_url: str


class JobOut(Schema):
    id: uuid.UUID
    kind: str
    status: str
    progress: int
    total: int
    message: str
    result: dict


class Error(Schema):
    detail: str
    field: str | None = None


# --------------------------------------------------------------------------- serialisers


def _task_out(task, today=None) -> dict:
    groups = {Role.LEAD: [], Role.CO_LEAD: [], Role.PARTNER: []}
    for a in task.assignments.all():
        groups[a.role].append({"unit_id": a.unit_id, "name": a.unit.name if a.unit else a.name})
    return {
        "id": task.pk,
        "plan_id": task.plan_id,
        "ref": task.ref,
        "section": task.section,
        "text": task.text,
        "timeframe": task.timeframe,
        "start": task.start,
        "end": task.end,
        "recurrence": task.recurrence or None,
        "outputs": task.outputs,
        "lead": groups[Role.LEAD],
        "co_lead": groups[Role.CO_LEAD],
        "partners": groups[Role.PARTNER],
        "done": task.done_at is not None,
        "overdue": task.is_overdue(today),
        "url": reverse("task_detail", args=[task.pk]),
    }


def plan_json(plan, tasks) -> dict:
    """The plan JSON of ../shared/spec/plan-json.md (`kehoach.plan/1`), as reviewed in the database.

    Unit names are as the document wrote them, as the spec says; `kehoach` fields carry the
    database's ids and the resolved units.
    """
    def iso(value):
        return value.isoformat() if value else None

    out_tasks = []
    for task in tasks:
        names = {Role.LEAD: [], Role.CO_LEAD: [], Role.PARTNER: []}
        units = {Role.LEAD: [], Role.CO_LEAD: [], Role.PARTNER: []}
        for a in task.assignments.all():
            names[a.role].append(a.name)
            units[a.role].append(a.unit_id)
        out_tasks.append({
            "id": task.ref,
            "text": task.text,
            "lead": names[Role.LEAD],
            "co_lead": names[Role.CO_LEAD],
            "partners": names[Role.PARTNER],
            "timeframe": task.timeframe or None,
            "start": iso(task.start),
            "end": iso(task.end),
            "recurrence": task.recurrence or None,
            "outputs": [{"quantity": o.get("quantity"), "unit": o.get("unit"), "per": o.get("per")} for o in task.outputs],
            "kehoach": {"task_id": task.pk, "lead_units": units[Role.LEAD], "co_lead_units": units[Role.CO_LEAD],
                        "partner_units": units[Role.PARTNER], "done": task.done_at is not None},
        })
    return {
        "schema": "kehoach.plan/1",
        "source": plan.source_name,
        "meta": {
            "doc_type": plan.doc_type or None,
            "number": plan.number or None,
            "issuer": plan.issuer or None,
            "place": plan.place or None,
            "date": iso(plan.date),
            "title": plan.title or None,
            "signer": {"name": plan.signer_name or None, "title": plan.signer_title or None,
                       "authority": plan.signer_authority or None},
        },
        "references": [
            {"kind": r.kind or None, "number": r.number or None, "date": iso(r.date), "issuer": r.issuer or None,
             "kehoach": {"plan_id": r.target_id}}
            for r in plan.references.order_by("position")
        ],
        "tasks": out_tasks,
        "reports": [
            {"period": r.period or None, "due": iso(r.due), "to": r.to or None}
            for r in plan.report_deadlines.order_by("position")
        ],
        "recipients": list(plan.recipients),
        "kehoach": {"id": plan.pk, "status": plan.status, "sha256": plan.sha256,
                    "url": reverse("plan_detail", args=[plan.pk])},
    }


def _assignments_prefetch():
    from django.db.models import Prefetch

    return Prefetch("assignments", queryset=Assignment.objects.select_related("unit").order_by("role", "position", "pk"))


def _limit(limit: int) -> int:
    return max(1, min(limit, 500))


# --------------------------------------------------------------------------- plans

plans = Router(tags=["plans"])


@plans.get("", response=list[PlanSummary], summary="List plans (search ignores diacritics and case)")
def list_plans(request, q: str = "", status: Literal["draft", "published", ""] = "", limit: int = 100, offset: int = 0):
    qs = plans_for(request.user)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = search_plans(qs, q)
    qs = list(qs.defer("source_text", "extracted").order_by("-date", "-created_at")[offset : offset + _limit(limit)])
    from .views import _add_task_counts

    _add_task_counts(qs)
    return [
        {"id": p.pk, "doc_type": p.doc_type, "number": p.number, "title": p.title, "issuer": p.issuer, "date": p.date,
         "status": p.status, "task_count": p.task_count, "url": reverse("plan_detail", args=[p.pk])}
        for p in qs
    ]


@plans.get("/{int:plan_id}", summary="One plan as the plan JSON of the spec (kehoach.plan/1)")
def get_plan(request, plan_id: int):
    plan = get_object_or_404(plans_for(request.user), pk=plan_id)
    tasks = tasks_for(request.user).filter(plan=plan).prefetch_related(_assignments_prefetch()).order_by("position")
    return plan_json(plan, tasks)


@plans.get("/{int:plan_id}/extracted", summary="The reader's JSON exactly as it came, before review")
def get_extracted(request, plan_id: int):
    plan = get_object_or_404(plans_for(request.user), pk=plan_id)
    if not can_edit_plan(request.user, plan):
        raise HttpError(403, "only the plan's editors see the reader's raw output")
    return plan.extracted


@plans.get("/{int:plan_id}/tasks", response=list[TaskOut])
def plan_tasks(request, plan_id: int):
    plan = get_object_or_404(plans_for(request.user), pk=plan_id)
    today = timezone.localdate()
    tasks = tasks_for(request.user).filter(plan=plan).prefetch_related(_assignments_prefetch()).order_by("position")
    return [_task_out(t, today) for t in tasks]


@plans.post("", response={200: IngestOut, 201: IngestOut, 400: Error, 403: Error, 413: Error},
            summary="Ingest a plan file (TXT, MD, DOCX, PDF) as a draft; the same file again gives the plan there")
def upload_plan(request, file: File[UploadedFile]):
    from django.conf import settings

    if not can_upload(request.user):
        raise HttpError(403, "your role may not upload plans")
    if file.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
        return Status(413, {"detail": f"{file.name}: too large ({file.size / 1048576:.1f} MB; the limit is "
                               f"{settings.KEHOACH_MAX_UPLOAD_BYTES // 1048576} MB)", "field": "file"})
    try:
        result = ingest(file.read(), file.name or "upload", request.user)
    except UploadError as error:
        return Status(400, {"detail": str(error), "field": "file"})
    plan = result.plan
    if not result.created and not plans_for(request.user).filter(pk=plan.pk).exists():
        return Status(400, {"detail": f"{file.name}: this file was already uploaded by another unit", "field": "file"})
    body = {"id": plan.pk, "created": result.created, "status": plan.status, "task_count": plan.tasks.count(),
            "unresolved_units": review.unresolved_names(plan), "review_url": reverse("plan_review", args=[plan.pk])}
    return Status(201 if result.created else 200, body)


@plans.post("/{int:plan_id}/publish", response={200: PlanSummary, 400: Error, 403: Error})
def publish_plan(request, plan_id: int):
    plan = get_object_or_404(plans_for(request.user), pk=plan_id)
    if not can_publish(request.user, plan):
        raise HttpError(403, "only the lead agency's administrators publish plans")
    plan = review.publish(plan, request.user)
    return {"id": plan.pk, "doc_type": plan.doc_type, "number": plan.number, "title": plan.title, "issuer": plan.issuer,
            "date": plan.date, "status": plan.status, "task_count": plan.tasks.count(),
            "url": reverse("plan_detail", args=[plan.pk])}


# --------------------------------------------------------------------------- tasks

tasks = Router(tags=["tasks"])


@tasks.get("", response=list[TaskOut], summary="Tasks, by due date; ?unit= for the tasks a unit leads or supports")
def list_tasks(request, unit: int | None = None, role: Literal["lead", "co_lead", "partner", ""] = "",
               due_before: dt.date | None = None, due_after: dt.date | None = None, overdue: bool | None = None,
               plan: int | None = None, limit: int = 100, offset: int = 0):
    qs = tasks_for(request.user)
    if plan is not None:
        qs = qs.filter(plan_id=plan)
    if unit is not None:
        assignments = Assignment.objects.filter(task=OuterRef("pk"), unit_id=unit)
        if role:
            assignments = assignments.filter(role=role)
        qs = qs.filter(Exists(assignments))
    if due_before:
        qs = qs.filter(end__lte=due_before)
    if due_after:
        qs = qs.filter(end__gte=due_after)
    today = timezone.localdate()
    if overdue is True:
        qs = qs.filter(end__lt=today, done_at__isnull=True).exclude(recurrence="continuous")
    qs = qs.prefetch_related(_assignments_prefetch()).order_by(F("end").asc(nulls_last=True), "plan_id", "position")
    return [_task_out(t, today) for t in qs[offset : offset + _limit(limit)]]


@tasks.get("/{int:task_id}", response=TaskOut)
def get_task(request, task_id: int):
    task = get_object_or_404(tasks_for(request.user).prefetch_related(_assignments_prefetch()), pk=task_id)
    return _task_out(task)


@tasks.patch("/{int:task_id}", response={200: TaskOut, 400: Error, 403: Error})
def patch_task(request, task_id: int, payload: TaskPatch):
    task = get_object_or_404(tasks_for(request.user).select_related("plan"), pk=task_id)
    values = payload.model_dump(exclude_unset=True)
    done = values.pop("done", None)
    if values:
        if not can_edit_task(request.user, task):
            raise HttpError(403, "you may not edit this task (published plans are edited by the lead agency)")
        if values.get("recurrence") is None and "recurrence" in values:
            values["recurrence"] = ""
        for key in ("ref", "timeframe"):
            if key in values and values[key] is None:
                values[key] = ""
        if "text" in values and values["text"] is None:
            return Status(400, {"detail": "text: may not be null", "field": "text"})
        review.update_task(task, values, request.user)
    if done is not None:
        if not can_mark_done(request.user, task):
            raise HttpError(403, "only the lead unit's officers and the administrators mark a task done")
        review.mark_done(task, request.user, done)
    task = tasks_for(request.user).prefetch_related(_assignments_prefetch()).get(pk=task.pk)
    return Status(200, _task_out(task))


# --------------------------------------------------------------------------- units

units = Router(tags=["units"])


@units.get("", response=list[UnitOut])
def list_units(request, q: str = "", kind: str = "", limit: int = 500, offset: int = 0):
    from kehoach.text import fold

    qs = Unit.objects.filter(active=True)
    if kind:
        qs = qs.filter(kind=kind)
    for word in fold(q).split():
        qs = qs.filter(keys__contains=word)
    return list(qs.order_by("kind", "folded")[offset : offset + _limit(limit)])


@units.get("/{int:unit_id}", response=UnitOut)
def get_unit(request, unit_id: int):
    return get_object_or_404(Unit, pk=unit_id)


@units.get("/{int:unit_id}/tasks", response=list[TaskOut], summary="The tasks a unit leads or supports, by due date")
def unit_tasks(request, unit_id: int, state: Literal["open", "done", "all"] = "all"):
    from .views import unit_tasks as visible_unit_tasks

    unit = get_object_or_404(Unit, pk=unit_id)
    today = timezone.localdate()
    return [_task_out(t, today) for t in visible_unit_tasks(request.user, unit, state=state)]


@units.post("", response={201: UnitOut, 400: Error, 403: Error})
def create_unit(request, payload: UnitIn):
    if not can_manage_units(request.user):
        raise HttpError(403, "only administrators change the unit registry")
    values = payload.model_dump()
    parent_id = values.pop("parent_id")
    values["parent"] = get_object_or_404(Unit, pk=parent_id) if parent_id else None
    return Status(201, review.create_unit(values, request.user))


# --------------------------------------------------------------------------- assignments

assignments = Router(tags=["assignments"])


def _assignment_out(a) -> dict:
    return {"id": a.pk, "task_id": a.task_id, "unit_id": a.unit_id, "unit_name": a.unit.name if a.unit else None,
            "name": a.name, "role": a.role}


@assignments.get("", response=list[AssignmentOut])
def list_assignments(request, task: int | None = None, unit: int | None = None, limit: int = 500, offset: int = 0):
    qs = Assignment.objects.filter(task__in=tasks_for(request.user)).select_related("unit")
    if task is not None:
        qs = qs.filter(task_id=task)
    if unit is not None:
        qs = qs.filter(unit_id=unit)
    return [_assignment_out(a) for a in qs.order_by("task_id", "role", "position")[offset : offset + _limit(limit)]]


@assignments.post("", response={201: AssignmentOut, 200: AssignmentOut, 403: Error})
def add_assignment(request, payload: AssignmentIn):
    task = get_object_or_404(tasks_for(request.user).select_related("plan"), pk=payload.task_id)
    if not can_edit_task(request.user, task):
        raise HttpError(403, "you may not edit this task")
    unit = get_object_or_404(Unit, pk=payload.unit_id)
    assignment, created = review.add_assignment(task, unit, payload.role, request.user)
    return Status(201 if created else 200, _assignment_out(assignment))


@assignments.delete("/{int:assignment_id}", response={204: None, 403: Error})
def delete_assignment(request, assignment_id: int):
    assignment = get_object_or_404(
        Assignment.objects.filter(task__in=tasks_for(request.user)).select_related("task__plan"), pk=assignment_id
    )
    if not can_edit_task(request.user, assignment.task):
        raise HttpError(403, "you may not edit this task")
    review.remove_assignment(assignment, request.user)
    return Status(204, None)


# --------------------------------------------------------------------------- jobs

jobs = Router(tags=["ingestion"])


@jobs.get("/{uuid:job_id}", response=JobOut, summary="A background job's progress (bulk ingestion, OCR)")
def get_job(request, job_id: uuid.UUID):
    from .permissions import is_admin

    job = get_object_or_404(Job, pk=job_id)
    if not is_admin(request.user) and job.created_by_id != request.user.pk:
        raise Http404
    return job


api.add_router("/plans", plans)
api.add_router("/tasks", tasks)
api.add_router("/units", units)
api.add_router("/assignments", assignments)
api.add_router("/jobs", jobs)

from kehoach.web.cascade.api import router as cascade_router  # noqa: E402 - the cascade app's endpoints

api.add_router("/cascade", cascade_router)

__all__ = ["api", "plan_json", "PlanStatus"]
