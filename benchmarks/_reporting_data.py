"""Invented data for the reporting benchmarks: a province of 500 reporting units, one plan of 40
tasks in which every unit has a part (lead or partner), an open period, one officer per unit.

The officers share one password hash made once (hashing 500 passwords would take minutes of CPU
before anything is measured)."""
from __future__ import annotations

import datetime as dt
import random

UNITS, TASKS = 500, 40
PASSWORD = "bench-password-2026"
WORDS = ("tuyên truyền thông tin đối ngoại hình ảnh tỉnh hội nhập quốc tế báo chí nước ngoài du lịch đầu tư "
         "văn hóa con người bồi dưỡng nghiệp vụ cán bộ mạng xã hội đại hội hợp tác hữu nghị kiều bào sự kiện "
         "hội nghị xúc tiến chuyển đổi số cổng thông tin").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def generate(seed: int = 2026) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from kehoach.text import fold
    from kehoach.web.plans.models import Assignment, Plan, PlanStatus, Profile, ReportDeadline, Task, Unit, UnitKind
    from kehoach.web.plans.services.search import number_key
    from kehoach.web.plans.services.units import load_units, unit_keys
    from kehoach.web.reporting.periods import open_adhoc, sync_periods

    rng = random.Random(seed)
    today = timezone.localdate()
    year = today.year
    load_units("Tỉnh Lâm Viên", "", [])
    root = Unit.objects.get(kind=UnitKind.PROVINCE)
    lead_agency = Unit.objects.get(name="Sở Văn hóa, Thể thao và Du lịch")
    units = [Unit(name=f"Đơn vị báo cáo số {i:03d}", kind=UnitKind.DEPARTMENT if i % 3 else UnitKind.COMMUNE, parent=root)
             for i in range(UNITS)]
    for unit in units:
        unit.folded, unit.keys = fold(unit.name), "\n".join(unit_keys(unit, ["lam vien"]))
    Unit.objects.bulk_create(units)
    units = list(Unit.objects.filter(name__startswith="Đơn vị báo cáo số").order_by("name"))
    User = get_user_model()
    hashed = make_password(PASSWORD)  # once, for every officer
    with transaction.atomic():
        User.objects.bulk_create(User(username=f"unit{i:03d}", password=hashed) for i in range(UNITS))
        users = {u.username: u for u in User.objects.filter(username__startswith="unit")}
        Profile.objects.bulk_create(Profile(user=users[f"unit{i:03d}"], role="officer", unit=unit)
                                    for i, unit in enumerate(units))
        admin = User.objects.create_user("bench-admin", password=PASSWORD, is_superuser=True, is_staff=True)
        Profile.objects.create(user=admin, role="admin", unit=lead_agency)
        title = f"Triển khai công tác thông tin đối ngoại trên địa bàn tỉnh Lâm Viên năm {year}"
        plan = Plan(title=title, doc_type="Kế hoạch", number="99/KH-SVHTTDL", issuer="Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Viên",
                    issuer_unit=lead_agency, place="Lâm Viên", date=dt.date(year, 1, 10), signer_name="Nguyễn Văn A",
                    signer_title="Phó Giám đốc", signer_authority="KT. Giám đốc", source_name="bench.txt",
                    file="plans/bench.txt", sha256="b" * 64, size=1, file_format="text",
                    source_text="UBND TỈNH LÂM VIÊN\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\nSố: 99/KH-SVHTTDL\n",
                    recipients=["Bộ Văn hóa, Thể thao và Du lịch (b/c);", "Ủy ban nhân dân tỉnh (b/c);", "Lưu: VT, BCXB."],
                    sections={"II": "NHIỆM VỤ"}, status=PlanStatus.PUBLISHED, published_at=timezone.now(), created_by=admin)
        plan.number_key = number_key(plan.number)
        plan.save()
        tasks = []
        for n in range(TASKS):
            quarterly = n % 5 == 0
            tasks.append(Task(plan=plan, position=n, ref=f"II.{n + 1}", section="II", text=sentence(rng, 30),
                              timeframe="Hằng quý" if quarterly else f"Quý {1 + n % 4}/{year}",
                              start=None if quarterly else dt.date(year, 1 + 3 * (n % 4), 1),
                              end=None if quarterly else dt.date(year, 3 + 3 * (n % 4), 28),
                              recurrence="quarterly" if quarterly else "",
                              outputs=[{"quantity": 1, "unit": "số", "per": "quý"}] if quarterly else
                              [{"quantity": 2, "unit": "lớp", "per": None}]))
        Task.objects.bulk_create(tasks)
        tasks = list(Task.objects.filter(plan=plan).order_by("position"))
        assignments = []
        for n, task in enumerate(tasks):
            lead = units[n]
            assignments.append(Assignment(task=task, unit=lead, name=lead.name, role="lead"))
        for m, unit in enumerate(units[TASKS:]):  # every other unit supports one or two tasks
            for task in {tasks[m % TASKS].pk: tasks[m % TASKS], tasks[(m * 7 + 3) % TASKS].pk: tasks[(m * 7 + 3) % TASKS]}.values():
                assignments.append(Assignment(task=task, unit=unit, name=unit.name, role="partner"))
        Assignment.objects.bulk_create(assignments)
        ReportDeadline.objects.create(plan=plan, position=0, period="năm", due=dt.date(year, 11, 25),
                                      to="Sở Văn hóa, Thể thao và Du lịch")
    sync_periods(plan)
    # An open period due in a week, whatever today is: the benchmark must not hit a locked one.
    period = open_adhoc(plan, label_text="Báo cáo phục vụ sơ kết (thử tải)", window_start=dt.date(year, 1, 1),
                        window_end=today, due=today + dt.timedelta(days=7), user=admin)
    return {"plan": plan.pk, "period": period.pk, "units": [u.pk for u in units], "admin": admin.pk,
            "assignments": len(assignments)}


def fill_reports(period, *, seed: int = 7) -> int:
    """Every expected unit's report, submitted, straight through the ORM (for the DOCX benchmark)."""
    from django.db import transaction
    from django.utils import timezone

    from kehoach.web.reporting.models import ReportItem, ReportVersion, UnitReport
    from kehoach.web.reporting.scope import expected_parts

    rng = random.Random(seed)
    parts = expected_parts(period)
    now = timezone.now()
    with transaction.atomic():
        reports = UnitReport.objects.bulk_create(
            UnitReport(period=period, unit=unit, status="submitted", version=2, first_submitted_at=now, submitted_at=now,
                       difficulties=sentence(rng, 12) if rng.random() < 0.2 else "",
                       proposals=sentence(rng, 10) if rng.random() < 0.1 else "")
            for unit in parts)
        items = []
        for report, (unit, unit_parts) in zip(reports, parts.items()):
            for n, part in enumerate(unit_parts):
                lead = part.role != "partner"
                items.append(ReportItem(
                    report=report, task=part.task, role=part.role, position=n,
                    status=rng.choice(["hoan_thanh", "dang_thuc_hien"]) if lead else "",
                    percent=rng.choice([50, 80, 100]) if lead else None,
                    completed_on=period.window_start + dt.timedelta(days=30) if lead else None,
                    narrative=sentence(rng, 25),
                    deliveries=[{"output": 0, "label": f"Sản phẩm {k}", "date": (period.window_start + dt.timedelta(days=40 * k)).isoformat(),
                                 "url": ""} for k in range(1, 3)] if lead else []))
        ReportItem.objects.bulk_create(items, batch_size=2000)
        ReportVersion.objects.bulk_create(ReportVersion(report=r, number=1, action="submit", status="submitted", snapshot={})
                                          for r in reports)
    return len(reports)
