"""`kehoach periods PLAN` and `kehoach report PLAN --period PERIOD [-o FILE.docx] [--xlsx FILE.xlsx]`.

PLAN is a plan's id or its number ("45/KH-SVHTTDL"); PERIOD a key as `kehoach periods` lists it
("2026-H1", "2026-Y", "adhoc-1"), a period id, or its label. Django is imported inside the run
functions only, so that the other commands start fast.
"""
from __future__ import annotations

from ..errors import KehoachError


def _setup() -> None:
    from .web import _migrate, _setup as setup

    setup()
    _migrate()


def _plan(text: str):
    from ..web.plans.models import Plan, PlanStatus
    from ..web.plans.services.search import number_key

    text = (text or "").strip()
    plan = None
    if text.isdigit():
        plan = Plan.objects.filter(pk=int(text)).first()
    if plan is None:
        matches = list(Plan.objects.filter(number_key=number_key(text)).exclude(number_key="")) if text else []
        if len(matches) > 1:
            raise KehoachError(f"PLAN: {len(matches)} plans are numbered {text!r}; give the id ({', '.join(str(p.pk) for p in matches)})")
        plan = matches[0] if matches else None
    if plan is None:
        raise KehoachError(f"PLAN: no plan {text!r} (give its id or its number, e.g. 45/KH-SVHTTDL)")
    if plan.status != PlanStatus.PUBLISHED:
        raise KehoachError(f"PLAN: plan {plan.pk} ({plan.label()}) is a draft; publish it first")
    return plan


def add_periods_arguments(parser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the plan's id or number (e.g. 45/KH-SVHTTDL)")


def run_periods(args) -> int:
    _setup()
    from ..web.reporting.holidays import day_off
    from ..web.reporting.periods import has_dated_regime, sync_periods

    plan = _plan(args.plan)
    periods = sync_periods(plan)
    print(f"{plan.label()}: {len(periods)} periods")
    if not has_dated_regime(plan):
        print("(the plan sets no dated regime: the lead agency opens ad-hoc periods on its reporting page)")
    for period in periods:
        flags = []
        why = day_off(period.due)
        if why:
            flags.append(f"due on a day off: {why}")
        if period.needs_estimate:
            flags.append("due before the window closes: estimate to its end")
        if not period.expects_reports:
            flags.append("outputs only")
        print(f"{period.key:<10} {period.label:<28} data {period.window_start:%d/%m/%Y}–{period.window_end:%d/%m/%Y}  "
              f"due {period.due:%d/%m/%Y}" + (f"  ({'; '.join(flags)})" if flags else ""))
    return 0


def add_report_arguments(parser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the plan's id or number (e.g. 45/KH-SVHTTDL)")
    parser.add_argument("--period", required=True, help="the period's key as `kehoach periods PLAN` lists it (e.g. 2026-H1)")
    parser.add_argument("-o", "--output", metavar="FILE.docx", help="where to write the report (default: a name from the plan and period)")
    parser.add_argument("--xlsx", metavar="FILE.xlsx", help="also write the annex table as a spreadsheet")
    parser.add_argument("--pdf", metavar="FILE.pdf", help="also convert the report to PDF (needs LibreOffice)")
    parser.add_argument("--fresh", action="store_true", help="draft again from the units' reports, ignoring saved edits")


def run_report(args) -> int:
    from pathlib import Path

    _setup()
    from ..web.reporting import consolidated
    from ..web.reporting.periods import find_period

    plan = _plan(args.plan)
    period = find_period(plan, args.period)
    if period is None:
        raise KehoachError(f"--period: no period {args.period!r} in {plan.label()} (see `kehoach periods {args.plan}`)")
    output = Path(args.output or f"bao-cao-{(plan.number or str(plan.pk)).replace('/', '-')}-{period.key}.docx")
    if output.suffix.lower() != ".docx":
        raise KehoachError(f"-o: {output} should end in .docx")
    if args.xlsx and not args.xlsx.lower().endswith(".xlsx"):
        raise KehoachError(f"--xlsx: {args.xlsx} should end in .xlsx")
    data = consolidated.build(period) if args.fresh else consolidated.draft_for(period).data
    docx = consolidated.render_docx(data)
    xlsx = consolidated.render_xlsx(data) if args.xlsx else None
    pdf = consolidated.to_pdf(docx) if args.pdf else None
    # Everything is built before anything is written: no half a set of files on an error.
    try:
        output.write_bytes(docx)
        if xlsx is not None:
            Path(args.xlsx).write_bytes(xlsx)
        if pdf is not None:
            Path(args.pdf).write_bytes(pdf)
    except OSError as error:
        raise KehoachError(f"cannot write the report: {error}") from None
    figures = data.get("figures", {})
    print(f"{output}: {plan.label()}, {period.label}; {figures.get('tasks', 0)} tasks, "
          f"{figures.get('received', 0)}/{figures.get('expected_units', 0)} units reported")
    if xlsx is not None:
        print(f"{args.xlsx}: annex, {len(data.get('annex', []))} rows")
    if pdf is not None:
        print(f"{args.pdf}: PDF")
    return 0
