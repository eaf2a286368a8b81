"""The unit report workflow with permissions: draft → submit → return → resubmit → accept; a unit
never sees another's report; optimistic locking; all-or-nothing submission; period locks."""
from __future__ import annotations

import datetime as dt
import threading

import pytest

from kehoach.web.reporting.models import Notice, ReportStatus, ReportVersion, UnitReport

D = dt.date


def _url(period, unit):
    return f"/reporting/periods/{period.pk}/units/{unit.pk}/"


@pytest.fixture
def ngoai_vu(unit):
    return unit("Sở Ngoại vụ")


def _open(client, period, unit_obj):
    response = client.get(_url(period, unit_obj))
    assert response.status_code == 200, response.content[:500]
    return UnitReport.objects.get(period=period, unit=unit_obj)


@pytest.mark.django_db
def test_the_whole_workflow_with_permissions(half, ngoai_vu, officer_client, other_client, viewer_client,
                                             admin_client, officer, fill, on_day):
    on_day(D(2026, 6, 10))
    report = _open(officer_client, half, ngoai_vu)
    assert report.status == ReportStatus.DRAFT and report.items.count() >= 4
    # Another unit's officer, and a viewer, cannot even see it.
    assert other_client.get(_url(half, ngoai_vu)).status_code == 404
    assert viewer_client.get(_url(half, ngoai_vu)).status_code == 404
    assert other_client.post(f"/reporting/reports/{report.pk}/submit/", fill(report)).status_code == 404
    # Autosave: the version grows with each save.
    lead = report.items.filter(role="lead").first()
    saved = officer_client.post(f"/reporting/reports/{report.pk}/autosave/",
                                {"version": str(report.version), f"i{lead.pk}-narrative": "Đang chuẩn bị."})
    assert saved.status_code == 200 and 'name="version"' in saved.content.decode()
    report.refresh_from_db()
    assert report.version == 2 and report.items.get(pk=lead.pk).narrative == "Đang chuẩn bị."
    # Submit.
    response = officer_client.post(f"/reporting/reports/{report.pk}/submit/", {**fill(report), "action": "submit"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.on_time() is True
    first_submitted = report.first_submitted_at
    # Submitted: the officer cannot change it any more.
    again = officer_client.post(f"/reporting/reports/{report.pk}/autosave/", fill(report))
    assert again.status_code == 400
    # Return needs a comment; with one, the unit is told.
    assert admin_client.post(f"/reporting/reports/{report.pk}/review/", {"action": "return"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    admin_client.post(f"/reporting/reports/{report.pk}/review/", {"action": "return", "comment": "Bổ sung số liệu lớp."})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert Notice.objects.filter(user=officer, kind="return", message__contains="Bổ sung số liệu").exists()
    page = officer_client.get(_url(half, ngoai_vu)).content.decode()
    assert "Bổ sung số liệu lớp." in page
    # Resubmit (late now): on time is judged on the first submission.
    on_day(D(2026, 6, 20))
    changed = fill(report, **{f"i{lead.pk}-narrative": "Đã tổ chức 01 lớp, 120 lượt người tham dự."})
    officer_client.post(f"/reporting/reports/{report.pk}/submit/", {**changed, "action": "submit"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.first_submitted_at == first_submitted and report.on_time()
    admin_client.post(f"/reporting/reports/{report.pk}/review/", {"action": "accept"})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert list(ReportVersion.objects.filter(report=report).values_list("action", flat=True)) == \
        ["submit", "return", "submit", "accept"]
    # Versions compare: the narrative's change is shown word by word.
    diff = officer_client.get(f"/reporting/reports/{report.pk}/versions/?a=1&b=3").content.decode()
    assert "<ins class=\"diff\">" in diff and "120 lượt người tham dự" in diff
    assert other_client.get(f"/reporting/reports/{report.pk}/versions/").status_code == 404
    # The cascade's interface sees the accepted report.
    from kehoach.web.reporting.progress import STATUSES, task_progress

    progress = task_progress(lead.task)
    assert set(progress) == {"status", "percent", "as_of", "period"}
    assert progress["status"] in STATUSES and progress["percent"] == 50 and progress["period"] == half.label


@pytest.mark.django_db
def test_submission_is_all_or_nothing(half, ngoai_vu, officer_client, fill, on_day):
    on_day(D(2026, 6, 10))
    report = _open(officer_client, half, ngoai_vu)
    lead = report.items.filter(role="lead").first()
    data = fill(report, **{f"i{lead.pk}-status": "khong_thuc_hien", f"i{lead.pk}-reason": "",
                           "r-difficulties": "Không được lưu."})
    response = officer_client.post(f"/reporting/reports/{report.pk}/submit/", {**data, "action": "submit"})
    assert response.status_code == 400
    assert "nêu lý do không thực hiện" in response.content.decode()
    report.refresh_from_db()
    assert (report.status, report.version, report.difficulties) == (ReportStatus.DRAFT, 1, "")
    assert not report.items.exclude(status="").exists()
    bad = fill(report, **{f"i{lead.pk}-percent": "140"})
    assert officer_client.post(f"/reporting/reports/{report.pk}/submit/", {**bad, "action": "submit"}).status_code == 400
    assert UnitReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT


@pytest.mark.django_db
def test_two_officers_on_the_same_report_get_a_conflict_not_an_overwrite(half, ngoai_vu, officer_client, officer, on_day):
    from django.test import Client

    from kehoach.web.plans.services.users import create_user

    on_day(D(2026, 6, 10))
    colleague, _ = create_user("ngoaivu2", "officer", unit=ngoai_vu, password="correct-horse-43")
    second = Client()
    second.force_login(colleague)
    report = _open(officer_client, half, ngoai_vu)
    lead = report.items.filter(role="lead").first()
    first = officer_client.post(f"/reporting/reports/{report.pk}/autosave/",
                                {"version": "1", f"i{lead.pk}-narrative": "Bản của cán bộ thứ nhất."})
    assert first.status_code == 200
    stale = second.post(f"/reporting/reports/{report.pk}/autosave/",
                        {"version": "1", f"i{lead.pk}-narrative": "Bản của cán bộ thứ hai."})
    assert stale.status_code == 409
    assert "ngoaivu" in stale.content.decode() and "chưa được lưu" in stale.content.decode()
    assert report.items.get(pk=lead.pk).narrative == "Bản của cán bộ thứ nhất."


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_of_one_report_freeze_one_version(half, ngoai_vu, officer, fill):
    from django.db import connection

    from kehoach.web.reporting.services import Conflict, ensure_report, save

    report = ensure_report(half, ngoai_vu)
    data = {**fill(report), "action": "submit"}
    outcomes, barrier = [], threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            save(UnitReport.objects.get(pk=report.pk), data, officer, submit=True, today=D(2026, 6, 10))
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        except Exception as error:  # the test fails on anything else
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["conflict", "ok"]
    assert ReportVersion.objects.filter(report=report).count() == 1


@pytest.mark.django_db
def test_a_locked_period_refuses_changes_unless_the_unit_has_an_exception(half, ngoai_vu, officer_client, admin_client,
                                                                          fill, on_day):
    on_day(D(2026, 6, 10))
    report = _open(officer_client, half, ngoai_vu)
    on_day(D(2026, 7, 20))  # due 15/6 + 15 days: locked since 1/7
    assert half.is_locked(ngoai_vu)
    refused = officer_client.post(f"/reporting/reports/{report.pk}/autosave/", fill(report))
    assert refused.status_code == 400 and "locked" in refused.content.decode()
    response = admin_client.post(f"/reporting/periods/{half.pk}/unlock/",
                                 {"unit": ngoai_vu.pk, "until": "2026-07-25", "reason": "Cán bộ ốm"})
    assert response.status_code == 302
    assert not half.is_locked(ngoai_vu)
    ok = officer_client.post(f"/reporting/reports/{report.pk}/submit/", {**fill(report), "action": "submit"})
    assert ok.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.on_time() is False


@pytest.mark.django_db
def test_partner_contributions_fold_into_the_lead_units_report(half, unit, officer_client, fill, on_day, admin_client):
    from django.test import Client

    from kehoach.web.plans.services.users import create_user

    on_day(D(2026, 6, 10))
    svh = unit("Sở Văn hóa, Thể thao và Du lịch")  # partner of II.2.a, which the Sở Ngoại vụ leads
    partner_user, _ = create_user("svh", "officer", unit=svh, password="correct-horse-44")
    partner = Client()
    partner.force_login(partner_user)
    partner_report = _open(partner, half, svh)
    item = partner_report.items.get(task__ref="II.2.a")
    assert item.role == "partner"
    data = fill(partner_report, **{f"i{item.pk}-narrative": "Cử 02 báo cáo viên cho lớp bồi dưỡng."})
    assert partner.post(f"/reporting/reports/{partner_report.pk}/submit/", {**data, "action": "submit"}).status_code == 302
    page = officer_client.get(_url(half, unit("Sở Ngoại vụ"))).content.decode()
    assert "Cử 02 báo cáo viên cho lớp bồi dưỡng." in page
