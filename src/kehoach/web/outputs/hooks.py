"""What this app hands to the others: delivered outputs to the reporting cycle, events to the calendar.

Both are registered in `OutputsConfig.ready`; the reporting app may be absent (it lands separately),
so its import is guarded.
"""
from __future__ import annotations

import datetime as dt
import logging

log = logging.getLogger("kehoach.outputs")


def register_reporting_sources() -> None:
    try:
        from kehoach.web.reporting.outputs import register_delivered_source
    except ImportError:
        return
    from .services import delivered_articles, delivered_events, delivered_publications

    for source in (delivered_publications, delivered_events, delivered_articles):
        register_delivered_source(source)


def calendar_items(user, first: dt.date, last: dt.date):
    """(date, item) pairs for the deadline calendar: the events of the month."""
    from django.urls import reverse

    from .models import Event

    for event in Event.objects.filter(date__range=(first, last)).order_by("date", "title")[:500]:
        yield event.date, {"kind": "extra", "css": "event", "url": reverse("outputs:event_detail", args=[event.pk]),
                           "label": f"◆ {event.title}", "title": f"{event.get_kind_display()}: {event.title}"}


def register_calendar() -> None:
    try:
        from kehoach.web.plans.views import CALENDAR_SOURCES
    except ImportError:
        return
    if calendar_items not in CALENDAR_SOURCES:
        CALENDAR_SOURCES.append(calendar_items)
