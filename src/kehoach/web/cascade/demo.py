"""The demo's cascade, in the fictional tỉnh Lâm Viên (everything invented, like the sample plan):

    Kết luận 57-KL/TW (not in the database: a placeholder)
      └ Kế hoạch 112-KH/TU of the Ban Thường vụ Tỉnh ủy (data/demo_tinh_uy_112-KH-TU.txt)
          └ Kế hoạch 45/KH-SVHTTDL of the Sở (the sample plan, loaded by the plans app's demo)
              └ Kế hoạch 08/KH-UBND of Phường Hồ Sen (data/demo_phuong_ho_sen_08-KH-UBND.txt)

One task of 112-KH/TU for the Sở is not taken up by the sample plan (the gap to see), and one
task of the ward's plan is marked done, so its progress shows on the Sở's plan.
"""
from __future__ import annotations

from importlib import resources

PLANS = ("demo_tinh_uy_112-KH-TU.txt", "demo_phuong_ho_sen_08-KH-UBND.txt")
GROUPS = (("Sở Văn hóa, Thể thao và Du lịch", "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh"),
          ("Sở Ngoại vụ", "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh"))


def load_demo(out=print) -> None:
    from django.contrib.auth import get_user_model

    from kehoach.web.plans.models import PlanStatus, Unit
    from kehoach.web.plans.services.ingest import ingest
    from kehoach.web.plans.services.review import mark_done, publish, resolve_name, unresolved_names
    from kehoach.web.plans.services.units import Matcher

    from .models import GroupMembership
    from .services.linking import sync_missing

    admin = get_user_model().objects.filter(username="admin").first()
    matcher = Matcher()
    plans = []
    for name in PLANS:
        data = resources.files("kehoach.web.cascade").joinpath(f"data/{name}").read_bytes()
        plan = ingest(data, name, admin).plan
        if plan.status == PlanStatus.DRAFT:
            for unit_name in unresolved_names(plan):
                best = matcher.suggest(unit_name, limit=1)
                if best and best[0].score >= 90:
                    resolve_name(plan, unit_name, best[0].unit, admin, remember=False)
            plan = publish(plan, admin, force=True)
        plans.append(plan)
    for unit_name, group in GROUPS:
        unit = Unit.objects.filter(name=unit_name).order_by("pk").first()
        if unit is not None:
            GroupMembership.objects.get_or_create(unit=unit, name=group, defaults={"created_by": admin})
    ward_plan = plans[-1]
    broadcast = ward_plan.tasks.filter(text__contains="truyền thanh cơ sở").first()
    if broadcast is not None and broadcast.done_at is None:
        mark_done(broadcast, admin, True)
    sync_missing()
    out("cascade: " + "; ".join(f"#{p.pk} {p.label()}" for p in plans) + " (implementing the sample plan's chain)")
