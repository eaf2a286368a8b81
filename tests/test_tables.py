"""Tests for finding tables in text (`split_tables`) and reading task tables (`read_task_table`).

The small tables are made up here; the last tests read the real dev plans from ../shared and
take every expected number from their gold files.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from kehoach.reader.document import Table
from kehoach.reader.tables import split_tables
from kehoach.reader.task_table import TableTask, column_role, read_task_table
from kehoach.text import fold


def _cells(*rows: list[str]) -> list[str]:
    """Lines of a one-cell-per-line table: "|" before each cell, one more "|" after each row."""
    lines: list[str] = []
    for row in rows:
        for cell in row:
            lines.append("|")
            lines.extend(cell.split("\n") if cell else [])
        lines.append("|")
    return lines


def _tables(items: list[str | Table]) -> list[Table]:
    return [item for item in items if isinstance(item, Table)]


def _lines(items: list[str | Table]) -> list[str]:
    return [item for item in items if isinstance(item, str)]


# --------------------------------------------------------------------------- one cell per line

HEADER = ["**STT**", "**Nội dung\ncông việc**", "**Đơn vị chủ trì**", "**Phối hợp**", "**Thời gian**"]


def test_cell_lines_make_rows_and_other_lines_pass_through():
    lines = ["Trước bảng", ""] + _cells(
        HEADER,
        ["**A**", "**NHÓM VIỆC\nCHUNG**"],
        ["1", "Lập danh mục các\nviệc cần làm.", "Sở Ngoại vụ", "Sở Tư pháp", "Quý I/2026"],
    ) + ["", "Sau bảng"]
    items = split_tables(lines)
    assert items[:2] == ["Trước bảng", ""]
    assert items[-2:] == ["", "Sau bảng"]
    (table,) = _tables(items)
    assert table.rows == [
        ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Phối hợp", "Thời gian"],
        ["A", "NHÓM VIỆC CHUNG"],
        ["1", "Lập danh mục các việc cần làm.", "Sở Ngoại vụ", "Sở Tư pháp", "Quý I/2026"],
    ]


def test_empty_cells_inside_and_at_the_end_of_a_row():
    lines = _cells(
        ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm"],
        ["1", "Việc một", "Sở Y tế", "", "2026", ""],  # empty Phối hợp, empty Sản phẩm
        ["2", "Việc hai", "Sở Xây dựng", "Sở Tài chính", "2027", ""],
    )
    (table,) = _tables(split_tables(lines))
    assert table.rows[1] == ["1", "Việc một", "Sở Y tế", "", "2026", ""]
    assert table.rows[2] == ["2", "Việc hai", "Sở Xây dựng", "Sở Tài chính", "2027", ""]


def test_short_rows_stay_short_and_last_cell_needs_no_closing_bar():
    lines = _cells(
        ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
        ["1", "Việc một", "Sở Y tế", "Sở Nội vụ", "2026"],
        ["Việc nối tiếp", "Sở Công Thương"],  # merged TT, Phối hợp and Thời gian left out
        ["2", "Việc hai", "Sở Xây dựng", "Sở Tài chính"],
    ) + ["2027"]  # the file ends inside the last cell
    (table,) = _tables(split_tables(lines))
    assert table.rows[2] == ["Việc nối tiếp", "Sở Công Thương"]
    assert table.rows[3] == ["2", "Việc hai", "Sở Xây dựng", "Sở Tài chính", "2027"]


def test_letterhead_and_signature_cells_keep_their_lines():
    lines = _cells(
        ["**ỦY BAN NHÂN\nDÂN**\n**TỈNH BÌNH MINH**\n-------", "**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**"],
        ["Số: 12/KH-UBND", "*Bình Minh, ngày 2\ntháng 3 năm 2026*"],
    ) + ["", "**KẾ HOẠCH**", ""] + _cells(
        ["*Nơi nhận:*\n- Như trên;\n- Lưu: VT.", "**KT. CHỦ TỊCH**\n**PHÓ CHỦ TỊCH**\n**Trần Văn Nam**"],
    )
    letterhead, signature = _tables(split_tables(lines))
    assert letterhead.rows == [
        ["ỦY BAN NHÂN DÂN\nTỈNH BÌNH MINH\n-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số: 12/KH-UBND", "Bình Minh, ngày 2 tháng 3 năm 2026"],
    ]
    assert signature.rows == [["Nơi nhận:\n- Như trên;\n- Lưu: VT.", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Nam"]]


def test_body_between_tables_without_blank_lines_is_not_a_cell():
    # A whole web page: letterhead cells run straight into the body, and the body into the
    # signature cells, with no blank line anywhere.
    body = ["**KẾ HOẠCH**", "Triển khai công việc", "**I. MỤC ĐÍCH**", "Nội dung thân bài."]
    lines = _cells(["ỦY BAN NHÂN DÂN", "CỘNG HÒA"], ["Số: 1/KH", "ngày 1"])[:-1] + ["|"] + body + _cells(
        ["Nơi nhận:\n- Lưu: VT.", "CHỦ TỊCH"]
    )[:-1] + ["|", "**PHỤ LỤC**"]
    items = split_tables(lines)
    assert [len(t.rows) for t in _tables(items)] == [2, 1]
    assert _lines(items) == body + ["**PHỤ LỤC**"]


def test_a_dotted_line_inside_a_cut_table_is_a_row_of_its_own():
    dots = "…........."
    # The dotted line stands where a row break should be, between row 7 and row 2.
    lines = _cells(
        ["TT", "Nội dung", "Chủ trì", "Thời gian"],
        ["7", "Việc bảy", "Sở Y tế", "2025"],
    ) + [dots, "|", "2", "|", "Việc hai", "|", "Sở Nội vụ", "|", "2026", "|"]
    (table,) = _tables(split_tables(lines))
    assert table.rows[2:] == [[dots], ["2", "Việc hai", "Sở Nội vụ", "2026"]]


# --------------------------------------------------------------------------- Markdown and HTML


def test_markdown_pipe_table():
    lines = [
        "Đoạn trước",
        "| STT | Nội dung | Cơ quan chủ trì |",
        "|:---:|----------|---|",
        "| 1 | Việc **một** | Sở Y tế<br>Sở Nội vụ |",
        "| 2 | Dấu \\| trong ô | Sở Xây dựng |",
        "Đoạn sau",
    ]
    items = split_tables(lines)
    assert items[0] == "Đoạn trước" and items[-1] == "Đoạn sau"
    (table,) = _tables(items)
    assert table.rows == [
        ["STT", "Nội dung", "Cơ quan chủ trì"],
        ["1", "Việc một", "Sở Y tế\nSở Nội vụ"],
        ["2", "Dấu | trong ô", "Sở Xây dựng"],
    ]


def test_html_table_with_spans_breaks_and_entities():
    lines = [
        "Trước <table border=1><tr><th>TT</th><th>Nội dung</th><th>Chủ trì</th><th>Thời gian</th></tr>",
        '<tr><td colspan="4"><b>I. NHÓM MỘT</b></td></tr>',
        '<tr><td>1</td><td>Việc một<br/>dòng hai</td><td rowspan="2">Sở Y tế &amp; Sở Nội vụ</td>',
        '<td rowspan="2">2026</td></tr>',
        "<tr><td>2</td><td><p>Việc hai</p><p>đoạn hai</p></td></tr>",
        "</table> Sau",
        "Dòng thường",
    ]
    items = split_tables(lines)
    assert items[0] == "Trước" and items[2:] == ["Sau", "Dòng thường"]
    (table,) = _tables(items)
    assert table.rows == [
        ["TT", "Nội dung", "Chủ trì", "Thời gian"],
        ["I. NHÓM MỘT", "", "", ""],
        ["1", "Việc một\ndòng hai", "Sở Y tế & Sở Nội vụ", "2026"],
        ["2", "Việc hai\nđoạn hai", "Sở Y tế & Sở Nội vụ", "2026"],
    ]


def test_html_rowspan_in_the_last_column_fills_the_rows_below():
    markup = [
        "<table><tr><td>TT</td><td>Nội dung</td><td>Chủ trì</td></tr>"
        "<tr><td>1</td><td>Việc một</td><td rowspan=3>Sở Tư pháp</td></tr>"
        "<tr><td>2</td><td>Việc hai</td></tr><tr><td>3</td><td>Việc ba</td></tr></table>"
    ]
    (table,) = _tables(split_tables(markup))
    assert [row[2] for row in table.rows[1:]] == ["Sở Tư pháp"] * 3


# --------------------------------------------------------------------------- task tables


def _task_table(*rows: list[str]) -> list[TableTask]:
    tasks = read_task_table(Table([list(r) for r in rows]))
    assert tasks is not None
    return tasks


def test_column_roles_ignore_case_and_diacritics():
    assert column_role("Số TT") == "number"
    assert column_role("NHIỆM VỤ VÀ GIẢI PHÁP") == "content"
    assert column_role("Noi dung thuc hien") == "content"
    assert column_role("Sở, ngành chủ trì tham mưu") == "lead"
    assert column_role("Cơ quan thực hiện") == "lead"
    assert column_role("Đơn vị phối hợp thực hiện") == "partners"
    assert column_role("Thời gian dự kiến hoàn thành") == "time"
    assert column_role("Tiến độ") == "time"
    assert column_role("Kết quả dự kiến") == "product"
    assert column_role("Nguồn kinh phí") == "notes"
    assert column_role("Sở Tài chính") is None


def test_groups_give_ids_and_numbering_row_is_skipped():
    tasks = _task_table(
        ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["I", "NHÓM MỘT", "", "", ""],
        ["1", "Việc một", "Sở Y tế", "Sở Nội vụ", "Quý I/2026"],
        ["2", "Việc hai", "Sở Xây dựng", "", "2026"],
        ["", "", "", "", ""],
        ["II", "NHÓM HAI", "", "", ""],
        ["1", "Việc ba", "Sở Tư pháp", "Các sở, ngành", "Thường xuyên"],
    )
    assert [(t.id, t.text, t.lead, t.partners, t.timeframe, t.group) for t in tasks] == [
        ("I.1", "Việc một", "Sở Y tế", "Sở Nội vụ", "Quý I/2026", "NHÓM MỘT"),
        ("I.2", "Việc hai", "Sở Xây dựng", "", "2026", "NHÓM MỘT"),  # an empty Phối hợp stays empty
        ("II.1", "Việc ba", "Sở Tư pháp", "Các sở, ngành", "Thường xuyên", "NHÓM HAI"),
    ]


def test_rows_without_number_continue_the_row_above():
    # As a web copy prints merged cells: the continuation row leaves out TT, Phối hợp, Thời gian.
    lines = _cells(
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Kết quả dự kiến"],
        ["I", "Nhóm một"],
        ["1", "Việc một", "Sở Y tế", "Sở Nội vụ", "Quý IV/2026", "Báo cáo"],
        ["Việc một phụ", "Sở Công Thương"],
        ["2", "Việc hai", "Sở Xây dựng", "Sở Tài chính", "2027", "Quyết định"],
    )
    (table,) = _tables(split_tables(lines))
    tasks = read_task_table(table)
    assert [(t.id, t.text, t.lead, t.partners, t.timeframe) for t in tasks] == [
        ("I.1", "Việc một", "Sở Y tế", "Sở Nội vụ", "Quý IV/2026"),
        ("", "Việc một phụ", "Sở Công Thương", "Sở Nội vụ", "Quý IV/2026"),
        ("I.2", "Việc hai", "Sở Xây dựng", "Sở Tài chính", "2027"),
    ]


def test_word_style_merged_cells_and_a_lead_stated_once():
    # Word: a vertically merged cell is "" below its first row; a spanning heading fills one cell.
    tasks = _task_table(
        ["TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Phối hợp", "Thời hạn", "Ghi chú"],
        ["A. CÔNG VIỆC CHUNG", "", "", "", "", ""],
        ["1", "Việc một", "Sở Nội vụ", "Sở Tư pháp", "2026", ""],
        ["2", "Việc hai", "", "", "", ""],
        ["", "Việc hai, phần sau", "Sở Y tế", "", "", ""],
    )
    assert [(t.id, t.lead, t.partners, t.timeframe, t.group) for t in tasks] == [
        ("A.1", "Sở Nội vụ", "Sở Tư pháp", "2026", "CÔNG VIỆC CHUNG"),
        ("A.2", "Sở Nội vụ", "", "2026", "CÔNG VIỆC CHUNG"),
        ("", "Sở Y tế", "", "2026", "CÔNG VIỆC CHUNG"),
    ]


def test_sub_sections_and_lines_inside_cells():
    tasks = _task_table(
        ["TT", "Nội dung", "Chủ trì", "Thời gian"],
        ["III", "Nhóm ba", "", ""],
        ["2", "Tuyên truyền", "", ""],
        ["a)", "Việc a", "Sở Văn hóa\nBáo tỉnh", "2026"],
        ["b)", "Việc b", "Đài tỉnh", "2027"],
        ["3", "Việc ba", "Sở Tư pháp", "2026"],
    )
    assert [(t.id, t.lead, t.group) for t in tasks] == [
        ("III.2.a", "Sở Văn hóa\nBáo tỉnh", "Tuyên truyền"),
        ("III.2.b", "Đài tỉnh", "Tuyên truyền"),
        ("III.3", "Sở Tư pháp", "Tuyên truyền"),
    ]


def test_two_header_rows():
    tasks = _task_table(
        ["TT", "Nội dung", "Cơ quan thực hiện", "", "Thời gian"],
        ["", "", "Chủ trì", "Phối hợp", ""],
        ["1", "Việc một", "Sở Y tế", "Sở Nội vụ", "2026"],
    )
    assert [(t.lead, t.partners, t.timeframe) for t in tasks] == [("Sở Y tế", "Sở Nội vụ", "2026")]


def test_rows_after_a_cut_are_placed_in_the_section_before_the_next_heading():
    tasks = _task_table(
        ["TT", "Nội dung", "Chủ trì", "Thời gian"],
        ["II", "Nhóm hai", "", ""],
        ["1", "Việc một", "Sở Y tế", "2025"],
        ["2", "Việc hai", "Sở Y tế", "2025"],
        ["…......"],
        ["2", "Việc sau chỗ cắt", "Sở Nội vụ", "2025"],
        ["3", "Việc sau nữa", "Sở Nội vụ", "2025"],
        ["V", "Nhóm năm", "", ""],
        ["1", "Việc nhóm năm", "Sở Tư pháp", "2026"],
    )
    assert [(t.id, t.group) for t in tasks] == [
        ("II.1", "Nhóm hai"), ("II.2", "Nhóm hai"), ("IV.2", ""), ("IV.3", ""), ("V.1", "Nhóm năm"),
    ]


def test_html_task_table_with_a_merged_number():
    markup = [
        "<table>",
        "<tr><th>STT</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Thời gian</th></tr>",
        '<tr><td colspan="4">I. NHÓM MỘT</td></tr>',
        '<tr><td rowspan="2">1</td><td>Việc một</td><td>Sở Y tế</td><td rowspan="2">2026</td></tr>',
        "<tr><td>Việc một, phần hai</td><td>Sở Nội vụ</td></tr>",
        "<tr><td>2</td><td>Việc hai</td><td>Sở Tư pháp</td><td>2027</td></tr>",
        "</table>",
    ]
    (table,) = _tables(split_tables(markup))
    tasks = read_task_table(table)
    assert [(t.id, t.text, t.lead, t.timeframe, t.group) for t in tasks] == [
        ("I.1", "Việc một", "Sở Y tế", "2026", "NHÓM MỘT"),
        ("", "Việc một, phần hai", "Sở Nội vụ", "2026", "NHÓM MỘT"),
        ("I.2", "Việc hai", "Sở Tư pháp", "2027", "NHÓM MỘT"),
    ]


def test_tables_that_are_not_task_tables():
    assert read_task_table(Table([["ỦY BAN NHÂN DÂN", "CỘNG HÒA"], ["Số: 1", "ngày 2"]])) is None
    assert read_task_table(Table([["STT", "Nội dung", "Thời gian"], ["1", "Việc", "2026"]])) is None
    assert read_task_table(Table([])) is None


# --------------------------------------------------------------------------- the dev plans


@pytest.fixture(scope="module")
def dev_set(shared: Path) -> Path:
    dev = shared / "dev"
    if not (dev / "docs").is_dir() or not (dev / "gold").is_dir():
        pytest.fail(f"{dev} has no docs/ or gold/")
    return dev


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def _units_agree(gold_units: list[str], cell: str) -> bool:
    """Every word of the gold units is in the cell (unit splitting happens after this stage)."""
    have = set(_words(cell))
    return all(w in have for w in _words(" ".join(gold_units)))


def _read_dev_tables(path: Path) -> list[Table]:
    if path.suffix == ".docx":
        docx = pytest.importorskip("docx")
        document = docx.Document(str(path))
        return [Table([[cell.text for cell in row.cells] for row in t.rows]) for t in document.tables]
    lines = unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).split("\n")
    return _tables(split_tables(lines))


def _best_row(gold: dict, rows: list[TableTask]) -> int | None:
    """The row holding at least half of the gold task's words; ties go to the agreeing lead,
    then to the closer text (one row's words can all sit inside a longer row)."""
    words = _words(gold["text"])
    best, best_key = None, None
    for index, row in enumerate(rows):
        have = set(_words(row.text))
        share = sum(w in have for w in words) / max(1, len(words))
        if share < 0.5:
            continue
        overlap = len(set(words) & have) / len(set(words) | have)
        key = (_units_agree(gold["lead"], row.lead), share, overlap)
        if best_key is None or key > best_key:
            best, best_key = index, key
    return best


@pytest.mark.parametrize("name", ["d01.txt", "d02.txt", "d04.txt", "d05.docx"])
def test_dev_task_tables_match_the_gold(dev_set: Path, name: str):
    gold_tasks = json.loads((dev_set / "gold" / f"{name}.json").read_text(encoding="utf-8"))["tasks"]
    gold = [t for t in gold_tasks if (t.get("id") or "").startswith("PL.")]
    assert gold, "the gold marks its Phụ lục tasks with ids PL.*"

    task_tables = [tasks for t in _read_dev_tables(dev_set / "docs" / name) if (tasks := read_task_table(t))]
    assert len(task_tables) == 1
    rows = task_tables[0]

    matched: dict[int, list[str]] = {}
    for task in gold:
        index = _best_row(task, rows)
        assert index is not None, f"{task['id']} not found"
        row = rows[index]
        assert _units_agree(task["lead"], row.lead), (task["id"], row.lead)
        assert _units_agree(task["partners"], row.partners), (task["id"], row.partners)
        matched.setdefault(index, []).append(task["id"])
    # One row per gold task, except where one cell packs several items that the gold splits
    # (d02's row IV.4): those items all land on the one row.
    packed = sum(len(ids) - 1 for ids in matched.values())
    assert len(rows) == len(gold) - packed
    assert sorted(matched) == list(range(len(rows)))
