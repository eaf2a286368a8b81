"""Clean stage: markup and page furniture out, broken lines joined, footnotes attached.

The inputs are made up here, wrapped the way PDF and web conversions wrap real plans.
"""
from __future__ import annotations

import pytest

from kehoach.reader.clean import clean, strip_markup
from kehoach.reader.document import Document, Paragraph, Table
from kehoach.reader.read import read_text

# A wrapped paragraph of full-width lines (about 85 characters), so that the line width the
# clean stage measures is that of a real conversion, not that of a five-line test.
WRAPPED = (
    "Căn cứ tình hình thực tế và yêu cầu nhiệm vụ phát triển kinh tế của địa phương trong\n"
    "giai đoạn hiện nay, nhằm tiếp tục nâng cao hiệu quả công tác phổ biến, giáo dục pháp\n"
    "luật cho cán bộ, công chức, viên chức và Nhân dân trên địa bàn tỉnh Hòa Khê, Ủy ban\n"
    "nhân dân tỉnh ban hành Kế hoạch triển khai công tác phổ biến, giáo dục pháp luật năm\n"
    "2026 với các nội dung chủ yếu như sau:\n"
)
WRAPPED_JOINED = (
    "Căn cứ tình hình thực tế và yêu cầu nhiệm vụ phát triển kinh tế của địa phương trong "
    "giai đoạn hiện nay, nhằm tiếp tục nâng cao hiệu quả công tác phổ biến, giáo dục pháp "
    "luật cho cán bộ, công chức, viên chức và Nhân dân trên địa bàn tỉnh Hòa Khê, Ủy ban "
    "nhân dân tỉnh ban hành Kế hoạch triển khai công tác phổ biến, giáo dục pháp luật năm "
    "2026 với các nội dung chủ yếu như sau:"
)


def paras(text: str) -> list[str]:
    return [b.text for b in clean(read_text(text)).blocks if isinstance(b, Paragraph)]


def blocks(text: str) -> list[Paragraph | Table]:
    return clean(read_text(text)).blocks


# ------------------------------------------------------------------------------ joining lines


def test_wrapped_paragraph_is_joined() -> None:
    assert paras(WRAPPED) == [WRAPPED_JOINED]


def test_sentence_broken_across_lines_and_blank_lines_is_joined() -> None:
    text = WRAPPED + (
        "- Tổ chức tuyên truyền sâu rộng trong cán bộ, đảng viên và Nhân dân về các chủ trương\n"
        "\n"
        "của Đảng, chính sách, pháp luật của Nhà nước về bảo vệ môi trường\n"
        "\n"
        "\n"
        "và ứng phó với biến đổi khí hậu.\n"
        "- Kiểm tra việc thực hiện.\n"
    )
    assert paras(text)[1:] == [
        "- Tổ chức tuyên truyền sâu rộng trong cán bộ, đảng viên và Nhân dân về các chủ trương "
        "của Đảng, chính sách, pháp luật của Nhà nước về bảo vệ môi trường "
        "và ứng phó với biến đổi khí hậu.",
        "- Kiểm tra việc thực hiện.",
    ]


def test_dash_before_lower_case_word_or_year_continues_the_sentence() -> None:
    text = WRAPPED + (
        "- Gắn công tác tuyên truyền với nhiệm vụ phát triển kinh tế\n"
        "- xã hội của tỉnh giai đoạn 2026\n"
        "- 2030.\n"
        "- Đẩy mạnh ứng dụng công nghệ thông tin.\n"
    )
    assert paras(text)[1:] == [
        "- Gắn công tác tuyên truyền với nhiệm vụ phát triển kinh tế - xã hội của tỉnh giai đoạn 2026 - 2030.",
        "- Đẩy mạnh ứng dụng công nghệ thông tin.",
    ]


def test_bullet_after_a_line_ending_in_semicolon_starts_a_new_paragraph() -> None:
    text = WRAPPED + (
        "a) Rà soát các thủ tục hành chính thuộc thẩm quyền giải quyết của các sở, ngành;\n"
        "- Sở Tư pháp chủ trì hướng dẫn việc rà soát;\n"
        "- Sở Nội vụ tổng hợp kết quả.\n"
    )
    assert paras(text)[1:] == [
        "a) Rà soát các thủ tục hành chính thuộc thẩm quyền giải quyết của các sở, ngành;",
        "- Sở Tư pháp chủ trì hướng dẫn việc rà soát;",
        "- Sở Nội vụ tổng hợp kết quả.",
    ]


def test_document_type_is_never_joined_with_the_title() -> None:
    for title in ("Tuyên truyền phổ biến giáo dục pháp luật", "TUYÊN TRUYỀN PHỔ BIẾN GIÁO DỤC PHÁP LUẬT",
                  "tuyên truyền phổ biến giáo dục pháp luật"):
        got = paras("ỦY BAN NHÂN DÂN\nTỈNH HÒA KHÊ\n\nKẾ HOẠCH\n" + title + "\nnăm 2026\n\n" + WRAPPED)
        assert "KẾ HOẠCH" in got, title
        assert not any(p.startswith("KẾ HOẠCH ") or p.endswith(" KẾ HOẠCH") for p in got), title


def test_title_lines_are_joined_but_not_with_the_preamble() -> None:
    got = paras("KẾ HOẠCH\nTuyên truyền phổ biến giáo dục pháp luật\nnăm 2026\n\n" + WRAPPED)
    assert got == ["KẾ HOẠCH", "Tuyên truyền phổ biến giáo dục pháp luật năm 2026", WRAPPED_JOINED]


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["1.", "Tổ chức tập huấn nghiệp vụ cho cán bộ làm công tác tư pháp."],
         "1. Tổ chức tập huấn nghiệp vụ cho cán bộ làm công tác tư pháp."),
        (["III.", "TỔ CHỨC THỰC HIỆN"], "III. TỔ CHỨC THỰC HIỆN"),
        (["b)", "Kiểm tra, đôn đốc việc thực hiện."], "b) Kiểm tra, đôn đốc việc thực hiện."),
    ],
)
def test_marker_alone_on_a_line_is_joined_with_its_text(lines: list[str], expected: str) -> None:
    assert paras(WRAPPED + "\n".join(lines) + "\n")[1:] == [expected]


def test_unit_name_broken_after_its_head_word_is_joined() -> None:
    text = WRAPPED + "III. TỔ CHỨC THỰC HIỆN\n1. Sở\nKhoa học và Công nghệ\n- Chủ trì triển khai nền tảng số.\n"
    assert paras(text)[1:] == [
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Khoa học và Công nghệ",
        "- Chủ trì triển khai nền tảng số.",
    ]


def test_headings_stay_apart() -> None:
    text = WRAPPED + "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao nhận thức.\n2. Yêu cầu\n- Bảo đảm thiết thực.\n"
    assert paras(text)[1:] == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "- Nâng cao nhận thức.", "2. Yêu cầu",
                               "- Bảo đảm thiết thực."]


def test_number_broken_at_its_hyphen_is_glued_without_a_space() -> None:
    got = paras("Thực hiện Kế hoạch số 469-\nKH/TU ngày 10/7/2025 của Ban Thường vụ Tỉnh ủy về công tác dân vận.")
    assert got == ["Thực hiện Kế hoạch số 469-KH/TU ngày 10/7/2025 của Ban Thường vụ Tỉnh ủy về công tác dân vận."]


def test_closing_block_is_not_joined_with_the_last_paragraph() -> None:
    got = paras(WRAPPED + "Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh\nNơi nhận:\n- Sở Tư pháp;\nKT. CHỦ TỊCH\n")
    assert "Nơi nhận:" in got
    assert "KT. CHỦ TỊCH" in got


# ------------------------------------------------------------------------------ page furniture


@pytest.mark.parametrize("number", ["3", "- 4 -", "– 12 –", "Trang 5", "Trang 2/9"])
def test_page_number_lines_are_dropped_and_the_sentence_rejoined(number: str) -> None:
    text = WRAPPED + (
        "- Tổ chức hội nghị tập huấn chuyên sâu về kỹ năng hòa giải ở cơ sở cho đội ngũ hòa giải\n"
        "\n" + number + "\n\n"
        "viên trên địa bàn các xã, phường.\n"
    )
    assert paras(text)[1:] == [
        "- Tổ chức hội nghị tập huấn chuyên sâu về kỹ năng hòa giải ở cơ sở cho đội ngũ hòa giải "
        "viên trên địa bàn các xã, phường."
    ]


def test_running_header_repeated_on_pages_is_dropped() -> None:
    header = "Kế hoạch phổ biến giáo dục pháp luật năm 2026 của tỉnh Hòa Khê"
    text = (
        WRAPPED
        + "I. MỤC ĐÍCH, YÊU CẦU\n- Nâng cao nhận thức pháp luật của cán bộ, công chức và người dân tại\n"
        + "2\n" + header + "\n"
        + "cơ sở.\nII. NHIỆM VỤ\n- Biên soạn tài liệu tuyên truyền.\n"
        + "3\n" + header + "\n"
        + "III. TỔ CHỨC THỰC HIỆN\n- Sở Tư pháp theo dõi.\n"
        + "4\n" + header + "\n"
        + "Nơi nhận:\n"
    )
    got = paras(text)
    assert header not in " ".join(got)
    assert "- Nâng cao nhận thức pháp luật của cán bộ, công chức và người dân tại cơ sở." in got
    assert "III. TỔ CHỨC THỰC HIỆN" in got


def test_document_type_repeated_is_not_a_running_header() -> None:
    text = "KẾ HOẠCH\nTập huấn\n" + WRAPPED + "KẾ HOẠCH\nTổ chức\nKẾ HOẠCH\nKiểm tra\n"
    assert paras(text).count("KẾ HOẠCH") == 3


def test_repeated_field_lines_are_not_running_headers() -> None:
    items = [
        "1. Tổ chức hội nghị quán triệt, triển khai Kế hoạch tới cán bộ chủ chốt của tỉnh.",
        "2. Biên soạn, phát hành tài liệu hỏi - đáp về pháp luật cho người dân vùng sâu.",
        "3. Tổ chức cuộc thi tìm hiểu pháp luật trực tuyến trên Cổng thông tin điện tử tỉnh.",
    ]
    text = WRAPPED + "II. NHIỆM VỤ CỤ THỂ\n" + "".join(
        f"{item}\nĐơn vị chủ trì: Sở Tư pháp\nThời gian thực hiện: Quý {q}/2026\n"
        for item, q in zip(items, ("I", "II", "III"))
    )
    assert paras(text).count("Đơn vị chủ trì: Sở Tư pháp") == 3


# ---------------------------------------------------------------------------------- markup


def test_strip_markup() -> None:
    assert strip_markup("## **II. NHIỆM VỤ**") == ("II. NHIỆM VỤ", True, [])
    assert strip_markup("Căn cứ Luật Thủ đô<sup>2</sup>;") == ("Căn cứ Luật Thủ đô;", False, ["2"])
    assert strip_markup("*Hòa Khê, ngày 05 tháng 3 năm 2026*")[0] == "Hòa Khê, ngày 05 tháng 3 năm 2026"
    assert strip_markup("Đội ngũ<br>hòa giải <u>viên</u>")[0] == "Đội ngũ hòa giải viên"
    assert strip_markup("__Nơi nhận:__")[0] == "Nơi nhận:"
    assert strip_markup("2\\. Sở Y tế")[0] == "2. Sở Y tế"
    assert strip_markup("Xem <https://hoakhe.gov.vn>")[0] == "Xem https://hoakhe.gov.vn"
    assert strip_markup("\u00a0 Sở  Tư\u200b pháp ")[0] == "Sở Tư pháp"


def test_html_entities_are_decoded() -> None:
    assert strip_markup("Sở KH&amp;CN")[0] == "Sở KH&CN"
    assert strip_markup("hòa giải&nbsp;viên")[0] == "hòa giải viên"


def test_markdown_bold_heading_and_footnote() -> None:
    doc = clean(read_text(
        "# KẾ HOẠCH\n"
        "**Cải cách hành chính năm 2026**\n"
        "\n"
        "Căn cứ Nghị định số 61/2026/NĐ-CP<sup>1</sup> của Chính phủ về cải cách hành chính.\n"
        "\n"
        "I. NHIỆM VỤ\n"
        "\n"
        "<sup>1</sup> Căn cứ Nghị định số 61/2026/NĐ-CP ngày 12/02/2026 của Chính phủ về thực hiện cơ chế một cửa.\n"
    ))
    got = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in got] == [
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2026",
        "Căn cứ Nghị định số 61/2026/NĐ-CP của Chính phủ về cải cách hành chính.",
        "I. NHIỆM VỤ",
    ]
    assert got[0].heading
    assert got[2].notes == [
        "Căn cứ Nghị định số 61/2026/NĐ-CP ngày 12/02/2026 của Chính phủ về thực hiện cơ chế một cửa."
    ]
    assert not got[3].notes
    assert doc.footnotes["1"].startswith("Căn cứ Nghị định số 61/2026/NĐ-CP ngày 12/02/2026")


def test_footnote_defined_before_it_is_cited_and_pandoc_style() -> None:
    doc = clean(read_text(
        "[^a]: Theo Quyết định số 77/QĐ-UBND ngày 02/01/2026.\n"
        "# KẾ HOẠCH\n"
        "Ủy ban nhân dân tỉnh[^a] ban hành kế hoạch.\n"
    ))
    cited = [b for b in doc.blocks if isinstance(b, Paragraph) and b.notes]
    assert len(cited) == 1
    assert cited[0].text == "Ủy ban nhân dân tỉnh ban hành kế hoạch."
    assert cited[0].notes == ["Theo Quyết định số 77/QĐ-UBND ngày 02/01/2026."]


def test_table_cells_are_cleaned_and_keep_their_lines() -> None:
    doc = clean(Document("t", [Table([["**STT**", "Nơi nhận:\n- **Sở Y tế**;\n\n- Lưu: VT."], ["1", "Họp <sup>3</sup> báo"]])]))
    table = doc.blocks[0]
    assert isinstance(table, Table)
    assert table.rows == [["STT", "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT."], ["1", "Họp báo"]]


def test_hard_paragraphs_are_never_joined() -> None:
    doc = Document("w", [Paragraph("Tổ chức hội nghị tập huấn cho", soft=False), Paragraph("cán bộ cơ sở.", soft=False)])
    assert [b.text for b in clean(doc).blocks] == ["Tổ chức hội nghị tập huấn cho", "cán bộ cơ sở."]
