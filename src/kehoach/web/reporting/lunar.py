"""The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.

The astronomical method published by Hồ Ngọc Đức (new moons and the sun's longitude after
Jean Meeus, "Astronomical Algorithms"): a lunar month starts on the day, in Vietnam's time zone,
of a new moon; month 11 holds the winter solstice; a year of 13 months repeats the first month
with no major solar term. The time zone matters: Vietnam's Tết differs from China's in some
years (17/2/2007 here, 18/2/2007 there), which is why no Chinese-calendar package is used.
"""
from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

TIME_ZONE = 7.0
_JD_OFFSET = 1721425  # date.toordinal() + this = Julian day number


def _jd(day: dt.date) -> int:
    return day.toordinal() + _JD_OFFSET


def _date(jd: int) -> dt.date:
    return dt.date.fromordinal(jd - _JD_OFFSET)


def _new_moon(k: int) -> float:
    """Julian date (UT) of the k-th new moon after 1/1/1900."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 -= 0.4068 * math.sin(mpr * dr) - 0.0161 * math.sin(dr * 2 * mpr)
    c1 -= 0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 -= 0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 -= 0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


def _new_moon_day(k: int, tz: float = TIME_ZONE) -> int:
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_longitude(jdn: float) -> float:
    """The sun's apparent longitude in radians, 0..2π."""
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    return lon - math.pi * 2 * math.floor(lon / (math.pi * 2))


def _sun_sector(day_number: int, tz: float = TIME_ZONE) -> int:
    """Which of the 12 major solar terms the sun is in at the start of that day (0..11)."""
    return math.floor(_sun_longitude(day_number - 0.5 - tz / 24) / math.pi * 6)


@lru_cache(maxsize=512)
def _month11(year: int, tz: float = TIME_ZONE) -> int:
    """Julian day on which lunar month 11 (the one holding the winter solstice) of `year` starts."""
    off = _jd(dt.date(year, 12, 31)) - 2415021
    k = math.floor(off / 29.530588853)
    new_moon = _new_moon_day(k, tz)
    if _sun_sector(new_moon, tz) >= 9:
        new_moon = _new_moon_day(k - 1, tz)
    return new_moon


def _leap_month_offset(a11: int, tz: float = TIME_ZONE) -> int:
    k = math.floor((a11 - 2415021.076998695) / 29.530588853 + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i, tz), tz)
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i, tz), tz)
        if arc == last or i >= 14:
            break
    return i - 1


def lunar_to_solar(day: int, month: int, year: int, leap: bool = False, tz: float = TIME_ZONE) -> dt.date | None:
    """The solar date of lunar day/month/year (None for a leap month the year does not have)."""
    if month < 11:
        a11, b11 = _month11(year - 1, tz), _month11(year, tz)
    else:
        a11, b11 = _month11(year, tz), _month11(year + 1, tz)
    k = math.floor(0.5 + (a11 - 2415021.076998695) / 29.530588853)
    off = month - 11
    if off < 0:
        off += 12
    if b11 - a11 > 365:
        leap_off = _leap_month_offset(a11, tz)
        leap_month = leap_off - 2
        if leap_month < 0:
            leap_month += 12
        if leap and month != leap_month:
            return None
        if leap or off >= leap_off:
            off += 1
    elif leap:
        return None
    month_start = _new_moon_day(k + off, tz)
    return _date(month_start + day - 1)


def tet(year: int) -> dt.date:
    """Mùng 1 Tết (the first day of the lunar year that starts in solar `year`)."""
    return lunar_to_solar(1, 1, year)
