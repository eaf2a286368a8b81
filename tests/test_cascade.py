"""Cascade coverage on small plans written for the test: binding, links across rewording, gaps."""
from __future__ import annotations

import json
import subprocess
import sys

from kehoach.cascade import binding, cover, normalise_unit, same_unit
from kehoach.models import Plan, Task
from kehoach.similarity import Index, shared_phrases
from kehoach.text import fold

SO = "Sở Văn hóa, Thể thao và Du lịch"


def plan(*tasks: Task) -> Plan:
    return Plan(tasks=list(tasks))


def task(id: str, text: str, lead=(), partners=()) -> Task:
    return Task(id=id, text=text, lead=list(lead), partners=list(partners))


UPPER = plan(
    task("1", "Tổ chức các hoạt động văn hóa, nghệ thuật, triển lãm trong tỉnh chào mừng Đại hội Đảng bộ tỉnh.", [SO]),
    task("2", "Chủ trì quản lý hoạt động báo chí, xuất bản, bảo đảm thông tin về Đại hội chính xác.", [SO]),
    task("3", "Chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch tổ chức hội thảo khoa học về văn kiện Đại hội.",
         ["Ban Tuyên giáo và Dân vận Tỉnh ủy"], [SO]),
    task("4", "Bảo đảm an ninh mạng cho các hệ thống thông tin phục vụ Đại hội.", ["Công an tỉnh"]),
    task("5", "Đẩy mạnh giao lưu văn hóa, thể thao với bạn bè quốc tế nhân dịp Đại hội."),
    task("6", "Các sở, ban, ngành xây dựng chuyên mục tuyên truyền về Đại hội trên cổng thông tin điện tử.",
         ["Các sở, ban, ngành"]),
)
LOWER = plan(
    task("II.1", "Chủ trì tham mưu tổ chức các hoạt động văn hóa, nghệ thuật, triển lãm chào mừng Đại hội.",
         ["Phòng Quản lý Văn hóa"]),
    task("II.2", "Theo dõi, hướng dẫn hoạt động báo chí, xuất bản về Đại hội bảo đảm thông tin chính xác.",
         ["Phòng Quản lý Báo chí và Xuất bản"]),
    task("II.3", "Mở chuyên mục tuyên truyền về Đại hội trên cổng thông tin điện tử của Sở.",
         ["Phòng Quản lý Báo chí và Xuất bản"]),
    task("II.4", "Rà soát hồ sơ thủ tục hành chính về lữ hành quốc tế của doanh nghiệp.", ["Phòng Quản lý Du lịch"]),
)


def test_unit_names_compare_folded_and_with_abbreviations_written_out():
    assert same_unit("Sở VHTTDL", SO)
    assert same_unit("UBND tỉnh", "Ủy ban nhân dân tỉnh")
    assert same_unit(SO + " tỉnh Đồng Nai", SO)
    assert not same_unit("Sở Ngoại vụ", SO)
    assert normalise_unit("Công an tỉnh (Cơ quan thường trực)") == "cong an"


def test_binding_explicit_partner_group_open_and_none():
    assert binding(UPPER.tasks[0], SO) == "explicit"
    assert binding(UPPER.tasks[2], SO) == "explicit"  # named as a partner
    assert binding(UPPER.tasks[3], SO) is None  # another named unit's work
    assert binding(UPPER.tasks[4], SO) == "open"  # no actor: addressed to everyone
    assert binding(UPPER.tasks[5], SO) == "group"  # "các sở, ban, ngành"
    assert binding(UPPER.tasks[5], "Báo Đồng Nai") is None  # a newspaper is not a Sở


def test_coverage_links_rewordings_reports_the_gap_and_own_work():
    coverage = cover(UPPER, LOWER, SO)
    by_id = {link.upper.id: link for link in coverage.links}
    assert [low.task.id for low in by_id["1"].lower] == ["II.1"]
    assert [low.task.id for low in by_id["2"].lower] == ["II.2"]
    assert "II.3" in [low.task.id for low in by_id["6"].lower]
    assert by_id["3"].lower == [] and by_id["3"].status == "not_taken_up"
    assert "4" not in by_id  # binds another unit: not listed
    assert [t.id for t in coverage.own_lower] == ["II.4"]
    # every link says why: a score and the phrases both texts share
    link = by_id["1"].lower[0]
    assert link.score > 0.3 and any("văn hóa" in p for p in link.shared)


def test_coverage_survives_text_that_lost_its_diacritics():
    stripped = plan(*[task(t.id, fold(t.text), t.lead) for t in LOWER.tasks])
    coverage = cover(UPPER, stripped, SO)
    by_id = {link.upper.id: link for link in coverage.links}
    assert [low.task.id for low in by_id["1"].lower] == ["II.1"]
    assert by_id["3"].status == "not_taken_up"


def test_an_open_task_no_lower_task_carries_out_is_not_a_gap():
    coverage = cover(UPPER, LOWER, SO)
    assert all(link.upper.id != "5" or link.lower for link in coverage.links)


def test_index_scores_related_texts_above_unrelated_ones():
    index = Index.build(["tổ chức triển lãm văn hóa nghệ thuật", "trien lam van hoa nghe thuat chao mung",
                         "bảo đảm an ninh mạng"])
    assert index.cosine(0, 1) > index.cosine(0, 2)
    assert shared_phrases("triển lãm văn hóa", "bảo đảm an ninh") == []


def test_cover_command_prints_the_scorer_format(tmp_path):
    upper = tmp_path / "upper.txt"
    lower = tmp_path / "lower.txt"
    upper.write_text(
        "KẾ HOẠCH\nTriển khai công tác tuyên truyền Đại hội\n\nI. NHIỆM VỤ\n"
        f"1. {SO}\n- Tổ chức các hoạt động văn hóa, nghệ thuật, triển lãm chào mừng Đại hội.\n"
        "- Tổ chức hội thảo về lịch sử Đảng bộ tỉnh.\n"
        "2. Công an tỉnh\n- Bảo đảm an ninh mạng phục vụ Đại hội.\n", encoding="utf-8")
    lower.write_text(
        "KẾ HOẠCH\nCụ thể hóa nhiệm vụ tuyên truyền Đại hội\n\nI. NHIỆM VỤ CỤ THỂ\n"
        "1. Phòng Quản lý Văn hóa\n- Chủ trì tham mưu tổ chức hoạt động văn hóa, nghệ thuật, triển lãm chào mừng Đại hội.\n",
        encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kehoach", "cover", str(upper), str(lower), "--unit", SO,
                          "--format", "json"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    statuses = {link["upper"]["id"]: link["status"] for link in data["links"]}
    assert list(statuses.values()).count("not_taken_up") == 1
    covered = [link for link in data["links"] if link["lower"]]
    assert covered and {"id", "text", "lead", "score", "shared"} <= set(covered[0]["lower"][0])
    assert all(link["upper"]["lead"] == [SO] for link in data["links"])


def test_officer_decisions_are_kept_when_coverage_is_computed_again():
    rejected = frozenset({("1", "II.1")})
    confirmed = frozenset({("3", "II.4")})
    coverage = cover(UPPER, LOWER, SO, confirmed=confirmed, rejected=rejected)
    by_id = {link.upper.id: link for link in coverage.links}
    assert by_id["1"].lower == [] and by_id["1"].status == "not_taken_up"  # the rejected link stays out
    assert [low.task.id for low in by_id["3"].lower] == ["II.4"]  # the gap closed by hand
    assert "II.4" not in [t.id for t in coverage.own_lower]


def test_a_lower_plan_on_another_subject_takes_up_nothing():
    unrelated = plan(
        task("1", "Kiểm tra an toàn thực phẩm tại các bếp ăn tập thể trường học.", ["Phòng Quản lý Văn hóa"]),
        task("2", "Rà soát hồ sơ thủ tục hành chính về lữ hành quốc tế của doanh nghiệp.", ["Phòng Quản lý Du lịch"]),
    )
    coverage = cover(UPPER, unrelated, SO)
    explicit = [link for link in coverage.links if link.binding == "explicit"]
    assert explicit and all(link.status == "not_taken_up" for link in explicit)
    assert [t.id for t in coverage.own_lower] == ["1", "2"]
