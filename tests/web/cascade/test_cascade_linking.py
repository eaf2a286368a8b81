"""Linking plans by the documents they cite: number and date, spelling differences, title where
the plan has no number, placeholders that link up when the plan arrives."""
from __future__ import annotations

import pytest
from cascade_plans import UPPER, lower_text

from kehoach.web.cascade.models import Citation
from kehoach.web.cascade.services.graph import Cascade
from kehoach.web.cascade.services.linking import cited_title, loose_key, number_key, sync_missing

pytestmark = pytest.mark.django_db


def citation_of(plan, number_words: str) -> Citation:
    sync_missing()
    return Citation.objects.select_related("reference").get(plan=plan, reference__number__contains=number_words)


def test_keys_ignore_spelling_of_the_number():
    assert number_key("Số 37-KH/TU") == number_key("37 - KH/TU") == "37kh/tu"
    assert loose_key("37/KH-TU") == loose_key("37-KH/TU")
    assert number_key("") == ""


def test_the_cited_title_is_read_after_ve():
    text = ("Thực hiện Kế hoạch số 37-KH/TU ngày 29/9/2025 của Ban Thường vụ Tỉnh ủy về triển khai\n"
            "công tác thông tin đối ngoại về Đại hội, Sở Văn hóa ban hành kế hoạch như sau:")
    assert cited_title(text, "37-KH/TU") == "triển khai công tác thông tin đối ngoại về Đại hội"
    assert cited_title(text, "99-KH/TU") == ""


@pytest.mark.parametrize("citation", [
    "Kế hoạch số 37-KH/TU ngày 29/9/2025",  # number and date: the date agrees
    "Kế hoạch 37-KH/TU",  # no "số", no date
    "Kế hoạch số 37- KH/TU",  # a line broken at the hyphen, joined with a space
])
def test_a_reference_written_differently_links_to_the_plan(ingest_text, upper_plan, citation):
    lower = ingest_text(lower_text(citation), "lower.txt")
    linked = citation_of(lower, "KH/TU")
    assert linked.target_id == upper_plan.pk
    assert linked.matched_by == ("number_date" if "ngày" in citation else "number")


def test_a_reference_dated_another_year_does_not_link(ingest_text, upper_plan):
    lower = ingest_text(lower_text("Kế hoạch số 37-KH/TU ngày 29/9/2021"), "lower.txt")
    assert citation_of(lower, "KH/TU").target_id is None


def test_where_two_plans_share_a_number_the_cited_date_decides(ingest_text, upper_plan):
    older = ingest_text(UPPER.replace("năm 2025", "năm 2024").replace("Thử Nghiệm với", "Thử Nghiệm cũ với"), "old.txt")
    assert older.number == upper_plan.number and older.date.year == 2024
    lower = ingest_text(lower_text("Kế hoạch số 37-KH/TU ngày 29/9/2025"), "lower.txt")
    assert citation_of(lower, "KH/TU").target_id == upper_plan.pk
    lower_2024 = ingest_text(lower_text("Kế hoạch số 37-KH/TU ngày 29/9/2024", number="13/KH-SVHTTDL"), "lower24.txt")
    assert citation_of(lower_2024, "KH/TU").target_id == older.pk


def test_a_placeholder_links_up_when_the_plan_arrives(ingest_text, admin_user):
    lower = ingest_text(lower_text(), "lower.txt")
    chain = Cascade(admin_user).up(lower)
    assert [n.label for n in chain] == ["Kế hoạch 37-KH/TU"] and chain[0].placeholder
    waiting = Citation.objects.get(plan=lower)
    assert waiting.target is None and "thông tin đối ngoại" in waiting.title

    upper = ingest_text(UPPER, "upper.txt")  # arrives: the signal links the placeholder at once
    waiting.refresh_from_db()
    assert waiting.target_id == upper.pk and waiting.matched_by == "number_date"
    chain = Cascade(admin_user).up(lower)
    assert chain[0].plan == upper
    # …and the upper plan's own reference (21-HD/BTGDVTW) is a placeholder one level further up.
    assert [n.label for n in chain[0].children] == ["Hướng dẫn 21-HD/BTGDVTW"]
    assert [n.plan.pk for n in Cascade(admin_user).down(upper)] == [lower.pk]


def test_a_placeholder_no_one_viewed_yet_also_links_up(ingest_text):
    lower = ingest_text(lower_text(), "lower.txt")
    assert not Citation.objects.filter(plan=lower).exists()  # written after the commit, or on demand
    upper = ingest_text(UPPER, "upper.txt")
    assert Citation.objects.get(plan=lower).target_id == upper.pk


def test_citations_are_made_when_the_ingestion_commits(ingest_text, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upper = ingest_text(UPPER, "upper.txt")
    assert list(Citation.objects.filter(plan=upper).values_list("key", flat=True)) == ["21hd/btgdvtw"]


def test_a_plan_without_number_is_matched_by_title(ingest_text, admin_user):
    numberless = UPPER.replace("Số 37-KH/TU\n", "")
    upper = ingest_text(numberless, "upper.txt")
    assert upper.number == ""
    lower = ingest_text(lower_text(), "lower.txt")
    linked = citation_of(lower, "KH/TU")
    assert linked.target_id == upper.pk and linked.matched_by == "title" and linked.score >= 88


def test_a_title_alone_that_differs_does_not_link(ingest_text):
    numberless = UPPER.replace("Số 37-KH/TU\n", "").replace(
        "triển khai công tác thông tin đối ngoại về Đại hội Đảng bộ tỉnh lần thứ nhất",
        "phát triển du lịch cộng đồng gắn với bảo tồn di sản văn hóa")
    ingest_text(numberless, "upper.txt")
    lower = ingest_text(lower_text(), "lower.txt")
    assert citation_of(lower, "KH/TU").target_id is None


def test_renumbering_a_plan_moves_its_links(ingest_text, upper_plan, lower_plan, admin_user):
    from kehoach.web.plans.services.review import update_plan

    assert citation_of(lower_plan, "KH/TU").target_id == upper_plan.pk
    update_plan(upper_plan, {"number": "38-KH/TU"}, admin_user)
    assert citation_of(lower_plan, "KH/TU").target_id is None
    update_plan(upper_plan, {"number": "37-KH/TU"}, admin_user)
    assert citation_of(lower_plan, "KH/TU").target_id == upper_plan.pk


def test_deleting_the_cited_plan_leaves_a_placeholder(ingest_text, upper_plan, lower_plan, admin_user):
    from kehoach.web.plans.services.review import delete_draft

    assert citation_of(lower_plan, "KH/TU").target_id == upper_plan.pk
    delete_draft(upper_plan, admin_user)
    citation = citation_of(lower_plan, "KH/TU")
    assert citation.target_id is None and citation.matched_by == ""


def test_a_plan_reached_twice_is_expanded_once(ingest_text, upper_plan, admin_user):
    first = ingest_text(lower_text(number="12/KH-SVHTTDL"), "first.txt")
    second = ingest_text(lower_text(number="13/KH-SVHTTDL"), "second.txt")
    both = ingest_text(lower_text("Kế hoạch số 12/KH-SVHTTDL ngày 10/10/2025 và Kế hoạch số 13/KH-SVHTTDL ngày 10/10/2025",
                                  number="05/KH-UBND"), "both.txt")
    leaf = ingest_text(lower_text("Kế hoạch số 05/KH-UBND ngày 10/10/2025", number="09/KH-UBND"), "leaf.txt")
    down = Cascade(admin_user).down(upper_plan)
    assert [n.plan for n in down] == [first, second]
    # `both` implements each of them; its own chain down (the leaf) is shown once.
    assert [c.plan for c in down[0].children] == [both] and [c.plan for c in down[1].children] == [both]
    assert [c.plan for c in down[0].children[0].children] == [leaf] and not down[0].children[0].repeated
    assert down[1].children[0].children == [] and down[1].children[0].repeated
    up = Cascade(admin_user).up(leaf)
    assert [n.plan for n in up] == [both] and [n.plan for n in up[0].children] == [first, second]
    first_up, second_up = up[0].children
    assert [n.plan for n in first_up.children] == [upper_plan] and [n.plan for n in second_up.children] == [upper_plan]
    assert first_up.children[0].children and second_up.children[0].repeated and not second_up.children[0].children
