"""Tests for the PDF reader: PDFs made here (tests/plan_variants.py writes them with PDFium
and the DejaVu font), read back through `kehoach.reader.read` and `kehoach.extract`."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from kehoach.errors import ReadError
from kehoach.reader.document import Paragraph, Table
from kehoach.reader.read import read

import plan_variants  # tests/plan_variants.py (tests/ is on sys.path under pytest)
from plan_variants import A4, MARGIN_LEFT, PdfWriter, write_encrypted_pdf, write_pdf, write_scan

# Every Vietnamese vowel with every tone mark, in both cases, and đ/Đ.
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE = [unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES]
VIETNAMESE += [w.upper() for w in VIETNAMESE] + ["đ", "Đ"]

PLAN = [
    "UBND TỈNH LÂM VIÊN",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "Số: 27/KH-SKHCN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Lâm Viên, ngày 09 tháng 3 năm 2026",
    "KẾ HOẠCH",
    "Chuyển đổi số trong cơ quan nhà nước năm 2026",
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ, Sở Khoa học",
    "và Công nghệ ban hành Kế hoạch chuyển đổi số năm 2026 như sau:",
    "I. NHIỆM VỤ",
    "1. Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng dữ liệu dùng chung của tỉnh,",
    "hoàn thành trong Quý II/2026.",
    "2. Sở Nội vụ chủ trì số hóa hồ sơ cán bộ, công chức; hoàn thành trước ngày 30/9/2026.",
    "II. TỔ CHỨC THỰC HIỆN",
    "Các cơ quan, đơn vị báo cáo kết quả thực hiện trước ngày 15/12/2026.",
    "Nơi nhận:",
    "- UBND tỉnh (b/c);",
    "- Các sở, ban, ngành;",
    "- Lưu: VT.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Trần Minh Khoa",
]


@pytest.fixture(scope="module", autouse=True)
def font() -> Path:
    """The test PDFs need a font with Vietnamese letters (Debian fonts-dejavu-core)."""
    if not plan_variants.FONT.is_file():
        why = f"{plan_variants.FONT} is missing (Debian package fonts-dejavu-core)"
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    return plan_variants.FONT


@pytest.fixture()
def tesseract() -> None:
    """OCR tests need Tesseract with its Vietnamese model; CI must have it."""
    from kehoach.reader.read_image import ocr_available

    problem = ocr_available()
    if problem is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"OCR not available under CI: {problem}")
        pytest.skip(problem)


def _paragraphs(document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]


def _all_text(document) -> str:
    parts = []
    for block in document.blocks:
        parts.extend(cell for row in block.rows for cell in row) if isinstance(block, Table) else parts.append(block.text)
    return "\n".join(parts)


# --------------------------------------------------------------------------- text layer


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_vietnamese_diacritics_round_trip(tmp_path: Path, form: str) -> None:
    """Every vowel with every tone comes back whole and composed, also when the PDF draws
    the marks as separate glyphs (NFD), which some extractors lose."""
    words = " ".join(VIETNAMESE)
    lines = [unicodedata.normalize(form, words[i:i + 90]) for i in range(0, len(words), 90)]
    path = write_pdf(lines, tmp_path / "dau.pdf", two_columns=False, page_numbers=False)
    document = read(path)
    assert document.format == "pdf"
    assert document.source == "dau.pdf"
    text = " ".join(_paragraphs(document))
    assert unicodedata.is_normalized("NFC", text)
    assert text.split() == words.split()


def test_two_column_letterhead_comes_out_left_column_first(tmp_path: Path) -> None:
    path = write_pdf(PLAN, tmp_path / "ke_hoach.pdf")
    document = read(path)
    head = document.blocks[0]
    assert isinstance(head, Table)
    left, right = head.rows[0]
    assert left.split("\n") == ["UBND TỈNH LÂM VIÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 27/KH-SKHCN"]
    assert right.split("\n") == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                 "Lâm Viên, ngày 09 tháng 3 năm 2026"]
    assert document.blocks[1].text == "KẾ HOẠCH"


def test_letterhead_number_date_and_signature_are_extracted(tmp_path: Path) -> None:
    import kehoach

    plan = kehoach.extract(write_pdf(PLAN, tmp_path / "ke_hoach.pdf"))
    assert plan.meta.number == "27/KH-SKHCN"
    assert plan.meta.date == "2026-03-09"
    assert plan.meta.issuer == "Sở Khoa học và Công nghệ tỉnh Lâm Viên"
    assert plan.meta.signer.name == "Trần Minh Khoa"
    assert plan.recipients == ["UBND tỉnh", "Các sở, ban, ngành", "Lưu: VT"]
    assert _leads(plan) == _leads(kehoach.extract("\n".join(PLAN)))
    assert ["Sở Khoa học và Công nghệ"] in _leads(plan) and ["Sở Nội vụ"] in _leads(plan)


def _leads(plan) -> list[list[str]]:
    return [t.lead for t in plan.tasks]


def test_reading_order_comes_from_positions_not_from_the_file(tmp_path: Path) -> None:
    """The right column written first, line by line across both columns, still reads left
    column first: the reader goes by where text stands on the page."""
    writer = PdfWriter()
    writer.new_page()
    rows = [("UBND TỈNH LÂM VIÊN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("SỞ NỘI VỤ", "Độc lập - Tự do - Hạnh phúc"),
            ("Số: 8/KH-SNV", "Lâm Viên, ngày 02 tháng 02 năm 2026")]
    for y, (left, right) in reversed(list(enumerate(rows))):
        writer.text(330, 80 + 16 * y, right, 10)
        writer.text(MARGIN_LEFT, 80 + 16 * y, left, 10)
    writer.text(270, 150, "KẾ HOẠCH", 11)
    writer.text(MARGIN_LEFT, 180, "Cải cách hành chính năm 2026", 10)
    document = read(writer.save(tmp_path / "nguoc.pdf"))
    assert document.blocks[0].rows == [["\n".join(r[0] for r in rows), "\n".join(r[1] for r in rows)]]
    assert _paragraphs(document) == ["KẾ HOẠCH", "Cải cách hành chính năm 2026"]


def test_page_numbers_and_running_headers_are_dropped(tmp_path: Path) -> None:
    body = [f"{n}. Nhiệm vụ số {n} giao cho Sở Tài chính chủ trì thực hiện trong năm 2026." for n in range(1, 121)]
    path = write_pdf(["KẾ HOẠCH", *body], tmp_path / "dai.pdf", running_header="Kế hoạch số 5/KH-UBND")
    document = read(path)
    paragraphs = _paragraphs(document)
    assert paragraphs[0] == "KẾ HOẠCH"
    assert paragraphs[1:] == body  # every page's lines, in order, nothing in between
    assert "Kế hoạch số 5/KH-UBND" not in _all_text(document)
    import pypdfium2

    assert len(pypdfium2.PdfDocument(str(path))) >= 3  # the numbers and headers were there to drop


def test_closing_block_continues_over_a_page_break(tmp_path: Path) -> None:
    import kehoach

    filler = [f"- Nội dung thứ {n} của kế hoạch được triển khai đồng bộ." for n in range(1, 50)]
    recipients = [f"- Ủy ban nhân dân xã số {n};" for n in range(1, 30)]
    lines = PLAN[:16] + filler + ["Nơi nhận:", *recipients, "- Lưu: VT.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Minh Khoa"]
    plan = kehoach.extract(write_pdf(lines, tmp_path / "noi_nhan.pdf"))
    assert plan.recipients == [r[2:-1] for r in recipients] + ["Lưu: VT"]
    assert plan.meta.signer.name == "Trần Minh Khoa"


def _turn_pages(source: Path, target: Path, *, draw_sideways: bool) -> Path:
    """Every page given /Rotate 90; with `draw_sideways`, its content is first drawn turned a
    quarter anticlockwise on a landscape page, so that the rotation shows it upright again
    (how some producers lay out a landscape table, and scanners a turned page)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(source))
    for page in pdf:
        width, height = page.get_size()
        if draw_sideways:
            turn = pypdfium2.PdfMatrix().rotate(90, ccw=True).translate(height, 0)
            for obj in list(page.get_objects()):
                obj.transform(turn)
            page.set_mediabox(0, 0, height, width)
            page.gen_content()
        page.set_rotation(90)
    pdf.save(str(target))
    pdf.close()
    return target


@pytest.mark.parametrize("draw_sideways", [True, False])
def test_turned_pages_are_read_along_their_lines(tmp_path: Path, draw_sideways: bool) -> None:
    upright = write_pdf(PLAN, tmp_path / "thang.pdf")
    turned = _turn_pages(upright, tmp_path / "xoay.pdf", draw_sideways=draw_sideways)
    assert turned.read_bytes() != upright.read_bytes()
    assert read(turned).blocks == read(upright).blocks


def test_letters_drawn_later_in_another_font_go_to_their_places(tmp_path: Path) -> None:
    """LibreOffice exports a line whose font lacks some letters as the line with gaps, then
    each missing letter drawn at its gap in a fallback font; the line reads whole."""
    text = "Căn cứ Nghị quyết số 76/NQ-CP của Chính phủ về cải cách hành chính nhà nước"
    lacking = set("ịếốủảạư")
    writer = PdfWriter()
    writer.new_page()
    size, y = 11.0, 120.0

    def x_of(i: int) -> float:
        return MARGIN_LEFT + writer.width(text[:i], size)

    start = 0
    for i in range(len(text) + 1):
        if i == len(text) or text[i] in lacking:
            if text[start:i].strip():
                writer.text(x_of(start), y, text[start:i], size)
            start = i + 1
    for i, char in enumerate(text):
        if char in lacking:
            writer.text(x_of(i), y, char, size)
    document = read(writer.save(tmp_path / "lo.pdf"))
    assert _paragraphs(document) == [text]


def _justify(writer: PdfWriter, words: list[str], y: float, left: float, right: float, size: float) -> None:
    gap = (right - left - sum(writer.width(w, size) for w in words)) / (len(words) - 1)
    x = left
    for word in words:
        writer.text(x, y, word, size)
        x += writer.width(word, size) + gap


@pytest.mark.parametrize("justified", [True, False])
def test_lines_of_a_justified_paragraph_are_put_together(tmp_path: Path, justified: bool) -> None:
    """In justified text a line that reaches the right margin goes on in the next one, even
    after a full stop; an indented line starts a paragraph. Ragged text is left to the clean
    stage, line by line."""
    lines = [
        ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh căn cứ chức năng, nhiệm vụ", True, False),
        ("tăng cường công tác giám sát các cơ quan nhà nước trong thực thi công vụ.", True, False),
        ("Trên cơ sở đó, phối hợp chặt chẽ với chính quyền các cấp.", False, False),
        ("Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch này; tổng hợp kết quả,", True, True),
        ("báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2026.", False, False),
    ]
    writer = PdfWriter()
    writer.new_page()
    size, right = 11.0, A4[0] - 60
    for row, (text, full, indented) in enumerate(lines):
        left = MARGIN_LEFT + (28 if indented else 0)
        y = 120 + row * 16
        if justified and full:
            _justify(writer, text.split(), y, left, right, size)
        else:
            writer.text(left, y, text, size)
    paragraphs = _paragraphs(read(writer.save(tmp_path / "deu.pdf")))
    if justified:
        assert paragraphs == [" ".join(t for t, *_ in lines[:3]), " ".join(t for t, *_ in lines[3:])]
    else:
        assert paragraphs == [t for t, *_ in lines]


def _ruled_table(writer: PdfWriter, top: float, columns: list[float], rows: list[list[str]], size: float = 10,
                 spans: dict[int, int] | None = None) -> float:
    """Rows of cells with borders; a cell's "\n" starts a line in it; `spans` makes a row one
    cell across all columns. Returns the table's bottom."""
    spans = spans or {}
    y = top
    for r, cells in enumerate(rows):
        height = 6 + 13 * max(len(c.split("\n")) for c in cells)
        writer.line(columns[0], y, columns[-1], y)
        for c, cell in enumerate(cells):
            for k, piece in enumerate(cell.split("\n")):
                writer.text(columns[c] + 3, y + 12 + 13 * k, piece, size)
        inner = [] if r in spans else columns[1:-1]
        for x in [columns[0], *inner, columns[-1]]:
            writer.line(x, y, x, y + height)
        y += height
    writer.line(columns[0], y, columns[-1], y)
    return y


def test_ruled_table_is_read_as_a_table_across_a_page_break(tmp_path: Path) -> None:
    header = ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời gian"]
    first = [["1", "Xây dựng cơ sở dữ liệu\nđất đai của tỉnh", "Sở Nông nghiệp\nvà Môi trường", "Quý II/2026"],
             ["2", "Số hóa hồ sơ cán bộ, công chức", "Sở Nội vụ", "Năm 2026"]]
    second = [["3", "Kiểm tra việc thực hiện", "Thanh tra tỉnh", "Hằng năm"],
              ["Ghi chú: các đơn vị báo cáo kết quả trước ngày 15/12 hằng năm.", "", "", ""]]
    columns = [MARGIN_LEFT, MARGIN_LEFT + 30, MARGIN_LEFT + 250, MARGIN_LEFT + 380, MARGIN_LEFT + 480]
    writer = PdfWriter()
    writer.new_page()
    writer.text(MARGIN_LEFT, 80, "PHỤ LỤC", 11)
    _ruled_table(writer, 100, columns, [header, *first])
    writer.new_page()
    bottom = _ruled_table(writer, 60, columns, [header, *second], spans={2})
    writer.text(MARGIN_LEFT, bottom + 30, "Hết phụ lục.", 11)
    document = read(writer.save(tmp_path / "bang.pdf"))
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Table", "Paragraph"]
    assert document.blocks[1].rows == [
        header,
        ["1", "Xây dựng cơ sở dữ liệu đất đai của tỉnh", "Sở Nông nghiệp và Môi trường", "Quý II/2026"],
        first[1],
        second[0],
        second[1],
    ]


def test_footnote_marks_and_texts_become_footnotes(tmp_path: Path) -> None:
    from kehoach.reader.clean import clean

    writer = PdfWriter()
    writer.new_page()
    body = "Thực hiện Nghị quyết số 10-NQ/TW của Bộ Chính trị;"
    writer.text(MARGIN_LEFT, 120, body[:-1], 11)
    writer.text(MARGIN_LEFT + writer.width(body[:-1], 11), 116, "1", 7)
    writer.text(MARGIN_LEFT + writer.width(body[:-1], 11) + writer.width("1", 7), 120, ";", 11)
    writer.text(MARGIN_LEFT, 136, "- Sở Tài chính chủ trì thực hiện.", 11)
    writer.text(MARGIN_LEFT, 760, "1", 6)
    writer.text(MARGIN_LEFT + 5, 763, "Nghị quyết số 10-NQ/TW ngày 10/02/2022 về định hướng chiến lược địa chất.", 9)
    document = read(writer.save(tmp_path / "chu_thich.pdf"))
    cleaned = clean(document)
    assert cleaned.footnotes == {"1": "Nghị quyết số 10-NQ/TW ngày 10/02/2022 về định hướng chiến lược địa chất."}
    first = cleaned.blocks[0]
    assert first.text == body  # the mark taken out of the text ...
    assert first.notes == [cleaned.footnotes["1"]]  # ... and the footnote put with it
    assert all("Nghị quyết số 10-NQ/TW ngày" not in b.text for b in cleaned.blocks)


# --------------------------------------------------------------------------- errors


def test_encrypted_pdf_is_a_read_error(tmp_path: Path) -> None:
    import pypdfium2

    path = write_encrypted_pdf(tmp_path / "mat.pdf", "Ke hoach so 12/KH-UBND", password="bimat")
    # A real encrypted file: it opens with its password.
    with_password = pypdfium2.PdfDocument(str(path), password="bimat")
    assert "Ke hoach so 12/KH-UBND" in with_password[0].get_textpage().get_text_range()
    with_password.close()
    with pytest.raises(ReadError, match=r"^mat\.pdf: .*encrypted"):
        read(path)


@pytest.mark.parametrize("cut", [0.5, 0.97])
def test_truncated_pdf_is_a_read_error(tmp_path: Path, cut: float) -> None:
    whole = write_pdf(PLAN, tmp_path / "day_du.pdf").read_bytes()
    path = tmp_path / "hong.pdf"
    path.write_bytes(whole[: int(len(whole) * cut)])
    with pytest.raises(ReadError, match=r"^hong\.pdf: "):
        read(path)


def test_garbage_after_the_pdf_header_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "rac.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with pytest.raises(ReadError, match=r"^rac\.pdf: not a readable PDF"):
        read(path)


def test_pdf_without_any_text_is_a_read_error(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.new_page()
    path = writer.save(tmp_path / "trang_trang.pdf")
    with pytest.raises(ReadError, match=r"^trang_trang\.pdf: no text found"):
        read(path)


def test_scan_without_tesseract_names_the_packages(tmp_path: Path, monkeypatch) -> None:
    from kehoach.reader import read_image

    scan = write_scan(write_pdf(PLAN, tmp_path / "goc.pdf"), tmp_path / "ban_quet.pdf", dpi=100, noise=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on it
    read_image.ocr_available.cache_clear()
    try:
        with pytest.raises(ReadError, match=r"^ban_quet\.pdf: a scan .*tesseract-ocr tesseract-ocr-vie"):
            read(scan)
    finally:
        read_image.ocr_available.cache_clear()


# A text layer in the TCVN3 (ABC) encoding of old Vietnamese fonts, as an extractor sees it:
# "Kế hoạch phát triển kinh tế - xã hội năm 2026 của tỉnh".
LEGACY_FONT_LINES = ["KÕ ho¹ch ph¸t triÓn kinh tÕ - x· héi n¨m 2026 cña tØnh"] * 6


def test_legacy_font_text_without_tesseract_says_so(tmp_path: Path, monkeypatch) -> None:
    from kehoach.reader import read_image

    path = write_pdf(LEGACY_FONT_LINES, tmp_path / "tcvn3.pdf", two_columns=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    read_image.ocr_available.cache_clear()
    try:
        with pytest.raises(ReadError, match=r"^tcvn3\.pdf: its text is in a legacy font encoding .*tesseract-ocr"):
            read(path)
    finally:
        read_image.ocr_available.cache_clear()


def test_legacy_font_text_is_read_by_ocr(tmp_path: Path, tesseract) -> None:
    from kehoach.reader.read_image import ocr_progress

    path = write_pdf(LEGACY_FONT_LINES, tmp_path / "tcvn3.pdf", two_columns=False)
    calls = []
    with ocr_progress(lambda done, total: calls.append((done, total))):
        document = read(path)
    assert document.format == "ocr" and calls[-1] == (1, 1)


# --------------------------------------------------------------------------- scans


def test_image_only_pdf_is_read_by_ocr(tmp_path: Path, tesseract) -> None:
    import kehoach

    scan = write_scan(write_pdf(PLAN, tmp_path / "goc.pdf"), tmp_path / "ban_quet.pdf")
    document = read(scan)
    assert document.format == "ocr"
    assert isinstance(document.blocks[0], Table)  # the letterhead, in two columns as printed
    plan = kehoach.extract(scan)
    assert plan.meta.number == "27/KH-SKHCN"
    assert plan.meta.date == "2026-03-09"
    assert _leads(plan) == _leads(kehoach.extract("\n".join(PLAN)))


def test_blank_scan_has_no_text(tmp_path: Path, tesseract) -> None:
    from PIL import Image

    path = tmp_path / "giay_trang.pdf"
    Image.new("L", (1240, 1754), 255).save(path, "PDF", resolution=150)
    with pytest.raises(ReadError, match=r"^giay_trang\.pdf: no text found"):
        read(path)


def test_text_pdf_with_one_scanned_page(tmp_path: Path, tesseract) -> None:
    """A text PDF whose last page (the signed one) was scanned: both are read, and the
    document counts as a PDF."""
    import pypdfium2

    text_pdf = write_pdf(PLAN[:16], tmp_path / "than.pdf")
    signed = write_scan(write_pdf(["Nơi nhận:", "- Lưu: VT.", "Trần Minh Khoa"], tmp_path / "ky.pdf", two_columns=False),
                        tmp_path / "ky_quet.pdf")
    merged = pypdfium2.PdfDocument(str(text_pdf))
    scanned = pypdfium2.PdfDocument(str(signed))
    merged.import_pages(scanned)
    merged.save(str(tmp_path / "ca_hai.pdf"))
    merged.close()
    scanned.close()
    document = read(tmp_path / "ca_hai.pdf")
    assert document.format == "pdf"
    text = _all_text(document)
    assert "Sở Nội vụ chủ trì số hóa hồ sơ" in text and "Trần Minh Khoa" in text
