"""The consolidated report: drafted from the units' reports, laid out as Nghị định 30/2020 (or
Hướng dẫn 36 for Party bodies) prescribes, read back with python-docx; the XLSX annex; the CLI."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil

import pytest

from kehoach.web.reporting.models import UnitReport

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(half, unit, admin_user, officer, fill, on_day):
    """The first half with three units' reports in: two on time, one late; others missing."""
    from kehoach.web.reporting.scope import expected_parts
    from kehoach.web.reporting.services import ensure_report, review, save

    on_day(D(2026, 6, 12))
    parts = expected_parts(half)
    chosen = {"Sở Ngoại vụ": ("hoan_thanh", D(2026, 6, 1)), "Sở Văn hóa, Thể thao và Du lịch": ("dang_thuc_hien", None),
              "Công an tỉnh": ("hoan_thanh", D(2026, 6, 10))}
    reports = {}
    for name, (status, done) in chosen.items():
        target = unit(name)
        report = ensure_report(half, target, parts[target])
        overrides = {}
        for item in report.items.filter(role__in=["lead", "co_lead"]):
            overrides[f"i{item.pk}-status"] = status
            overrides[f"i{item.pk}-completed_on"] = done.isoformat() if done else ""
            overrides[f"i{item.pk}-narrative"] = f"{name} đã thực hiện nhiệm vụ {item.task.ref}"
            if item.task.ref == "II.4":
                overrides[f"i{item.pk}-out0"] = "20/03/2026 – Bản tin số 1\n10/06/2026 – Bản tin số 2"
        if name == "Công an tỉnh":
            on_day(D(2026, 6, 17))  # after the 15/6 deadline
        save(report, fill(report, **overrides), officer, submit=True)
        reports[name] = report
    review(reports["Sở Ngoại vụ"], "accept", admin_user)
    on_day(D(2026, 6, 20))
    return reports


def _docx(period):
    from docx import Document

    from kehoach.web.reporting import consolidated

    data = consolidated.build(period)
    return data, Document(io.BytesIO(consolidated.render_docx(data)))


def test_the_consolidated_docx_has_the_official_layout_and_the_reports_figures(half, reported):
    from docx.shared import Cm

    data, document = _docx(half)
    header = document.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "UBND TỈNH THỬ NGHIỆM" in left.upper() or "UBND TỈNH LÂM VIÊN" in left
    assert "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" in left
    assert re.search(r"Số:\s+/BC-SVHTTDL", left)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert re.search(r", ngày \d\d tháng \d+ năm 2026", right)
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    subject = texts[texts.index("BÁO CÁO") + 1]
    assert subject.startswith("Kết quả thực hiện Kế hoạch số 45/KH-SVHTTDL") and "6 tháng đầu năm 2026" in subject
    headings = [t for t in texts if re.match(r"^(I|II|III|IV|V)\. [A-ZĐÀ-Ỹ ,]+$", t)]
    assert headings == ["I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", "II. KẾT QUẢ THỰC HIỆN", "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    # Figures: the status summary adds up and matches the reports; late and missing units named.
    figures = data["figures"]
    summary = next(t for t in texts if t.startswith("Trong kỳ báo cáo"))
    parts = {label: (int(x), int(y)) for label, x, y in
             re.findall(r"(hoàn thành đúng hạn|hoàn thành quá hạn|đang thực hiện trong hạn|quá hạn chưa hoàn thành) (\d+)/(\d+) nhiệm vụ", summary)}
    assert len(parts) == 4 and all(y == figures["tasks"] for _, y in parts.values())
    assert sum(x for x, _ in parts.values()) + figures["not_done"] == figures["tasks"]
    from kehoach.web.reporting.models import ReportItem

    done_on_time = {i.task_id for i in ReportItem.objects.filter(report__in=reported.values(), role__in=["lead", "co_lead"],
                                                                 status="hoan_thanh", completed_on__lte=D(2026, 6, 30))}
    assert parts["hoàn thành đúng hạn"][0] >= 1 and parts["hoàn thành đúng hạn"][0] <= len(done_on_time)
    assert re.search(r"\(\d+(,\d)?%\)", summary)
    reporting = next(t for t in texts if t.startswith("Tình hình gửi báo cáo"))
    assert f"3/{figures['expected_units']} đơn vị đã gửi báo cáo" in reporting
    assert "1 đơn vị gửi chậm: Công an tỉnh" in reporting
    assert "chưa gửi báo cáo" in reporting and "Sở Tài chính" in reporting
    # The unit's narrative and the outputs counted from its report.
    assert any("Sở Ngoại vụ: Sở Ngoại vụ đã thực hiện nhiệm vụ II.2.a" in t for t in texts)
    assert any("Sản phẩm: 02/02 số" in t for t in texts)
    closing = next(t for t in texts if t.startswith("Trên đây là báo cáo"))
    assert closing.endswith("./.")
    # Nơi nhận and the signature block, side by side.
    sign = document.tables[1]
    assert sign.rows[0].cells[0].text.startswith("Nơi nhận:") and "- Lưu: VT" in sign.rows[0].cells[0].text
    assert "KT. GIÁM ĐỐC" in sign.rows[0].cells[1].text and "Đinh Quang Vinh" in sign.rows[0].cells[1].text
    # The annex: STT, the column numbers, one row per task, totals equal to the body's.
    annex = document.tables[2]
    assert [c.text for c in annex.rows[0].cells] == ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Kết quả", "Tiến độ", "Sản phẩm"]
    assert [c.text for c in annex.rows[1].cells] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert len(annex.rows) == 2 + figures["tasks"] + 1
    assert f"Tổng cộng: {figures['tasks']} nhiệm vụ" in annex.rows[-1].cells[1].text
    done = figures["done_on_time"] + figures["done_late"]
    assert f"Hoàn thành {done}/{figures['tasks']}" in annex.rows[-1].cells[3].text
    # Font, sizes and page: Times New Roman 11–14 pt, A4, the decree's margins.
    runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs if r.text.strip()]
    assert runs and {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size.pt for r in runs} <= {11, 12, 13, 14}
    assert all(r.font.size.pt in (13, 14) for p in document.paragraphs if p.text.startswith(("Trong kỳ", "II.")) for r in p.runs)
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == 3.0 and round(section.right_margin.cm, 1) == 1.5
    assert Cm(2.0) <= section.top_margin <= Cm(2.5) and section.different_first_page_header_footer


def test_party_bodies_get_the_hd36_header(half, reported):
    from kehoach.web.reporting.periods import settings_for

    config = settings_for(half.plan)
    config.doc_format = "party"
    config.save()
    _data, document = _docx(half)
    left, right = (cell.text for cell in document.tables[0].rows[0].cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in right and "CỘNG HÒA" not in right
    assert "*" in left and re.search(r"Số\s+-BC", left) and "Số:" not in left
    assert re.search(r"ngày \d{1,2} tháng \d{1,2} năm 2026", right)


def test_edits_survive_until_drafted_again_and_conflicts_are_refused(half, reported, admin_client):
    from kehoach.web.reporting.models import ConsolidatedDraft

    page = admin_client.get(f"/reporting/periods/{half.pk}/consolidated/")
    assert page.status_code == 200
    draft = ConsolidatedDraft.objects.get(period=half)
    data = {"version": str(draft.version), "number": "Số: 07/BC-SVHTTDL", "section4": "- Tổ chức hội nghị sơ kết.",
            "to": "Ủy ban nhân dân tỉnh"}
    assert admin_client.post(f"/reporting/periods/{half.pk}/consolidated/", data).status_code == 302
    stale = admin_client.post(f"/reporting/periods/{half.pk}/consolidated/", {**data, "number": "Số: 08/BC-SVHTTDL"})
    assert stale.status_code == 409
    from docx import Document

    response = admin_client.get(f"/reporting/periods/{half.pk}/consolidated.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert "Số: 07/BC-SVHTTDL" in document.tables[0].rows[0].cells[0].text
    texts = [p.text for p in document.paragraphs]
    assert "- Tổ chức hội nghị sơ kết." in texts and "Kính gửi: Ủy ban nhân dân tỉnh." in texts
    xlsx = admin_client.get(f"/reporting/periods/{half.pk}/consolidated.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[3][:6] == ("STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Kết quả", "Tiến độ", "Sản phẩm")
    assert rows[-1][1].startswith("Tổng cộng: ")
    assert len(rows) == 5 + ConsolidatedDraft.objects.get(period=half).data["figures"]["tasks"] + 1


def test_the_cli_builds_the_report(half, reported, tmp_path, monkeypatch, capsys):
    from kehoach.commands import reporting as cli

    monkeypatch.setattr(cli, "_setup", lambda: None)  # the test database is set up already
    target, annex = tmp_path / "bc.docx", tmp_path / "pl.xlsx"
    assert cli.run_report(type("A", (), {"plan": "45/KH-SVHTTDL", "period": "2026-H1", "output": str(target),
                                         "xlsx": str(annex), "pdf": None, "fresh": True})()) == 0
    assert target.stat().st_size > 5000 and annex.stat().st_size > 3000
    assert "6 tháng đầu năm 2026" in capsys.readouterr().out
    assert cli.run_periods(type("A", (), {"plan": str(half.plan_id)})()) == 0
    listing = capsys.readouterr().out
    assert "2026-H1" in listing and "2026-Y" in listing and "estimate" in listing
    from kehoach.errors import KehoachError

    with pytest.raises(KehoachError, match="--period"):
        cli.run_report(type("A", (), {"plan": "45/KH-SVHTTDL", "period": "2031-Q9", "output": str(tmp_path / "x.docx"),
                                      "xlsx": None, "pdf": None, "fresh": True})())
    assert not (tmp_path / "x.docx").exists()


def test_pdf_through_libreoffice(half, reported, require):
    from kehoach.web.reporting import consolidated

    require(shutil.which("soffice") is not None, "LibreOffice (soffice) is not installed")
    pdf = consolidated.to_pdf(consolidated.render_docx(consolidated.build(half)))
    assert pdf.startswith(b"%PDF") and len(pdf) > 10000

