"""Outputs count by themselves: publications and events linked to tasks, against the planned outputs."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kehoach.web.outputs.models import Event, Publication
from kehoach.web.outputs.services import delivered_events, delivered_publications, task_outputs
from kehoach.web.plans.models import AuditEntry, Unit

pytestmark = pytest.mark.django_db


def _task(plan, ref):
    return plan.tasks.get(ref=ref)


def _issue(client, task, period, number):
    return client.post(reverse("outputs:publication_new"), {
        "title": "Bản tin Lâm Viên hội nhập", "number": f"Số {number}/2026", "period": period, "issued_on": "",
        "languages": ["vi", "en"], "print_run": "1000", "digital_link": "", "distribution": "Bộ Ngoại giao",
        "tasks": [task.pk]})


def test_one_issue_a_quarter_with_three_issues_shows_three_of_four_and_names_the_missing_quarter(admin_client, published_sample):
    bulletin = _task(published_sample, "II.4")
    assert bulletin.outputs == [{"quantity": 1, "unit": "số", "per": "quý"}]
    for number, period in enumerate(["Quý I/2026", "Quý II/2026", "Quý III/2026"], start=1):
        assert _issue(admin_client, bulletin, period, number).status_code == 302
    assert Publication.objects.count() == 3
    assert AuditEntry.objects.filter(model="Publication", action="create").count() == 3

    result = task_outputs(bulletin)
    assert result.summary == "3/4 số — thiếu Quý IV/2026"
    # The task page, the plan page and the outputs page say so.
    page = admin_client.get(reverse("task_detail", args=[bulletin.pk])).content.decode()
    assert "3/4 số — thiếu Quý IV/2026" in page
    assert "3/4 số — thiếu Quý IV/2026" in admin_client.get(reverse("plan_detail", args=[published_sample.pk])).content.decode()
    detail = admin_client.get(reverse("outputs:task_outputs", args=[bulletin.pk])).content.decode()
    assert "Quý IV/2026" in detail and "Số 3/2026" in detail
    # The reporting cycle's source: the issues of a reporting period.
    rows = delivered_publications(bulletin, dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert [(r["kind"], r["date"]) for r in rows] == [("publication", dt.date(2026, 4, 1))]


def test_two_classes_for_two_planned_classes_show_done_and_appear_on_the_calendar(admin_client, published_sample, unit, province):
    training = _task(published_sample, "II.2.a")
    assert training.outputs == [{"quantity": 2, "unit": "lớp", "per": None}]
    commune = Unit.objects.get(name="UBND phường Một")
    for day in ("2026-04-16", "2026-09-22"):
        response = admin_client.post(reverse("outputs:event_new"), {
            "kind": "class", "title": f"Lớp bồi dưỡng thông tin đối ngoại {day}", "date": day, "end_date": "",
            "place": commune.pk, "venue": "", "organiser": unit("Sở Văn hóa, Thể thao và Du lịch").pk,
            "participants": "100", "foreign_participants": "0", "materials": "Tài liệu", "tasks": [training.pk]})
        assert response.status_code == 302, response.content.decode()[:2000]
    result = task_outputs(training)
    assert result.items[0].complete and result.summary == "2/2 lớp — đủ"
    assert len(delivered_events(training, dt.date(2026, 1, 1), dt.date(2026, 12, 31))) == 2
    calendar = admin_client.get(reverse("calendar") + "?month=2026-04").content.decode()
    assert "Lớp bồi dưỡng thông tin đối ngoại 2026-04-16"[:30] in calendar
    assert reverse("outputs:event_detail", args=[Event.objects.order_by("date").first().pk]) in calendar


def test_a_bad_period_or_dates_are_refused_with_the_field_named_and_nothing_written(admin_client, published_sample):
    response = _issue(admin_client, _task(published_sample, "II.4"), "quý năm", 1)
    assert response.status_code == 400
    assert "Period not understood" in response.content.decode() or "Không hiểu kỳ" in response.content.decode()
    response = admin_client.post(reverse("outputs:event_new"), {
        "kind": "class", "title": "Lớp", "date": "2026-05-02", "end_date": "2026-05-01", "participants": "5",
        "foreign_participants": "9"})
    assert response.status_code == 400
    assert Publication.objects.count() == 0 and Event.objects.count() == 0


def test_a_viewer_cannot_record_and_an_officer_links_only_tasks_they_see(viewer_client, officer_client, published_sample, other_officer):
    assert viewer_client.get(reverse("outputs:publication_new")).status_code == 403
    hidden = published_sample.tasks.exclude(assignments__unit__officers__user__username="ngoaivu").first()
    response = officer_client.post(reverse("outputs:publication_new"), {
        "title": "Bản tin", "period": "Quý I/2026", "print_run": "1", "tasks": [hidden.pk]})
    assert response.status_code == 400  # not a valid choice for this officer
    assert Publication.objects.count() == 0


def test_the_reporting_cycle_gets_our_delivered_outputs():
    registry = pytest.importorskip("kehoach.web.reporting.outputs")
    from kehoach.web.outputs import services

    names = {getattr(f, "__name__", "") for f in getattr(registry, "_SOURCES", getattr(registry, "SOURCES", []))}
    if not names:
        pytest.skip("the reporting registry keeps its sources privately")
    assert {services.delivered_publications.__name__, services.delivered_events.__name__,
            services.delivered_articles.__name__} <= names
