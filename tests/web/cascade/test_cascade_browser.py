"""End to end in headless Chromium: two plans written here are ingested (the Tỉnh ủy's, and the
Sở's that carries out part of it); the coverage page shows the gap and the covered task; an
officer confirms one link and rejects another, reloads, and finds both decisions kept."""
from __future__ import annotations

import pytest
from cascade_plans import SO, UPPER, lower_text, task_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_plans(transactional_db):
    from kehoach.web.plans.models import Unit
    from kehoach.web.plans.services.ingest import ingest
    from kehoach.web.plans.services.units import load_units
    from kehoach.web.plans.services.users import create_user

    load_units("Tỉnh Thử Nghiệm", "", [("Phường Một", "900001")])
    so = Unit.objects.get(name=SO)
    admin, _ = create_user("admin", "admin", unit=so, password="admin-pass-2026")
    upper = ingest(UPPER.encode(), "37-KH-TU.txt", admin, publish=True).plan
    lower = ingest(lower_text().encode(), "12-KH-SVHTTDL.txt", admin, publish=True).plan
    return upper, lower, so


def test_coverage_page_confirm_and_reject_are_kept_after_reload(page, live_server, two_plans):
    upper, lower, so = two_plans
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{base}/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "admin-pass-2026")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()

    # From the upper plan's page, through its chain down, to the coverage of the Sở's plan.
    page.goto(f"{base}/plans/{upper.pk}/")
    page.locator("#chain-down a", has_text="mức độ cụ thể hóa").first.click()
    page.wait_for_load_state()
    assert f"unit={so.pk}" in page.url

    film, exhibition, portal = (task_of(upper, w) for w in ("phim tài liệu", "triển lãm ảnh", "cổng thông tin"))
    gaps = page.locator("#gaps li.gap-task")
    assert gaps.count() == 1 and "phim tài liệu" in gaps.first.inner_text()
    covered = page.locator(f"#upper-{exhibition.pk}")
    assert covered.get_attribute("data-status") == "covered"
    assert "Phòng Quản lý Văn hóa" in covered.inner_text() and "triển lãm ảnh" in covered.locator(".phrase").first.inner_text()
    assert page.locator(f"#upper-{film.pk}").get_attribute("data-status") == "not_taken_up"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366

    # Confirm the exhibition link (by keyboard), reject the portal link.
    confirm = covered.locator("li.link button.confirm")
    confirm.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Đã xác nhận liên kết" in page.locator(".messages").inner_text()
    page.locator(f"#upper-{portal.pk} li.link button.reject").click()
    page.wait_for_load_state()

    page.reload()
    link = page.locator(f"#upper-{exhibition.pk} li.link").first
    assert link.get_attribute("data-verdict") == "confirmed" and "đã xác nhận" in link.inner_text()
    rejected = page.locator(f"#upper-{portal.pk} li.rejected")
    assert rejected.count() == 1 and "đã bác bỏ" in rejected.inner_text()
    assert page.locator(f"#upper-{portal.pk} li.link:not(.rejected)").count() == 0
    assert page.locator("#gaps li.gap-task").count() == 1  # a rejected group task is no gap
    own = page.locator("#own tr.own-task").all_inner_texts()
    assert any("cổng thông tin điện tử" in row for row in own)  # the rejected lower task is the Sở's own now
    # Undo brings the model's proposal back.
    page.locator(f"#upper-{portal.pk} li.rejected button.undo").click()
    page.wait_for_load_state()
    assert page.locator(f"#upper-{portal.pk} li.link:not(.rejected)").count() == 1

    # Every form field of the cascade's pages is labelled; nothing scrolls sideways at 1366 px.
    for path in (f"/cascade/coverage/?upper={upper.pk}&lower={lower.pk}&unit={so.pk}", "/cascade/coverage/",
                 f"/cascade/units/{so.pk}/groups/", f"/cascade/plans/{upper.pk}/", "/cascade/"):
        page.goto(base + path)
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]
                 .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
                 .map(el => el.name || el.id)""")
        assert unlabelled == [], (path, unlabelled)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366, path

    # The graph shows the chain: the central guidance on top, the Tỉnh ủy's plan, then the Sở's.
    page.goto(f"{base}/cascade/?plan={lower.pk}")
    top = {key: page.locator(f'g[data-key="{key}"]').bounding_box()["y"]
           for key in ("x21hdbtgdvtw", f"p{upper.pk}", f"p{lower.pk}")}
    assert top["x21hdbtgdvtw"] < top[f"p{upper.pk}"] < top[f"p{lower.pk}"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
