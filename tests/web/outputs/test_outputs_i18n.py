"""The outputs app's Vietnamese catalogue: every message translated, the shipped .mo matches the
.po, and the pages render in Vietnamese by default."""
from __future__ import annotations

import gettext
from pathlib import Path

import pytest

import kehoach.web.outputs
from test_i18n import _entries

PO = Path(kehoach.web.outputs.__file__).parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_every_message_is_translated_and_the_mo_matches():
    entries = _entries(PO.read_text(encoding="utf-8"))
    assert len(entries) > 250
    assert [e["msgid"] for e in entries if not (e.get("msgstr") or e.get("msgstr[0]"))] == []
    with MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for entry in entries:
        if "msgid_plural" in entry:
            assert catalogue.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[0]"]
        else:
            assert catalogue.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


@pytest.mark.django_db
def test_pages_speak_vietnamese_by_default(admin_client):
    from django.urls import reverse

    page = admin_client.get(reverse("outputs:coverage")).content.decode()
    assert "Báo chí viết về tỉnh" in page and "Sản phẩm & báo chí" in page
