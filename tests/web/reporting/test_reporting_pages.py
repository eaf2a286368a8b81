"""The reporting pages render for the roles that may see them, with the dashboard's figures;
the outputs registry other apps use; the task_progress interface."""
from __future__ import annotations

import datetime as dt

import pytest

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(half, unit, officer, fill, on_day):
    from kehoach.web.reporting.services import ensure_report, save

    on_day(D(2026, 6, 10))
    report = ensure_report(half, unit("Sở Ngoại vụ"))
    lead = report.items.filter(role="lead").first()
    save(report, fill(report, **{f"i{lead.pk}-status": "hoan_thanh", f"i{lead.pk}-completed_on": "2026-06-01"}),
         officer, submit=True)
    return report


def test_dashboard_home_and_plan_pages(half, submitted, admin_client, viewer_client, officer_client, published_sample, on_day):
    on_day(D(2026, 6, 20))
    page = admin_client.get(f"/reporting/periods/{half.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Sở Ngoại vụ" in html
    figures = page.context["figures"]
    assert figures.received == 1 and figures.on_time == 1 and figures.expected > 5
    assert figures.missing == figures.expected - 1  # past the due date: the rest have not reported
    plan_fig = page.context["plan_fig"]
    assert sum(plan_fig.four_way.values()) == plan_fig.total
    assert viewer_client.get(f"/reporting/periods/{half.pk}/").status_code == 200
    assert viewer_client.get(f"/reporting/periods/{half.pk}/consolidated/").status_code == 403
    printable = admin_client.get(f"/reporting/periods/{half.pk}/print/")
    assert printable.status_code == 200 and "<header class=\"top\"" not in printable.content.decode()
    # An officer is sent to their own report.
    redirect = officer_client.get(f"/reporting/periods/{half.pk}/")
    assert redirect.status_code == 302 and f"/units/{submitted.unit_id}/" in redirect["Location"]
    assert admin_client.get(f"/reporting/plans/{published_sample.pk}/").status_code == 200
    home = officer_client.get("/reporting/")
    assert home.status_code == 200 and half.label in home.content.decode()
    assert admin_client.get("/reporting/").status_code == 200
    assert admin_client.get("/reporting/calendar/").status_code == 200


def test_the_english_interface(half, admin_client):
    admin_client.cookies["django_language"] = "en"
    html = admin_client.get(f"/reporting/periods/{half.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Who has reported" in html
    admin_client.cookies["django_language"] = "vi"
    html = admin_client.get(f"/reporting/periods/{half.pk}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Đơn vị đã báo cáo" in html


def test_registered_sources_count_towards_the_outputs(published_sample, year, submitted):
    from kehoach.web.reporting import outputs

    bulletin = published_sample.tasks.get(ref="II.4")

    def press(task, start, end):
        if task.pk != bulletin.pk:
            return []
        return [{"kind": "publication", "label": "Bản tin Lâm Viên hội nhập số 3", "date": D(2026, 8, 1),
                 "url": "https://example.org/3"}]

    outputs.register_delivered_source(press)
    outputs.register_delivered_source(press)  # once only
    try:
        found = outputs.delivered(bulletin, year.window_start, year.window_end)
        assert [e["label"] for e in found if e["kind"] == "publication"] == ["Bản tin Lâm Viên hội nhập số 3"]
        (count,) = outputs.tally(bulletin, year.window_start, year.window_end, as_of=D(2026, 11, 26))
        assert count.delivered == 1 and "Quý III/2026" not in count.missing and "Quý I/2026" in count.missing
        assert outputs.delivered(bulletin, D(2026, 9, 1), D(2026, 9, 30)) == []
    finally:
        outputs.unregister_delivered_source(press)
    assert outputs.delivered(bulletin, year.window_start, year.window_end) == []


def test_task_progress_without_any_report_follows_the_dates(published_sample, on_day):
    from kehoach.web.reporting.progress import task_progress

    on_day(D(2026, 11, 26))
    task = published_sample.tasks.get(ref="II.2.b")  # due 30/9/2026
    assert task_progress(task) == {"status": "qua_han", "percent": None, "as_of": None, "period": None}
    continuous = published_sample.tasks.get(ref="II.5.a")
    assert task_progress(continuous)["status"] == "chua_trien_khai"


def _entries(text: str):
    """(msgid, msgstr) of each entry of a .po file (plural entries give msgstr[0])."""
    import ast
    import re

    out = []
    for block in text.split("\n\n"):
        fields, key = {}, None
        for line in block.splitlines():
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[0\])?)\s+(".*")$', line)
            if match:
                key = match.group(1)
                fields[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if fields.get("msgid"):
            out.append((fields["msgid"], fields.get("msgstr", fields.get("msgstr[0]", ""))))
    return out


def test_the_reporting_catalogue_is_complete_and_compiled():
    import gettext
    from pathlib import Path

    import kehoach.web.reporting

    folder = Path(kehoach.web.reporting.__file__).parent / "locale" / "vi" / "LC_MESSAGES"
    text = (folder / "django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    entries = _entries(text)
    assert len(entries) > 200 and [m for m, s in entries if not s] == []
    with (folder / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for msgid, msgstr in entries:
        assert catalogue.gettext(msgid) == msgstr or catalogue.ngettext(msgid, msgid, 1) == msgstr, msgid
