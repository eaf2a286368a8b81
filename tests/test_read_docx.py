"""Tests for the Word reader: synthetic documents built with python-docx, plus the dev files."""
from __future__ import annotations

import os
import re
import stat
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.opc.constants import CONTENT_TYPE as CT  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402

from kehoach.errors import ReadError  # noqa: E402
from kehoach.reader.document import Paragraph, Table  # noqa: E402
from kehoach.reader.read_docx import convert_with_libreoffice, read_docx  # noqa: E402
from kehoach.reader.read_docx import ZIP_MAX_TOTAL as ZIP_LIMIT

REPO_ROOT = Path(__file__).resolve().parents[1]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --------------------------------------------------------------------------- helpers


def _save(document, tmp_path: Path, name: str = "plan.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def _texts(blocks) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def _append_run_xml(paragraph, run_xml: str) -> None:
    paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{run_xml}</w:r>"))


def _fold(text: str) -> str:
    """Lower-case without diacritics (đ -> d), as the scorer compares words."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _add_numbering(document, abstract_xml: str, nums_xml: str) -> None:
    """Add abstractNum definitions (before the existing w:num elements) and w:num instances."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(f"{{{W_NS}}}num")
    for abstract in parse_xml(f"<w:x {nsdecls('w')}>{abstract_xml}</w:x>"):
        first_num.addprevious(abstract)
    for num in parse_xml(f"<w:x {nsdecls('w')}>{nums_xml}</w:x>"):
        numbering.append(num)


def _numbered(document, text: str, num_id: int, ilvl: int):
    paragraph = document.add_paragraph(text)
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def _level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


# --------------------------------------------------------------------------- paragraphs


def test_paragraphs_and_tables_keep_document_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("Mở đầu")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "A"
    table.cell(0, 1).text = "B"
    document.add_paragraph("Kết thúc")
    result = read_docx(_save(document, tmp_path))
    assert result.format == "docx"
    assert result.source == "plan.docx"
    assert [type(b).__name__ for b in result.blocks] == ["Paragraph", "Table", "Paragraph"]
    assert result.blocks[1].rows == [["A", "B"]]
    assert all(b.soft is False for b in result.blocks if isinstance(b, Paragraph))


def test_headers_and_footers_stay_out_of_the_body(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Đầu trang"
    document.sections[0].footer.paragraphs[0].text = "Chân trang"
    document.add_paragraph("Nội dung")
    assert _texts(read_docx(_save(document, tmp_path)).blocks) == ["Nội dung"]


def test_breaks_tabs_spaces_empty_paragraphs_and_nfc(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("- Chủ trì, phối hợp")
    _append_run_xml(paragraph, '<w:br/><w:t xml:space="preserve">rà soát   các mỏ</w:t>')
    document.add_paragraph("")
    document.add_paragraph("   ")
    tabbed = document.add_paragraph()
    _append_run_xml(tabbed, '<w:tab/><w:t>- Kiểm tra</w:t>')
    decomposed = unicodedata.normalize("NFD", "Sở Nông nghiệp và Môi trường")
    document.add_paragraph(decomposed)
    texts = _texts(read_docx(_save(document, tmp_path)).blocks)
    assert texts == [
        "- Chủ trì, phối hợp rà soát các mỏ",
        "- Kiểm tra",
        "Sở Nông nghiệp và Môi trường",
    ]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def test_heading_flag_follows_heading_and_title_styles(tmp_path):
    document = docx.Document()
    document.add_heading("KẾ HOẠCH", level=0)  # style "Title"
    document.add_heading("I. MỤC ĐÍCH", level=1)
    document.add_paragraph("Nội dung")
    flags = [b.heading for b in read_docx(_save(document, tmp_path)).blocks]
    assert flags == [True, True, False]


def test_invisible_text_is_left_out(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("Giao ")
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>Sở Cũ</w:delText></w:r></w:del>'
        )
    )
    _append_run_xml(paragraph, '<w:fldChar w:fldCharType="begin"/>')
    _append_run_xml(paragraph, '<w:instrText xml:space="preserve"> PAGE </w:instrText>')
    _append_run_xml(paragraph, '<w:fldChar w:fldCharType="separate"/>')
    _append_run_xml(paragraph, "<w:t>Sở Mới</w:t>")
    _append_run_xml(paragraph, '<w:fldChar w:fldCharType="end"/>')
    _append_run_xml(paragraph, '<w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t>')
    assert _texts(read_docx(_save(document, tmp_path)).blocks) == ["Giao Sở Mới"]


def test_text_box_read_once_after_its_paragraph(tmp_path):
    document = docx.Document()
    host = document.add_paragraph("Trước")
    box = "<w:txbxContent><w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent>"
    host._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
            ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
            ' xmlns:v="urn:schemas-microsoft-com:vml">'
            "<mc:AlternateContent>"
            f"<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )
    document.add_paragraph("Sau")
    assert _texts(read_docx(_save(document, tmp_path)).blocks) == ["Trước", "Trong hộp", "Sau"]


# --------------------------------------------------------------------------- letterhead


def test_space_aligned_letterhead_line_is_split(tmp_path):
    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN" + " " * 34 + "TỈNH LÀO CAI")
    document.add_paragraph("UBND TỈNH X\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    texts = _texts(read_docx(_save(document, tmp_path)).blocks)
    assert texts == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÀO CAI",
        "UBND TỈNH X",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Lào Cai, ngày       tháng      năm 2026", "Lào Cai, ngày tháng năm 2026"),
        ("Số:           /KH-UBND", "Số: /KH-UBND"),
        ("1.\tMục đích", "1. Mục đích"),
        ("Điều 2.\tQuyết định này có hiệu lực kể từ ngày ký.", "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
    ],
)
def test_fill_in_blanks_and_label_tabs_are_not_split(tmp_path, line, expected):
    document = docx.Document()
    document.add_paragraph(line)
    assert _texts(read_docx(_save(document, tmp_path)).blocks) == [expected]


def test_long_paragraph_with_a_space_run_is_not_split(tmp_path):
    document = docx.Document()
    long_text = "Tăng cường công tác quản lý nhà nước về khoáng sản " * 4
    document.add_paragraph(long_text + "      " + long_text)
    texts = _texts(read_docx(_save(document, tmp_path)).blocks)
    assert len(texts) == 1 and "  " not in texts[0]


def test_letterhead_cell_lines_come_apart(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN" + " " * 20 + "TỈNH LÂM ĐỒNG"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    table.cell(1, 0).text = "Số:        /KH-UBND"
    signer = table.cell(1, 1).paragraphs[0]
    signer.add_run("KT. CHỦ TỊCH")
    _append_run_xml(signer, "<w:br/><w:t>PHÓ CHỦ TỊCH</w:t>")
    rows = read_docx(_save(document, tmp_path)).blocks[0].rows
    assert rows == [
        ["ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
        ["Số: /KH-UBND", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"],
    ]


# --------------------------------------------------------------------------- tables


def test_merged_cells_are_given_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "gộp ngang"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "gộp dọc"
    rows = read_docx(_save(document, tmp_path)).blocks[0].rows
    assert rows == [
        ["gộp ngang", "", "02"],
        ["10", "11", "gộp dọc"],
        ["20", "21", ""],
    ]


def test_cell_paragraphs_join_with_newlines_and_nested_tables_flatten(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    cell = table.cell(0, 0)
    cell.text = "Sở Nội vụ"
    cell.add_paragraph("")
    cell.add_paragraph("Sở Tài chính")
    nested = table.cell(0, 1).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "trái"
    nested.cell(0, 1).text = "phải"
    rows = read_docx(_save(document, tmp_path)).blocks[0].rows
    assert rows == [["Sở Nội vụ\nSở Tài chính", "trái\nphải"]]


# --------------------------------------------------------------------------- numbering


def test_default_template_list_styles_are_numbered(tmp_path):
    document = docx.Document()
    for text in ("Mục đích", "Yêu cầu"):
        document.add_paragraph(text, style="List Number")
    for text in ("Tuyên truyền", "Kiểm tra"):
        document.add_paragraph(text, style="List Bullet")
    texts = _texts(read_docx(_save(document, tmp_path)).blocks)
    assert texts == ["1. Mục đích", "2. Yêu cầu", "- Tuyên truyền", "- Kiểm tra"]


def _plan_outline(document) -> None:
    _add_numbering(
        document,
        '<w:abstractNum w:abstractNumId="90">'
        + _level(0, "upperRoman", "%1.")
        + _level(1, "decimal", "%2.")
        + _level(2, "lowerLetter", "%3)")
        + _level(3, "bullet", "\uf0b7")
        + _level(4, "bullet", "+")
        + "</w:abstractNum>"
        + '<w:abstractNum w:abstractNumId="91">'
        + _level(0, "decimal", "%1.")
        + _level(1, "decimal", "%1.%2.")
        + "</w:abstractNum>",
        '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
        '<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>'
        '<w:num w:numId="92"><w:abstractNumId w:val="91"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>',
    )


def test_multilevel_numbering_counts_and_restarts(tmp_path):
    document = docx.Document()
    _plan_outline(document)
    outline = [
        ("MỤC ĐÍCH", 0), ("Mục đích", 1), ("Yêu cầu", 1), ("nội dung", 2), ("nội dung", 2),
        ("việc", 3), ("chi tiết", 4),
        ("NHIỆM VỤ", 0), ("Sở Nội vụ", 1), ("việc", 2),
    ]
    for text, ilvl in outline:
        _numbered(document, text, 90, ilvl)
    texts = _texts(read_docx(_save(document, tmp_path)).blocks)
    assert texts == [
        "I. MỤC ĐÍCH", "1. Mục đích", "2. Yêu cầu", "a) nội dung", "b) nội dung",
        "- việc", "+ chi tiết",
        "II. NHIỆM VỤ", "1. Sở Nội vụ", "a) việc",
    ]


def test_compound_labels_and_start_override(tmp_path):
    document = docx.Document()
    _plan_outline(document)
    _numbered(document, "Thủ tục", 91, 0)
    _numbered(document, "Hồ sơ", 91, 1)
    _numbered(document, "Số lượng", 91, 1)
    _numbered(document, "Khởi động lại", 92, 0)  # a new instance restarting at 3
    _numbered(document, "Tiếp", 92, 1)
    texts = _texts(read_docx(_save(document, tmp_path)).blocks)
    assert texts == ["1. Thủ tục", "1.1. Hồ sơ", "1.2. Số lượng", "3. Khởi động lại", "3.1. Tiếp"]


def test_numbering_counts_empty_items_and_numid_zero_switches_it_off(tmp_path):
    document = docx.Document()
    document.add_paragraph("một", style="List Number")
    document.add_paragraph("", style="List Number")  # Word still counts it
    document.add_paragraph("ba", style="List Number")
    _numbered(document, "không số", 0, 0).style = document.styles["List Number"]
    texts = _texts(read_docx(_save(document, tmp_path)).blocks)
    assert texts == ["1. một", "3. ba", "không số"]


# --------------------------------------------------------------------------- footnotes


def _add_footnotes(document, notes: dict[int, str]) -> None:
    bodies = "".join(
        f'<w:footnote w:id="{note_id}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        for note_id, text in notes.items()
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        f"</w:r></w:p></w:footnote>{bodies}</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"),
                document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _cite(paragraph, note_id: int) -> None:
    _append_run_xml(paragraph, f'<w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                               f'<w:footnoteReference w:id="{note_id}"/>')


def test_footnotes_are_labelled_in_citation_order_and_attached(tmp_path):
    document = docx.Document()
    _add_footnotes(document, {1: "Nghị quyết số 10-NQ/TW.", 2: "Quyết định số 01/2025/QĐ-UBND."})
    first = document.add_paragraph("Căn cứ Quyết định số 58")
    _cite(first, 2)
    first.add_run(" của UBND tỉnh;")
    second = document.add_paragraph("Các chủ trương")
    _cite(second, 1)
    document.add_paragraph("Không chú thích")
    result = read_docx(_save(document, tmp_path))
    assert result.footnotes == {"1": "Quyết định số 01/2025/QĐ-UBND.", "2": "Nghị quyết số 10-NQ/TW."}
    paragraphs = [b for b in result.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0].text == "Căn cứ Quyết định số 58 của UBND tỉnh;"
    assert paragraphs[0].notes == ["Quyết định số 01/2025/QĐ-UBND."]
    assert paragraphs[1].notes == ["Nghị quyết số 10-NQ/TW."]
    assert paragraphs[2].notes == []


def test_footnote_cited_in_a_table_is_kept(tmp_path):
    document = docx.Document()
    _add_footnotes(document, {1: "Kế hoạch số 9669/KH-UBND."})
    table = document.add_table(rows=1, cols=1)
    _cite(table.cell(0, 0).paragraphs[0], 1)
    table.cell(0, 0).paragraphs[0].add_run("Sở Nội vụ")
    result = read_docx(_save(document, tmp_path))
    assert result.footnotes == {"1": "Kế hoạch số 9669/KH-UBND."}
    assert result.blocks[0].rows == [["Sở Nội vụ"]]


# --------------------------------------------------------------------------- errors, legacy


def test_corrupt_files_raise_read_error(tmp_path):
    garbage = tmp_path / "garbage.docx"
    garbage.write_bytes(b"this is not a zip file")
    with pytest.raises(ReadError, match=r"garbage\.docx: not a readable Word document"):
        read_docx(garbage)

    good = _save(docx.Document(), tmp_path, "good.docx")
    hollow = tmp_path / "hollow.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(hollow, "w") as target:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item))
    with pytest.raises(ReadError, match=r"hollow\.docx: not a readable Word document"):
        read_docx(hollow)


def test_doc_without_libreoffice_raises_read_error(tmp_path, monkeypatch):
    monkeypatch.setattr("kehoach.reader.read_docx.shutil.which", lambda name: None)
    legacy = tmp_path / "cu.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ReadError, match=r"cu\.doc: \.doc files need LibreOffice"):
        read_docx(legacy)


@pytest.mark.skipif(sys.platform == "win32", reason="uses a shell-script stand-in for soffice")
def test_doc_is_converted_with_soffice(tmp_path, monkeypatch):
    # A stand-in soffice that "converts" by copying a prepared .docx into --outdir.
    prepared = _save(docx.Document(), tmp_path, "prepared.docx")
    document = docx.Document(str(prepared))
    document.add_paragraph("Nội dung chuyển đổi")
    document.save(str(prepared))
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\n"
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        f'cp "{prepared}" "$2/$(basename "$3" | sed "s/\\.[^.]*$//").docx"\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    legacy = tmp_path / "cu.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0")

    converted = convert_with_libreoffice(legacy)
    assert converted.name == "cu.docx" and converted.is_file()
    result = read_docx(legacy)
    assert result.source == "cu.doc"
    assert _texts(result.blocks) == ["Nội dung chuyển đổi"]


# --------------------------------------------------------------------------- dev documents


def _shared_dir() -> Path:
    return Path(os.environ.get("KEHOACH_SHARED", REPO_ROOT.parent / "shared"))


def _dev_doc(name: str) -> Path:
    path = _shared_dir() / "dev" / "docs" / name
    if not path.is_file():
        message = f"dev document {path} not found (set KEHOACH_SHARED)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


DOCUMENT_NUMBER = re.compile(r"\d+(?:/\d{4})?[-/][A-ZĐ]+[-/][A-ZĐ]+")


@pytest.mark.parametrize("name", ["d05.docx", "d06.docx"])
def test_dev_documents_structure(name):
    result = read_docx(_dev_doc(name))
    assert result.format == "docx" and result.source == name
    paragraphs = [b for b in result.blocks if isinstance(b, Paragraph)]
    tables = [b for b in result.blocks if isinstance(b, Table)]
    assert len(paragraphs) > 50 and tables

    for paragraph in paragraphs:
        assert paragraph.text and paragraph.text == paragraph.text.strip()
        assert "  " not in paragraph.text and "\t" not in paragraph.text
        assert unicodedata.is_normalized("NFC", paragraph.text)

    # The letterhead is a layout table opening the document; its issuing-body cell holds
    # at least two lines (superior body, issuing body), even where spaces aligned them.
    letterhead = result.blocks[0]
    assert isinstance(letterhead, Table)
    assert len(letterhead.rows[0][0].splitlines()) >= 2

    # Nơi nhận and the signature block sit side by side in one row.
    recipients_rows = [
        row for table in tables for row in table.rows
        if row and _fold(row[0]).startswith("noi nhan")
    ]
    assert recipients_rows and any(len(cell.splitlines()) >= 2 for cell in recipients_rows[0][1:])

    # Footnotes: present, cited from a paragraph with no marker left behind, holding numbers.
    assert result.footnotes
    assert any(DOCUMENT_NUMBER.search(text) for text in result.footnotes.values())
    citing = [p for p in paragraphs if p.notes]
    assert citing and all(note in result.footnotes.values() for p in citing for note in p.notes)


def test_d05_task_table_and_heading_styles():
    result = read_docx(_dev_doc("d05.docx"))
    task_tables = [
        b for b in result.blocks
        if isinstance(b, Table) and any("chu tri" in _fold(cell) for cell in b.rows[0])
    ]
    assert len(task_tables) == 1
    table = task_tables[0]
    assert table.width >= 5 and len(table.rows) > 10
    assert all(len(row) == table.width for row in table.rows)
    # The table (in its landscape section) comes after the signature block.
    signature_index = next(
        i for i, b in enumerate(result.blocks)
        if isinstance(b, Table) and _fold(b.rows[0][0]).startswith("noi nhan")
    )
    assert result.blocks.index(table) > signature_index
    # d05 marks ordinary bullets with a heading style: the flag is reported as the file has it.
    assert any(p.heading and p.text.startswith("- ") for p in result.blocks if isinstance(p, Paragraph))


def test_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (ZIP_LIMIT + 1024))
    assert bomb.stat().st_size < 1024 * 1024  # small on disk, huge unpacked
    with pytest.raises(ReadError, match=r"bomb\.docx: refused: .*zip bomb"):
        read_docx(bomb)
