"""Periods of a plan and of a record: what "01 số/quý" expects and which quarter is missing.

A task's planned output is `{"quantity": 1, "unit": "số", "per": "quý"}` (the reader's format).
Across the task's span (its own start and end, else the plan's span: the earliest start and latest
due date of its tasks, else the plan's calendar year) that is one issue per quarter: four periods
for a year plan, each expecting `quantity` records. An output with no `per` expects `quantity`
records over the whole span. Records count in the period that holds their date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kehoach.text import fold

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PER = {
    "quy": "quarter", "quarter": "quarter", "thang": "month", "month": "month", "nam": "year", "year": "year",
    "tuan": "week", "week": "week", "6 thang": "half", "nua nam": "half", "sau thang": "half",
}


@dataclass
class Period:
    start: dt.date
    end: dt.date
    label: str

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass
class OutputProgress:
    quantity: int
    unit: str
    per: str | None
    periods: list[Period]
    delivered: list[int]  # records in each period
    records: list[dict] = field(default_factory=list)  # kind, label, date, url
    outside: int = 0  # records dated outside the span

    @property
    def expected(self) -> int:
        return self.quantity * len(self.periods)

    @property
    def done(self) -> int:
        return sum(min(n, self.quantity) for n in self.delivered)

    @property
    def complete(self) -> bool:
        return self.done >= self.expected

    @property
    def missing(self) -> list[Period]:
        return [p for p, n in zip(self.periods, self.delivered) if n < self.quantity]

    def missing_due(self, today: dt.date) -> list[Period]:
        """Missing periods that have begun (a future quarter is not missing yet)."""
        return [p for p in self.missing if p.start <= today]

    def summary(self) -> str:
        """"3/4 số — thiếu Quý IV/2026" (Vietnamese, as officers write it)."""
        text = f"{self.done}/{self.expected} {self.unit}".strip()
        if self.complete:
            return f"{text} — đủ"
        if self.per and self.missing:
            names = [p.label for p in self.missing]
            if len(names) > 4:  # twelve months missing: name the first and the last
                return f"{text} — thiếu {len(names)} kỳ ({names[0]} … {names[-1]})"
            return f"{text} — thiếu " + ", ".join(names)
        return f"{text} — thiếu {self.expected - self.done}"


def kind_of(per: str | None) -> str | None:
    if not per:
        return None
    return _PER.get(" ".join(fold(per).split()), None)


def periods(kind: str | None, start: dt.date, end: dt.date) -> list[Period]:
    """The periods of `kind` that overlap [start, end]; one period (the span) when kind is None."""
    if kind is None or end < start:
        return [Period(start, end, f"{start:%d/%m/%Y}–{end:%d/%m/%Y}")]
    result = []
    if kind == "quarter":
        cursor = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
        while cursor <= end:
            q = (cursor.month - 1) // 3 + 1
            last = _month_end(cursor.year, cursor.month + 2)
            result.append(Period(cursor, last, f"Quý {ROMAN[q]}/{cursor.year}"))
            cursor = last + dt.timedelta(days=1)
    elif kind == "month":
        cursor = dt.date(start.year, start.month, 1)
        while cursor <= end:
            last = _month_end(cursor.year, cursor.month)
            result.append(Period(cursor, last, f"Tháng {cursor.month}/{cursor.year}"))
            cursor = last + dt.timedelta(days=1)
    elif kind == "half":
        cursor = dt.date(start.year, 1 if start.month <= 6 else 7, 1)
        while cursor <= end:
            last = _month_end(cursor.year, cursor.month + 5)
            label = f"6 tháng {'đầu' if cursor.month == 1 else 'cuối'} năm {cursor.year}"
            result.append(Period(cursor, last, label))
            cursor = last + dt.timedelta(days=1)
    elif kind == "year":
        for year in range(start.year, end.year + 1):
            result.append(Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"Năm {year}"))
    elif kind == "week":
        cursor = start - dt.timedelta(days=start.weekday())
        while cursor <= end:
            last = cursor + dt.timedelta(days=6)
            result.append(Period(cursor, last, f"Tuần {cursor.isocalendar()[1]}/{cursor.isocalendar()[0]}"))
            cursor = last + dt.timedelta(days=1)
    return result


def _month_end(year: int, month: int) -> dt.date:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def progress(output: dict, start: dt.date, end: dt.date, records: list[dict]) -> OutputProgress:
    quantity = int(output.get("quantity") or 1)
    per = output.get("per")
    spans = periods(kind_of(per), start, end)
    delivered = [0] * len(spans)
    outside = 0
    for record in records:
        day = record.get("date")
        if isinstance(day, dt.datetime):
            day = day.date()
        placed = False
        for i, span in enumerate(spans):
            if day and span.holds(day):
                delivered[i] += 1
                placed = True
                break
        if not placed:
            outside += 1
    return OutputProgress(quantity=quantity, unit=output.get("unit") or "", per=per, periods=spans,
                          delivered=delivered, records=records, outside=outside)


_ROMAN_NUM = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """"Quý I/2026", "Q2 2026", "Tháng 3/2026", "03/2026", "6 tháng đầu năm 2026", "Năm 2026", "2026"."""
    f = " ".join(fold(text).replace("-", " ").split())
    if not f:
        return None
    m = re.fullmatch(r"(?:quy|q)\s*(i{1,3}|iv|[1-4])\s*(?:/|nam)?\s*(\d{4})", f)
    if m:
        q, year = _ROMAN_NUM[m.group(1)], int(m.group(2))
        first = dt.date(year, 3 * q - 2, 1)
        return first, _month_end(year, 3 * q)
    m = re.fullmatch(r"(?:thang\s*)?(\d{1,2})\s*(?:/|nam)\s*(\d{4})", f)
    if m and 1 <= int(m.group(1)) <= 12:
        year, month = int(m.group(2)), int(m.group(1))
        return dt.date(year, month, 1), _month_end(year, month)
    m = re.fullmatch(r"(?:6|sau) thang (dau|cuoi) nam (\d{4})", f)
    if m:
        year = int(m.group(2))
        return (dt.date(year, 1, 1), dt.date(year, 6, 30)) if m.group(1) == "dau" else (dt.date(year, 7, 1), dt.date(year, 12, 31))
    m = re.fullmatch(r"(?:nam\s*)?(\d{4})", f)
    if m:
        year = int(m.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None
