"""The reporting pages. Permissions follow the plans app: a lead-agency admin sees and reviews
everything; a unit officer sees only their own unit's reports (another unit's answers 404);
a viewer sees the dashboards of published plans. Every change goes through `services`."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kehoach.web.plans.models import Plan, PlanStatus, Unit
from kehoach.web.plans.permissions import ADMIN, OFFICER, VIEWER, is_admin, plans_for, role_of, unit_of

from . import charts, consolidated, services
from .holidays import day_off
from .models import (
    CalendarToken,
    DocFormat,
    Evidence,
    ItemStatus,
    Notice,
    Period,
    PeriodKind,
    ReportItem,
    ReportStatus,
    UnitReport,
    WindowRule,
)
from .outputs import delivered, tally
from .periods import has_dated_regime, open_adhoc, plan_span, settings_for, sync_periods, task_dates
from .progress import FOUR_WAY_LABELS, LABELS
from .scope import GroupExpander, expected_parts, parts_for_unit
from .stats import period_figures, plan_figures, plan_tasks

STATE_LABELS = {
    "on_time": gettext_lazy("on time"), "late": gettext_lazy("late"), "missing": gettext_lazy("not reported"),
    "pending": gettext_lazy("not yet due"), "draft": gettext_lazy("draft, not submitted"),
}


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        raise services.ReportingError(f"{field}: “{value}” is not a date (YYYY-MM-DD)", field) from None


def _visible_plan(request, pk) -> Plan:
    plan = get_object_or_404(plans_for(request.user).defer("source_text", "extracted"), pk=pk)
    if plan.status != PlanStatus.PUBLISHED:
        raise Http404
    return plan


def _deadline_note(day: dt.date, cache: dict | None = None) -> str:
    why = day_off(day, cache)
    return why or ""


# --------------------------------------------------------------------------- home


@login_required
def home(request):
    role = role_of(request.user)
    today = timezone.localdate()
    notices = Notice.objects.filter(user=request.user, read_at__isnull=True)[:20]
    context = {"notices": notices, "today": today}
    if role == OFFICER:
        unit = unit_of(request.user)
        context["unit"] = unit
        context["rows"] = _officer_periods(request.user, unit, today) if unit else []
        return render(request, "reporting/home_officer.html", context)
    plans = list(plans_for(request.user).filter(status=PlanStatus.PUBLISHED).defer("source_text", "extracted")
                 .order_by("-date", "-created_at")[:100])
    periods = Period.objects.filter(plan__in=plans).order_by("due")
    by_plan: dict[int, list] = {}
    for period in periods:
        by_plan.setdefault(period.plan_id, []).append(period)
    cache: dict = {}
    rows = []
    for plan in plans:
        mine = by_plan.get(plan.pk, [])
        upcoming = next((p for p in mine if p.expects_reports and p.due >= today), None)
        rows.append({"plan": plan, "periods": [p for p in mine if p.expects_reports], "next": upcoming,
                     "next_off": _deadline_note(upcoming.due, cache) if upcoming else "",
                     "regime": any(p.source == "regime" for p in mine)})
    context["rows"] = rows
    return render(request, "reporting/home.html", context)


def _officer_periods(user, unit, today):
    from kehoach.web.plans.models import Assignment

    plan_ids = set(
        Assignment.objects.filter(Q(unit=unit) | Q(unit__kind="group"), task__plan__status=PlanStatus.PUBLISHED)
        .values_list("task__plan_id", flat=True)
    )
    rows, cache = [], {}
    expander = GroupExpander()
    reports = {r.period_id: r for r in UnitReport.objects.filter(unit=unit)}
    for plan in Plan.objects.filter(pk__in=plan_ids).defer("source_text", "extracted"):
        tasks = None
        for period in sync_periods(plan):
            if not period.expects_reports or (period.due < today - dt.timedelta(days=120) and period.pk not in reports):
                continue
            if tasks is None:
                tasks = plan_tasks(plan)
            parts = next((p for u, p in expected_parts(period, tasks, expander).items() if u.pk == unit.pk), None)
            if not parts and period.pk not in reports:
                continue
            rows.append({"period": period, "report": reports.get(period.pk), "parts": len(parts or []),
                         "off": _deadline_note(period.due, cache), "locked": period.is_locked(unit, today)})
    rows.sort(key=lambda r: (r["period"].due < today and (r["report"] is not None and r["report"].first_submitted_at is not None),
                             r["period"].due))
    return rows


@login_required
@require_POST
def notices_read(request):
    Notice.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect(request.POST.get("next") or "reporting:home")


# --------------------------------------------------------------------------- a plan's periods


@login_required
def plan_periods(request, pk):
    plan = _visible_plan(request, pk)
    if role_of(request.user) == OFFICER:
        return redirect("reporting:home")
    config = settings_for(plan)
    if request.method == "POST":
        _require(is_admin(request.user))
        try:
            if request.POST.get("action") == "settings":
                _save_settings(config, request.POST, request.user)
                messages.success(request, _("Reporting settings saved."))
            elif request.POST.get("action") == "adhoc":
                period = open_adhoc(
                    plan, label_text=request.POST.get("label", ""),
                    window_start=_date(request.POST.get("window_start"), "window_start"),
                    window_end=_date(request.POST.get("window_end"), "window_end"),
                    due=_date(request.POST.get("due"), "due"), user=request.user,
                    report_to=request.POST.get("report_to", ""),
                )
                messages.success(request, _("Period “%(label)s” opened.") % {"label": period.label})
                return redirect("reporting:period", pk=period.pk)
        except services.ReportingError as error:
            messages.error(request, str(error))
        return redirect("reporting:plan", pk=plan.pk)
    periods = sync_periods(plan, request.user)
    today = timezone.localdate()
    cache: dict = {}
    rows = [{"period": p, "off": _deadline_note(p.due, cache), "locks_on": p.locks_on()} for p in periods]
    span = plan_span(plan)
    return render(request, "reporting/plan.html", {
        "plan": plan, "rows": rows, "config": config, "span": span, "today": today,
        "dated_regime": has_dated_regime(plan), "formats": DocFormat.choices, "rules": WindowRule.choices,
        "can_admin": is_admin(request.user),
    })


def _save_settings(config, data, user):
    from kehoach.web.plans.services.audit import record

    before = {f: getattr(config, f) for f in ("doc_format", "window_rule", "lock_after_days", "remind_days_before",
                                              "collect_slot_reports")}
    if data.get("doc_format") not in DocFormat.values:
        raise services.ReportingError("doc_format: choose a document format", "doc_format")
    if data.get("window_rule") not in WindowRule.values:
        raise services.ReportingError("window_rule: choose a window rule", "window_rule")
    lock = (data.get("lock_after_days") or "").strip()
    remind = (data.get("remind_days_before") or "").strip()
    if lock and not (lock.isdigit() and int(lock) <= 365):
        raise services.ReportingError("lock_after_days: a number of days from 0 to 365, or empty", "lock_after_days")
    if not (remind.isdigit() and int(remind) <= 60):
        raise services.ReportingError("remind_days_before: a number of days from 0 to 60", "remind_days_before")
    config.doc_format, config.window_rule = data["doc_format"], data["window_rule"]
    config.lock_after_days = int(lock) if lock else None
    config.remind_days_before = int(remind)
    config.collect_slot_reports = data.get("collect_slot_reports") == "on"
    config.save()
    # The windows and slot collection follow the new settings on the next sync.
    Period.objects.filter(plan=config.plan, edited=False, source="recurring").update(expects_reports=config.collect_slot_reports)
    sync_periods(config.plan, user)
    record(user, "update", config, plan=config.plan, before=before,
           after={f: getattr(config, f) for f in before})


# --------------------------------------------------------------------------- a period's dashboard


def _period(request, pk) -> Period:
    period = get_object_or_404(Period.objects.select_related("plan"), pk=pk)
    if not plans_for(request.user).filter(pk=period.plan_id, status=PlanStatus.PUBLISHED).exists():
        raise Http404
    return period


@login_required
def period_dashboard(request, pk, printable=False):
    period = _period(request, pk)
    role = role_of(request.user)
    if role == OFFICER:
        unit = unit_of(request.user)
        return redirect("reporting:report", period=period.pk, unit=unit.pk) if unit else redirect("reporting:home")
    today = timezone.localdate()
    tasks = plan_tasks(period.plan)
    expander = GroupExpander()
    figures = period_figures(period, tasks, today, expander)
    plan_fig = plan_figures(period.plan, tasks, today, window=(period.window_start, period.window_end), expander=expander)
    four_way_labels = dict(FOUR_WAY_LABELS)
    context = {
        "period": period, "plan": period.plan, "figures": figures, "plan_fig": plan_fig, "today": today,
        "off": _deadline_note(period.due), "state_labels": STATE_LABELS, "status_labels": LABELS,
        "four_way_labels": four_way_labels, "printable": printable, "can_admin": is_admin(request.user),
        "reporting_chart": charts.donut(
            [("on_time", figures.on_time, STATE_LABELS["on_time"]), ("late", figures.late, STATE_LABELS["late"]),
             ("missing", figures.missing, STATE_LABELS["missing"]),
             ("pending", figures.expected - figures.received - figures.missing, _("not submitted yet"))],
            title=_("Reports received"), centre=f"{figures.received}/{figures.expected}"),
        "status_chart": charts.stacked_bars(
            [(name, counts) for name, counts in plan_fig.by_unit.items()], labels=four_way_labels,
            title=_("Task status by lead unit")),
        "units": Unit.objects.filter(pk__in=[r.unit.pk for r in figures.rows]).order_by("folded"),
        "exceptions": period.lock_exceptions.select_related("unit"),
        "locked": period.is_locked(), "locks_on": period.locks_on(),
    }
    return render(request, "reporting/period_print.html" if printable else "reporting/period.html", context)


@login_required
def period_print(request, pk):
    return period_dashboard(request, pk, printable=True)


@login_required
@require_POST
def period_edit(request, pk):
    period = _period(request, pk)
    _require(is_admin(request.user))
    try:
        lock = (request.POST.get("lock_after_days") or "").strip()
        if lock and not lock.isdigit():
            raise services.ReportingError("lock_after_days: a number of days, or empty for the plan's setting",
                                          "lock_after_days")
        services.update_period(period, {
            "label": (request.POST.get("label") or period.label).strip()[:200],
            "window_start": _date(request.POST.get("window_start"), "window_start"),
            "window_end": _date(request.POST.get("window_end"), "window_end"),
            "due": _date(request.POST.get("due"), "due"),
            "lock_after_days": int(lock) if lock else None,
            "expects_reports": request.POST.get("expects_reports") == "on",
        }, request.user)
        messages.success(request, _("Period saved."))
    except services.ReportingError as error:
        messages.error(request, str(error))
    return redirect("reporting:period", pk=period.pk)


@login_required
@require_POST
def period_unlock(request, pk):
    period = _period(request, pk)
    _require(is_admin(request.user))
    unit = get_object_or_404(Unit, pk=request.POST.get("unit") or 0)
    try:
        services.grant_exception(period, unit, _date(request.POST.get("until"), "until"), request.user,
                                 request.POST.get("reason", ""))
        messages.success(request, _("%(unit)s may report until %(date)s.") % {"unit": unit.name,
                                                                             "date": request.POST.get("until")})
    except services.ReportingError as error:
        messages.error(request, str(error))
    return redirect("reporting:period", pk=period.pk)


# --------------------------------------------------------------------------- a unit's report


def _report_for(request, period_pk, unit_pk, *, create=True, sync=False):
    """(period, unit, report) when the user may see the unit's report; 404 otherwise."""
    period = get_object_or_404(Period.objects.select_related("plan"), pk=period_pk)
    if period.plan.status != PlanStatus.PUBLISHED:
        raise Http404
    unit = get_object_or_404(Unit, pk=unit_pk)
    role = role_of(request.user)
    if role == ADMIN:
        pass
    elif role == OFFICER:
        mine = unit_of(request.user)
        if mine is None or mine.pk != unit.pk:
            raise Http404
    else:
        raise Http404
    report = UnitReport.objects.filter(period=period, unit=unit).first()
    if report is None:
        parts = parts_for_unit(period, unit)
        if not parts:
            raise Http404
        if not create:
            return period, unit, None
        report = services.ensure_report(period, unit, parts, request.user)
    elif sync and report.editable_status and role == OFFICER:
        services.ensure_report(period, unit, user=request.user)  # tasks added to the plan since
    return period, unit, report


def _form_context(request, period, unit, report, errors=None, data=None):
    today = timezone.localdate()
    role = role_of(request.user)
    items = list(report.items.select_related("task__plan").prefetch_related("evidence").order_by("position"))
    span = plan_span(period.plan)
    contributions = {}
    lead_task_ids = [i.task_id for i in items if i.role in ("lead", "co_lead")]
    for other in (ReportItem.objects.filter(report__period=period, task_id__in=lead_task_ids, role="partner",
                                            report__status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])
                  .exclude(report=report).select_related("report__unit")):
        contributions.setdefault(other.task_id, []).append(other)
    as_of = min(today, period.window_end)
    rows = []
    for item in items:
        task = item.task
        start, end = task_dates(task, span)
        entries = delivered(task, min(start, period.window_start), period.window_end)
        own = [dict(d, date=dt.date.fromisoformat(d["date"]) if d.get("date") else as_of) for d in item.deliveries or []]
        seen = {(e.get("label"), e.get("date")) for e in entries}
        entries += [e for e in own if (e.get("label"), e.get("date")) not in seen]
        outputs = []
        tallies = tally(task, period.window_start, period.window_end, entries=entries, as_of=as_of, span=span)
        for index, output in enumerate(task.outputs or []):
            name = f"i{item.pk}-out{index}"
            text = data.get(name) if data is not None and name in data else services.deliveries_text(item.deliveries, index)
            outputs.append({"name": name, "output": output, "tally": tallies[index] if index < len(tallies) else None,
                            "text": text, "error": (errors or {}).get(name)})
        rows.append({"item": item, "task": task, "end": end, "contributions": contributions.get(task.pk, []),
                     "outputs": outputs, "overdue": end < today and task.recurrence != "continuous",
                     "errors": {k.split("-", 1)[1]: v for k, v in (errors or {}).items() if k.startswith(f"i{item.pk}-")}})
    editable = (role == OFFICER and report.editable_status and not period.is_locked(unit, today))
    return {
        "period": period, "plan": period.plan, "unit": unit, "report": report, "rows": rows,
        "lead_rows": [r for r in rows if r["item"].role in ("lead", "co_lead")],
        "partner_rows": [r for r in rows if r["item"].role == "partner"],
        "editable": editable, "can_review": is_admin(request.user) and report.status == ReportStatus.SUBMITTED,
        "statuses": ItemStatus.choices, "errors": errors or {}, "data": data, "today": today,
        "off": _deadline_note(period.due), "locked": period.is_locked(unit, today), "locks_on": period.locks_on(),
        "versions": report.versions.order_by("-number"), "evidence": report.evidence.all(),
        "max_upload_mb": settings.KEHOACH_MAX_UPLOAD_BYTES // (1024 * 1024),
    }


@login_required
def report_page(request, period, unit):
    period, unit, report = _report_for(request, period, unit, sync=True)
    return render(request, "reporting/report.html", _form_context(request, period, unit, report))


@login_required
@require_POST
def report_autosave(request, pk):
    report = get_object_or_404(UnitReport.objects.select_related("period__plan", "unit"), pk=pk)
    _report_for(request, report.period_id, report.unit_id)
    _require(role_of(request.user) == OFFICER)
    try:
        report, errors = services.save(report, request.POST, request.user)
    except services.Conflict as conflict:
        return render(request, "reporting/_save_status.html", {"conflict": str(conflict), "report": conflict.report},
                      status=409)
    except services.ReportingError as error:
        return render(request, "reporting/_save_status.html", {"failure": str(error), "report": report}, status=400)
    return render(request, "reporting/_save_status.html", {"report": report, "errors": errors,
                                                           "saved_at": timezone.localtime(report.updated_at)})


@login_required
@require_POST
def report_submit(request, pk):
    report = get_object_or_404(UnitReport.objects.select_related("period__plan", "unit"), pk=pk)
    period, unit, report = _report_for(request, report.period_id, report.unit_id)
    _require(role_of(request.user) == OFFICER)
    action = request.POST.get("action", "submit")
    try:
        report, errors = services.save(report, request.POST, request.user, submit=action == "submit")
    except services.Invalid as invalid:
        messages.error(request, _("Not submitted: %(n)d fields need attention; nothing was sent.") % {"n": len(invalid.errors)})
        context = _form_context(request, period, unit, report, invalid.errors, request.POST)
        context["posted_version"] = request.POST.get("version")
        return render(request, "reporting/report.html", context, status=400)
    except services.Conflict as conflict:
        messages.error(request, str(conflict))
        context = _form_context(request, period, unit, conflict.report, None, request.POST)
        context["conflict"] = True
        return render(request, "reporting/report.html", context, status=409)
    except services.ReportingError as error:
        messages.error(request, str(error))
        return redirect("reporting:report", period=period.pk, unit=unit.pk)
    if action == "submit":
        messages.success(request, _("Report submitted to the lead agency."))
    else:
        messages.success(request, _("Draft saved."))
    return redirect("reporting:report", period=period.pk, unit=unit.pk)


@login_required
@require_POST
def report_review(request, pk):
    report = get_object_or_404(UnitReport.objects.select_related("period__plan", "unit"), pk=pk)
    _require(is_admin(request.user))
    try:
        services.review(report, request.POST.get("action", ""), request.user, request.POST.get("comment", ""))
        messages.success(request, _("Report accepted.") if request.POST.get("action") == "accept"
                         else _("Report returned to the unit."))
    except services.ReportingError as error:
        messages.error(request, str(error))
    return redirect("reporting:report", period=report.period_id, unit=report.unit_id)


@login_required
def report_versions(request, pk):
    report = get_object_or_404(UnitReport.objects.select_related("period__plan", "unit"), pk=pk)
    _report_for(request, report.period_id, report.unit_id)
    versions = list(report.versions.select_related("created_by").order_by("number"))
    by_number = {v.number: v for v in versions}
    comparison, a, b = None, None, None
    if len(versions) >= 1:
        try:
            b = by_number.get(int(request.GET.get("b") or versions[-1].number)) or versions[-1]
            a_number = int(request.GET.get("a") or (b.number - 1))
        except ValueError:
            raise Http404 from None
        a = by_number.get(a_number)
        current = {"status": report.status, **services.snapshot(report)}
        if request.GET.get("b") == "current":
            b = None
        new = b.snapshot if b else current
        old = a.snapshot if a else {"items": []}
        comparison = services.compare(old, new)
    return render(request, "reporting/versions.html", {
        "report": report, "period": report.period, "unit": report.unit, "versions": versions, "a": a, "b": b,
        "comparison": comparison,
    })


@login_required
@require_POST
def evidence_upload(request, pk):
    report = get_object_or_404(UnitReport.objects.select_related("period__plan", "unit"), pk=pk)
    period, unit, report = _report_for(request, report.period_id, report.unit_id)
    _require(role_of(request.user) == OFFICER and report.editable_status and not period.is_locked(unit))
    files = request.FILES.getlist("files")
    if not files:
        messages.error(request, _("files: choose one or more files to attach."))
    from kehoach.web.plans.services.audit import record
    from kehoach.web.plans.services.files import safe_name

    item = report.items.filter(pk=request.POST.get("item") or 0).first()
    for upload in files:
        if upload.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
            messages.error(request, _("%(name)s is too large (the limit is %(limit)d MB).") %
                           {"name": upload.name, "limit": settings.KEHOACH_MAX_UPLOAD_BYTES // 1048576})
            continue
        upload.name = safe_name(upload.name)
        evidence = Evidence.objects.create(report=report, item=item, file=upload, name=upload.name[:255],
                                           size=upload.size, uploaded_by=request.user)
        record(request.user, "attach", report, plan=period.plan, after={"file": evidence.name, "size": evidence.size})
    return redirect(reverse("reporting:report", args=[period.pk, unit.pk]) + "#evidence")


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    _report_for(request, evidence.report.period_id, evidence.report.unit_id, create=False)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=evidence.name)


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("report__period"), pk=pk)
    period, unit, report = _report_for(request, evidence.report.period_id, evidence.report.unit_id, create=False)
    _require(role_of(request.user) == OFFICER and report.editable_status)
    evidence.file.delete(save=False)
    evidence.delete()
    return redirect(reverse("reporting:report", args=[period.pk, unit.pk]) + "#evidence")


# --------------------------------------------------------------------------- the consolidated report


EDITABLE = ("superior", "issuer", "number", "place_date", "subject", "opening", "closing", "recipients", "authority", "signer")


@login_required
def consolidated_edit(request, pk):
    period = _period(request, pk)
    _require(is_admin(request.user))
    draft = consolidated.draft_for(period, request.user)
    if request.method == "POST":
        from django.db import transaction

        from kehoach.web.plans.services.audit import record

        if request.POST.get("action") == "regenerate":
            draft = consolidated.draft_for(period, request.user, regenerate=True)
            messages.success(request, _("Drafted again from the units' reports."))
            return redirect("reporting:consolidated", pk=period.pk)
        with transaction.atomic():
            current = type(draft).objects.select_for_update().get(pk=draft.pk)
            if str(current.version) != request.POST.get("version"):
                messages.error(request, _("Someone saved this report meanwhile (version %(v)s); your changes were not "
                                          "saved. Reload the page and make them again.") % {"v": current.version})
                return render(request, "reporting/consolidated.html", _consolidated_context(period, current, request.POST),
                              status=409)
            data = dict(current.data)
            for name in EDITABLE:
                if name in request.POST:
                    data[name] = request.POST[name].strip()
            data["to"] = [line.strip(" -;.") for line in request.POST.get("to", "").splitlines() if line.strip(" -;.")]
            data["sections"] = [
                {"heading": block["heading"], "text": request.POST.get(f"section{n}", block["text"]).strip()}
                for n, block in enumerate(data.get("sections", []))
            ]
            if request.POST.get("format") in DocFormat.values:
                data["format"] = request.POST["format"]
            current.data, current.version = data, current.version + 1
            current.updated_at, current.updated_by = timezone.now(), request.user
            current.save()
            record(request.user, "update", current, plan=period.plan, after={"version": current.version})
        messages.success(request, _("Consolidated report saved."))
        return redirect("reporting:consolidated", pk=period.pk)
    return render(request, "reporting/consolidated.html", _consolidated_context(period, draft))


def _consolidated_context(period, draft, posted=None):
    data = dict(draft.data)
    if posted is not None:
        for name in EDITABLE:
            data[name] = posted.get(name, data.get(name))
    return {"period": period, "plan": period.plan, "draft": draft, "data": data, "formats": DocFormat.choices,
            "to_text": "\n".join(data.get("to") or []), "pdf_available": consolidated.soffice() is not None}


@login_required
def consolidated_export(request, pk, fmt):
    period = _period(request, pk)
    _require(is_admin(request.user))
    draft = consolidated.draft_for(period, request.user)
    from kehoach.web.plans.services.files import safe_name

    name = safe_name(f"bao-cao-{period.plan.number or period.plan.pk}-{period.key}").replace(" ", "_").replace("/", "-")
    if fmt == "docx":
        body, kind = consolidated.render_docx(draft.data), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "xlsx":
        body, kind = consolidated.render_xlsx(draft.data), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        from kehoach.errors import KehoachError

        try:
            body, kind = consolidated.to_pdf(consolidated.render_docx(draft.data)), "application/pdf"
        except KehoachError as error:
            messages.error(request, str(error))
            return redirect("reporting:consolidated", pk=period.pk)
    else:
        raise Http404
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --------------------------------------------------------------------------- calendars


@login_required
def calendar_links(request):
    token, _created = CalendarToken.objects.get_or_create(user=request.user)
    if request.method == "POST":
        token.delete()
        token = CalendarToken.objects.create(user=request.user)
        messages.success(request, _("New calendar address made; the old one no longer works."))
        return redirect("reporting:calendar")
    base = request.build_absolute_uri("/").rstrip("/")
    unit = unit_of(request.user)
    return render(request, "reporting/calendar.html", {
        "me_url": base + reverse("reporting:ical_me", args=[token.token]),
        "unit_url": base + reverse("reporting:ical_unit", args=[token.token, unit.pk]) if unit else "",
        "unit": unit,
    })


def _token_user(token: str):
    row = CalendarToken.objects.select_related("user").filter(token=token).first()
    if row is None or not row.user.is_active:
        raise Http404
    return row.user


def _ics(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


def ical_me(request, token):
    from .ical import feed, periods_for_units

    user = _token_user(token)
    role = role_of(user)
    unit = unit_of(user)
    if role == ADMIN:
        entries = periods_for_units(None, True)
    elif unit is not None:
        entries = periods_for_units([unit], False)
    else:
        entries = []
    base = request.build_absolute_uri("/").rstrip("/")
    return _ics(feed(f"kehoach – hạn báo cáo ({user.get_username()})", entries, base), "kehoach")


def ical_unit(request, token, unit):
    from .ical import feed, periods_for_units

    user = _token_user(token)
    target = get_object_or_404(Unit, pk=unit)
    mine = unit_of(user)
    if role_of(user) != ADMIN and (mine is None or mine.pk != target.pk):
        raise Http404
    base = request.build_absolute_uri("/").rstrip("/")
    return _ics(feed(f"kehoach – hạn báo cáo: {target.name}", periods_for_units([target], False), base), f"unit-{target.pk}")
