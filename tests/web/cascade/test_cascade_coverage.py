"""Coverage of an upper plan by a lower plan in the database: gaps, covered tasks and their units,
group memberships, officers' decisions (kept across recomputation), the cache, permissions."""
from __future__ import annotations

import pytest
from cascade_plans import UPPER, lower_text, task_of

from kehoach.web.cascade.models import CoverageCache, GroupMembership, LinkDecision
from kehoach.web.cascade.services.coverage import CoverageError, coverage_for, decide, plan_unit
from kehoach.web.plans.models import AuditEntry

pytestmark = pytest.mark.django_db

EXHIBITION, FILM, PORTAL, RACE = "triển lãm ảnh", "phim tài liệu", "cổng thông tin điện tử", "giải chạy"


def row_of(view, words):
    return next(row for row in view.rows if words in row.task.text)


def test_covered_gap_group_and_own_initiatives(upper_plan, lower_plan, so):
    assert plan_unit(lower_plan) == so  # the lower plan's issuer, resolved in the registry
    view = coverage_for(upper_plan, lower_plan, so)
    exhibition = row_of(view, EXHIBITION)
    assert exhibition.binding == "explicit" and exhibition.status == "covered"
    [link] = exhibition.lower
    assert link.task == task_of(lower_plan, EXHIBITION) and link.score > 0.5
    assert any("triển lãm ảnh" in phrase for phrase in link.shared)
    assert [a.name for a in link.task.assignments.all()] == ["Phòng Quản lý Văn hóa"]
    film = row_of(view, FILM)
    assert film.is_gap and film.status == "not_taken_up"
    assert [row.task for row in view.gaps] == [film.task]
    portal = row_of(view, PORTAL)
    assert portal.binding == "group" and [x.task for x in portal.lower] == [task_of(lower_plan, PORTAL)]
    assert not any("an ninh mạng" in row.task.text for row in view.rows)  # the Công an's task binds no one else
    assert task_of(lower_plan, RACE) in view.own_lower
    assert view.counts()["gaps"] == 1


def test_a_group_membership_from_the_registry_binds_the_unit(ingest_text, so, admin_user):
    group_task = ("4. Các thành viên Tổ công tác thông tin đối ngoại tỉnh\n"
                  "- Tổ chức hội nghị báo cáo viên chuyên đề về thông tin đối ngoại cho đội ngũ tuyên truyền viên cơ sở.\n\n")
    upper = ingest_text(UPPER.replace("III. TỔ CHỨC", group_task + "III. TỔ CHỨC"), "upper.txt")
    lower = ingest_text(lower_text().replace(
        "3. Văn phòng Sở", "4. Phòng Quản lý Văn hóa chủ trì tổ chức hội nghị báo cáo viên chuyên đề về thông tin "
        "đối ngoại cho tuyên truyền viên cơ sở.\n3. Văn phòng Sở"), "lower.txt")
    briefing = "hội nghị báo cáo viên"
    assert not any(briefing in row.task.text for row in coverage_for(upper, lower, so).rows)
    GroupMembership.objects.create(unit=so, name="Tổ công tác thông tin đối ngoại tỉnh")
    view = coverage_for(upper, lower, so)  # the groups are part of the cache's fingerprint
    assert view.member_of == ("Tổ công tác thông tin đối ngoại tỉnh",)
    row = row_of(view, briefing)
    assert row.binding == "group" and [x.task for x in row.lower] == [task_of(lower, briefing)]


def test_confirmed_links_are_kept_and_rejected_ones_never_come_back(upper_plan, lower_plan, so, admin_user):
    from kehoach.web.plans.services.review import update_task

    exhibition, portal = task_of(upper_plan, EXHIBITION), task_of(upper_plan, PORTAL)
    low_exhibition, low_portal = task_of(lower_plan, EXHIBITION), task_of(lower_plan, PORTAL)
    decide(admin_user, upper_plan, lower_plan, so, exhibition.pk, low_exhibition.pk, "confirm")
    decide(admin_user, upper_plan, lower_plan, so, portal.pk, low_portal.pk, "reject")

    # The tasks change (the cache is recomputed); the decisions hold.
    update_task(low_portal, {"text": low_portal.text + " Cập nhật tin, bài hằng tuần."}, admin_user)
    view = coverage_for(upper_plan, lower_plan, so)
    assert not view.cached
    [kept] = row_of(view, EXHIBITION).lower
    assert kept.task == low_exhibition and kept.verdict == "confirmed" and kept.proposed
    portal_row = row_of(view, PORTAL)
    assert portal_row.lower == [] and [x.task for x in portal_row.rejected] == [low_portal]
    assert not portal_row.is_gap  # a group task: not linked, but no gap either
    assert low_portal in view.own_lower
    assert {e.action for e in AuditEntry.objects.filter(model="LinkDecision")} == {"confirm_link", "reject_link"}


def test_an_officer_adds_a_link_the_model_missed_and_can_undo_it(upper_plan, lower_plan, so, admin_user):
    film, race = task_of(upper_plan, FILM), task_of(lower_plan, RACE)
    decision = decide(admin_user, upper_plan, lower_plan, so, film.pk, race.pk, "add")
    assert decision.verdict == "confirmed" and not decision.proposed
    view = coverage_for(upper_plan, lower_plan, so)
    row = row_of(view, FILM)
    assert not row.is_gap and row.status == "covered" and row.lower[0].task == race and not row.lower[0].proposed
    assert race not in view.own_lower and view.counts()["gaps"] == 0
    decide(admin_user, upper_plan, lower_plan, so, film.pk, race.pk, "undo")
    assert not LinkDecision.objects.exists()
    assert row_of(coverage_for(upper_plan, lower_plan, so), FILM).is_gap
    assert list(AuditEntry.objects.filter(model="LinkDecision").order_by("at", "id").values_list("action", flat=True)) == [
        "add_link", "undo_link"]


def test_bad_decisions_name_the_field_and_change_nothing(upper_plan, lower_plan, so, admin_user):
    exhibition = task_of(upper_plan, EXHIBITION)
    with pytest.raises(CoverageError) as error:
        decide(admin_user, upper_plan, lower_plan, so, exhibition.pk, exhibition.pk, "confirm")  # not a lower task
    assert error.value.field == "lower_task"
    with pytest.raises(CoverageError) as error:
        decide(admin_user, upper_plan, lower_plan, so, "x", 1, "confirm")
    assert error.value.field == "upper_task"
    with pytest.raises(CoverageError) as error:
        decide(admin_user, upper_plan, lower_plan, so, exhibition.pk, task_of(lower_plan, RACE).pk, "bless")
    assert error.value.field == "action"
    assert not LinkDecision.objects.exists() and not AuditEntry.objects.filter(model="LinkDecision").exists()


def test_the_alignment_is_cached_until_the_tasks_change(upper_plan, lower_plan, so, admin_user):
    from kehoach.web.plans.services.review import update_task

    assert not coverage_for(upper_plan, lower_plan, so).cached
    assert coverage_for(upper_plan, lower_plan, so).cached
    assert CoverageCache.objects.count() == 1
    update_task(task_of(upper_plan, FILM), {"text": "Xây dựng phim tài liệu về Đại hội."}, admin_user)
    assert not coverage_for(upper_plan, lower_plan, so).cached
