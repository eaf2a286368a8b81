"""Cited documents: kind, number-and-symbol, date and issuer; each once; the plan's own number out."""
from __future__ import annotations

import pytest

import kehoach
from kehoach.reader.references import find_references, normalise_number


def refs(*texts: str, own: str | None = None) -> dict[str, tuple]:
    return {r.number: (r.kind, r.date, r.issuer) for r in find_references(list(texts), own)}


@pytest.mark.parametrize(
    "text, kind, number",
    [
        ("Căn cứ Nghị quyết số 27-NQ/TW ngày 14/3/2024 của Ban Chấp hành Trung ương;", "Nghị quyết", "27-NQ/TW"),
        ("Căn cứ Quyết định 1234/QĐ-UBND ngày 12/5/2025 của UBND tỉnh;", "Quyết định", "1234/QĐ-UBND"),
        ("Thực hiện Chỉ thị 05-CT/TU ngày 3/2/2024 của Ban Thường vụ Tỉnh ủy;", "Chỉ thị", "05-CT/TU"),
        ("Căn cứ Công văn số 2210/STC-NS ngày 02/12/2025 của Sở Tài chính;", "Công văn", "2210/STC-NS"),
        ("Căn cứ Thông tư số 03/2025/TT-BVHTTDL của Bộ Văn hóa, Thể thao và Du lịch;", "Thông tư",
         "03/2025/TT-BVHTTDL"),
        ("Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ;", "Nghị định", "45/2020/NĐ-CP"),
        ("Thực hiện Thông báo kết luận số 23-TB/TU của Thường trực Tỉnh ủy;", "Thông báo kết luận", "23-TB/TU"),
        ("Thực hiện Hướng dẫn 36-HD/VPTW;", "Hướng dẫn", "36-HD/VPTW"),
        ("Thực hiện Đề án 06/ĐA-UBND;", "Đề án", "06/ĐA-UBND"),
        ("Thực hiện Chương trình hành động số 12-CTr/TU;", "Chương trình hành động", "12-CTr/TU"),
    ],
)
def test_kinds_with_and_without_so(text: str, kind: str, number: str) -> None:
    found = find_references([text])
    assert [(r.kind, r.number) for r in found] == [(kind, number)]


def test_date_and_issuer() -> None:
    got = refs(
        "Căn cứ Nghị quyết số 27-NQ/TW ngày 14/3/2024 của Ban Chấp hành Trung ương về công tác cán bộ;",
        "Căn cứ Quyết định 1234/QĐ-UBND ngày 12/5/2025 của UBND tỉnh Hòa Khê về việc phê duyệt đề án;",
        "Căn cứ Công văn số 77/SNV-TCBC ngày 3.4.2026 của Sở Nội vụ;",
    )
    assert got["27-NQ/TW"] == ("Nghị quyết", "2024-03-14", "Ban Chấp hành Trung ương")
    assert got["1234/QĐ-UBND"] == ("Quyết định", "2025-05-12", "UBND tỉnh Hòa Khê")
    assert got["77/SNV-TCBC"] == ("Công văn", "2026-04-03", "Sở Nội vụ")


def test_reference_without_date_or_issuer() -> None:
    assert refs("Thực hiện Kế hoạch số 5/KH-BCĐ về phòng, chống dịch;") == {"5/KH-BCĐ": ("Kế hoạch", None, None)}


def test_reference_dated_in_words() -> None:
    got = refs("Căn cứ Kế hoạch số 31-KH/TU ngày 29 tháng 9 năm 2025 của Ban Thường vụ Tỉnh ủy;")
    assert got["31-KH/TU"] == ("Kế hoạch", "2025-09-29", "Ban Thường vụ Tỉnh ủy")


def test_law_named_some_words_before_its_number() -> None:
    got = refs("Căn cứ Luật Tổ chức chính quyền địa phương số 81/2025/QH15; Luật Thanh niên số 57/2020/QH14;")
    assert got == {"81/2025/QH15": ("Luật", None, None), "57/2020/QH14": ("Luật", None, None)}


def test_number_broken_at_its_hyphen_is_read_whole() -> None:
    got = refs("Thực hiện Kế hoạch số 469- KH/TU ngày 10/7/2025 của Ban Thường vụ Tỉnh ủy;")
    assert list(got) == ["469-KH/TU"]
    assert got["469-KH/TU"][:2] == ("Kế hoạch", "2025-07-10")


def test_each_document_once() -> None:
    found = find_references([
        "Căn cứ Nghị quyết số 27-NQ/TW ngày 14/3/2024 của Ban Chấp hành Trung ương;",
        "Tiếp tục quán triệt Nghị quyết số 27-NQ/TW và Nghị quyết 27 -NQ/TW trong toàn tỉnh.",
        "Kế hoạch số 469-KH/TU; Kế hoạch số 469- KH/TU.",
    ])
    assert [r.number for r in found] == ["27-NQ/TW", "469-KH/TU"]
    assert found[0].date == "2024-03-14"  # the first, fullest citation is kept


def test_body_spelling_preferred_to_a_title_in_capitals() -> None:
    found = find_references(["THỰC HIỆN CHƯƠNG TRÌNH SỐ 07-CTR/TU", "Thực hiện Chương trình số 07-CTr/TU của Tỉnh ủy;"])
    assert [r.number for r in found] == ["07-CTr/TU"]


def test_own_number_is_left_out() -> None:
    got = refs(
        "Kế hoạch số 12/KH-UBND ngày 05/3/2026 của Ủy ban nhân dân tỉnh về cải cách hành chính;",
        "Căn cứ Quyết định số 15/QĐ-UBND ngày 10/01/2026;",
        own="12/KH-UBND",
    )
    assert list(got) == ["15/QĐ-UBND"]
    # spacing and case of the own number do not matter
    assert list(refs("Kế hoạch số 12/KH-UBND;", own="Số: 12 /kh-ubnd")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Số: 12/KH-UBND",  # the letterhead's own line: no kind named
        "Hỗ trợ số 15/2023 hộ nghèo trên địa bàn.",  # a count, not a symbol
        "Liên hệ đường dây nóng số 0912/345678.",
        "Tổ chức 03 lớp tập huấn trong năm 2026.",
    ],
)
def test_things_that_are_not_references(text: str) -> None:
    assert find_references([text]) == []


@pytest.mark.parametrize(
    "a, b",
    [("Số 57-KL/TW", "57 -KL/TW"), ("469- KH/TU", "469-KH/TU"), ("12/KH-SNV", "12/kh-snv"), ("45/2020/NĐ-CP", "45/2020/ND-CP")],
)
def test_normalise_number(a: str, b: str) -> None:
    assert normalise_number(a) == normalise_number(b)


def test_different_numbers_stay_different() -> None:
    assert normalise_number("12/KH-UBND") != normalise_number("21/KH-UBND")
    assert normalise_number("12/KH-UBND") != normalise_number("12/QĐ-UBND")


def test_footnote_text_is_searched_by_the_whole_reader() -> None:
    plan = kehoach.extract(
        "# KẾ HOẠCH\n"
        "**Cải cách hành chính năm 2026**\n\n"
        "Căn cứ các văn bản của Trung ương<sup>1</sup> và của tỉnh, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\n"
        "I. NHIỆM VỤ\n\n"
        "1. Sở Nội vụ chủ trì rà soát thủ tục hành chính.\n\n"
        "<sup>1</sup> Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách "
        "hành chính nhà nước.\n"
    )
    got = {r.number: r for r in plan.references}
    assert list(got) == ["76/NQ-CP"]
    assert got["76/NQ-CP"].kind == "Nghị quyết"
    assert got["76/NQ-CP"].date == "2021-07-15"
    assert got["76/NQ-CP"].issuer == "Chính phủ"


def test_whole_plan_leaves_out_its_own_number() -> None:
    plan = kehoach.extract(
        "ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH\nSố: 88/KH-UBND\nTây Ninh, ngày 10 tháng 02 năm 2026\n"
        "KẾ HOẠCH\nPhát triển du lịch cộng đồng năm 2026\n"
        "Căn cứ Quyết định số 321/QĐ-UBND ngày 05/01/2026 của Ủy ban nhân dân tỉnh về việc giao chỉ tiêu;\n"
        "I. NHIỆM VỤ\n1. Sở Văn hóa, Thể thao và Du lịch tổ chức triển khai Kế hoạch số 88/KH-UBND.\n"
    )
    assert [r.number for r in plan.references] == ["321/QĐ-UBND"]
