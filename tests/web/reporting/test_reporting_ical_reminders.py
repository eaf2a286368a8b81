"""Deadline feeds (.ics parsed back) and reminders: mails caught by a local SMTP server
(aiosmtpd on a free port of 127.0.0.1), in-app notices, each reminder sent once."""
from __future__ import annotations

import datetime as dt
import socket
import time

import pytest

from kehoach.web.reporting.models import CalendarToken, Notice, ReminderLog

D = dt.date
pytestmark = pytest.mark.django_db


def test_the_ics_feeds_parse_back_and_need_their_token(periods, officer, other_officer, admin_user, client, unit):
    from icalendar import Calendar

    token = CalendarToken.objects.create(user=officer).token
    response = client.get(f"/reporting/ical/{token}/me.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    dues = {e.decoded("dtstart") for e in events}
    assert {D(2026, 6, 15), D(2026, 11, 25)} <= dues  # the 6-month and annual deadlines
    assert all("Hạn báo cáo" in str(e.get("summary")) for e in events)
    assert len({str(e.get("uid")) for e in events}) == len(events)
    year = next(e for e in events if e.decoded("dtstart") == D(2026, 11, 25))
    assert "15/12/2025" in str(year.get("description")) and "Sở Ngoại vụ" in str(year.get("description"))
    assert list(year.walk("VALARM"))
    ngoai_vu = unit("Sở Ngoại vụ")
    assert client.get(f"/reporting/ical/{token}/units/{ngoai_vu.pk}.ics").status_code == 200
    # Another unit's feed, a wrong token: nothing to see.
    assert client.get(f"/reporting/ical/{token}/units/{unit('Công an tỉnh').pk}.ics").status_code == 404
    assert client.get("/reporting/ical/not-a-token/me.ics").status_code == 404
    admin_token = CalendarToken.objects.create(user=admin_user).token
    assert client.get(f"/reporting/ical/{admin_token}/units/{unit('Công an tỉnh').pk}.ics").status_code == 200


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1 that keeps what it receives."""
    from aiosmtpd.controller import Controller

    class Sink:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append((envelope.rcpt_tos, envelope.original_content or envelope.content))
            return "250 OK"

    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    yield sink
    controller.stop()


def _decoded(raw: bytes) -> str:
    from email import message_from_bytes
    from email.header import decode_header, make_header

    message = message_from_bytes(raw)
    body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    return str(make_header(decode_header(message["Subject"]))) + "\n" + body


def test_reminders_before_and_after_the_due_date_reach_the_smtp_server_once(periods, officer, unit, smtp):
    from django.core.management import call_command

    from kehoach.web.reporting.reminders import send_reminders
    from kehoach.web.reporting.services import ensure_report

    officer.email = "ngoaivu@lamvien.example.gov.vn"
    officer.save()
    half = periods["2026-H1"]
    counts = send_reminders(D(2026, 6, 12))  # 3 days before 15/6
    assert counts["errors"] == 0 and counts["emails"] >= 1
    for _ in range(50):
        if smtp.messages:
            break
        time.sleep(0.05)
    mails = [(to, _decoded(raw)) for to, raw in smtp.messages]
    mine = [text for to, text in mails if to == ["ngoaivu@lamvien.example.gov.vn"]]
    assert len(mine) == 1
    assert "Nhắc hạn báo cáo: 6 tháng đầu năm 2026" in mine[0] and "Còn 3 ngày" in mine[0]
    assert f"/reporting/periods/{half.pk}/units/{unit('Sở Ngoại vụ').pk}/" in mine[0]
    assert Notice.objects.filter(user=officer, kind="remind_before", period=half).count() == 1
    # Again the same day, and the next day: nothing twice.
    assert send_reminders(D(2026, 6, 12))["reminders"] == 0
    assert send_reminders(D(2026, 6, 13))["reminders"] == 0
    # The day after the deadline: the units still without a report hear of it; a unit that
    # submitted does not.
    report = ensure_report(half, unit("Công an tỉnh"))
    from django.utils import timezone

    report.first_submitted_at = timezone.now()
    report.status = "submitted"
    report.save()
    smtp.messages.clear()
    call_command("send_reminders", "--date", "2026-06-16")
    assert Notice.objects.filter(user=officer, kind="remind_after", period=half).exists()
    assert ReminderLog.objects.filter(period=half, kind="after", unit=unit("Sở Ngoại vụ")).exists()
    assert not ReminderLog.objects.filter(period=half, kind="after", unit=unit("Công an tỉnh")).exists()
    for _ in range(50):
        if smtp.messages:
            break
        time.sleep(0.05)
    assert any("Đã quá hạn báo cáo" in _decoded(raw) for _, raw in smtp.messages)


def test_a_dead_mail_server_does_not_stop_the_notices(periods, officer, settings):
    from kehoach.web.reporting.reminders import send_reminders

    officer.email = "ngoaivu@lamvien.example.gov.vn"
    officer.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nobody listens
    counts = send_reminders(D(2026, 6, 12))
    assert counts["errors"] >= 1 and counts["notices"] >= 1
    assert ReminderLog.objects.exclude(error="").exists()
    assert Notice.objects.filter(user=officer, kind="remind_before").exists()
