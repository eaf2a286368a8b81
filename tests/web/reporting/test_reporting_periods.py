"""Report periods: the calendar rules (Nghị định 09/2019 windows, holidays with Tết by the lunar
calendar), periods from every seed's regime and from recurring tasks, dates a task does not state."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from kehoach.web.reporting import periods as P
from kehoach.web.reporting.holidays import day_off, next_working_day, rule_holidays
from kehoach.web.reporting.lunar import lunar_to_solar, tet

D = dt.date

# --------------------------------------------------------------------------- the calendar


def test_tet_follows_the_vietnamese_calendar_not_the_chinese_one():
    known = {2020: D(2020, 1, 25), 2021: D(2021, 2, 12), 2022: D(2022, 2, 1), 2023: D(2023, 1, 22),
             2024: D(2024, 2, 10), 2025: D(2025, 1, 29), 2026: D(2026, 2, 17), 2027: D(2027, 2, 6)}
    for year, day in known.items():
        assert tet(year) == day, year
    # UTC+7 against UTC+8: Vietnam's Tết came a day (1985: a month) before China's New Year.
    assert tet(2007) == D(2007, 2, 17)
    assert tet(1985) == D(1985, 1, 21)
    assert lunar_to_solar(10, 3, 2026) == D(2026, 4, 26)  # Giỗ Tổ Hùng Vương


def test_public_holidays_2026_and_their_made_up_days():
    days = rule_holidays(2026)
    assert {D(2026, 1, 1), D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 20), D(2026, 4, 30), D(2026, 5, 1),
            D(2026, 9, 2)} <= set(days)
    # Giỗ Tổ on Sunday 26/4/2026 is made up on Monday 27/4.
    assert D(2026, 4, 26) in days and days[D(2026, 4, 27)].startswith("Nghỉ bù")
    assert day_off(D(2026, 6, 15)) is None  # the 6-month deadline: a Monday
    assert day_off(D(2026, 11, 15)) == "Chủ nhật"
    assert day_off(D(2026, 2, 18)).startswith("Tết")
    assert next_working_day(D(2026, 2, 14)) == D(2026, 2, 23)  # Sat 14 → Tết → made-up days → Mon 23


@pytest.mark.django_db
def test_announced_days_override_the_rules():
    from kehoach.web.reporting.models import HolidayOverride

    HolidayOverride.objects.create(date=D(2026, 11, 24), name="Ngày Văn hóa Việt Nam", day_off=True)
    HolidayOverride.objects.create(date=D(2026, 2, 14), name="Làm bù", day_off=False)
    assert day_off(D(2026, 11, 24)) == "Ngày Văn hóa Việt Nam"
    assert day_off(D(2026, 2, 14)) is None


def test_nghi_dinh_09_windows_and_calendar_windows():
    assert P.window("month", 2026, 3) == (D(2026, 2, 15), D(2026, 3, 14))
    assert P.window("month", 2026, 1) == (D(2025, 12, 15), D(2026, 1, 14))
    assert P.window("quarter", 2026, 1) == (D(2025, 12, 15), D(2026, 3, 14))
    assert P.window("quarter", 2026, 4) == (D(2026, 9, 15), D(2026, 12, 14))
    assert P.window("half", 2026, 1) == (D(2025, 12, 15), D(2026, 6, 14))
    assert P.window("half", 2026, 2) == (D(2026, 6, 15), D(2026, 12, 14))
    assert P.window("year", 2026) == (D(2025, 12, 15), D(2026, 12, 14))
    assert P.window("quarter", 2026, 2, "calendar") == (D(2026, 4, 1), D(2026, 6, 30))
    assert P.window("year", 2026, 1, "calendar") == (D(2026, 1, 1), D(2026, 12, 31))


# --------------------------------------------------------------------------- seeds


def _plan_like(plan):
    meta = plan.meta
    return SimpleNamespace(title=meta.title or "", date=dt.date.fromisoformat(meta.date) if meta.date else None,
                           published_at=None, created_at=None)


def _deadlines(plan):
    return [SimpleNamespace(period=r.period, due=dt.date.fromisoformat(r.due) if r.due else None, to=r.to or "", pk=n)
            for n, r in enumerate(plan.reports)]


def _tasks(plan):
    def day(value):
        return dt.date.fromisoformat(value) if value else None

    return [SimpleNamespace(recurrence=t.recurrence or "", outputs=[o.model_dump(mode="json") for o in t.outputs],
                            start=day(t.start), end=day(t.end), timeframe=t.timeframe or "", ref=t.id)
            for t in plan.tasks]


@pytest.fixture(scope="module")
def seeds(shared):
    import kehoach

    return {path.name[:3]: kehoach.extract(path) for path in sorted((shared / "seeds").glob("*.txt"))}


def test_every_seed_regime_gives_its_periods(seeds):
    assert set(seeds) == {"000", "001", "002", "003", "004"}
    found = {}
    for name, plan in seeds.items():
        found[name] = P.regime_specs(_plan_like(plan), _deadlines(plan))
    # 000, 002, 003: "định kỳ hoặc khi có yêu cầu" — no dated regime, ad-hoc periods only.
    for name in ("000", "002", "003"):
        assert found[name] == [], name
    # 001: one annual report before 15/11/2026, on the Nghị định 09 window to 14/12: an estimate.
    (year,) = found["001"]
    assert (year.key, year.kind, year.due) == ("2026-Y", "year", D(2026, 11, 15))
    assert (year.window_start, year.window_end) == (D(2025, 12, 15), D(2026, 12, 14))
    assert year.due < year.window_end
    # 004: 6-month before 15/6/2026 and annual before 25/11/2026.
    keys = {(s.key, s.due, s.window_start, s.window_end) for s in found["004"]}
    assert keys == {("2026-H1", D(2026, 6, 15), D(2025, 12, 15), D(2026, 6, 14)),
                    ("2026-Y", D(2026, 11, 25), D(2025, 12, 15), D(2026, 12, 14))}
    assert all(s.report_to for s in found["004"])


def test_recurring_tasks_of_seed_001_give_monthly_and_quarterly_slots(seeds):
    plan = seeds["001"]
    specs = P.slot_specs(_plan_like(plan), _tasks(plan), taken={"2026-Y"})
    keys = {s.key for s in specs}
    assert {f"2026-Q{q}" for q in range(1, 5)} <= keys  # "01 số/quý" over the year: four quarters
    assert {f"2026-M{m:02d}" for m in range(1, 13)} <= keys  # its monthly task
    quarter = next(s for s in specs if s.key == "2026-Q2")
    assert quarter.source == "recurring" and not quarter.expects_reports
    assert any(o.get("per") == "quý" for t in quarter.tasks for o in t.outputs)


def test_dates_a_task_does_not_state_come_from_the_plan():
    plan = SimpleNamespace(title="Kế hoạch công tác thông tin đối ngoại năm 2026", date=D(2026, 1, 12),
                           published_at=None, created_at=None)
    assert P.plan_span(plan) == (D(2026, 1, 1), D(2026, 12, 31))
    assert P.plan_span(SimpleNamespace(title="Về Đại hội", date=D(2025, 9, 29), published_at=None, created_at=None)) == \
        (D(2025, 9, 29), D(2025, 12, 31))
    assert P.plan_span(SimpleNamespace(title="giai đoạn 2026 - 2030", date=None, published_at=None, created_at=None)) == \
        (D(2026, 1, 1), D(2030, 12, 31))
    undated = SimpleNamespace(start=None, end=None, recurrence="", timeframe="")
    assert P.task_dates(undated, P.plan_span(plan)) == (D(2026, 1, 1), D(2026, 12, 31))


# --------------------------------------------------------------------------- the database


@pytest.mark.django_db
def test_the_sample_plan_gets_its_periods_once(published_sample, periods):
    from kehoach.web.reporting.models import Period

    assert {"2026-H1", "2026-Y", "2026-Q1", "2026-Q4", "2026-M01", "2026-M12"} <= set(periods)
    half, year = periods["2026-H1"], periods["2026-Y"]
    assert (half.due, half.window_end, half.expects_reports) == (D(2026, 6, 15), D(2026, 6, 14), True)
    assert year.needs_estimate and not half.needs_estimate
    assert not periods["2026-Q2"].expects_reports  # slots count outputs unless the plan collects them
    count = Period.objects.count()
    P.sync_periods(published_sample)
    assert Period.objects.count() == count
    # An edited period keeps its edits when the periods are synced again.
    from kehoach.web.reporting.services import update_period

    update_period(half, {"due": D(2026, 6, 12)}, None)
    P.sync_periods(published_sample)
    half.refresh_from_db()
    assert half.due == D(2026, 6, 12)


@pytest.mark.django_db
def test_the_plan_can_choose_calendar_windows(published_sample, admin_client):
    from kehoach.web.reporting.models import Period

    P.sync_periods(published_sample)
    response = admin_client.post(f"/reporting/plans/{published_sample.pk}/", {
        "action": "settings", "doc_format": "state", "window_rule": "calendar", "lock_after_days": "10",
        "remind_days_before": "5"})
    assert response.status_code == 302
    half = Period.objects.get(plan=published_sample, key="2026-H1")
    assert (half.window_start, half.window_end) == (D(2026, 1, 1), D(2026, 6, 30))
    assert half.lock_days() == 10


@pytest.mark.django_db
def test_ad_hoc_periods_for_a_plan_without_a_dated_regime(published_sample, admin_user):
    from kehoach.web.reporting.services import ReportingError

    first = P.open_adhoc(published_sample, label_text="Báo cáo sơ kết quý I", window_start=D(2026, 1, 1),
                         window_end=D(2026, 3, 31), due=D(2026, 4, 5), user=admin_user)
    second = P.open_adhoc(published_sample, label_text="Báo cáo phục vụ đoàn kiểm tra", window_start=D(2026, 1, 1),
                          window_end=D(2026, 5, 31), due=D(2026, 6, 2), user=admin_user)
    assert (first.key, second.key) == ("adhoc-1", "adhoc-2")
    with pytest.raises(ReportingError) as error:
        P.open_adhoc(published_sample, label_text="x", window_start=D(2026, 5, 1), window_end=D(2026, 4, 1),
                     due=D(2026, 6, 1))
    assert error.value.field == "window_end"
    assert P.find_period(published_sample, "adhoc-2") == second
    assert P.find_period(published_sample, "6 tháng đầu năm 2026").key == "2026-H1"


@pytest.mark.django_db
def test_who_reports_what_partners_and_groups(published_sample, half, unit):
    from kehoach.web.reporting.scope import expected_parts

    parts = {u.name: p for u, p in expected_parts(half).items()}
    roles = {(p.task.ref, p.role) for p in parts["Sở Ngoại vụ"]}
    assert ("II.2.a", "lead") in roles and ("II.3", "partner") in roles and ("II.4", "co_lead") in roles
    # "Ủy ban nhân dân các xã, phường" stands for each commune and ward of the province.
    assert {"UBND phường Một", "UBND xã Hai"} <= set(parts)
    assert {p.task.ref for p in parts["UBND xã Hai"]} >= {"II.7"}
    # II.1 (Quý I) is in the first half, not covered by a third-quarter slot or beyond its window.
    assert any(p.task.ref == "II.1" for p in parts["Sở Văn hóa, Thể thao và Du lịch"])


@pytest.mark.django_db
def test_counted_outputs_per_period_and_continuous_tasks(published_sample, year, on_day):
    from kehoach.web.reporting.outputs import tally
    from kehoach.web.reporting.progress import status_of

    on_day(D(2026, 11, 26))
    bulletin = published_sample.tasks.get(ref="II.4")  # 01 số/quý, Hằng quý
    entries = [{"label": f"Bản tin số {n}", "date": D(2026, 3 * n - 1, 20)} for n in (1, 2, 3)]
    (count,) = tally(bulletin, year.window_start, year.window_end, entries=entries, as_of=D(2026, 11, 26))
    assert (count.planned, count.delivered, count.missing) == (4, 3, ["Quý IV/2026"])
    assert count.text() == "03/04 số (còn thiếu: Quý IV/2026)"
    classes = published_sample.tasks.get(ref="II.2.a")  # 02 lớp in Quý II, III
    (total,) = tally(classes, year.window_start, year.window_end, entries=[{"label": "Lớp 1", "date": D(2026, 5, 5)}])
    assert (total.planned, total.delivered) == (2, 1)
    continuous = published_sample.tasks.get(ref="II.5.a")  # Thường xuyên
    assert status_of("dang_thuc_hien", None, continuous, D(2030, 1, 1)) == "dang_thuc_hien"
    assert status_of("dang_thuc_hien", None, classes, D(2026, 11, 26)) == "qua_han"
