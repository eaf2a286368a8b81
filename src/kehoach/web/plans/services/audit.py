"""The audit log: every change records who, when, what, and the values before and after.

Call `record` inside the transaction that makes the change, so the entry and the change are
written together or not at all.
"""
from __future__ import annotations

from django.utils import timezone


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def record(user, action: str, obj, *, before=None, after=None, plan=None):
    from ..models import AuditEntry

    if plan is None:
        plan = getattr(obj, "plan", None)
        if plan is None and obj.__class__.__name__ == "Plan":
            plan = obj
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    return AuditEntry.objects.create(
        at=timezone.now(),
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=action,
        model=obj.__class__.__name__,
        object_id=str(obj.pk or ""),
        object_repr=str(obj)[:300],
        plan=plan if plan is not None and plan.pk else None,
        before=_jsonable(before),
        after=_jsonable(after),
    )


def changed(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the fields that differ, for a readable log."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: _jsonable(before.get(k)) for k in keys}, {k: _jsonable(after.get(k)) for k in keys}
