"""Read stage: files and strings into a `Document` (format told by content, encodings, errors).

Every input is made up here in the style of a provincial plan; nothing comes from ../shared.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kehoach.errors import KehoachError, ReadError
from kehoach.reader.document import Paragraph, Table
from kehoach.reader.read import is_markdown, read, read_text

PLAIN = (
    "ỦY BAN NHÂN DÂN\n"
    "TỈNH HÒA KHÊ\n"
    "KẾ HOẠCH\n"
    "Tuyên truyền an toàn giao thông năm 2026\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "- Nâng cao ý thức chấp hành pháp luật về trật tự an toàn giao thông.\n"
)

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks as combining characters."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += base.encode("cp1258") + "".join(c for c in parts if c in _TONES).encode("cp1258")
    return out


def _texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


# ------------------------------------------------------------------------- format from content


def test_markdown_in_a_txt_file_is_recognised_from_its_content(tmp_path: Path) -> None:
    path = tmp_path / "ke_hoach_so_12.txt"
    path.write_text("# KẾ HOẠCH\n\n**Phòng, chống dịch bệnh năm 2026**\n\nI. NHIỆM VỤ\n", encoding="utf-8")
    doc = read(path)
    assert doc.format == "markdown"
    assert doc.source == "ke_hoach_so_12.txt"
    # The read stage keeps the markup; the clean stage strips it.
    assert "**Phòng, chống dịch bệnh năm 2026**" in _texts(doc)


def test_plain_text_file_is_text(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"  # the name says Markdown, the content does not
    path.write_text(PLAIN, encoding="utf-8")
    doc = read(path)
    assert doc.format == "text"
    assert _texts(doc)[:4] == ["ỦY BAN NHÂN DÂN", "TỈNH HÒA KHÊ", "KẾ HOẠCH", "Tuyên truyền an toàn giao thông năm 2026"]


@pytest.mark.parametrize(
    "text",
    [
        "## II. NHIỆM VỤ\nnội dung",
        "Căn cứ **Luật Giao thông đường bộ**;",
        "Căn cứ Nghị định số 12/2026/NĐ-CP<sup>1</sup>;",
        "| STT | Nội dung |\n|---|---|\n| 1 | Tập huấn |",
    ],
    ids=["heading", "bold", "sup", "pipe-table"],
)
def test_markdown_hints(text: str) -> None:
    assert is_markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        PLAIN,
        "Giai đoạn 2026 - 2030\n- Sở Y tế chủ trì;\n+ Tổ chức 02 lớp tập huấn.",
        "Số: 12/KH-UBND\nHòa Khê, ngày 05 tháng 3 năm 2026",
    ],
)
def test_plain_plan_text_is_not_markdown(text: str) -> None:
    assert not is_markdown(text)


# ----------------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-8-sig"])
def test_unicode_encodings_are_decoded(tmp_path: Path, codec: str) -> None:
    text = "KẾ HOẠCH\nĐẩy mạnh chuyển đổi số trong cơ quan nhà nước tỉnh Hòa Khê\n"
    if codec == "utf-16-le-bom":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif codec == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(codec)
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    doc = read(path)
    assert _texts(doc)[:2] == ["KẾ HOẠCH", "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước tỉnh Hòa Khê"]
    assert not any("\ufeff" in t for t in _texts(doc))


def test_cp1258_is_decoded_to_nfc(tmp_path: Path) -> None:
    text = "KẾ HOẠCH\nTổ chức Hội thi tuyên truyền viên giỏi\nSở Tư pháp tỉnh Hòa Khê chủ trì."
    data = _cp1258(text)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test input really is not UTF-8
    path = tmp_path / "cu.txt"
    path.write_bytes(data)
    doc = read(path)
    assert _texts(doc) == text.split("\n")
    assert all(unicodedata.is_normalized("NFC", t) for t in _texts(doc))


def test_decomposed_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "KẾ HOẠCH\nỦy ban nhân dân tỉnh")
    doc = read_text(decomposed)
    assert _texts(doc) == ["KẾ HOẠCH", "Ủy ban nhân dân tỉnh"]


def test_windows_and_old_mac_line_ends_and_form_feeds() -> None:
    doc = read_text("KẾ HOẠCH\r\nTập huấn cán bộ\rI. NHIỆM VỤ\f- 3 -\n")
    texts = _texts(doc)
    assert texts[:4] == ["KẾ HOẠCH", "Tập huấn cán bộ", "I. NHIỆM VỤ", "- 3 -"]
    assert not any("\r" in t or "\f" in t for t in texts)


# --------------------------------------------------------------------------------------- errors


def test_binary_junk_is_a_read_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "anh_chup.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ReadError, match="anh_chup.txt"):
        read(path)


def test_nul_bytes_in_valid_utf8_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes("KẾ HOẠCH".encode() + b"\x00\x00\x00\x01\x02" * 50)
    with pytest.raises(ReadError, match="dump.txt"):
        read(path)


@pytest.mark.parametrize("content", [b"", b"  \n\t\n  "], ids=["empty", "blank"])
def test_empty_file_is_a_read_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "rong.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match="rong.txt"):
        read(path)


def test_missing_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="khong_co.txt"):
        read(tmp_path / "khong_co.txt")
    # A one-line string is a path, not a document.
    with pytest.raises(ReadError, match="khong_co.txt"):
        read(str(tmp_path / "khong_co.txt"))


def test_folder_is_a_read_error(tmp_path: Path) -> None:
    folder = tmp_path / "ho_so_2026"
    folder.mkdir()
    with pytest.raises(ReadError, match="ho_so_2026"):
        read(folder)


def test_pdf_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "ban_scan.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(ReadError, match="ban_scan.pdf"):
        read(path)


def test_read_error_is_a_kehoach_error() -> None:
    assert issubclass(ReadError, KehoachError)


# ------------------------------------------------------------------------------ strings as text


def test_string_with_newlines_is_read_as_text() -> None:
    doc = read(PLAIN)
    assert doc.source == "<text>"
    assert doc.format == "text"
    assert _texts(doc)[2] == "KẾ HOẠCH"
    assert all(b.soft for b in doc.blocks if isinstance(b, Paragraph))


def test_read_text_keeps_its_name_and_one_paragraph_a_line() -> None:
    doc = read_text("KẾ HOẠCH\n\nTập huấn nghiệp vụ", name="dan_vao.txt")
    assert doc.source == "dan_vao.txt"
    assert _texts(doc) == ["KẾ HOẠCH", "", "Tập huấn nghiệp vụ"]


def test_pipe_table_becomes_one_table_block() -> None:
    doc = read_text(
        "PHỤ LỤC\n"
        "| STT | Nội dung | Đơn vị chủ trì |\n"
        "|---|---|---|\n"
        "| 1 | Tập huấn kỹ năng số | Sở Khoa học và Công nghệ |\n"
        "| 2 | Số hóa hồ sơ | Sở Nội vụ |\n"
        "Nơi nhận:\n"
    )
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert tables[0].rows[-1][-1].strip() == "Sở Nội vụ"
    assert "PHỤ LỤC" in _texts(doc) and "Nơi nhận:" in _texts(doc)
