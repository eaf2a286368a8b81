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
DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.I)


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


_DEADLINE = re.compile(
    r"(?:truoc|cham nhat|han chot|khong qua)\s*(?:ngay)?\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?"
    r"|(?:truoc|cham nhat|khong qua)\s*(?:ngay)?\s*(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?"
)
_QUARTERS = re.compile(r"quy\s+((?:[ivx]+|\d)(?:\s*(?:,|-|va|den)\s*(?:quy\s+)?(?:[ivx]+|\d))*)\s*(?:/|nam)\s*(\d{4})")
_MONTHS = re.compile(r"thang\s+(\d{1,2})(?:\s*(?:-|den|,|va)\s*(?:thang\s+)?(\d{1,2}))?\s*(?:/|nam)\s*(\d{4})")
_HALF = re.compile(r"6 thang (dau|cuoi) nam\s*(\d{4})")
_YEAR_SPAN = re.compile(r"((?:19|20)\d{2})\s*(?:-|–|den(?: nam)?)\s*((?:19|20)\d{2})")
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/])")


def _mask(f: str, m: re.Match) -> str:
    return f[:m.start()] + " " * (m.end() - m.start()) + f[m.end():]


_DATE_IN_WORDS = re.compile(r"(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")


def _date_points(f: str, pattern: re.Pattern) -> tuple[list[tuple[str, str]], str]:
    """Full dates ("01/3/2026", "15 tháng 3 năm 2026") as one-day spans, and the text without them."""
    spans = []
    for m in list(pattern.finditer(f)):
        if re.search(r"thang\s*$", f[:m.start()]):
            continue  # "tháng 10-12/2026" is a run of months, not 10 December
        day = iso(m.group(1), m.group(2), m.group(3))
        if day:
            spans.append((day, day))
        f = _mask(f, m)
    return spans, f


def parse_timeframe(text: str | None, default_year: int | None = None) -> Timeframe:
    """A timeframe's start, end and recurrence; what the text does not say stays None.

    Every date-like expression in the text gives a span ("Quý II/2026" is April to June, "tháng
    3/2026" is March, "2025 - 2030" is six years, a full date is one day); the timeframe runs
    from the earliest start to the latest end. A deadline ("trước ngày 15/11/2026") gives only an
    end; with several deadlines the work ends at the last.
    """
    tf = Timeframe()
    if not text:
        return tf
    f = fold(text)
    tf.recurrence = _recurrence(f)
    deadlines = []
    for m in list(_DEADLINE.finditer(f)):
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
        due = iso(day, month, year or default_year) if (year or default_year) else None
        if due:
            deadlines.append(due)
        f = _mask(f, m)
    spans, f = _date_points(f, _DATE_IN_WORDS)
    for m in list(_HALF.finditer(f)):
        y = m.group(2)
        spans.append((f"{y}-01-01", f"{y}-06-30") if m.group(1) == "dau" else (f"{y}-07-01", f"{y}-12-31"))
        f = _mask(f, m)
    for m in list(_QUARTERS.finditer(f)):
        qs = [_ROMAN.get(q, int(q) if q.isdigit() else 0) for q in re.findall(r"[ivx]+|\d", m.group(1))]
        qs = [q for q in qs if 1 <= q <= 4]
        if qs:
            year = int(m.group(2))
            spans.append((f"{year:04d}-{3 * min(qs) - 2:02d}-01", _month_end(year, 3 * max(qs))))
        f = _mask(f, m)
    for m in list(_MONTHS.finditer(f)):
        first, last, year = int(m.group(1)), int(m.group(2) or m.group(1)), int(m.group(3))
        if 1 <= first <= last <= 12:
            spans.append((f"{year:04d}-{first:02d}-01", _month_end(year, last)))
        f = _mask(f, m)
    points, f = _date_points(f, DATE_NUMERIC)
    spans += points
    for m in list(_YEAR_SPAN.finditer(f)):
        if int(m.group(1)) < int(m.group(2)):
            spans.append((f"{m.group(1)}-01-01", f"{m.group(2)}-12-31"))
            f = _mask(f, m)
    if not spans and not deadlines:
        years = _YEAR.findall(f)
        if years:
            y = min(years)
            # "năm 2025 và các năm tiếp theo" has a start and no end
            spans.append((f"{y}-01-01", None if "tiep theo" in f else f"{max(years)}-12-31"))
    if deadlines:
        tf.end = max(deadlines)
        tf.start = min((s for s, _ in spans), default=None)
        if tf.start and tf.start > tf.end:
            tf.start = None
        return tf
    if spans:
        tf.start = min(s for s, _ in spans)
        ends = [e for _, e in spans]
        tf.end = None if None in ends else max(ends)
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
