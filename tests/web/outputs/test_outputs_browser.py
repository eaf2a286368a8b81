"""End to end in headless Chromium: a reporter applies on the public form, the accreditation team
approves, prints the badge PDF, and the QR code's verification page says the badge is valid."""
from __future__ import annotations

import datetime as dt
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def congress(transactional_db):
    from django.utils import timezone

    from kehoach.web.outputs.models import AccreditationEvent
    from kehoach.web.outputs.services import set_accreditation_role
    from kehoach.web.plans.services.users import create_user

    staff, _ = create_user("baochi", "viewer", password="press-team-2026")
    set_accreditation_role(staff, True)
    create_user("ngoaivu", "viewer", password="other-user-2026")
    today = timezone.localdate()
    return AccreditationEvent.objects.create(name="Đại hội đại biểu Đảng bộ tỉnh Thử Nghiệm", slug="dai-hoi",
                                             starts_on=today + dt.timedelta(days=5), ends_on=today + dt.timedelta(days=7))


def log_in(page, base, username, password):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_apply_approve_badge_and_verify(page, live_server, congress, tmp_path, browser):
    from PIL import Image

    from kehoach.web.outputs.models import Accreditation

    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 768})
    photo = tmp_path / "chan-dung.jpg"
    Image.new("RGB", (400, 500), (90, 120, 160)).save(photo, "JPEG")

    # The reporter, not logged in, fills in the public form (by keyboard-reachable labelled fields).
    page.goto(f"{base}/outputs/accreditation/dai-hoi/apply/")
    page.get_by_label(re.compile("Họ và tên|Full name", re.I)).fill("Đỗ Văn Phóng Viên")
    page.fill("#id_agency", "Báo Thử Nghiệm")
    page.fill("#id_press_card", "TN-2026-01")
    page.fill("#id_email", "pv@example.vn")
    page.set_input_files("#id_photo", str(photo))
    page.check("#id_consent")
    page.locator("#apply").click()
    page.wait_for_url(re.compile(r"/thanks/$"))
    application = Accreditation.objects.get()
    assert application.status == "pending" and application.photo

    # Another logged-in user sees no personal data.
    log_in(page, base, "ngoaivu", "other-user-2026")
    page.goto(f"{base}/outputs/accreditation/?event=dai-hoi")
    assert "Đỗ Văn Phóng Viên" not in page.content()
    assert page.goto(f"{base}/outputs/accreditation/applications/{application.pk}/").status == 404
    page.locator("header form[action$='/logout/'] button").click()

    # The accreditation team approves and prints the badge.
    log_in(page, base, "baochi", "press-team-2026")
    page.goto(f"{base}/outputs/accreditation/?event=dai-hoi")
    page.get_by_role("link", name="Đỗ Văn Phóng Viên").click()
    page.locator("#approve").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "approved" and application.badge_number == 1
    page.goto(f"{base}/outputs/accreditation/applications/{application.pk}/")
    badge = page.request.get(base + page.locator("#badge").get_attribute("href"))
    assert badge.headers["content-type"] == "application/pdf" and badge.body().startswith(b"%PDF")
    import pypdfium2

    pdf = pypdfium2.PdfDocument(badge.body())
    text = pdf[0].get_textpage().get_text_range()
    assert "Đỗ Văn Phóng Viên" in text and "Số 001" in text
    verify_path = page.locator("a[href*='/outputs/verify/']").first.get_attribute("href")
    # The gate staff's phone (logged in) sees the holder; a stranger's phone only that it is valid.
    page.goto(base + verify_path)
    assert "HỢP LỆ" in page.content() and "Đỗ Văn Phóng Viên" in page.content()
    stranger = browser.new_context()
    other = stranger.new_page()
    other.goto(base + verify_path)
    body = other.content()
    assert "HỢP LỆ" in body and "KHÔNG HỢP LỆ" not in body and "Đỗ Văn Phóng Viên" not in body
    stranger.close()
