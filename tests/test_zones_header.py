"""Zones (letterhead, title, body, closing, appendices) and the header read from them (meta)."""
from __future__ import annotations

import pytest

from kehoach.reader.clean import clean
from kehoach.reader.document import Paragraph, Table
from kehoach.reader.header import read_meta, read_signer
from kehoach.reader.read import read_text
from kehoach.reader.zones import Zones, doc_type_of, find_zones, is_appendix_heading

# A wrapped preamble of full-width lines, so the clean stage measures a realistic line width.
PREAMBLE = (
    "Căn cứ Quyết định số 15/QĐ-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh về việc giao\n"
    "chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2026; xét đề nghị của các sở, ngành có\n"
    "liên quan, cơ quan ban hành Kế hoạch thực hiện nhiệm vụ năm 2026 trên địa bàn như sau:\n"
)
BODY = PREAMBLE + (
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "- Bảo đảm triển khai đồng bộ, hiệu quả các nhiệm vụ được giao trong năm 2026.\n"
    "II. NHIỆM VỤ\n"
    "1. Sở Tư pháp chủ trì tổ chức hội nghị tập huấn nghiệp vụ cho cán bộ cơ sở.\n"
    "Trên đây là Kế hoạch thực hiện nhiệm vụ năm 2026./.\n"
)
CLOSING = (
    "Nơi nhận:\n"
    "- Văn phòng Chính phủ (b/c);\n"
    "- Lưu: VT, KGVX.\n"
    "KT. CHỦ TỊCH\n"
    "PHÓ CHỦ TỊCH\n"
    "Nguyễn Hoài Nam\n"
)


def zones_of(text: str) -> tuple[Zones, str]:
    doc = clean(read_text(text))
    text_all = "\n".join(b.text for b in doc.blocks if isinstance(b, Paragraph))
    return find_zones(doc.blocks), text_all


def meta_of(text: str):
    z, all_text = zones_of(text)
    return read_meta(z, all_text)


# ------------------------------------------------------------------------------------ doc type


@pytest.mark.parametrize(
    "text, expected",
    [
        ("KẾ HOẠCH", "Kế hoạch"),
        ("KE HOACH", "Kế hoạch"),  # OCR lost the diacritics
        ("**KẾ HOẠCH**", "Kế hoạch"),
        ("QUYẾT ĐỊNH:", "Quyết định"),
        ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "Chương trình hành động"),
        ("Kế hoạch", None),  # in running text, not the document type
        ("KẾ HOẠCH TỔ CHỨC HỘI THI TIN HỌC TRẺ NĂM 2026", None),
        ("NHIỆM VỤ", None),
    ],
)
def test_doc_type_of(text: str, expected: str | None) -> None:
    assert doc_type_of(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("PHỤ LỤC", True), ("PHỤ LỤC II", True), ("Phụ lục số 3", True), ("Phụ lục kèm theo Kế hoạch", False),
     ("phụ lục", False)],
)
def test_is_appendix_heading(text: str, expected: bool) -> None:
    assert is_appendix_heading(text) is expected


# --------------------------------------------------------------------------------------- zones


def test_zones_of_a_whole_plan() -> None:
    z, _ = zones_of(
        "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 44/KH-UBND\nĐồng Tháp, ngày 20 tháng 01 năm 2026\n"
        "KẾ HOẠCH\nThực hiện công tác dân tộc năm 2026\n"
        + BODY + CLOSING
        + "PHỤ LỤC\n| STT | Nội dung | Đơn vị chủ trì |\n|---|---|---|\n| 1 | Khảo sát | Sở Dân tộc và Tôn giáo |\n"
    )
    assert z.doc_type == "Kế hoạch"
    assert z.header[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG THÁP", "Số: 44/KH-UBND"]
    assert z.title_lines == ["Thực hiện công tác dân tộc năm 2026"]
    body = [b.text for b in z.body if isinstance(b, Paragraph)]
    assert body[0].startswith("Căn cứ Quyết định số 15/QĐ-UBND")
    assert "II. NHIỆM VỤ" in body
    assert not any(t.startswith("Trên đây là") for t in body)  # the closing formula is no content
    assert not any("Nơi nhận" in t or "Nguyễn Hoài Nam" in t for t in body)
    assert len(z.closings) == 1
    assert z.closings[0][0] == "Nơi nhận:" and z.closings[0][-1] == "Nguyễn Hoài Nam"
    assert len(z.appendices) == 1
    assert any(isinstance(b, Table) for b in z.appendices[0])


def test_decision_before_the_plan_is_a_preface() -> None:
    z, _ = zones_of(
        "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 150/QĐ-UBND\n"
        "QUYẾT ĐỊNH\nBan hành Kế hoạch chuyển đổi số năm 2026\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
        "Điều 1. Ban hành Kế hoạch chuyển đổi số năm 2026 kèm theo Quyết định này.\n"
        "KẾ HOẠCH\nChuyển đổi số năm 2026\n"
        + BODY
    )
    assert z.doc_type == "Kế hoạch"
    assert z.title_lines == ["Chuyển đổi số năm 2026"]
    preface = " ".join(b.text for b in z.preface if isinstance(b, Paragraph))
    assert "Điều 1." in preface
    assert not any("Điều 1." in b.text for b in z.body if isinstance(b, Paragraph))


def test_text_without_a_document_type_is_all_body() -> None:
    z, _ = zones_of("I. NHIỆM VỤ\n1. Sở Y tế chủ trì.\nII. TỔ CHỨC THỰC HIỆN\n")
    assert z.doc_type is None and z.title_lines == [] and z.header == []
    assert [b.text for b in z.body][0] == "I. NHIỆM VỤ"


# ---------------------------------------------------------------------------------------- meta


def test_letterhead_of_a_department_under_a_province() -> None:
    meta = meta_of(
        "UBND TỈNH ĐẮK LẮK\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\n\nSố: 30/KH-SVHTTDL\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Đắk Lắk, ngày 20 tháng 01 năm 2026\n\n"
        "KẾ HOẠCH\nTổ chức các hoạt động văn hóa, thể thao\nchào mừng Xuân Bính Ngọ 2026\n\n"
        + BODY
    )
    assert meta.doc_type == "Kế hoạch"
    assert meta.issuer == "Sở Văn hóa, Thể thao và Du lịch tỉnh Đắk Lắk"
    assert meta.number == "30/KH-SVHTTDL"
    assert meta.place == "Đắk Lắk"
    assert meta.date == "2026-01-20"
    assert meta.title == "Tổ chức các hoạt động văn hóa, thể thao chào mừng Xuân Bính Ngọ 2026"


def test_three_line_letterhead_with_an_unknown_province() -> None:
    meta = meta_of(
        "ỦY BAN NHÂN DÂN\nTỈNH HÒA KHÊ\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 07/KH-SKHCN\n"
        "Hòa Khê, ngày 02 tháng 02 năm 2026\n"
        "KẾ HOẠCH\nỨng dụng trí tuệ nhân tạo trong cơ quan nhà nước năm 2026\n" + BODY
    )
    assert meta.issuer == "Sở Khoa học và Công nghệ tỉnh Hòa Khê"
    assert meta.number == "07/KH-SKHCN"
    assert meta.place == "Hòa Khê"
    assert meta.date == "2026-02-02"


def test_provincial_committee_letterhead() -> None:
    meta = meta_of(
        "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\n\nSố: 44/KH-UBND\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Đồng Tháp, ngày 5 tháng 11 năm 2025\n"
        "KẾ HOẠCH\nThực hiện công tác dân tộc năm 2026\n" + BODY + CLOSING
    )
    assert meta.issuer == "Ủy ban nhân dân tỉnh Đồng Tháp"
    assert meta.number == "44/KH-UBND"
    assert meta.date == "2025-11-05"
    assert meta.place == "Đồng Tháp"


def test_title_printed_in_capitals_is_sentence_cased_with_proper_names_restored() -> None:
    meta = meta_of(
        "UBND THÀNH PHỐ CẦN THƠ\nSỞ Y TẾ\nSố: 101/KH-SYT\nCần Thơ, ngày 9 tháng 12 năm 2025\n"
        "KẾ HOẠCH\nPHÒNG, CHỐNG SỐT XUẤT HUYẾT\nTRÊN ĐỊA BÀN THÀNH PHỐ CẦN THƠ NĂM 2026\n" + BODY
    )
    assert meta.title == "Phòng, chống sốt xuất huyết trên địa bàn thành phố Cần Thơ năm 2026"
    assert meta.issuer.startswith("Sở Y tế") and meta.issuer.endswith("Cần Thơ")
    assert meta.date == "2025-12-09"


def test_title_stops_at_the_preamble() -> None:
    meta = meta_of("KẾ HOẠCH\nPhát triển thể thao quần chúng\nnăm 2026\n" + BODY)
    assert meta.title == "Phát triển thể thao quần chúng năm 2026"


def test_issuer_from_the_text_when_there_is_no_letterhead() -> None:
    meta = meta_of(
        "KẾ HOẠCH\nPhát triển thể thao quần chúng năm 2026\n"
        "Căn cứ Quyết định số 15/QĐ-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh Vĩnh Long về việc\n"
        "giao chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2026 trên địa bàn tỉnh Vĩnh Long,\n"
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch phát triển thể thao quần chúng năm 2026 như sau:\n"
        "I. NHIỆM VỤ\n1. Sở Văn hóa, Thể thao và Du lịch chủ trì tổ chức Đại hội Thể dục thể thao.\n"
    )
    assert meta.issuer == "Ủy ban nhân dân tỉnh Vĩnh Long"
    assert meta.number is None and meta.date is None and meta.place is None


def test_issuer_from_the_signature_as_a_last_resort() -> None:
    meta = meta_of("KẾ HOẠCH\nPhòng, chống thiên tai năm 2026\nI. NHIỆM VỤ\n1. Sở Y tế chủ trì.\n"
                   "Nơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Thị Hồng Nhung\n")
    assert meta.issuer == "Ủy ban nhân dân"
    assert meta.signer.name == "Lê Thị Hồng Nhung"


def test_nothing_said_gives_nulls() -> None:
    meta = meta_of("KẾ HOẠCH\nTổ chức hội thi\nI. NHIỆM VỤ\n1. Tổ chức hội thi cấp cơ sở.\n")
    assert (meta.number, meta.date, meta.place, meta.issuer) == (None, None, None, None)
    assert meta.signer.name is None and meta.signer.authority is None


def test_place_in_a_short_document_is_not_joined_with_the_motto() -> None:
    meta = meta_of(
        "ỦY BAN NHÂN DÂN\nTỈNH HÒA KHÊ\nSỞ NỘI VỤ\n\nSố: 12/KH-SNV\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Hòa Khê, ngày 05 tháng 3 năm 2026\n\n"
        "KẾ HOẠCH\nCải cách hành chính năm 2026\n"
        "I. NHIỆM VỤ\n1. Rà soát thủ tục hành chính.\n"
    )
    assert meta.place == "Hòa Khê"
    assert meta.date == "2026-03-05"


def test_party_letterhead_gives_the_standing_committee_of_the_provincial_party() -> None:
    meta = meta_of(
        "TỈNH ỦY CÀ MAU\nBAN THƯỜNG VỤ\n*\nSố 215-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Cà Mau, ngày 14 tháng 8 năm 2025\n"
        "KẾ HOẠCH\nTổ chức học tập, quán triệt nghị quyết\n" + BODY
    )
    assert meta.number == "215-KH/TU"
    assert meta.date == "2025-08-14"
    assert meta.issuer == "Ban Thường vụ Tỉnh ủy Cà Mau"


def test_title_leaves_out_the_issued_with_line() -> None:
    meta = meta_of(
        "KẾ HOẠCH\nChuyển đổi số năm 2026\n"
        "(Ban hành kèm theo Quyết định số 150/QĐ-UBND ngày 03/3/2026 của Chủ tịch UBND tỉnh)\n" + BODY
    )
    assert meta.title == "Chuyển đổi số năm 2026"


def test_unknown_province_keeps_its_capitals_in_the_title() -> None:
    meta = meta_of(
        "ỦY BAN NHÂN DÂN\nTỈNH HÒA KHÊ\nSố: 12/KH-UBND\n"
        "KẾ HOẠCH\nCẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC\nTRÊN ĐỊA BÀN TỈNH HÒA KHÊ NĂM 2026\n" + BODY
    )
    assert meta.title == "Cải cách hành chính nhà nước trên địa bàn tỉnh Hòa Khê năm 2026"


# -------------------------------------------------------------------------------------- signer


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn An"],
         ("Nguyễn Văn An", "Phó Chủ tịch", "KT. Chủ tịch")),
        (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Đỗ Minh Khoa"], ("Đỗ Minh Khoa", "Chủ tịch", "TM. Ủy ban nhân dân")),
        (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hà Thị Mai"], ("Hà Thị Mai", "Phó Giám đốc", "KT. Giám đốc")),
        (["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Lâm Quang Huy"],
         ("Lâm Quang Huy", "Phó Bí thư Thường trực", "T/M Ban Thường vụ")),
        (["GIÁM ĐỐC", "Phan Thanh Tùng"], ("Phan Thanh Tùng", "Giám đốc", None)),
    ],
)
def test_read_signer(lines: list[str], expected: tuple) -> None:
    signer = read_signer(lines)
    assert (signer.name, signer.title, signer.authority) == expected


def test_signer_ignores_the_recipient_list() -> None:
    signer = read_signer(["Nơi nhận:", "- Sở Tài chính;", "- Lưu: VT.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hà Thị Mai"])
    assert signer.name == "Hà Thị Mai"
    assert signer.title == "Phó Giám đốc"


def test_signer_from_a_whole_plan() -> None:
    meta = meta_of("ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH\nSố: 88/KH-UBND\nKẾ HOẠCH\nPhát triển du lịch năm 2026\n"
                   + BODY + CLOSING)
    assert meta.signer.name == "Nguyễn Hoài Nam"
    assert meta.signer.title == "Phó Chủ tịch"
    assert meta.signer.authority == "KT. Chủ tịch"


def test_ocr_letterhead_with_the_motto_on_the_same_line_and_the_signature_column_run_in() -> None:
    meta = meta_of(
        "TỈNH ỦY HÒA KHÊ ĐẢNG CỘNG SẢN VIỆT NAM\n) * Hòa Khê, ngày12 tháng 3 năm 2026\nS612-KH/TU\n\n"
        "KẾ HOẠCH\nTuyên truyền kỷ niệm ngày thành lập tỉnh\n\n"
        "I. NHIỆM VỤ\n1. Các cơ quan báo chí của tỉnh mở chuyên mục tuyên truyền.\n\n"
        "Nơi nhận: T/M BAN THƯỜNG VỤ\n- Ban Tuyên giáo và Dân vận Trung ương, PHÓ BÍ THƯ\n"
        "- Các đảng ủy trực thuộc tỉnh,\n- Văn phòng Tỉnh ủy, Lê Thị Hồng Vân\n- Lưu VPTU.\n"
    )
    assert meta.number == "12-KH/TU"
    assert meta.date == "2026-03-12" and meta.place == "Hòa Khê"
    assert meta.issuer == "Ban Thường vụ Tỉnh ủy Hòa Khê"
    assert (meta.signer.authority, meta.signer.title, meta.signer.name) == ("T/M Ban Thường vụ", "Phó Bí thư", "Lê Thị Hồng Vân")


def test_authority_written_with_a_slash() -> None:
    signer = read_signer(["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Bùi Văn Nam"])
    assert (signer.authority, signer.title, signer.name) == ("KT. Trưởng ban", "Phó Trưởng ban", "Bùi Văn Nam")


def test_letterhead_of_a_commune() -> None:
    meta = meta_of(
        "ỦY BAN NHÂN DÂN\nXÃ TÂN HÒA\nSố: 07/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nTân Hòa, ngày 20 tháng 01 năm 2026\n\n"
        "KẾ HOẠCH\nThông tin đối ngoại trên địa bàn xã năm 2026\n\n" + BODY
    )
    assert meta.issuer == "Ủy ban nhân dân xã Tân Hòa"
