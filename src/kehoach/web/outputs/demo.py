"""The demo's outputs: press sources on the offline archive this app serves, topics, a few
publications and events linked to the sample plan's tasks, an accreditation event, and a first
collector run, so the coverage charts show real figures with no network.

Everything is invented (outlets' articles about the fictional tỉnh Lâm Viên, applicants' names).
"""
from __future__ import annotations

import datetime as dt
import os

from django.db import transaction
from django.utils import timezone

DEMO_USER = "baochi"  # the accreditation team (a viewer with the accreditation role)


def _task(ref: str):
    from kehoach.web.plans.models import PlanStatus, Task

    return Task.objects.filter(plan__status=PlanStatus.PUBLISHED, plan__source_name="sample_plan.txt", ref=ref).first()


def _unit(name: str):
    """A unit by name, or a commune by the name people use ("Phường Hồ Sen" for "UBND phường Hồ Sen")."""
    from kehoach.web.plans.models import Unit, UnitKind

    found = Unit.objects.filter(name=name).order_by("pk").first()
    if found is None:
        kind, _, place = name.partition(" ")
        found = Unit.objects.filter(kind=UnitKind.COMMUNE, name=f"UBND {kind.lower()} {place}").order_by("pk").first()
    return found


def load_demo(base_url: str = "http://127.0.0.1:8000", out=print, collect: bool = True,
              schedule_minutes: float | None = None) -> None:
    """`schedule_minutes` (default: KEHOACH_COLLECT_EVERY, else 30; 0 for none) starts the in-process
    scheduler that collects again while the demo server runs."""
    from .demo_stories import OUTLETS, TOPICS, feed_path
    from .models import ProvinceProfile, Source, Topic

    os.environ["KEHOACH_PRESS_ARCHIVE"] = "1"  # this process serves the archive under /outputs/archive/
    with transaction.atomic():
        if not ProvinceProfile.objects.exists():
            ProvinceProfile.objects.create(
                names="Lâm Viên\ntỉnh Lâm Viên\nLam Vien\nLam Vien province\n람비엔",
                leaders="Chủ tịch UBND tỉnh Lâm Viên\nBí thư Tỉnh ủy Lâm Viên\nChairman of the Lâm Viên People's Committee",
            )
        for name, words in TOPICS.items():
            Topic.objects.get_or_create(name=name, plan=None, defaults={"keywords": "\n".join(words)})
        for key, (name, _template, kind, lang, scope) in OUTLETS.items():
            url = base_url.rstrip("/") + feed_path(key)
            Source.objects.update_or_create(
                name=name, defaults={"url": url, "kind": "sitemap" if kind == "sitemap" else "feed", "language": lang,
                                     "scope": scope, "min_interval": 0.0, "active": True})
    _records(out)
    _accreditation(out)
    if collect:
        collect_archive(base_url)  # the collector logs its one-line summary
    if schedule_minutes is None:
        schedule_minutes = float(os.environ.get("KEHOACH_COLLECT_EVERY", "30") or 0)
    if schedule_minutes > 0:
        from .collector import start_scheduler

        start_scheduler(schedule_minutes)


def collect_archive(base_url: str):
    """Collect the demo sources through the app itself (no server needed yet: WSGI in-process)."""
    import httpx
    from django.core.wsgi import get_wsgi_application

    from .collector import run_collector
    from .models import Source

    ids = list(Source.objects.filter(url__startswith=base_url.rstrip("/") + "/outputs/archive/").values_list("pk", flat=True))
    from django.core import signals
    from django.db import close_old_connections

    transport = httpx.WSGITransport(app=get_wsgi_application())
    # Requests served in-process must not close this thread's database connection (Django closes
    # it at the end of each request), which the collector is using between them.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        return run_collector(source_ids=ids, min_interval=0, transport=transport)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _records(out) -> None:
    from django.contrib.auth import get_user_model

    from .models import Event, EventKind, Publication
    from .services import save_record

    if Publication.objects.exists() or Event.objects.exists():
        return
    admin = get_user_model().objects.filter(username="admin").first()
    bulletin = _task("II.4")
    for number, (period, start, end, issued, langs, run) in enumerate([
        ("Quý I/2026", dt.date(2026, 1, 1), dt.date(2026, 3, 31), dt.date(2026, 3, 28), ["vi", "en"], 1000),
        ("Quý II/2026", dt.date(2026, 4, 1), dt.date(2026, 6, 30), dt.date(2026, 6, 26), ["vi", "en"], 1000),
        ("Quý III/2026", dt.date(2026, 7, 1), dt.date(2026, 9, 30), dt.date(2026, 9, 30), ["vi", "en", "ko"], 1200),
    ], start=1):
        issue = Publication(title="Bản tin Lâm Viên hội nhập", number=f"Số {number}/2026", period=period,
                            period_start=start, period_end=end, issued_on=issued, languages=langs, print_run=run,
                            digital_link=f"https://lamvien.example/ban-tin/2026/so-{number}",
                            distribution="Bộ Ngoại giao\nCác cơ quan đại diện Việt Nam ở nước ngoài\nĐối tác quốc tế của tỉnh")
        save_record(issue, [bulletin] if bulletin else [], admin, "demo")
    training, spokes, exhibition = _task("II.2.a"), _task("II.2.b"), _task("II.6")
    events = [
        (EventKind.CLASS, "Lớp bồi dưỡng kiến thức, kỹ năng thông tin đối ngoại năm 2026 (lớp 1)", dt.date(2026, 4, 16),
         "Phường Hồ Sen", 120, 0, training),
        (EventKind.CLASS, "Lớp bồi dưỡng kiến thức, kỹ năng thông tin đối ngoại năm 2026 (lớp 2)", dt.date(2026, 9, 22),
         "Xã Mây Ngàn", 95, 0, training),
        (EventKind.CLASS, "Tập huấn kỹ năng phát ngôn và cung cấp thông tin cho báo chí", dt.date(2026, 8, 12),
         "Xã Đá Bàn", 80, 0, spokes),
        (EventKind.EXHIBITION, "Triển lãm ảnh “Lâm Viên - Hợp tác và phát triển” (đợt 1)", dt.date(2026, 5, 19),
         "Phường Đồi Thông", 3000, 120, exhibition),
        (EventKind.EXHIBITION, "Triển lãm ảnh “Lâm Viên - Hợp tác và phát triển” (đợt 2, Hà Nội)", dt.date(2026, 9, 10),
         None, 2500, 200, exhibition),
        (EventKind.PRESS_CONFERENCE, "Họp báo tình hình kinh tế - xã hội quý I/2026", dt.date(2026, 4, 2),
         "Phường Hồ Sen", 45, 6, None),
        (EventKind.CONFERENCE, "Hội nghị xúc tiến đầu tư tại Seoul", dt.date(2026, 10, 15), None, 220, 200, None),
        (EventKind.CLASS, "Bồi dưỡng kỹ năng thông tin đối ngoại cho cán bộ cấp xã", dt.date(2026, 12, 3),
         "Xã Thác Bạc", 60, 0, None),
    ]
    organiser = _unit("Sở Văn hóa, Thể thao và Du lịch")
    for kind, title, day, place, people, foreign, task in events:
        event = Event(kind=kind, title=title, date=day, place=_unit(place) if place else None,
                      venue="" if place else ("Hà Nội" if "Hà Nội" in title else "Seoul, Hàn Quốc"),
                      organiser=organiser, participants=people, foreign_participants=foreign,
                      materials="Tài liệu bồi dưỡng\nBản tin Lâm Viên hội nhập" if kind == EventKind.CLASS else "")
        save_record(event, [task] if task else [], admin, "demo")
    out("outputs: 3 bulletin issues, 8 events linked to the sample plan's tasks")


def _accreditation(out) -> None:
    from django.contrib.auth import get_user_model

    from kehoach.web.plans.services.users import create_user

    from .models import Accreditation, AccreditationEvent
    from .services import decide_accreditation, set_accreditation_role

    User = get_user_model()
    username = DEMO_USER
    if not User.objects.filter(username=username).exists():
        user, password = create_user(username, "viewer")
        set_accreditation_role(user, True)
        out(f"  {username:<9} {password}   accreditation team (sees applicants' data)")
    staff = User.objects.get(username=username)
    today = timezone.localdate()
    event, created = AccreditationEvent.objects.get_or_create(
        slug="dai-hoi-dang-bo-tinh", defaults={
            "name": "Đại hội đại biểu Đảng bộ tỉnh Lâm Viên", "starts_on": today + dt.timedelta(days=20),
            "ends_on": today + dt.timedelta(days=22), "venue": "Hội trường Tỉnh ủy, Phường Hồ Sen", "retention_days": 90})
    if not created:
        return
    # Invented applicants: no real person's data.
    for name, agency, card, foreign, approve in [
        ("Nguyễn Văn Thử", "Báo Lâm Viên", "LV-0001", False, True),
        ("Trần Thị Mẫu", "Đài Phát thanh và Truyền hình Lâm Viên", "LV-0002", False, True),
        ("Lê Minh Demo", "Thông tấn xã Việt Nam (cơ quan thường trú)", "TTX-1234", False, None),
        ("Kim Ji-demo", "Seoul Herald (hư cấu)", "KR-5678", True, None),
    ]:
        application = Accreditation.objects.create(event=event, full_name=name, agency=agency, press_card=card,
                                                   foreign=foreign, position="Phóng viên")
        if approve:
            decide_accreditation(application, True, staff)
    out(f"accreditation: {event.name}, public form at /outputs/accreditation/{event.slug}/apply/")
