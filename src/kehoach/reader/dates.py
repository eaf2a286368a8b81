"""Dates, timeframes and counted outputs as Vietnamese plans write them.

"Trong năm 2026", "Quý II, III/2026", "Hằng tháng/quý", "Thường xuyên", "trước ngày 15/11/2026",
"Tháng 12 hằng năm", "2025 - 2030", "01 số/quý", "(02 lớp)".
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ..text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PER = {"thang": "tháng", "quy": "quý", "nam": "năm", "tuan": "tuần", "ky": "kỳ", "dot": "đợt"}
_RECURRENCE = {"tháng": "monthly", "quý": "quarterly", "năm": "yearly"}

DATE_NUMERIC = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})")
DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.I)


@dataclass
class Timeframe:
    start: str | None = None
    end: str | None = None
    recurrence: str | None = None


def iso(day: int | str, month: int | str, year: int | str) -> str | None:
    try:
        d, m, y = int(day), int(month), int(year)
        if not (1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]):
            return None
    except (ValueError, TypeError):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_date(text: str) -> str | None:
    """The first full date in `text` ("15/6/2023", "ngày 29 tháng 9 năm 2025") as ISO."""
    found = [(m.start(), m) for m in (DATE_NUMERIC.search(text), DATE_WORDS.search(text)) if m]
    for _, m in sorted(found, key=lambda x: x[0]):
        value = iso(m.group(1), m.group(2), m.group(3))
        if value:
            return value
    return None


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def parse_timeframe(text: str | None, default_year: int | None = None) -> Timeframe:
    """A timeframe's start, end and recurrence; what the text does not say stays None."""
    tf = Timeframe()
    if not text:
        return tf
    f = fold(text)
    tf.recurrence = _recurrence(f)
    # A deadline: "trước ngày 15/11/2026", "hoàn thành trước 30/11/2025", "chậm nhất ngày ..."
    # Several deadlines ("báo cáo 6 tháng trước 15/6; báo cáo năm trước 25/11"): the work ends at the last.
    deadlines = [iso(m.group(1), m.group(2), m.group(3) or default_year) for m in re.finditer(
        r"(?:truoc|cham nhat|han chot|han)\s*(?:ngay)?\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?", f)
        if m.group(3) or default_year]
    deadlines += [iso(m.group(1), m.group(2), m.group(3)) for m in re.finditer(
        r"(?:truoc|den|cham nhat)\s*(?:ngay)?\s*(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})", f)]
    deadlines = [d for d in deadlines if d]
    if deadlines:
        tf.end = max(deadlines)
        return tf
    # Quarters: "Quý II, III/2026", "quý I năm 2027", "Quý IV/2025"
    m = re.search(r"quy\s+((?:[ivx]+|\d)(?:\s*(?:,|-|va|den)\s*(?:quy\s+)?(?:[ivx]+|\d))*)\s*(?:/|nam)\s*(\d{4})", f)
    if m:
        qs = [_ROMAN.get(q, int(q) if q.isdigit() else 0) for q in re.findall(r"[ivx]+|\d", m.group(1))]
        qs = [q for q in qs if 1 <= q <= 4]
        if qs:
            year = int(m.group(2))
            tf.start = f"{year:04d}-{3 * min(qs) - 2:02d}-01"
            tf.end = _month_end(year, 3 * max(qs))
            return tf
    # Months: "tháng 12/2025", "Tháng 6 năm 2026", "tháng 10-12/2026"
    m = re.search(r"thang\s+(\d{1,2})(?:\s*(?:-|den|,)\s*(?:thang\s+)?(\d{1,2}))?\s*(?:/|nam)\s*(\d{4})", f)
    if m:
        first, last, year = int(m.group(1)), int(m.group(2) or m.group(1)), int(m.group(3))
        if 1 <= first <= last <= 12:
            tf.start, tf.end = f"{year:04d}-{first:02d}-01", _month_end(year, last)
            return tf
    # Year spans: "2025 - 2030", "giai đoạn 2026-2030", "từ năm 2026 đến năm 2030"
    m = re.search(r"((?:19|20)\d{2})\s*(?:-|–|den(?: nam)?)\s*((?:19|20)\d{2})", f)
    if m and int(m.group(1)) < int(m.group(2)):
        tf.start, tf.end = f"{m.group(1)}-01-01", f"{m.group(2)}-12-31"
        return tf
    # A single year: "Trong năm 2026", "Năm 2026", "2026", "6 tháng đầu năm 2026"
    m = re.search(r"6 thang (dau|cuoi) nam\s*(\d{4})", f)
    if m:
        y = m.group(2)
        tf.start, tf.end = (f"{y}-01-01", f"{y}-06-30") if m.group(1) == "dau" else (f"{y}-07-01", f"{y}-12-31")
        return tf
    years = re.findall(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/])", f)
    if years and not re.search(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}", f):
        y = years[0]
        if "tiep theo" not in f:  # "năm 2025 và các năm tiếp theo" has no end
            tf.start, tf.end = f"{y}-01-01", f"{y}-12-31"
        else:
            tf.start = f"{y}-01-01"
    return tf


def recurrence_of(text: str) -> str | None:
    """ "Thường xuyên" -> continuous, "Hằng quý" / "01 số/quý" -> quarterly, and so on."""
    return _recurrence(fold(text))


def _recurrence(f: str) -> str | None:
    if re.search(r"thuong xuyen|lien tuc", f):
        return "continuous"
    m = re.search(r"(?:hang|moi|dinh ky(?: hang)?)\W{0,3}\s*\(?(?:hang\s+)?(thang|quy|nam)", f)
    if m:
        return _RECURRENCE[_PER[m.group(1)]]
    m = re.search(r"\d+\s+[^\d/]{1,30}?/\s*(thang|quy|nam)\b", f)
    if m:
        return _RECURRENCE[_PER[m.group(1)]]
    return None


# Counted outputs: "(02 lớp)", "01 số/quý", "01 chương trình/quý", "03 cuộc/năm".
_OUTPUT_UNIT = r"[^\W\d_]+(?:\s[^\W\d_]+){0,2}"
_OUTPUT_IN_PARENS = re.compile(r"\(\s*(\d{1,4})\s+(" + _OUTPUT_UNIT + r")\s*\)")
_OUTPUT_PER = re.compile(r"(?<![\d/])(\d{1,4})\s+(" + _OUTPUT_UNIT + r")\s*/\s*(tháng|quý|năm|tuần|kỳ|đợt)\b", re.I)
_OUTPUT_BARE = re.compile(r"^\s*(\d{1,4})\s+(" + _OUTPUT_UNIT + r")\s*[.;]?\s*$")


def parse_outputs(text: str, *, whole_field: bool = False) -> list[dict]:
    """Counted products named in a text; `whole_field` also accepts a bare "02 lớp" cell."""
    outputs: list[dict] = []
    seen = set()
    for m in _OUTPUT_PER.finditer(text):
        key = (int(m.group(1)), m.group(2).lower())
        if key not in seen:
            seen.add(key)
            outputs.append({"quantity": key[0], "unit": m.group(2), "per": m.group(3).lower()})
    for m in _OUTPUT_IN_PARENS.finditer(text):
        if not _looks_countable(m.group(2)):
            continue
        key = (int(m.group(1)), m.group(2).lower())
        if key not in seen:
            seen.add(key)
            outputs.append({"quantity": key[0], "unit": m.group(2), "per": None})
    if whole_field and not outputs:
        m = _OUTPUT_BARE.match(text)
        if m and _looks_countable(m.group(2)):
            outputs.append({"quantity": int(m.group(1)), "unit": m.group(2), "per": None})
    return outputs


def _looks_countable(unit: str) -> bool:
    # "(01 bản)" is a count; "(2025 năm)" or "(10 ngày)" are durations, not products.
    return fold(unit).split()[0] not in {"nam", "thang", "ngay", "tuan", "gio", "phut", "quy", "lan"}
