"""Vietnam's public holidays, for flagging report deadlines that fall on a day off.

The rule set of Bộ luật Lao động 2019 (Điều 112), which civil servants follow:
- Tết Dương lịch: 1/1;
- Tết Âm lịch: 5 days; by default the last day of the lunar year and mùng 1–4 (the usual
  arrangement; the Government announces the exact days each year);
- Giỗ Tổ Hùng Vương: 10/3 âm lịch;
- Ngày Chiến thắng 30/4 and Quốc tế Lao động 1/5;
- Quốc khánh: 2/9 and the day before or after (chosen each year; by default the one that joins
  a weekend: 3/9 when 2/9 is a Monday or Thursday, else 1/9);
- a holiday on a Saturday or Sunday is made up on the next working day (Điều 111).

Every year brings announcements the rules cannot know (swapped working days, a longer Tết, a
new day such as 24/11 once the law adds it): the lead agency records them as `HolidayOverride`
rows (Django admin), which add days off or cancel a rule's day.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .lunar import lunar_to_solar, tet

ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=64)
def rule_holidays(year: int) -> dict[dt.date, str]:
    """{date: name} of the days off the rules give in `year` (made-up days included)."""
    days: dict[dt.date, str] = {}
    days[dt.date(year, 1, 1)] = "Tết Dương lịch"
    # Tết of this solar year; the previous lunar year's last day may fall in it too.
    first = tet(year)
    days[first - ONE_DAY] = "Tết Nguyên đán (cuối năm âm lịch)"
    for offset in range(4):
        days[first + offset * ONE_DAY] = f"Tết Nguyên đán (mùng {offset + 1})"
    gio_to = lunar_to_solar(10, 3, year)
    if gio_to:
        days[gio_to] = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
    days[dt.date(year, 4, 30)] = "Ngày Chiến thắng"
    days[dt.date(year, 5, 1)] = "Ngày Quốc tế Lao động"
    national = dt.date(year, 9, 2)
    days[national] = "Quốc khánh"
    second = national + ONE_DAY if national.weekday() in (0, 3) else national - ONE_DAY
    days[second] = "Quốc khánh (ngày liền kề)"
    # Made-up days: each holiday on a weekend moves to the next day that is neither a weekend
    # nor another holiday (Tết's run of days pushes its make-up days past its end).
    made_up: dict[dt.date, str] = {}
    for day in sorted(days):
        if day.weekday() >= 5:
            substitute = day + ONE_DAY
            while substitute.weekday() >= 5 or substitute in days or substitute in made_up:
                substitute += ONE_DAY
            made_up[substitute] = f"Nghỉ bù {days[day]}"
    days.update(made_up)
    return {d: n for d, n in days.items() if d.year == year}


def _overrides(year: int) -> dict[dt.date, tuple[str, bool]]:
    try:
        from .models import HolidayOverride

        return {o.date: (o.name, o.day_off) for o in HolidayOverride.objects.filter(date__year=year)}
    except Exception:  # no database (the CLI's dry runs, a test without db): the rules alone
        return {}


def holidays(year: int) -> tuple[dict[dt.date, str], set[dt.date]]:
    """({date: name} of the days off in `year`, the dates announced as working days)."""
    days = dict(rule_holidays(year))
    working = set()
    for day, (name, is_off) in _overrides(year).items():
        if is_off:
            days[day] = name
        else:
            days.pop(day, None)
            working.add(day)  # a swapped Saturday, or a rule's day the Government moved
    return days, working


def day_off(day: dt.date, cache: dict | None = None) -> str | None:
    """Why `day` is not a working day ("Thứ Bảy", "Tết Nguyên đán (mùng 1)"), or None.

    `cache` (a dict the caller keeps) saves the per-year look-ups when checking many days.
    """
    table = cache if cache is not None else {}
    if day.year not in table:
        table[day.year] = holidays(day.year)
    offs, working = table[day.year]
    if day in offs:
        return offs[day]
    if day in working:
        return None
    if day.weekday() == 5:
        return "Thứ Bảy"
    if day.weekday() == 6:
        return "Chủ nhật"
    return None


def next_working_day(day: dt.date) -> dt.date:
    cache: dict = {}
    while day_off(day, cache):
        day += ONE_DAY
    return day
