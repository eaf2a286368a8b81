"""Outline stage: the numbered tree (I. / 1. / 1.1. / a) / - / +) and section ids."""
from __future__ import annotations

import pytest

from kehoach.reader.document import Paragraph, Table
from kehoach.reader.outline import Node, outline, split_marker


def tree(text: str) -> Node:
    return outline([Paragraph(line) for line in text.strip().split("\n")])


def shape(root: Node) -> list[tuple[int, str, str, str]]:
    """(depth, kind, id, text) for every node below the root, in reading order."""
    out = []

    def rec(node: Node, depth: int) -> None:
        for child in node.children:
            out.append((depth, child.kind, child.id, child.text))
            rec(child, depth + 1)

    rec(root, 0)
    return out


@pytest.mark.parametrize(
    "text, expected",
    [
        ("II. NHIỆM VỤ", ("roman", "II", "NHIỆM VỤ")),
        ("IV) KINH PHÍ", ("roman", "IV", "KINH PHÍ")),
        ("3. Sở Y tế", ("num", "3", "Sở Y tế")),
        ("12.Sở Tư pháp", ("num", "12", "Sở Tư pháp")),
        ("2) Công an tỉnh", ("num", "2", "Công an tỉnh")),
        ("1.2. Tổ chức hội nghị", ("num2", "1.2", "Tổ chức hội nghị")),
        ("2.1 Tập huấn", ("num2", "2.1", "Tập huấn")),
        ("1.2.3. Rà soát", ("num3", "1.2.3", "Rà soát")),
        ("a) Nội dung:", ("letter", "a", "Nội dung:")),
        ("đ) Thời gian", ("letter", "đ", "Thời gian")),
        ("- Chủ trì thực hiện.", ("dash", "-", "Chủ trì thực hiện.")),
        ("• Phối hợp.", ("dash", "•", "Phối hợp.")),
        ("+ In tài liệu.", ("plus", "+", "In tài liệu.")),
        ("Căn cứ Luật Ngân sách nhà nước;", ("text", "", "Căn cứ Luật Ngân sách nhà nước;")),
        ("3. 500 cuốn sách", ("text", "", "3. 500 cuốn sách")),  # a number, not an item
        ("III.", ("text", "", "III.")),  # a marker with nothing after it
    ],
)
def test_split_marker(text: str, expected: tuple[str, str, str]) -> None:
    assert split_marker(text) == expected


def test_nesting_of_all_marker_kinds_and_ids() -> None:
    root = tree("""
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao nhận thức.
II. NHIỆM VỤ
1. Tuyên truyền
1.1. Tổ chức hội nghị
a) Hội nghị cấp tỉnh
- Chuẩn bị tài liệu
+ In ấn tài liệu
+ Phát hành tài liệu
- Tổ chức hội nghị
b) Hội nghị cấp xã
1.2. Biên soạn tài liệu
2. Kiểm tra
III. TỔ CHỨC THỰC HIỆN
""")
    assert shape(root) == [
        (0, "roman", "I", "MỤC ĐÍCH, YÊU CẦU"),
        (1, "num", "I.1", "Mục đích"),
        (2, "dash", "I.1.1", "Nâng cao nhận thức."),
        (0, "roman", "II", "NHIỆM VỤ"),
        (1, "num", "II.1", "Tuyên truyền"),
        (2, "num2", "II.1.1", "Tổ chức hội nghị"),
        (3, "letter", "II.1.1.a", "Hội nghị cấp tỉnh"),
        (4, "dash", "II.1.1.a.1", "Chuẩn bị tài liệu"),
        (5, "plus", "II.1.1.a.1.1", "In ấn tài liệu"),
        (5, "plus", "II.1.1.a.1.2", "Phát hành tài liệu"),
        (4, "dash", "II.1.1.a.2", "Tổ chức hội nghị"),
        (3, "letter", "II.1.1.b", "Hội nghị cấp xã"),
        (2, "num2", "II.1.2", "Biên soạn tài liệu"),
        (1, "num", "II.2", "Kiểm tra"),
        (0, "roman", "III", "TỔ CHỨC THỰC HIỆN"),
    ]


def test_plus_then_dash_nests_by_first_use_not_by_a_fixed_order() -> None:
    # Some plans use "+" above "-": the kind seen first is the outer one.
    root = tree("""
1. Sở Y tế
+ Tổ chức tiêm chủng:
- Đợt 1.
- Đợt 2.
+ Kiểm tra.
""")
    assert [(d, k, i) for d, k, i, _ in shape(root)] == [
        (0, "num", "1"), (1, "plus", "1.1"), (2, "dash", "1.1.1"), (2, "dash", "1.1.2"), (1, "plus", "1.2"),
    ]


def test_numbered_section_never_nests_under_a_bullet() -> None:
    root = tree("""
III. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp
- Chủ trì hướng dẫn.
2. Sở Nội vụ
- Tổng hợp kết quả.
""")
    sections = [(d, i, t) for d, k, i, t in shape(root) if k == "num"]
    assert sections == [(1, "III.1", "Sở Tư pháp"), (1, "III.2", "Sở Nội vụ")]


def test_numbered_section_never_nests_under_a_lead_in() -> None:
    root = tree("""
III. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp
Căn cứ chức năng, nhiệm vụ, thực hiện các nội dung sau:
- Hướng dẫn nghiệp vụ.
2. Sở Nội vụ
Tổng hợp kết quả thực hiện.
""")
    got = shape(root)
    assert (1, "num", "III.2", "Sở Nội vụ") in got
    lead_in = next(x for x in got if x[3].startswith("Căn cứ chức năng"))
    assert lead_in[0] == 2  # under "1. Sở Tư pháp"
    # the bullet belongs to the lead-in that announced it
    assert got[got.index(lead_in) + 1][:2] == (3, "dash")


def test_roman_section_closes_everything() -> None:
    root = tree("""
I. MỤC TIÊU
Các chỉ tiêu như sau:
- Chỉ tiêu một
II. NHIỆM VỤ
""")
    assert [c.text for c in root.children] == ["MỤC TIÊU", "NHIỆM VỤ"]


def test_text_after_a_bullet_ending_in_a_stop_belongs_to_the_section() -> None:
    root = tree("""
1. Sở Công Thương
- Chủ trì tổ chức hội chợ.
Thời gian thực hiện: Quý III/2026.
""")
    section = root.children[0]
    assert [c.kind for c in section.children] == ["dash", "text"]
    assert section.children[1].text == "Thời gian thực hiện: Quý III/2026."


def test_unfinished_bullet_takes_the_next_unmarked_line() -> None:
    root = tree("""
1. Sở Công Thương
- Chủ trì tổ chức hội chợ hàng Việt về
nông thôn năm 2026.
""")
    bullet = root.children[0].children[0]
    assert bullet.text == "Chủ trì tổ chức hội chợ hàng Việt về nông thôn năm 2026."
    assert not bullet.children


def test_num2_directly_under_a_roman_section_keeps_its_full_label() -> None:
    root = tree("""
II. NHIỆM VỤ
2.1. Tuyên truyền
2.2. Kiểm tra
""")
    assert [n.id for n in root.walk() if n.kind == "num2"] == ["II.2.1", "II.2.2"]


def test_num3_under_num2_drops_the_shared_prefix() -> None:
    root = tree("""
II. NHIỆM VỤ
1. Tuyên truyền
1.1. Hội nghị
1.1.1. Cấp tỉnh
1.1.2. Cấp xã
""")
    assert [n.id for n in root.walk() if n.kind == "num3"] == ["II.1.1.1", "II.1.1.2"]


def test_table_attaches_to_the_innermost_section_and_notes_are_kept() -> None:
    table = Table([["STT", "Nội dung"], ["1", "Tập huấn"]])
    root = outline([
        Paragraph("II. NHIỆM VỤ"),
        Paragraph("1. Nhiệm vụ cụ thể", notes=["Theo Quyết định số 5/QĐ-UBND."]),
        Paragraph("- Xem bảng dưới đây"),
        table,
    ])
    section = root.children[0].children[0]
    assert section.notes == ["Theo Quyết định số 5/QĐ-UBND."]
    assert section.children[-1].kind == "table" and section.children[-1].table is table


def test_full_text_ancestors_and_heading_flag() -> None:
    root = outline([
        Paragraph("II. NHIỆM VỤ", heading=True),
        Paragraph("1. Sở Y tế"),
        Paragraph("- Tổ chức khám sàng lọc."),
        Paragraph("+ Đợt một."),
    ])
    roman = root.children[0]
    plus = next(n for n in root.walk() if n.kind == "plus")
    assert roman.heading
    assert [a.id for a in plus.ancestors()] == ["II.1.1", "II.1", "II"]
    assert roman.children[0].full_text == "Sở Y tế\nTổ chức khám sàng lọc.\nĐợt một."


def test_empty_input_gives_an_empty_root() -> None:
    root = outline([])
    assert root.kind == "root" and root.children == []


def test_ids_are_unique_when_bullets_and_sections_are_siblings() -> None:
    root = tree("""
III. TỔ CHỨC THỰC HIỆN
- Các sở, ngành thực hiện các nội dung sau đây.
1. Sở Tư pháp
- Chủ trì hướng dẫn.
2. Sở Nội vụ
- Tổng hợp kết quả.
""")
    ids = [n.id for n in root.walk() if n.kind != "root"]
    assert len(ids) == len(set(ids)), ids
