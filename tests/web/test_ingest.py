"""Ingestion: a file becomes one draft in one transaction; bad files are refused by name."""
from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage

from kehoach.web.plans.models import Assignment, AuditEntry, Plan, PlanStatus, Reference, ReportDeadline, Task
from kehoach.web.plans.services.files import NoTextLayer, UploadError
from kehoach.web.plans.services.ingest import ingest

pytestmark = pytest.mark.django_db


def test_sample_plan_becomes_a_draft_with_its_tasks_units_and_deadlines(admin_user, sample_bytes, unit):
    import kehoach

    expected = kehoach.extract(sample_bytes.decode("utf-8"))
    result = ingest(sample_bytes, "sample_plan.txt", admin_user)
    plan = result.plan
    assert result.created
    assert plan.status == PlanStatus.DRAFT
    assert plan.number == "45/KH-SVHTTDL"
    assert plan.date.isoformat() == "2026-01-12"
    assert plan.tasks.count() == len(expected.tasks)
    assert [t.ref for t in plan.tasks.order_by("position")] == [t.id for t in expected.tasks]
    assert plan.references.count() == len(expected.references)
    assert plan.report_deadlines.count() == len(expected.reports)
    # The reader's JSON is kept exactly as it came.
    assert plan.extracted["tasks"][0]["text"] == expected.tasks[0].text
    # Names the registry knows resolve at once; the Sở Ngoại vụ leads II.2.a.
    task = plan.tasks.get(ref="II.2.a")
    lead = task.assignments.get(role="lead")
    assert lead.unit == unit("Sở Ngoại vụ")
    assert task.outputs == [{"quantity": 2, "unit": "lớp", "per": None}]
    assert task.start.isoformat() == "2026-04-01" and task.end.isoformat() == "2026-09-30"
    # Every task's passage was found in the source, and it reads like the task.
    for t in plan.tasks.all():
        assert t.source_start is not None, t.ref
        passage = plan.source_text[t.source_start : t.source_end]
        assert passage.split()[0] in t.text
    assert plan.sections["II"] == "Nhiệm vụ"
    assert default_storage.exists(plan.file.name)
    assert AuditEntry.objects.filter(action="ingest", plan=plan, user=admin_user).count() == 1


def test_the_same_file_again_is_recognised_not_duplicated(admin_user, sample_bytes):
    first = ingest(sample_bytes, "sample_plan.txt", admin_user)
    again = ingest(sample_bytes, "renamed copy.txt", admin_user)
    assert not again.created
    assert again.plan.pk == first.plan.pk
    assert Plan.objects.count() == 1
    assert "already uploaded" in again.message


def _stored(settings) -> set:
    return {p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()} if settings.MEDIA_ROOT.exists() else set()


def test_a_failure_half_way_leaves_no_rows_and_no_file(admin_user, sample_bytes, monkeypatch, settings):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    before = _stored(settings)
    monkeypatch.setattr(ReportDeadline.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        ingest(sample_bytes, "sample_plan.txt", admin_user)
    assert Plan.objects.count() == Task.objects.count() == Assignment.objects.count() == Reference.objects.count() == 0
    assert not AuditEntry.objects.filter(action="ingest").exists()
    assert _stored(settings) == before


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "data, name, reason",
    [
        (b"", "empty.txt", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "scan.png", "PNG image"),
        (b"MZ\x90\x00" + b"\0" * 100, "setup.txt", "Windows program"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.doc", ".docx"),
        (b"KE HOACH\n1. Something", "table.xlsx", "unsupported file type"),
        (_zip({"readme.txt": b"hello"}), "archive.docx", "not a readable Word document"),
        (b"just a shopping list\nmilk\neggs\n", "list.txt", "not a plan"),
    ],
)
def test_bad_files_are_refused_with_their_name_and_reason(admin_user, data, name, reason):
    with pytest.raises(UploadError) as error:
        ingest(data, name, admin_user)
    assert name in str(error.value)
    assert reason in str(error.value)
    assert Plan.objects.count() == 0


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(admin_user):
    bomb = _zip({"word/document.xml": b"<w:document/>", "word/media/big.bin": b"\0" * (60 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024  # small on disk…
    with pytest.raises(UploadError, match="zip bomb"):
        ingest(bomb, "bomb.docx", admin_user)
    assert Plan.objects.count() == 0


def test_an_oversize_file_is_refused(admin_user, settings):
    settings.KEHOACH_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(UploadError, match=r"big\.txt: too large .* limit is"):
        ingest(b"x" * 1001, "big.txt", admin_user)


def test_a_pdf_without_text_layer_points_to_ocr(admin_user):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    with pytest.raises(NoTextLayer) as error:
        ingest(out.getvalue(), "scan.pdf", admin_user)
    assert "scan.pdf" in str(error.value) and "no text layer" in str(error.value) and "OCR" in str(error.value)
    assert Plan.objects.count() == 0


def test_a_word_file_is_read_and_its_text_shown(admin_user, sample_bytes, tmp_path):
    import docx

    document = docx.Document()
    for line in sample_bytes.decode("utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "ke_hoach.docx"
    document.save(path)
    plan = ingest(path.read_bytes(), "ke_hoach.docx", admin_user).plan
    assert plan.file_format == "docx"
    assert plan.tasks.count() >= 15
    assert "Sở Ngoại vụ" in plan.source_text


def test_references_link_to_plans_in_the_database_both_ways(admin_user, sample_bytes):
    implementing = (
        "UBND XÃ HAI\nSố: 03/KH-UBND\nXã Hai, ngày 20 tháng 01 năm 2026\n"
        "KẾ HOẠCH\nThực hiện thông tin đối ngoại năm 2026\n"
        "Thực hiện Kế hoạch số 45/KH-SVHTTDL ngày 12/01/2026 của Sở Văn hóa, Thể thao và Du lịch;\n"
        "I. NHIỆM VỤ\n1. Văn phòng Ủy ban nhân dân xã chủ trì tuyên truyền trên hệ thống truyền thanh xã.\n"
    ).encode()
    child = ingest(implementing, "xa_hai.txt", admin_user).plan  # before its parent exists
    ref = child.references.get(number="45/KH-SVHTTDL")
    assert ref.target is None
    parent = ingest(sample_bytes, "sample_plan.txt", admin_user).plan
    ref.refresh_from_db()
    assert ref.target == parent
