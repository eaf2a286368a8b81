"""The pages: lists, plan, unit, task, calendar, exports, audit, search, languages, local assets."""
from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse

from kehoach.web.plans.models import Assignment, AuditEntry, Plan, Task
from kehoach.web.plans.services.ingest import ingest

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_plan_list_and_search_ignore_diacritics_and_case(admin_client, published_sample, admin_user):
    other = (
        "TỈNH ỦY THỬ NGHIỆM\nSố 12-KH/TU\nThử Nghiệm, ngày 02 tháng 3 năm 2026\nKẾ HOẠCH\n"
        "Tuyên truyền Đại hội Đảng bộ tỉnh lần thứ I\nI. NHIỆM VỤ\n1. Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì "
        "hướng dẫn tuyên truyền Đại hội trên báo chí của tỉnh.\n"
    ).encode()
    congress = ingest(other, "dai_hoi.txt", admin_user).plan
    assert "Đại hội" in congress.title
    for query, expected in [
        ("thong tin doi ngoai", {published_sample.pk}),
        ("THÔNG TIN ĐỐI NGOẠI", {published_sample.pk}),
        ("dai hoi", {congress.pk}),
        ("Đại Hội", {congress.pk}),
        ("45/KH-SVHTTDL", {published_sample.pk}),
        ("ke hoach", {published_sample.pk, congress.pk}),
        ("nothing like this", set()),
        ("50%_", set()),
    ]:
        page = text(admin_client.get(reverse("plan_list"), {"q": query}))
        found = {int(pk) for pk in re.findall(r'href="/plans/(\d+)/"', page)}
        assert found == expected, query
    page = text(admin_client.get(reverse("plan_list")))
    assert f'<td class="num">{published_sample.tasks.count()}</td>' in page  # the task count column


def test_plan_page_groups_tasks_by_section_and_by_unit(admin_client, published_sample):
    by_section = text(admin_client.get(reverse("plan_detail", args=[published_sample.pk])))
    assert "II. Nhiệm vụ" in by_section and "III. Tổ chức thực hiện" in by_section
    assert "57-KL/TW" in by_section  # references
    by_unit = text(admin_client.get(reverse("plan_detail", args=[published_sample.pk]), {"by": "unit"}))
    assert "<h3>Sở Ngoại vụ</h3>" in by_unit
    task_links = set(re.findall(r'href="/tasks/(\d+)/"', by_section))
    assert task_links == {str(pk) for pk in published_sample.tasks.values_list("pk", flat=True)}


def test_reference_to_a_plan_in_the_database_is_a_link(admin_client, admin_user, published_sample):
    child = ingest(
        ("UBND XÃ HAI\nSố: 03/KH-UBND\nKẾ HOẠCH\nThông tin đối ngoại của xã năm 2026\n"
         "Thực hiện Kế hoạch số 45/KH-SVHTTDL ngày 12/01/2026 của Sở Văn hóa, Thể thao và Du lịch;\n"
         "I. NHIỆM VỤ\n1. Văn phòng Ủy ban nhân dân xã chủ trì tuyên truyền trên hệ thống truyền thanh.\n").encode(),
        "xa_hai.txt", admin_user).plan
    page = text(admin_client.get(reverse("plan_detail", args=[child.pk])))
    assert f'href="{reverse("plan_detail", args=[published_sample.pk])}"' in page
    parent_page = text(admin_client.get(reverse("plan_detail", args=[published_sample.pk])))
    assert f'href="{reverse("plan_detail", args=[child.pk])}"' in parent_page  # "implemented by"


def test_unit_page_lists_its_tasks_by_due_date_with_overdue_marked(officer_client, published_sample, unit):
    sngv = unit("Sở Ngoại vụ")
    tasks = list(Task.objects.filter(assignments__unit=sngv).distinct())
    past = tasks[-1]
    past.end = date(2000, 1, 3)  # before every other due date
    past.recurrence = ""
    past.save()
    page = text(officer_client.get(reverse("unit_detail", args=[sngv.pk])))
    shown = [int(pk) for pk in re.findall(r'data-task="(\d+)"', page)]
    assert sorted(shown) == sorted(t.pk for t in tasks)
    dues = [Task.objects.get(pk=pk).end for pk in shown]
    dated = [d for d in dues if d]
    assert dated == sorted(dated) and dues[: len(dated)] == dated  # by due date, undated last
    row = re.search(rf'<tr class="([^"]*)" data-task="{past.pk}"', page)
    assert row and "overdue" in row.group(1)
    assert shown[0] == past.pk


def test_marking_a_task_done_by_the_lead_unit(officer_client, published_sample, unit):
    task = Task.objects.filter(assignments__unit=unit("Sở Ngoại vụ"), assignments__role="lead").first()
    response = officer_client.post(reverse("task_done", args=[task.pk]), {"done": "1"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None
    assert AuditEntry.objects.filter(action="done", object_id=str(task.pk)).exists()


def test_task_page_shows_the_source_passage(admin_client, published_sample):
    task = published_sample.tasks.get(ref="II.2.a")
    page = text(admin_client.get(reverse("task_detail", args=[task.pk])))
    assert "Sở Ngoại vụ" in page
    assert "passage" in page and "02 lớp" in page


def test_calendar_shows_deadlines_of_the_month(admin_client, published_sample):
    task = published_sample.tasks.exclude(end=None).order_by("end").first()
    page = text(admin_client.get(reverse("calendar"), {"month": task.end.strftime("%Y-%m")}))
    assert reverse("task_detail", args=[task.pk]) in page
    report = published_sample.report_deadlines.exclude(due=None).first()
    if report:
        page = text(admin_client.get(reverse("calendar"), {"month": report.due.strftime("%Y-%m")}))
        assert "cal-item report" in page
    assert admin_client.get(reverse("calendar"), {"month": "garbage"}).status_code == 200


def test_exports_of_a_plan_and_a_unit(admin_client, published_sample, unit):
    from openpyxl import load_workbook

    response = admin_client.get(reverse("plan_export", args=[published_sample.pk, "xlsx"]))
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == published_sample.tasks.count() + 1
    refs = [r[1] for r in rows[1:]]
    assert refs == list(published_sample.tasks.order_by("position").values_list("ref", flat=True))

    sngv = unit("Sở Ngoại vụ")
    response = admin_client.get(reverse("unit_export", args=[sngv.pk, "csv"]))
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(body)))
    assert len(lines) - 1 == Task.objects.filter(assignments__unit=sngv).distinct().count()
    assert admin_client.get(reverse("unit_export", args=[sngv.pk, "pdf"])).status_code == 404


def test_exports_keep_formulas_as_text(admin_client, published_sample):
    task = published_sample.tasks.first()
    task.text = "=HYPERLINK(\"http://example.invalid\")"
    task.save()
    body = admin_client.get(reverse("plan_export", args=[published_sample.pk, "csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_audit_log_records_before_and_after(admin_client, published_sample):
    task = published_sample.tasks.get(ref="II.2.a")
    response = admin_client.post(
        reverse("task_edit", args=[task.pk]),
        {"ref": "II.2.a", "text": task.text, "lead": "Sở Ngoại vụ", "co_lead": "", "partners": "Sở Văn hóa, Thể thao và Du lịch",
         "timeframe": task.timeframe, "start": "2026-04-01", "end": "2026-10-31", "recurrence": "", "outputs": "03 lớp"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="update", model="Task", object_id=str(task.pk)).latest("at")
    assert entry.before["end"] == "2026-09-30" and entry.after["end"] == "2026-10-31"
    assert entry.after["outputs"] == [{"quantity": 3, "unit": "lớp", "per": None}]
    assert entry.username == "admin"
    page = text(admin_client.get(reverse("audit_list")))
    assert "2026-10-31" in page


def test_task_form_errors_name_the_field(admin_client, published_sample):
    task = published_sample.tasks.first()
    response = admin_client.post(
        reverse("task_edit", args=[task.pk]),
        {"text": "x", "start": "2026-05-01", "end": "2026-04-01", "outputs": "many things"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "many things" in page
    task.refresh_from_db()
    assert task.text != "x"  # nothing half-written


def test_upload_review_resolve_and_publish(admin_client, sample_bytes, unit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(reverse("plan_upload"), {"files": SimpleUploadedFile("sample_plan.txt", sample_bytes)})
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert response["Location"] == reverse("plan_review", args=[plan.pk])
    page = text(admin_client.get(response["Location"]))
    assert 'id="source"' in page and f'id="src-{plan.tasks.first().pk}"' in page
    # Publishing is refused while names are unresolved.
    admin_client.post(reverse("plan_publish", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.is_draft
    from kehoach.web.plans.services.review import unresolved_names

    names = unresolved_names(plan)
    assert names
    sovh = unit("Sở Văn hóa, Thể thao và Du lịch")
    for name in names:
        if name.startswith("Sở Văn hóa"):
            admin_client.post(reverse("plan_resolve", args=[plan.pk]), {"name": name, "action": "resolve", "unit": sovh.pk})
        elif name.startswith("Phòng"):
            admin_client.post(reverse("plan_resolve", args=[plan.pk]),
                              {"name": name, "action": "create", "new-name": name, "new-kind": "department"})
        else:
            admin_client.post(reverse("plan_resolve", args=[plan.pk]), {"name": name, "action": "drop"})
    assert unresolved_names(plan) == []
    assert Assignment.objects.filter(task__plan=plan, unit__name__startswith="Phòng Báo chí").exists()
    response = admin_client.post(reverse("plan_publish", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == "published"
    # The same file again leads to the plan there.
    response = admin_client.post(reverse("plan_upload"), {"files": SimpleUploadedFile("copy.txt", sample_bytes)})
    assert response["Location"] == reverse("plan_detail", args=[plan.pk])
    assert Plan.objects.count() == 1


def test_upload_errors_show_in_the_page(admin_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(reverse("plan_upload"), {"files": SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n....")})
    assert response.status_code == 400
    assert "photo.png" in response.content.decode()
    settings.KEHOACH_MAX_UPLOAD_BYTES = 100
    response = admin_client.post(reverse("plan_upload"), {"files": SimpleUploadedFile("big.txt", b"x" * 5000)})
    assert response.status_code in (400, 413)
    assert "big.txt" in response.content.decode() or "MB" in response.content.decode()
    assert Plan.objects.count() == 0


def test_bulk_upload_runs_as_a_job_with_a_line_per_file(admin_client, sample_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kehoach.web.plans.models import Job

    response = admin_client.post(reverse("plan_upload"), {"files": [
        SimpleUploadedFile("sample_plan.txt", sample_bytes),
        SimpleUploadedFile("notes.txt", b"shopping list\nmilk\n"),
    ]})
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert job.status == "done" and job.progress == job.total == 2
    lines = job.result["files"]
    assert [line["ok"] for line in lines] == [True, False]
    assert "notes.txt" in lines[1]["message"]
    page = text(admin_client.get(response["Location"]))
    assert "notes.txt" in page and reverse("plan_review", args=[lines[0]["plan"]]) in page


def test_vietnamese_by_default_english_available(admin_client):
    page = text(admin_client.get(reverse("plan_list")))
    assert '<html lang="vi">' in page and "Kế hoạch" in page
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/plans/"})
    page = text(admin_client.get(reverse("plan_list")))
    assert '<html lang="en">' in page and ">Plans<" in page


def test_every_asset_is_local(admin_client, published_sample):
    for url in (reverse("plan_list"), reverse("plan_detail", args=[published_sample.pk]), "/api/docs"):
        page = text(admin_client.get(url))
        external = re.findall(r'(?:src|href)="(https?:)?//', page)
        assert external == [], url
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', text(admin_client.get("/api/docs"))):
        assert admin_client.get(asset).status_code == 200, asset
    assert admin_client.get("/static/kehoach/htmx.min.js").status_code == 200


def test_errors_are_pages_not_tracebacks(admin_client):
    response = admin_client.get("/plans/999999/")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode() and "<html" in response.content.decode()


def test_the_browsers_language_does_not_override_the_vietnamese_default(admin_client):
    page = text(admin_client.get(reverse("plan_list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert '<html lang="vi">' in page
