"""Press accreditation: the public form (rate-limited), the accreditation role alone sees personal
data, approval numbers badges, the badge PDF, the gate's verification page, retention."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kehoach.web.outputs.models import Accreditation, AccreditationEvent, AccreditationStatus
from kehoach.web.plans.models import AuditEntry
from kehoach.web.outputs.services import set_accreditation_role

pytestmark = pytest.mark.django_db
NAME = "Phạm Thị Thử Nghiệm"


@pytest.fixture
def congress(db):
    today = timezone.localdate()
    return AccreditationEvent.objects.create(name="Đại hội đại biểu Đảng bộ tỉnh", slug="dai-hoi",
                                             starts_on=today + dt.timedelta(days=10), ends_on=today + dt.timedelta(days=12),
                                             venue="Hội trường", retention_days=30)


@pytest.fixture
def staff_client(viewer):
    set_accreditation_role(viewer, True)
    client = Client()
    client.force_login(viewer)
    return client


def _photo() -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (900, 1200), (120, 160, 200)).save(out, "JPEG")
    return SimpleUploadedFile("me.jpg", out.getvalue(), content_type="image/jpeg")


def _apply(client, congress, **extra):
    data = {"full_name": NAME, "agency": "Báo Thử", "position": "Phóng viên", "press_card": "TN-12345", "foreign": "",
            "email": "pv@example.vn", "phone": "0900000000", "consent": "on", "website": "", **extra}
    return client.post(reverse("outputs:accreditation_apply", args=[congress.slug]), data)


def test_public_application_then_rate_limit(congress):
    client = Client()
    assert client.get(reverse("outputs:accreditation_apply", args=[congress.slug])).status_code == 200
    response = _apply(client, congress, photo=_photo())
    assert response.status_code == 302
    application = Accreditation.objects.get()
    assert application.status == AccreditationStatus.PENDING and application.full_name == NAME
    from PIL import Image

    with Image.open(application.photo.open("rb")) as image:  # re-encoded, shrunk
        assert max(image.size) <= 600
    # The audit log names the application, never the person.
    assert NAME not in str(list(AuditEntry.objects.values_list("object_repr", "after")))
    for _ in range(4):
        assert _apply(client, congress).status_code == 302
    refused = _apply(client, congress)
    assert refused.status_code == 429 and Accreditation.objects.count() == 5
    # Without consent, nothing is stored and the field is named.
    other = Client(REMOTE_ADDR="10.0.0.9")
    response = _apply(other, congress, consent="")
    assert response.status_code == 400 and Accreditation.objects.count() == 5


def test_a_unit_officer_and_an_admin_cannot_see_applicants_personal_data(congress, officer_client, admin_client, staff_client):
    _apply(Client(), congress, photo=_photo())
    application = Accreditation.objects.get()
    for client in (officer_client, admin_client):
        home = client.get(reverse("outputs:accreditation_home") + f"?event={congress.slug}")
        assert home.status_code == 200 and NAME not in home.content.decode() and "TN-12345" not in home.content.decode()
        for name in ("application_detail", "application_photo", "badge_pdf"):
            assert client.get(reverse(f"outputs:{name}", args=[application.pk])).status_code == 404
        assert client.get(reverse("outputs:accredited_export", args=[congress.slug, "csv"])).status_code == 404
    assert NAME in staff_client.get(reverse("outputs:accreditation_home") + f"?event={congress.slug}").content.decode()
    assert staff_client.get(reverse("outputs:application_photo", args=[application.pk]))["Content-Type"] == "image/jpeg"


def test_approve_badge_verify_and_export(congress, staff_client):
    _apply(Client(), congress, photo=_photo())
    application = Accreditation.objects.get()
    response = staff_client.post(reverse("outputs:application_detail", args=[application.pk]), {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == AccreditationStatus.APPROVED and application.badge_number == 1
    pdf = staff_client.get(reverse("outputs:badge_pdf", args=[application.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert len(staff_client.get(reverse("outputs:event_badges", args=[congress.slug])).content) > 1000
    # The gate: anyone learns whether the badge is valid; only staff see whose it is.
    url = reverse("outputs:verify", args=[application.token])
    public = Client().get(url).content.decode()
    assert "VALID" in public or "HỢP LỆ" in public
    assert NAME not in public and "001" in public
    assert NAME in staff_client.get(url).content.decode()
    assert Client().get(reverse("outputs:verify", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404
    rows = staff_client.get(reverse("outputs:accredited_export", args=[congress.slug, "csv"])).content.decode("utf-8-sig")
    assert NAME in rows and "TN-12345" in rows
    # Rejected afterwards: the badge no longer verifies.
    staff_client.post(reverse("outputs:application_detail", args=[application.pk]), {"decision": "reject", "reason": "trùng"})
    assert "NOT VALID" in Client().get(url).content.decode() or "KHÔNG HỢP LỆ" in Client().get(url).content.decode()


def test_personal_data_is_deleted_after_the_retention_period(congress):
    _apply(Client(), congress, photo=_photo())
    application = Accreditation.objects.get()
    photo = application.photo.path
    call_command("kehoach_purge_accreditation", stdout=io.StringIO())
    assert Accreditation.objects.count() == 1  # not yet
    congress.ends_on = timezone.localdate() - dt.timedelta(days=31)
    congress.starts_on = congress.ends_on - dt.timedelta(days=2)
    congress.save()
    out = io.StringIO()
    call_command("kehoach_purge_accreditation", stdout=out)
    assert "1 applications deleted" in out.getvalue()
    assert Accreditation.objects.count() == 0
    import os

    assert not os.path.exists(photo)
    congress.refresh_from_db()
    assert congress.purged_counts == {"pending": 1} and congress.purged_at is not None
    assert Client().get(reverse("outputs:accreditation_apply", args=[congress.slug])).status_code == 410
