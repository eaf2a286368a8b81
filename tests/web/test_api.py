"""The JSON API: the plan JSON of the spec, ingestion, tasks, units, assignments, and its errors."""
from __future__ import annotations

import json

import pytest
from django.test import Client

from kehoach.models import Plan as PlanModel
from kehoach.web.plans.api_auth import create_token
from kehoach.web.plans.models import Assignment, AuditEntry, Plan, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(admin_user):
    return Client(HTTP_AUTHORIZATION=f"Bearer {create_token(admin_user)}")


@pytest.fixture
def officer_api(officer):
    return Client(HTTP_AUTHORIZATION=f"Bearer {create_token(officer)}")


def test_a_plan_is_the_plan_json_of_the_spec(api, published_sample):
    response = api.get(f"/api/plans/{published_sample.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["schema"] == "kehoach.plan/1"
    assert set(data) >= {"schema", "source", "meta", "references", "tasks", "reports", "recipients"}
    parsed = PlanModel.model_validate(data)  # the reader's own model reads it back
    assert parsed.meta.number == "45/KH-SVHTTDL" and parsed.meta.date == "2026-01-12"
    assert len(parsed.tasks) == published_sample.tasks.count()
    task = next(t for t in data["tasks"] if t["id"] == "II.2.a")
    assert task["lead"] == ["Sở Ngoại vụ"] and task["start"] == "2026-04-01" and task["end"] == "2026-09-30"
    assert task["outputs"] == [{"quantity": 2, "unit": "lớp", "per": None}]
    assert data["kehoach"]["status"] == "published"
    assert {r["number"] for r in data["references"]} >= {"57-KL/TW", "47/NQ-CP"}


def test_plan_list_searches_without_diacritics(api, published_sample):
    assert [p["id"] for p in api.get("/api/plans", {"q": "thong tin doi ngoai"}).json()] == [published_sample.pk]
    assert api.get("/api/plans", {"q": "dai hoi"}).json() == []


def test_ingestion_through_the_api(api, sample_bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = api.post("/api/plans", {"file": SimpleUploadedFile("sample_plan.txt", sample_bytes)})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["created"] and body["status"] == "draft" and body["task_count"] == 21
    assert body["unresolved_units"]  # names the registry does not know yet
    again = api.post("/api/plans", {"file": SimpleUploadedFile("again.txt", sample_bytes)})
    assert again.status_code == 200 and again.json()["id"] == body["id"] and not again.json()["created"]
    # Publishing is refused until every name is resolved.
    refused = api.post(f"/api/plans/{body['id']}/publish")
    assert refused.status_code == 400 and "not yet resolved" in refused.json()["detail"]
    assert Plan.objects.get(pk=body["id"]).is_draft


@pytest.mark.parametrize("data, name, status, words", [
    (b"\x89PNG\r\n\x1a\n\0\0", "photo.png", 400, "PNG image"),
    (b"", "empty.txt", 400, "empty"),
])
def test_bad_uploads_are_4xx_json_naming_the_field(api, data, name, status, words):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = api.post("/api/plans", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == status
    body = response.json()
    assert body["field"] == "file" and name in body["detail"] and words in body["detail"]
    assert Plan.objects.count() == 0


def test_an_oversize_upload_is_413(api, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.KEHOACH_MAX_UPLOAD_BYTES = 100
    response = api.post("/api/plans", {"file": SimpleUploadedFile("big.txt", b"x" * 500)})
    assert response.status_code == 413 and response.json()["field"] == "file"


def test_a_missing_file_field_is_named(api):
    response = api.post("/api/plans", {})
    assert 400 <= response.status_code < 500
    assert response.json()["field"] == "file"


def test_tasks_by_unit_sorted_by_due_date(api, published_sample, unit):
    sngv = unit("Sở Ngoại vụ")
    tasks = api.get("/api/tasks", {"unit": sngv.pk, "limit": 500}).json()
    expected = set(Assignment.objects.filter(unit=sngv).values_list("task_id", flat=True))
    assert {t["id"] for t in tasks} == expected
    dues = [t["end"] for t in tasks if t["end"]]
    assert dues == sorted(dues)
    assert api.get(f"/api/units/{sngv.pk}/tasks").json() == tasks


def test_patch_a_task_and_its_errors(api, published_sample):
    task = published_sample.tasks.get(ref="II.2.a")
    url = f"/api/tasks/{task.pk}"
    ok = api.patch(url, json.dumps({"end": "2026-10-15", "recurrence": "quarterly"}), content_type="application/json")
    assert ok.status_code == 200 and ok.json()["end"] == "2026-10-15" and ok.json()["recurrence"] == "quarterly"
    assert AuditEntry.objects.filter(model="Task", object_id=str(task.pk), action="update").exists()

    bad_date = api.patch(url, json.dumps({"end": "15/10/2026"}), content_type="application/json")
    assert bad_date.status_code == 422 and bad_date.json()["field"] == "end"
    bad_choice = api.patch(url, json.dumps({"recurrence": "weekly"}), content_type="application/json")
    assert bad_choice.status_code == 422 and bad_choice.json()["field"] == "recurrence"
    malformed = api.patch(url, "{not json", content_type="application/json")
    assert 400 <= malformed.status_code < 500 and "detail" in malformed.json()
    backwards = api.patch(url, json.dumps({"start": "2026-12-01"}), content_type="application/json")
    assert backwards.status_code == 400 and backwards.json()["field"] == "end"
    task.refresh_from_db()
    assert task.end.isoformat() == "2026-10-15" and task.start.isoformat() == "2026-04-01"  # nothing half-written


def test_assignments_add_and_remove(api, published_sample, unit):
    task = published_sample.tasks.get(ref="II.2.a")
    police = unit("Công an tỉnh")
    response = api.post("/api/assignments", json.dumps({"task_id": task.pk, "unit_id": police.pk, "role": "partner"}),
                        content_type="application/json")
    assert response.status_code == 201
    assignment_id = response.json()["id"]
    assert Task.objects.filter(pk=task.pk, assignments__unit=police).exists()
    listed = api.get("/api/assignments", {"task": task.pk}).json()
    assert assignment_id in {a["id"] for a in listed}
    assert api.delete(f"/api/assignments/{assignment_id}").status_code == 204
    assert not Assignment.objects.filter(pk=assignment_id).exists()
    wrong_role = api.post("/api/assignments", json.dumps({"task_id": task.pk, "unit_id": police.pk, "role": "boss"}),
                          content_type="application/json")
    assert wrong_role.status_code == 422 and wrong_role.json()["field"] == "role"


def test_units_list_and_create(api, officer_api, province):
    units = api.get("/api/units", {"q": "so ngoai vu"}).json()
    assert [u["name"] for u in units] == ["Sở Ngoại vụ"]
    created = api.post("/api/units", json.dumps({"name": "Hội Doanh nhân trẻ tỉnh", "kind": "mass"}),
                       content_type="application/json")
    assert created.status_code == 201 and created.json()["kind"] == "mass"
    refused = officer_api.post("/api/units", json.dumps({"name": "Hội khác", "kind": "mass"}), content_type="application/json")
    assert refused.status_code == 403
    bad_kind = api.post("/api/units", json.dumps({"name": "Hội X", "kind": "club"}), content_type="application/json")
    assert bad_kind.status_code == 422 and bad_kind.json()["field"] == "kind"


def test_tokens_authenticate_and_bad_tokens_do_not(published_sample):
    assert Client(HTTP_AUTHORIZATION="Bearer kh_wrong").get("/api/plans").status_code == 401
    assert Client().get(f"/api/plans/{published_sample.pk}").status_code == 401


def test_openapi_page_and_schema(api):
    assert api.get("/api/docs").status_code == 200
    schema = api.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/plans", "/api/plans/{plan_id}", "/api/tasks", "/api/units", "/api/assignments"} <= paths
