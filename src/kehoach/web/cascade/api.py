"""The cascade's JSON API, mounted under /api/cascade/ (same authentication and permissions as
the pages): a plan's chain up and down, and the coverage of an upper plan by a lower plan."""
from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from ninja import Router
from ninja.errors import HttpError

from . import permissions

router = Router(tags=["cascade"])


def _node(node) -> dict:
    out = {
        "plan_id": node.plan.pk if node.plan is not None else None,
        "label": node.label,
        "title": node.title or None,
        "date": node.date.isoformat() if node.date else None,
        "placeholder": node.plan is None,
        "status": node.status,
        "url": reverse("cascade:plan", args=[node.plan.pk]) if node.plan is not None else None,
        "children": [_node(child) for child in node.children],
    }
    if node.citation is not None:
        ref = node.citation.reference
        out["reference"] = {"kind": ref.kind or None, "number": ref.number or None,
                            "date": ref.date.isoformat() if ref.date else None, "issuer": ref.issuer or None,
                            "matched_by": node.citation.matched_by or None}
    return out


@router.get("/plans/{int:plan_id}", summary="A plan's cascade: the documents it implements (up) and the plans implementing it (down)")
def plan_chain(request, plan_id: int):
    from .services.graph import Cascade, plan_node

    plan = permissions.visible_plan(request.user, plan_id)
    if plan is None:
        raise Http404
    cascade = Cascade(request.user)
    return {"plan": _node(plan_node(plan)), "up": [_node(n) for n in cascade.up(plan)],
            "down": [_node(n) for n in cascade.down(plan)]}


@router.get("/coverage", summary="Coverage of an upper plan by a lower plan for a unit (the `kehoach cover` JSON, with decisions)")
def coverage(request, upper: int, lower: int, unit: int | None = None):
    from kehoach.web.plans.models import Unit

    from .services.coverage import coverage_for, plan_unit

    upper_plan = permissions.visible_plan(request.user, upper)
    if upper_plan is None:
        raise HttpError(404, "upper: no such plan, or you may not see it")
    lower_plan = permissions.visible_plan(request.user, lower)
    if lower_plan is None:
        raise HttpError(404, "lower: no such plan, or you may not see it")
    if upper_plan.pk == lower_plan.pk:
        raise HttpError(400, "lower: choose a plan other than the upper plan")
    if unit is None:
        target = plan_unit(lower_plan)
        if target is None:
            raise HttpError(400, "unit: the lower plan's issuing unit is not known; pass ?unit=<id>")
    else:
        target = Unit.objects.filter(pk=unit).first()
        if target is None:
            raise HttpError(404, "unit: no such unit")
    if not permissions.can_view_coverage(request.user, target):
        raise Http404
    return coverage_for(upper_plan, lower_plan, target).to_json_dict()
