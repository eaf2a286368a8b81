"""The cascade's pages and API: chains on the plan page, the graph, the coverage page and its
decisions, group memberships, the roll-up of reported work; with the roles' permissions."""
from __future__ import annotations

import re

import pytest
from cascade_plans import SO, UPPER, lower_text, task_of
from django.test import Client

from kehoach.web.cascade.models import GroupMembership, LinkDecision
from kehoach.web.plans.models import AuditEntry

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def so_officer(so):
    from kehoach.web.plans.services.users import create_user

    return create_user("vhttdl", "officer", unit=so, password="correct-horse-42")[0]


@pytest.fixture
def published(upper_plan, lower_plan, admin_user):
    from kehoach.web.plans.services.review import publish

    return publish(upper_plan, admin_user, force=True), publish(lower_plan, admin_user, force=True)


def coverage_url(upper, lower, unit) -> str:
    return f"/cascade/coverage/?upper={upper.pk}&lower={lower.pk}&unit={unit.pk}"


def test_the_plan_page_shows_the_chain_up_and_down(admin_client, upper_plan, lower_plan):
    lower_page = admin_client.get(f"/plans/{lower_plan.pk}/").content.decode()
    up = lower_page[lower_page.index('id="chain-up"'):]
    assert f'href="/cascade/plans/{upper_plan.pk}/"' in up and "21-HD/BTGDVTW" in up  # and its placeholder above
    assert "chưa có trong cơ sở dữ liệu" in up
    upper_page = admin_client.get(f"/plans/{upper_plan.pk}/").content.decode()
    down = upper_page[upper_page.index('id="chain-down"'):]
    assert f'href="/cascade/plans/{lower_plan.pk}/"' in down
    assert f"/cascade/coverage/?upper={upper_plan.pk}&amp;lower={lower_plan.pk}" in down


def test_the_graph_draws_plans_and_placeholders_in_layers(admin_client, upper_plan, lower_plan):
    page = admin_client.get(f"/cascade/?plan={lower_plan.pk}").content.decode()
    assert "<svg" in page and "cdn" not in page.lower()
    keys = re.findall(r'data-key="([^"]+)" transform="translate\((\d+),(\d+)\)"', page)
    y = {key: int(top) for key, _left, top in keys}
    assert y["x21hdbtgdvtw"] < y[f"p{upper_plan.pk}"] < y[f"p{lower_plan.pk}"]  # central document on top
    assert 'class="node published current"' not in page  # drafts here
    assert 'class="node draft current"' in page
    hidden = admin_client.get("/cascade/?placeholders=0").content.decode()
    assert "x21hdbtgdvtw" not in hidden and f"p{lower_plan.pk}" in hidden


def test_the_coverage_page_shows_the_gap_first_and_the_covered_task_with_its_unit(admin_client, upper_plan, lower_plan, so):
    page = admin_client.get(coverage_url(upper_plan, lower_plan, so)).content.decode()
    gaps = page[page.index('id="gaps"'):page.index('id="links"')]
    assert "phim tài liệu" in gaps and "triển lãm ảnh" not in gaps
    exhibition = task_of(upper_plan, "triển lãm ảnh")
    article = page[page.index(f'id="upper-{exhibition.pk}"'):]
    article = article[:article.index("</article>")]
    assert 'data-status="covered"' in article and "Phòng Quản lý Văn hóa" in article
    assert re.search(r'class="score">0,\d\d<', article)  # the score, in the Vietnamese number format
    assert '<span class="phrase">' in article
    assert 'id="count-gaps">1<' in page


def test_the_coverage_page_without_unit_uses_the_lower_plans_issuer(admin_client, upper_plan, lower_plan, so):
    response = admin_client.get(f"/cascade/coverage/?upper={upper_plan.pk}&lower={lower_plan.pk}")
    assert response.status_code == 302 and response["Location"].endswith(f"unit={so.pk}")
    bad = admin_client.get(f"/cascade/coverage/?upper=abc&lower={lower_plan.pk}")
    assert bad.status_code == 400 and "Kế hoạch cấp trên" in bad.content.decode()


def test_deciding_on_the_page_is_audited_and_kept(admin_client, upper_plan, lower_plan, so):
    exhibition, portal = task_of(upper_plan, "triển lãm ảnh"), task_of(upper_plan, "cổng thông tin")
    form = {"upper": upper_plan.pk, "lower": lower_plan.pk, "unit": so.pk}
    response = admin_client.post("/cascade/coverage/decide/", {
        **form, "upper_task": exhibition.pk, "lower_task": task_of(lower_plan, "triển lãm ảnh").pk, "action": "confirm"})
    assert response.status_code == 302 and response["Location"].endswith(f"#upper-{exhibition.pk}")
    admin_client.post("/cascade/coverage/decide/", {
        **form, "upper_task": portal.pk, "lower_task": task_of(lower_plan, "cổng thông tin").pk, "action": "reject"})
    page = admin_client.get(coverage_url(upper_plan, lower_plan, so)).content.decode()
    assert page.count('data-verdict="confirmed"') == 1 and page.count('data-verdict="rejected"') == 1
    assert set(AuditEntry.objects.filter(model="LinkDecision").values_list("action", "plan_id")) == {
        ("confirm_link", lower_plan.pk), ("reject_link", lower_plan.pk)}
    bad = admin_client.post("/cascade/coverage/decide/", {**form, "upper_task": "", "lower_task": "1", "action": "confirm"},
                            follow=True)
    assert "upper_task" in bad.content.decode() and LinkDecision.objects.count() == 2


def test_a_viewer_reads_the_coverage_but_decides_nothing(viewer_client, published, so):
    upper, lower = published
    page = viewer_client.get(coverage_url(upper, lower, so))
    assert page.status_code == 200 and 'name="action"' not in page.content.decode()
    response = viewer_client.post("/cascade/coverage/decide/", {
        "upper": upper.pk, "lower": lower.pk, "unit": so.pk, "upper_task": task_of(upper, "phim").pk,
        "lower_task": task_of(lower, "giải chạy").pk, "action": "add"})
    assert response.status_code == 403 and not LinkDecision.objects.exists()


def test_officers_see_and_decide_for_their_own_unit_only(so, so_officer, officer, ingest_text, admin_user):
    from kehoach.web.plans.services.review import publish

    upper = publish(ingest_text(UPPER, "upper.txt"), admin_user, force=True)
    lower = ingest_text(lower_text(), "lower.txt", user=so_officer)  # the Sở's own draft
    mine = client_for(so_officer)
    assert mine.get(coverage_url(upper, lower, so)).status_code == 200
    mine.post("/cascade/coverage/decide/", {"upper": upper.pk, "lower": lower.pk, "unit": so.pk,
                                             "upper_task": task_of(upper, "phim").pk,
                                             "lower_task": task_of(lower, "giải chạy").pk, "action": "add"})
    assert LinkDecision.objects.get().decided_by == so_officer
    other = client_for(officer)  # the Sở Ngoại vụ's officer: may not see the Sở's draft
    assert other.get(coverage_url(upper, lower, so)).status_code == 404
    assert other.get(f"/api/cascade/coverage?upper={upper.pk}&lower={lower.pk}&unit={so.pk}").status_code == 404


def test_group_memberships_are_kept_by_administrators(admin_client, viewer_client, so):
    response = admin_client.post(f"/cascade/units/{so.pk}/groups/", {"name": "  các cơ quan thành viên Ban Chỉ đạo  "})
    assert response.status_code == 302
    assert list(GroupMembership.objects.values_list("name", flat=True)) == ["các cơ quan thành viên Ban Chỉ đạo"]
    again = admin_client.post(f"/cascade/units/{so.pk}/groups/", {"name": "Các cơ quan thành viên Ban Chỉ đạo"}, follow=True)
    assert "đã được ghi nhận" in again.content.decode() and GroupMembership.objects.count() == 1
    assert AuditEntry.objects.filter(action="add_group", object_id=str(so.pk)).exists()
    assert viewer_client.post(f"/cascade/units/{so.pk}/groups/", {"name": "Nhóm khác"}).status_code == 403
    membership = GroupMembership.objects.get()
    admin_client.post(f"/cascade/units/{so.pk}/groups/", {"remove": membership.pk})
    assert not GroupMembership.objects.exists() and AuditEntry.objects.filter(action="remove_group").exists()


def test_the_api_gives_the_chain_and_the_cover_json(admin_user, upper_plan, lower_plan, so):
    from kehoach.web.plans.api_auth import create_token

    api = Client(HTTP_AUTHORIZATION=f"Bearer {create_token(admin_user)}")
    chain = api.get(f"/api/cascade/plans/{lower_plan.pk}").json()
    assert chain["plan"]["plan_id"] == lower_plan.pk
    [up] = chain["up"]
    assert up["plan_id"] == upper_plan.pk and up["reference"]["matched_by"] == "number_date"
    assert up["children"][0]["placeholder"] and up["children"][0]["label"] == "Hướng dẫn 21-HD/BTGDVTW"
    assert api.get(f"/api/cascade/plans/{upper_plan.pk}").json()["down"][0]["plan_id"] == lower_plan.pk

    data = api.get(f"/api/cascade/coverage?upper={upper_plan.pk}&lower={lower_plan.pk}").json()
    assert data["unit"] == SO
    statuses = {link["upper"]["text"][:20]: link["status"] for link in data["links"]}
    assert statuses == {"Chủ trì tham mưu tổ ": "covered", "Xây dựng phim tài li": "not_taken_up",
                        "Xây dựng chuyên mục ": "covered"}
    gap = next(link for link in data["links"] if link["status"] == "not_taken_up")
    assert gap["lower"] == [] and gap["upper"]["id"] == "II.1.2"
    covered = data["links"][0]["lower"][0]
    assert set(covered) >= {"id", "text", "lead", "score", "shared"} and covered["lead"] == ["Phòng Quản lý Văn hóa"]
    assert [t["text"][:20] for t in data["own_lower"]][0] == "Văn phòng Sở chủ trì"

    bad = api.get(f"/api/cascade/coverage?upper=abc&lower={lower_plan.pk}")
    assert bad.status_code == 422 and bad.json()["field"] == "upper"
    assert api.get(f"/api/cascade/coverage?upper={upper_plan.pk}&lower=999999").json()["detail"].startswith("lower:")
    assert api.get("/api/cascade/plans/999999").status_code == 404
    assert Client().get(f"/api/cascade/plans/{lower_plan.pk}").status_code == 401


def test_work_on_lower_tasks_rolls_up_to_the_upper_task(admin_client, upper_plan, lower_plan, admin_user, monkeypatch):
    from kehoach.web.cascade.services import rollup
    from kehoach.web.plans.services.review import mark_done

    monkeypatch.setattr(rollup, "_reporting", None)  # as without the reporting app: the done mark
    mark_done(task_of(lower_plan, "triển lãm ảnh"), admin_user, True)
    exhibition, film = task_of(upper_plan, "triển lãm ảnh"), task_of(upper_plan, "phim")
    page = admin_client.get(f"/cascade/plans/{upper_plan.pk}/").content.decode()
    row = page[page.index(f'id="rollup-{exhibition.pk}"'):]
    row = row[:row.index("</tr>")]
    assert '<strong class="rollup-percent">100%</strong>' in row and "Phòng Quản lý Văn hóa" in row
    film_row = page[page.index(f'id="rollup-{film.pk}"'):]
    assert "Kế hoạch 12/KH-SVHTTDL" in film_row[:film_row.index("</tr>")]  # not taken up there

    # With the reporting app, its progress is used (here a stand-in reporting 40 %).
    monkeypatch.setattr(rollup, "_reporting", lambda task: {"status": "in_progress", "percent": 40, "as_of": None, "period": "Quý IV/2025"})
    result = rollup.rollup(upper_plan, admin_user)
    row = next(r for r in result.rows if r.task == exhibition)
    assert row.percent == 40 and row.status == "in_progress" and row.lower[0].progress["period"] == "Quý IV/2025"
    # The reporting app's own statuses: done with no percentage counts as 100 %; unknown is left out.
    monkeypatch.setattr(rollup, "_reporting", lambda task: {"status": "hoan_thanh_dung_han", "percent": None,
                                                            "as_of": None, "period": None})
    assert next(r for r in rollup.rollup(upper_plan, admin_user).rows if r.task == exhibition).status == "done"
    monkeypatch.setattr(rollup, "_reporting", lambda task: {"status": "chua_trien_khai", "percent": None})
    row = next(r for r in rollup.rollup(upper_plan, admin_user).rows if r.task == exhibition)
    assert row.percent is None and row.status == "not_started"
    monkeypatch.setattr(rollup, "_reporting", lambda task: 1 / 0)  # a failing reporting app: the done mark
    assert next(r for r in rollup.rollup(upper_plan, admin_user).rows if r.task == exhibition).percent == 100


def test_the_coverage_page_speaks_english_too(admin_client, upper_plan, lower_plan, so):
    admin_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = admin_client.get(coverage_url(upper_plan, lower_plan, so)).content.decode()
    assert "What Kế hoạch 12/KH-SVHTTDL took up of Kế hoạch 37-KH/TU" in page and "1 task not taken up" in page
