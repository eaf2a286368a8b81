"""Timeframes, dates, recurrence and counted outputs as Vietnamese plans write them."""
from __future__ import annotations

import pytest

from kehoach.reader.dates import Timeframe, iso, parse_date, parse_outputs, parse_timeframe, recurrence_of


def span(text: str | None, year: int | None = None) -> tuple:
    tf = parse_timeframe(text, year)
    return tf.start, tf.end, tf.recurrence


# ---------------------------------------------------------------------------------- timeframes


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Trong năm 2026", ("2026-01-01", "2026-12-31", None)),
        ("Năm 2027", ("2027-01-01", "2027-12-31", None)),
        ("2026", ("2026-01-01", "2026-12-31", None)),
        ("Quý II, III/2026", ("2026-04-01", "2026-09-30", None)),
        ("Quý I/2027", ("2027-01-01", "2027-03-31", None)),
        ("quý IV năm 2025", ("2025-10-01", "2025-12-31", None)),
        ("Quý III và Quý IV/2026", ("2026-07-01", "2026-12-31", None)),
        ("Quý 2/2026", ("2026-04-01", "2026-06-30", None)),
        ("tháng 10/2026", ("2026-10-01", "2026-10-31", None)),
        ("Tháng 2 năm 2028", ("2028-02-01", "2028-02-29", None)),  # a leap year
        ("tháng 10-12/2026", ("2026-10-01", "2026-12-31", None)),
        ("từ tháng 3 đến tháng 5/2026", ("2026-03-01", "2026-05-31", None)),
        ("Hoàn thành trong tháng 12/2026", ("2026-12-01", "2026-12-31", None)),
        ("2025 - 2030", ("2025-01-01", "2030-12-31", None)),
        ("Giai đoạn 2026-2030", ("2026-01-01", "2030-12-31", None)),
        ("Từ năm 2026 đến năm 2028", ("2026-01-01", "2028-12-31", None)),
        ("6 tháng đầu năm 2026", ("2026-01-01", "2026-06-30", None)),
        ("6 tháng cuối năm 2026", ("2026-07-01", "2026-12-31", None)),
        ("Năm 2026 và các năm tiếp theo", ("2026-01-01", None, None)),
    ],
)
def test_spans(text: str, expected: tuple) -> None:
    assert span(text) == expected


@pytest.mark.parametrize(
    "text, end",
    [
        ("trước ngày 15/11/2026", "2026-11-15"),
        ("Trước 30/11/2025", "2025-11-30"),
        ("Chậm nhất ngày 10/12/2026", "2026-12-10"),
        ("trước ngày 15 tháng 12 năm 2025", "2025-12-15"),
        ("Hoàn thành trước ngày 05.9.2026", "2026-09-05"),
    ],
)
def test_deadline_sets_the_end_only(text: str, end: str) -> None:
    assert span(text) == (None, end, None)


def test_two_deadlines_give_the_later() -> None:
    assert span("Báo cáo 6 tháng trước ngày 10/6/2026; báo cáo năm trước ngày 20/11/2026")[1] == "2026-11-20"
    assert span("trước ngày 30/9/2026 (đợt 2) và trước ngày 30/4/2026 (đợt 1)")[1] == "2026-09-30"


def test_deadline_without_a_year_uses_the_default_year() -> None:
    assert span("trước ngày 20/11", 2026) == (None, "2026-11-20", None)
    assert span("trước ngày 20/11") == (None, None, None)  # no year known: no date


def test_deadline_wins_over_the_year_it_mentions() -> None:
    assert span("Năm 2026, hoàn thành trước ngày 30/6/2026") == (None, "2026-06-30", None)


@pytest.mark.parametrize(
    "text, recurrence",
    [
        ("Hằng tháng", "monthly"),
        ("Hàng tháng", "monthly"),
        ("Hằng tháng/quý", "monthly"),
        ("Hằng quý", "quarterly"),
        ("Định kỳ hằng quý", "quarterly"),
        ("Hằng năm", "yearly"),
        ("Tháng 12 hằng năm", "yearly"),
        ("Thường xuyên", "continuous"),
        ("Thường xuyên, liên tục", "continuous"),
        ("01 số/quý", "quarterly"),
        ("01 chương trình/tháng", "monthly"),
    ],
)
def test_recurrence_without_dates(text: str, recurrence: str) -> None:
    assert span(text) == (None, None, recurrence)
    assert recurrence_of(text) == recurrence


def test_recurrence_with_a_deadline() -> None:
    assert span("Hằng năm (trước ngày 15/12)", 2026) == (None, "2026-12-15", "yearly")


@pytest.mark.parametrize("text", ["Quý I/2026", "Trong năm 2026", "trước ngày 15/6/2026", "Theo tiến độ", ""])
def test_no_recurrence(text: str) -> None:
    assert recurrence_of(text) is None


@pytest.mark.parametrize("text", [None, "", "Theo chỉ đạo của Ủy ban nhân dân tỉnh", "Khi có yêu cầu"])
def test_nothing_said_gives_nothing(text: str | None) -> None:
    assert parse_timeframe(text, 2026) == Timeframe()


@pytest.mark.parametrize(
    "text",
    ["trước ngày 31/02/2026", "trước ngày 00/3/2026", "tháng 13/2026", "Quý V/2026", "trước ngày 29/2/2026"],
)
def test_invalid_dates_are_rejected(text: str) -> None:
    start, end, _ = span(text, 2026)
    assert start is None and end is None


def test_month_span_written_in_full() -> None:
    assert span("Tháng 3/2026 - tháng 5/2026") == ("2026-03-01", "2026-05-31", None)


def test_quarter_span_across_years() -> None:
    assert span("Quý IV/2026 - Quý I/2027") == ("2026-10-01", "2027-03-31", None)


def test_date_to_date_span() -> None:
    assert span("Từ ngày 01/3/2026 đến ngày 30/4/2026") == ("2026-03-01", "2026-04-30", None)


def test_single_day() -> None:
    assert span("Ngày 15/3/2026") == ("2026-03-15", "2026-03-15", None)


def test_two_rounds_end_with_the_later() -> None:
    assert span("Đợt 1: tháng 4/2026; đợt 2: tháng 10/2026")[1] == "2026-10-31"


# ---------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ban hành ngày 15/6/2023", "2023-06-15"),
        ("ngày 29 tháng 9 năm 2025", "2025-09-29"),
        ("Ngày 05 tháng 01 năm 2026", "2026-01-05"),
        ("03.4.2026", "2026-04-03"),
        ("29/2/2024", "2024-02-29"),
        ("29/2/2025", None),
        ("31/02/2026", None),
        ("00/01/2026", None),
        ("ngày 32 tháng 1 năm 2026", None),
        ("không có ngày tháng", None),
        ("Quý II/2026", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_parse_date_takes_the_first_date() -> None:
    assert parse_date("ngày 15/6/2023, sửa đổi ngày 20/7/2024") == "2023-06-15"
    assert parse_date("ngày 3 tháng 2 năm 2024, sửa đổi ngày 20/7/2024") == "2024-02-03"


def test_iso() -> None:
    assert iso(5, 1, 2026) == "2026-01-05"
    assert iso("31", "4", "2026") is None
    assert iso(1, 1, None) is None


# -------------------------------------------------------------------------------------- outputs


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tổ chức tập huấn cho cán bộ cơ sở (02 lớp).", [(2, "lớp", None)]),
        ("Xuất bản bản tin đối ngoại 01 số/quý", [(1, "số", "quý")]),
        ("Sản xuất 01 chương trình/tháng", [(1, "chương trình", "tháng")]),
        ("Mở 05 chuyên mục/năm", [(5, "chuyên mục", "năm")]),
        ("Biên soạn tài liệu (01 bộ tài liệu)", [(1, "bộ tài liệu", None)]),
        ("Tổ chức 03 cuộc/năm; đón tiếp (05 đoàn)", [(3, "cuộc", "năm"), (5, "đoàn", None)]),
        ("Hỗ trợ 08 xã trên địa bàn tỉnh xây dựng mô hình điểm.", []),  # a count in running text
        ("Thời gian tập huấn (03 ngày)", []),  # a duration, not a product
        ("Giai đoạn (2025 năm)", []),
        ("Tổ chức 02 hội nghị (cấp tỉnh 01, cấp xã 01)", []),
    ],
)
def test_parse_outputs(text: str, expected: list) -> None:
    got = [(o["quantity"], o["unit"], o["per"]) for o in parse_outputs(text)]
    assert got == expected


def test_same_output_once() -> None:
    assert len(parse_outputs("Phát hành 01 số/quý (01 số)")) == 1


def test_bare_count_only_as_a_whole_field() -> None:
    assert parse_outputs("02 lớp") == []
    assert parse_outputs("02 lớp", whole_field=True) == [{"quantity": 2, "unit": "lớp", "per": None}]
    assert parse_outputs("10 ngày", whole_field=True) == []
    assert parse_outputs("Tổ chức 02 lớp tập huấn", whole_field=True) == []
