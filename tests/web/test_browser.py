"""End to end in headless Chromium (Debian's, driven by Playwright): upload, review, publish, find;
then a unit officer sees exactly their unit's tasks. Seed 001 is read from ../shared at run time."""
from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dong_nai(transactional_db):
    from kehoach.web.plans.services.units import load_province
    from kehoach.web.plans.services.users import create_user

    root = load_province("Đồng Nai").province
    from kehoach.web.plans.models import Unit

    ngoai_vu = Unit.objects.get(name="Sở Ngoại vụ", parent__parent=root)
    create_user("admin", "admin", unit=Unit.objects.get(name="Sở Văn hóa, Thể thao và Du lịch"), password="admin-pass-2026")
    create_user("ngoaivu", "officer", unit=ngoai_vu, password="officer-pass-2026")
    return ngoai_vu


def log_in(page, base, username, password):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_upload_review_publish_search_then_an_officer_sees_their_tasks(page, live_server, dong_nai, seed_001):
    from kehoach.web.plans.models import Assignment, Plan, PlanStatus

    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, base, "admin", "admin-pass-2026")
    assert "/plans/" in page.url

    # Upload seed 001.
    page.goto(f"{base}/plans/upload/")
    page.set_input_files("input[type=file]", str(seed_001))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/plans/\d+/review/"))
    plan = Plan.objects.get()
    assert plan.tasks.count() >= 25

    # Review: selecting a task (by keyboard) highlights its passage in the source.
    task = plan.tasks.order_by("position")[3]
    button = page.locator(f'.select-task[data-task="{task.pk}"]')
    button.focus()
    page.keyboard.press("Enter")
    mark = page.locator(f"#src-{task.pk}")
    assert "active" in (mark.get_attribute("class") or "")
    assert task.text.split()[0] in mark.inner_text()

    # Resolve every unit name: a clear suggestion is taken, anything else dropped.
    for _ in range(40):
        forms = page.locator("form.resolve")
        if forms.count() == 0:
            break
        form = forms.first
        first = form.locator(".choices label").first
        score = re.search(r"(\d+)%", first.inner_text()) if form.locator("input[type=radio]").count() else None
        if score and int(score.group(1)) >= 90:
            form.locator("button[value=resolve]").click()
        else:
            form.locator("button[value=drop]").click()
        page.wait_for_load_state()
    assert page.locator("form.resolve").count() == 0

    # Publish.
    page.locator("#publish").click()
    page.wait_for_url(re.compile(rf"/plans/{plan.pk}/$"))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED

    # Find it again by searching without diacritics.
    page.goto(f"{base}/plans/")
    page.fill("#q", "thong tin doi ngoai")
    page.locator("form.search button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(f'a[href="/plans/{plan.pk}/"]').count() == 1
    page.fill("#q", "khong co ke hoach nao nhu the")
    page.locator("form.search button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(f'a[href="/plans/{plan.pk}/"]').count() == 0

    # A unit officer lands on their unit's tasks: exactly those.
    page.locator("header form[action='/logout/'] button").click()
    page.wait_for_load_state()
    log_in(page, base, "ngoaivu", "officer-pass-2026")
    assert f"/units/{dong_nai.pk}/" in page.url
    page.goto(f"{base}/units/{dong_nai.pk}/?state=all")
    shown = {int(x) for x in page.locator("tr[data-task]").evaluate_all("rows => rows.map(r => r.dataset.task)")}
    expected = set(Assignment.objects.filter(unit=dong_nai, task__plan=plan).values_list("task_id", flat=True))
    assert expected and shown == expected
    # …and the plan page shows them no other unit's task.
    page.goto(f"{base}/plans/{plan.pk}/")
    linked = {int(x) for x in re.findall(r'href="/tasks/(\d+)/"', page.content())}
    assert linked == expected
    other = plan.tasks.exclude(pk__in=expected).first()
    assert page.goto(f"{base}/tasks/{other.pk}/").status == 404


def test_pages_fit_an_office_screen_and_forms_are_labelled(page, live_server, dong_nai):
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, base, "admin", "admin-pass-2026")
    for path in ("/plans/", "/plans/upload/", f"/units/{dong_nai.pk}/", "/calendar/", "/units/"):
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1366, path  # no sideways scrolling
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                 .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
                 .map(el => el.name || el.id)"""
        )
        assert unlabelled == [], (path, unlabelled)
