"""The demo province: the fictional tỉnh Lâm Viên of our sample plan, its units, users and plan.

Everything is invented (the sample plan, the communes); nothing here is a real person's data.
"""
from __future__ import annotations

from importlib import resources

from .units import load_units

PROVINCE = "Tỉnh Lâm Viên"
# Invented communes and wards, coded in a range no real ward uses.
WARDS = [
    ("Phường Hồ Sen", "990001"),
    ("Phường Đồi Thông", "990002"),
    ("Phường Suối Vàng", "990003"),
    ("Xã Đá Bàn", "990004"),
    ("Xã Mây Ngàn", "990005"),
    ("Xã Thác Bạc", "990006"),
]
# Units of the sample plan that no province-wide list holds (a division of the lead agency).
EXTRA = [
    ("Phòng Báo chí, Xuất bản và Thông tin đối ngoại", "department", "Sở Văn hóa, Thể thao và Du lịch"),
]
USERS = [
    ("admin", "admin", "Sở Văn hóa, Thể thao và Du lịch"),
    ("ngoaivu", "officer", "Sở Ngoại vụ"),
    ("xem", "viewer", None),
]


def sample_plan_bytes() -> bytes:
    return resources.files("kehoach").joinpath("data/sample_plan.txt").read_bytes()


def load_demo(out=print) -> None:
    from django.contrib.auth import get_user_model

    from ..models import Plan, PlanStatus, Unit
    from .ingest import ingest
    from .review import publish, publish_problems, resolve_name, unresolved_names
    from .units import Matcher
    from .users import create_user

    result = load_units(PROVINCE, "", WARDS)
    root = result.province

    def unit(name):  # the demo province's unit of that name (another province may have one too)
        for candidate in Unit.objects.filter(name=name).select_related("parent__parent"):
            node = candidate
            while node is not None and node.pk != root.pk:
                node = node.parent
            if node is not None:
                return candidate
        raise LookupError(name)

    for name, kind, parent_name in EXTRA:
        Unit.objects.get_or_create(name=name, parent=unit(parent_name), defaults={"kind": kind})
    out(f"units: {result.province.name}, {result.created} created, {result.existing} already there")

    User = get_user_model()
    fresh = []
    for username, role, unit_name in USERS:
        if User.objects.filter(username=username).exists():
            continue
        _user, password = create_user(username, role, unit=unit(unit_name) if unit_name else None)
        fresh.append((username, role, unit_name, password))
    admin = User.objects.get(username="admin")

    data = sample_plan_bytes()
    plan = ingest(data, "sample_plan.txt", admin).plan
    if plan.status == PlanStatus.DRAFT:
        # What a reviewer would do: take the registry's clear best match for a name left over.
        matcher = Matcher()
        for name in unresolved_names(plan):
            best = matcher.suggest(name, limit=1)
            if best and best[0].score >= 85:
                resolve_name(plan, name, best[0].unit, admin, remember=False)
                out(f"resolved “{name}” → {best[0].unit.name}")
        problems = publish_problems(plan)
        publish(plan, admin, force=True)
        if problems:
            out("sample plan published with: " + "; ".join(problems))
    plan = Plan.objects.get(pk=plan.pk)
    out(f"sample plan: #{plan.pk} {plan.label()}, {plan.tasks.count()} tasks, {plan.get_status_display()}")
    if fresh:
        out("")
        out("Users (passwords are shown this once; change one with `kehoach createuser NAME --update`):")
        for username, role, unit_name, password in fresh:
            out(f"  {username:<9} {password}   {role}{' of ' + unit_name if unit_name else ''}")
    else:
        out("users admin, ngoaivu and xem exist already (their passwords were printed on the first run)")
