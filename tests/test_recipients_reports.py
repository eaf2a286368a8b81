"""The Nơi nhận list and the report deadlines a plan sets."""
from __future__ import annotations

import pytest

import kehoach
from kehoach.reader.recipients import read_recipients
from kehoach.reader.reports import find_reports

# ----------------------------------------------------------------------------------- recipients


def test_recipients_are_cleaned_and_stop_at_luu() -> None:
    closing = [
        "Nơi nhận:",
        "- Bộ Văn hóa, Thể thao và Du lịch (b/c);",
        "- Thường trực Tỉnh ủy (báo cáo);",
        "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
        "- Sở Tư pháp (để biết);",
        "- UBND các xã, phường (t/h);",
        "- Lưu: VT, VHXH.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Phạm Văn Tâm",
    ]
    assert read_recipients(closing) == [
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Thường trực Tỉnh ủy",
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
        "Sở Tư pháp",
        "UBND các xã, phường",
        "Lưu: VT, VHXH",
    ]


def test_wrapped_recipient_is_joined() -> None:
    closing = ["Nơi nhận:", "- Các sở, ban, ngành, đoàn thể", "cấp tỉnh;", "- Báo và Phát thanh, Truyền hình", "Hòa Khê;",
               "- Lưu: VT."]
    assert read_recipients(closing) == [
        "Các sở, ban, ngành, đoàn thể cấp tỉnh", "Báo và Phát thanh, Truyền hình Hòa Khê", "Lưu: VT"]


def test_first_recipient_on_the_label_line() -> None:
    assert read_recipients(["Nơi nhận: - Như mục III;", "- Sở Tư pháp;", "- Lưu VT."]) == [
        "Như mục III", "Sở Tư pháp", "Lưu VT"]


def test_signature_before_the_list_in_a_flattened_table() -> None:
    # A two-column closing table read cell by cell can put the signer's authority first.
    closing = ["KT. GIÁM ĐỐC", "Nơi nhận:", "- Sở Nội vụ (t/h);", "- Website Sở;", "- Lưu: VT.", "PHÓ GIÁM ĐỐC", "Vũ Thị Lan"]
    assert read_recipients(closing) == ["Sở Nội vụ", "Website Sở", "Lưu: VT"]


def test_list_without_luu_stops_at_the_signature() -> None:
    closing = ["Nơi nhận:", "- Sở Nội vụ;", "- UBND các xã, phường.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Vũ Thị Lan"]
    assert read_recipients(closing) == ["Sở Nội vụ", "UBND các xã, phường"]


def test_no_noi_nhan_means_no_recipients() -> None:
    assert read_recipients([]) == []
    assert read_recipients(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Văn Tâm"]) == []


def test_recipients_of_a_whole_plan_come_from_the_plans_closing() -> None:
    plan = kehoach.extract(
        "KẾ HOẠCH\nTổ chức Tuần lễ văn hóa ẩm thực năm 2026\n"
        "I. NHIỆM VỤ\n1. Sở Công Thương chủ trì tổ chức gian hàng ẩm thực.\n"
        "Nơi nhận:\n- Ủy ban nhân dân tỉnh (b/c);\n- Sở Công Thương;\n- Lưu: VT.\n"
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nVũ Thị Lan\n"
    )
    assert plan.recipients == ["Ủy ban nhân dân tỉnh", "Sở Công Thương", "Lưu: VT"]


# -------------------------------------------------------------------------------------- reports


def reports(paragraphs: list[str], year: int | None) -> list[tuple]:
    return [(r.period, r.due, r.to) for r in find_reports(paragraphs, year)]


def test_two_reports_have_their_due_dates() -> None:
    got = reports(["Các đơn vị báo cáo 06 tháng trước ngày 10/6/2026; báo cáo năm trước ngày 22/11/2026 về Sở Tư pháp."],
                  2026)
    assert [d for _, d, _ in got] == ["2026-06-10", "2026-11-22"]
    assert got[0][0] == "6 tháng"
    assert [t for _, _, t in got] == ["Sở Tư pháp", "Sở Tư pháp"]


def test_each_report_has_its_own_period() -> None:
    got = reports(["Báo cáo 06 tháng trước ngày 10/6/2026; Báo cáo năm trước ngày 22/11/2026 về Sở Tư pháp."], 2026)
    assert [(p, d) for p, d, _ in got] == [("6 tháng", "2026-06-10"), ("năm", "2026-11-22")]


def test_recipient_with_a_comma_in_its_name() -> None:
    got = reports(["Báo cáo năm trước ngày 22/11/2026 về Sở Văn hóa, Thể thao và Du lịch để tổng hợp."], 2026)
    assert got == [("năm", "2026-11-22", "Sở Văn hóa, Thể thao và Du lịch")]


def test_deadline_without_a_year_uses_the_given_year() -> None:
    got = reports(["Các cơ quan, đơn vị báo cáo kết quả thực hiện trước ngày 18/11 về Sở Nội vụ để tổng hợp."], 2027)
    assert got == [(None, "2027-11-18", "Sở Nội vụ")]
    # without a year nothing can be dated
    assert reports(["Các đơn vị báo cáo kết quả trước ngày 20/11."], None) == []


def test_deadline_in_words_and_recipient_before_it() -> None:
    got = reports(["Các đơn vị gửi báo cáo về Sở Tư pháp trước ngày 15 tháng 12 năm 2026."], None)
    assert got == [(None, "2026-12-15", "Sở Tư pháp")]


def test_periodic_report_and_a_non_report_deadline_in_one_paragraph() -> None:
    got = reports(["Định kỳ hằng quý báo cáo kết quả trước ngày 20/3/2026 về Văn phòng UBND tỉnh; "
                   "tổ chức hội nghị sơ kết trước ngày 30/6/2026."], 2026)
    assert got == [("quý", "2026-03-20", "Văn phòng UBND tỉnh")]


@pytest.mark.parametrize(
    "text",
    [
        "Tổ chức hội nghị trước ngày 15/3/2026.",
        "Hoàn thành việc rà soát trước ngày 30/6/2026.",
        "Các đơn vị báo cáo kết quả về Sở Nội vụ.",  # no deadline
    ],
)
def test_not_a_report_deadline(text: str) -> None:
    assert reports([text], 2026) == []


def test_same_due_date_once() -> None:
    got = reports(["Báo cáo năm trước ngày 22/11/2026 về Sở Nội vụ.", "Gửi báo cáo năm trước ngày 22/11/2026."], 2026)
    assert [d for _, d, _ in got] == ["2026-11-22"]


def test_reports_of_a_whole_plan_use_the_plans_year() -> None:
    plan = kehoach.extract(
        "KẾ HOẠCH\nTổ chức Tuần lễ văn hóa ẩm thực năm 2026\n"
        "I. NHIỆM VỤ\n1. Sở Công Thương chủ trì tổ chức gian hàng ẩm thực.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "Các đơn vị báo cáo kết quả thực hiện trước ngày 10/12 về Sở Công Thương để tổng hợp.\n"
    )
    assert [(r.due, r.to) for r in plan.reports] == [("2026-12-10", "Sở Công Thương")]


def test_report_sent_to_a_short_name_right_before_the_deadline() -> None:
    reports = find_reports(["Các phòng báo cáo kết quả về Sở trước ngày 15/12/2026."], 2026)
    assert [(r.due, r.to) for r in reports] == [("2026-12-15", "Sở")]
