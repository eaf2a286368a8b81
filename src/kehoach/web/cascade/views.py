"""The cascade's pages: a plan's chain and roll-up, the province's graph, the coverage of an
upper plan by a lower plan for one unit (with the officers' decisions), and a unit's groups.

Permissions are `cascade.permissions` (404 for what the user may not see, 403 for what they may
not change); every change is one transaction with its audit entry (services)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.text import fold
from kehoach.web.plans.models import Unit, UnitKind
from kehoach.web.plans.permissions import plans_for

from . import permissions
from .models import GroupMembership
from .services.coverage import CoverageError, coverage_for, decide, plan_unit
from .services.graph import Cascade
from .services.rollup import rollup


def _plan_or_404(request, pk):
    plan = permissions.visible_plan(request.user, pk)
    if plan is None:
        raise Http404
    return plan


def _int_param(request, name):
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return -1  # not an id: reported on the page as a bad value for that field


@login_required
def plan_cascade(request, pk):
    plan = _plan_or_404(request, pk)
    cascade = Cascade(request.user)
    return render(request, "cascade/plan_cascade.html", {
        "plan": plan,
        "up": cascade.up(plan),
        "down": cascade.down(plan),
        "rollup": rollup(plan, request.user),
    })


@login_required
def graph(request):
    placeholders = request.GET.get("placeholders", "1") != "0"
    current = _int_param(request, "plan")
    data = Cascade(request.user).graph(placeholders=placeholders)
    return render(request, "cascade/graph.html", {
        "graph": data,
        "layout": data.layout(),
        "placeholders": placeholders,
        "current": f"p{current}" if current else "",
    })


@login_required
def coverage(request):
    upper_id, lower_id, unit_id = (_int_param(request, n) for n in ("upper", "lower", "unit"))
    plans = plans_for(request.user).defer("source_text", "extracted").order_by("-date", "-pk")
    errors = {}
    upper = lower = unit = None
    # A plan the user may not see is 404, as everywhere; a value that is no id is a form error.
    for name, value in (("upper", upper_id), ("lower", lower_id)):
        if value is not None and value <= 0:
            errors[name] = _("Choose a plan from the list.")
    if upper_id is not None and upper_id > 0:
        upper = _plan_or_404(request, upper_id)
    if lower_id is not None and lower_id > 0:
        lower = _plan_or_404(request, lower_id)
    if upper is not None and lower is not None and upper.pk == lower.pk:
        errors["lower"] = _("Choose two different plans.")
    if unit_id is not None:
        unit = Unit.objects.filter(pk=unit_id).first() if unit_id > 0 else None
        if unit is None:
            errors["unit"] = _("Choose a unit from the list.")
    elif lower is not None and "pick" not in request.GET:  # ?pick: the officer chooses another unit
        unit = plan_unit(lower)
        if unit is not None and not errors and upper is not None:
            return redirect(_coverage_url(upper, lower, unit))
    ready = upper is not None and lower is not None and unit is not None and not errors
    if ready and not permissions.can_view_coverage(request.user, unit):
        raise Http404
    if not ready:
        if lower is not None and unit is None and "unit" not in errors and upper is not None and "pick" not in request.GET:
            errors["unit"] = _("The lower plan's issuing unit is not known: choose the unit.")
        return render(request, "cascade/coverage_pick.html", {
            "plans": plans[:500], "units": _unit_choices(), "errors": errors,
            "upper": upper, "lower": lower, "unit": unit,
        }, status=400 if errors else 200)
    view = coverage_for(upper, lower, unit)
    return render(request, "cascade/coverage.html", {
        "view": view,
        "counts": view.counts(),
        "upper": upper,
        "lower": lower,
        "unit": unit,
        "can_decide": permissions.can_decide(request.user, unit),
        "can_edit_groups": permissions.can_edit_groups(request.user),
        "here": _coverage_url(upper, lower, unit),
    })


def _coverage_url(upper, lower, unit) -> str:
    return reverse("cascade:coverage") + "?" + urlencode({"upper": upper.pk, "lower": lower.pk, "unit": unit.pk})


def _unit_choices():
    return Unit.objects.filter(active=True).exclude(kind__in=[UnitKind.PROVINCE]).only("pk", "name", "kind").order_by("kind", "folded")


@login_required
@require_POST
def coverage_decide(request):
    try:
        upper_id, lower_id, unit_id = (int(request.POST.get(n, "")) for n in ("upper", "lower", "unit"))
    except ValueError:
        raise Http404 from None
    upper = _plan_or_404(request, upper_id)
    lower = _plan_or_404(request, lower_id)
    unit = get_object_or_404(Unit, pk=unit_id)
    if not permissions.can_view_coverage(request.user, unit):
        raise Http404
    if not permissions.can_decide(request.user, unit):
        raise PermissionDenied
    action = request.POST.get("action", "")
    lower_task = request.POST.get("lower_task", "")
    upper_task = request.POST.get("upper_task", "")
    try:
        decide(request.user, upper, lower, unit, upper_task, lower_task, action)
    except CoverageError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, {
            "confirm": _("Link confirmed: it is kept whenever the coverage is recomputed."),
            "add": _("Link added and confirmed."),
            "reject": _("Link rejected: it will not be proposed again."),
            "undo": _("Decision undone: the model's proposal applies again."),
        }[action])
    anchor = f"#upper-{upper_task}" if str(upper_task).isdigit() else ""
    return redirect(_coverage_url(upper, lower, unit) + anchor)


@login_required
def unit_groups(request, pk):
    unit = get_object_or_404(Unit, pk=pk)
    can_edit = permissions.can_edit_groups(request.user)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        error = _change_groups(request, unit)
        if error:
            messages.error(request, error)
        return redirect(request.POST.get("next") if _safe_next(request) else reverse("cascade:groups", args=[unit.pk]))
    memberships = GroupMembership.objects.filter(unit=unit).select_related("group").order_by("name")
    return render(request, "cascade/unit_groups.html", {
        "unit": unit,
        "memberships": memberships,
        "group_units": Unit.objects.filter(kind=UnitKind.GROUP, active=True).order_by("folded"),
        "can_edit": can_edit,
        "next": _local_path(request.GET.get("next", "")),
    })


def _change_groups(request, unit) -> str | None:
    """Add or remove one membership; an error message, or None."""
    from kehoach.web.plans.services.audit import record

    if request.POST.get("remove"):
        membership = GroupMembership.objects.filter(unit=unit, pk=request.POST["remove"]).first()
        if membership is None:
            return _("That membership is already gone.")
        with transaction.atomic():
            record(request.user, "remove_group", unit, before={"group": membership.name})
            membership.delete()
        messages.success(request, _("“%(unit)s” is no longer recorded in “%(group)s”.") % {"unit": unit.name, "group": membership.name})
        return None
    name = " ".join(request.POST.get("name", "").split())[:300]
    group = None
    if request.POST.get("group"):
        group = Unit.objects.filter(pk=request.POST["group"], kind=UnitKind.GROUP).first()
        if group is None:
            return _("group: no such group in the registry.")
        name = name or group.name
    if len(name) < 3:
        return _("name: write the group as plans name it (at least 3 characters), or pick a group of the registry.")
    if any(fold(m.name) == fold(name) for m in GroupMembership.objects.filter(unit=unit)):
        return _("“%(unit)s” is already recorded in “%(group)s”.") % {"unit": unit.name, "group": name}
    try:
        with transaction.atomic():
            membership = GroupMembership.objects.create(unit=unit, name=name, group=group,
                                                         created_by=request.user if request.user.is_authenticated else None)
            record(request.user, "add_group", unit, after={"group": name, "group_unit": group.pk if group else None})
    except IntegrityError:
        return _("“%(unit)s” is already recorded in “%(group)s”.") % {"unit": unit.name, "group": name}
    messages.success(request, _("“%(unit)s” recorded in “%(group)s”.") % {"unit": unit.name, "group": membership.name})
    return None


def _local_path(value: str) -> str:
    """`value` when it is a path on this site ("/cascade/…"), else "" (no redirect elsewhere)."""
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else ""


def _safe_next(request) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                            require_https=request.is_secure())
