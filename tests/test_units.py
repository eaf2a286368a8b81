"""Units (cơ quan, đơn vị): splitting lists, cleaning names, finding the actor and the partners."""
from __future__ import annotations

import pytest

from kehoach.reader.units import cut_predicate, partners_in, split_units, starts_with_unit, strip_unit, subject_of


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sở Công Thương, Sở Tài chính và Công an tỉnh", ["Sở Công Thương", "Sở Tài chính", "Công an tỉnh"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Các Sở, ban, ngành, địa phương", ["Các Sở, ban, ngành, địa phương"]),
        ("UBND các xã, phường", ["UBND các xã, phường"]),
        ("Sở Nội vụ; Sở Tư pháp; UBND các xã, phường", ["Sở Nội vụ", "Sở Tư pháp", "UBND các xã, phường"]),
        ("Sở Y tế cùng Sở Giáo dục và Đào tạo", ["Sở Y tế", "Sở Giáo dục và Đào tạo"]),
        ("Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
        ("Sở Lao động - Thương binh và Xã hội, Sở Xây dựng", ["Sở Lao động - Thương binh và Xã hội", "Sở Xây dựng"]),
        ("Báo và Đài Phát thanh, Truyền hình Hòa Khê", ["Báo và Đài Phát thanh, Truyền hình Hòa Khê"]),
        ("Sở Văn hóa, Thể thao và Du lịch (Cơ quan Thường trực Ban Chỉ đạo)", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Sở Tư pháp.", ["Sở Tư pháp"]),
        ("Sở Tư pháp, Sở Tư pháp", ["Sở Tư pháp"]),
        ("Sở Y tế và các đơn vị liên quan", ["Sở Y tế", "các đơn vị liên quan"]),
        ("Sở Giáo dục và Đào tạo, Tỉnh đoàn", ["Sở Giáo dục và Đào tạo", "Tỉnh đoàn"]),
        ("Ban Quản lý các khu công nghiệp tỉnh", ["Ban Quản lý các khu công nghiệp tỉnh"]),
        ("Ủy ban nhân dân các xã, phường, đặc khu", ["Ủy ban nhân dân các xã, phường, đặc khu"]),
        ("Hội Nông dân, Hội Liên hiệp Phụ nữ tỉnh", ["Hội Nông dân", "Hội Liên hiệp Phụ nữ tỉnh"]),
        ("", []),
    ],
)
def test_split_units(text: str, expected: list[str]) -> None:
    assert split_units(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kính mời Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh là cơ quan chủ trì", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("Đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
        ("Kính đề nghị Liên đoàn Lao động tỉnh", "Liên đoàn Lao động tỉnh"),
        ("Giao Sở Tài chính", "Sở Tài chính"),
        ("Sở Nội vụ (Cơ quan thường trực)", "Sở Nội vụ"),
        ("Sở Nội vụ - là cơ quan thường trực Hội đồng thi đua", "Sở Nội vụ"),
        ("Sở Khoa học và Công nghệ làm đầu mối", "Sở Khoa học và Công nghệ"),
        ("Sở Tài chính (chủ trì", "Sở Tài chính"),  # an aside left open by a cut
        ("  Sở Tài chính;  ", "Sở Tài chính"),
    ],
)
def test_strip_unit(text: str, expected: str) -> None:
    assert strip_unit(text) == expected


@pytest.mark.parametrize(
    "text, head, rest",
    [
        ("Báo Hòa Khê bố trí thời lượng đăng tải tin, bài về hội nghị", "Báo Hòa Khê",
         "bố trí thời lượng đăng tải tin, bài về hội nghị"),
        ("Đài Phát thanh và Truyền hình tỉnh xây dựng chuyên mục", "Đài Phát thanh và Truyền hình tỉnh", "xây dựng chuyên mục"),
        ("Ban Chỉ đạo tỉnh chỉ đạo các địa phương", "Ban Chỉ đạo tỉnh", "chỉ đạo các địa phương"),
        ("Các tổ chức chính trị - xã hội tổ chức tuyên truyền", "Các tổ chức chính trị - xã hội", "tổ chức tuyên truyền"),
        ("Sở Nội vụ theo chức năng, nhiệm vụ được giao", "Sở Nội vụ", "theo chức năng, nhiệm vụ được giao"),
        ("Sở Tài chính", "Sở Tài chính", ""),
    ],
)
def test_cut_predicate(text: str, head: str, rest: str) -> None:
    assert cut_predicate(text) == (head, rest)


@pytest.mark.parametrize(
    "text, units, rest",
    [
        ("Đề nghị UBND các xã, phường phối hợp chỉ đạo:", ["UBND các xã, phường"], "phối hợp chỉ đạo:"),
        ("Trên cơ sở dự toán được duyệt, Sở Tài chính tham mưu bố trí kinh phí.", ["Sở Tài chính"],
         "tham mưu bố trí kinh phí."),
        ("Căn cứ chức năng, nhiệm vụ, Công an tỉnh chỉ đạo lực lượng nghiệp vụ.", ["Công an tỉnh"],
         "chỉ đạo lực lượng nghiệp vụ."),
        ("Các cơ quan báo chí, truyền thông của tỉnh: Mở chuyên trang, chuyên mục.",
         ["Các cơ quan báo chí, truyền thông của tỉnh"], "Mở chuyên trang, chuyên mục."),
        ("Sở Y tế chủ trì, phối hợp với Sở Tài chính triển khai.", ["Sở Y tế"],
         "chủ trì, phối hợp với Sở Tài chính triển khai."),
        ("Sở Công Thương, Sở Tài chính và Công an tỉnh phối hợp kiểm tra thị trường.",
         ["Sở Công Thương", "Sở Tài chính", "Công an tỉnh"], "phối hợp kiểm tra thị trường."),
    ],
)
def test_subject_of(text: str, units: list[str], rest: str) -> None:
    assert subject_of(text) == (units, rest)


@pytest.mark.parametrize(
    "text",
    [
        "Tổ chức hội nghị tập huấn cho cán bộ cơ sở.",
        "Sở Nội vụ",  # a name with no predicate is a heading, not a sentence
        "Trên cơ sở kết quả rà soát, tổ chức đánh giá.",  # an opening clause, then no actor
        "Ban hành văn bản hướng dẫn thực hiện.",
        "Hội nghị tổng kết được tổ chức vào quý IV.",
    ],
)
def test_no_subject(text: str) -> None:
    assert subject_of(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chủ trì, phối hợp với Công an tỉnh, Sở Ngoại vụ tổ chức đón tiếp các đoàn khách quốc tế.",
         ["Công an tỉnh", "Sở Ngoại vụ"]),
        ("Phối hợp chặt chẽ với Sở Tư pháp và UBND các xã, phường thực hiện.", ["Sở Tư pháp", "UBND các xã, phường"]),
        ("Chủ động phối hợp với các cơ quan liên quan tổ chức kiểm tra.", ["các cơ quan liên quan"]),
        ("Chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch tổ chức hội chợ.", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Phối hợp tổ chức hội nghị sơ kết.", []),
        ("Tổ chức hội nghị sơ kết.", []),
    ],
)
def test_partners_in(text: str, expected: list[str]) -> None:
    assert partners_in(text) == expected


@pytest.mark.parametrize(
    "text, strict, any_case",
    [
        ("Sở Tư pháp", True, True),
        ("Đề nghị Công an tỉnh", True, True),
        ("Kính mời Hội Liên hiệp Phụ nữ tỉnh", True, True),
        ("UBND các xã, phường", True, True),
        ("sở tư pháp", False, True),
        ("Tổ chức hội nghị", False, False),
        ("Ban hành văn bản", False, False),
        ("Báo cáo kết quả", False, False),
        ("Hội nghị tổng kết", False, False),
        ("Phòng, chống dịch bệnh", False, False),
        ("Bộ máy tổ chức", False, False),
        ("Trường hợp cần thiết", False, False),
    ],
)
def test_starts_with_unit(text: str, strict: bool, any_case: bool) -> None:
    assert starts_with_unit(text) is strict
    assert starts_with_unit(text, any_case=True) is any_case


def test_partners_separated_by_semicolons() -> None:
    assert partners_in("Phối hợp với Sở Y tế; Sở Xây dựng; UBND các xã, phường tổ chức kiểm tra.") == [
        "Sở Y tế", "Sở Xây dựng", "UBND các xã, phường"]
