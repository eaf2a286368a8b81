"""Tasks to XLSX (openpyxl) and CSV, for a plan or a unit."""
from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Role

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headers() -> list[str]:
    return [_("Plan"), _("Item"), _("Task"), _("Lead"), _("Co-lead"), _("Partners"), _("Timeframe"),
            _("Start"), _("Due"), _("Recurrence"), _("Outputs"), _("Status")]


def rows(tasks):
    today = timezone.localdate()
    for task in tasks:
        names = {Role.LEAD: [], Role.CO_LEAD: [], Role.PARTNER: []}
        for a in task.assignments.all():
            names[a.role].append(a.unit.name if a.unit else a.name)
        status = _("done") if task.done_at else (_("overdue") if task.is_overdue(today) else _("open"))
        yield [
            task.plan.label(),
            task.ref,
            task.text,
            "; ".join(names[Role.LEAD]),
            "; ".join(names[Role.CO_LEAD]),
            "; ".join(names[Role.PARTNER]),
            task.timeframe,
            task.start,
            task.end,
            task.get_recurrence_display() if task.recurrence else "",
            task.outputs_text(),
            status,
        ]


def _cell(value):
    # A spreadsheet would run "=…" as a formula: keep text as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return "" if value is None else value


def to_csv(tasks) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers())
    for row in rows(tasks):
        writer.writerow([_cell(v.isoformat() if hasattr(v, "isoformat") else v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def to_xlsx(tasks, title: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Tasks")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(tasks):
        sheet.append([_cell(v) for v in row])
    widths = [18, 8, 80, 30, 20, 30, 20, 12, 12, 12, 16, 10]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
        for cell in (row[7], row[8]):
            cell.number_format = "dd/mm/yyyy"
    sheet.freeze_panes = "A2"
    book.properties.title = title[:200]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def response(tasks, fmt: str, basename: str, title: str = "") -> HttpResponse:
    if fmt == "csv":
        resp = HttpResponse(to_csv(tasks), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        resp = HttpResponse(to_xlsx(tasks, title), content_type=XLSX)
    else:
        raise Http404
    resp["Content-Disposition"] = f'attachment; filename="{basename}.{fmt}"'
    return resp


def table_response(header: list[str], rows, fmt: str, filename: str, sheet_title: str = "") -> HttpResponse:
    """Any table as a CSV or XLSX download (other apps' registers and lists use it)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet((sheet_title or _("Sheet"))[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
