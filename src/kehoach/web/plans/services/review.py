"""Edits during review and after: each one a transaction with its audit entry."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kehoach.errors import KehoachError

from .audit import changed, record
from .units import add_alias, unit_snapshot


class ReviewError(KehoachError):
    """An edit we refuse; `field` names the input at fault where there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


PLAN_FIELDS = ("title", "doc_type", "number", "issuer", "place", "date", "signer_name", "signer_title", "signer_authority")
TASK_FIELDS = ("ref", "text", "timeframe", "start", "end", "recurrence", "outputs")


def plan_snapshot(plan) -> dict:
    return {f: getattr(plan, f) for f in (*PLAN_FIELDS, "status", "issuer_unit_id")}


def task_snapshot(task) -> dict:
    data = {f: getattr(task, f) for f in TASK_FIELDS}
    data["done_at"] = task.done_at
    data["assignments"] = [
        {"role": a.role, "name": a.name, "unit": a.unit_id} for a in task.assignments.all().order_by("role", "position", "pk")
    ]
    return data


def update_plan(plan, values: dict, user):
    from .ingest import link_references
    from .units import Matcher

    before = plan_snapshot(plan)
    with transaction.atomic():
        for field, value in values.items():
            if field not in PLAN_FIELDS:
                raise ReviewError(f"unknown field {field!r}", field)
            setattr(plan, field, value if value is not None or field == "date" else "")
        if "issuer" in values:
            plan.issuer_unit = Matcher().exact(plan.issuer) if plan.issuer else None
        plan.save()
        link_references(plan)
        old, new = changed(before, plan_snapshot(plan))
        if new:
            record(user, "update", plan, before=old, after=new)
    return plan


def update_task(task, values: dict, user):
    before = task_snapshot(task)
    with transaction.atomic():
        for field, value in values.items():
            if field not in TASK_FIELDS:
                raise ReviewError(f"unknown field {field!r}", field)
            setattr(task, field, value if value is not None or field in ("start", "end") else "")
        if task.start and task.end and task.start > task.end:
            raise ReviewError(_("The due date comes before the start."), "end")
        if not (task.text or "").strip():
            raise ReviewError(_("The task's text is empty."), "text")
        from .source import section_of

        task.section = section_of(task.ref)
        task.save()
        old, new = changed(before, task_snapshot(task))
        if new:
            record(user, "update", task, before=old, after=new)
    return task


def set_assignments(task, role: str, names: list[str], user, units: list | None = None):
    """Replace the task's units in one role by `names` (as written); exact matches resolve at once."""
    from ..models import Assignment, Role
    from .units import Matcher

    if role not in Role.values:
        raise ReviewError(f"unknown role {role!r}", "role")
    before = task_snapshot(task)
    matcher = Matcher()
    with transaction.atomic():
        task.assignments.filter(role=role).delete()
        seen = set()
        for position, name in enumerate(n.strip() for n in names):
            if not name:
                continue
            unit = units[position] if units else matcher.exact(name)
            if unit is not None:
                if unit.pk in seen:
                    continue
                seen.add(unit.pk)
            Assignment.objects.create(task=task, unit=unit, name=name[:300], role=role, position=position)
        old, new = changed(before, task_snapshot(task))
        if new:
            record(user, "update", task, before=old, after=new)
    return task


def add_assignment(task, unit, role: str, user):
    from ..models import Assignment, Role

    if role not in Role.values:
        raise ReviewError(f"unknown role {role!r}", "role")
    with transaction.atomic():
        assignment, created = Assignment.objects.get_or_create(
            task=task, unit=unit, role=role, defaults={"name": unit.name, "position": task.assignments.count()}
        )
        if created:
            record(user, "create", assignment, after={"task": task.pk, "unit": unit.pk, "role": role}, plan=task.plan)
    return assignment, created


def remove_assignment(assignment, user):
    with transaction.atomic():
        record(
            user,
            "delete",
            assignment,
            before={"task": assignment.task_id, "unit": assignment.unit_id, "name": assignment.name, "role": assignment.role},
            plan=assignment.task.plan,
        )
        assignment.delete()


def unresolved_names(plan) -> list[str]:
    from ..models import Assignment

    names = Assignment.objects.filter(task__plan=plan, unit__isnull=True).values_list("name", flat=True)
    return sorted(set(names), key=lambda n: n.lower())


def resolve_name(plan, name: str, unit, user, *, remember: bool = True) -> int:
    """Every assignment of `plan` written `name` becomes `unit`; the spelling is remembered."""
    from ..models import Assignment

    with transaction.atomic():
        rows = list(Assignment.objects.select_for_update().filter(task__plan=plan, name=name, unit__isnull=True))
        taken = set(
            Assignment.objects.filter(task__in=[a.task_id for a in rows], unit=unit).values_list("task_id", "role")
        )
        count = 0
        for assignment in rows:
            if (assignment.task_id, assignment.role) in taken:
                assignment.delete()  # the unit already holds that role in that task
                continue
            taken.add((assignment.task_id, assignment.role))
            assignment.unit = unit
            assignment.save(update_fields=["unit"])
            count += 1
        if remember:
            before = unit_snapshot(unit)
            if add_alias(unit, name):
                record(user, "update", unit, before={"aliases": before["aliases"]}, after={"aliases": unit.aliases})
        record(user, "resolve", plan, after={"name": name, "unit": unit.pk, "unit_name": unit.name, "assignments": count})
    return count


def drop_name(plan, name: str, user) -> int:
    """The name assigns no unit we track (e.g. a central ministry): its assignments go."""
    from ..models import Assignment

    with transaction.atomic():
        rows = Assignment.objects.filter(task__plan=plan, name=name, unit__isnull=True)
        count = rows.count()
        rows.delete()
        record(user, "drop_name", plan, before={"name": name, "assignments": count})
    return count


def create_unit(values: dict, user):
    from ..models import Unit

    with transaction.atomic():
        if Unit.objects.filter(parent=values.get("parent"), name=values["name"]).exists():
            raise ReviewError(_("A unit named “%(name)s” already exists there.") % {"name": values["name"]}, "name")
        unit = Unit.objects.create(**values)
        record(user, "create", unit, after=unit_snapshot(unit))
    return unit


def update_unit(unit, values: dict, user):
    before = unit_snapshot(unit)
    with transaction.atomic():
        for field, value in values.items():
            setattr(unit, field, value)
        unit.save()
        old, new = changed(before, unit_snapshot(unit))
        if new:
            record(user, "update", unit, before=old, after=new)
    return unit


def publish_problems(plan) -> list[str]:
    problems = []
    names = unresolved_names(plan)
    if names:
        problems.append(
            ngettext(
                "%(n)d unit name is not yet resolved to a registry unit: %(names)s",
                "%(n)d unit names are not yet resolved to registry units: %(names)s",
                len(names),
            ) % {"n": len(names), "names": "; ".join(names[:5])}
        )
    if not plan.tasks.exists():
        problems.append(_("The plan has no task."))
    if not (plan.title or "").strip():
        problems.append(_("The plan has no title."))
    return problems


def publish(plan, user, *, force: bool = False):
    """Publish a draft; refused while a unit name is unresolved (unless `force`, for the demo)."""
    from ..models import Plan, PlanStatus

    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.status == PlanStatus.PUBLISHED:
            raise ReviewError(_("The plan is already published."))
        problems = [] if force else publish_problems(plan)
        if problems:
            raise ReviewError("; ".join(problems))
        plan.status = PlanStatus.PUBLISHED
        plan.published_at = timezone.now()
        plan.published_by = user if user is not None and user.is_authenticated else None
        plan.save(update_fields=["status", "published_at", "published_by", "updated_at"])
        record(user, "publish", plan, before={"status": "draft"}, after={"status": "published"})
    return plan


def unpublish(plan, user):
    from ..models import Plan, PlanStatus

    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != PlanStatus.PUBLISHED:
            raise ReviewError(_("The plan is not published."))
        plan.status = PlanStatus.DRAFT
        plan.save(update_fields=["status", "updated_at"])
        record(user, "unpublish", plan, before={"status": "published"}, after={"status": "draft"})
    return plan


def delete_draft(plan, user):
    from ..models import PlanStatus

    if plan.status != PlanStatus.DRAFT:
        raise ReviewError(_("Only a draft can be deleted; take it back to draft first."))
    name = plan.file.name
    with transaction.atomic():
        record(user, "delete", plan, before={"file": plan.source_name, "sha256": plan.sha256, "title": plan.title})
        plan.delete()
        transaction.on_commit(lambda: plan.file.storage.delete(name))


def delete_task(task, user):
    with transaction.atomic():
        record(user, "delete", task, before=task_snapshot(task))
        task.delete()


def add_task(plan, values: dict, user):
    from ..models import Task
    from .source import section_of

    with transaction.atomic():
        position = (plan.tasks.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        task = Task.objects.create(plan=plan, position=position, section=section_of(values.get("ref", "")), **values)
        record(user, "create", task, after=task_snapshot(task))
    return task


def mark_done(task, user, done: bool):
    before = {"done_at": task.done_at}
    with transaction.atomic():
        task.done_at = timezone.now() if done else None
        task.done_by = user if done else None
        task.save(update_fields=["done_at", "done_by"])
        record(user, "done" if done else "undone", task, before=before, after={"done_at": task.done_at})
    return task
