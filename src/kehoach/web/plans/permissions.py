"""Who may see and change what. The pages and the API both ask these functions.

- lead-agency admin: everything;
- unit officer: the tasks their unit leads or supports in published plans, the plans that
  hold them, and their unit's own drafts (which they may edit, not publish);
- viewer: every published plan, read-only.

Objects a user may not see are filtered out of the queryset, so asking for one by id gives 404
(not 403: its existence is not revealed); a visible object the user may not change gives 403.
"""
from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from .models import Assignment, Plan, PlanStatus, Task, UserRole

ADMIN, OFFICER, VIEWER = UserRole.ADMIN, UserRole.OFFICER, UserRole.VIEWER


def role_of(user) -> str | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ADMIN
    profile = _profile(user)
    return profile.role if profile else VIEWER


def _profile(user):
    # Cached on the user object: one query per request, however often a template asks.
    if not hasattr(user, "_kehoach_profile"):
        from .models import Profile

        user._kehoach_profile = Profile.objects.select_related("unit").filter(user=user).first()
    return user._kehoach_profile


def unit_of(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    profile = _profile(user)
    return profile.unit if profile and profile.role == OFFICER else None


def is_admin(user) -> bool:
    return role_of(user) == ADMIN


def can_upload(user) -> bool:
    return role_of(user) in (ADMIN, OFFICER)


def plans_for(user):
    role = role_of(user)
    plans = Plan.objects.all()
    if role == ADMIN:
        return plans
    if role == VIEWER:
        return plans.filter(status=PlanStatus.PUBLISHED)
    if role == OFFICER:
        unit = unit_of(user)
        if unit is None:
            return plans.none()
        mine = Assignment.objects.filter(task__plan=OuterRef("pk"), unit=unit)
        return plans.filter(Q(status=PlanStatus.PUBLISHED) & Exists(mine) | Q(status=PlanStatus.DRAFT, owner_unit=unit))
    return plans.none()


def tasks_for(user):
    role = role_of(user)
    tasks = Task.objects.all()
    if role == ADMIN:
        return tasks
    if role == VIEWER:
        return tasks.filter(plan__status=PlanStatus.PUBLISHED)
    if role == OFFICER:
        unit = unit_of(user)
        if unit is None:
            return tasks.none()
        mine = Assignment.objects.filter(task=OuterRef("pk"), unit=unit)
        return tasks.filter(Q(plan__status=PlanStatus.PUBLISHED) & Exists(mine) | Q(plan__status=PlanStatus.DRAFT, plan__owner_unit=unit))
    return tasks.none()


def can_edit_plan(user, plan) -> bool:
    role = role_of(user)
    if role == ADMIN:
        return True
    return role == OFFICER and plan.status == PlanStatus.DRAFT and plan.owner_unit_id is not None and plan.owner_unit_id == getattr(unit_of(user), "pk", None)


def can_publish(user, plan) -> bool:
    return is_admin(user)


def can_edit_task(user, task) -> bool:
    return can_edit_plan(user, task.plan)


def can_mark_done(user, task) -> bool:
    """Admins, and the officers of a unit that leads the task (in a published plan)."""
    role = role_of(user)
    if role == ADMIN:
        return True
    unit = unit_of(user)
    if role != OFFICER or unit is None or task.plan.status != PlanStatus.PUBLISHED:
        return False
    return task.assignments.filter(unit=unit, role__in=["lead", "co_lead"]).exists()


def can_manage_units(user) -> bool:
    return is_admin(user)
