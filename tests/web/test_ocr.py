"""A scanned PDF: the upload page offers OCR; the OCR job renders the pages and runs Tesseract."""
from __future__ import annotations

import io
import shutil

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def blank_pdf(pages: int = 2) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_pages_render_to_images_tesseract_reads(tmp_path, require):
    from kehoach.web.plans.services.ocr import _render

    pages = _render(blank_pdf(2), tmp_path)
    assert len(pages) == 2
    header = pages[0].read_bytes()[:20]
    assert header.startswith(b"P5\n2480 3509\n255\n")  # A4 at 300 dpi, 8-bit grey
    require(shutil.which("tesseract") is not None, "tesseract is not installed (make apt-deps)")
    from kehoach.web.plans.services.ocr import ocr_pdf

    seen = []
    text = ocr_pdf(blank_pdf(1), "blank.pdf", lambda done, total, message: seen.append((done, total)))
    assert text.strip() == ""  # a blank page reads as nothing, without error
    assert seen[-1] == (1, 1)


def test_a_scan_upload_offers_ocr_and_the_job_reports_its_outcome(admin_client, require):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kehoach.web.plans.models import Job, Plan
    from kehoach.web.plans.services.ocr import available

    require(available() is None, f"OCR is not available: {available()}")
    response = admin_client.post(reverse("plan_upload"), {"files": SimpleUploadedFile("scan.pdf", blank_pdf(1))})
    assert response.status_code == 400
    page = response.content.decode()
    assert "scan.pdf" in page and 'action="/plans/ocr/"' in page
    digest = response.context["ocr_offer"]["digest"]
    response = admin_client.post(reverse("plan_ocr"), {"digest": digest, "name": "scan.pdf"})
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert job.status == "failed"  # a blank scan holds no plan, and the job says so
    assert "scan.pdf" in job.message and "no text" in job.message
    assert Plan.objects.count() == 0
    assert admin_client.post(reverse("plan_ocr"), {"digest": "../../etc/passwd", "name": "x"}).status_code == 302
