"""iCalendar feeds of report deadlines (RFC 5545, the `icalendar` package): per unit and per user,
behind a token in the URL, because Outlook and Thunderbird subscribe without logging in."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .holidays import day_off


def periods_for_units(units, user_is_admin: bool):
    from .models import Period
    from .scope import expected_parts

    periods = Period.objects.filter(plan__status="published", expects_reports=True).select_related("plan").order_by("due")
    if user_is_admin and units is None:
        return [(p, None) for p in periods]
    wanted = {u.pk for u in units or []}
    out = []
    for period in periods:
        for unit in expected_parts(period):
            if unit.pk in wanted:
                out.append((period, unit))
    return out


def feed(name: str, entries, base_url: str) -> bytes:
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//kehoach//report deadlines//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    now = timezone.now()
    cache: dict = {}
    for period, unit in entries:
        event = Event()
        uid = f"period-{period.pk}{'-unit-' + str(unit.pk) if unit else ''}@kehoach"
        event.add("uid", uid)
        event.add("dtstamp", now)
        event.add("dtstart", period.due)
        event.add("dtend", period.due + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        summary = f"Hạn báo cáo {period.label} – {period.plan.label()}"
        event.add("summary", summary)
        lines = [
            f"Kế hoạch: {period.plan}",
            f"Số liệu từ {period.window_start:%d/%m/%Y} đến {period.window_end:%d/%m/%Y}",
            f"Hạn gửi: {period.due:%d/%m/%Y}",
        ]
        why = day_off(period.due, cache)
        if why:
            lines.append(f"Lưu ý: hạn rơi vào ngày nghỉ ({why})")
        if unit:
            lines.append(f"Đơn vị: {unit.name}")
            url = f"{base_url}/reporting/periods/{period.pk}/units/{unit.pk}/"
        else:
            url = f"{base_url}/reporting/periods/{period.pk}/"
        event.add("description", "\n".join(lines))
        event.add("url", url)
        event.add("categories", ["kehoach", "báo cáo"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", dt.timedelta(days=-3))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
