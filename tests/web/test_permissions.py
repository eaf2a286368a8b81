"""Who sees and changes what: a unit officer sees their unit's tasks and drafts only."""
from __future__ import annotations

import json

import pytest
from django.urls import reverse

from kehoach.web.plans.models import Assignment, Plan, Task
from kehoach.web.plans.permissions import plans_for, tasks_for
from kehoach.web.plans.services.ingest import ingest

pytestmark = pytest.mark.django_db


def _tasks_of(unit):
    return set(Assignment.objects.filter(unit=unit).values_list("task_id", flat=True))


def test_an_officer_sees_exactly_their_units_tasks(published_sample, officer, unit):
    mine = _tasks_of(unit("Sở Ngoại vụ"))
    assert mine  # the sample plan gives the Sở Ngoại vụ work
    assert set(tasks_for(officer).values_list("pk", flat=True)) == mine
    assert set(tasks_for(officer).values_list("pk", flat=True)) != set(Task.objects.values_list("pk", flat=True))


def test_an_officer_gets_404_on_another_units_task(published_sample, officer_client, unit):
    theirs = _tasks_of(unit("Công an tỉnh")) - _tasks_of(unit("Sở Ngoại vụ"))
    assert theirs
    task_id = sorted(theirs)[0]
    assert officer_client.get(reverse("task_detail", args=[task_id])).status_code == 404
    assert officer_client.get(reverse("task_edit", args=[task_id])).status_code == 404
    assert officer_client.post(reverse("task_done", args=[task_id]), {"done": "1"}).status_code == 404
    mine = sorted(_tasks_of(unit("Sở Ngoại vụ")))[0]
    assert officer_client.get(reverse("task_detail", args=[mine])).status_code == 200


def test_the_plan_page_shows_an_officer_only_their_tasks(published_sample, officer_client, unit):
    page = officer_client.get(reverse("plan_detail", args=[published_sample.pk])).content.decode()
    for task in published_sample.tasks.all():
        link = reverse("task_detail", args=[task.pk])
        assert (f'href="{link}"' in page) == (task.pk in _tasks_of(unit("Sở Ngoại vụ"))), task.ref


def test_an_officer_gets_404_on_another_units_draft_and_may_edit_their_own(
    admin_user, officer, officer_client, other_client, sample_bytes
):
    draft = ingest(sample_bytes, "sample_plan.txt", officer).plan  # uploaded by the Sở Ngoại vụ
    assert draft.owner_unit == officer.kehoach.unit
    assert officer_client.get(reverse("plan_review", args=[draft.pk])).status_code == 200
    for name in ("plan_detail", "plan_review", "plan_source"):
        assert other_client.get(reverse(name, args=[draft.pk])).status_code == 404, name
    task = draft.tasks.first()
    assert other_client.get(reverse("task_detail", args=[task.pk])).status_code == 404
    # Officers edit their drafts; only the lead agency publishes.
    assert officer_client.post(reverse("plan_publish", args=[draft.pk])).status_code == 403
    draft.refresh_from_db()
    assert draft.is_draft


def test_a_viewer_reads_published_plans_and_changes_nothing(published_sample, viewer_client, admin_user, sample_bytes):
    assert viewer_client.get(reverse("plan_detail", args=[published_sample.pk])).status_code == 200
    assert viewer_client.get(reverse("plan_upload")).status_code == 403
    assert viewer_client.get(reverse("plan_review", args=[published_sample.pk])).status_code == 403
    task = published_sample.tasks.first()
    assert viewer_client.post(reverse("task_edit", args=[task.pk]), {"text": "x"}).status_code == 403
    assert viewer_client.get(reverse("audit_list")).status_code == 403
    assert viewer_client.get(reverse("unit_new")).status_code == 403


def test_a_viewer_does_not_see_drafts(viewer, viewer_client, admin_user, sample_bytes):
    draft = ingest(sample_bytes, "sample_plan.txt", admin_user).plan
    assert not plans_for(viewer).filter(pk=draft.pk).exists()
    assert viewer_client.get(reverse("plan_detail", args=[draft.pk])).status_code == 404


def test_an_officer_cannot_edit_a_published_plan(published_sample, officer_client):
    assert officer_client.get(reverse("plan_review", args=[published_sample.pk])).status_code == 403


def test_the_api_applies_the_same_rules(published_sample, officer, unit):
    from django.test import Client

    from kehoach.web.plans.api_auth import create_token

    client = Client(HTTP_AUTHORIZATION=f"Bearer {create_token(officer)}")
    theirs = sorted(_tasks_of(unit("Công an tỉnh")) - _tasks_of(unit("Sở Ngoại vụ")))[0]
    assert client.get(f"/api/tasks/{theirs}").status_code == 404
    response = client.patch(f"/api/tasks/{theirs}", json.dumps({"text": "changed"}), content_type="application/json")
    assert response.status_code == 404
    assert Task.objects.get(pk=theirs).text != "changed"
    listed = {t["id"] for t in client.get("/api/tasks?limit=500").json()}
    assert listed == _tasks_of(unit("Sở Ngoại vụ"))
    # A published plan's text is the lead agency's to change, even for a task the officer holds.
    mine = sorted(_tasks_of(unit("Sở Ngoại vụ")))[0]
    response = client.patch(f"/api/tasks/{mine}", json.dumps({"text": "changed"}), content_type="application/json")
    assert response.status_code == 403


def test_an_officers_draft_is_hidden_from_other_officers_in_the_api(officer, other_officer, sample_bytes):
    from django.test import Client

    from kehoach.web.plans.api_auth import create_token

    draft = ingest(sample_bytes, "sample_plan.txt", officer).plan
    other = Client(HTTP_AUTHORIZATION=f"Bearer {create_token(other_officer)}")
    assert other.get(f"/api/plans/{draft.pk}").status_code == 404
    assert other.post(f"/api/plans/{draft.pk}/publish").status_code == 404
    assert Plan.objects.get(pk=draft.pk).is_draft


def test_login_is_throttled_after_repeated_failures(admin_user, settings):
    from django.test import Client

    settings.KEHOACH_LOGIN_MAX_FAILURES = 3
    client = Client()
    for _ in range(3):
        response = client.post(reverse("login"), {"username": "admin", "password": "wrong"})
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(reverse("login"), {"username": "admin", "password": "correct-horse-42"})
    assert "_auth_user_id" not in client.session
    assert "sai quá nhiều lần" in response.content.decode()  # the Vietnamese default
    # Another user from another address is not affected.
    other = Client(REMOTE_ADDR="10.0.0.9")
    other.post(reverse("login"), {"username": "admin2", "password": "x"})
    assert other.session.get("_auth_user_id") is None


def test_forms_need_the_csrf_token(admin_user, published_sample):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post(reverse("plan_unpublish", args=[published_sample.pk]))
    assert response.status_code == 403
    assert Plan.objects.get(pk=published_sample.pk).status == "published"


def test_passwords_are_hashed(admin_user):
    assert admin_user.password != "correct-horse-42"
    assert admin_user.check_password("correct-horse-42")


def test_anonymous_visitors_are_sent_to_log_in(published_sample):
    from django.test import Client

    response = Client().get(reverse("plan_detail", args=[published_sample.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert Client().get("/api/plans").status_code == 401
