"""End to end in headless Chromium: a unit officer fills their report (the draft saves as they
type), submits it, and the lead agency sees it arrive. Screenshots go to the test's tmp folder."""
from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, username, password):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_an_officer_fills_and_submits_their_report(page, live_server, published_sample, officer, admin_user, unit, tmp_path):
    from kehoach.web.reporting.models import ReportStatus, UnitReport
    from kehoach.web.reporting.periods import sync_periods

    year = next(p for p in sync_periods(published_sample) if p.key == "2026-Y")
    ngoai_vu = unit("Sở Ngoại vụ")
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, base, "ngoaivu", "correct-horse-42")
    page.goto(f"{base}/reporting/")
    page.get_by_role("link", name=year.label).click()
    page.wait_for_url(re.compile(rf"/reporting/periods/{year.pk}/units/{ngoai_vu.pk}/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
             .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map(el => el.name || el.id)""")
    assert unlabelled == []
    report = UnitReport.objects.get(period=year, unit=ngoai_vu)
    leads = list(report.items.filter(role__in=["lead", "co_lead"]).order_by("position"))
    # Type into the first task's narrative: the draft saves by itself.
    first = leads[0]
    page.select_option(f"#i{first.pk}-status", "hoan_thanh")
    page.fill(f"#i{first.pk}-completed_on", "2026-09-20")
    page.locator(f"#i{first.pk}-narrative").type("Đã tổ chức 02 lớp bồi dưỡng, 180 lượt cán bộ tham dự.")
    page.wait_for_selector("#save-status [role=status]", timeout=10000)
    assert "Đã lưu bản nháp" in page.inner_text("#save-status")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.version >= 2
    assert "180 lượt" in report.items.get(pk=first.pk).narrative
    page.screenshot(path=str(tmp_path / "report-draft.png"), full_page=True)
    # The rest, by keyboard where it matters: status, progress, results.
    for item in leads[1:]:
        page.select_option(f"#i{item.pk}-status", "dang_thuc_hien")
        page.fill(f"#i{item.pk}-percent", "60")
        page.fill(f"#i{item.pk}-narrative", f"Đang thực hiện nhiệm vụ {item.task.ref}.")
    page.fill("#r-difficulties", "Thiếu cán bộ biết ngoại ngữ.")
    page.locator("#submit-report").focus()
    with page.expect_navigation(wait_until="load"):  # the POST, its redirect, the page again
        page.keyboard.press("Enter")
    messages = page.locator(".messages").all_inner_texts()
    assert page.locator("#report-status").inner_text().strip() == "đã gửi", messages
    page.screenshot(path=str(tmp_path / "report-submitted.png"), full_page=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.first_submitted_at is not None
    assert report.difficulties == "Thiếu cán bộ biết ngoại ngữ."
    assert report.versions.count() == 1
    # The lead agency sees it in the period's table.
    page.locator("header form[action='/logout/'] button").click()
    page.wait_for_load_state()
    admin_user.set_password("admin-pass-2026")
    admin_user.save()
    log_in(page, base, "admin", "admin-pass-2026")
    page.goto(f"{base}/reporting/periods/{year.pk}/")
    row = page.locator(f"tr[data-unit='{ngoai_vu.pk}']")
    assert "đã gửi" in row.inner_text()
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
