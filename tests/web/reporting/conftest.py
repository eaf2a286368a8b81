"""Fixtures of the reporting tests: the sample plan published, its periods, and helpers to fill
and submit a unit's report the way the form posts it."""
from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def periods(published_sample):
    from kehoach.web.reporting.periods import sync_periods

    return {p.key: p for p in sync_periods(published_sample)}


@pytest.fixture
def year(periods):
    return periods["2026-Y"]


@pytest.fixture
def half(periods):
    return periods["2026-H1"]


def form_data(report, **overrides) -> dict:
    """A complete, valid form for `report`: every lead item done or in progress."""
    data = {"version": str(report.version), "r-directives": "Kế hoạch số 12/KH ngày 20/01/2026",
            "r-difficulties": "Thiếu kinh phí.", "r-proposals": "Đề nghị bổ sung kinh phí."}
    for item in report.items.select_related("task"):
        prefix = f"i{item.pk}-"
        if item.role == "partner":
            data[prefix + "narrative"] = f"Đã phối hợp nhiệm vụ {item.task.ref}."
            continue
        data[prefix + "status"] = "dang_thuc_hien"
        data[prefix + "percent"] = "50"
        data[prefix + "narrative"] = f"Đang thực hiện nhiệm vụ {item.task.ref}."
    data.update(overrides)
    return data


@pytest.fixture
def fill():
    return form_data


@pytest.fixture
def on_day(monkeypatch, settings):
    """Make `timezone.localdate()` and `timezone.now()` answer a given day, everywhere."""
    from django.utils import timezone

    settings.SESSION_COOKIE_AGE = 20 * 365 * 86400  # sessions made on one "day" still valid on another

    real_now = timezone.now

    def set_day(day: dt.date, hour: int = 10):
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
        monkeypatch.setattr(timezone, "now", lambda: moment)
        monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: day)
        return moment

    yield set_day
    monkeypatch.setattr(timezone, "now", real_now)
