"""Report deadlines the plan sets for its executors.

"Báo cáo 06 tháng trước ngày 15/6/2026; Báo cáo năm trước ngày 25/11/2026", "tổng hợp báo cáo
kết quả gửi UBND tỉnh (trước ngày 15/11/2026)", "báo cáo hàng năm (trước ngày 10/12)".
"""
from __future__ import annotations

import re

from ..models import Report
from ..text import fold
from .dates import iso
from .units import strip_unit

_PERIOD = (
    (r"0?6 thang|sau thang|giua nam|so ket", "6 tháng"),
    (r"quy", "quý"),
    (r"hang thang|thang", "tháng"),
    (r"nam|hang nam|tong ket", "năm"),
)
_DEADLINE = re.compile(r"trước ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?", re.I)
_SENTENCE = re.compile(r"[^.;]*báo cáo[^.;]*", re.I)
_TO = re.compile(r"(?:gửi|về)\s+((?:Sở|UBND|Ủy ban|Ban|Bộ|Văn phòng|Thường trực|Tỉnh ủy|Thủ tướng|Chính phủ)[^,;.()]{2,120}?)(?=\s+(?:để|trước|theo|qua|\()|[,;.()]|$)")


def find_reports(paragraphs: list[str], year: int | None) -> list[Report]:
    reports: list[Report] = []
    seen = set()
    for text in paragraphs:
        if "báo cáo" not in text.lower():
            continue
        for m in _DEADLINE.finditer(text):
            window = text[max(0, m.start() - 160): m.end() + 40]
            if "báo cáo" not in window.lower():
                continue
            y = m.group(3) or year
            due = iso(m.group(1), m.group(2), y) if y else None
            if not due or due in seen:
                continue
            seen.add(due)
            before = fold(text[max(0, m.start() - 60): m.start()])
            period = None
            for pattern, name in _PERIOD:
                if re.search(rf"bao cao\s+(?:\w+\s+){{0,3}}?(?:{pattern})\b|(?:{pattern})\s*\(?\s*$", before):
                    period = name
                    break
            to = _TO.search(text)
            reports.append(Report(period=period, due=due, to=strip_unit(to.group(1)) if to else None))
    return reports
