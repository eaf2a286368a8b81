"""The demo's cascade (tỉnh Lâm Viên, invented): loaded twice, the chain is linked and shows a gap."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_demo_cascade_links_up_and_loads_twice_unchanged():
    from kehoach.web.cascade.demo import load_demo as load_cascade
    from kehoach.web.cascade.models import Citation, GroupMembership
    from kehoach.web.cascade.services.coverage import coverage_for, plan_unit
    from kehoach.web.plans.models import Plan
    from kehoach.web.plans.services.demo import load_demo

    lines = []
    load_demo(out=lines.append)
    load_cascade(out=lines.append)
    load_cascade(out=lines.append)  # a second `serve --demo` changes nothing
    assert Plan.objects.count() == 3 and GroupMembership.objects.count() == 2
    tinh_uy, sample, ward = (Plan.objects.get(number=n) for n in ("112-KH/TU", "45/KH-SVHTTDL", "08/KH-UBND"))
    assert Citation.objects.get(plan=sample, target__isnull=False).target == tinh_uy
    assert Citation.objects.get(plan=ward).target == sample
    assert Citation.objects.filter(plan=tinh_uy, target__isnull=True).count() == 2  # 57-KL/TW, 47/NQ-CP: placeholders
    view = coverage_for(tinh_uy, sample, plan_unit(sample))
    assert [row.task.text[:27] for row in view.gaps] == ["Xây dựng cơ sở dữ liệu ảnh,"]
    assert plan_unit(ward).name.endswith("Hồ Sen")
    assert ward.tasks.filter(done_at__isnull=False).count() == 1
