"""Report deadlines the plan sets for its executors.

"Báo cáo 06 tháng trước ngày 15/6/2026; Báo cáo năm trước ngày 25/11/2026", "tổng hợp báo cáo
kết quả gửi UBND tỉnh (trước ngày 10/12/2026)", a yearly deadline with no year ("báo cáo kết quả
trước ngày 05/12 hằng năm về Sở …"), or results sent in ("gửi kết quả kiểm tra về Sở … trước
ngày 30 tháng 9 năm 2026").
"""
from __future__ import annotations

import re

from ..models import Report
from ..text import fold
from .dates import iso
from .units import cut_predicate, strip_unit

_PERIOD = (
    (r"0?6 thang|sau thang|giua nam|so ket", "6 tháng"),
    (r"hang quy|quy", "quý"),
    (r"hang thang", "tháng"),
    (r"nam|hang nam|tong ket|ca nam", "năm"),
)
_DEADLINE = re.compile(
    r"trước ngày\s*(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?|(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?)",
    re.I,
)
_REPORTING = re.compile(r"báo cáo|gửi kết quả", re.I)
_TO = re.compile(
    r"(?:gửi|về|báo cáo)\s+((?:Sở|UBND|Ủy ban|Ban|Bộ|Văn phòng|Thường trực|Tỉnh ủy|Thủ tướng|Chính phủ)[^;.()]{0,160}?)"
    r"(?=\s+(?:để|trước|theo|kết quả|\()|[;.()]|$)"
)


def _recipient(text: str) -> str:
    """ "Sở Văn hóa, Thể thao và Du lịch, báo cáo UBND tỉnh" -> the first addressee, name whole."""
    head, _ = cut_predicate(text)
    return strip_unit(head)


def find_reports(paragraphs: list[str], year: int | None) -> list[Report]:
    reports: list[Report] = []
    seen = set()
    for text in paragraphs:
        if not _REPORTING.search(text):
            continue
        for m in _DEADLINE.finditer(text):
            clause = _clause(text, m.start(), m.end())
            if not _REPORTING.search(clause):
                continue
            day, month, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
            y = y or year
            due = iso(day, month, y) if y else None
            if not due or due in seen:
                continue
            seen.add(due)
            # The period is named in the same clause ("Báo cáo năm trước ngày …"), or just after it.
            near = fold(clause[max(0, clause.find(m.group(0)) - 60):] + text[m.end(): m.end() + 30])
            period = next((name for pattern, name in _PERIOD if re.search(
                rf"bao cao\s+(?:\w+\s+){{0,2}}?(?:{pattern})\b|\b(?:hang|dinh ky)\s+(?:{pattern})\b", near)), None)
            to = _TO.search(clause) or _TO.search(text)
            reports.append(Report(period=period, due=due, to=_recipient(to.group(1)) if to else None))
    return reports


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a deadline: back to the previous ";" or sentence end, on to the next."""
    left = max(text.rfind(";", 0, start), text.rfind(". ", 0, start))
    right = min([i for i in (text.find(";", end), text.find(". ", end)) if i != -1] or [len(text)])
    return text[left + 1: right]
